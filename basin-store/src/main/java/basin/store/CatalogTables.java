package basin.store;

import static basin.store.Column.Type.INTEGER;
import static basin.store.Column.Type.REAL;
import static basin.store.Column.Type.TEXT;
import static basin.store.Column.Type.VECTOR;
import static basin.store.RecordTable.count;

import basin.store.StartRecord.Curvature;
import basin.store.StartRecord.Effort;
import basin.store.StartRecord.Losses;
import basin.store.StartRecord.Outcome;
import java.util.List;
import java.util.function.Function;

/**
 * The catalog's own tables, each described once: {@link #STARTS}, {@link #MINIMA} and
 * {@link #MEMBERS}. The SQL, the row mapping, the exports and the column list in docs/catalog.md
 * all come from here.
 */
final class CatalogTables {
  private CatalogTables() {}

  // Columns shared by starts and minima (a minimum's numbers are its representative start's).
  static final Column OBJECTIVE = Column.of("objective", REAL,
      "Training objective at the point, including the L2 term: (1/n) sum_i loss_i + (lambda/2) ||w||^2; "
          + "what the optimizer minimized (named train_loss before schema version 3).");
  static final Column TRAIN_DATA_LOSS = Column.of("train_data_loss", REAL,
      "Training data loss without the L2 term, (1/n) sum_i loss_i; equals objective when lambda = 0. "
          + "NULL when unknown: rows migrated from schema version 2 of a study with l2 > 0.");
  static final Column TEST_LOSS = Column.of("test_loss", REAL,
      "Test data loss (no L2 term), so test_loss - train_data_loss is the generalization gap; NULL without a test set.");
  static final Column TRAIN_ACCURACY = Column.of("train_accuracy", REAL,
      "Training accuracy in [0, 1]; NULL when the model is not a classifier.");
  static final Column TEST_ACCURACY = Column.of("test_accuracy", REAL,
      "Test accuracy in [0, 1]; NULL when not a classifier or without a test set.");
  static final Column GRADIENT_NORM = Column.of("gradient_norm", REAL,
      "||grad f|| at the point; for a point certified on ReLU kinks the Clarke stationarity residual ||(I - P_U) g||.");
  static final Column SMALLEST_EIGENVALUE = Column.of("smallest_eigenvalue", REAL,
      "Smallest Hessian eigenvalue (on the kink manifold for points on kinks); NULL when not computed.");
  static final Column LARGEST_EIGENVALUE = Column.of("largest_eigenvalue", REAL,
      "Largest Hessian eigenvalue (sharpness); NULL when not computed.");
  static final Column NEGATIVE_COUNT = Column.of("negative_count", INTEGER,
      "Number of negative Hessian eigenvalues (plus concave kinks); NULL when not computed.");
  static final Column ZERO_COUNT = Column.of("zero_count", INTEGER,
      "Number of (near-)zero Hessian eigenvalues; NULL when not computed.");
  static final Column INDEX_FRACTION = Column.of("index_fraction", REAL,
      "negative_count / P; NULL when not computed.");
  static final Column PARAMETER_NORM = Column.of("parameter_norm", REAL,
      "||w||_2 of the parameters, derived from them (summed in index order); NULL when there are none.");
  static final Column PARAMETERS = Column.of("parameters", VECTOR,
      "The point's parameters w, P float64 little-endian, no header; NULL when not kept.");
  static final Column CANONICAL = Column.of("canonical", VECTOR,
      "Canonical form of the parameters (their representative modulo the network's symmetries), same encoding.");

  private static <R> RecordTable.Builder<R> losses(RecordTable.Builder<R> b, Function<R, Losses> losses) {
    return b.column(OBJECTIVE, r -> losses.apply(r).objective())
        .column(TRAIN_DATA_LOSS, r -> losses.apply(r).trainDataLoss())
        .column(TEST_LOSS, r -> losses.apply(r).testLoss())
        .column(TRAIN_ACCURACY, r -> losses.apply(r).trainAccuracy())
        .column(TEST_ACCURACY, r -> losses.apply(r).testAccuracy());
  }

  private static <R> RecordTable.Builder<R> curvature(RecordTable.Builder<R> b, Function<R, Curvature> curvature) {
    return b.column(SMALLEST_EIGENVALUE, r -> curvature.apply(r).smallestEigenvalue())
        .column(LARGEST_EIGENVALUE, r -> curvature.apply(r).largestEigenvalue())
        .column(NEGATIVE_COUNT, r -> count(curvature.apply(r).negativeCount()))
        .column(ZERO_COUNT, r -> count(curvature.apply(r).zeroCount()))
        .column(INDEX_FRACTION, r -> curvature.apply(r).indexFraction());
  }

  private static Losses losses(Row row) {
    return new Losses(row.getDouble(OBJECTIVE.name()), row.getDouble(TRAIN_DATA_LOSS.name()),
        row.getDouble(TEST_LOSS.name()), row.getDouble(TRAIN_ACCURACY.name()), row.getDouble(TEST_ACCURACY.name()));
  }

  private static Curvature curvature(Row row) {
    return new Curvature(row.getDouble(SMALLEST_EIGENVALUE.name()), row.getDouble(LARGEST_EIGENVALUE.name()),
        row.getInt(NEGATIVE_COUNT.name(), StartRecord.UNKNOWN_COUNT), row.getInt(ZERO_COUNT.name(), StartRecord.UNKNOWN_COUNT),
        row.getDouble(INDEX_FRACTION.name()));
  }

  /** One row per finished start. */
  static final RecordTable<StartRecord> STARTS;

  static {
    RecordTable.Builder<StartRecord> b = new RecordTable.Builder<StartRecord>()
        .column(Column.required("start_index", INTEGER,
            "Index of the start, >= 0: the key; a start is a pure function of (spec, master seed, start index)."),
            StartRecord::startIndex)
        .column(Column.required("seed", INTEGER, "The start's own seed, derived from (master seed, start index)."),
            StartRecord::seed)
        .column(Column.required("status", TEXT, "How the optimizer run ended (its status name, e.g. CONVERGED)."),
            r -> r.outcome().status())
        .column(Column.of("class", TEXT,
            "Critical-point class from certification (STRICT_MINIMUM, SADDLE, ...); NULL when not certified."),
            r -> r.outcome().criticalClass());
    losses(b, StartRecord::losses)
        .column(GRADIENT_NORM, r -> r.outcome().gradientNorm())
        .column(Column.required("iterations", INTEGER, "Optimizer iterations."), r -> r.effort().iterations())
        .column(Column.required("gradient_evaluations", INTEGER, "Full-gradient evaluations (optimizer, including minibatch ones)."),
            r -> r.effort().gradientEvaluations())
        .column(Column.required("hvp_evaluations", INTEGER, "Hessian-vector products (optimizer and certification)."),
            r -> r.effort().hvpEvaluations());
    curvature(b, StartRecord::curvature)
        .column(Column.of("active_kinks", INTEGER,
            "(example, first-layer unit) pairs whose pre-activation is exactly zero at the certified point: 0 smooth, "
                + "> 0 on kinks; NULL without a certificate or in rows written before schema version 2."),
            r -> count(r.outcome().activeKinks()))
        .column(PARAMETER_NORM, StartRecord::parameterNorm)
        .column(Column.required("wall_ms", INTEGER, "Wall-clock time of the start, milliseconds.").exported(Column.Export.TIMING),
            r -> r.effort().wallMillis())
        .column(PARAMETERS.exported(Column.Export.NEVER), StartRecord::parameters)
        .column(CANONICAL.exported(Column.Export.NEVER), StartRecord::canonical);
    STARTS = b.build("starts", "One row per finished start, describing the certified point.", Table.Key.START, 1,
        List.of("CHECK (start_index >= 0)", "CHECK (active_kinks >= 0)"),
        row -> new StartRecord(row.getInt("start_index", -1), row.getLong("seed"),
            new Outcome(row.getText("status"), row.getText("class"), row.getDouble(GRADIENT_NORM.name()),
                row.getInt("active_kinks", StartRecord.UNKNOWN_COUNT)),
            losses(row), curvature(row),
            new Effort(row.getLong("iterations"), row.getLong("gradient_evaluations"), row.getLong("hvp_evaluations"),
                row.getLong("wall_ms")),
            row.getDouble(PARAMETER_NORM.name()), row.getVector(PARAMETERS.name()), row.getVector(CANONICAL.name())));
  }

  /** One row per distinct minimum (members in {@link #MEMBERS}); rows are read by {@link #minimum}. */
  static final RecordTable<MinimumRecord> MINIMA;

  static {
    RecordTable.Builder<MinimumRecord> b = new RecordTable.Builder<MinimumRecord>()
        .column(Column.required("minimum_id", INTEGER, "Id of the distinct minimum, >= 0: the key."), MinimumRecord::minimumId)
        .column(Column.required("representative_start", INTEGER,
            "The start whose certified point represents the minimum (the first member the clustering met, by start index); "
                + "the minimum's numbers are this start's."), MinimumRecord::representativeStart)
        .column(Column.required("hit_count", INTEGER, "Number of member starts (rows of minimum_members): the basin's weight."),
            MinimumRecord::hitCount);
    losses(b, MinimumRecord::losses).column(GRADIENT_NORM, MinimumRecord::gradientNorm);
    curvature(b, MinimumRecord::curvature)
        .column(Column.of("nearest_distance", REAL,
            "min over j != i of d(w_i, w_j), the distance modulo symmetry to the nearest other minimum's representative; "
                + "NULL when the minimum is alone."), MinimumRecord::nearestDistance)
        .column(PARAMETER_NORM, MinimumRecord::parameterNorm)
        .column(PARAMETERS, MinimumRecord::parameters)
        .column(CANONICAL, MinimumRecord::canonical);
    MINIMA = b.build("minima", "One row per distinct minimum; its numbers are those of its representative start.",
        Table.Key.MINIMUM, 1,
        List.of("CHECK (hit_count >= 1)", "FOREIGN KEY (representative_start) REFERENCES starts (start_index)"),
        null);
  }

  /** The minimum of a {@link #MINIMA} row with its members (from {@link #MEMBERS}). */
  static MinimumRecord minimum(Row row, int[] members) {
    return new MinimumRecord(row.getInt("minimum_id", -1), row.getInt("representative_start", -1), members, losses(row),
        row.getDouble(GRADIENT_NORM.name()), curvature(row), row.getDouble("nearest_distance"),
        row.getDouble(PARAMETER_NORM.name()), row.getVector(PARAMETERS.name()), row.getVector(CANONICAL.name()));
  }

  /** Which start belongs to which minimum: a start is in at most one. */
  static final Table MEMBERS = new Table("minimum_members",
      "One row per start that belongs to a distinct minimum (a start is in at most one).", Table.Key.START,
      List.of(Column.required("start_index", INTEGER, "The member start.")),
      List.of(Column.required("minimum_id", INTEGER, "The minimum it ended in.")),
      List.of("FOREIGN KEY (start_index) REFERENCES starts (start_index)",
          "FOREIGN KEY (minimum_id) REFERENCES minima (minimum_id)"));
}

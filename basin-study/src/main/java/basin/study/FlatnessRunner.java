package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.landscape.flatness.BasinRadius;
import basin.landscape.flatness.Directions;
import basin.landscape.flatness.FlatnessAnalysis;
import basin.landscape.flatness.FlatnessMeasures;
import basin.landscape.flatness.Sharpness;
import basin.landscape.symmetry.OrbitTangent;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a catalog's {@code flatness} table: for every distinct minimum, the curvature of the data
 * loss on the complement of its symmetry directions (largest eigenvalue, trace, Frobenius norm,
 * log-determinant of the positive part; exact from the dense Hessian up to 1000 parameters,
 * estimated above), the L2 term's share, epsilon-sharpness and adaptive sharpness (Keskar et al.
 * 2017), and the basin radius along many directions (docs/flatness.md).
 *
 * <p>Resumable: minima already in the table are skipped, each row is written in its own
 * transaction. Every number is a pure function of (spec, minimum, options): the seeds come from
 * the master seed and the minimum's representative start, so thread count and interruptions never
 * change a row.
 */
public final class FlatnessRunner {
  private FlatnessRunner() {}

  /** Seed stream of flatness probes, apart from the starts' seeds. */
  private static final long FLATNESS_STREAM = 0x7F4A7C15F1A7L;

  /**
   * What to measure.
   *
   * @param epsilon box half-width of the sharpness measures (Keskar et al. use 1e-3 and 5e-4)
   * @param directions directions of the basin radius (filter-normalized for networks, Gaussian otherwise)
   * @param delta the rise of the loss that ends a basin radius
   */
  public record Options(double epsilon, int directions, double delta) {
    public Options {
      if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) throw new InputException("--epsilon must be a finite number > 0, got " + epsilon);
      if (directions < 1) throw new InputException("--directions must be >= 1, got " + directions);
      if (!(delta > 0 && delta < Double.POSITIVE_INFINITY)) throw new InputException("--delta must be a finite number > 0, got " + delta);
    }

    /** epsilon 1e-3, 20 directions, delta 0.1. */
    public static Options defaults() {
      return new Options(1e-3, 20, 0.1);
    }
  }

  /** The table's description, one place for its columns. */
  public static final Table TABLE = Table.byMinimum("flatness",
      "Curvature of the data loss at each minimum on the complement of its symmetry directions, the L2 term's share, sharpness and basin radius.",
      List.of(
          Column.of("method", Column.Type.TEXT, "DENSE (exact, from the dense Hessian) or ESTIMATED (Lanczos, Hutchinson, stochastic Lanczos quadrature)."),
          Column.of("dimension", Column.Type.INTEGER, "Dimension of the space measured: P minus the symmetry directions set aside."),
          Column.of("symmetry_directions", Column.Type.INTEGER, "Symmetry directions of the data loss set aside (the orbit tangent's dimension)."),
          Column.of("lambda_max", Column.Type.REAL, "Largest Hessian eigenvalue of the data loss on the complement of the symmetry directions."),
          Column.of("trace", Column.Type.REAL, "Trace of the data-loss Hessian on that complement."),
          Column.of("trace_se", Column.Type.REAL, "Standard error of trace (0 when exact)."),
          Column.of("frobenius", Column.Type.REAL, "Frobenius norm of the data-loss Hessian on that complement."),
          Column.of("frobenius_se", Column.Type.REAL, "Standard error of frobenius (0 when exact)."),
          Column.of("log_det_positive", Column.Type.REAL, "Sum of log(lambda) over the eigenvalues above the positive threshold (1e-6)."),
          Column.of("log_det_se", Column.Type.REAL, "Standard error of log_det_positive (0 when exact)."),
          Column.of("positive_count", Column.Type.REAL, "Number of eigenvalues above the positive threshold (estimated: a real number)."),
          Column.of("l2", Column.Type.REAL, "The L2 strength lambda; the objective's Hessian is the data loss's plus lambda I."),
          Column.of("lambda_max_objective", Column.Type.REAL, "Largest eigenvalue of the whole objective's Hessian (data loss plus L2), on all P directions."),
          Column.of("epsilon", Column.Type.REAL, "Box half-width of the sharpness measures."),
          Column.of("epsilon_sharpness", Column.Type.REAL,
              "Keskar et al. 2017: 100 max (f(x + y) - f(x)) / (1 + f(x)) over |y_i| <= epsilon (|x_i| + 1), of the objective, full space (a lower bound: a local maximum)."),
          Column.of("adaptive_sharpness", Column.Type.REAL, "The same over |y_i| <= epsilon |x_i|: invariant to ReLU rescaling."),
          Column.of("radius_delta", Column.Type.REAL, "The rise of the objective that ends a basin radius."),
          Column.of("radius_directions", Column.Type.INTEGER, "Directions of the basin radius: filter-normalized for networks (Li et al. 2018), unit Gaussian otherwise."),
          Column.of("radius_median", Column.Type.REAL, "Median distance along the directions until the objective rises by radius_delta (Infinity beyond 100)."),
          Column.of("radius_q05", Column.Type.REAL, "5% quantile of the radii."),
          Column.of("radius_q95", Column.Type.REAL, "95% quantile of the radii."),
          Column.of("radius_beyond_cap", Column.Type.INTEGER, "Directions along which the objective did not rise by radius_delta within distance 100."),
          Column.of("hessian_vector_products", Column.Type.INTEGER, "Hessian-vector products the spectral measures used (0 when dense)."),
          new Column("wall_ms", Column.Type.INTEGER, true, "wall_ms", Column.Export.TIMING, "Wall time of this minimum's measures, milliseconds.")));

  /** What one call did. */
  public record RunStats(int minima, int alreadyDone, int measured, long wallNanos) {}

  /**
   * Measures every minimum of the catalog not yet in its flatness table.
   *
   * @param catalogFile a study's catalog (written by {@code basin sample})
   * @param baseDirectory where relative file names of the spec resolve (the catalog's directory when null)
   * @param options what to measure
   * @param progress called after each measured minimum, or null
   */
  public static RunStats run(Path catalogFile, Path baseDirectory, Options options, StudyRunner.Progress progress) {
    long t0 = System.nanoTime();
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
      StudySubject subject = StudySubjects.ofCatalog(catalog, catalogFile, baseDirectory, "flatness would describe other minima");
      StudyMinima.Current current = StudyMinima.current(catalog);
      List<MinimumRecord> minima = current.minima();
      if (current.recomputed()) catalog.replaceMinima(minima);
      catalog.ensureTable(TABLE);
      Set<Long> done = new HashSet<>();
      for (Row r : catalog.rows(TABLE)) done.add(r.getLong("minimum_id"));
      int already = 0;
      List<MinimumRecord> pending = new ArrayList<>();
      for (MinimumRecord m : minima) {
        if (done.contains((long) m.minimumId())) already++;
        else pending.add(m);
      }
      if (progress != null) progress.update(already, minima.size());
      StudySubject.Evaluator evaluator = subject.newEvaluator();
      int count = already;
      for (MinimumRecord m : pending) {
        Row row = measure(subject, evaluator.train(), spec, m, options);
        catalog.putRows(TABLE, List.of(row));
        count++;
        if (progress != null) progress.update(count, minima.size());
      }
      return new RunStats(minima.size(), already, pending.size(), System.nanoTime() - t0);
    }
  }

  /** The flatness row of one minimum: a pure function of (subject, spec, minimum, options). */
  static Row measure(StudySubject subject, Objective f, StudySpec spec, MinimumRecord m, Options options) {
    long t0 = System.nanoTime();
    double[] x = m.parameters();
    long seed = StartSeeds.of(spec.seed() ^ FLATNESS_STREAM, m.representativeStart());
    OrbitTangent tangent = subject.dataSymmetry().orbitTangent(x);
    double l2 = spec.l2() == null ? 0.0 : spec.l2();
    FlatnessAnalysis analysis = new FlatnessAnalysis(f, x, tangent, l2, FlatnessAnalysis.Options.defaults()
        .withMeasures(FlatnessMeasures.Options.defaults().withSeed(seed)).withTraceSeed(seed));
    FlatnessMeasures.Result r = analysis.measures();
    FlatnessMeasures.Part part = r.complement() != null ? r.complement() : r.hessian();
    FlatnessMeasures.Measures data = part.dataTerm();
    Sharpness.Result eps = analysis.sharpness(Sharpness.Options.defaults().withEpsilon(options.epsilon()).withSeed(seed));
    Sharpness.Result adaptive = analysis.sharpness(Sharpness.Options.defaults().withKind(Sharpness.Kind.ADAPTIVE)
        .withEpsilon(options.epsilon()).withSeed(seed));
    double[] directions = subject instanceof StudyProblem p
        ? Directions.filterNormalized(p.model(), x, options.directions(), seed)
        : Directions.gaussian(x.length, options.directions(), seed);
    BasinRadius.Summary radius = analysis.basinRadius(directions, options.directions(), BasinRadius.Options.defaults().withDelta(options.delta()));
    return TABLE.row()
        .set("minimum_id", m.minimumId())
        .set("method", r.method().name())
        .set("dimension", data.dimension())
        .set("symmetry_directions", r.tangentDimension())
        .set("lambda_max", data.largestEigenvalue())
        .set("trace", data.trace())
        .set("trace_se", data.traceStandardError())
        .set("frobenius", data.frobeniusNorm())
        .set("frobenius_se", data.frobeniusStandardError())
        .set("log_det_positive", data.logDeterminant())
        .set("log_det_se", data.logDeterminantStandardError())
        .set("positive_count", data.positiveCount())
        .set("l2", l2)
        .set("lambda_max_objective", r.hessian().total().largestEigenvalue())
        .set("epsilon", options.epsilon())
        .set("epsilon_sharpness", eps.sharpness())
        .set("adaptive_sharpness", adaptive.sharpness())
        .set("radius_delta", options.delta())
        .set("radius_directions", options.directions())
        .set("radius_median", radius.median())
        .set("radius_q05", radius.q05())
        .set("radius_q95", radius.q95())
        .set("radius_beyond_cap", radius.beyondCap())
        .set("hessian_vector_products", r.hessianVectorProducts())
        .set("wall_ms", (System.nanoTime() - t0) / 1_000_000)
        .build();
  }
}

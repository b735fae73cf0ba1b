package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.landscape.saddle.EscapeLab;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The escape lab ({@link EscapeLab}) on a critical point of a catalog's {@code critical_points}
 * table, stored in the catalog's {@code escape_lab} table: one row per (critical point, strategy).
 *
 * <p><b>Table design.</b> basin-store keys result tables by a minimum, a pair of minima, a sweep
 * point or a critical point; a row here is about a (critical point, strategy) pair. The table is
 * therefore keyed by {@code sweep_point}, the row's position when the rows are ordered by (critical
 * point, strategy in {@link EscapeLab.Strategy} order), with {@code critical_point} and
 * {@code strategy} as columns. A run replaces the rows of its (point, strategy) pairs, keeps the
 * others, and rewrites the table in that order in one transaction ({@code replaceRows}), so the key
 * is a pure function of the pairs present. A rerun of {@code basin saddles} renumbers the critical
 * points; run the lab again after one.
 */
public final class EscapeRunner {
  private EscapeRunner() {}

  /** The table's description, one place for its columns. */
  public static final Table TABLE = Table.bySweepPoint("escape_lab",
      "Escape lab: one row per (critical point, strategy), the share of seeded trials that left the saddle within the same budget of evaluations.",
      List.of(
          Column.required("critical_point", Column.Type.INTEGER, "point_id of the critical point (table critical_points)."),
          Column.required("strategy", Column.Type.TEXT, "random, eigenvector, gd, sgd, pgd, newton or sfn."),
          Column.of("skipped", Column.Type.TEXT, "Why the strategy did not run (Newton above the dense limit); NULL when it ran."),
          Column.of("radius", Column.Type.REAL, "r: a trial escapes at the first iterate with |w - w*| >= r and a lower loss."),
          Column.of("budget", Column.Type.INTEGER, "Evaluations per trial (value, gradient, minibatch gradient or Hessian-vector product: 1; dense Hessian: P)."),
          Column.of("trials", Column.Type.INTEGER, "Seeded trials."),
          Column.of("seed", Column.Type.INTEGER, "Master seed of the trials."),
          Column.of("escaped", Column.Type.INTEGER, "Trials that escaped."),
          Column.of("escape_rate", Column.Type.REAL, "escaped / trials."),
          Column.of("escape_rate_lower", Column.Type.REAL, "Lower 95% Wilson bound of the escape rate."),
          Column.of("escape_rate_upper", Column.Type.REAL, "Upper 95% Wilson bound of the escape rate."),
          Column.of("mean_evaluations_to_escape", Column.Type.REAL, "Mean evaluations spent up to the escaping iterate, over escaped trials."),
          Column.of("median_evaluations_to_escape", Column.Type.REAL, "Median of the same."),
          Column.of("saddle_loss", Column.Type.REAL, "f at the critical point."),
          Column.of("mean_loss_at_escape", Column.Type.REAL, "Mean f at the escaping iterate, over escaped trials."),
          Column.of("mean_final_loss", Column.Type.REAL, "Mean f at the end of the budget, over escaped trials."),
          Column.of("lowest_final_loss", Column.Type.REAL, "Lowest f at the end of the budget over all trials."),
          Column.of("learning_rate", Column.Type.REAL, "The step size of gd, sgd, pgd and the eigenvector strategy's descent."),
          Column.of("perturbation", Column.Type.REAL, "eps: the initial perturbation of gd, newton and sfn, and the ball of pgd's perturbations."),
          Column.of("sgd_noise", Column.Type.TEXT, "SGD's noise: minibatch b of n, or additive gaussian sigma where the objective has no data.")));

  /**
   * @param point point_id in the critical_points table
   * @param strategies the strategies, "all" or a comma-separated list
   * @param lab the lab's configuration
   */
  public record Options(int point, String strategies, EscapeLab.Config lab) {
    public Options {
      if (point < 0) throw new InputException("--point must be >= 0, got " + point);
      try {
        EscapeLab.Strategy.parseList(strategies);
      } catch (IllegalArgumentException e) {
        throw new InputException("--strategy: " + e.getMessage());
      }
      if (lab == null) throw new IllegalArgumentException("escape lab config is null");
    }

    /** The strategies, parsed. */
    public List<EscapeLab.Strategy> strategyList() {
      return EscapeLab.Strategy.parseList(strategies);
    }
  }

  /**
   * What a run measured.
   *
   * @param point the critical point's row
   * @param result the lab's result
   * @param rows the rows stored, one per strategy, in the order run
   * @param wallNanos wall time
   */
  public record RunStats(Row point, EscapeLab.Result result, List<Row> rows, long wallNanos) {}

  /** The critical point's row and the catalog's subject (read-only). */
  public record Saddle(Row row, StudySubject subject) {
    /** The point. */
    public double[] point() {
      return row.getVector("parameters");
    }
  }

  /** Reads critical point {@code id} and the subject of a catalog; one-line errors when either is missing. */
  public static Saddle load(Path catalogFile, int id) {
    try (Catalog c = Catalog.open(catalogFile)) {
      Row row = null;
      for (Row r : c.rows(SaddleRunner.TABLE)) {
        if (r.getLong("point_id") == id) row = r;
      }
      if (row == null) {
        throw new InputException("--point " + id + ": catalog " + catalogFile + " has no such critical point (run basin saddles first)");
      }
      StudySubject subject = StudySubjects.of(StudySpec.fromCanonicalJson(c.specJson()), catalogFile.toAbsolutePath().getParent());
      String stored = c.provenance().get(StudyRunner.INPUTS_HASH);
      if (stored != null && !stored.equals(subject.inputsHash())) {
        throw new InputException("catalog " + catalogFile + " was made from different inputs than the spec now reads; its critical points would describe another objective");
      }
      return new Saddle(row, subject);
    }
  }

  /** Runs the lab on the catalog's critical point and stores one row per strategy. */
  public static RunStats run(Path catalogFile, Options options, java.util.function.IntConsumer progress) {
    long t0 = System.nanoTime();
    Saddle saddle = load(catalogFile, options.point());
    Objective f = saddle.subject().newEvaluator().train();
    EscapeLab.Result result = new EscapeLab(options.lab()).run(f, saddle.point(), options.strategyList(), progress);
    List<Row> fresh = new ArrayList<>();
    EscapeLab.Config c = options.lab();
    for (EscapeLab.Outcome o : result.outcomes()) {
      Row.Builder b = TABLE.row()
          .set("sweep_point", 0)
          .set("critical_point", options.point())
          .set("strategy", o.strategy().label())
          .set("radius", c.radius())
          .set("budget", c.budget())
          .set("trials", c.trials())
          .set("seed", c.seed())
          .set("saddle_loss", result.setup().value())
          .set("learning_rate", result.setup().learningRate())
          .set("perturbation", c.perturbation())
          .set("sgd_noise", result.setup().sgdNoise());
      if (o.skipped() != null) {
        b.set("skipped", o.skipped());
      } else {
        b.set("escaped", o.escapeRate().count())
            .set("escape_rate", o.escapeRate().estimate())
            .set("escape_rate_lower", o.escapeRate().lower())
            .set("escape_rate_upper", o.escapeRate().upper())
            .set("mean_evaluations_to_escape", o.meanEvaluationsToEscape())
            .set("median_evaluations_to_escape", o.medianEvaluationsToEscape())
            .set("mean_loss_at_escape", o.meanLossAtEscape())
            .set("mean_final_loss", o.meanFinalLoss())
            .set("lowest_final_loss", o.lowestFinalLoss());
      }
      fresh.add(b.build());
    }
    List<Row> stored;
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      catalog.ensureTable(TABLE);
      List<Row> all = new ArrayList<>();
      for (Row r : catalog.rows(TABLE)) {
        boolean replaced = r.getLong("critical_point") == options.point()
            && fresh.stream().anyMatch(n -> n.getText("strategy").equals(r.getText("strategy")));
        if (!replaced) all.add(r);
      }
      all.addAll(fresh);
      all.sort(Comparator.<Row>comparingLong(r -> r.getLong("critical_point"))
          .thenComparingInt(r -> EscapeLab.Strategy.parse(r.getText("strategy")).ordinal()));
      List<Row> renumbered = new ArrayList<>(all.size());
      stored = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Row r = renumber(all.get(i), i);
        renumbered.add(r);
        if (r.getLong("critical_point") == options.point() && fresh.stream().anyMatch(n -> n.getText("strategy").equals(r.getText("strategy")))) {
          stored.add(r);
        }
      }
      catalog.replaceRows(TABLE, renumbered);
    }
    stored.sort(Comparator.comparingInt(r -> options.strategyList().indexOf(EscapeLab.Strategy.parse(r.getText("strategy")))));
    return new RunStats(saddle.row(), result, stored, System.nanoTime() - t0);
  }

  /** A copy of a row of TABLE with another key. */
  private static Row renumber(Row r, int key) {
    Row.Builder b = TABLE.row().set("sweep_point", key);
    for (Column col : TABLE.columns()) {
      String n = col.name();
      if (n.equals("sweep_point") || r.isNull(n)) continue;
      switch (col.type()) {
        case INTEGER -> b.set(n, r.getLong(n));
        case REAL -> b.set(n, r.getDouble(n));
        case TEXT -> b.set(n, r.getText(n));
        case VECTOR -> b.set(n, r.getVector(n));
      }
    }
    return b.build();
  }
}

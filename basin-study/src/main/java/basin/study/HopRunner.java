package basin.study;

import basin.core.InputException;
import basin.core.linalg.Vectors;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.hopping.BasinHopping;
import basin.landscape.hopping.PipelineMinimizer;
import basin.landscape.symmetry.SymmetryGroup;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.List;

/**
 * Basin hopping from a catalog's minimum ({@link BasinHopping}, Wales and Doye 1997), each hop's
 * local minimization the study's own start pipeline (so a hop's minimum is certified as a sampled
 * one is), every hop stored in the catalog's {@code hop_minima} table with its origin. Resumable:
 * the stored hops are replayed (no minimization) to rebuild the chain and the run continues from
 * there, with the same result as an uninterrupted run. A catalog holds one basin-hopping run; a
 * run with other settings is refused.
 */
public final class HopRunner {
  private HopRunner() {}

  /**
   * @param fromMinimum the catalog minimum to start from, or -1 for the lowest
   * @param chain the chain's settings (hops in all, temperature, step, acceptance target, seed, ...)
   */
  public record Options(int fromMinimum, BasinHopping.Config chain) {
    public Options {
      if (fromMinimum < -1) throw new InputException("--from must be a minimum id >= 0, got " + fromMinimum);
      if (chain == null) throw new IllegalArgumentException("chain settings are null");
    }
  }

  /** The table's description, one place for its columns. Key point_id: the hop's index, from 0. */
  public static final Table TABLE = Table.byCriticalPoint("hop_minima",
      "Basin hopping: one row per hop (point_id = hop index), the local minimum it reached and whether the Metropolis chain moved there.",
      List.of(
          Column.of("origin", Column.Type.TEXT, "Where the point came from: basin-hopping, hop i of the chain started at a catalog minimum."),
          Column.of("start_minimum", Column.Type.INTEGER, "The catalog minimum the chain started from."),
          Column.of("seed", Column.Type.INTEGER, "Seed of the chain (hop i draws from the SplitMix64 mix of seed and i)."),
          Column.of("temperature", Column.Type.REAL, "Metropolis temperature T, in loss units."),
          Column.of("initial_step", Column.Type.REAL, "The step the chain started with."),
          Column.of("target_acceptance", Column.Type.REAL, "The acceptance rate the step adapts to."),
          Column.of("interval", Column.Type.INTEGER, "Hops per adaptation window."),
          Column.of("step", Column.Type.REAL, "Half-width s of this hop's uniform displacement per coordinate."),
          Column.of("class", Column.Type.TEXT, "Certificate of the point the hop's minimization reached (STRICT_MINIMUM, SADDLE, NOT_CONVERGED, ...)."),
          Column.of("loss", Column.Type.REAL, "Training objective at that point."),
          Column.of("gradient_norm", Column.Type.REAL, "|grad f| there (the Clarke residual on kinks)."),
          Column.of("accepted", Column.Type.INTEGER, "1 when the chain moved to this point, 0 when it stayed."),
          Column.of("current_loss", Column.Type.REAL, "Loss of the chain's current minimum after this hop."),
          Column.of("best_loss", Column.Type.REAL, "Lowest loss of the chain so far, its start included."),
          Column.of("catalog_minimum", Column.Type.INTEGER,
              "The sampled minimum this point equals modulo symmetry (the clustering's tolerances); NULL when it is new or not a minimum."),
          Column.of("parameters", Column.Type.VECTOR, "The point's parameters."),
          Column.of("canonical", Column.Type.VECTOR, "Its canonical form modulo symmetry.")));

  /**
   * What the run did.
   *
   * @param start the minimum it started from
   * @param sampledBest the lowest sampled minimum of the catalog
   * @param result the chain's end
   * @param hopsRun hops minimized in this call
   * @param hopsReplayed stored hops replayed
   * @param minimaHops hops that ended at a certified minimum
   * @param newMinima hops that ended at a minimum not among the sampled ones (counted with repeats)
   * @param bestCatalogMinimum the sampled minimum the best point equals (the start's id when no hop
   *     improved on it), or -1 when the best point is not among the sampled minima
   * @param reference the study's exact global minimum (NaN when unknown)
   */
  public record Run(MinimumRecord start, MinimumRecord sampledBest, BasinHopping.Result result, int hopsRun, int hopsReplayed, int minimaHops,
      int newMinima, int bestCatalogMinimum, double reference, long wallNanos) {

    /** Whether the chain found a minimum lower than every sampled one (by more than the clustering's loss tolerance). */
    public boolean improved(double lossTolerance) {
      double best = sampledBest.trainLoss();
      return result.state().bestValue() < best - lossTolerance * Math.max(1.0, Math.abs(best));
    }
  }

  /**
   * Runs (or resumes) the chain.
   *
   * @param progress called after each hop with (hops done, hops in all), or null
   */
  public static Run run(Path catalogFile, Path baseDirectory, Options options, StudyRunner.Progress progress) {
    long t0 = System.nanoTime();
    BasinHopping.Config config = options.chain();
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
      StudySubject subject = StudySubjects.ofCatalog(catalog, catalogFile, baseDirectory, "basin hopping would start from other minima");
      StudyMinima.Current current = StudyMinima.current(catalog);
      List<MinimumRecord> minima = current.minima();
      if (current.recomputed()) catalog.replaceMinima(minima);
      if (minima.isEmpty()) throw new InputException("catalog " + catalogFile + " has no certified minimum to start basin hopping from");
      MinimumRecord best = minima.get(0);
      for (MinimumRecord m : minima) if (m.trainLoss() < best.trainLoss()) best = m;
      MinimumRecord start = best;
      if (options.fromMinimum() >= 0) {
        start = null;
        for (MinimumRecord m : minima) if (m.minimumId() == options.fromMinimum()) start = m;
        if (start == null) {
          throw new InputException("--from " + options.fromMinimum() + ": catalog " + catalogFile + " has minima 0 to " + (minima.size() - 1));
        }
      }
      if (start.parameters() == null) throw new InputException("catalog " + catalogFile + ": minimum " + start.minimumId() + " has no stored parameters");
      catalog.ensureTable(TABLE);
      List<Row> rows = catalog.rows(TABLE);
      BasinHopping.State state = BasinHopping.State.initial(start.parameters(), start.trainLoss(), config);
      int minimaHops = 0;
      int newMinima = 0;
      int bestMatch = -1;
      for (Row r : rows) {
        checkSettings(catalogFile, r, start.minimumId(), config);
        if (r.getLong("point_id") != state.next()) {
          throw new InputException("catalog " + catalogFile + ": table hop_minima has hop " + r.getLong("point_id") + " where hop " + state.next() + " was expected");
        }
        BasinHopping.Hop hop = new BasinHopping.Hop(state.next(), r.getDouble("step"),
            new BasinHopping.Local(r.getVector("parameters"), r.getDouble("loss"), isMinimum(r.getText("class")), r.getText("class"),
                r.getDouble("gradient_norm"), r.getVector("canonical")), r.getLong("accepted") == 1);
        state = state.after(hop, config);
        if (hop.local().minimum()) {
          minimaHops++;
          if (r.isNull("catalog_minimum")) newMinima++;
        }
        if (state.bestHop() == hop.index()) bestMatch = r.isNull("catalog_minimum") ? -1 : (int) r.getLong("catalog_minimum");
      }
      int replayed = rows.size();
      int total = Math.max(config.hops(), replayed);
      if (progress != null) progress.update(replayed, total);
      StudySubject.Evaluator evaluator = subject.newEvaluator();
      SymmetryGroup group = subject.symmetry();
      PipelineMinimizer minimizer = new PipelineMinimizer(StudyRunner.pipeline(spec), evaluator.train(), group);
      int[] counts = {minimaHops, newMinima, bestMatch, 0};
      MinimumRecord startMinimum = start;
      BasinHopping.Result result = BasinHopping.run(state, config, minimizer, (hop, after) -> {
        int match = hop.local().minimum() ? match(minima, hop.local(), group, spec.tolerances()) : -1;
        catalog.putRows(TABLE, List.of(row(hop, after, match, startMinimum.minimumId(), config)));
        if (hop.local().minimum()) {
          counts[0]++;
          if (match < 0) counts[1]++;
        }
        if (after.bestHop() == hop.index()) counts[2] = match;
        counts[3]++;
        if (progress != null) progress.update(after.next(), total);
      });
      String basis = catalog.provenance().get(StudyRunner.REFERENCE_BASIS);
      double reference = basis != null && !"UNKNOWN".equals(basis) ? Double.parseDouble(catalog.provenance().get(StudyRunner.REFERENCE_VALUE)) : Double.NaN;
      return new Run(start, best, result, counts[3], replayed, counts[0], counts[1], result.state().bestHop() < 0 ? start.minimumId() : counts[2],
          reference, System.nanoTime() - t0);
    }
  }

  private static void checkSettings(Path file, Row r, int startMinimum, BasinHopping.Config c) {
    String diff = null;
    if (r.getLong("start_minimum") != startMinimum) diff = "start minimum " + r.getLong("start_minimum") + " there, " + startMinimum + " now";
    else if (r.getLong("seed") != c.seed()) diff = "seed " + r.getLong("seed") + " there, " + c.seed() + " now";
    else if (r.getDouble("temperature") != c.temperature()) diff = "temperature " + r.getDouble("temperature") + " there, " + c.temperature() + " now";
    else if (r.getDouble("initial_step") != c.step()) diff = "step " + r.getDouble("initial_step") + " there, " + c.step() + " now";
    else if (r.getDouble("target_acceptance") != c.targetAcceptance()) {
      diff = "target acceptance " + r.getDouble("target_acceptance") + " there, " + c.targetAcceptance() + " now";
    } else if (r.getLong("interval") != c.interval()) diff = "interval " + r.getLong("interval") + " there, " + c.interval() + " now";
    if (diff != null) {
      throw new InputException("catalog " + file + " holds a basin-hopping run with other settings (" + diff
          + "); rerun with the same settings to resume it, or run on a copy made before it");
    }
  }

  private static boolean isMinimum(String cls) {
    return CriticalPointClass.STRICT_MINIMUM.name().equals(cls) || CriticalPointClass.DEGENERATE_MINIMUM.name().equals(cls);
  }

  /** The sampled minimum a hop's minimum equals by the clustering's rule (loss, then distance modulo symmetry), or -1. */
  static int match(List<MinimumRecord> minima, BasinHopping.Local local, SymmetryGroup group, StudySpec.Tolerances tol) {
    for (MinimumRecord m : minima) {
      double lossTol = tol.loss() * Math.max(1.0, Math.abs(m.trainLoss()));
      if (!(Math.abs(m.trainLoss() - local.value()) <= lossTol)) continue;
      double paramTol = tol.parameter() * Math.max(1.0, Vectors.norm(m.parameters()));
      if (group.distance(m.parameters(), local.point()) <= paramTol) return m.minimumId();
    }
    return -1;
  }

  private static Row row(BasinHopping.Hop hop, BasinHopping.State after, int match, int startMinimum, BasinHopping.Config c) {
    Row.Builder b = TABLE.row()
        .set("point_id", hop.index())
        .set("origin", "basin-hopping: hop " + hop.index() + " of the chain from minimum " + startMinimum)
        .set("start_minimum", startMinimum)
        .set("seed", c.seed())
        .set("temperature", c.temperature())
        .set("initial_step", c.step())
        .set("target_acceptance", c.targetAcceptance())
        .set("interval", c.interval())
        .set("step", hop.step())
        .set("class", hop.local().outcome())
        .set("loss", hop.local().value())
        .set("gradient_norm", hop.local().gradientNorm())
        .set("accepted", hop.accepted() ? 1 : 0)
        .set("current_loss", after.currentValue())
        .set("best_loss", after.bestValue())
        .set("parameters", hop.local().point())
        .set("canonical", hop.local().canonical());
    if (match >= 0) b.set("catalog_minimum", match);
    else b.setNull("catalog_minimum");
    return b.build();
  }
}

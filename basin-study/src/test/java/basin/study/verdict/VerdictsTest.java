package basin.study.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.StartRecord;
import basin.study.FlatnessRunner;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import basin.study.StudySummary;
import basin.study.verdict.Verdict.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict rules on real SQLite catalogs holding synthetic starts, each catalog built to be
 * clearly supported, clearly not supported or inconclusive for one claim, read back through
 * {@link StudySummary#of(Catalog)} as the study reads them.
 */
class VerdictsTest {
  @TempDir Path dir;

  /** One synthetic minimum: how many starts end in it, its train loss, and (for flatness) its median radius. */
  record Basin(int hits, double trainLoss, double radius) {
    Basin(int hits, double trainLoss) {
      this(hits, trainLoss, Double.NaN);
    }
  }

  /** A catalog of a 2-D Rastrigin study whose starts end in the given basins, plus some non-converged starts. */
  Catalog catalog(List<Basin> basins, int notConverged, boolean exactReference) {
    int total = notConverged;
    for (Basin b : basins) total += b.hits();
    StudySpec spec = new StudySpec("verdicts", "rastrigin:n=2", null, null, null, 0.0, null, List.of("lbfgs"), total, 7L, null)
        .withDefaults();
    Map<String, String> provenance = new HashMap<>();
    if (exactReference) {
      provenance.put(StudyRunner.REFERENCE_BASIS, "CLOSED_FORM");
      provenance.put(StudyRunner.REFERENCE_VALUE, "0.0");
      provenance.put(StudyRunner.REFERENCE_DETAIL, "Rastrigin: 0 at the origin");
    }
    Catalog c = Catalog.create(dir.resolve("c" + System.nanoTime() + ".db"), spec.toCanonicalJson(), 7L, provenance);
    int index = 0;
    List<MinimumRecord> minima = new ArrayList<>();
    for (int id = 0; id < basins.size(); id++) {
      Basin b = basins.get(id);
      int[] members = new int[b.hits()];
      StartRecord first = null;
      for (int k = 0; k < b.hits(); k++) {
        StartRecord s = start(index, "STRICT_MINIMUM", b.trainLoss(), id);
        c.recordStart(s);
        if (first == null) first = s;
        members[k] = index++;
      }
      minima.add(MinimumRecord.of(id, first, members, 1.0));
    }
    for (int k = 0; k < notConverged; k++) c.recordStart(start(index++, "NOT_CONVERGED", 5.0, -1));
    c.replaceMinima(minima);
    return c;
  }

  static StartRecord start(int index, String criticalClass, double trainLoss, int minimum) {
    boolean certified = !"NOT_CONVERGED".equals(criticalClass);
    double[] w = {minimum, 0.5 * minimum};
    return new StartRecord(index, 1000 + index,
        new StartRecord.Outcome("CONVERGED", criticalClass, certified ? 1e-10 : 1e-2, certified ? 0 : StartRecord.UNKNOWN_COUNT),
        new StartRecord.Losses(trainLoss, trainLoss, trainLoss + 0.1, Double.NaN, Double.NaN),
        certified ? new StartRecord.Curvature(2.0, 40.0, 0, 0, 0.0) : StartRecord.Curvature.UNKNOWN,
        new StartRecord.Effort(10, 12, 0, 1), w, w.clone());
  }

  /** Writes flatness rows for the basins with a radius (NaN radius: minimum not measured). */
  static void flatness(Catalog c, List<Basin> basins) {
    c.ensureTable(FlatnessRunner.TABLE);
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < basins.size(); id++) {
      double r = basins.get(id).radius();
      if (Double.isNaN(r)) continue;
      rows.add(FlatnessRunner.TABLE.row().set("minimum_id", id).set("method", "DENSE").set("dimension", 2)
          .set("symmetry_directions", 0).set("lambda_max", 40.0 / r).set("trace", 42.0).set("trace_se", 0.0)
          .set("frobenius", 40.0).set("frobenius_se", 0.0).set("log_det_positive", 4.4).set("log_det_se", 0.0)
          .set("positive_count", 2.0).set("l2", 0.0).set("lambda_max_objective", 40.0 / r).set("epsilon", 1e-3)
          .set("epsilon_sharpness", 0.5 / r).set("adaptive_sharpness", 0.1).set("radius_delta", 0.1)
          .set("radius_directions", 20).set("radius_median", r).set("radius_q05", 0.5 * r).set("radius_q95", 2 * r)
          .set("radius_beyond_cap", 0).set("hessian_vector_products", 0).set("wall_ms", 1).build());
    }
    c.putRows(FlatnessRunner.TABLE, rows);
  }

  /** n basins with hit counts 1..n cycled so that the sample looks like an incomplete one. */
  static List<Basin> manyBasins(int n, int totalHits, double loss) {
    List<Basin> out = new ArrayList<>();
    int left = totalHits;
    for (int i = 0; i < n; i++) {
      int h = i == n - 1 ? left : Math.max(1, Math.min(left - (n - 1 - i), 1 + (i % 5) * (i % 3)));
      out.add(new Basin(h, loss));
      left -= h;
    }
    return out;
  }

  static void assertSentence(Verdict v, Status status, String... fragments) {
    assertEquals(status, v.status(), v.sentence() + "\n" + String.join("\n", v.evidence()));
    assertTrue(v.sentence().startsWith(v.claim().title() + ": " + status.label()), v.sentence());
    for (String f : fragments) assertTrue(v.sentence().contains(f), "'" + f + "' not in: " + v.sentence());
  }

  // ---- many minima ----

  @Test
  void manyMinimaSupportedByTheObservedCount() {
    try (Catalog c = catalog(manyBasins(12, 40, 1.0), 5, true)) {
      Verdict v = Verdicts.manyMinima(StudySummary.of(c), List.of());
      assertSentence(v, Status.SUPPORTED, "12 distinct minima in 40 starts", "Chao1 ", "iChao1 ", "lower-bound estimates",
          "sample coverage 0.");
      assertTrue(v.evidence().get(0).startsWith("observed: 12 distinct minima"), v.evidence().get(0));
      assertTrue(v.evidence().stream().anyMatch(l -> l.startsWith("Chao1") && l.contains("lower-bound estimator")), v.evidence().toString());
    }
  }

  @Test
  void manyMinimaNotSupportedByFewMinimaWithFullCoverage() {
    try (Catalog c = catalog(List.of(new Basin(15, 0.0), new Basin(10, 1.0), new Basin(6, 2.0)), 0, true)) {
      Verdict v = Verdicts.manyMinima(StudySummary.of(c), List.of());
      assertSentence(v, Status.NOT_SUPPORTED, "3 distinct minima in 31 starts", "sample coverage 1.000", "below 10");
    }
  }

  @Test
  void manyMinimaInconclusiveWithFewStartsAndLowCoverage() {
    try (Catalog c = catalog(List.of(new Basin(5, 0.0), new Basin(2, 1.0), new Basin(1, 2.0), new Basin(1, 3.0), new Basin(1, 4.0)), 3,
        true)) {
      Verdict v = Verdicts.manyMinima(StudySummary.of(c), List.of());
      assertSentence(v, Status.INCONCLUSIVE, "5 distinct minima in 10 starts", "only 10 starts ended at a minimum",
          "that coverage is below 0.95", "about 15 more starts would reach 0.90");
    }
  }

  @Test
  void manyMinimaSupportedByQuadraticGrowthEvenWithAFewMinimaHere() {
    Sweep width = Sweep.of("width", new double[] {2, 4, 8, 16}, new double[] {3, 14, 60, 250}, new long[] {1000, 1000, 1000, 1000});
    try (Catalog c = catalog(List.of(new Basin(15, 0.0), new Basin(10, 1.0), new Basin(6, 2.0)), 0, true)) {
      Verdict v = Verdicts.manyMinima(StudySummary.of(c), List.of(width));
      assertSentence(v, Status.SUPPORTED, "Only 3 distinct minima", "grows at least quadratically", "count grows ~ width^2.");
    }
  }

  @Test
  void manyMinimaInconclusiveWhenASaturatedSweepBlocksANo() {
    // linear growth, but the last count equals its starts: only a lower bound
    Sweep depth = Sweep.of("depth", new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8}, new long[] {100, 100, 100, 8});
    try (Catalog c = catalog(List.of(new Basin(15, 0.0), new Basin(10, 1.0), new Basin(6, 2.0)), 0, true)) {
      Verdict v = Verdicts.manyMinima(StudySummary.of(c), List.of(depth));
      assertSentence(v, Status.INCONCLUSIVE, "along depth", "saturated");
    }
  }

  @Test
  void manyMinimaNotRunWithoutASummary() {
    Verdict v = Verdicts.manyMinima(null, List.of());
    assertSentence(v, Status.NOT_RUN, "bin/basin study");
  }

  // ---- near-global ----

  @Test
  void nearGlobalSupportedWhenMostStartsReachTheExactGlobalMinimum() {
    List<Basin> basins = List.of(new Basin(27, 0.0), new Basin(2, 0.4), new Basin(1, 0.9));
    try (Catalog c = catalog(basins, 0, true)) {
      Verdict v = Verdicts.nearGlobal(StudySummary.of(c));
      assertSentence(v, Status.SUPPORTED, "27 of 30 starts (90.0%, 95% CI 73.5% to 97.9%)", "the global minimum (closed_form)");
    }
  }

  @Test
  void nearGlobalNotSupportedWhenFewStartsReachIt() {
    List<Basin> basins = List.of(new Basin(3, 0.0), new Basin(15, 0.4), new Basin(12, 0.9));
    try (Catalog c = catalog(basins, 0, true)) {
      Verdict v = Verdicts.nearGlobal(StudySummary.of(c));
      assertSentence(v, Status.NOT_SUPPORTED, "Only 3 of 30 starts (10.0%", "median gap 0.4");
    }
  }

  @Test
  void nearGlobalInconclusiveWhenTheIntervalContainsHalfOrTheReferenceIsOnlyTheBestFound() {
    try (Catalog c = catalog(List.of(new Basin(11, 0.0), new Basin(9, 0.5)), 0, true)) {
      assertSentence(Verdicts.nearGlobal(StudySummary.of(c)), Status.INCONCLUSIVE, "11 of 20 starts", "the interval contains 50%");
    }
    try (Catalog c = catalog(List.of(new Basin(27, 0.2), new Basin(3, 0.5)), 0, false)) {
      Verdict v = Verdicts.nearGlobal(StudySummary.of(c));
      assertSentence(v, Status.INCONCLUSIVE, "27 of 30 starts", "the best minimum found", "true global minimum is unknown");
    }
    try (Catalog c = catalog(List.of(new Basin(3, 0.2), new Basin(27, 0.5)), 0, false)) {
      // a minority near the best found is a minority near the global minimum too
      assertSentence(Verdicts.nearGlobal(StudySummary.of(c)), Status.NOT_SUPPORTED, "Only 3 of 30", "no larger");
    }
  }

  // ---- flat ----

  @Test
  void flatSupportedNotSupportedAndInconclusive() {
    List<Basin> flat = List.of(new Basin(21, 0.0, 2.5), new Basin(6, 0.3, 1.5), new Basin(3, 0.6, 0.2));
    try (Catalog c = catalog(flat, 0, true)) {
      flatness(c, flat);
      StudySummary s = StudySummary.of(c);
      Verdict v = Verdicts.flat(FlatnessEvidence.read(c, s), null, "study.db");
      assertSentence(v, Status.SUPPORTED, "2 of 3 measured minima, holding 27 of 30 starts (90.0%");
    }
    List<Basin> sharp = List.of(new Basin(21, 0.0, 0.05), new Basin(6, 0.3, 0.1), new Basin(3, 0.6, 3.0));
    try (Catalog c = catalog(sharp, 0, true)) {
      flatness(c, sharp);
      Verdict v = Verdicts.flat(FlatnessEvidence.read(c, StudySummary.of(c)), null, "study.db");
      assertSentence(v, Status.NOT_SUPPORTED, "1 of 3 measured minima, holding 3 of 30 starts (10.0%");
    }
    List<Basin> half = List.of(new Basin(10, 0.0, 2.0), new Basin(10, 0.3, 0.1));
    try (Catalog c = catalog(half, 0, true)) {
      flatness(c, half);
      Verdict v = Verdicts.flat(FlatnessEvidence.read(c, StudySummary.of(c)), null, "study.db");
      assertSentence(v, Status.INCONCLUSIVE, "the interval contains 50%");
    }
    List<Basin> partly = List.of(new Basin(3, 0.0, 2.0), new Basin(27, 0.3));
    try (Catalog c = catalog(partly, 0, true)) {
      flatness(c, partly);
      Verdict v = Verdicts.flat(FlatnessEvidence.read(c, StudySummary.of(c)), null, "study.db");
      assertSentence(v, Status.INCONCLUSIVE, "only 10% of the 30 minimum-ending starts", "bin/basin flatness study.db");
    }
  }

  @Test
  void flatNotRunNamesTheCommandAndKeepsTheStopGaps() {
    List<Basin> basins = List.of(new Basin(10, 0.0), new Basin(5, 0.3));
    try (Catalog c = catalog(basins, 0, true)) {
      StudySummary s = StudySummary.of(c);
      assertNull(FlatnessEvidence.read(c, s));
      StopGaps gaps = new StopGaps(40, 0.02, new StudySummary.Interval(0.01, 0.03), -0.05,
          new StudySummary.Interval(-0.08, -0.02), 0.95);
      Verdict v = Verdicts.flat(null, gaps, "runs/study.db");
      assertSentence(v, Status.NOT_RUN, "bin/basin flatness runs/study.db");
      assertTrue(v.evidence().get(0).contains("the early-stopped models test better than the minima"), v.evidence().toString());
    }
  }

  @Test
  void allThreeFromOneEvidence() {
    List<Basin> basins = manyBasins(12, 40, 0.0);
    try (Catalog c = catalog(basins, 0, true)) {
      StudySummary s = StudySummary.of(c);
      List<Verdict> all = Verdicts.of(new StudyEvidence(s, List.of(), FlatnessEvidence.read(c, s), null, "x.db"));
      assertEquals(3, all.size());
      assertEquals(Status.SUPPORTED, all.get(0).status(), all.get(0).sentence());
      assertEquals(Status.SUPPORTED, all.get(1).status(), all.get(1).sentence());
      assertEquals(Status.NOT_RUN, all.get(2).status(), all.get(2).sentence());
    }
  }
}

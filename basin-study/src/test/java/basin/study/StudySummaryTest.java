package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.linalg.Vectors;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's split of minima into smooth ones and ones on ReLU kinks (docs/kinks.md). */
class StudySummaryTest {
  static final int UNKNOWN = StartRecord.UNKNOWN_COUNT;

  @TempDir Path dir;

  /** A certified start with the given class and kink count; the numbers are placeholders. */
  private static StartRecord start(int index, String criticalClass, int negative, int activeKinks) {
    boolean certified = !"NOT_CONVERGED".equals(criticalClass);
    double[] w = {index, 1.0, -1.0};
    return new StartRecord(index, 100 + index,
        new StartRecord.Outcome("CONVERGED", criticalClass, certified ? 1e-10 : 1e-2, certified ? activeKinks : UNKNOWN),
        new StartRecord.Losses(0.1 + 0.01 * index, 0.1 + 0.01 * index, 0.2, Double.NaN, Double.NaN),
        new StartRecord.Curvature(certified ? 1e-3 : Double.NaN, certified ? 2.0 : Double.NaN, certified ? negative : UNKNOWN,
            certified ? 0 : UNKNOWN, certified ? negative / 3.0 : Double.NaN),
        new StartRecord.Effort(50, 60, 0, 5), w, w.clone());
  }

  private static MinimumRecord minimum(int id, StartRecord... members) {
    int[] starts = new int[members.length];
    for (int i = 0; i < members.length; i++) starts[i] = members[i].startIndex();
    StartRecord r = members[0];
    return MinimumRecord.of(id, r, starts, 1.0 + id);
  }

  private String render(List<StartRecord> starts, List<MinimumRecord> minima) {
    StudySpec spec = StudyTestSupport.spec("xor", List.of(2), "relu", true, "mse", 0.0, List.of("lbfgs"), starts.size(), 1);
    try (Catalog c = Catalog.create(dir.resolve("s" + System.nanoTime() + ".db"), spec.toCanonicalJson(), 1, Map.of())) {
      for (StartRecord s : starts) c.recordStart(s);
      c.replaceMinima(minima);
      return StudySummary.of(c).render(20);
    }
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + text));
  }

  @Test
  void classesAndMinimaSayHowManyAreOnKinks() {
    StartRecord s0 = start(0, "STRICT_MINIMUM", 0, 0);
    StartRecord s1 = start(1, "STRICT_MINIMUM", 0, 12);
    StartRecord s2 = start(2, "STRICT_MINIMUM", 0, 12);
    StartRecord s3 = start(3, "DEGENERATE_MINIMUM", 0, 5);
    StartRecord s4 = start(4, "NOT_CONVERGED", 0, UNKNOWN);
    StartRecord s5 = start(5, "SADDLE", 1, 0);
    String text = render(List.of(s0, s1, s2, s3, s4, s5), List.of(minimum(0, s0), minimum(1, s1, s2), minimum(2, s3)));
    assertEquals("classes    degenerate minimum 1 (16.7%, 1 on kinks); not converged 1 (16.7%); saddle 1 (16.7%) [index 1: 1];"
        + " strict minimum 3 (50.0%, 2 on kinks);", line(text, "classes"));
    assertEquals("distinct   3 minima (1 smooth, 2 on kinks)", line(text, "distinct"));
    String header = line(text, "  id");
    assertTrue(header.endsWith("nearest kinks"), header);
    // rows by hit count: minimum 1 (2 hits, 12 kinks), then 0 (smooth) and 2 (5 kinks)
    assertTrue(line(text, "   1      2").endsWith("    12"), text);
    assertTrue(line(text, "   0      1").endsWith("     0"), text);
    assertTrue(line(text, "   2      1").endsWith("     5"), text);
    assertTrue(text.contains("kinks: pre-activations on their kink, where |grad| is the Clarke stationarity residual"), text);
  }

  /** Without minima on kinks the summary reads as it did before kink certification: no split, no column. */
  @Test
  void smoothStudyHasNoKinkColumn() {
    StartRecord s0 = start(0, "STRICT_MINIMUM", 0, 0);
    StartRecord s1 = start(1, "STRICT_MINIMUM", 0, 0);
    StartRecord s2 = start(2, "NOT_CONVERGED", 0, UNKNOWN);
    String text = render(List.of(s0, s1, s2), List.of(minimum(0, s0), minimum(1, s1)));
    assertEquals("classes    not converged 1 (33.3%); strict minimum 2 (66.7%);", line(text, "classes"));
    assertEquals("distinct   2 minima", line(text, "distinct"));
    assertTrue(line(text, "  id").endsWith("nearest"), text);
    assertFalse(text.contains("kink"), text);
  }

  /**
   * Rows from a version-1 catalog have no kink count: they are neither smooth nor on kinks, and the
   * summary says so once kinks appear in the study (a resumed old study).
   */
  @Test
  void unknownKinkCountsAreNotCountedAsSmooth() {
    StartRecord old = start(0, "STRICT_MINIMUM", 0, UNKNOWN);
    StartRecord kink = start(1, "STRICT_MINIMUM", 0, 7);
    StartRecord smooth = start(2, "STRICT_MINIMUM", 0, 0);
    String text = render(List.of(old, kink, smooth), List.of(minimum(0, old), minimum(1, kink), minimum(2, smooth)));
    assertEquals("classes    strict minimum 3 (100.0%, 1 on kinks, 1 not known);", line(text, "classes"));
    assertEquals("distinct   3 minima (1 smooth, 1 on kinks, 1 not known)", line(text, "distinct"));
    assertTrue(line(text, "   0      1").endsWith("     -"), text);
  }

  /**
   * A small ReLU study (a 4-3-1 ReLU teacher, a student of its width; L-BFGS capped at 1000
   * iterations as docs/study-spec.md recommends): some starts are certified on kinks. For each of
   * them the catalog's active_kinks is the number of (example, unit) pairs of the recorded point whose
   * first-layer pre-activation is within 1e-12 max(1, ||w||) of zero in distance |z_q| / ||(x_i, 1)||:
   * the refinement projects the active ones to round-off (~1e-16) and certifies only when every other
   * pair is farther than that (docs/kinks.md, step 5), so the count is exact. The recorded gradient
   * norm (the Clarke residual there) is within the gradient tolerance, and the summary's counts are
   * those of the catalog.
   */
  @Test
  void reluStudyRecordsTheKinksOfItsCertifiedPoints() {
    StudySpec spec = StudyTestSupport.spec("teacher:inputs=4,hidden=3,outputs=1,activation=relu,n=200,test=200", List.of(3), "relu",
        true, "mse", 0.0, List.of("lbfgs:iterations=1000"), 16, 1);
    Path db = dir.resolve("relu.db");
    StudyRunner.run(spec, db, 2, null, Map.of());
    StudyProblem problem = new StudyProblem(spec);
    MlpObjective train = problem.trainObjective();
    try (Catalog c = Catalog.open(db)) {
      int onKinks = 0;
      int smooth = 0;
      for (StartRecord s : c.starts(true)) {
        if (!MinimaClustering.isMinimum(s)) continue;
        assertTrue(s.activeKinks() >= 0, "start " + s.startIndex() + " is certified, so its kink count is known");
        assertTrue(s.gradientNorm() <= spec.tolerances().gradient(), "start " + s.startIndex() + ": " + s.gradientNorm());
        if (s.activeKinks() == 0) {
          smooth++;
          continue;
        }
        onKinks++;
        assertEquals(s.activeKinks(), pairsOnKinks(train, s.parameters()), "start " + s.startIndex());
      }
      assertTrue(onKinks >= 2, onKinks + " minima on kinks among 16 starts (seed 1)");
      assertTrue(smooth >= 1, smooth + " smooth minima among 16 starts (seed 1)");
      StudySummary summary = StudySummary.of(c);
      int fromSummary = 0;
      for (int v : summary.onKinksCounts().values()) fromSummary += v;
      int certifiedOnKinks = 0;
      for (StartRecord s : c.starts(false)) {
        if (s.activeKinks() > 0) certifiedOnKinks++;
      }
      assertEquals(certifiedOnKinks, fromSummary);
      assertTrue(line(summary.render(20), "distinct").contains(summary.minimaOnKinks() + " on kinks"));
    }
  }

  /** Pairs (i, j) with |z_ij| / ||(x_i, 1)|| <= 1e-12 max(1, ||w||), z the first layer's pre-activations. */
  private static int pairsOnKinks(MlpObjective f, double[] w) {
    Mlp model = f.model();
    int n = f.data().size();
    int d = model.inputDim();
    int h = model.width(1);
    double[] x = f.data().inputs();
    double threshold = 1e-12 * Math.max(1.0, Vectors.norm(w));
    int count = 0;
    for (int i = 0; i < n; i++) {
      double rowNorm = 1.0; // the bias input
      for (int k = 0; k < d; k++) rowNorm += x[i * d + k] * x[i * d + k];
      rowNorm = Math.sqrt(rowNorm);
      for (int j = 0; j < h; j++) {
        double z = w[model.biasOffset(1) + j];
        for (int k = 0; k < d; k++) z += w[model.weightOffset(1) + j * d + k] * x[i * d + k];
        if (Math.abs(z) / rowNorm <= threshold) count++;
      }
    }
    return count;
  }
}

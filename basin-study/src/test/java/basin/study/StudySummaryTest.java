package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.linalg.Vectors;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
      return SummaryText.render(StudySummary.of(c), 20);
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
   * The JSON of a summary reads back to an equal summary (doubles bit for bit, NaN as null), and the
   * numbers in it are those the text prints.
   */
  @Test
  void jsonRoundTripsAndHoldsTheNumbersOfTheText() throws Exception {
    StartRecord s0 = start(0, "STRICT_MINIMUM", 0, 0);
    StartRecord s1 = start(1, "STRICT_MINIMUM", 0, 4);
    StartRecord s2 = start(2, "STRICT_MINIMUM", 0, 4);
    StartRecord s3 = start(3, "SADDLE", 2, 0);
    StartRecord s4 = start(4, "DEGENERATE_MINIMUM", 0, UNKNOWN);
    StudySummary summary = summary(List.of(s0, s1, s2, s3, s4), List.of(minimum(0, s0), minimum(1, s1, s2), minimum(2, s4)));
    String json = SummaryJson.write(summary);
    assertEquals(summary, SummaryJson.read(json));
    String text = SummaryText.render(summary, 20);
    assertEquals(text, SummaryText.render(SummaryJson.read(json), 20));

    JsonNode tree = new ObjectMapper().readTree(json);
    assertEquals(List.of("study", "classes", "saddle_indices", "minima_table", "distinct", "richness", "discovery", "reference", "gap",
        "near_global", "minima", "degenerate", "strict_richness"), fieldNames(tree));
    assertEquals(List.of("id", "hits", "train_loss", "gap", "test_loss", "test_gap", "test_accuracy", "gradient_norm",
        "smallest_eigenvalue", "largest_eigenvalue", "zero_count", "nearest_distance", "active_kinks"), fieldNames(tree.get("minima").get(0)));
    assertTrue(tree.get("minima").get(0).get("test_accuracy").isNull(), "NaN is written as null: " + json);

    assertEquals("distinct   " + tree.get("distinct").get("count").asInt() + " minima (" + tree.get("distinct").get("smooth").asInt()
        + " smooth, " + tree.get("distinct").get("on_kinks").asInt() + " on kinks, 1 not known)", line(text, "distinct"));
    JsonNode r = tree.get("richness");
    assertTrue(line(text, "richness").startsWith(String.format(Locale.ROOT, "richness   Chao1 %.1f (95%% CI %.1f to %.1f)",
        r.get("chao1").asDouble(), r.get("chao1_lower").asDouble(), r.get("chao1_upper").asDouble())), text);
    JsonNode ref = tree.get("reference");
    assertEquals("best_found", ref.get("basis").asText());
    assertEquals(String.format(Locale.ROOT, "reference  %.10g, %s", ref.get("value").asDouble(), ref.get("detail").asText()),
        line(text, "reference"));
    JsonNode near = tree.get("near_global");
    assertTrue(line(text, "near").startsWith(String.format(Locale.ROOT, "near       %.1f%% of minima-ending starts within %.1e",
        100 * near.get("share").asDouble(), near.get("epsilon").asDouble())), text);
    assertEquals(4, near.get("trials").asLong(), "the minimum-ending starts: " + near);
    JsonNode top = tree.get("minima").get(0);
    assertEquals(1, top.get("id").asInt(), "minimum 1 has the most hits");
    assertEquals(String.format(Locale.ROOT, "%4d %6d %14.8g %11.3e", top.get("id").asInt(), top.get("hits").asInt(),
        top.get("train_loss").asDouble(), top.get("gap").asDouble()), line(text, "   1      2").substring(0, 38));
    // minimum-ending starts 0, 1, 2, 4 end in minima 0, 1, 1, 2
    assertEquals("[1,2,2,3]", tree.get("discovery").get("distinct_after").toString());
    assertEquals("discovery  after 1: 1; after 2: 2; after 4: 3; (minima-ending starts, in start order)", line(text, "discovery"));
  }

  /** With few minimum-ending starts several shares round to the same k: each k is printed once. */
  @Test
  void discoveryLineListsEachCountOnce() {
    assertEquals(List.of(1), SummaryText.discoveryPoints(1));
    assertEquals(List.of(1, 2, 3), SummaryText.discoveryPoints(3));
    assertEquals(List.of(2, 5, 10, 20), SummaryText.discoveryPoints(20));
    StartRecord s0 = start(0, "STRICT_MINIMUM", 0, 0);
    StartRecord s1 = start(1, "STRICT_MINIMUM", 0, 0);
    StartRecord s2 = start(2, "STRICT_MINIMUM", 0, 0);
    String text = render(List.of(s0, s1, s2), List.of(minimum(0, s0, s2), minimum(1, s1)));
    assertEquals("discovery  after 1: 1; after 2: 2; after 3: 2; (minima-ending starts, in start order)", line(text, "discovery"));
  }

  /** The last line counts the minima not listed; a negative row count is refused. */
  @Test
  void rowsBeyondTheLimitAreCounted() {
    List<StartRecord> starts = new ArrayList<>();
    List<MinimumRecord> minima = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      starts.add(start(i, "STRICT_MINIMUM", 0, 0));
      minima.add(minimum(i, starts.get(i)));
    }
    StudySummary summary = summary(starts, minima);
    assertEquals("... 3 more (basin export for all)", line(SummaryText.render(summary, 1), "..."));
    assertEquals("... 4 more (basin export for all)", line(SummaryText.render(summary, 0), "..."));
    assertFalse(SummaryText.render(summary, 4).contains("more"));
    assertEquals(4, SummaryText.render(summary, 4).lines().filter(l -> l.matches(" {3}\\d +1 .*")).count());
    assertThrows(IllegalArgumentException.class, () -> SummaryText.render(summary, -1));
    // four singletons: ACE is undefined, written as null and read back as NaN
    assertTrue(Double.isNaN(summary.richness().ace()));
    assertTrue(SummaryJson.write(summary).contains("\"ace\" : null"), SummaryJson.write(summary));
    assertEquals(summary, SummaryJson.read(SummaryJson.write(summary)));
  }

  /**
   * A catalog whose minima table predates some recorded minimum-ending starts (a run interrupted
   * between recording starts and clustering) gets one line saying so, not minima numbers that
   * contradict the classes.
   */
  @Test
  void staleMinimaTableIsReportedNotSummarized() {
    StartRecord s0 = start(0, "STRICT_MINIMUM", 0, 0);
    StartRecord s1 = start(1, "STRICT_MINIMUM", 0, 0);
    StartRecord s2 = start(2, "SADDLE", 1, 0);
    StartRecord s3 = start(3, "STRICT_MINIMUM", 0, 0);
    for (List<MinimumRecord> table : List.of(List.<MinimumRecord>of(), List.of(minimum(0, s0)))) {
      StudySummary summary = summary(List.of(s0, s1, s2, s3), table);
      String text = SummaryText.render(summary, 20);
      assertEquals("distinct   minima cover " + table.size() + " of 3 minimum-ending starts; rerun `basin sample` to update",
          line(text, "distinct"), text);
      assertEquals("classes    saddle 1 (25.0%) [index 1: 1]; strict minimum 3 (75.0%);", line(text, "classes"));
      for (String part : List.of("richness", "discovery", "gap", "near", "  id")) {
        assertTrue(text.lines().noneMatch(l -> l.startsWith(part)), part + " printed from a stale table:\n" + text);
      }
      // the lowest minimum-ending start (start 0: train loss 0.1) is the best found, whatever the table says
      assertEquals("reference  0.1000000000, best found (start 0); the true global minimum is unknown", line(text, "reference"));
      assertEquals(new StudySummary.MinimaTable(3, table.size(), 0, false), summary.minimaTable());
      assertNull(summary.distinct());
      assertNull(summary.nearGlobal());
      assertEquals(summary, SummaryJson.read(SummaryJson.write(summary)));
    }
  }

  private StudySummary summary(List<StartRecord> starts, List<MinimumRecord> minima) {
    StudySpec spec = StudyTestSupport.spec("xor", List.of(2), "relu", true, "mse", 0.0, List.of("lbfgs"), starts.size(), 1);
    try (Catalog c = Catalog.create(dir.resolve("s" + System.nanoTime() + ".db"), spec.toCanonicalJson(), 1, Map.of())) {
      for (StartRecord s : starts) c.recordStart(s);
      c.replaceMinima(minima);
      return StudySummary.of(c);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
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
      for (StudySummary.ClassCount k : summary.classes()) fromSummary += k.onKinks();
      int certifiedOnKinks = 0;
      for (StartRecord s : c.starts(false)) {
        if (s.activeKinks() > 0) certifiedOnKinks++;
      }
      assertEquals(certifiedOnKinks, fromSummary);
      assertTrue(line(summary.render(20), "distinct").contains(summary.distinct().onKinks() + " on kinks"));
      assertEquals(summary, SummaryJson.read(SummaryJson.write(summary)), "the summary of a real study survives JSON");
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

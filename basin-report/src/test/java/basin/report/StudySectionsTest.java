package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.LocalStartExecutor;
import basin.study.StudyDriver;
import basin.study.StudyPlan;
import basin.study.StudyTables;
import basin.study.verdict.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The study's own sections on a real (small) study run by {@link StudyDriver}: a growth-law figure
 * per sweep axis with a point per sweep point, the regularization sweep with a scatter point per
 * minimum, the convex baseline, and the three verdicts first.
 */
class StudySectionsTest {
  @TempDir static Path dir;
  static Path catalog;

  @BeforeAll
  static void study() throws Exception {
    Path spec = dir.resolve("tiny.yaml");
    Files.writeString(spec, String.join("\n",
        "name: tiny <script>alert(1)</script>",
        "data: \"spirals:n=60,noise=0.05\"",
        "model: {hidden: [3], activation: tanh, loss: cross-entropy}",
        "l2: 0.001",
        "starts: 20",
        "seed: 2",
        "study: {sweep_starts: 12, width: [2, 3, 4], train_size: [30, 60], l2: [0.001, 0.01], flatness: false, saddles: 0, topology: 3, early_stopping: 4, methods: 4}",
        ""));
    StudyDriver.Result r = StudyDriver.run(StudyPlan.read(spec), dir.resolve("study"), new LocalStartExecutor(2), null, Map.of());
    catalog = r.mainCatalog();
  }

  @Test
  void sweepsRegularizationAndBaselineAreDrawn() throws Exception {
    String html;
    List<Row> scaling;
    List<Row> reg;
    try (Catalog c = Catalog.open(catalog)) {
      html = StudyReport.render(c, "2026-12-07T12:00:00Z", "test");
      assertEquals(html, StudyReport.render(c, "2026-12-07T12:00:00Z", "test"), "deterministic");
      scaling = c.rows(StudyTables.SCALING);
      reg = c.rows(StudyTables.REGULARIZATION);
      assertEquals(2, c.rows(StudyTables.BASELINE).size(), "baselines at l2 0.001 and 0.01");
    }
    Document d = Pages.parse(html);
    JsonNode width = Pages.option(d, "growth-width");
    long widthPoints = scaling.stream().filter(r -> r.getText("axis").equals("width")).count();
    assertEquals(3, widthPoints);
    boolean found = false;
    for (JsonNode s : width.path("series")) {
      if (s.path("name").asText().equals("distinct minima")) {
        assertEquals(widthPoints, s.path("data").size(), "a point per width");
        found = true;
      }
    }
    assertTrue(found, "observed counts drawn");
    Pages.option(d, "growth-train-size");
    int minima = 0;
    for (Row r : reg) minima += r.getVector("test_losses").length;
    int drawn = 0;
    for (JsonNode s : Pages.option(d, "regularization-scatter").path("series")) drawn += s.path("data").size();
    assertEquals(minima, drawn, "a scatter point per minimum and L2 strength");
    String text = d.getDocumentElement().getTextContent();
    assertTrue(text.contains("tiny <script>alert(1)</script>"), "the name shown as text");
    assertFalse(html.contains("<script>alert(1)</script>"), "never as markup");
    assertTrue(text.contains("The convex baseline"));
    assertTrue(text.contains("STRICT_MINIMUM"), "the baseline's certificate");
    for (Verdict.Claim claim : Verdict.Claim.values()) assertTrue(text.contains(claim.title()), claim.title());
    assertTrue(html.contains("id=\"fig-disconnectivity\""), "the disconnectivity graph drawn");
    assertTrue(text.contains("barriers measured"), "the topology claim line");
    assertTrue(Pages.byId(d, "early-stopping").getTextContent().contains("over 4 starts"), "the early-stopping claim line");
    assertFalse(Pages.byId(d, "methods").getTextContent().contains("Not run."), "the method comparison ran");
    Pages.option(d, "methods-saddle-share");
    assertTrue(Pages.byId(d, "escape").getTextContent().contains("bin/basin escape"), "no saddle search: the escape lab says how to run it");
  }

  /** Batch sharpness: "not run" with the command until it has run; then its claim, table and figure from the table's rows. */
  @Test
  void batchSharpnessIsShownOnceItRan() throws Exception {
    try (Catalog c = Catalog.open(catalog)) {
      String before = Pages.byId(Pages.parse(StudyReport.render(c, "t", "v")), "batch-sharpness").getTextContent();
      assertTrue(before.contains("Not run.") && before.contains("bin/basin batch-sharpness"), before);
    }
    Path copy = dir.resolve("batch.db");
    Files.copy(catalog, copy);
    basin.study.BatchSharpnessRunner.run(copy, catalog.getParent(), basin.study.BatchSharpnessRunner.Options.defaults().withStarts(3)
        .withEpochs(3).withBatchSizes(basin.study.BatchSharpnessRunner.BatchSize.parseList("8,full")), null);
    try (Catalog c = Catalog.open(copy)) {
      Document d = Pages.parse(StudyReport.render(c, "t", "v"));
      String text = Pages.byId(d, "batch-sharpness").getTextContent();
      assertTrue(text.contains("Batch 8 minus batch full over 3 starts: top Hessian eigenvalue"), text);
      assertFalse(text.contains("Not run."), text);
      assertEquals(2, Pages.option(d, "batch-sharpness-lambda").path("series").size(), "an interval per batch size");
    }
  }

  /** With eigenvalues along the trajectories, the early-stopping section draws the sharpness curve; without, it does not. */
  @Test
  void theSharpnessCurveIsDrawnWhenMeasured() throws Exception {
    try (Catalog c = Catalog.open(catalog)) {
      assertFalse(StudyReport.render(c, "t", "v").contains("id=\"fig-early-stopping-sharpness\""), "no eigenvalues, no curve");
    }
    Path copy = dir.resolve("sharpness.db");
    Files.copy(catalog, copy);
    basin.study.EarlyStoppingRunner.run(copy, catalog.getParent(), basin.study.EarlyStoppingRunner.Options.defaults().withStarts(2)
        .withEigenEvery(2).withReplace(true), null);
    try (Catalog c = Catalog.open(copy)) {
      Document d = Pages.parse(StudyReport.render(c, "t", "v"));
      JsonNode option = Pages.option(d, "early-stopping-sharpness");
      boolean median = false;
      for (JsonNode series : option.path("series")) {
        if (series.path("name").asText().equals("median over starts")) median = series.path("data").size() >= 2;
      }
      assertTrue(median, "the median curve has a point per measured check: " + option);
    }
  }

  @Test
  void aPlainNetworkCatalogSaysHowToRunTheSweeps() throws Exception {
    Path plain = dir.resolve("study").resolve("sweeps").resolve("width-2.db");
    try (Catalog c = Catalog.open(plain)) {
      String text = Pages.parse(StudyReport.render(c, "t", "v")).getDocumentElement().getTextContent();
      assertTrue(text.contains("study: {width: [2, 4, 8, 16]"), "the scaling section names the study block that runs it");
      assertTrue(text.contains("study: {l2: ["), "the regularization section too");
    }
  }
}

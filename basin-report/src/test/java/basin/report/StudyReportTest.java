package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.study.FlatnessRunner;
import basin.study.SaddleRunner;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import basin.study.StudySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reports of real catalogs made in the test: a Muller-Brown study without and with the flatness and
 * saddle tables, and a small network on spirals. Each report must parse as XML (XHTML), carry the
 * summary's numbers as the report formats them, a titled SVG per expected figure, and be the same
 * string when rendered twice.
 */
class StudyReportTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final String NASTY = "a<b & \"c\" 'd'";
  private static final String WHEN = "2026-12-07T12:00:00Z";

  @TempDir static Path dir;
  static Path plain;
  static Path analysed;
  static Path mlp;

  @BeforeAll
  static void studies() {
    plain = dir.resolve("mb.db");
    StudyRunner.run(new StudySpec("mb <&\" study", "muller-brown", null, null, null, 0.0, null, null, 30, 1L, null).withDefaults(), plain,
        2, null, Map.of("note", NASTY));
    analysed = dir.resolve("mb-analysed.db");
    try (Catalog c = Catalog.open(plain)) {
      c.backup(analysed);
    }
    FlatnessRunner.run(analysed, null, FlatnessRunner.Options.defaults(), null);
    SaddleRunner.run(analysed, null, new SaddleRunner.Options("newton-mr", 12, 1L), null);
    mlp = dir.resolve("spirals.db");
    StudyRunner.run(new StudySpec("spirals", null, "spirals:n=40,noise=0.05", null,
        new StudySpec.ModelSpec(List.of(3), "tanh", true, null), 0.0, null, null, 8, 1L, null).withDefaults(), mlp, 2, null, Map.of());
  }

  private static String render(Path catalog) {
    try (Catalog c = Catalog.open(catalog)) {
      return StudyReport.render(c, WHEN, "test-version");
    }
  }

  private static StudySummary summary(Path catalog) {
    try (Catalog c = Catalog.open(catalog)) {
      return StudySummary.of(c);
    }
  }

  /** Ids of the figures, each checked to hold one SVG with a non-empty title and a caption. */
  private static Set<String> figures(Document d) {
    Set<String> ids = new TreeSet<>();
    NodeList figs = d.getElementsByTagNameNS(XHTML, "figure");
    for (int i = 0; i < figs.getLength(); i++) {
      Element fig = (Element) figs.item(i);
      NodeList svgs = fig.getElementsByTagNameNS(SVG, "svg");
      assertEquals(1, svgs.getLength(), fig.getAttribute("id"));
      Element title = (Element) ((Element) svgs.item(0)).getElementsByTagNameNS(SVG, "title").item(0);
      assertNotNull(title, fig.getAttribute("id") + " has a <title>");
      assertFalse(title.getTextContent().isBlank());
      assertEquals(1, fig.getElementsByTagNameNS(XHTML, "figcaption").getLength(), fig.getAttribute("id") + " has a caption");
      ids.add(fig.getAttribute("id"));
    }
    assertEquals(figs.getLength(), d.getElementsByTagNameNS(SVG, "svg").getLength(), "every SVG is a figure");
    return ids;
  }

  private static String text(Document d) {
    return d.getDocumentElement().getTextContent();
  }

  @Test
  void reportWithoutAnalysesIsWellFormedAndSaysWhatWasNotRun() throws Exception {
    String html = render(plain);
    assertEquals(html, render(plain), "rendering is deterministic");
    Document d = SvgChartTest.parse(html);
    assertEquals(Set.of("fig-discovery", "fig-hits", "fig-gap", "fig-near-global"), figures(d));
    String text = text(d);
    assertTrue(text.contains("Basin report: mb <&\" study"), "the study name, escaped and read back");
    assertTrue(text.contains(NASTY), "provenance value read back");
    assertTrue(text.contains("basin flatness mb.db"), "flatness not run");
    assertTrue(text.contains("basin saddles mb.db"), "saddles not run");
    assertTrue(text.contains(WHEN) && text.contains("test-version"));
    assertFalse(html.contains("http://") && html.replace("http://www.w3.org/", "").contains("http://"), "no external resources");
    assertFalse(html.contains("<script"));

    StudySummary s = summary(plain);
    StudySummary.RichnessEstimates r = s.richness();
    assertTrue(text.contains("Chao1 estimates " + Html.fixed(r.chao1(), 1) + " minima in all (95% CI " + Html.fixed(r.chao1Lower(), 1)
        + " to " + Html.fixed(r.chao1Upper(), 1) + ")"), "Chao1 and its CI");
    assertTrue(text.contains(s.distinct().count() + " distinct minima among " + s.minimaTable().minimumEndingStarts()));
    assertTrue(text.contains("ACE" + Html.fixed(r.ace(), 1)));
    StudySummary.NearGlobal near = s.nearGlobal();
    assertTrue(text.contains(near.successes() + " of " + near.trials() + " (" + Html.percent(near.share()) + ")"));
    assertTrue(text.contains(Html.percent(near.wilson().lower()) + " to " + Html.percent(near.wilson().upper())));
    assertTrue(text.contains(Html.percent(near.clopperPearson().lower()) + " to " + Html.percent(near.clopperPearson().upper())));
    assertTrue(text.contains(Html.sci(s.gap().median())));
    assertTrue(text.contains(s.reference().exact() ? "exact (" : "best found"), "reference labelled");
    // one bar per minimum (at most MAX_BARS)
    Element hits = byId(d, "fig-hits");
    assertEquals(Math.min(StudyReport.MAX_BARS, s.minima().size()), hits.getElementsByTagNameNS(SVG, "rect").getLength());
  }

  @Test
  void reportWithFlatnessAndSaddlesShowsThem() throws Exception {
    String html = render(analysed);
    assertEquals(html, render(analysed));
    Document d = SvgChartTest.parse(html);
    assertEquals(Set.of("fig-discovery", "fig-hits", "fig-gap", "fig-near-global", "fig-flatness-scatter", "fig-saddle-scatter",
        "fig-saddle-kinds"), figures(d));
    String text = text(d);
    assertFalse(text.contains("Not run."), "both analyses ran");
    try (Catalog c = Catalog.open(analysed)) {
      var rows = c.rows(FlatnessRunner.TABLE);
      assertFalse(rows.isEmpty());
      assertTrue(text.contains("Measured at " + rows.size() + " of "));
      Element flat = byId(d, "flatness");
      for (var r : rows) {
        assertTrue(flat.getTextContent().contains(Html.num(r.getDouble("lambda_max"))), "lambda_max of minimum " + r.getLong("minimum_id"));
      }
      int points = 0;
      for (var r : c.rows(SaddleRunner.TABLE)) {
        if (Double.isFinite(r.getDouble("index_fraction")) && Double.isFinite(r.getDouble("objective"))) points++;
      }
      assertEquals(points, byId(d, "fig-saddle-scatter").getElementsByTagNameNS(SVG, "circle").getLength(), "one point per certified critical point");
      assertTrue(text.contains(c.rows(SaddleRunner.TABLE).size() + " distinct critical points"));
    }
  }

  @Test
  void networkStudyReport() throws Exception {
    String html = render(mlp);
    Document d = SvgChartTest.parse(html);
    Set<String> figs = figures(d);
    StudySummary s = summary(mlp);
    String text = text(d);
    assertNotNull(s.richness(), "seed 1 finds minima");
    assertTrue(figs.containsAll(Set.of("fig-discovery", "fig-hits", "fig-gap", "fig-near-global")), figs.toString());
    assertTrue(text.contains("Chao1 estimates " + Html.fixed(s.richness().chao1(), 1)));
    if (s.degenerate() != null) assertTrue(text.contains("Degenerate minima, counted apart: " + s.degenerate().count()));
    assertTrue(text.contains("basin flatness spirals.db"));
    assertTrue(text.contains("spirals:n=40,noise=0.05"), "the spec in provenance");
    List<String> rows = new ArrayList<>();
    for (StudySummary.MinimumRow m : s.minima()) rows.add(Html.num(m.trainLoss()));
    Element minima = byId(d, "minima");
    for (String loss : rows) assertTrue(minima.getTextContent().contains(loss), loss);
  }

  @Test
  void writeReplacesTheFile() throws Exception {
    Path out = dir.resolve("out/report.html");
    try (Catalog c = Catalog.open(plain)) {
      StudyReport.write(c, out, WHEN, "v");
      StudyReport.write(c, out, WHEN, "v");
      assertEquals(StudyReport.render(c, WHEN, "v"), Files.readString(out));
    }
    try (var files = Files.list(out.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  private static Element byId(Document d, String id) {
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) return e;
    }
    throw new AssertionError("no element with id " + id);
  }
}

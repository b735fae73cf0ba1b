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
import com.fasterxml.jackson.databind.JsonNode;
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
 * saddle tables, and a small network on spirals. Each report's markup (the inlined libraries left
 * out) must parse as XML, carry the summary's numbers as the report formats them, a chart with a
 * titled ECharts option per expected figure, a CSV link per table, and be the same string when
 * rendered twice.
 */
class StudyReportTest {
  private static final String XHTML = Pages.XHTML;
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

  /**
   * Ids of the figures, each checked to be a chart with its container, a JSON option whose title is
   * the figure's, a data CSV link and a caption.
   */
  private static Set<String> figures(Document d) throws Exception {
    Set<String> ids = new TreeSet<>();
    NodeList figs = d.getElementsByTagNameNS(XHTML, "figure");
    for (int i = 0; i < figs.getLength(); i++) {
      Element fig = (Element) figs.item(i);
      String id = fig.getAttribute("id").substring("fig-".length());
      Element chart = Pages.byId(d, "chart-" + id);
      assertEquals(id, chart.getAttribute("data-figure"));
      JsonNode option = Pages.option(d, id);
      assertFalse(option.path("title").path("text").asText().isBlank(), id + " has a title");
      assertTrue(option.path("toolbox").path("feature").has("saveAsImage"), id + " saves as PNG");
      assertTrue(option.path("series").size() > 0, id + " has series");
      assertEquals(1, fig.getElementsByTagNameNS(XHTML, "figcaption").getLength(), id + " has a caption");
      assertEquals(1, fig.getElementsByTagNameNS(XHTML, "noscript").getLength(), id + " says what it is without JavaScript");
      ids.add(fig.getAttribute("id"));
    }
    return ids;
  }

  /** Every table has a CSV link with one line per row plus the header. */
  private static void tablesHaveCsv(Document d) {
    NodeList tables = d.getElementsByTagNameNS(XHTML, "table");
    assertTrue(tables.getLength() > 0);
    for (int i = 0; i < tables.getLength(); i++) {
      Element table = (Element) tables.item(i);
      Element box = (Element) table.getParentNode();
      Element link = null;
      NodeList links = box.getElementsByTagNameNS(XHTML, "a");
      for (int k = 0; k < links.getLength(); k++) if ("csv".equals(((Element) links.item(k)).getAttribute("class"))) link = (Element) links.item(k);
      assertNotNull(link, box.getAttribute("id") + " has a CSV link");
      String csv = Pages.decodeDataUri(link.getAttribute("href"));
      int rows = table.getElementsByTagNameNS(XHTML, "tr").getLength();
      boolean kv = "kv".equals(table.getAttribute("class"));
      assertEquals(kv ? rows + 1 : rows, csv.split("\r\n").length, box.getAttribute("id") + ": CSV lines");
    }
  }

  private static String text(Document d) {
    return d.getDocumentElement().getTextContent();
  }

  @Test
  void reportWithoutAnalysesIsWellFormedAndSaysWhatWasNotRun() throws Exception {
    String html = render(plain);
    assertEquals(html, render(plain), "rendering is deterministic");
    Document d = Pages.parse(html);
    assertEquals(Set.of("fig-discovery", "fig-hits", "fig-gap", "fig-loss-histogram", "fig-near-global-share"), figures(d));
    tablesHaveCsv(d);
    String text = text(d);
    assertTrue(text.contains("Basin report: mb <&\" study"), "the study name, escaped and read back");
    assertTrue(text.contains(NASTY), "provenance value read back");
    assertTrue(text.contains("basin flatness mb.db"), "flatness not run");
    assertTrue(text.contains("basin saddles mb.db"), "saddles not run");
    assertTrue(text.contains(WHEN) && text.contains("test-version"));
    String page = Pages.withoutLibraries(html);
    assertFalse(page.replace("http://www.w3.org/1999/xhtml", "").matches("(?s).*(https?:|//[a-z]).*"), "no external resources");
    assertEquals(1, count(html, "<script id=\"echarts-lib\">"), "ECharts inlined once");
    assertEquals(figures(d).size(), count(page, "<script type=\"application/json\""), "the only other scripts are the figures' JSON");

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
    JsonNode hits = Pages.option(d, "hits");
    assertEquals(Math.min(StudyReport.MAX_BARS, s.minima().size()), hits.path("series").get(0).path("data").size());
    assertEquals(s.minima().size(), Pages.option(d, "gap").path("series").get(0).path("data").size(), "a point per minimum");
  }

  @Test
  void reportWithFlatnessAndSaddlesShowsThem() throws Exception {
    String html = render(analysed);
    assertEquals(html, render(analysed));
    Document d = Pages.parse(html);
    assertEquals(Set.of("fig-discovery", "fig-hits", "fig-gap", "fig-loss-histogram", "fig-near-global-share", "fig-flatness-scatter",
        "fig-saddle-scatter", "fig-saddle-kinds"), figures(d));
    tablesHaveCsv(d);
    String text = text(d);
    assertFalse(Pages.byId(d, "flatness").getTextContent().contains("Not run."), "flatness ran");
    assertFalse(Pages.byId(d, "saddles").getTextContent().contains("Not run."), "saddles ran");
    try (Catalog c = Catalog.open(analysed)) {
      var rows = c.rows(FlatnessRunner.TABLE);
      assertFalse(rows.isEmpty());
      assertTrue(text.contains("Measured at " + rows.size() + " of "));
      Element flat = Pages.byId(d, "flatness");
      for (var r : rows) {
        assertTrue(flat.getTextContent().contains(Html.num(r.getDouble("lambda_max"))), "lambda_max of minimum " + r.getLong("minimum_id"));
      }
      int points = 0;
      for (var r : c.rows(SaddleRunner.TABLE)) {
        if (Double.isFinite(r.getDouble("index_fraction")) && Double.isFinite(r.getDouble("objective"))) points++;
      }
      JsonNode series = Pages.option(d, "saddle-scatter").path("series");
      assertEquals(points, series.get(0).path("data").size() + series.get(1).path("data").size(), "one point per certified critical point");
      assertTrue(text.contains(c.rows(SaddleRunner.TABLE).size() + " distinct critical points"));
    }
  }

  @Test
  void networkStudyReport() throws Exception {
    String html = render(mlp);
    Document d = Pages.parse(html);
    Set<String> figs = figures(d);
    StudySummary s = summary(mlp);
    String text = text(d);
    assertNotNull(s.richness(), "seed 1 finds minima");
    assertTrue(figs.containsAll(Set.of("fig-discovery", "fig-hits", "fig-gap", "fig-near-global-share")), figs.toString());
    assertTrue(text.contains("Chao1 estimates " + Html.fixed(s.richness().chao1(), 1)));
    if (s.degenerate() != null) assertTrue(text.contains("Degenerate minima, counted apart: " + s.degenerate().count()));
    assertTrue(text.contains("basin flatness spirals.db"));
    assertTrue(text.contains("spirals:n=40,noise=0.05"), "the spec in provenance");
    List<String> rows = new ArrayList<>();
    for (StudySummary.MinimumRow m : s.minima()) rows.add(Html.num(m.trainLoss()));
    Element minima = Pages.byId(d, "minima");
    for (String loss : rows) assertTrue(minima.getTextContent().contains(loss), loss);
  }

  /** The largest page the tests make: every standard section with data, every kind of figure, the verdicts. */
  @Test
  void reportWithEveryFigureIsSmallAndLeadsWithTheVerdicts() throws Exception {
    String html;
    String without;
    try (Catalog c = Catalog.open(analysed)) {
      html = StudyReport.builder(c, WHEN, "v", FigureGallery.verdicts()).section(FigureGallery.section()).build().render();
      without = StudyReport.render(c, WHEN, "v");
    }
    int bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertTrue(bytes < 1_500_000, bytes + " bytes: well under 2 MB");
    assertTrue(html.indexOf("<section id=\"verdicts\">") < html.indexOf("<section id=\"starts\">"), "verdicts first");
    assertTrue(html.contains("<span class=\"status status-supported\">supported</span> <b>Many minima</b>"), "status label and claim");
    assertTrue(without.indexOf("<section id=\"verdicts\">") < without.indexOf("<section id=\"starts\">"),
        "a catalog's report leads with the verdicts its own evidence gives");
    assertEquals(3, count(without, "<div class=\"verdict\""), "three verdicts from the catalog");
    Document d = Pages.parse(html);
    assertEquals(3, count(html, "<div class=\"verdict\""), "three verdicts");
    assertTrue(Pages.byId(d, "gallery").getTextContent().contains(FigureGallery.NASTY), "user text read back as text");
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

  private static int count(String text, String needle) {
    int n = 0;
    for (int k = text.indexOf(needle); k >= 0; k = text.indexOf(needle, k + needle.length())) n++;
    return n;
  }
}

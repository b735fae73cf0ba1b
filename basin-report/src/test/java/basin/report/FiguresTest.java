package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ECharts options the figure factories build, read back as JSON, and what they refuse. */
class FiguresTest {
  private static final Figures.Axes AXES = Figures.Axes.of("t", "x", "y");

  @Test
  void histogramCountsEveryFiniteValueOnce() {
    double[] v = {0, 0.5, 1, 1, 2, Double.NaN, Double.POSITIVE_INFINITY, 3.999, 4};
    Figure f = Figures.histogram("h", AXES, v, 4, List.of(Figures.Reference.x(-1, "ref")), "c");
    JsonNode data = f.option().path("series").get(0).path("data");
    assertEquals(5, data.size(), "a row per bin edge");
    long total = 0;
    for (int k = 0; k < 4; k++) total += data.get(k).path("value").get(1).asLong();
    assertEquals(7, total, "the 7 finite values, the largest in the last (closed) bin");
    assertEquals(-1.0, data.get(0).path("value").get(0).asDouble(), 0.0, "the range widened to the reference");
    assertEquals(4, f.dataCsv().split("\r\n").length - 1, "a CSV row per bin");
    assertEquals(-1.0, f.option().path("series").get(1).path("markLine").path("data").get(0).path("xAxis").asDouble(), 0.0);
  }

  @Test
  void logAxesDropWhatTheyCannotDrawButTheCsvKeepsIt() {
    Figure f = Figures.xy("l", AXES.withLogLog(), List.of(Figures.Line.of("a", new double[] {1, 0, 10, 100}, new double[] {1, 5, -1, 2}),
        new Figures.Band("b", new double[] {1, 10}, new double[] {0, 1}, new double[] {2, 3})), "c");
    JsonNode series = f.option().path("series");
    assertEquals("log", f.option().path("xAxis").path("type").asText());
    assertTrue(f.option().path("yAxis").path("name").asText().endsWith("(log scale)"));
    assertEquals(2, series.get(0).path("data").size(), "x = 0 and y = -1 left out");
    assertEquals(1, series.get(1).path("data").size(), "the band row with lower 0 left out");
    assertEquals("custom", series.get(1).path("type").asText());
    assertEquals(6, f.dataCsv().split("\r\n").length - 1, "every row in the CSV");
  }

  @Test
  void heatmapIsRowMajorOverTheGrid() {
    double[] x = {0, 1, 2};
    double[] y = {10, 20};
    double[] z = {0, 1, 2, 3, 4, Double.NaN};
    JsonNode data = Figures.heatmap("m", AXES, x, y, z, "loss", "c").option().path("series").get(0).path("data");
    assertEquals(5, data.size(), "NaN left out");
    assertEquals(1, data.get(4).get(0).asInt());
    assertEquals(1, data.get(4).get(1).asInt());
    assertEquals(4.0, data.get(4).get(2).asDouble(), 0.0, "z[1 * 3 + 1] at (x[1], y[1])");
    assertThrows(IllegalArgumentException.class, () -> Figures.heatmap("m", AXES, x, y, new double[5], "z", "c"));
  }

  @Test
  void svgBlocksMustBeSvgWithoutScript() {
    String ok = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>only = 3, onset</text></svg>";
    assertFalse(Figures.svg("s", "t", ok, "c").isChart());
    for (String bad : List.of("<div>x</div>", "<svg><script>alert(1)</script></svg>", "<svg><rect onclick=\"x()\"/></svg>",
        "<svg><a href=\"javascript:x()\">x</a></svg>", "<svg><rect ONLOAD = 'x'/></svg>")) {
      assertThrows(IllegalArgumentException.class, () -> Figures.svg("s", "t", bad, "c"), bad);
    }
  }

  @Test
  void idsAreChecked() {
    for (String bad : List.of("", "Upper", "a b", "a\"b", "-a", "x".repeat(65))) {
      assertThrows(IllegalArgumentException.class, () -> Figures.bars(bad, AXES, List.of(), new double[0], "c"), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Figures.bars("b", AXES, List.of("a"), new double[2], "c"));
  }

  @Test
  void duplicateIdsInADocumentAreRefused() {
    Figure f = Figures.bars("b", AXES, List.of("a"), new double[] {1}, "c");
    Section s1 = Section.builder("s1", "one").figure(f).build();
    Section s2 = Section.builder("s2", "two").figure(f).build();
    assertThrows(IllegalArgumentException.class, () -> ReportDocument.builder("t").section(s1).section(s2).build());
    assertThrows(IllegalArgumentException.class, () -> ReportDocument.builder("t").section(s1).section(s1).build());
  }
}

package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The SVG charts: well-formed, titled, labelled, and honest about empty data. */
class SvgChartTest {

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static int count(Document d, String tag) {
    return d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag).getLength();
  }

  @Test
  void xyChartDrawsEachDrawablePoint() throws Exception {
    SvgChart.Frame f = new SvgChart.Frame("gap <&> \"t\"", "hits", "gap", false, true);
    String svg = SvgChart.xy(f, List.of(new SvgChart.Series("s", new double[] {1, 2, 3, 4}, new double[] {1e-3, 0, 2, Double.NaN},
        new double[] {3, 3, 3, 3}, "point")), List.of(new SvgChart.Reference(1e-2, "eps")));
    Document d = parse(svg);
    assertEquals("gap <&> \"t\"", d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent());
    assertEquals(2, count(d, "circle"), "zero and NaN cannot be drawn on a log axis");
    assertTrue(svg.contains("gap (log scale)"), "log axis says so");
    assertTrue(svg.contains(">hits<"));
    assertTrue(svg.contains(">eps<"));
    assertFalse(svg.contains("no data"));
  }

  @Test
  void emptyChartsSayNoData() throws Exception {
    SvgChart.Frame f = new SvgChart.Frame("empty", "x", "y", true, true);
    String xy = SvgChart.xy(f, List.of(new SvgChart.Series(null, new double[0], new double[0], null, "line")), List.of());
    parse(xy);
    assertTrue(xy.contains(">no data<"));
    String bars = SvgChart.bars(f, List.of(), new double[0]);
    parse(bars);
    assertTrue(bars.contains(">no data<"));
    String iv = SvgChart.intervals(f, List.of(), new double[0], new double[0], new double[0], 0, 1);
    parse(iv);
    assertTrue(iv.contains(">no data<"));
  }

  @Test
  void barsHaveOneRectPerCategoryAndThinLabels() throws Exception {
    int n = 60;
    double[] v = new double[n];
    List<String> labels = java.util.stream.IntStream.range(0, n).mapToObj(i -> "m" + i).toList();
    for (int i = 0; i < n; i++) v[i] = n - i;
    String svg = SvgChart.bars(new SvgChart.Frame("hits", "minimum", "hits", false, false), labels, v);
    Document d = parse(svg);
    assertEquals(n, count(d, "rect"));
    assertTrue(svg.contains(">m0<") && svg.contains(">m3<") && !svg.contains(">m1<"), "every 3rd of 60 labelled (at most 25)");
  }

  @Test
  void countAxesGetIntegerTicks() {
    SvgChart.Frame f = new SvgChart.Frame("hits", "hits", "gap", false, false);
    String counts = SvgChart.xy(f, List.of(new SvgChart.Series(null, new double[] {1, 1, 1}, new double[] {0.1, 0.2, 0.3},
        new double[] {3, 3, 3}, "point")), List.of());
    assertFalse(counts.contains(">0.5<"), "no tick at half a hit");
    assertTrue(counts.contains(">0.15<"), "the real-valued axis keeps its decimals (step 0.05)");
    assertTrue(SvgChart.counts(new double[] {0, 3, 12}));
    assertFalse(SvgChart.counts(new double[] {1, 2.5}));
    assertFalse(SvgChart.counts(new double[] {1, -1}));
    assertFalse(SvgChart.counts(new double[] {1, Double.NaN}));
  }

  @Test
  void intervalsDrawALineWithCapsAndADot() throws Exception {
    String svg = SvgChart.intervals(new SvgChart.Frame("share", "share", "", false, false), List.of("Wilson"), new double[] {0.2},
        new double[] {0.3}, new double[] {0.45}, 0, 1);
    Document d = parse(svg);
    assertEquals(1, count(d, "circle"));
    assertTrue(svg.contains("class=\"interval\""));
    assertThrows(IllegalArgumentException.class, () -> SvgChart.intervals(new SvgChart.Frame("s", "x", "y", false, false),
        List.of("a", "b"), new double[1], new double[2], new double[2], 0, 1));
  }

  @Test
  void escapingMakesAnyStringWellFormed() throws Exception {
    String nasty = "a<b>&c\"d'e\u0001f\uD800g";
    Document d = parse("<p>" + Html.escape(nasty) + "</p>");
    assertEquals("a<b>&c\"d'e\uFFFDf\uFFFDg", d.getDocumentElement().getTextContent());
    assertEquals("-", Html.num(Double.NaN));
    assertEquals("inf", Html.num(Double.POSITIVE_INFINITY));
    assertEquals("1.235e-05", Html.num(1.23456e-5));
    assertEquals("12.3%", Html.percent(0.1234));
  }
}

package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.landscape.topology.DisconnectivityGraph;
import basin.landscape.topology.DisconnectivityGraph.Edge;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DisconnectivitySvgTest {

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Energies 0, 1, 0.5, 2 joined 1-2 at 2.5, 0-1 at 3, 2-3 at 4: leaves drawn left to right in the
   * leaf order 0, 2, 1, 3, lower loss lower on the page, each join's bar spanning exactly its
   * children. Coordinates are printed to 0.01 px, so positions compare within 0.011.
   */
  @Test
  void leavesFollowTheLeafOrderAndLossGoesUp() throws Exception {
    double[] e = {0, 1, 0.5, 2};
    DisconnectivityGraph g = DisconnectivityGraph.exact(e, List.of(new Edge(0, 1, 3), new Edge(1, 2, 2.5), new Edge(2, 3, 4)));
    String svg = DisconnectivitySvg.render(g, new int[] {10, 11, 12, 13}, DisconnectivitySvg.Options.defaults().withTitle("a < b & c"));
    Document doc = parse(svg);
    NodeList circles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle");
    assertEquals(4, circles.getLength());
    double[] cx = new double[4];
    double[] cy = new double[4];
    String[] titles = new String[4];
    for (int k = 0; k < 4; k++) {
      Element c = (Element) circles.item(k);
      cx[k] = Double.parseDouble(c.getAttribute("cx"));
      cy[k] = Double.parseDouble(c.getAttribute("cy"));
      titles[k] = c.getTextContent();
    }
    assertEquals("minimum 10: loss 0.00000", titles[0]);
    assertEquals("minimum 12: loss 0.500000", titles[1]);
    assertEquals("minimum 11: loss 1.00000", titles[2]);
    assertEquals("minimum 13: loss 2.00000", titles[3]);
    for (int k = 1; k < 4; k++) assertTrue(cx[k] > cx[k - 1], "leaves left to right");
    assertTrue(cy[0] > cy[1] && cy[1] > cy[2] && cy[2] > cy[3], "lower loss is lower on the page");
    // the bar of the join at 2.5 spans leaves 12 and 11 (positions 1 and 2)
    NodeList lines = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line");
    boolean found = false;
    for (int k = 0; k < lines.getLength(); k++) {
      Element l = (Element) lines.item(k);
      if (l.getTextContent().startsWith("join at 2.50000")) {
        assertEquals(cx[1], Double.parseDouble(l.getAttribute("x1")), 0.011);
        assertEquals(cx[2], Double.parseDouble(l.getAttribute("x2")), 0.011);
        found = true;
      }
    }
    assertTrue(found, svg);
    assertTrue(svg.contains("a &lt; b &amp; c"));
  }

  @Test
  void aForestAndASingleMinimumStillDraw() throws Exception {
    DisconnectivityGraph forest = DisconnectivityGraph.exact(new double[] {0, 1, 2}, List.of(new Edge(0, 1, 1.5)));
    parse(DisconnectivitySvg.render(forest, null, DisconnectivitySvg.Options.defaults()));
    DisconnectivityGraph one = DisconnectivityGraph.exact(new double[] {0.25}, List.of());
    Document doc = parse(DisconnectivitySvg.render(one, null, DisconnectivitySvg.Options.defaults()));
    assertEquals(1, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength());
  }

  @Test
  void ticksCoverTheRangeInNiceSteps() {
    double[] t = DisconnectivitySvg.ticks(0.013, 0.47, 6);
    assertEquals(0.0, t[0]);
    assertEquals(0.5, t[t.length - 1], 1e-15);
    assertEquals(0.1, t[1] - t[0], 1e-15);
  }
}

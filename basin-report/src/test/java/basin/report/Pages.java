package basin.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reading rendered report pages in tests: the markup without the two inlined libraries parses as XML. */
final class Pages {
  static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final Pattern LIBS = Pattern.compile("<script id=\"(echarts-lib|basin-report-js)\">.*?</script>", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Pages() {}

  /** The page without the inlined ECharts and report scripts (whose code is not XML). */
  static String withoutLibraries(String html) {
    return LIBS.matcher(html).replaceAll("");
  }

  /** The page's markup, the libraries left out, parsed as namespace-aware XML: fails unless well-formed. */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(withoutLibraries(html))));
  }

  static Element byId(Document d, String id) {
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) return e;
    }
    throw new AssertionError("no element with id " + id);
  }

  /** The ECharts option of a chart figure, read back from its JSON script. */
  static JsonNode option(Document d, String figureId) throws Exception {
    return JSON.readTree(byId(d, "option-" + figureId).getTextContent());
  }

  /** The text of a data: URI made by {@link Csv#dataUri}. */
  static String decodeDataUri(String uri) {
    String prefix = "data:text/csv;charset=utf-8,";
    if (!uri.startsWith(prefix)) throw new AssertionError("not a CSV data URI: " + uri);
    return URLDecoder.decode(uri.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

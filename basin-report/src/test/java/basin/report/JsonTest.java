package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON for script elements: nothing a user writes can end the script, and every string reads back exactly. */
class JsonTest {
  private static final List<String> NASTY = List.of("</script><script>alert(1)</script>", "<!-- x", "a & b > c", "line\u2028sep\u2029",
      "quote \" back \\ slash", "tab\tnew\nline", "ünïcødé 😀", "]]>", "</SCRIPT >", "\u0000nul");

  @Test
  void userStringsCannotCloseTheScriptAndReadBackExactly() throws Exception {
    ObjectNode o = Json.object();
    ArrayNode a = o.putArray("strings");
    for (String s : NASTY) a.add(s);
    o.put("key </script>", 1);
    String json = Json.forScript(o);
    for (char c : new char[] {'<', '>', '&', '\u2028', '\u2029'}) assertEquals(-1, json.indexOf(c), "raw " + (int) c);
    assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "plain printable ASCII: " + json);
    assertTrue(json.contains("\\u003C/script\\u003E"), json);
    ObjectNode back = (ObjectNode) new ObjectMapper().readTree(json);
    for (int i = 0; i < NASTY.size(); i++) assertEquals(NASTY.get(i), back.get("strings").get(i).asText());
    assertTrue(back.has("key </script>"));
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    ArrayNode a = Json.array();
    Json.number(a, Double.NaN);
    Json.number(a, Double.POSITIVE_INFINITY);
    Json.number(a, 1.5);
    assertEquals("[null,null,1.5]", Json.forScript(a));
  }

  @Test
  void figureOptionsCarryUserTextOnlyAsEscapedJson() {
    String name = "spec <script>alert(1)</script> & co";
    Figure f = Figures.scatter("x", Figures.Axes.of(name, name, name), List.of(new Figures.Points(name, new double[] {1}, new double[] {2},
        List.of(name), null)), List.of(Figures.Reference.y(1, name)), name);
    String json = f.optionJson();
    assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), json);
    assertTrue(json.contains("spec \\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E \\u0026 co"), json);
  }
}

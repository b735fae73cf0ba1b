package basin.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for the report's {@code <script type="application/json">} blocks, written by Jackson (never
 * by concatenating strings). Besides JSON's own escapes, {@code < > &}, U+2028 and U+2029 and every
 * non-ASCII character are written as {@code \}{@code uXXXX}, so no string, whatever the user put in
 * it, can close the script element ({@code </script>}), open a comment ({@code <!--}), start a
 * character reference, or break a JavaScript line: the JSON text is plain ASCII without those three
 * characters, and {@code JSON.parse} reads the strings back exactly.
 *
 * <p>Numbers: NaN and the infinities have no JSON form; {@link #number} writes them as null (ECharts
 * leaves a null value undrawn).
 */
final class Json {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Adds x to the array, or null when it is NaN or infinite. */
  static void number(ArrayNode a, double x) {
    if (Double.isFinite(x)) a.add(x);
    else a.addNull();
  }

  /** The node as JSON safe to place between {@code <script type="application/json">} and {@code </script>}. */
  static String forScript(Object node) {
    try {
      return MAPPER.writer().with(JsonGenerator.Feature.ESCAPE_NON_ASCII).with(ScriptSafeEscapes.INSTANCE).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** JSON's standard escapes plus {@code < > &} and the two JavaScript line separators as Unicode escapes. */
  private static final class ScriptSafeEscapes extends CharacterEscapes {
    static final ScriptSafeEscapes INSTANCE = new ScriptSafeEscapes();
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    private ScriptSafeEscapes() {
      int[] e = CharacterEscapes.standardAsciiEscapesForJSON();
      e['<'] = CharacterEscapes.ESCAPE_STANDARD;
      e['>'] = CharacterEscapes.ESCAPE_STANDARD;
      e['&'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes = e;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // non-ASCII (U+2028/U+2029 included) is escaped by ESCAPE_NON_ASCII
    }
  }
}

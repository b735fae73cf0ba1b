package basin.report;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV (RFC 4180) of a table or a figure's data, and the {@code data:} URI a download link carries.
 * Fields with a comma, quote, CR or LF are quoted (quotes doubled). A text field that a spreadsheet
 * would run as a formula (it starts with {@code = + - @}, a tab or CR and is not a number) gets a
 * leading apostrophe; numbers are written as they are.
 */
final class Csv {
  private Csv() {}

  /** The rows, header first, each line ended by CRLF. */
  static String of(List<String> header, List<List<String>> rows) {
    StringBuilder b = new StringBuilder(64 * (rows.size() + 1));
    line(b, header);
    for (List<String> r : rows) line(b, r);
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) b.append(',');
      b.append(field(fields.get(i)));
    }
    b.append("\r\n");
  }

  /** One field, quoted when needed and defused when a spreadsheet would read it as a formula. */
  static String field(String s) {
    if (s == null) return "";
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) v = "'" + v;
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A {@code data:text/csv} URI of the text (UTF-8, percent-encoded: only letters, digits and
   * {@code - . _ ~ ,} stay as they are), safe inside a quoted HTML attribute without further escaping.
   */
  static String dataUri(String csv) {
    return "data:text/csv;charset=utf-8," + percentEncode(csv);
  }

  /** Percent-encoding of the UTF-8 bytes of s, keeping only {@code A-Z a-z 0-9 - . _ ~ ,}. */
  static String percentEncode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + bytes.length / 4);
    for (byte by : bytes) {
      int c = by & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == ',') {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return b.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}

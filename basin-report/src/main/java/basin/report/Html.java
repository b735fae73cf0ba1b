package basin.report;

import java.util.Locale;

/** Escaping of text into XHTML and the report's number formats. */
final class Html {
  private Html() {}

  /**
   * Text escaped for element content and quoted attribute values: {@code & < > " '} become
   * references, and characters XML does not allow (controls other than tab, newline and carriage
   * return, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so any string makes well-formed markup.
   */
  static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c) || c == 0xFFFE
              || c == 0xFFFF) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** 4 significant digits ({@code %.4g}); "-" for NaN, "inf" / "-inf" for infinities. */
  static String num(double x) {
    if (Double.isNaN(x)) return "-";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return "0";
    return String.format(Locale.ROOT, "%.4g", x);
  }

  /** Fixed decimals; "-" for NaN, "inf" / "-inf" for infinities. */
  static String fixed(double x, int decimals) {
    if (Double.isNaN(x)) return "-";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%." + decimals + "f", x);
  }

  /** Scientific with 3 decimals ({@code %.3e}), as the text summary prints gaps; "-" for NaN. */
  static String sci(double x) {
    if (Double.isNaN(x)) return "-";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.3e", x);
  }

  /** A share as a percentage with one decimal: 0.4567 -&gt; 45.7%; "-" for NaN. */
  static String percent(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** A count that may be unknown (null): "-". */
  static String count(Integer n) {
    return n == null ? "-" : n.toString();
  }
}

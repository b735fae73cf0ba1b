package basin.data.io;

import java.util.Locale;

/** Strict parsing of numeric text cells: plain decimal or scientific notation, nothing else. */
final class NumberCells {
  private NumberCells() {}

  /**
   * The value of a cell, or NaN when it is not a plain number (Java suffixes like "1d", hex and
   * words are refused). A literal "NaN" or "Inf" also yields NaN or an infinity, so callers check
   * {@link Double#isFinite} and use {@link #describeBad} for the message.
   */
  static double parse(String cell) {
    int n = cell.length();
    if (n == 0 || n > 64) return Double.NaN;
    boolean digit = false;
    for (int i = 0; i < n; i++) {
      char ch = cell.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digit = true;
      } else if (ch != '.' && ch != '-' && ch != '+' && ch != 'e' && ch != 'E') {
        return nonFiniteLiteral(cell);
      }
    }
    if (!digit) return Double.NaN;
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static double nonFiniteLiteral(String cell) {
    switch (cell.toLowerCase(Locale.ROOT)) {
      case "inf": case "+inf": case "infinity": case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf": case "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }

  static boolean isNonFiniteLiteral(String cell) {
    String s = cell.toLowerCase(Locale.ROOT);
    return s.equals("nan") || s.equals("+nan") || s.equals("-nan") || !Double.isNaN(nonFiniteLiteral(cell));
  }

  /** What is wrong with a cell that did not parse to a finite number, for messages. */
  static String describeBad(String cell) {
    if (cell.isEmpty()) return "empty cell";
    if (isNonFiniteLiteral(cell)) return "value " + cell + " is not finite";
    String shown = cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
    return "'" + shown + "' is not a number";
  }
}

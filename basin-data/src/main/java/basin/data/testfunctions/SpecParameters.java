package basin.data.testfunctions;

import basin.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code key=value,key=value} part of a test-function spec against a table of defaults, with
 * one-line {@link InputException}s naming the spec, the key and what was expected. Lists inside a
 * value are separated by ';' (the ',' separates keys).
 */
final class SpecParameters {
  private final String spec;
  private final Map<String, String> values;

  private SpecParameters(String spec, Map<String, String> values) {
    this.spec = spec;
    this.values = values;
  }

  /**
   * @param spec the whole spec, for messages
   * @param name the function name
   * @param text the text after the ':' (may be empty)
   * @param defaults key to default value, in display order
   */
  static SpecParameters parse(String spec, String name, String text, Map<String, String> defaults) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    if (!text.isBlank()) {
      for (String pair : text.split(",", -1)) {
        String p = pair.trim();
        if (p.isEmpty()) continue;
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new InputException("test function '" + spec + "': parameter '" + p + "' is not key=value, expected e.g. " + example(name, defaults));
        }
        String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (!defaults.containsKey(key)) {
          throw new InputException("test function '" + spec + "': unknown parameter '" + key + "' for " + name + ", expected "
              + (defaults.isEmpty() ? "none" : String.join(", ", defaults.keySet())));
        }
        values.put(key, p.substring(eq + 1).trim());
      }
    }
    return new SpecParameters(spec, values);
  }

  private static String example(String name, Map<String, String> defaults) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : defaults.entrySet()) parts.add(e.getKey() + "=" + e.getValue());
    return parts.isEmpty() ? name : name + ":" + String.join(",", parts);
  }

  String text(String key) {
    return values.get(key);
  }

  /** An integer in [min, max]. */
  int integer(String key, int min, int max) {
    String v = values.get(key);
    try {
      int x = Integer.parseInt(v);
      if (x >= min && x <= max) return x;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException("test function '" + spec + "': parameter " + key + "='" + v + "', expected an integer in [" + min + ", " + max + "]");
  }

  /** Any long integer. */
  long longInteger(String key) {
    String v = values.get(key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InputException("test function '" + spec + "': parameter " + key + "='" + v + "', expected an integer");
    }
  }

  /** A finite number. */
  double real(String key) {
    String v = values.get(key);
    double x = parseFinite(v);
    if (Double.isNaN(x)) throw new InputException("test function '" + spec + "': parameter " + key + "='" + v + "', expected a finite number");
    return x;
  }

  /** A ';'-separated list of 1 to {@code maxLength} finite numbers. */
  double[] list(String key, int maxLength) {
    String v = values.get(key);
    String[] parts = v.split(";", -1);
    if (v.isBlank() || parts.length > maxLength) {
      throw new InputException("test function '" + spec + "': parameter " + key + "='" + v + "', expected 1 to " + maxLength
          + " finite numbers separated by ';' (e.g. -1;2;3)");
    }
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parseFinite(parts[i].trim());
      if (Double.isNaN(out[i])) {
        throw new InputException("test function '" + spec + "': parameter " + key + ", element " + (i + 1) + " '" + parts[i].trim()
            + "' is not a finite number, expected numbers separated by ';' (e.g. -1;2;3)");
      }
    }
    return out;
  }

  /** The number, or NaN when the text is not a finite number. */
  private static double parseFinite(String v) {
    try {
      double x = Double.parseDouble(v);
      return Double.isFinite(x) ? x : Double.NaN;
    } catch (NumberFormatException | NullPointerException e) {
      return Double.NaN;
    }
  }

  /** Shortest text that parses back to x: "2" for 2.0, "0.05" for 0.05, Double.toString otherwise. */
  static String format(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
    return Double.toString(x);
  }

  /** Numbers joined by ';' with {@link #format}. */
  static String formatList(double[] xs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      if (i > 0) b.append(';');
      b.append(format(xs[i]));
    }
    return b.toString();
  }
}

package basin.study;

import basin.core.InputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed objective name with parameters, {@code name:key=value,key=value} as for {@code --data}
 * (for example {@code relu-population:k=8,teacher=identity}). Lists inside a value are separated by
 * ';' ({@code spectrum=6;5;4;3;2;1}).
 */
record ObjectiveName(String name, Map<String, String> parameters) {

  static ObjectiveName parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    String name = (colon < 0 ? t : t.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0 && colon < t.length() - 1) {
      for (String part : t.substring(colon + 1).split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1) {
          throw new InputException("objective " + t + ": parameter '" + part.trim() + "' is not key=value");
        }
        String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (params.put(key, part.substring(eq + 1).trim()) != null) {
          throw new InputException("objective " + t + ": parameter " + key + " is given twice");
        }
      }
    }
    return new ObjectiveName(name, params);
  }

  void allowOnly(Set<String> keys) {
    for (String k : parameters.keySet()) {
      if (!keys.contains(k)) {
        throw new InputException("objective " + name + ": unknown parameter " + k + ", expected one of " + String.join(", ", keys.stream().sorted().toList()));
      }
    }
  }

  String text(String key, String fallback) {
    return parameters.getOrDefault(key, fallback);
  }

  int integer(String key, Integer fallback, int min) {
    String v = parameters.get(key);
    if (v == null) {
      if (fallback == null) throw new InputException("objective " + name + ": parameter " + key + " is required (an integer >= " + min + ")");
      return fallback;
    }
    int x;
    try {
      x = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InputException("objective " + name + ": parameter " + key + "=" + v + ", expected an integer >= " + min);
    }
    if (x < min) throw new InputException("objective " + name + ": parameter " + key + "=" + v + ", expected an integer >= " + min);
    return x;
  }

  long seed(String key, long fallback) {
    String v = parameters.get(key);
    if (v == null) return fallback;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InputException("objective " + name + ": parameter " + key + "=" + v + ", expected an integer seed");
    }
  }

  double[] list(String key, double[] fallback) {
    String v = parameters.get(key);
    if (v == null) return fallback;
    String[] parts = v.split(";");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InputException("objective " + name + ": parameter " + key + "=" + v + ", expected numbers separated by ';'");
      }
      if (!Double.isFinite(out[i])) throw new InputException("objective " + name + ": parameter " + key + "=" + v + ", expected finite numbers");
    }
    return out;
  }
}

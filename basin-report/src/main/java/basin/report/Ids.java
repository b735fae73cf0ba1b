package basin.report;

import java.util.regex.Pattern;

/** Ids of sections, figures and tables: they name HTML anchors and downloaded files, so only {@code [a-z0-9-]} is allowed. */
final class Ids {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private Ids() {}

  static String check(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " id " + (id == null ? "null" : "\"" + id + "\"")
          + ": expected 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit");
    }
    return id;
  }
}

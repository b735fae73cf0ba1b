package basin.data.catalog;

import java.util.Locale;

/**
 * One line of {@code basin data list}.
 *
 * @param name what to pass to {@code --data}
 * @param kind built-in real data or synthetic
 * @param shape shape and classes (for synthetic problems, at the default parameters)
 * @param parameters for synthetic problems, the accepted parameters with their defaults
 *     ("bits=4,n=0"); empty for built-ins
 * @param summary what the data are, with their origin
 */
public record CatalogEntry(String name, Kind kind, String shape, String parameters, String summary) {

  /** Where the data come from. */
  public enum Kind {
    BUILTIN,
    SYNTHETIC
  }

  /** One aligned line for a terminal listing. */
  public String render() {
    return String.format(Locale.ROOT, "%-10s %-9s %-48s %s%s", name, kind.name().toLowerCase(Locale.ROOT), shape, summary,
        parameters.isEmpty() ? "" : " [" + parameters + "]");
  }
}

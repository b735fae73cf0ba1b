package basin.data.testfunctions;

import basin.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of analytic test functions, by spec: {@code NAME} or {@code NAME:key=value,key=value}
 * (the syntax of {@code --data} for synthetic problems). List values are separated by ';', so a
 * spec with a list must be quoted in a shell.
 *
 * <table>
 *   <caption>names and parameters</caption>
 *   <tr><th>spec</th><th>function</th><th>parameters (defaults)</th></tr>
 *   <tr><td>muller-brown</td><td>{@link MullerBrown}, 2-D</td><td>none</td></tr>
 *   <tr><td>himmelblau</td><td>{@link Himmelblau}, 2-D</td><td>none</td></tr>
 *   <tr><td>rosenbrock:n=5</td><td>{@link Rosenbrock}</td><td>n (4), 2 &lt;= n &lt;= 40000</td></tr>
 *   <tr><td>rastrigin:n=3</td><td>{@link Rastrigin}</td><td>n (2), 1 &lt;= n &lt;= 40000</td></tr>
 *   <tr><td>quadratic:spectrum=-1;2;3,seed=4,f0=0</td><td>{@link SpectrumQuadratic}</td><td>spectrum
 *   (1;2): the Hessian eigenvalues, 1 to 4096 finite numbers; seed (none: Q = I; an integer: Q
 *   Haar-random from it); f0 (0)</td></tr>
 * </table>
 *
 * Names are case-insensitive. Every error in a spec is an {@link InputException} with one line that
 * names the spec, the offending name or value, and what was expected.
 */
public final class TestFunctions {
  private TestFunctions() {}

  /**
   * One line of {@code basin objectives list}.
   *
   * @param name the registry name
   * @param parameters accepted keys with their defaults ("n=4"), empty when there are none
   * @param dimension "2", or the parameter that sets it ("n")
   * @param criticalPoints what {@link TestFunction#knownCriticalPoints()} lists
   * @param summary the formula's origin in a few words
   */
  public record Description(String name, String parameters, String dimension, String criticalPoints, String summary) {

    /** One aligned line for a terminal listing. */
    public String render() {
      return String.format(Locale.ROOT, "%-13s %-30s dim %-9s %s; %s", name, parameters.isEmpty() ? "-" : parameters, dimension, summary,
          criticalPoints);
    }
  }

  private enum Entry {
    MULLER_BROWN("muller-brown", "2", "3 minima (1 global), 2 saddles of index 1", "Muller-Brown potential (1979), 4 Gaussians"),
    HIMMELBLAU("himmelblau", "2", "4 global minima (value 0), 4 saddles, 1 maximum", "Himmelblau's quartic (1972)"),
    ROSENBROCK("rosenbrock", "n", "global minimum 0 at ones; for 4 <= n <= 7 a second minimum near (-1, 1, ..., 1)",
        "extended Rosenbrock sum, 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2", "n", "4"),
    RASTRIGIN("rastrigin", "n", "global minimum 0 at 0; 21^n in the box, 5^n listed (n <= 6; else 4n + 1 on the axes), index = #coordinates at a 1-D maximum",
        "Rastrigin, A = 10, separable", "n", "2"),
    QUADRATIC("quadratic", "length of spectrum", "1 at the centre, index = #negative eigenvalues (global minimum when none)",
        "f0 + 1/2 x^T Q diag(spectrum) Q^T x", "spectrum", "1;2", "seed", "none", "f0", "0");

    final String id;
    final String dimension;
    final String criticalPoints;
    final String summary;
    final Map<String, String> defaults = new LinkedHashMap<>();

    Entry(String id, String dimension, String criticalPoints, String summary, String... keyValues) {
      this.id = id;
      this.dimension = dimension;
      this.criticalPoints = criticalPoints;
      this.summary = summary;
      for (int i = 0; i < keyValues.length; i += 2) defaults.put(keyValues[i], keyValues[i + 1]);
    }

    String defaultsText() {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : defaults.entrySet()) parts.add(e.getKey() + "=" + e.getValue());
      return String.join(",", parts);
    }

    TestFunction create(String spec, SpecParameters p) {
      switch (this) {
        case MULLER_BROWN:
          return new MullerBrown();
        case HIMMELBLAU:
          return new Himmelblau();
        case ROSENBROCK:
          return new Rosenbrock(p.integer("n", 2, Rosenbrock.MAX_DIMENSION));
        case RASTRIGIN:
          return new Rastrigin(p.integer("n", 1, Rastrigin.MAX_DIMENSION));
        case QUADRATIC: {
          double[] spectrum = p.list("spectrum", SpectrumQuadratic.MAX_DIMENSION);
          double f0 = p.real("f0");
          String seed = p.text("seed");
          return seed.equalsIgnoreCase("none") ? SpectrumQuadratic.axisAligned(spectrum, f0)
              : SpectrumQuadratic.rotated(spectrum, f0, p.longInteger("seed"));
        }
        default:
          throw new IllegalStateException("unreachable: every constant is handled");
      }
    }
  }

  /** Every registry name, in listing order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Entry e : Entry.values()) names.add(e.id);
    return names;
  }

  /**
   * The test function of a spec; {@link TestFunction#spec()} of the result is the canonical form
   * (every parameter written out), which parses to an equal function.
   *
   * @throws InputException for an unknown name, an unknown key, a malformed pair or a bad value
   */
  public static TestFunction parse(String spec) {
    String text = spec == null ? "" : spec.trim();
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    String parameters = colon < 0 ? "" : text.substring(colon + 1);
    for (Entry e : Entry.values()) {
      if (!e.id.equals(name)) continue;
      if (e.defaults.isEmpty() && !parameters.isBlank()) {
        throw new InputException("test function '" + text + "': " + e.id + " takes no parameters, got '" + parameters.trim() + "'");
      }
      return e.create(text, SpecParameters.parse(text, e.id, parameters, e.defaults));
    }
    throw new InputException("test function '" + text + "': unknown name '" + name + "', expected one of " + String.join(", ", names()));
  }

  /** A description of every test function, for {@code basin objectives list}. */
  public static List<Description> list() {
    List<Description> out = new ArrayList<>();
    for (Entry e : Entry.values()) out.add(new Description(e.id, e.defaultsText(), e.dimension, e.criticalPoints, e.summary));
    return out;
  }
}

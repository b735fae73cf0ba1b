package basin.study.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A correlation across paired values (for example the train and the test loss of each minimum)
 * with its confidence interval and two-sided p-value.
 *
 * <ul>
 *   <li>Pearson r = Sxy / sqrt(Sxx Syy). Interval by Fisher's z (R. A. Fisher, Metron 1, 1921):
 *       tanh(atanh(r) -+ z_c / sqrt(n - 3)), z_c the normal critical value; p-value from
 *       t = r sqrt((n - 2) / (1 - r^2)) with n - 2 degrees of freedom. The same numbers as R's
 *       {@code cor.test(x, y)} and SciPy's {@code pearsonr}. Assumes the pairs are independent and
 *       roughly bivariate normal.
 *   <li>Spearman rho: Pearson's r of the ranks (ties get their average rank). Interval by Fisher's z
 *       with the variance 1.06 / (n - 3) of Fieller, Hartley &amp; Pearson (Biometrika 44, 1957);
 *       p-value by the same t approximation as SciPy's {@code spearmanr}. Assumes only independent
 *       pairs and a monotone relation; robust to outliers and to the scale of the losses.
 * </ul>
 * With n = 3 there is no interval (it is [-1, 1]); |r| = 1 gives the interval [r, r] and p = 0.
 * Cost O(n log n) for the ranks.
 *
 * @param method PEARSON or SPEARMAN
 * @param n pairs
 * @param estimate r or rho
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param confidence the interval's two-sided coverage
 * @param pValue two-sided p-value of "no correlation"
 */
public record Correlation(Method method, int n, double estimate, double lower, double upper, double confidence, double pValue) {

  /** Which coefficient. */
  public enum Method { PEARSON, SPEARMAN }

  /** Fewest pairs accepted. */
  public static final int MIN_PAIRS = 3;
  /** Fieller, Hartley &amp; Pearson's variance factor for Spearman's z. */
  static final double SPEARMAN_VARIANCE_FACTOR = 1.06;

  public Correlation {
    Objects.requireNonNull(method, "method");
  }

  /** Pearson's r at 95%. */
  public static Correlation pearson(double[] x, double[] y) {
    return pearson(x, y, 0.95);
  }

  /** Spearman's rho at 95%. */
  public static Correlation spearman(double[] x, double[] y) {
    return spearman(x, y, 0.95);
  }

  /**
   * Pearson's r with its Fisher-z interval.
   *
   * @param x first values, finite (not modified)
   * @param y second values, finite, same length, at least {@value #MIN_PAIRS} (not modified)
   * @param confidence two-sided coverage in (0, 1)
   * @throws IllegalArgumentException for NaN or infinite values (naming the index), unequal lengths,
   *     fewer than 3 pairs, or a constant x or y (r undefined)
   */
  public static Correlation pearson(double[] x, double[] y, double confidence) {
    check(x, y);
    return of(Method.PEARSON, r(x, y), x.length, confidence, 1.0);
  }

  /** Spearman's rho with its interval; arguments as {@link #pearson(double[], double[], double)}. */
  public static Correlation spearman(double[] x, double[] y, double confidence) {
    check(x, y);
    return of(Method.SPEARMAN, r(ranks(x), ranks(y)), x.length, confidence, SPEARMAN_VARIANCE_FACTOR);
  }

  /** Whether the interval excludes 0 and lies above it. */
  public boolean positive() {
    return lower > 0;
  }

  /** For example "Spearman rho 0.94 (95% CI 0.75 to 0.99, n = 10)". */
  public String describe() {
    return String.format(Locale.ROOT, "%s %s %.2f (%.0f%% CI %.2f to %.2f, n = %d)",
        method == Method.PEARSON ? "Pearson" : "Spearman", method == Method.PEARSON ? "r" : "rho", estimate,
        100 * confidence, lower, upper, n);
  }

  private static Correlation of(Method method, double r, int n, double confidence, double varianceFactor) {
    if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence = " + confidence + ": expected a number in (0, 1)");
    double lower = -1;
    double upper = 1;
    if (Math.abs(r) >= 1) {
      lower = upper = Math.signum(r);
    } else if (n > 3) {
      double z = 0.5 * Math.log((1 + r) / (1 - r));
      double h = StandardNormal.twoSidedCriticalValue(confidence) * Math.sqrt(varianceFactor / (n - 3));
      lower = Math.tanh(z - h);
      upper = Math.tanh(z + h);
    }
    double p = Math.abs(r) >= 1 ? 0.0 : StudentT.twoSidedTail(r * Math.sqrt((n - 2) / ((1 - r) * (1 + r))), n - 2);
    return new Correlation(method, n, r, lower, upper, confidence, p);
  }

  private static double r(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    if (!(sxx > 0)) throw new IllegalArgumentException("x is constant (" + x[0] + "): the correlation is undefined");
    if (!(syy > 0)) throw new IllegalArgumentException("y is constant (" + y[0] + "): the correlation is undefined");
    return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
  }

  /** Ranks 1..n, ties given the average of the ranks they span. */
  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] rank = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
      double average = 0.5 * (i + j) + 1;
      for (int k = i; k <= j; k++) rank[order[k]] = average;
      i = j + 1;
    }
    return rank;
  }

  private static void check(double[] x, double[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length != y.length) throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length + ": expected pairs");
    if (x.length < MIN_PAIRS) throw new IllegalArgumentException(x.length + " pairs: expected at least " + MIN_PAIRS);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) throw new IllegalArgumentException("x[" + i + "] = " + x[i] + ": expected a finite number");
      if (!Double.isFinite(y[i])) throw new IllegalArgumentException("y[" + i + "] = " + y[i] + ": expected a finite number");
    }
  }
}

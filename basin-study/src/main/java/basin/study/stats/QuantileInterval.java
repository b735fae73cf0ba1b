package basin.study.stats;

import java.util.Arrays;

/**
 * A sample quantile with a distribution-free confidence interval from order statistics.
 *
 * <p>Estimate: the type-7 sample quantile (R's default; Hyndman &amp; Fan 1996) of the non-NaN
 * values. Interval: with x_(1) &lt;= ... &lt;= x_(n) sorted and B ~ Binomial(n, p), the true
 * p-quantile q of any continuous distribution satisfies P(x_(l) &lt;= q &lt; x_(u)) = P(l &lt;= B
 * &lt;= u - 1) (David &amp; Nagaraja, Order Statistics, 3rd ed., Sec. 7.1). Basin takes the largest l
 * with P(B &lt;= l - 1) &lt;= alpha/2 and the smallest u with P(B &lt;= u - 1) &gt;= 1 - alpha/2,
 * alpha = 1 - confidence, so each tail holds at most alpha/2 and the coverage, reported, is at
 * least the confidence. When n is too small for a tail (P(B = 0) = (1-p)^n &gt; alpha/2 for the
 * lower bound, p^n &gt; alpha/2 for the upper) that bound is -Infinity or +Infinity: for the median
 * at 95% this happens for n &lt;= 5. This is R's {@code DescTools::MedianCI(method = "exact")}
 * construction. Binomial tails are I_{1-p}(n - j, j + 1) ({@link RegularizedBeta}); cost O(n log n)
 * for the sort plus O(n) tail evaluations.
 *
 * @param probability p in [0, 1]
 * @param count n, the non-NaN values
 * @param estimate the type-7 quantile (NaN when n = 0)
 * @param lower x_(l), or -Infinity
 * @param upper x_(u), or +Infinity
 * @param coverage P(l &lt;= B &lt;= u - 1), the exact coverage for continuous data (NaN when n = 0)
 */
public record QuantileInterval(double probability, int count, double estimate, double lower, double upper, double coverage) {

  /**
   * @param values the sample; NaN entries are left out (not modified)
   * @param p the quantile, in [0, 1]
   * @param confidence two-sided confidence in (0, 1)
   */
  public static QuantileInterval of(double[] values, double p, double confidence) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("quantile " + p + ": expected a number in [0, 1]");
    if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence " + confidence + ": expected a number in (0, 1)");
    double[] x = new double[values.length];
    int n = 0;
    for (double v : values) if (!Double.isNaN(v)) x[n++] = v;
    x = Arrays.copyOf(x, n);
    Arrays.sort(x);
    if (n == 0) return new QuantileInterval(p, 0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN);
    double tail = (1 - confidence) / 2;
    int l = 0; // 1-based order statistic; 0 = none
    for (int j = 1; j <= n; j++) {
      if (binomialCdf(j - 1, n, p) <= tail) l = j;
      else break;
    }
    int u = n + 1; // n + 1 = none
    for (int j = 1; j <= n; j++) {
      if (binomialCdf(j - 1, n, p) >= 1 - tail) {
        u = j;
        break;
      }
    }
    double coverage = (u == n + 1 ? 1.0 : binomialCdf(u - 1, n, p)) - (l == 0 ? 0.0 : binomialCdf(l - 1, n, p));
    return new QuantileInterval(p, n, type7(x, p), l == 0 ? Double.NEGATIVE_INFINITY : x[l - 1],
        u == n + 1 ? Double.POSITIVE_INFINITY : x[u - 1], coverage);
  }

  /** P(B &lt;= j) for B ~ Binomial(n, p). */
  static double binomialCdf(int j, int n, double p) {
    if (j < 0) return 0.0;
    if (j >= n) return 1.0;
    if (p == 0) return 1.0;
    if (p == 1) return 0.0;
    return RegularizedBeta.value(1 - p, n - j, j + 1.0);
  }

  private static double type7(double[] sorted, double p) {
    int n = sorted.length;
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) return sorted[n - 1];
    double frac = h - lo;
    return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
  }
}

package basin.study.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The expected discovery curve of a sample, interpolated below its size and extrapolated above it
 * with an interval: the "richness band" a report draws behind the observed discovery curve.
 *
 * <ul>
 *   <li>Interpolation (rarefaction; Hurlbert 1971, Heck et al. 1975; Chao et al. 2014, eq. 4): the
 *       expected number of distinct classes among k of the n starts drawn without replacement,
 *       S(k) = sum over seen classes of 1 - C(n - X_i, k) / C(n, k), X_i the class's hits. S(1) = 1
 *       and S(n) = S_obs exactly. No interval (the observed curve is drawn there).
 *   <li>Extrapolation above n: {@link CoverageExtrapolation#richnessAt(long)}, with its log-normal
 *       interval.
 * </ul>
 * The binomial ratio is evaluated as exp of a difference of log-gamma values, relative error
 * about 1e-10 at n = 1e5. Cost O(S_obs) per point.
 *
 * @param points the curve's points by increasing starts
 * @param confidence the extrapolated intervals' coverage
 */
public record DiscoveryBand(List<Point> points, double confidence) {

  /** Where a point of the curve comes from. */
  public enum Part { INTERPOLATED, OBSERVED, EXTRAPOLATED }

  /**
   * One point.
   *
   * @param starts k, the sample size
   * @param expected the expected number of distinct classes at k starts
   * @param lower lower end of its interval (equal to expected where there is none)
   * @param upper upper end of its interval (equal to expected where there is none)
   * @param part interpolated (k &lt; n), observed (k = n) or extrapolated (k &gt; n)
   */
  public record Point(long starts, double expected, double lower, double upper, Part part) {}

  public DiscoveryBand {
    points = List.copyOf(points);
  }

  /**
   * The curve at {@code steps} sizes evenly spaced in [1, n] and {@code steps} more evenly spaced in
   * (n, maxStarts].
   *
   * @param hitCounts hits per class, each &gt;= 0, at least one &gt; 0 (not modified)
   * @param maxStarts the largest size, &gt;= n (2 n is as far as Chao et al. 2014 find the
   *     extrapolation reliable)
   * @param steps points on each side, &gt;= 1
   * @param confidence coverage of the extrapolated intervals, in (0, 1)
   */
  public static DiscoveryBand of(int[] hitCounts, long maxStarts, int steps, double confidence) {
    Objects.requireNonNull(hitCounts, "hitCounts");
    FrequencyCounts counts = FrequencyCounts.of(hitCounts);
    long n = counts.hits();
    if (maxStarts < n) throw new IllegalArgumentException("maxStarts = " + maxStarts + ": expected at least the " + n + " starts of the sample");
    if (steps < 1) throw new IllegalArgumentException("steps = " + steps + ": expected >= 1");
    CoverageExtrapolation extrapolation = CoverageExtrapolation.of(counts, confidence);
    List<Point> points = new ArrayList<>();
    long previous = 0;
    for (int i = 1; i <= steps; i++) {
      long k = Math.max(1, Math.round((double) i * n / steps));
      if (k <= previous) continue;
      previous = k;
      double s = k == n ? counts.observed() : interpolated(hitCounts, n, k);
      points.add(new Point(k, s, s, s, k == n ? Part.OBSERVED : Part.INTERPOLATED));
    }
    for (int i = 1; i <= steps && maxStarts > n; i++) {
      long k = n + Math.round((double) i * (maxStarts - n) / steps);
      if (k <= previous) continue;
      previous = k;
      RichnessEstimate e = extrapolation.richnessAt(k - n);
      points.add(new Point(k, e.value(), e.lower(), e.upper(), Part.EXTRAPOLATED));
    }
    return new DiscoveryBand(points, confidence);
  }

  /** S(k) = sum_i 1 - C(n - X_i, k) / C(n, k) over the seen classes. */
  static double interpolated(int[] hitCounts, long n, long k) {
    double logDenominator = LogGamma.value(n + 1.0) - LogGamma.value(n - k + 1.0);
    double s = 0;
    for (int x : hitCounts) {
      if (x <= 0) continue;
      if (n - x < k) {
        s += 1.0;
        continue;
      }
      // C(n - x, k) / C(n, k) = (n - x)! (n - k)! / ((n - x - k)! n!)
      double logRatio = LogGamma.value(n - x + 1.0) - LogGamma.value(n - x - k + 1.0) - logDenominator;
      s += 1.0 - Math.exp(logRatio);
    }
    return s;
  }
}

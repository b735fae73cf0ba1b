package basin.study.stats;

import java.util.Objects;

/**
 * A binomial share x / n with two-sided confidence intervals, for example the share of starts that
 * end within epsilon of the global minimum.
 *
 * <ul>
 *   <li>Wilson score interval (E. B. Wilson, JASA 22, 1927): with p = x/n and z the two-sided normal
 *       critical value, (p + z^2/(2n) -+ z sqrt(p(1-p)/n + z^2/(4n^2))) / (1 + z^2/n). Equal to R's
 *       {@code prop.test(x, n, correct = FALSE)$conf.int}. Cost: one normal quantile.
 *   <li>Clopper-Pearson exact interval (Clopper &amp; Pearson, Biometrika 26, 1934): lower =
 *       the alpha/2 quantile of Beta(x, n - x + 1) (0 when x = 0), upper = the 1 - alpha/2 quantile
 *       of Beta(x + 1, n - x) (1 when x = n), alpha = 1 - confidence. Equal to R's
 *       {@code binom.test(x, n)$conf.int}. Each bound is found by bisection on the regularized
 *       incomplete beta function, about 60 + log2(1/bound) evaluations of a continued fraction of
 *       O(sqrt(n)) terms.
 * </ul>
 *
 * <p>The Clopper-Pearson interval always covers at least the nominal level (it is conservative);
 * the Wilson interval covers close to it on average and is shorter. Report both when n is small.
 *
 * @param successes x, 0 &lt;= x &lt;= n
 * @param trials n &gt;= 1
 * @param confidence two-sided coverage in (0, 1), for example 0.95
 * @param wilson Wilson score interval
 * @param clopperPearson Clopper-Pearson exact interval
 */
public record Proportion(long successes, long trials, double confidence, Interval wilson, Interval clopperPearson) {

  /**
   * A closed interval [lower, upper] within [0, 1].
   *
   * @param lower lower bound
   * @param upper upper bound
   */
  public record Interval(double lower, double upper) {
    /** Whether lower &lt;= p &lt;= upper. */
    public boolean contains(double p) {
      return lower <= p && p <= upper;
    }
  }

  public Proportion {
    checkCounts(successes, trials);
    checkConfidence(confidence);
    Objects.requireNonNull(wilson, "wilson");
    Objects.requireNonNull(clopperPearson, "clopperPearson");
  }

  /** The share x / n with both intervals at the given confidence. */
  public static Proportion of(long successes, long trials, double confidence) {
    return new Proportion(successes, trials, confidence, wilson(successes, trials, confidence),
        clopperPearson(successes, trials, confidence));
  }

  /**
   * The basin-weighted share of starts whose minimum lies within epsilon of the global reference:
   * x = sum of {@code hitCounts[i]} over minima with {@code gaps[i] <= epsilon}, n = sum of all hit
   * counts. A NaN gap (a minimum whose loss is unknown) counts as not within epsilon.
   *
   * @param gaps loss minus global reference per distinct minimum (not modified)
   * @param hitCounts hit count per distinct minimum, &gt;= 0 (not modified)
   * @param epsilon tolerance, &gt;= 0
   * @param confidence two-sided coverage in (0, 1)
   */
  public static Proportion withinEpsilon(double[] gaps, int[] hitCounts, double epsilon, double confidence) {
    if (gaps.length != hitCounts.length) {
      throw new IllegalArgumentException("gaps has " + gaps.length + " entries but hitCounts has "
          + hitCounts.length + ": expected one hit count per minimum");
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon = " + epsilon + ": expected a number >= 0");
    }
    long within = 0;
    long total = 0;
    for (int i = 0; i < gaps.length; i++) {
      if (hitCounts[i] < 0) {
        throw new IllegalArgumentException("hitCounts[" + i + "] = " + hitCounts[i] + ": expected a count >= 0");
      }
      total += hitCounts[i];
      if (gaps[i] <= epsilon) {
        within += hitCounts[i];
      }
    }
    return of(within, total, confidence);
  }

  /** x / n. */
  public double estimate() {
    return (double) successes / trials;
  }

  /** The Wilson score interval; see the class documentation. */
  public static Interval wilson(long successes, long trials, double confidence) {
    checkCounts(successes, trials);
    double z = StandardNormal.twoSidedCriticalValue(confidence);
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1.0 + z2 / n;
    double center = (p + z2 / (2 * n)) / denominator;
    double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    double lower = successes == 0 ? 0.0 : Math.max(0.0, center - halfWidth);
    double upper = successes == trials ? 1.0 : Math.min(1.0, center + halfWidth);
    return new Interval(lower, upper);
  }

  /** The Clopper-Pearson exact interval; see the class documentation. */
  public static Interval clopperPearson(long successes, long trials, double confidence) {
    checkCounts(successes, trials);
    checkConfidence(confidence);
    double halfAlpha = 0.5 * (1.0 - confidence);
    double x = successes;
    double n = trials;
    double lower = successes == 0 ? 0.0 : RegularizedBeta.inverse(halfAlpha, x, n - x + 1);
    double upper = successes == trials ? 1.0 : RegularizedBeta.inverse(1.0 - halfAlpha, x + 1, n - x);
    return new Interval(lower, upper);
  }

  private static void checkCounts(long successes, long trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials = " + trials + ": expected at least 1");
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException("successes = " + successes + ": expected a count in [0, " + trials + "]");
    }
  }

  private static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence = " + confidence + ": expected a number in (0, 1)");
    }
  }
}

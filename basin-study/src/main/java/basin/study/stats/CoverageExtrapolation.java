package basin.study.stats;

/**
 * Coverage-based rarefaction and extrapolation (A. Chao &amp; L. Jost, Ecology 93, 2533-2547, 2012;
 * Chao et al., Ecological Monographs 84, 45-67, 2014): how complete the sample is, how many classes a
 * sample m starts larger would be expected to show, and how many more starts reach a coverage
 * target.
 *
 * <p>With n hits, f1 singletons, f2 doubletons and f0 = K f1^2 / (2 f2) (f2 &gt; 0) or
 * K f1 (f1 - 1) / 2 (f2 = 0), K = (n - 1) / n, Chao1's estimate of the undetected classes, let
 * u = n f0 / (n f0 + f1), which for f2 &gt; 0 equals (n - 1) f1 / ((n - 1) f1 + 2 f2):
 * <ul>
 *   <li>sample coverage (Chao &amp; Jost 2012, eq. 4a), the estimated probability mass of the classes
 *       seen: C^(n) = 1 - f1 / n * u. It improves on Good-Turing's 1 - f1 / n, which ignores f2.
 *   <li>coverage after m more starts (eq. 4b): C^(n + m) = 1 - f1 / n * u^(m + 1).
 *   <li>starts to add to reach coverage G &gt; C^(n) (eq. 10 solved for m):
 *       m = ln(n (1 - G) / f1) / ln(u) - 1, rounded up.
 *   <li>expected classes after m more starts (Shen, Chao &amp; Lin 2003; Chao et al. 2014, eq. 9):
 *       S^(n + m) = S_obs + f0 (1 - u^m), which tends to Chao1 (with f0 as above) as m grows.
 * </ul>
 * f1 = 0 gives u = 0: coverage 1, no more classes expected.
 *
 * <p>Intervals: the papers bootstrap; here, to stay deterministic and cheap, each variance is the
 * delta-method variance over the multinomial counts (as for Chao1: cov(f_i, f_j) = f_i (1 - f_i / S)
 * for i = j, -f_i f_j / S otherwise, S = S_obs + f0, n held fixed), with the exact partial
 * derivatives of the formulas in f1 and f2 (at f2 = 0 the derivative in f2 is taken as 0). The
 * coverage interval is C^ -+ z se clipped to [0, 1]; the richness interval is Chao's log-normal
 * one ({@link RichnessEstimate}). The measured coverage of these intervals is in docs/counting.md.
 *
 * <p>Assumes the starts are independent draws from one fixed distribution over the classes, and,
 * for the extrapolation, that Chao1's f0 is right; Chao et al. (2014) find it reliable up to about
 * twice the sample size (m &lt;= n).
 *
 * @param hits n
 * @param observed S_obs
 * @param singletons f1
 * @param doubletons f2
 * @param undetected f0, Chao1's estimate of the classes not yet seen (the classic, not the
 *     bias-corrected form: the one Chao &amp; Jost use)
 * @param coverage C^(n)
 * @param coverageStandardError its delta-method standard error
 * @param coverageLower lower end of its interval, &gt;= 0
 * @param coverageUpper upper end of its interval, &lt;= 1
 * @param confidence the intervals' nominal coverage
 */
public record CoverageExtrapolation(long hits, int observed, int singletons, int doubletons, double undetected,
    double coverage, double coverageStandardError, double coverageLower, double coverageUpper, double confidence) {

  /** What the extrapolation assumes, as a report prints it. */
  public static final String ASSUMPTIONS = "starts are independent draws from one fixed distribution over the minima"
      + " and Chao1's estimate of the unseen ones holds; reliable up to about twice the sample size"
      + " (Chao & Jost 2012; Chao et al. 2014)";

  static CoverageExtrapolation of(FrequencyCounts counts, double confidence) {
    double z = StandardNormal.twoSidedCriticalValue(confidence);
    Parts p = Parts.of(counts);
    double[] g = new double[3];
    double c = p.coverageAt(0, g);
    double se = Math.sqrt(p.variance(g, 0.0, counts.observed()));
    return new CoverageExtrapolation(counts.hits(), counts.observed(), counts.f(1), counts.f(2), p.f0, c, se,
        Math.max(0.0, c - z * se), Math.min(1.0, c + z * se), confidence);
  }

  /**
   * C^(n + m), the estimated coverage after m more starts.
   *
   * @param additional m &gt;= 0
   */
  public double coverageAt(long additional) {
    checkAdditional(additional);
    return Parts.of(this).coverageAt(additional, new double[3]);
  }

  /**
   * S^(n + m), the expected number of classes seen after m more starts, with its log-normal interval
   * at {@link #confidence()}. Labelled {@link RichnessEstimate.Kind#EXTRAPOLATION}: it is not the
   * total.
   *
   * @param additional m &gt;= 0
   */
  public RichnessEstimate richnessAt(long additional) {
    checkAdditional(additional);
    Parts p = Parts.of(this);
    double u = p.u;
    double um = Math.pow(u, additional);
    double value = observed + p.f0 * (1 - um);
    // dS/df_k = 1 for every k (through S_obs), plus the f0 and u terms in f1, f2
    double dUm = additional == 0 ? 0.0 : additional * Math.pow(u, additional - 1);
    double[] g = {0.0, 1.0, 1.0};
    g[1] += p.df0[1] * (1 - um) - p.f0 * dUm * p.du[1];
    g[2] += p.df0[2] * (1 - um) - p.f0 * dUm * p.du[2];
    double variance = p.variance(g, 1.0, observed);
    return RichnessEstimate.logNormal("extrapolated to " + (hits + additional) + " starts",
        RichnessEstimate.Kind.EXTRAPOLATION, observed, value, variance, StandardNormal.twoSidedCriticalValue(confidence),
        confidence, ASSUMPTIONS);
  }

  /**
   * The starts to add so that the estimated coverage reaches a target: 0 when C^(n) already does,
   * else the smallest m with C^(n + m) &gt;= target; {@link Long#MAX_VALUE} when that would exceed
   * 1e15 (for example when f1 singletons with f2 = 0 put u within rounding of 1).
   *
   * @param target coverage in (0, 1)
   */
  public long additionalStartsFor(double target) {
    if (!(target > 0 && target < 1)) throw new IllegalArgumentException("coverage target = " + target + ": expected a number in (0, 1)");
    if (coverage >= target || singletons == 0) return 0;
    double u = Parts.of(this).u;
    if (!(u > 0)) return 0;
    double m = Math.log(hits * (1 - target) / singletons) / Math.log(u) - 1;
    // u rounds to 1 when f0 dwarfs f1 / n: no finite number of starts is predicted to suffice
    if (!(u < 1) || !(m < MAX_ADDITIONAL)) return Long.MAX_VALUE;
    long up = (long) Math.ceil(Math.max(0.0, m));
    // the closed form is exact up to rounding: step (a few times at most) to the smallest m that meets the target
    for (int i = 0; i < ROUNDING_STEPS && up > 0 && coverageAt(up - 1) >= target; i++) up--;
    for (int i = 0; i < ROUNDING_STEPS && coverageAt(up) < target; i++) up++;
    return up;
  }

  /** Above this many additional starts the answer is reported as {@link Long#MAX_VALUE} (none suffices in practice). */
  static final double MAX_ADDITIONAL = 1e15;
  /** Steps allowed to correct the rounding of the closed form. */
  private static final int ROUNDING_STEPS = 8;

  private static void checkAdditional(long additional) {
    if (additional < 0) throw new IllegalArgumentException("additional starts = " + additional + ": expected >= 0");
  }

  /** f0, u and their partial derivatives in f1 and f2 (indices 1 and 2). */
  private static final class Parts {
    final double n;
    final double f1;
    final double f0;
    final double u;
    final double[] df0 = new double[3];
    final double[] du = new double[3];
    final int f2;

    private Parts(long hits, int f1, int f2) {
      n = hits;
      this.f2 = f2;
      this.f1 = f1;
      double k = (n - 1) / n;
      if (f2 > 0) {
        f0 = k * f1 * (double) f1 / (2.0 * f2);
        df0[1] = k * f1 / f2;
        df0[2] = -k * f1 * (double) f1 / (2.0 * f2 * (double) f2);
      } else {
        f0 = k * f1 * (f1 - 1.0) / 2.0;
        df0[1] = k * (2.0 * f1 - 1.0) / 2.0;
        df0[2] = 0.0;
      }
      if (f1 == 0) {
        u = 0.0;
      } else {
        double d = n * f0 + f1;
        u = n * f0 / d;
        // u = n f0 / (n f0 + f1): du = n (df0 f1 - f0 df1) / d^2
        du[1] = n * (df0[1] * f1 - f0) / (d * d);
        du[2] = n * df0[2] * f1 / (d * d);
      }
    }

    static Parts of(FrequencyCounts counts) {
      return new Parts(counts.hits(), counts.f(1), counts.f(2));
    }

    static Parts of(CoverageExtrapolation e) {
      return new Parts(e.hits(), e.singletons(), e.doubletons());
    }

    /** C^(n + m) = 1 - f1 / n * u^(m + 1); writes its partials in f1, f2 into g[1], g[2]. */
    double coverageAt(long m, double[] g) {
      if (f1 == 0) return 1.0;
      double um1 = Math.pow(u, m + 1);
      double dum1 = (m + 1) * Math.pow(u, m);
      g[1] = -(um1 + f1 * dum1 * du[1]) / n;
      g[2] = -(f1 * dum1 * du[2]) / n;
      return 1.0 - f1 / n * um1;
    }

    /**
     * The delta-method variance (see {@link FrequencyCounts#deltaMethodVariance}) of an estimator
     * whose partials are g[1], g[2] in f1, f2 and gRest in every other f_k, with S = S_obs + f0.
     */
    double variance(double[] g, double gRest, int observed) {
      double rest = observed - f1 - f2;
      double squares = g[1] * g[1] * f1 + g[2] * g[2] * f2 + gRest * gRest * rest;
      double linear = g[1] * f1 + g[2] * f2 + gRest * rest;
      return Math.max(0.0, squares - linear * linear / (observed + f0));
    }
  }
}

package basin.study.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many classes (distinct minima, or critical-point classes) there are, estimated from how often
 * each observed class was hit: N starts, S_obs distinct classes, f_k classes hit exactly k times.
 *
 * <p>Formulas, with K = (N - 1) / N and z the two-sided normal critical value (1.959963984540054 at
 * 95%; EstimateS rounds it to 1.96). Equation numbers are those of Appendix B of R. K. Colwell,
 * <i>EstimateS 9 User's Guide</i> (2013).
 * <ul>
 *   <li>Sample coverage (Good-Turing; I. J. Good, Biometrika 40, 1953): C = 1 - f1 / N, the
 *       estimated probability that the next start lands in an already seen class.
 *   <li>Chao1, bias-corrected (A. Chao, Scand. J. Stat. 11, 1984; Chao, Biometrics 61, 2005):
 *       S_chao1 = S_obs + K f1 (f1 - 1) / (2 (f2 + 1)), used for every f1, f2.
 *   <li>Variance of Chao1: with f1 &gt;= 2 and f2 &gt; 0, eq. 6:
 *       K f1(f1-1) / (2(f2+1)) + K^2 f1 (2 f1 - 1)^2 / (4 (f2+1)^2) + K^2 f1^2 f2 (f1-1)^2 / (4 (f2+1)^4);
 *       with f1 &gt;= 2 and f2 = 0, eq. 7: K f1(f1-1)/2 + K^2 f1 (2 f1 - 1)^2 / 4 - K^2 f1^4 / (4 S_chao1);
 *       with f1 &lt;= 1 (then S_chao1 = S_obs), eq. 8: sum_k f_k (e^-k - e^-2k) - (sum_k k e^-k f_k)^2 / N.
 *       Negative values (possible in eq. 7) are clamped to 0.
 *   <li>95% interval of Chao1: with T = S_chao1 - S_obs &gt; 0, log-normal (Chao, Biometrics 43, 1987;
 *       eq. 13): [S_obs + T / R, S_obs + T R], R = exp(z sqrt(ln(1 + var / T^2))). With T = 0 (f1 &lt;=
 *       1), eq. 14: P = sum_k f_k e^-k / S_obs, [max(S_obs, S_obs/(1-P) - z sqrt(var)/(1-P)),
 *       S_obs/(1-P) + z sqrt(var)/(1-P)]. EstimateS uses eq. 6 for the variance also when f1 = 1 and
 *       f2 &gt; 0, where its log-normal interval is undefined (T = 0); here that case takes eqs. 8 and
 *       14 like f1 = 0.
 *   <li>ACE (Chao &amp; Lee, JASA 87, 1992), rare threshold 10: S_rare, N_rare = classes and hits with
 *       count &lt;= 10, S_abund = classes with count &gt; 10, C_ace = 1 - f1 / N_rare,
 *       gamma^2 = max(S_rare / C_ace * sum_{k=1..10} k (k-1) f_k / (N_rare (N_rare - 1)) - 1, 0),
 *       S_ace = S_abund + S_rare / C_ace + f1 / C_ace * gamma^2. S_ace = S_obs when there are no
 *       rare classes; NaN (with a caveat) when every rare class is a singleton (C_ace = 0).
 * </ul>
 *
 * <p><b>Chao1, iChao1 and ACE are lower-bound estimators</b> ({@link RichnessEstimate.Kind#LOWER_BOUND_ESTIMATOR}):
 * they estimate a lower bound of the number of classes, which is the total only when the unseen
 * classes are about as likely as the rarest seen ones. When basins are very unequal, as in loss
 * landscapes, the total can lie far above them and their intervals need not cover it (measured in
 * docs/counting.md: under Gaussian starts on a function with 1,089 known minima, Chao1's interval
 * missed the total in nearly every replicate). What the sample supports robustly is the observed
 * count (a certain lower bound) and the sample coverage. Each result says what it is and what it
 * assumes: {@link #estimates()}.
 *
 * <p>Beside them:
 * <ul>
 *   <li>iChao1 (C.-H. Chiu, Y.-T. Wang, B. A. Walther &amp; A. Chao, Biometrics 70, 671-682, 2014):
 *       S_iChao1 = S_chao1' + (n - 3) / (4 n) * f3 / f4 * max(f1 - (n - 3) / (2 (n - 1)) * f2 f3 / f4, 0)
 *       with f4 replaced by 1 when it is 0, and S_chao1' the classic Chao1 S_obs + K f1^2 / (2 f2)
 *       (K f1 (f1 - 1) / 2 when f2 = 0), as in the paper; the correction term is 0 for n &lt;= 3.
 *       Variance by the delta method over the multinomial counts with the exact partials in
 *       f1..f4 (cov(f_i, f_j) = f_i (1 - f_i / S) for i = j, -f_i f_j / S otherwise, n held fixed),
 *       log-normal interval as Chao1's.
 *   <li>ACE's variance by the same delta method with the exact partials of the formula above in
 *       f1..f10 (N_rare depends on them), log-normal interval.
 *   <li>{@link CoverageExtrapolation} (Chao &amp; Jost 2012): the improved coverage estimate, the
 *       richness expected at n + m starts, the starts needed to reach a coverage target.
 * </ul>
 * The caveats ({@link #caveats()}) say when the data are too thin for any of them.
 *
 * @param observed S_obs, classes with at least one hit
 * @param hits N, total hits
 * @param singletons f1, classes hit once
 * @param doubletons f2, classes hit twice
 * @param coverage C = 1 - f1 / N
 * @param chao1 bias-corrected Chao1
 * @param chao1Variance its variance (eq. 6, 7 or 8 as above), &gt;= 0
 * @param chao1Lower lower bound of its interval
 * @param chao1Upper upper bound of its interval
 * @param confidence coverage of the interval, for example 0.95
 * @param ace abundance-based coverage estimator, NaN when undefined
 * @param aceRareClasses S_rare, classes with at most {@link #ACE_RARE_THRESHOLD} hits
 * @param aceRareCoverage C_ace = 1 - f1 / N_rare (1 when there are no rare classes)
 * @param aceGammaSquared gamma^2, the estimated squared coefficient of variation of the rare classes'
 *     hit probabilities (NaN when ACE is undefined)
 * @param aceVariance delta-method variance of ACE, NaN when ACE is
 * @param improvedChao1 iChao1 with its interval
 * @param extrapolation coverage-based rarefaction and extrapolation
 * @param caveats reasons to distrust the numbers, empty when there are none
 */
public record Richness(
    int observed,
    long hits,
    int singletons,
    int doubletons,
    double coverage,
    double chao1,
    double chao1Variance,
    double chao1Lower,
    double chao1Upper,
    double confidence,
    double ace,
    int aceRareClasses,
    double aceRareCoverage,
    double aceGammaSquared,
    double aceVariance,
    RichnessEstimate improvedChao1,
    CoverageExtrapolation extrapolation,
    List<String> caveats) {

  /** What the observed count is, as a report prints it. */
  public static final String OBSERVED_ASSUMPTIONS = "certain: at least this many distinct minima exist, if the"
      + " clustering tells distinct minima apart correctly";
  /** What Chao1 assumes. */
  public static final String CHAO1_ASSUMPTIONS = "the unseen minima are about as likely as those seen once or twice"
      + " (it uses f1 and f2 only); with unequal basins a lower bound whose interval need not cover the total"
      + " (Chao 1984, 1987)";
  /** What iChao1 assumes. */
  public static final String ICHAO1_ASSUMPTIONS = "Chao1 corrected by f3 and f4 (a modified Good-Turing formula):"
      + " still a lower bound, less biased than Chao1 when the rare basins are unequal (Chiu et al. 2014)";
  /** What ACE assumes. */
  public static final String ACE_ASSUMPTIONS = "minima hit at most 10 times share one coverage, their inequality"
      + " summarised by one coefficient of variation; a lower bound when basins are very unequal (Chao & Lee 1992)";

  /** Classes with at most this many hits are "rare" in ACE (Chao &amp; Lee 1992; EstimateS default). */
  public static final int ACE_RARE_THRESHOLD = 10;
  /** Below this sample coverage the estimates are flagged as unreliable. */
  public static final double LOW_COVERAGE = 0.5;

  public Richness {
    caveats = List.copyOf(caveats);
  }

  /** The observed count as an estimate: value = lower = upper = S_obs, variance 0. */
  public RichnessEstimate observedCount() {
    return new RichnessEstimate("observed", RichnessEstimate.Kind.OBSERVED, observed, 0.0, observed, observed, confidence,
        OBSERVED_ASSUMPTIONS);
  }

  /** Chao1 with its interval, labelled a lower-bound estimator. */
  public RichnessEstimate chao1Estimate() {
    return new RichnessEstimate("Chao1", RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, chao1, chao1Variance, chao1Lower,
        chao1Upper, confidence, CHAO1_ASSUMPTIONS);
  }

  /** ACE with its log-normal interval, labelled a lower-bound estimator; value and bounds NaN when undefined. */
  public RichnessEstimate aceEstimate() {
    if (Double.isNaN(ace)) {
      return new RichnessEstimate("ACE", RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, confidence, ACE_ASSUMPTIONS);
    }
    return RichnessEstimate.logNormal("ACE", RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, observed, ace, aceVariance,
        StandardNormal.twoSidedCriticalValue(confidence), confidence, ACE_ASSUMPTIONS);
  }

  /**
   * Every estimate in the order a report shows them: the observed count, Chao1, iChao1, ACE, and
   * the extrapolation to twice the sample (the farthest Chao et al. 2014 find reliable).
   */
  public List<RichnessEstimate> estimates() {
    return List.of(observedCount(), chao1Estimate(), improvedChao1, aceEstimate(), extrapolation.richnessAt(hits));
  }

  /** The estimates at 95% confidence; see {@link #estimate(int[], double)}. */
  public static Richness estimate(int[] hitCounts) {
    return estimate(hitCounts, 0.95);
  }

  /**
   * The estimates from the hit count of each class. Zero entries (classes never hit) are ignored.
   *
   * @param hitCounts hits per class, each &gt;= 0, at least one &gt; 0 (not modified)
   * @param confidence coverage of the Chao1 interval, in (0, 1)
   * @throws IllegalArgumentException for a negative count or no hits at all
   */
  public static Richness estimate(int[] hitCounts, double confidence) {
    double z = StandardNormal.twoSidedCriticalValue(confidence);
    int observed = 0;
    long hits = 0;
    int f1 = 0;
    int f2 = 0;
    int rareClasses = 0;
    long rareHits = 0;
    double rareSecondMoment = 0; // sum over rare classes of k (k - 1)
    for (int i = 0; i < hitCounts.length; i++) {
      int k = hitCounts[i];
      if (k < 0) {
        throw new IllegalArgumentException("hitCounts[" + i + "] = " + k + ": expected a count >= 0");
      }
      if (k == 0) {
        continue;
      }
      observed++;
      hits += k;
      if (k == 1) {
        f1++;
      } else if (k == 2) {
        f2++;
      }
      if (k <= ACE_RARE_THRESHOLD) {
        rareClasses++;
        rareHits += k;
        rareSecondMoment += (double) k * (k - 1);
      }
    }
    if (hits == 0) {
      throw new IllegalArgumentException("hitCounts has no hits (" + hitCounts.length
          + " classes, all zero): expected at least one hit");
    }
    double n = hits;
    double s = observed;
    double k1 = (n - 1) / n;
    double coverage = 1.0 - f1 / n;

    double undetected = k1 * f1 * (f1 - 1.0) / (2.0 * (f2 + 1.0));
    double chao1 = s + undetected;
    double variance;
    double lower;
    double upper;
    if (f1 >= 2) {
      if (f2 > 0) {
        double g = f2 + 1.0;
        variance = k1 * f1 * (f1 - 1.0) / (2 * g)
            + k1 * k1 * f1 * square(2.0 * f1 - 1) / (4 * g * g)
            + k1 * k1 * square((double) f1) * f2 * square(f1 - 1.0) / (4 * square(g * g));
      } else {
        variance = k1 * f1 * (f1 - 1.0) / 2
            + k1 * k1 * f1 * square(2.0 * f1 - 1) / 4
            - k1 * k1 * square(square((double) f1)) / (4 * chao1);
      }
      variance = Math.max(0.0, variance);
      double ratio = Math.exp(z * Math.sqrt(Math.log1p(variance / (undetected * undetected))));
      lower = s + undetected / ratio;
      upper = s + undetected * ratio;
    } else {
      double sum1 = 0;
      double sum2 = 0;
      double sumP = 0;
      for (int k : hitCounts) {
        if (k > 0) {
          double e = Math.exp(-k);
          sum1 += e - e * e;
          sum2 += k * e;
          sumP += e;
        }
      }
      variance = Math.max(0.0, sum1 - sum2 * sum2 / n);
      double p = sumP / s;
      double center = s / (1 - p);
      double halfWidth = z * Math.sqrt(variance) / (1 - p);
      lower = Math.max(s, center - halfWidth);
      upper = center + halfWidth;
    }

    double ace;
    double rareCoverage;
    double gammaSquared;
    double aceVariance;
    FrequencyCounts counts = FrequencyCounts.of(hitCounts);
    int abundantClasses = observed - rareClasses;
    if (rareClasses == 0) {
      ace = s;
      rareCoverage = 1.0;
      gammaSquared = 0.0;
      aceVariance = 0.0;
    } else if (f1 == rareHits) {
      ace = Double.NaN;
      rareCoverage = 0.0;
      gammaSquared = Double.NaN;
      aceVariance = Double.NaN;
    } else {
      double nRare = rareHits;
      rareCoverage = 1.0 - f1 / nRare;
      gammaSquared = Math.max(rareClasses / rareCoverage * rareSecondMoment / (nRare * (nRare - 1)) - 1.0, 0.0);
      ace = abundantClasses + rareClasses / rareCoverage + f1 / rareCoverage * gammaSquared;
      aceVariance = counts.deltaMethodVariance(aceGradient(counts), 1.0, ace);
    }

    List<String> caveats = new ArrayList<>();
    if (coverage < LOW_COVERAGE) {
      caveats.add(String.format(Locale.ROOT, "sample coverage 1 - f1/N = %.3f is below %.1f: most hits are"
          + " in classes seen once, so unseen classes hold much of the probability and the estimates are"
          + " lower bounds with little precision", coverage, LOW_COVERAGE));
    }
    if (f1 == observed && observed > 1) {
      caveats.add("every class was hit exactly once: the data put no upper limit on the number of classes");
    }
    if (f1 >= 2 && f2 == 0) {
      caveats.add("no class was hit exactly twice (f2 = 0): Chao1 falls back to f1 (f1 - 1) / 2 and its"
          + " interval is wide");
    }
    if (Double.isNaN(ace)) {
      caveats.add("ACE is undefined: every class with at most " + ACE_RARE_THRESHOLD
          + " hits is a singleton (rare-class coverage 0)");
    }
    return new Richness(observed, hits, f1, f2, coverage, chao1, variance, lower, upper, confidence, ace,
        rareClasses, rareCoverage, gammaSquared, aceVariance, improvedChao1(counts, z, confidence),
        CoverageExtrapolation.of(counts, confidence), caveats);
  }

  /** iChao1 (Chiu et al. 2014) with its delta-method variance and log-normal interval; see the class comment. */
  static RichnessEstimate improvedChao1(FrequencyCounts counts, double z, double confidence) {
    double n = counts.hits();
    double f1 = counts.f(1);
    double f2 = counts.f(2);
    double f3 = counts.f(3);
    double f4 = Math.max(1, counts.f(4));
    double k = (n - 1) / n;
    double[] g = new double[FrequencyCounts.KEPT + 1];
    java.util.Arrays.fill(g, 1.0); // through S_obs
    double f0;
    if (f2 > 0) {
      f0 = k * f1 * f1 / (2 * f2);
      g[1] += k * f1 / f2;
      g[2] -= k * f1 * f1 / (2 * f2 * f2);
    } else {
      f0 = k * f1 * (f1 - 1) / 2;
      g[1] += k * (2 * f1 - 1) / 2;
    }
    double tail = 0.0;
    if (n > 3) {
      double a = (n - 3) / (4 * n);
      double b = (n - 3) / (2 * (n - 1));
      double r = f3 / f4;
      double inner = f1 - b * f2 * r;
      if (inner > 0) {
        tail = a * r * inner;
        g[1] += a * r;
        g[2] -= a * b * r * r;
        // d(r inner)/dr = inner - b f2 r; dr/df3 = 1 / f4, dr/df4 = -f3 / f4^2 (0 when f4 = 0 was replaced by 1)
        double dTailDr = a * (inner - b * f2 * r);
        g[3] += dTailDr / f4;
        if (counts.f(4) > 0) g[4] += dTailDr * (-f3 / (f4 * f4));
      }
    }
    double value = counts.observed() + f0 + tail;
    double variance = counts.deltaMethodVariance(g, 1.0, value);
    return RichnessEstimate.logNormal("iChao1", RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, counts.observed(), value,
        variance, z, confidence, ICHAO1_ASSUMPTIONS);
  }

  /**
   * The partial derivatives of ACE in f_1..f_10 (index k), for the delta method. With R = S_rare,
   * N = N_rare, Q = sum k (k-1) f_k, C = 1 - f1 / N, G = R Q / (C N (N - 1)) - 1, gamma^2 = max(G, 0):
   * ACE = S_abund + R / C + f1 gamma^2 / C, and df_k moves R by 1, N by k, Q by k (k - 1), f1 by
   * [k = 1]. Classes hit more than 10 times enter through S_abund with derivative 1.
   */
  private static double[] aceGradient(FrequencyCounts counts) {
    double rare = 0;
    double nRare = 0;
    double q = 0;
    for (int k = 1; k <= ACE_RARE_THRESHOLD; k++) {
      rare += counts.f(k);
      nRare += (double) k * counts.f(k);
      q += (double) k * (k - 1) * counts.f(k);
    }
    double f1 = counts.f(1);
    double c = 1 - f1 / nRare;
    double denominator = c * nRare * (nRare - 1);
    double gRaw = rare * q / denominator - 1;
    double gamma2 = Math.max(gRaw, 0.0);
    double[] g = new double[FrequencyCounts.KEPT + 1];
    for (int k = 1; k <= ACE_RARE_THRESHOLD; k++) {
      double dR = 1;
      double dN = k;
      double dQ = (double) k * (k - 1);
      double dF1 = k == 1 ? 1 : 0;
      double dC = -dF1 / nRare + f1 * dN / (nRare * nRare);
      double dGamma2 = 0;
      if (gRaw > 0) {
        double dDenominator = dC * nRare * (nRare - 1) + c * (2 * nRare - 1) * dN;
        dGamma2 = ((dR * q + rare * dQ) * denominator - rare * q * dDenominator) / (denominator * denominator);
      }
      g[k] = dR / c - rare * dC / (c * c) + (dF1 * gamma2 + f1 * dGamma2) / c - f1 * gamma2 * dC / (c * c);
    }
    return g;
  }

  /** sqrt of {@link #chao1Variance()}. */
  public double chao1StandardError() {
    return Math.sqrt(chao1Variance);
  }

  /** The caveats joined by "; ", or the empty string when there are none. */
  public String caveat() {
    return String.join("; ", caveats);
  }

  private static double square(double x) {
    return x * x;
  }
}

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
 * <p>All estimators are lower bounds in expectation when basins are very unequal, which they are in
 * loss landscapes; the {@link #caveats()} say when the data are too thin for them.
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
    List<String> caveats) {

  /** Classes with at most this many hits are "rare" in ACE (Chao &amp; Lee 1992; EstimateS default). */
  public static final int ACE_RARE_THRESHOLD = 10;
  /** Below this sample coverage the estimates are flagged as unreliable. */
  public static final double LOW_COVERAGE = 0.5;

  public Richness {
    caveats = List.copyOf(caveats);
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
    int abundantClasses = observed - rareClasses;
    if (rareClasses == 0) {
      ace = s;
      rareCoverage = 1.0;
      gammaSquared = 0.0;
    } else if (f1 == rareHits) {
      ace = Double.NaN;
      rareCoverage = 0.0;
      gammaSquared = Double.NaN;
    } else {
      double nRare = rareHits;
      rareCoverage = 1.0 - f1 / nRare;
      gammaSquared = Math.max(rareClasses / rareCoverage * rareSecondMoment / (nRare * (nRare - 1)) - 1.0, 0.0);
      ace = abundantClasses + rareClasses / rareCoverage + f1 / rareCoverage * gammaSquared;
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
        rareClasses, rareCoverage, gammaSquared, caveats);
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

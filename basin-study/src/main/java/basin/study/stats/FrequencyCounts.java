package basin.study.stats;

/**
 * The frequency counts of a sample of classes: n hits in S_obs observed classes, f_k classes hit
 * exactly k times. Every richness estimator here is a function of these alone.
 *
 * <p>Only f_1..f_{@value #KEPT} are kept one by one (ACE's rare threshold is 10); the classes hit
 * more often are kept as one number, {@link #abundant()}.
 */
final class FrequencyCounts {
  /** f_k is kept for k = 1..KEPT. */
  static final int KEPT = 10;

  private final long hits;
  private final int observed;
  private final int[] f = new int[KEPT + 1];
  private final int abundant;

  private FrequencyCounts(long hits, int observed, int[] f, int abundant) {
    this.hits = hits;
    this.observed = observed;
    System.arraycopy(f, 0, this.f, 0, this.f.length);
    this.abundant = abundant;
  }

  /**
   * The counts of a sample given as hits per class; zero entries (classes never hit) are ignored.
   *
   * @param hitCounts hits per class, each &gt;= 0, at least one &gt; 0 (not modified)
   * @throws IllegalArgumentException for a negative count or no hits at all
   */
  static FrequencyCounts of(int[] hitCounts) {
    int[] f = new int[KEPT + 1];
    long hits = 0;
    int observed = 0;
    int abundant = 0;
    for (int i = 0; i < hitCounts.length; i++) {
      int k = hitCounts[i];
      if (k < 0) {
        throw new IllegalArgumentException("hitCounts[" + i + "] = " + k + ": expected a count >= 0");
      }
      if (k == 0) continue;
      observed++;
      hits += k;
      if (k <= KEPT) f[k]++;
      else abundant++;
    }
    if (hits == 0) {
      throw new IllegalArgumentException("hitCounts has no hits (" + hitCounts.length
          + " classes, all zero): expected at least one hit");
    }
    return new FrequencyCounts(hits, observed, f, abundant);
  }

  /** n, total hits. */
  long hits() {
    return hits;
  }

  /** S_obs, classes hit at least once. */
  int observed() {
    return observed;
  }

  /** f_k for 1 &lt;= k &lt;= {@value #KEPT}. */
  int f(int k) {
    return f[k];
  }

  /** Classes hit more than {@value #KEPT} times. */
  int abundant() {
    return abundant;
  }

  /**
   * The delta-method variance of an estimator S^ = S^(f_1, f_2, ...) under the multinomial model of
   * the counts (Chao 1987; Chao &amp; Lee 1992): cov(f_i, f_j) = f_i (1 - f_i / S^) for i = j and
   * -f_i f_j / S^ otherwise, so var = sum_k g_k^2 f_k - (sum_k g_k f_k)^2 / S^ with g_k = dS^/df_k.
   *
   * @param gradient g_1..g_{KEPT} at indices 1..KEPT (index 0 unused; not modified)
   * @param gradientAbundant the common g_k of the classes hit more than KEPT times
   * @param total S^, the estimate of the total (&gt; 0)
   * @return the variance, clamped to &gt;= 0
   */
  double deltaMethodVariance(double[] gradient, double gradientAbundant, double total) {
    double squares = gradientAbundant * gradientAbundant * abundant;
    double linear = gradientAbundant * abundant;
    for (int k = 1; k <= KEPT; k++) {
      squares += gradient[k] * gradient[k] * f[k];
      linear += gradient[k] * f[k];
    }
    return Math.max(0.0, squares - linear * linear / total);
  }
}

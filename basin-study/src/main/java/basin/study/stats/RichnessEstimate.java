package basin.study.stats;

import java.util.Objects;

/**
 * One estimate of the number of classes (distinct minima) with its interval, labelled with what it
 * is and what it assumes, so that a report never prints a lower-bound estimator as if it were the
 * total.
 *
 * @param estimator the estimator's name, for example "Chao1"
 * @param kind what the number estimates
 * @param value the estimate
 * @param variance its estimated variance, &gt;= 0 (0 for the observed count)
 * @param lower lower end of its interval
 * @param upper upper end of its interval
 * @param confidence the interval's nominal two-sided coverage, for example 0.95
 * @param assumptions what the estimator assumes, one sentence
 */
public record RichnessEstimate(String estimator, Kind kind, double value, double variance, double lower, double upper,
    double confidence, String assumptions) {

  /** What a richness number is. */
  public enum Kind {
    /** The observed count: a certain lower bound on the total. */
    OBSERVED("observed, a certain lower bound"),
    /**
     * An estimate of a lower bound of the total (Chao1, iChao1, ACE): with unequal class
     * probabilities the total may lie far above it, and its interval need not cover the total.
     */
    LOWER_BOUND_ESTIMATOR("lower-bound estimator"),
    /** The expected number of classes seen in a larger sample of a stated size (not the total). */
    EXTRAPOLATION("expected count at a larger sample size");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How a report labels it. */
    public String label() {
      return label;
    }
  }

  public RichnessEstimate {
    Objects.requireNonNull(estimator, "estimator");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(assumptions, "assumptions");
  }

  /** Whether lower &lt;= total &lt;= upper. */
  public boolean covers(double total) {
    return lower <= total && total <= upper;
  }

  /** sqrt of the variance. */
  public double standardError() {
    return Math.sqrt(variance);
  }

  /**
   * An estimate S^ = S_obs + T with the log-normal interval of Chao (Biometrics 43, 1987) that all
   * of Chao's estimators use: [S_obs + T / R, S_obs + T R], R = exp(z sqrt(ln(1 + var / T^2))),
   * which never falls below S_obs. With T = 0 (nothing undetected is estimated) the interval is
   * [S_obs, S_obs + z sqrt(var)].
   */
  static RichnessEstimate logNormal(String estimator, Kind kind, double observed, double value, double variance, double z,
      double confidence, String assumptions) {
    double undetected = value - observed;
    double lower;
    double upper;
    if (!(undetected > 0)) {
      lower = observed;
      upper = observed + z * Math.sqrt(variance);
    } else {
      double ratio = Math.exp(z * Math.sqrt(Math.log1p(variance / (undetected * undetected))));
      lower = observed + undetected / ratio;
      upper = observed + undetected * ratio;
    }
    return new RichnessEstimate(estimator, kind, value, variance, lower, upper, confidence, assumptions);
  }
}

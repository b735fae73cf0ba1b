package basin.landscape.saddle;

/**
 * A binomial share x / n with its Wilson score interval (E. B. Wilson, "Probable inference, the law
 * of succession, and statistical inference", JASA 22, 1927):
 *
 * <pre>
 *   p = x / n,   center = (p + z^2 / (2 n)) / (1 + z^2 / n),
 *   half-width = z / (1 + z^2 / n) sqrt( p (1 - p) / n + z^2 / (4 n^2) )
 * </pre>
 *
 * clipped to [0, 1]; z = 1.959964 for 95 %. Unlike the Wald interval it is never empty at x = 0 or
 * x = n. (basin-study's {@code Proportion} computes the same interval; basin-landscape cannot
 * depend on it.) With n = 0 the estimate and bounds are NaN.
 *
 * @param count x, 0 &lt;= x &lt;= n
 * @param trials n, &gt;= 0
 * @param estimate x / n
 * @param lower lower Wilson bound
 * @param upper upper Wilson bound
 * @param z the normal quantile used
 */
public record Share(int count, int trials, double estimate, double lower, double upper, double z) {

  /** The two-sided 95 % normal quantile, Phi^-1(0.975). */
  public static final double Z95 = 1.959963984540054;

  public Share {
    if (trials < 0 || count < 0 || count > trials) {
      throw new IllegalArgumentException("share needs 0 <= count <= trials, got " + count + " of " + trials);
    }
  }

  /** x / n with the Wilson interval for quantile z (finite, &gt; 0). */
  public static Share wilson(int count, int trials, double z) {
    if (!(z > 0 && z < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("z must be finite and > 0, got " + z);
    if (trials < 0 || count < 0 || count > trials) {
      throw new IllegalArgumentException("share needs 0 <= count <= trials, got " + count + " of " + trials);
    }
    if (trials == 0) return new Share(0, 0, Double.NaN, Double.NaN, Double.NaN, z);
    double n = trials;
    double p = count / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    // at x = 0 and x = n the bounds are 0 and 1 exactly (the formula gives them up to rounding)
    double lower = count == 0 ? 0.0 : Math.max(0.0, center - half);
    double upper = count == trials ? 1.0 : Math.min(1.0, center + half);
    return new Share(count, trials, p, lower, upper, z);
  }

  /** The 95 % Wilson interval. */
  public static Share wilson95(int count, int trials) {
    return wilson(count, trials, Z95);
  }

  @Override
  public String toString() {
    return count + "/" + trials + " = " + estimate + " [" + lower + ", " + upper + "]";
  }
}

package basin.study.stats;

/**
 * The two-sided critical value of the standard normal distribution, z = Phi^-1(1 - alpha/2).
 *
 * <p>Uses P(|Z| &gt; z) = erfc(z / sqrt 2) = Q(1/2, z^2 / 2), with Q the regularized upper
 * incomplete gamma function: Q(1/2, y) is evaluated by its series (y &lt; 3/2) or its continued
 * fraction (y &gt;= 3/2; Numerical Recipes 3rd ed., section 6.2, gser and gcf), and solved for y by
 * bisection to adjacent doubles. The tail is computed directly, never as 1 minus a probability near
 * 1, so the result has a relative error of a few ulps for any alpha down to 1e-300.
 */
final class StandardNormal {
  private StandardNormal() {}

  /** Convergence threshold on the relative size of the last term or factor. */
  private static final double EPSILON = 1e-15;
  private static final double TINY = Double.MIN_NORMAL / EPSILON;
  private static final int MAX_TERMS = 100_000;
  /** ln Gamma(1/2) = ln(pi) / 2. */
  private static final double LOG_GAMMA_HALF = 0.5723649429247000870717137;

  /**
   * z with P(|Z| &gt; z) = 1 - confidence, Z standard normal; for example 1.959963984540054 for 0.95.
   *
   * @param confidence two-sided coverage, in (0, 1)
   */
  static double twoSidedCriticalValue(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence = " + confidence + ": expected a number in (0, 1)");
    }
    double alpha = 1.0 - confidence;
    double lo = 0.0;
    double hi = 1.0;
    while (upperIncompleteGammaHalf(hi) > alpha) {
      lo = hi;
      hi *= 2.0;
    }
    while (true) {
      double mid = lo + 0.5 * (hi - lo);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (upperIncompleteGammaHalf(mid) > alpha) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double y = Math.abs(upperIncompleteGammaHalf(lo) - alpha) < Math.abs(upperIncompleteGammaHalf(hi) - alpha) ? lo : hi;
    return Math.sqrt(2.0 * y);
  }

  /** Q(1/2, y) = Gamma(1/2, y) / Gamma(1/2) for y &gt;= 0: decreasing from 1 at y = 0. */
  static double upperIncompleteGammaHalf(double y) {
    final double a = 0.5;
    if (y <= 0) {
      return 1.0;
    }
    double logFront = -y + a * Math.log(y) - LOG_GAMMA_HALF;
    if (y < a + 1.0) {
      double term = 1.0 / a;
      double sum = term;
      double ap = a;
      for (int n = 0; n < MAX_TERMS; n++) {
        ap += 1.0;
        term *= y / ap;
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPSILON) {
          return 1.0 - sum * Math.exp(logFront);
        }
      }
      throw new ArithmeticException("incomplete gamma series did not converge at y = " + y);
    }
    double b = y + 1.0 - a;
    double c = 1.0 / TINY;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i <= MAX_TERMS; i++) {
      double an = -i * (i - a);
      b += 2.0;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      double factor = d * c;
      h *= factor;
      if (Math.abs(factor - 1.0) <= EPSILON) {
        return Math.exp(logFront) * h;
      }
    }
    throw new ArithmeticException("incomplete gamma continued fraction did not converge at y = " + y);
  }
}

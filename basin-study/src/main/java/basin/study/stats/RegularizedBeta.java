package basin.study.stats;

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF of the
 * Beta(a, b) distribution, and its inverse in x.
 *
 * <p>I_x(a, b) is evaluated as in Numerical Recipes (3rd ed., section 6.4):
 * I_x(a, b) = x^a (1-x)^b / (a B(a, b)) * cf(x; a, b) for x &lt; (a + 1) / (a + b + 2), where cf is
 * the continued fraction 1 / (1 + d1 / (1 + d2 / (1 + ...))) with d_{2m+1} = -(a+m)(a+b+m) x /
 * ((a+2m)(a+2m+1)) and d_{2m} = m (b-m) x / ((a+2m-1)(a+2m)), evaluated by the modified Lentz
 * method; otherwise through the symmetry I_x(a, b) = 1 - I_{1-x}(b, a). The fraction converges in
 * O(sqrt(max(a, b))) terms. The prefactor uses {@link LogGamma#logBeta}, whose absolute error grows
 * like 1e-16 ln Gamma(a + b), so the relative error of the result is about 1e-14 for a + b up to
 * 1e3 and 1e-9 at a + b = 1e6.
 */
final class RegularizedBeta {
  private RegularizedBeta() {}

  /** Relative size of the last continued-fraction factor at which the fraction is taken as converged. */
  private static final double EPSILON = 1e-15;
  /** Lentz's guard against division by zero (Numerical Recipes: FPMIN). */
  private static final double TINY = Double.MIN_NORMAL / EPSILON;
  /** Far above the O(sqrt(max(a, b))) terms needed for any a, b below 1e10. */
  private static final int MAX_TERMS = 10_000_000;

  /**
   * I_x(a, b).
   *
   * @param x in [0, 1]
   * @param a shape, &gt; 0 and finite
   * @param b shape, &gt; 0 and finite
   * @throws IllegalArgumentException if an argument is NaN or out of range
   * @throws ArithmeticException if the continued fraction does not converge within its term budget
   */
  static double value(double x, double a, double b) {
    checkShapes(a, b);
    if (!(x >= 0 && x <= 1)) {
      throw new IllegalArgumentException("x = " + x + ": expected a number in [0, 1]");
    }
    if (x == 0 || x == 1) {
      return x;
    }
    double logFront = a * Math.log(x) + b * Math.log1p(-x) - LogGamma.logBeta(a, b);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(logFront) * continuedFraction(x, a, b) / a;
    }
    return 1.0 - Math.exp(logFront) * continuedFraction(1.0 - x, b, a) / b;
  }

  /**
   * The x in [0, 1] with I_x(a, b) = p, by bisection on [0, 1] until the bracket holds two adjacent
   * doubles (at most about 1100 halvings, about 60 + log2(1/x) in practice). Bisection needs only
   * that the computed I_x(a, b) is non-decreasing, which it is up to its round-off; the result is
   * within one ulp of where the computed CDF crosses p.
   *
   * @param p probability in [0, 1]; 0 gives 0 and 1 gives 1
   * @param a shape, &gt; 0 and finite
   * @param b shape, &gt; 0 and finite
   */
  static double inverse(double p, double a, double b) {
    checkShapes(a, b);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p = " + p + ": expected a probability in [0, 1]");
    }
    if (p == 0 || p == 1) {
      return p;
    }
    double lo = 0.0;
    double hi = 1.0;
    while (true) {
      double mid = lo + 0.5 * (hi - lo);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (value(mid, a, b) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    // Of the two adjacent doubles, the one whose CDF is nearer p.
    return Math.abs(value(lo, a, b) - p) < Math.abs(value(hi, a, b) - p) ? lo : hi;
  }

  private static void checkShapes(double a, double b) {
    if (!(a > 0 && a < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("shape a = " + a + ": expected a finite number > 0");
    }
    if (!(b > 0 && b < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("shape b = " + b + ": expected a finite number > 0");
    }
  }

  /** The continued fraction cf(x; a, b) by the modified Lentz method (Numerical Recipes betacf). */
  private static double continuedFraction(double x, double a, double b) {
    double sum = a + b;
    double aPlusOne = a + 1.0;
    double aMinusOne = a - 1.0;
    double c = 1.0;
    double d = 1.0 - sum * x / aPlusOne;
    if (Math.abs(d) < TINY) {
      d = TINY;
    }
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= MAX_TERMS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((aMinusOne + m2) * (a + m2));
      d = 1.0 + even * d;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = 1.0 + even / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      h *= d * c;
      double odd = -(a + m) * (sum + m) * x / ((a + m2) * (aPlusOne + m2));
      d = 1.0 + odd * d;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = 1.0 + odd / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1.0 / d;
      double factor = d * c;
      h *= factor;
      if (Math.abs(factor - 1.0) <= EPSILON) {
        return h;
      }
    }
    throw new ArithmeticException("incomplete beta continued fraction did not converge in " + MAX_TERMS
        + " terms at x = " + x + ", a = " + a + ", b = " + b);
  }
}

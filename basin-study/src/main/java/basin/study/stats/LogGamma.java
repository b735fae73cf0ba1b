package basin.study.stats;

/**
 * ln Gamma(x) for x &gt; 0.
 *
 * <p>Shifts x up to z = x + k &gt;= 15 with ln Gamma(x) = ln Gamma(z) - ln(x (x+1) ... (x+k-1)),
 * then sums Stirling's series (Abramowitz &amp; Stegun 6.1.41) up to the z^-13 term:
 * (z - 1/2) ln z - z + ln(2 pi)/2 + 1/(12 z) - 1/(360 z^3) + 1/(1260 z^5) - 1/(1680 z^7)
 * + 1/(1188 z^9) - 691/(360360 z^11) + 1/(156 z^13). At z &gt;= 15 the first omitted term is below
 * 1e-19, so the absolute error is a few ulps of max(|ln Gamma(x)|, ln Gamma(15) = 25.2), i.e. about
 * 1e-14 for small x and a relative 1e-15 for large x.
 */
final class LogGamma {
  private LogGamma() {}

  private static final double HALF_LOG_TWO_PI = 0.9189385332046727417803297;
  private static final double SHIFT_TO = 15.0;

  /** ln Gamma(x); NaN for NaN or x &lt;= 0, +Inf for x = +Inf. */
  static double value(double x) {
    if (!(x > 0)) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    double z = x;
    double shiftProduct = 1.0;
    while (z < SHIFT_TO) {
      shiftProduct *= z;
      z += 1.0;
    }
    double r = 1.0 / z;
    double r2 = r * r;
    double series = r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
        + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
    double stirling = (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series;
    return shiftProduct == 1.0 ? stirling : stirling - Math.log(shiftProduct);
  }

  /** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b) for a, b &gt; 0. */
  static double logBeta(double a, double b) {
    return value(a) + value(b) - value(a + b);
  }
}

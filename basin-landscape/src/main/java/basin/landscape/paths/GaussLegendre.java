package basin.landscape.paths;

/**
 * Gauss-Legendre quadrature on [-1, 1]: the m nodes are the roots of the Legendre polynomial P_m,
 * found by Newton's method from the Chebyshev-like guesses cos(pi (i + 3/4) / (m + 1/2)), with
 * weights 2 / ((1 - x^2) P_m'(x)^2) (Abramowitz and Stegun 25.4.29). Exact for polynomials of
 * degree &lt;= 2m - 1.
 */
final class GaussLegendre {
  private GaussLegendre() {}

  /** {nodes, weights}, nodes ascending. */
  static double[][] rule(int m) {
    double[] x = new double[m];
    double[] wt = new double[m];
    for (int i = 0; i < (m + 1) / 2; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
      double dp = 0;
      for (int iter = 0; iter < 100; iter++) {
        double p0 = 1;
        double p1 = z;
        for (int k = 2; k <= m; k++) {
          double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        double pm = m == 1 ? z : p1;
        double pm1 = m == 1 ? 1 : p0;
        dp = m * (z * pm - pm1) / (z * z - 1);
        double dz = pm / dp;
        z -= dz;
        if (Math.abs(dz) < 1e-16) break;
      }
      x[i] = -z;
      x[m - 1 - i] = z;
      wt[i] = 2 / ((1 - z * z) * dp * dp);
      wt[m - 1 - i] = wt[i];
    }
    return new double[][] {x, wt};
  }
}

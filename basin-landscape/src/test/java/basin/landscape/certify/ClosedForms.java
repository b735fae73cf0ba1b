package basin.landscape.certify;

import basin.core.Objective;

/** Closed-form objectives with known critical points and Hessians. */
final class ClosedForms {
  private ClosedForms() {}

  /** f(x) = sum_i (a_i x_i^2 + b_i x_i^4): x^2 - y^2 is a = (1, -1), x^4 is a = 0, b = 1. */
  static final class Separable implements Objective {
    final double[] a;
    final double[] b;

    Separable(double[] a, double[] b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public int dimension() {
      return a.length;
    }

    @Override
    public double value(double[] x) {
      double s = 0;
      for (int i = 0; i < a.length; i++) s += a[i] * x[i] * x[i] + b[i] * x[i] * x[i] * x[i] * x[i];
      return s;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      for (int i = 0; i < a.length; i++) g[i] = 2 * a[i] * x[i] + 4 * b[i] * x[i] * x[i] * x[i];
      return value(x);
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
      for (int i = 0; i < a.length; i++) out[i] = (2 * a[i] + 12 * b[i] * x[i] * x[i]) * v[i];
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /** f(x) = (1/2) x^T A x with A symmetric (row-major n x n): critical at 0 with Hessian A. */
  static final class QuadraticForm implements Objective {
    final double[] a;
    final int n;

    QuadraticForm(double[] a, int n) {
      this.a = a;
      this.n = n;
    }

    @Override
    public int dimension() {
      return n;
    }

    @Override
    public double value(double[] x) {
      double[] ax = new double[n];
      hessianVectorProduct(x, x, ax);
      double s = 0;
      for (int i = 0; i < n; i++) s += x[i] * ax[i];
      return 0.5 * s;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      hessianVectorProduct(x, x, g);
      double s = 0;
      for (int i = 0; i < n; i++) s += x[i] * g[i];
      return 0.5 * s;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[i * n + j] * v[j];
        out[i] = s;
      }
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /** Q^T diag(lambda) Q for a seeded random orthogonal Q. */
  static double[] withSpectrum(double[] lambda, long seed) {
    int n = lambda.length;
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] q = new double[n * n];
    for (int i = 0; i < q.length; i++) q[i] = basin.core.model.Initializer.gaussian(r);
    for (int i = 0; i < n; i++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < i; j++) {
          double dot = 0;
          for (int k = 0; k < n; k++) dot += q[i * n + k] * q[j * n + k];
          for (int k = 0; k < n; k++) q[i * n + k] -= dot * q[j * n + k];
        }
      }
      double norm = 0;
      for (int k = 0; k < n; k++) norm += q[i * n + k] * q[i * n + k];
      for (int k = 0; k < n; k++) q[i * n + k] /= Math.sqrt(norm);
    }
    double[] a = new double[n * n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) a[i * n + j] += lambda[k] * q[k * n + i] * q[k * n + j];
      }
    }
    Objective.symmetrize(a, n);
    return a;
  }
}

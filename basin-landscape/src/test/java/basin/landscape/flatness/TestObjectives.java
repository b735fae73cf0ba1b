package basin.landscape.flatness;

import basin.core.Objective;
import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.SplittableRandom;

/** Closed-form objectives, matrices with a prescribed spectrum and small MLPs for the flatness tests. */
final class TestObjectives {
  private TestObjectives() {}

  /** f(w) = 1/2 (w - c)^T A (w - c) + f0 with A dense symmetric n x n (not copied). */
  static Objective quadratic(double[] a, double[] c, double f0) {
    int n = c.length;
    return new Objective() {
      final double[] d = new double[n];

      @Override
      public int dimension() {
        return n;
      }

      @Override
      public double value(double[] w) {
        double s = 0;
        for (int i = 0; i < n; i++) d[i] = w[i] - c[i];
        for (int i = 0; i < n; i++) {
          double r = 0;
          for (int j = 0; j < n; j++) r += a[i * n + j] * d[j];
          s += d[i] * r;
        }
        return 0.5 * s + f0;
      }

      @Override
      public double valueAndGradient(double[] w, double[] g) {
        for (int i = 0; i < n; i++) d[i] = w[i] - c[i];
        double s = 0;
        for (int i = 0; i < n; i++) {
          double r = 0;
          for (int j = 0; j < n; j++) r += a[i * n + j] * d[j];
          g[i] = r;
          s += d[i] * r;
        }
        return 0.5 * s + f0;
      }

      @Override
      public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        for (int i = 0; i < n; i++) {
          double r = 0;
          for (int j = 0; j < n; j++) r += a[i * n + j] * v[j];
          out[i] = r;
        }
      }

      @Override
      public Objective copy() {
        return quadratic(a, c, f0);
      }
    };
  }

  /** Himmelblau's function (x^2 + y - 11)^2 + (x + y^2 - 7)^2 on R^2. */
  static Objective himmelblau() {
    return new Objective() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] w) {
        double a = w[0] * w[0] + w[1] - 11;
        double b = w[0] + w[1] * w[1] - 7;
        return a * a + b * b;
      }

      @Override
      public double valueAndGradient(double[] w, double[] g) {
        double a = w[0] * w[0] + w[1] - 11;
        double b = w[0] + w[1] * w[1] - 7;
        g[0] = 4 * a * w[0] + 2 * b;
        g[1] = 2 * a + 4 * b * w[1];
        return a * a + b * b;
      }

      @Override
      public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        double a = w[0] * w[0] + w[1] - 11;
        double b = w[0] + w[1] * w[1] - 7;
        double hxx = 12 * w[0] * w[0] + 4 * w[1] - 42;
        double hxy = 4 * (w[0] + w[1]);
        double hyy = 4 * w[0] + 12 * w[1] * w[1] - 26;
        out[0] = hxx * v[0] + hxy * v[1];
        out[1] = hxy * v[0] + hyy * v[1];
        if (a != a || b != b) out[0] = Double.NaN;
      }

      @Override
      public Objective copy() {
        return this;
      }
    };
  }

  /** f = c everywhere. */
  static Objective constant(int n, double c) {
    return new Objective() {
      @Override
      public int dimension() {
        return n;
      }

      @Override
      public double value(double[] w) {
        return c;
      }

      @Override
      public double valueAndGradient(double[] w, double[] g) {
        java.util.Arrays.fill(g, 0.0);
        return c;
      }

      @Override
      public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
      }

      @Override
      public Objective copy() {
        return this;
      }
    };
  }

  /** Q^T diag(lambda) Q with Q a seeded random orthogonal matrix (Gram-Schmidt twice on Gaussian rows). */
  static double[] withSpectrum(double[] lambda, long seed) {
    int n = lambda.length;
    double[] q = orthogonal(n, seed);
    double[] a = new double[n * n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        double s = lambda[k] * q[k * n + i];
        for (int j = 0; j < n; j++) a[i * n + j] += s * q[k * n + j];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0.5 * (a[i * n + j] + a[j * n + i]);
        a[i * n + j] = s;
        a[j * n + i] = s;
      }
    }
    return a;
  }

  /** Rows of a seeded random orthogonal matrix; row k is the eigenvector of lambda[k] in {@link #withSpectrum}. */
  static double[] orthogonal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 7919 + 13);
    double[] q = new double[n * n];
    for (int i = 0; i < q.length; i++) q[i] = Initializer.gaussian(r);
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
      norm = Math.sqrt(norm);
      for (int k = 0; k < n; k++) q[i * n + k] /= norm;
    }
    return q;
  }

  /** A seeded MSE regression objective of an MLP with the given hidden activation and widths. */
  static MlpObjective mlp(Activation activation, int examples, double l2, long seed, int... widths) {
    Mlp model = Mlp.of(activation, true, widths);
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[examples * model.inputDim()];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    double[] y = new double[examples * model.outputDim()];
    for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
    return new MlpObjective(model, Dataset.regression("random-" + seed, examples, model.inputDim(), x, model.outputDim(), y), Loss.MSE, l2);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}

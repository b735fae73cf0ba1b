package basin.landscape.spectral;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.SplittableRandom;

/** Seeded test matrices and small MLP objectives. */
final class Matrices {
  private Matrices() {}

  /** (G + G^T) / 2 with G standard Gaussian, row-major n x n. */
  static double[] randomSymmetric(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] g = new double[n * n];
    for (int i = 0; i < g.length; i++) g[i] = Initializer.gaussian(r);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) a[i * n + j] = 0.5 * (g[i * n + j] + g[j * n + i]);
    }
    return a;
  }

  /** Rows of a seeded random orthogonal matrix (modified Gram-Schmidt, twice, on Gaussian rows). */
  static double[] randomOrthogonal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
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

  /** Q^T diag(lambda) Q with Q = {@link #randomOrthogonal}: eigenvalues exactly lambda up to round-off. */
  static double[] withSpectrum(double[] lambda, long seed) {
    int n = lambda.length;
    double[] q = randomOrthogonal(n, seed);
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

  static double frobenius(double[] a) {
    double s = 0;
    for (double v : a) s += v * v;
    return Math.sqrt(s);
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) m = Math.max(m, Math.abs(x));
    return m;
  }

  /** A seeded MSE regression objective of a 1-hidden-layer network with the given activation. */
  static MlpObjective mlp(Activation activation, int inputs, int hidden, int outputs, int examples, double l2, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[examples * inputs];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    double[] y = new double[examples * outputs];
    for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
    Dataset data = Dataset.regression("random-" + seed, examples, inputs, x, outputs, y);
    return new MlpObjective(Mlp.of(activation, true, inputs, hidden, outputs), data, Loss.MSE, l2);
  }
}

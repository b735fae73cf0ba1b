package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.MlpObjective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both ends of the spectrum with eigenvectors, against DenseSpectrum. */
class ExtremeEigenpairsTest {

  /** Lanczos residual tolerance used below (relative to ||A||). */
  static final double TOL = 1e-11;
  /**
   * Eigenvalue agreement with the dense reference, relative to ||A||_2: a converged pair is within
   * its residual (&lt;= TOL ||A||) of an eigenvalue, and the dense eigenvalues are within a few n eps
   * ||A|| (n &lt;= 60: ~1e-14); the 1e-8 leaves ample room.
   */
  static final double EIGEN_REL = 1e-8;

  static ExtremeEigenpairs.Options options(int k) {
    return ExtremeEigenpairs.Options.defaults().withCount(k).withTolerance(TOL).withBasisSize(30);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void prescribedSpectrumBothEndsMatchDense(long seed) {
    int n = 60;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = -3.0 + 7.0 * i / (n - 1) + 0.01 * Math.sin(i);
    double[] a = Matrices.withSpectrum(lambda, seed);
    check(a, n, 4, seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 6})
  void mlpHessianBothEndsMatchDense(long seed) {
    MlpObjective f = Matrices.mlp(Activation.TANH, 3, 6, 2, 30, 0.0, seed);
    int p = f.dimension();
    double[] w = Initializer.normal(0.8).initialize(f.model(), seed + 100);
    double[] h = new double[p * p];
    f.hessian(w, h);
    ExtremeEigenpairs.Result r = ExtremeEigenpairs.compute(SymmetricOperator.hessian(f, w), options(3).withSeed(seed));
    compare(r, h, p, 3, seed);
  }

  private static void check(double[] a, int n, int k, long seed) {
    // Not the matrix's seed: Lanczos' Gaussian start vectors would then be the very Gaussian rows
    // that Matrices.randomOrthogonal turned into eigenvectors, and the Krylov space would be invariant.
    ExtremeEigenpairs.Result r = ExtremeEigenpairs.compute(SymmetricOperator.dense(a, n), options(k).withSeed(seed + 1000));
    compare(r, a, n, k, seed);
  }

  private static void compare(ExtremeEigenpairs.Result r, double[] a, int n, int k, long seed) {
    assertEquals(Lanczos.Status.CONVERGED, r.status(), "seed " + seed + ": " + r);
    DenseSpectrum.Result d = DenseSpectrum.decompose(a, n, true);
    double[] e = d.eigenvalues();
    double scale = Math.max(Math.abs(e[0]), Math.abs(e[n - 1]));
    for (int i = 0; i < k; i++) {
      assertEquals(e[n - 1 - i], r.largest()[i], EIGEN_REL * scale, "seed " + seed + " largest " + i);
      assertEquals(e[i], r.smallest()[i], EIGEN_REL * scale, "seed " + seed + " smallest " + i);
      // Recomputed residuals: of the order of the Lanczos tolerance (10x for round-off in the Ritz vector).
      assertTrue(r.largestResiduals()[i] <= 10 * TOL * scale, "seed " + seed + " residual " + r.largestResiduals()[i]);
      assertTrue(r.smallestResiduals()[i] <= 10 * TOL * scale, "seed " + seed + " residual " + r.smallestResiduals()[i]);
      // Eigenvectors of isolated eigenvalues: |<v, u>| = 1 up to residual / gap (compare |<u,v>|, not signs).
      double overlap = Math.abs(dot(r.largestVector(i), d.eigenvector(n - 1 - i)));
      assertEquals(1.0, overlap, 1e-6, "seed " + seed + " eigenvector overlap " + i);
    }
    assertEquals(r.lanczosIterations() + 2L * k, r.hessianVectorProducts());
  }

  @Test
  void nonFiniteOperatorBreaksDown() {
    SymmetricOperator nan = new SymmetricOperator() {
      @Override
      public int dimension() {
        return 5;
      }

      @Override
      public void apply(double[] v, double[] out) {
        java.util.Arrays.fill(out, Double.NaN);
      }
    };
    ExtremeEigenpairs.Result r = ExtremeEigenpairs.compute(nan, options(2));
    assertEquals(Lanczos.Status.BREAKDOWN, r.status());
    assertTrue(Double.isNaN(r.largestEigenvalue()) && Double.isNaN(r.largestResiduals()[0]));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}

package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.MlpObjective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lanczos against DenseSpectrum on random matrices and MLP Hessians, plus its edge cases. */
class LanczosTest {

  /** Residual tolerance of the runs below, relative to ||A||. */
  static final double TOL = 1e-10;
  /**
   * Eigenvalue error allowed, relative to ||A||_2: a converged Ritz value is within TOL nu &lt;= TOL
   * ||A|| of an eigenvalue (Parlett Thm. 4.5.1); 10x slack for the dense reference's own n eps error.
   */
  static final double EIGEN_TOL = 10 * TOL;

  /** Counts operator applications to check the reported iteration count. */
  static final class Counting implements SymmetricOperator {
    final SymmetricOperator inner;
    long count;

    Counting(SymmetricOperator inner) {
      this.inner = inner;
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public void apply(double[] v, double[] out) {
      count++;
      inner.apply(v, out);
    }
  }

  static void assertMatchesDense(double[] a, int n, Lanczos.Result r, String label) {
    double[] exact = DenseSpectrum.eigenvalues(a, n);
    double norm = Math.max(Math.abs(exact[0]), Math.abs(exact[n - 1]));
    assertEquals(Lanczos.Status.CONVERGED, r.status(), label + ": " + r);
    for (int i = 0; i < r.smallest().length; i++) {
      assertEquals(exact[i], r.smallest()[i], EIGEN_TOL * norm, label + ": smallest " + i + " " + r);
      assertTrue(r.smallestResiduals()[i] <= TOL * norm, label + ": residual " + r);
    }
    for (int i = 0; i < r.largest().length; i++) {
      assertEquals(exact[n - 1 - i], r.largest()[i], EIGEN_TOL * norm, label + ": largest " + i + " " + r);
      assertTrue(r.largestResiduals()[i] <= TOL * norm, label + ": residual " + r);
    }
    assertTrue(r.normEstimate() <= norm * (1 + 1e-12), label + ": nu must not exceed ||A||");
  }

  /** Random symmetric (GOE-like) matrices; basis 20 forces thick restarts, 80 does not for n = 60. */
  @ParameterizedTest(name = "n = {0}, basis {1}, seed {2}")
  @CsvSource({"60, 20, 1", "60, 80, 2", "300, 20, 3", "300, 40, 4", "5, 20, 5"})
  void matchesDenseOnRandomSymmetricMatrices(int n, int basis, long seed) {
    double[] a = Matrices.randomSymmetric(n, seed);
    Counting op = new Counting(SymmetricOperator.dense(a, n));
    Lanczos.Config cfg = new Lanczos.Config(3, 2, TOL, 5000, basis, false);
    Lanczos.Result r = new Lanczos(cfg).extremeEigenpairs(op, seed);
    assertMatchesDense(a, n, r, "seed " + seed);
    assertEquals(op.count, r.iterations(), "iterations count operator applications");
  }

  /**
   * Hessians of small MLPs (MSE, tanh and softplus, with and without L2) at random points, where
   * they are indefinite: the 3 smallest and 2 largest agree with the dense Hessian's spectrum.
   */
  @ParameterizedTest(name = "{0}, l2 = {1}, seed {2}")
  @CsvSource({"TANH, 0.0, 1", "TANH, 0.01, 2", "SOFTPLUS, 0.0, 3", "SIGMOID, 0.0, 4"})
  void matchesDenseOnMlpHessians(Activation act, double l2, long seed) {
    MlpObjective f = Matrices.mlp(act, 3, 12, 2, 40, l2, seed);
    int p = f.dimension();
    double[] w = Initializer.normal(0.8).initialize(f.model(), seed + 100);
    double[] h = new double[p * p];
    f.hessian(w, h);
    Lanczos.Result r = new Lanczos(new Lanczos.Config(3, 2, TOL, 5000, 30, false))
        .extremeEigenpairs(SymmetricOperator.hessian(f, w), seed);
    assertMatchesDense(h, p, r, act + " seed " + seed);
  }

  /**
   * Ritz vectors: unit norm, and the reported residual is the true ||A x - theta x|| up to round-off
   * (1e-12 ||A||, from the loss of orthogonality of a basis kept orthogonal to ~1e-15 over restarts).
   */
  @Test
  void residualsMatchRitzVectors() {
    int n = 200;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = -1.0 + 3.0 * i / (n - 1) + (i == 0 ? -0.5 : 0);
    double[] a = Matrices.withSpectrum(lambda, 7);
    Lanczos.Config cfg = new Lanczos.Config(2, 2, 1e-9, 3000, 24, true);
    Lanczos.Result r = new Lanczos(cfg).extremeEigenpairs(SymmetricOperator.dense(a, n), 3);
    assertEquals(Lanczos.Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.restarts() > 0, "basis 24 on n = 200 must restart: " + r);
    checkVectors(a, n, r.smallest(), r.smallestResiduals(), r.smallestVectors());
    checkVectors(a, n, r.largest(), r.largestResiduals(), r.largestVectors());
    assertEquals(-1.5, r.smallest()[0], 1e-8);
    assertEquals(2.0, r.largest()[0], 1e-8);
  }

  static void checkVectors(double[] a, int n, double[] theta, double[] residuals, double[] vectors) {
    assertNotNull(vectors);
    for (int k = 0; k < theta.length; k++) {
      double norm2 = 0;
      double res2 = 0;
      for (int i = 0; i < n; i++) {
        double s = -theta[k] * vectors[k * n + i];
        for (int j = 0; j < n; j++) s += a[i * n + j] * vectors[k * n + j];
        res2 += s * s;
        norm2 += vectors[k * n + i] * vectors[k * n + i];
      }
      assertEquals(1.0, Math.sqrt(norm2), 1e-12, "unit Ritz vector " + k);
      assertEquals(residuals[k], Math.sqrt(res2), 1e-12 * 2.0, "residual of Ritz pair " + k);
    }
  }

  /**
   * A budget of 8 products cannot converge on n = 300; the status says so, and by Cauchy interlacing
   * the Ritz values still bracket inside the spectrum (smallest Ritz >= lambda_min, largest <= lambda_max).
   */
  @Test
  void reportsMaxIterationsWithInterlacedRitzValues() {
    int n = 300;
    double[] a = Matrices.randomSymmetric(n, 9);
    double[] exact = DenseSpectrum.eigenvalues(a, n);
    Lanczos.Result r = new Lanczos(Lanczos.Config.defaults().withMaxIterations(8)).extremeEigenpairs(SymmetricOperator.dense(a, n), 1);
    assertEquals(Lanczos.Status.MAX_ITERATIONS, r.status());
    assertEquals(8, r.iterations());
    double slack = 1e-12 * exact[n - 1];
    assertTrue(r.smallestEigenvalue() >= exact[0] - slack && r.smallestEigenvalue() <= exact[n - 1] + slack, r.toString());
    assertTrue(r.largestEigenvalue() <= exact[n - 1] + slack && r.largestEigenvalue() >= exact[0] - slack, r.toString());
  }

  /**
   * A = diag with only two distinct eigenvalues (1 and 2): the Krylov space of one start vector is
   * 2-dimensional, so 4 wanted values force exact breakdowns and fresh seeded vectors. Every value
   * returned must be 1 or 2 to round-off (1e-12), and the run must converge.
   */
  @Test
  void continuesAfterExactBreakdown() {
    int n = 30;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) a[i * n + i] = i < n / 2 ? 1.0 : 2.0;
    Lanczos.Result r = new Lanczos(new Lanczos.Config(3, 1, TOL, 500, 20, false)).extremeEigenpairs(SymmetricOperator.dense(a, n), 4);
    assertEquals(Lanczos.Status.CONVERGED, r.status(), r.toString());
    assertEquals(3, r.smallest().length);
    for (double v : r.smallest()) assertTrue(Math.abs(v - 1) <= 1e-12 || Math.abs(v - 2) <= 1e-12, r.toString());
    assertEquals(1.0, r.smallest()[0], 1e-12);
    assertEquals(2.0, r.largest()[0], 1e-12);
  }

  /** Dimensions below the basis size: the space is exhausted and the result is the dense spectrum. */
  @Test
  void tinyDimensions() {
    Lanczos.Result one = new Lanczos(Lanczos.Config.defaults()).extremeEigenpairs(SymmetricOperator.dense(new double[] {-4}, 1), 1);
    assertEquals(Lanczos.Status.CONVERGED, one.status());
    assertEquals(-4.0, one.smallestEigenvalue());
    assertEquals(-4.0, one.largestEigenvalue());
    double[] a = Matrices.randomSymmetric(3, 5);
    Lanczos.Result r = new Lanczos(new Lanczos.Config(5, 5, TOL, 100, 10, false)).extremeEigenpairs(SymmetricOperator.dense(a, 3), 2);
    double[] exact = DenseSpectrum.eigenvalues(a, 3);
    assertEquals(3, r.smallest().length, "counts are capped at n");
    for (int i = 0; i < 3; i++) {
      assertEquals(exact[i], r.smallest()[i], 1e-13);
      assertEquals(exact[2 - i], r.largest()[i], 1e-13);
    }
  }

  /**
   * The operator P A P with P removing coordinates 0..2 of A = diag(1, ..., n): restricted to its
   * domain its smallest eigenvalue is 4; without the restriction the trivial 0 on the removed
   * coordinates is found instead.
   */
  @Test
  void respectsTheOperatorDomain() {
    int n = 50;
    SymmetricOperator restricted = new SymmetricOperator() {
      @Override
      public int dimension() {
        return n;
      }

      @Override
      public void apply(double[] v, double[] out) {
        for (int i = 0; i < n; i++) out[i] = i < 3 ? 0.0 : (i + 1) * v[i];
      }

      @Override
      public void restrictToDomain(double[] v) {
        v[0] = 0;
        v[1] = 0;
        v[2] = 0;
      }
    };
    Lanczos lanczos = new Lanczos(new Lanczos.Config(2, 1, TOL, 2000, 20, false));
    Lanczos.Result r = lanczos.extremeEigenpairs(restricted, 8);
    assertEquals(Lanczos.Status.CONVERGED, r.status(), r.toString());
    assertEquals(4.0, r.smallest()[0], 1e-8);
    assertEquals(5.0, r.smallest()[1], 1e-8);
    SymmetricOperator plain = SymmetricOperator.dense(diagonalWithZeros(n), n);
    assertEquals(0.0, lanczos.extremeEigenpairs(plain, 8).smallest()[0], 1e-8);
  }

  static double[] diagonalWithZeros(int n) {
    double[] a = new double[n * n];
    for (int i = 3; i < n; i++) a[i * n + i] = i + 1;
    return a;
  }

  @Test
  void sameSeedSameBits() {
    double[] a = Matrices.randomSymmetric(120, 12);
    Lanczos lanczos = new Lanczos(new Lanczos.Config(2, 2, TOL, 2000, 16, true));
    Lanczos.Result r1 = lanczos.extremeEigenpairs(SymmetricOperator.dense(a, 120), 77);
    Lanczos.Result r2 = lanczos.extremeEigenpairs(SymmetricOperator.dense(a, 120), 77);
    assertArrayEquals(r1.smallest(), r2.smallest());
    assertArrayEquals(r1.largest(), r2.largest());
    assertArrayEquals(r1.smallestVectors(), r2.smallestVectors());
    assertEquals(r1.iterations(), r2.iterations());
  }

  @Test
  void nonFiniteProductsAreABreakdown() {
    SymmetricOperator nan = new SymmetricOperator() {
      @Override
      public int dimension() {
        return 10;
      }

      @Override
      public void apply(double[] v, double[] out) {
        java.util.Arrays.fill(out, Double.NaN);
      }
    };
    Lanczos.Result r = new Lanczos(Lanczos.Config.defaults()).extremeEigenpairs(nan, 1);
    assertEquals(Lanczos.Status.BREAKDOWN, r.status());
    assertTrue(Double.isNaN(r.smallestEigenvalue()) && Double.isNaN(r.largestEigenvalue()));
    assertEquals(1, r.iterations());
  }

  @Test
  void validatesItsConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> new Lanczos.Config(0, 0, 1e-8, 10, 10, false));
    assertThrows(IllegalArgumentException.class, () -> new Lanczos.Config(-1, 1, 1e-8, 10, 10, false));
    assertThrows(IllegalArgumentException.class, () -> Lanczos.Config.defaults().withTolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Lanczos.Config.defaults().withTolerance(1.0));
    assertThrows(IllegalArgumentException.class, () -> Lanczos.Config.defaults().withMaxIterations(0));
    assertThrows(IllegalArgumentException.class, () -> Lanczos.Config.defaults().withBasisSize(3));
    assertThrows(IllegalArgumentException.class, () -> new Lanczos(null));
  }
}

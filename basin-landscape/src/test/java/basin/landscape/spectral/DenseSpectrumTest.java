package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** DenseSpectrum: residuals, orthonormality, ordering, known spectra, NaN behaviour. */
class DenseSpectrumTest {

  static final double EPS = Math.ulp(1.0);

  /**
   * Symmetric QR is backward stable: ||A v - lambda v|| and |V V^T - I| are a modest multiple of
   * n eps ||A||. The factor 10 n eps is about 10x above what EJML attains on these sizes.
   */
  @ParameterizedTest(name = "n = {0}, seed {1}")
  @CsvSource({"1, 1", "2, 2", "7, 3", "60, 4", "150, 5"})
  void residualsAndOrthonormality(int n, long seed) {
    double[] a = Matrices.randomSymmetric(n, seed);
    DenseSpectrum.Result r = DenseSpectrum.decompose(a, n, true);
    double scale = Matrices.frobenius(a);
    double tol = 10 * n * EPS;
    double trace = 0;
    for (int i = 0; i < n; i++) trace += a[i * n + i];
    assertEquals(trace, r.trace(), tol * scale * n, "seed " + seed);
    for (int k = 0; k < n; k++) {
      if (k > 0) assertTrue(r.eigenvalues()[k - 1] <= r.eigenvalues()[k], "ascending, seed " + seed);
      double[] v = r.eigenvector(k);
      double res = 0;
      for (int i = 0; i < n; i++) {
        double s = -r.eigenvalues()[k] * v[i];
        for (int j = 0; j < n; j++) s += a[i * n + j] * v[j];
        res += s * s;
      }
      assertTrue(Math.sqrt(res) <= tol * scale, "residual of pair " + k + " is " + Math.sqrt(res) + ", seed " + seed);
      for (int l = 0; l <= k; l++) {
        double dot = 0;
        for (int i = 0; i < n; i++) dot += v[i] * r.eigenvectors()[l * n + i];
        assertEquals(l == k ? 1.0 : 0.0, dot, tol, "<v" + k + ", v" + l + ">, seed " + seed);
      }
    }
  }

  /** Q^T diag(lambda) Q: the eigenvalues come back sorted, within 10 n eps max|lambda| (Weyl). */
  @Test
  void recoversAKnownSpectrum() {
    int n = 40;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = (i % 2 == 0 ? 1 : -1) * (1 + i * 0.37); // unsorted, both signs
    double[] a = Matrices.withSpectrum(lambda, 11);
    double[] sorted = lambda.clone();
    java.util.Arrays.sort(sorted);
    double[] got = DenseSpectrum.eigenvalues(a, n);
    for (int i = 0; i < n; i++) {
      assertEquals(sorted[i], got[i], 10 * n * EPS * Matrices.maxAbs(lambda), "eigenvalue " + i);
    }
  }

  @Test
  void usesTheSymmetricPart() {
    // [[1, 2], [0, 1]] has symmetric part [[1, 1], [1, 1]] with eigenvalues 0 and 2.
    double[] got = DenseSpectrum.eigenvalues(new double[] {1, 2, 0, 1}, 2);
    assertEquals(0.0, got[0], 4 * EPS);
    assertEquals(2.0, got[1], 4 * EPS);
  }

  @Test
  void nonFiniteEntriesGiveNaN() {
    DenseSpectrum.Result r = DenseSpectrum.decompose(new double[] {1, Double.NaN, Double.NaN, 1}, 2, true);
    for (double v : r.eigenvalues()) assertTrue(Double.isNaN(v));
    for (double v : r.eigenvectors()) assertTrue(Double.isNaN(v));
    r = DenseSpectrum.decompose(new double[] {Double.POSITIVE_INFINITY, 0, 0, 1}, 2, false);
    for (double v : r.eigenvalues()) assertTrue(Double.isNaN(v));
  }

  @Test
  void rejectsBadShapesAndSkipsVectorsWhenAsked() {
    assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.eigenvalues(new double[5], 2));
    assertThrows(IllegalArgumentException.class, () -> DenseSpectrum.eigenvalues(new double[0], 0));
    DenseSpectrum.Result r = DenseSpectrum.decompose(new double[] {3}, 1, false);
    assertNull(r.eigenvectors());
    assertEquals(3.0, r.eigenvalues()[0]);
    assertThrows(IllegalStateException.class, () -> r.eigenvector(0));
  }
}

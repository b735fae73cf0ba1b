package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LAPACK path (dsyevd) and the EJML path agree: eigenvalues within 50 n eps ||A||_F (both are
 * backward stable to a few n eps ||A||_2), eigenvectors up to sign (|<u, v>| within 1e-8 of 1 for
 * the well-separated random spectra used here). Runs the LAPACK path only when a native LAPACK is
 * present (it is on CI, where .ci/run installs OpenBLAS).
 */
class DenseSpectrumPathsTest {

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 2, 7, 60, 200})
  void lapackAndEjmlAgree(int n) {
    assumeTrue(DenseSpectrum.usesNativeLapack(), "no native LAPACK on this machine");
    SplittableRandom r = new SplittableRandom(n);
    double[] a = new double[n * n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = 2 * r.nextDouble() - 1;
        a[i * n + j] = v;
        a[j * n + i] = v;
        norm += (i == j ? 1 : 2) * v * v;
      }
    }
    norm = Math.sqrt(norm);
    DenseSpectrum.Result lapack = DenseSpectrum.decomposeLapack(a, n, true);
    DenseSpectrum.Result ejml = DenseSpectrum.decomposeEjml(a, n, true);
    double tol = 50 * n * Math.ulp(1.0) * Math.max(1, norm);
    for (int i = 0; i < n; i++) {
      assertEquals(ejml.eigenvalues()[i], lapack.eigenvalues()[i], tol, "eigenvalue " + i);
      double[] u = lapack.eigenvector(i);
      double[] v = ejml.eigenvector(i);
      double dot = 0;
      for (int k = 0; k < n; k++) dot += u[k] * v[k];
      if (i == 0 || lapack.eigenvalues()[i] - lapack.eigenvalues()[i - 1] > 1e-6) {
        if (i == n - 1 || lapack.eigenvalues()[i + 1] - lapack.eigenvalues()[i] > 1e-6) {
          assertEquals(1.0, Math.abs(dot), 1e-8, "eigenvector " + i);
        }
      }
    }
  }
}

package basin.landscape.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.model.Mlp;
import basin.data.closedform.LinearAutoencoderCriticalPoint;
import basin.data.closedform.LinearAutoencoderObjective;
import basin.landscape.spectral.HessianSpectrum;
import basin.landscape.symmetry.GeneralLinearGroup;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dense certification by inertia ({@link Certifier.DenseMethod#INERTIA}) against the full
 * eigendecomposition ({@link Certifier.DenseMethod#EIGENVALUES}): same class, index and nullity.
 */
class CertifierInertiaTest {

  static final Certifier EIGEN = new Certifier(Certifier.Config.defaults().withDenseMethod(Certifier.DenseMethod.EIGENVALUES));
  static final Certifier INERTIA = new Certifier(Certifier.Config.defaults().withDenseMethod(Certifier.DenseMethod.INERTIA));

  static Certificate assertAgree(Objective f, SymmetryGroup group, double[] w, String label) {
    Certificate eigen = EIGEN.certify(f, group, w, null);
    Certificate inertia = assertSame(eigen, INERTIA.certify(f, group, w, null), label);
    // on two threads (Lanczos beside the Hessian, both factorizations at once): the same certificate, bit for bit
    Certificate twoThreads = INERTIA.concurrent(true).certify(f, group, w, null);
    assertEquals(inertia.toString(), twoThreads.toString(), label + " on two threads");
    return inertia;
  }

  static Certificate assertSame(Certificate eigen, Certificate inertia, String label) {
    String both = label + ": " + eigen + " vs " + inertia;
    assertEquals(HessianSpectrum.Method.DENSE, inertia.method(), both);
    assertEquals(eigen.classification(), inertia.classification(), both);
    assertEquals(eigen.negativeCount(), inertia.negativeCount(), both);
    assertEquals(eigen.zeroCount(), inertia.zeroCount(), both);
    assertEquals(eigen.positiveCount(), inertia.positiveCount(), both);
    assertEquals(eigen.symmetryZeroModes(), inertia.symmetryZeroModes(), both);
    // lambda_max by Lanczos: residual tolerance relTol / 10 = 1e-7 of ||H||.
    assertEquals(eigen.largestEigenvalue(), inertia.largestEigenvalue(), 1e-7 * Math.abs(eigen.largestEigenvalue()), both);
    return inertia;
  }

  /**
   * Quadratics whose spectra put eigenvalues exactly at +-tau/2 (zero) and +-2 tau (negative,
   * positive), tau = relTol max(1, |lambda_max|) = 1e-6 * 10: a margin of tau/2 = 5e-6 against
   * round-off ~1e-14 and the Lanczos error of tau itself, 1e-7 relTol |lambda_max| ~ 1e-12.
   */
  @Test
  void quadraticsWithEigenvaluesAtHalfAndTwiceTheThreshold() {
    double tau = 1e-6 * 10;
    double[][] spectra = {
      {-tau / 2, tau / 2, 2 * tau, 1, 3, 10}, // degenerate minimum: 2 zero
      {-2 * tau, tau / 2, 2 * tau, 4, 10}, // saddle of index 1
      {2 * tau, 2 * tau, 0.5, 10}, // strict minimum
      {-2 * tau, -2 * tau, -tau / 2, -tau / 2, 0, 2 * tau, 10, 10}, // saddle of index 2, nullity 3
    };
    int[][] expected = {{0, 2}, {1, 1}, {0, 0}, {2, 3}};
    for (int c = 0; c < spectra.length; c++) {
      for (long seed = 1; seed <= 3; seed++) {
        int n = spectra[c].length;
        Objective f = new ClosedForms.QuadraticForm(ClosedForms.withSpectrum(spectra[c], seed), n);
        Certificate cert = assertAgree(f, null, new double[n], "spectrum " + c + " seed " + seed);
        assertEquals(expected[c][0], cert.negativeCount(), cert.toString());
        assertEquals(expected[c][1], cert.zeroCount(), cert.toString());
        assertTrue(cert.spectrumConverged(), cert.toString());
      }
    }
  }

  /**
   * Every critical point of the linear autoencoder with n = 8, p = 3 (1 + 8 + 28 + 56 = 93 index
   * sets): both methods give the predicted index and nullity (Baldi &amp; Hornik; basin-data's closed
   * form), without symmetries and with GL(3) explaining its orbit's zero modes. Eigenvalues 8..1 of
   * S: the smallest nonzero Hessian eigenvalue is O(0.1), the threshold 1e-6 * 32 = 3.2e-5, and the
   * representatives are exact critical points (gradient ~1e-15).
   */
  @Test
  void everyLinearAutoencoderCriticalPoint() {
    int n = 8;
    int p = 3;
    LinearAutoencoderObjective f = LinearAutoencoderObjective.withSpectrum(orthogonal(n, 5), new double[] {8, 7, 6, 5, 4, 3, 2, 1}, p);
    List<LinearAutoencoderCriticalPoint> points = f.criticalPoints();
    assertEquals(93, points.size());
    for (LinearAutoencoderCriticalPoint cp : points) {
      for (SymmetryGroup group : new SymmetryGroup[] {null, new GeneralLinearGroup(n, p)}) {
        String label = cp + (group == null ? "" : " with GL(3)");
        Certificate cert = assertAgree(f, group, cp.parameters(), label);
        assertEquals(cp.negativeEigenvalues(), cert.negativeCount(), label + ": " + cert);
        assertEquals(cp.zeroEigenvalues(), cert.zeroCount(), label + ": " + cert);
        assertEquals(cp.positiveEigenvalues(), cert.positiveCount(), label + ": " + cert);
      }
    }
  }

  /** The 7-argument Config constructor keeps working and takes the default dense method. */
  @Test
  void configKeepsItsSevenArgumentConstructor() {
    Certifier.Config c = new Certifier.Config(1e-8, 1e-6, 100, 5, 1000, 1L, 100);
    assertEquals(Certifier.Config.DEFAULT_DENSE_METHOD, c.denseMethod());
    assertEquals(Certifier.DenseMethod.EIGENVALUES, c.withDenseMethod(Certifier.DenseMethod.EIGENVALUES).withSeed(3).denseMethod());
    Objective f = new ClosedForms.QuadraticForm(ClosedForms.withSpectrum(new double[] {-1, 2, 3}, 1), 3);
    assertEquals(CriticalPointClass.SADDLE, new Certifier(c).certify(f, (Mlp) null, new double[3], null).classification());
  }

  /**
   * The memory check refuses a Hessian the JVM cannot hold: two 46340^2 arrays are 34 GB (skipped on
   * a JVM allowed that much), while a 100^2 one always fits.
   */
  @Test
  void memoryCheckRefusesWhatTheJvmCannotHold() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 30L << 30);
    assertTrue(!Certifier.fitsInMemory(46340, 2));
    assertTrue(Certifier.fitsInMemory(100, 2));
  }

  /** A seeded random orthogonal n x n matrix (Gram-Schmidt of a Gaussian matrix, twice). */
  static double[] orthogonal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
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
    return q;
  }
}

package basin.landscape.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import basin.landscape.spectral.DenseSpectrum;
import org.junit.jupiter.api.Test;

/**
 * Eigenvalue counts from Bunch-Kaufman factorizations. The matrices are Q^T diag(lambda) Q for seeded
 * random orthogonal Q ({@link ClosedForms#withSpectrum}), built to round-off about 1e-15 ||A||; every
 * prescribed eigenvalue is at least tau / 2 away from the band edges +-tau, many orders of
 * magnitude above that error, so the counts are exact.
 */
class InertiaTest {

  @Test
  void inertiaOfPrescribedSpectra() {
    double[] lambda = {-3, -1e-3, -2e-9, 1e-9, 0.5, 2, 7, -4, 1e-4, 9};
    for (long seed = 1; seed <= 5; seed++) {
      double[] a = ClosedForms.withSpectrum(lambda, seed);
      double[] copy = a.clone();
      assertEquals(new Inertia.Counts(4, 0, 6), Inertia.of(a, lambda.length), "seed " + seed);
      assertArrayEquals(copy, a, 0.0, "of does not modify its input");
    }
  }

  /** Eigenvalues at +-tau/2 count as zero, at +-2 tau as negative/positive; the input is restored bit for bit. */
  @Test
  void bandCountsAtHalfAndTwiceTheThreshold() {
    double tau = 1e-5;
    double[] lambda = {-5, -2 * tau, -tau / 2, 0, tau / 2, 2 * tau, 3, 1e-12, -2 * tau, 10, tau / 2, -1};
    // negative: -5, -2tau, -2tau, -1 = 4; zero: -tau/2, 0, tau/2, 1e-12, tau/2 = 5; positive: 2tau, 3, 10 = 3
    for (long seed = 1; seed <= 5; seed++) {
      double[] a = ClosedForms.withSpectrum(lambda, seed);
      double[] copy = a.clone();
      assertEquals(new Inertia.Counts(4, 5, 3), Inertia.counts(a, lambda.length, tau), "seed " + seed);
      assertArrayEquals(copy, a, 0.0, "counts restores its workspace exactly");
      assertEquals(new Inertia.Counts(4, 5, 3), Inertia.counts(a, lambda.length, tau, false), "seed " + seed + " without Cholesky");
      assertArrayEquals(copy, a, 0.0, "counts restores its workspace exactly");
      for (boolean cholesky : new boolean[] {true, false}) {
        assertEquals(new Inertia.Counts(4, 5, 3), Inertia.counts(a, lambda.length, tau, cholesky, true), "seed " + seed + " on two threads");
        assertArrayEquals(copy, a, 0.0, "the two-thread path restores its workspace exactly");
      }
    }
  }

  /**
   * Positive definite shifts take the Cholesky shortcut: all eigenvalues above tau (both Cholesky
   * factorizations succeed), and all above -tau with some in the band (the first succeeds, the
   * second fails and Bunch-Kaufman counts). The margins are again tau / 2.
   */
  @Test
  void positiveDefiniteShortcut() {
    double tau = 1e-4;
    double[] strict = {2 * tau, 1, 3, 1e3, 5 * tau, 2};
    double[] banded = {-tau / 2, tau / 2, 0, 1, 2 * tau, 7, 3};
    for (long seed = 1; seed <= 3; seed++) {
      double[] a = ClosedForms.withSpectrum(strict, seed);
      double[] copy = a.clone();
      assertEquals(new Inertia.Counts(0, 0, 6), Inertia.counts(a, 6, tau), "seed " + seed);
      assertArrayEquals(copy, a, 0.0, "restored after Cholesky");
      double[] b = ClosedForms.withSpectrum(banded, seed);
      copy = b.clone();
      assertEquals(new Inertia.Counts(0, 3, 4), Inertia.counts(b, 7, tau), "seed " + seed);
      assertArrayEquals(copy, b, 0.0, "restored after Cholesky and Bunch-Kaufman");
      assertEquals(new Inertia.Counts(0, 3, 4), Inertia.countsWithoutNegatives(b, 7, tau), "seed " + seed);
      // the two-thread path: both Cholesky succeed; the first only; neither
      assertEquals(new Inertia.Counts(0, 0, 6), Inertia.counts(a, 6, tau, true, true), "seed " + seed + " on two threads");
      assertEquals(new Inertia.Counts(0, 3, 4), Inertia.counts(b, 7, tau, true, true), "seed " + seed + " on two threads");
      assertArrayEquals(copy, b, 0.0, "restored after the two-thread path");
      assertEquals(new Inertia.Counts(1, 0, 2), Inertia.counts(ClosedForms.withSpectrum(new double[] {-2 * tau, 1, 2}, seed), 3, tau, true, true));
      double[] c = ClosedForms.withSpectrum(new double[] {-2 * tau, 1, 2}, seed);
      copy = c.clone();
      assertEquals(null, Inertia.countsWithoutNegatives(c, 3, tau), "an eigenvalue below -tau: no counts");
      assertArrayEquals(copy, c, 0.0, "restored after a failed Cholesky");
    }
  }

  /** A zero diagonal forces 2x2 pivots: [[0, 1], [1, 0]] has eigenvalues -1 and 1. */
  @Test
  void twoByTwoPivotsAreIndefinite() {
    assertEquals(new Inertia.Counts(1, 0, 1), Inertia.of(new double[] {0, 1, 1, 0}, 2));
    int n = 6; // block diagonal of three [[0, c], [c, 0]] blocks, permuted: eigenvalues +-c, three each
    double[] a = new double[n * n];
    int[] partner = {3, 4, 5, 0, 1, 2};
    for (int i = 0; i < n; i++) a[i * n + partner[i]] = 1 + Math.min(i, partner[i]);
    assertEquals(new Inertia.Counts(3, 0, 3), Inertia.of(a, n));
    assertEquals(new Inertia.Counts(3, 0, 3), Inertia.counts(a, n, 0.5));
    assertEquals(new Inertia.Counts(2, 2, 2), Inertia.counts(a, n, 1.5), "the +-1 pair is inside the band of 1.5");
  }

  @Test
  void exactZeroPivotIsZero() {
    assertEquals(new Inertia.Counts(1, 1, 1), Inertia.of(new double[] {-2, 0, 0, 0, 0, 0, 0, 0, 3}, 3));
    // Band edges exactly representable: eigenvalues -1 and 1 with tau = 1 both count as zero.
    assertEquals(new Inertia.Counts(0, 2, 1), Inertia.counts(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 4}, 3, 1.0));
  }

  /** P A P keeps the spectrum of A on the complement and puts the basis rows at eigenvalue 0. */
  @Test
  void projectOutDeflatesAnInvariantSubspaceToZero() {
    double[] lambda = {-2, 1, 3, 5, 8, 13};
    int n = lambda.length;
    double[] a = ClosedForms.withSpectrum(lambda, 3);
    // Rows of Q: the eigenvectors of 5 and 13 (the second and fourth eigenvectors of ascending order).
    DenseSpectrum.Result e = DenseSpectrum.decompose(a, n, true);
    double[] q = new double[2 * n];
    System.arraycopy(e.eigenvector(3), 0, q, 0, n);
    System.arraycopy(e.eigenvector(5), 0, q, n, n);
    Inertia.projectOut(a, n, q, 2);
    double[] projected = DenseSpectrum.eigenvalues(a, n);
    double[] expected = {-2, 0, 0, 1, 3, 8};
    assertArrayEquals(expected, projected, 1e-12, "eigenvalues of P A P (round-off ~1e-14 ||A||)");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) assertEquals(a[i * n + j], a[j * n + i], 0.0, "both triangles written");
    }
  }

  @Test
  void nonFiniteInputGivesInvalidCounts() {
    assertFalse(Inertia.counts(new double[] {1, Double.NaN, Double.NaN, 1}, 2, 0.1).valid());
    assertThrows(IllegalArgumentException.class, () -> Inertia.counts(new double[3], 2, 0.1));
    assertThrows(IllegalArgumentException.class, () -> Inertia.counts(new double[4], 2, -1));
  }
}

package basin.landscape.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.model.Mlp;
import basin.core.optim.OptimizationResult.Status;
import basin.landscape.spectral.HessianSpectrum;
import org.junit.jupiter.api.Test;

/** The classification rules on closed-form objectives, by the dense and the Lanczos path. */
class CertifierClosedFormTest {

  static final Certifier DENSE = new Certifier(Certifier.Config.defaults());
  /** denseLimit 0 forces Lanczos even for P = 2. */
  static final Certifier LANCZOS = new Certifier(Certifier.Config.defaults().withDenseLimit(0));

  /**
   * Convex quadratic with eigenvalues 0.5 .. 8 at its minimizer 0: STRICT, all eigenvalues positive.
   * The eigenvalues are exact up to the dense solver's 10 n eps ||A|| (1e-12 is ample for n = 12).
   */
  @Test
  void convexQuadraticIsAStrictMinimum() {
    int n = 12;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = 0.5 * Math.pow(2, i * 4.0 / (n - 1));
    Objective f = new ClosedForms.QuadraticForm(ClosedForms.withSpectrum(lambda, 3), n);
    for (Certifier c : new Certifier[] {DENSE, LANCZOS}) {
      Certificate cert = c.certify(f, (Mlp) null, new double[n], Status.CONVERGED);
      assertEquals(CriticalPointClass.STRICT_MINIMUM, cert.classification(), cert.toString());
      assertEquals(0, cert.negativeCount());
      assertEquals(0, cert.zeroCount());
      assertEquals(0, cert.symmetryZeroModes());
      assertEquals(n, cert.positiveCount());
      assertEquals(8.0, cert.largestEigenvalue(), 1e-12 * 8);
      assertEquals(0.5, cert.smallestEigenvalues()[0], 1e-12 * 8);
      assertEquals(1e-6 * 8.0, cert.eigenvalueTolerance(), 1e-18, "tau = relTol max(1, |lambda_max|)");
      assertTrue(cert.isMinimum());
      assertEquals(Status.CONVERGED, cert.optimizerStatus());
    }
    assertEquals(HessianSpectrum.Method.DENSE, DENSE.certify(f, (Mlp) null, new double[n], null).method());
    Certificate viaLanczos = LANCZOS.certify(f, (Mlp) null, new double[n], null);
    assertEquals(HessianSpectrum.Method.LANCZOS, viaLanczos.method());
    assertTrue(viaLanczos.spectrumConverged() && viaLanczos.countsAreBounds() && viaLanczos.hessianVectorProducts() > 0);
  }

  /** x^2 - y^2 at 0: Hessian diag(2, -2), a saddle of index 1 (fraction 1/2), by both paths. */
  @Test
  void hyperbolicParaboloidIsASaddleOfIndexOne() {
    Objective f = new ClosedForms.Separable(new double[] {1, -1}, new double[] {0, 0});
    for (Certifier c : new Certifier[] {DENSE, LANCZOS}) {
      Certificate cert = c.certify(f, (Mlp) null, new double[2], null);
      assertEquals(CriticalPointClass.SADDLE, cert.classification(), cert.toString());
      assertEquals(1, cert.index());
      assertEquals(0.5, cert.indexFraction());
      assertEquals(-2.0, cert.smallestEigenvalues()[0], 1e-14);
      assertEquals(2.0, cert.largestEigenvalue(), 1e-14);
      assertFalse(cert.isMinimum());
    }
  }

  /** x^4 (and x^4 + y^2) at 0: Hessian 0 (diag(0, 2)), one unexplained zero mode: DEGENERATE. */
  @Test
  void quarticIsADegenerateMinimum() {
    Certificate one = DENSE.certify(new ClosedForms.Separable(new double[] {0}, new double[] {1}), (Mlp) null, new double[1], null);
    assertEquals(CriticalPointClass.DEGENERATE_MINIMUM, one.classification(), one.toString());
    assertEquals(1, one.zeroCount());
    assertEquals(1e-6, one.eigenvalueTolerance(), 0.0, "tau = relTol max(1, 0)");
    Objective two = new ClosedForms.Separable(new double[] {0, 1}, new double[] {1, 0});
    for (Certifier c : new Certifier[] {DENSE, LANCZOS}) {
      Certificate cert = c.certify(two, (Mlp) null, new double[2], null);
      assertEquals(CriticalPointClass.DEGENERATE_MINIMUM, cert.classification(), cert.toString());
      assertEquals(1, cert.zeroCount());
      assertEquals(0, cert.negativeCount());
    }
  }

  /** Away from the critical point: NOT_CONVERGED, and no spectrum is computed. */
  @Test
  void nonCriticalPointsAreNotConverged() {
    Objective f = new ClosedForms.Separable(new double[] {1, 1}, new double[] {0, 0});
    Certificate cert = DENSE.certify(f, (Mlp) null, new double[] {1e-3, 0}, Status.MAX_ITERATIONS);
    assertEquals(CriticalPointClass.NOT_CONVERGED, cert.classification());
    assertEquals(2e-3, cert.gradientNorm(), 1e-18);
    assertNull(cert.method());
    assertEquals(-1, cert.negativeCount());
    assertEquals(0, cert.smallestEigenvalues().length);
    assertTrue(Double.isNaN(cert.indexFraction()));
    // Just inside the tolerance it is certified.
    assertEquals(CriticalPointClass.STRICT_MINIMUM, DENSE.certify(f, (Mlp) null, new double[] {4e-9, 0}, null).classification());
  }

  @Test
  void nonFinitePointsValuesAndStatusesAreDiverged() {
    Objective f = new ClosedForms.Separable(new double[] {1, 1}, new double[] {0, 0});
    assertEquals(CriticalPointClass.DIVERGED, DENSE.certify(f, (Mlp) null, new double[] {Double.NaN, 0}, null).classification());
    assertEquals(CriticalPointClass.DIVERGED, DENSE.certify(f, (Mlp) null, new double[] {1e300, 0}, null).classification(),
        "the value overflows to Inf");
    assertEquals(CriticalPointClass.DIVERGED, DENSE.certify(f, (Mlp) null, new double[2], Status.DIVERGED).classification());
  }

  @Test
  void smallestWithoutModesDropsTheSmallestMagnitudes() {
    double[] lambda = {-3, -1e-9, 2e-10, 5e-10, 1, 4};
    assertArrayEquals(new double[] {-3, 1, 4}, Certifier.smallestWithoutModes(lambda, 3, 5));
    assertArrayEquals(new double[] {-3, -1e-9}, Certifier.smallestWithoutModes(lambda, 2, 2));
    assertArrayEquals(new double[] {-3, -1e-9}, Certifier.smallestWithoutModes(lambda, 0, 2));
    assertArrayEquals(new double[0], Certifier.smallestWithoutModes(lambda, 6, 3));
  }

  @Test
  void validatesConfigAndArguments() {
    Certifier.Config d = Certifier.Config.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withGradientTolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.withGradientTolerance(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withRelativeEigenvalueTolerance(0));
    assertThrows(IllegalArgumentException.class, () -> d.withRelativeEigenvalueTolerance(1));
    assertThrows(IllegalArgumentException.class, () -> d.withDenseLimit(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withLanczosCount(0));
    assertThrows(IllegalArgumentException.class, () -> d.withLanczosMaxIterations(0));
    assertThrows(IllegalArgumentException.class, () -> new Certifier(null));
    Objective f = new ClosedForms.Separable(new double[] {1, 1}, new double[] {0, 0});
    assertThrows(IllegalArgumentException.class, () -> DENSE.certify(f, (Mlp) null, new double[3], null));
    assertThrows(IllegalArgumentException.class, () -> DENSE.certify(f, Mlp.of(basin.core.model.Activation.RELU, true, 2, 3, 1), new double[2], null));
  }
}

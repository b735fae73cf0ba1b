package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.MlpObjective;
import org.junit.jupiter.api.Test;

/** The dense and the Lanczos path of HessianSpectrum agree on the same Hessian. */
class HessianSpectrumTest {

  /**
   * Both paths at a random point of a tanh network (P = 65). Lanczos tolerance 1e-10 relative, so
   * the eigenvalues agree to 1e-9 ||H|| (10x slack over the Lanczos bound, see LanczosTest).
   */
  @Test
  void denseAndLanczosAgree() {
    MlpObjective f = Matrices.mlp(Activation.TANH, 3, 10, 2, 30, 0.0, 21);
    double[] w = Initializer.normal(1.0).initialize(f.model(), 22);
    HessianSpectrum.Options opts = HessianSpectrum.Options.defaults().withSmallestCount(3).withLanczosTolerance(1e-10);
    HessianSpectrum.Result dense = HessianSpectrum.of(f, w, opts);
    HessianSpectrum.Result lanczos = HessianSpectrum.of(f, w, opts.withDenseLimit(0));
    assertEquals(HessianSpectrum.Method.DENSE, dense.method());
    assertEquals(HessianSpectrum.Method.LANCZOS, lanczos.method());
    assertTrue(lanczos.converged(), lanczos.toString());
    assertNull(lanczos.eigenvalues());
    assertTrue(Double.isNaN(lanczos.trace()));
    assertTrue(lanczos.hessianVectorProducts() > 0);
    double norm = Math.max(Math.abs(dense.largest()), Math.abs(dense.smallest()[0]));
    assertEquals(dense.largest(), lanczos.largest(), 1e-9 * norm);
    for (int i = 0; i < 3; i++) {
      assertEquals(dense.smallest()[i], lanczos.smallest()[i], 1e-9 * norm, "smallest " + i);
    }
    double sum = 0;
    for (double v : dense.eigenvalues()) sum += v;
    assertEquals(sum, dense.trace(), 1e-12 * f.dimension() * norm, "trace = sum of eigenvalues");
    assertEquals(f.dimension(), dense.eigenvalues().length);
  }

  @Test
  void validatesOptions() {
    HessianSpectrum.Options d = HessianSpectrum.Options.defaults();
    assertEquals(2500, d.denseLimit());
    assertThrows(IllegalArgumentException.class, () -> d.withDenseLimit(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withDenseLimit(HessianSpectrum.Options.MAX_DENSE + 1));
    assertThrows(IllegalArgumentException.class, () -> d.withSmallestCount(0));
    assertThrows(IllegalArgumentException.class, () -> d.withLanczosTolerance(0));
    assertThrows(IllegalArgumentException.class, () -> d.withLanczosMaxIterations(0));
    MlpObjective f = Matrices.mlp(Activation.TANH, 2, 3, 1, 5, 0.0, 1);
    assertThrows(IllegalArgumentException.class, () -> HessianSpectrum.of(f, new double[3], d));
  }
}

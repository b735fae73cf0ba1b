package basin.landscape.earlystop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.flatness.Sharpness;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.spectral.Lanczos;
import org.junit.jupiter.api.Test;

/**
 * At a point of a 2-6-3 tanh classifier (P = 39): the top eigenvalue equals the dense Hessian's
 * largest to 1e-8 relative (the Lanczos tolerance; with P = 39 the Krylov space fills R^P), the
 * sharpness is {@link Sharpness#compute} with Keskar's box and the given epsilon and seed (exact:
 * the same call), and the loss is f(x).
 */
class PointSharpnessTest {

  @Test
  void topEigenvalueIsTheDenseHessiansAndSharpnessIsKeskars() {
    Mlp model = Mlp.of(Activation.TANH, true, 2, 6, 3);
    MlpObjective f = new MlpObjective(model, RecordedStartTest.data("train", 60, 1), Loss.SOFTMAX_CROSS_ENTROPY, 0.0);
    double[] x = Initializer.parse("glorot").initialize(model, 3L);
    PointSharpness s = PointSharpness.measure(f, x, 5e-4, 11L);
    int p = f.dimension();
    double[] h = new double[p * p];
    f.hessian(x, h);
    double[] eigen = DenseSpectrum.eigenvalues(h, p);
    double largest = eigen[p - 1];
    assertEquals(Lanczos.Status.CONVERGED, s.top().status());
    assertEquals(largest, s.top().value(), 1e-8 * Math.abs(largest));
    Sharpness.Result direct = Sharpness.compute(f, x, Sharpness.Options.defaults().withEpsilon(5e-4).withSeed(11L));
    assertEquals(direct.sharpness(), s.sharpness().sharpness());
    assertEquals(Sharpness.Kind.EPSILON, s.sharpness().kind());
    assertEquals(f.value(x), s.loss());
    assertTrue(s.sharpness().sharpness() > 0, "a Glorot point is not a maximum of the loss");
  }
}

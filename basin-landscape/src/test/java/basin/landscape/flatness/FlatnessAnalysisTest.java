package basin.landscape.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.MlpObjective;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.Lanczos;
import basin.landscape.spectral.SpectralDensity;
import basin.landscape.symmetry.MlpSymmetry;
import basin.landscape.symmetry.OrbitTangent;
import org.junit.jupiter.api.Test;

/** The facade answers by name, consistently with the kernels, on a ReLU MLP with its orbit tangent. */
class FlatnessAnalysisTest {

  @Test
  void answersByNameOnFullAndComplement() {
    MlpObjective f = TestObjectives.mlp(Activation.RELU, 20, 0.01, 7, 3, 4, 2);
    double[] w = Initializer.normal(0.8).initialize(f.model(), 8);
    OrbitTangent t = new MlpSymmetry(f.model(), false, false).orbitTangent(w);
    FlatnessAnalysis fa = new FlatnessAnalysis(f, w, t, f.l2(), FlatnessAnalysis.Options.defaults()
        .withEigenpairs(ExtremeEigenpairs.Options.defaults().withCount(2)));
    int p = f.dimension();
    assertEquals(4, fa.tangentDimension());
    ExtremeEigenpairs.Result full = fa.eigenpairs(false);
    assertSame(full, fa.eigenpairs(false));
    assertEquals(Lanczos.Status.CONVERGED, full.status());
    double[] h = new double[p * p];
    f.hessian(w, h);
    double[] e = DenseSpectrum.eigenvalues(h, p);
    // 1e-8 relative to ||H||, the Lanczos acceptance level.
    assertEquals(e[p - 1], full.largestEigenvalue(), 1e-8 * Math.abs(e[p - 1]));
    FlatnessMeasures.Result m = fa.measures();
    assertEquals(FlatnessMeasures.Method.DENSE, m.method());
    assertEquals(e[p - 1], m.hessian().total().largestEigenvalue(), 1e-10 * Math.abs(e[p - 1]));
    assertEquals(m.complement().total().largestEigenvalue(), fa.eigenpairs(true).largestEigenvalue(), 1e-8 * Math.abs(e[p - 1]));
    assertEquals(0.01, m.hessian().l2Contribution().largestEigenvalue(), 1e-12);
    assertEquals(p - 4, m.complement().total().dimension());
    SpectralDensity.Result d = fa.density(true);
    assertSame(d, fa.density(true));
    assertEquals(1.0, d.mass(-1e9, 1e9), 1e-12);
    assertTrue(Double.isFinite(fa.trace(false).estimate()) && Double.isFinite(fa.traceHutchPlusPlus(true).estimate()));
    double[] dirs = fa.eigenvectorDirections(1, true);
    assertEquals(2 * p, dirs.length);
    BasinRadius.Summary s = fa.basinRadius(dirs, 2, BasinRadius.Options.defaults().withDelta(0.01));
    assertEquals(2, s.radii().length);
  }
}

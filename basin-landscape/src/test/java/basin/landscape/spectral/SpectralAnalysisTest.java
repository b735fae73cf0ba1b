package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every estimate of {@link SpectralAnalysis} against the exact dense spectrum of a 3-5-2 tanh
 * network's Hessian (P = 32, an indefinite Hessian at a random point), with the tolerances each
 * method promises: Lanczos 1e-8 relative, the trace estimators within 3 standard errors, the SLQ
 * density integrating to 1 and its interval masses within 4 probe-noise bounds.
 */
class SpectralAnalysisTest {

  static MlpObjective network(long seed) {
    Mlp model = Mlp.of(Activation.TANH, true, 3, 5, 2);
    SplittableRandom r = new SplittableRandom(seed);
    int n = 40;
    double[] x = new double[3 * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = r.nextGaussian();
    return new MlpObjective(model, Dataset.regression("random", n, 3, x, 2, y), Loss.MSE, 0.0);
  }

  @Test
  void everyEstimateAgreesWithTheDenseSpectrum() {
    MlpObjective f = network(3);
    double[] w = Initializer.parse("normal:1").initialize(f.model(), 5L);
    int p = f.dimension();
    double[] h = new double[p * p];
    f.hessian(w, h);
    double[] exact = DenseSpectrum.decompose(h, p, false).eigenvalues();
    double trace = 0;
    for (double v : exact) trace += v;
    double scale = Math.max(Math.abs(exact[0]), Math.abs(exact[p - 1]));
    assertTrue(exact[0] < 0, "an indefinite Hessian, so both ends matter: " + exact[0]);

    SpectralAnalysis.Result r = SpectralAnalysis.compute(f, w, new SpectralAnalysis.Options(3, 1e-10, 3000, 30, 20, 40, Double.NaN, 2000, 7L));
    assertEquals(Lanczos.Status.CONVERGED, r.extremes().status());
    for (int i = 0; i < 3; i++) {
      assertEquals(exact[p - 1 - i], r.extremes().largest()[i], 1e-8 * scale, "largest " + i);
      assertEquals(exact[i], r.extremes().smallest()[i], 1e-8 * scale, "smallest " + i);
      assertTrue(r.extremes().largestResiduals()[i] <= 1e-8 * scale && r.extremes().smallestResiduals()[i] <= 1e-8 * scale);
    }
    for (var t : new TraceEstimator.Result[] {r.hutchinson(), r.hutchPlusPlus()}) {
      // budget 30 < P = 32, so Hutch++ is not exact either; 1e-12 |trace| of round-off on top
      assertTrue(Math.abs(t.estimate() - trace) <= 3 * t.standardError() + 1e-12 * Math.abs(trace), t + " vs exact " + trace);
    }
    assertEquals(30, r.hutchinson().hessianVectorProducts());

    SpectralDensity.Result d = r.density();
    double[] g = d.grid();
    double[] phi = d.densityOnGrid();
    double integral = 0;
    for (int i = 1; i < g.length; i++) integral += 0.5 * (phi[i] + phi[i - 1]) * (g[i] - g[i - 1]);
    assertEquals(1.0, integral, 1e-6, "trapezoid rule on 2000 points over tails below 2e-9");
    // 40 steps >= P: the nodes are the eigenvalues, only probe noise is left
    double mid = exact[p / 2];
    int below = 0;
    for (double v : exact) if (v <= mid) below++;
    double noise = Math.sqrt(2.0 * below / 20) / p;
    assertEquals((double) below / p, d.mass(Double.NEGATIVE_INFINITY, mid + 1e-12 * scale), 4 * noise);
    assertTrue(r.densityCsv().startsWith("t,density\n"));
    assertEquals(2001, r.densityCsv().lines().count());
    assertEquals(r.extremes().hessianVectorProducts() + 30 + r.hutchPlusPlus().hessianVectorProducts() + d.hessianVectorProducts(),
        r.hessianVectorProducts());
  }
}

package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.MlpObjective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stochastic Lanczos quadrature against dense eigenvalue counts. */
class SpectralDensityTest {

  /**
   * Tolerance of the trapezoidal integral of the density over its grid: the tails beyond 6 sigma
   * hold &lt; 2e-9 of the mass and the trapezoid rule on a grid finer than 0.2 sigma is accurate to
   * far below that for Gaussians; 1e-6 leaves margin for summation round-off.
   */
  static final double INTEGRAL_TOL = 1e-6;

  static double trapezoid(double[] x, double[] y) {
    double s = 0;
    for (int i = 1; i < x.length; i++) s += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
    return s;
  }

  /**
   * The probe-noise bound for the mass of an interval holding s of the n eigenvalues when the
   * quadrature is exact (m &gt;= n): each probe's mass is z^T P_S z / n with z Rademacher, whose
   * variance is 2 sum_{i != j} (P_S)_ij^2 / n^2 &lt;= 2 s / n^2; the mean of L probes has standard
   * deviation at most sqrt(2 s / L) / n. We allow 4 of these (a 4-sigma band).
   */
  static double massTolerance(int s, int n, int probes) {
    return 4.0 * Math.sqrt(2.0 * Math.max(s, 1) / probes) / n;
  }

  static int count(double[] e, double a, double b) {
    int c = 0;
    for (double v : e) if (v >= a && v <= b) c++;
    return c;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void clusteredSpectrumMassesMatchDenseCounts(long seed) {
    int n = 40;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = i < 10 ? -1.0 + 0.01 * i : (i < 30 ? 2.0 + 0.02 * i : 10.0 + 0.1 * i);
    SymmetricOperator a = SymmetricOperator.dense(Matrices.withSpectrum(lambda, seed), n);
    SpectralDensity.Options o = SpectralDensity.Options.defaults().withSteps(n).withSeed(seed);
    SpectralDensity.Result r = SpectralDensity.compute(a, o);
    assertEquals(SpectralDensity.Status.CONVERGED, r.status());
    assertEquals(10L * n, r.hessianVectorProducts());
    double[][] intervals = {{-2, 0}, {1, 5}, {9, 20}, {-2, 5}};
    for (double[] iv : intervals) {
      int s = count(lambda, iv[0], iv[1]);
      assertEquals((double) s / n, r.mass(iv[0], iv[1]), massTolerance(s, n, o.probes()), "seed " + seed + " interval " + iv[0] + ".." + iv[1]);
    }
    assertEquals(1.0, r.mass(-100, 100), 1e-12);
    assertEquals(1.0, trapezoid(r.grid(), r.densityOnGrid()), INTEGRAL_TOL);
    // m = n: every node is an eigenvalue (to 1e-9 relative to ||A||, Lanczos round-off).
    for (SpectralDensity.Quadrature q : r.quadratures()) {
      double wsum = 0;
      for (int i = 0; i < q.nodes().length; i++) {
        wsum += q.weights()[i];
        double nearest = Double.POSITIVE_INFINITY;
        for (double l : lambda) nearest = Math.min(nearest, Math.abs(l - q.nodes()[i]));
        assertTrue(nearest <= 1e-9 * 14, "node " + q.nodes()[i] + " is " + nearest + " from the spectrum");
      }
      assertEquals(1.0, wsum, 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void mlpHessianMassesMatchDenseCounts(long seed) {
    MlpObjective f = Matrices.mlp(Activation.TANH, 3, 6, 2, 30, 0.0, seed);
    int p = f.dimension();
    double[] w = Initializer.normal(0.8).initialize(f.model(), seed + 50);
    double[] h = new double[p * p];
    f.hessian(w, h);
    double[] e = DenseSpectrum.eigenvalues(h, p);
    SpectralDensity.Options o = SpectralDensity.Options.defaults().withSteps(p).withSeed(seed);
    SpectralDensity.Result r = SpectralDensity.compute(SymmetricOperator.hessian(f, w), o);
    double mid = 0.5 * (e[0] + e[p - 1]);
    double[][] intervals = {{e[0] - 1, 0}, {0, mid}, {mid, e[p - 1] + 1}};
    for (double[] iv : intervals) {
      int s = count(e, iv[0], iv[1]);
      assertEquals((double) s / p, r.mass(iv[0], iv[1]), massTolerance(s, p, o.probes()), "seed " + seed + " interval " + iv[0] + ".." + iv[1]);
    }
    assertEquals(1.0, trapezoid(r.grid(), r.densityOnGrid()), INTEGRAL_TOL);
  }

  /**
   * m &lt; n, the regime SLQ is for: three tight clusters separated by wide gaps, 25 steps for 300
   * eigenvalues. The Gauss rule's distribution function interlaces with the probe's true one
   * (Chebyshev-Markov-Stieltjes inequalities; Golub &amp; Meurant 2010, Sec. 6.2), so at a cut point in
   * a gap the two differ by at most the weight of the one node that may sit in the gap; such Ritz
   * values carry little weight when the clusters are tight. We allow the probe-noise bound plus 0.02
   * for that node.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void fewStepsResolveSeparatedClusters(long seed) {
    int n = 300;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = i < 150 ? 0.001 * (i % 17) : (i < 270 ? 3.0 + 0.002 * (i % 23) : 20.0 + 0.01 * (i % 7));
    SymmetricOperator a = SymmetricOperator.dense(Matrices.withSpectrum(lambda, seed), n);
    SpectralDensity.Options o = SpectralDensity.Options.defaults().withSteps(25).withSeed(seed);
    SpectralDensity.Result r = SpectralDensity.compute(a, o);
    double[][] intervals = {{-1, 1.5}, {1.5, 10}, {10, 30}};
    for (double[] iv : intervals) {
      int s = count(lambda, iv[0], iv[1]);
      assertEquals((double) s / n, r.mass(iv[0], iv[1]), massTolerance(s, n, o.probes()) + 0.02, "seed " + seed + " interval " + iv[0] + ".." + iv[1]);
    }
    assertEquals(1.0, trapezoid(r.grid(), r.densityOnGrid()), INTEGRAL_TOL);
  }

  @Test
  void integratesToOneWithFewSteps() {
    int n = 200;
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = Math.exp(-0.05 * i) * Math.cos(0.3 * i);
    SymmetricOperator a = SymmetricOperator.dense(Matrices.withSpectrum(lambda, 3), n);
    SpectralDensity.Result r = SpectralDensity.compute(a, SpectralDensity.Options.defaults().withSteps(30));
    assertEquals(1.0, trapezoid(r.grid(), r.densityOnGrid()), INTEGRAL_TOL);
    assertEquals((r.upper() - r.lower()) / 30, r.sigma(), 1e-15 * r.upper());
  }

  /**
   * The Gauss rule with first-component weights integrates f(x) = x exactly for any m, so the SLQ
   * trace equals Hutchinson's on the same Rademacher probes (to round-off, 1e-10 relative). Weights
   * taken from another component (PyHessian issue 17) fail this.
   */
  @Test
  void slqTraceOfIdentityEqualsHutchinsonOnTheSameProbes() {
    int n = 80;
    SymmetricOperator a = SymmetricOperator.dense(Matrices.randomSymmetric(n, 21), n);
    SpectralDensity.Result r = SpectralDensity.compute(a, SpectralDensity.Options.defaults().withSteps(7).withSeed(8));
    TraceEstimator.Result h = TraceEstimator.hutchinson(a, 10, 8);
    assertEquals(h.estimate(), r.traceOf(x -> x), 1e-10 * Matrices.frobenius(Matrices.randomSymmetric(n, 21)) * n);
  }

  @Test
  void nonFiniteOperatorBreaksDown() {
    SymmetricOperator nan = new SymmetricOperator() {
      @Override
      public int dimension() {
        return 6;
      }

      @Override
      public void apply(double[] v, double[] out) {
        java.util.Arrays.fill(out, Double.NaN);
      }
    };
    SpectralDensity.Result r = SpectralDensity.compute(nan, SpectralDensity.Options.defaults());
    assertEquals(SpectralDensity.Status.BREAKDOWN, r.status());
    assertTrue(Double.isNaN(r.mass(-1, 1)));
  }
}

package basin.landscape.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.MlpObjective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hutchinson and Hutch++ against exact traces. */
class TraceEstimatorTest {

  /**
   * Estimates must be within this many standard errors of the exact trace: a 3-sigma band, which a
   * correct unbiased estimator with the reported error misses for about 0.3% of seeds; the seeds are
   * fixed, so a pass is reproducible.
   */
  static final double SIGMAS = 3.0;

  static double[] spectrum(int n) {
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = 1.0 / (1 + i) - 0.05 + 0.3 * Math.cos(i);
    return lambda;
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void hutchinsonWithinThreeStandardErrors(long seed) {
    int n = 50;
    double[] lambda = spectrum(n);
    SymmetricOperator a = SymmetricOperator.dense(Matrices.withSpectrum(lambda, seed), n);
    TraceEstimator.Result r = TraceEstimator.hutchinson(a, 60, seed);
    assertEquals(60, r.hessianVectorProducts());
    assertTrue(r.standardError() > 0);
    assertEquals(sum(lambda), r.estimate(), SIGMAS * r.standardError(), "seed " + seed + ": " + r);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void hutchPlusPlusWithinThreeStandardErrors(long seed) {
    int n = 50;
    // A few dominant eigenvalues: where Hutch++ helps.
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = i < 5 ? 100.0 / (1 + i) : 0.1 * Math.sin(i);
    SymmetricOperator a = SymmetricOperator.dense(Matrices.withSpectrum(lambda, seed), n);
    TraceEstimator.Result r = TraceEstimator.hutchPlusPlus(a, 30, seed);
    assertEquals(30, r.hessianVectorProducts());
    assertEquals(sum(lambda), r.estimate(), SIGMAS * r.standardError(), "seed " + seed + ": " + r);
    TraceEstimator.Result h = TraceEstimator.hutchinson(a, 30, seed);
    assertTrue(r.standardError() < h.standardError(), "Hutch++ error " + r.standardError() + " vs Hutchinson " + h.standardError());
  }

  @Test
  void hutchPlusPlusIsExactForLowRank() {
    int n = 40;
    double[] lambda = new double[n];
    for (int i = 0; i < 4; i++) lambda[i] = 1.0 + i;
    SymmetricOperator a = SymmetricOperator.dense(Matrices.withSpectrum(lambda, 9), n);
    TraceEstimator.Result r = TraceEstimator.hutchPlusPlus(a, 18, 3);
    // Rank 4 <= 6 sketch columns: Q spans range(A), the deflated remainder is round-off (1e-12 absolute).
    assertEquals(10.0, r.estimate(), 1e-12);
  }

  @Test
  void hutchinsonOnMlpHessian() {
    MlpObjective f = Matrices.mlp(Activation.SOFTPLUS, 3, 5, 2, 25, 0.01, 11);
    int p = f.dimension();
    double[] w = Initializer.normal(0.8).initialize(f.model(), 12);
    double[] h = new double[p * p];
    f.hessian(w, h);
    double exact = 0;
    for (int i = 0; i < p; i++) exact += h[i * p + i];
    double frob2 = 0;
    for (double v : h) frob2 += v * v;
    TraceEstimator.Moments m = TraceEstimator.hutchinsonMoments(SymmetricOperator.hessian(f, w), 80, 13);
    TraceEstimator.MeanAndError tr = TraceEstimator.MeanAndError.of(m.quadratic());
    TraceEstimator.MeanAndError fr = TraceEstimator.MeanAndError.of(m.squaredNorm());
    assertEquals(exact, tr.mean(), SIGMAS * tr.standardError());
    assertEquals(frob2, fr.mean(), SIGMAS * fr.standardError());
    for (double d : m.domainNorm()) assertEquals(p, d, 0.0); // ||z||^2 = P exactly for Rademacher on all of R^P
  }

  @Test
  void probeIDoesNotDependOnTheProbeCount() {
    SymmetricOperator a = SymmetricOperator.dense(Matrices.randomSymmetric(20, 4), 20);
    double[] five = TraceEstimator.hutchinsonMoments(a, 5, 77).quadratic();
    double[] ten = TraceEstimator.hutchinsonMoments(a, 10, 77).quadratic();
    for (int i = 0; i < 5; i++) assertEquals(Double.doubleToLongBits(five[i]), Double.doubleToLongBits(ten[i]));
  }
}

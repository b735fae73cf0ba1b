package basin.core.optim;

import basin.core.linalg.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.StochasticObjective;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test objectives' derivatives are right (else the optimizer tests prove nothing): gradient
 * along seeded random directions and Hessian-vector products against central differences.
 */
class TestObjectivesTest {

  /**
   * Relative error of a central difference with h = 1e-5: truncation h^2 f''' ~ 1e-10, round-off
   * eps |f| / h ~ 1e-11 relative to the derivative for these O(1)-O(100) objectives; 1e-6 leaves margin.
   */
  static final double FD_TOLERANCE = 1e-6;
  static final double STEP = 1e-5;

  static Stream<Arguments> objectives() {
    return Stream.of(
        Arguments.of("quadratic", new TestObjectives.Quadratic(6, 100, 3.0, 11)),
        Arguments.of("least squares", new TestObjectives.LeastSquares(20, 5, 12)),
        Arguments.of("rosenbrock", new TestObjectives.Rosenbrock(5)),
        Arguments.of("logistic", new TestObjectives.LogisticRegression(30, 4, 0.1, 13)),
        Arguments.of("saddle", new TestObjectives.Saddle(1.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectives")
  void derivativesMatchCentralDifferences(String name, Objective f) {
    long seed = 20240501L;
    Random r = new Random(seed);
    int p = f.dimension();
    for (int trial = 0; trial < 5; trial++) {
      double[] w = gaussian(r, p, 0.7);
      double[] v = gaussian(r, p, 1.0);
      double[] g = new double[p];
      double value = f.valueAndGradient(w, g);
      assertEquals(f.value(w), value, 1e-14 * Math.max(1, Math.abs(value)), name + " value vs valueAndGradient");
      double directional = Vectors.dot(g, v);
      double fd = (f.value(shift(w, v, STEP)) - f.value(shift(w, v, -STEP))) / (2 * STEP);
      assertEquals(fd, directional, FD_TOLERANCE * Math.max(1, Math.abs(fd)), name + " directional derivative, seed " + seed + " trial " + trial);
      double[] hv = new double[p];
      f.hessianVectorProduct(w, v, hv);
      double[] gPlus = new double[p];
      double[] gMinus = new double[p];
      f.valueAndGradient(shift(w, v, STEP), gPlus);
      f.valueAndGradient(shift(w, v, -STEP), gMinus);
      for (int i = 0; i < p; i++) {
        double fdi = (gPlus[i] - gMinus[i]) / (2 * STEP);
        assertEquals(fdi, hv[i], FD_TOLERANCE * Math.max(1, Math.abs(fdi)), name + " Hv[" + i + "], seed " + seed + " trial " + trial);
      }
    }
  }

  /** The full batch as a minibatch gives the full objective (to summation round-off, 1e-14 relative). */
  @Test
  void fullMinibatchIsFullObjective() {
    for (StochasticObjective f : List.<StochasticObjective>of(new TestObjectives.LeastSquares(20, 5, 12),
        new TestObjectives.LogisticRegression(30, 4, 0.1, 13))) {
      int n = f.exampleCount();
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      double[] w = gaussian(new Random(5), f.dimension(), 1.0);
      double[] g = new double[f.dimension()];
      double[] gb = new double[f.dimension()];
      double v = f.valueAndGradient(w, g);
      double vb = f.valueAndGradient(w, gb, all, n);
      assertEquals(v, vb, 1e-14 * Math.abs(v));
      for (int i = 0; i < g.length; i++) assertEquals(g[i], gb[i], 1e-14 * Math.max(1, Math.abs(g[i])));
    }
  }

  @Test
  void leastSquaresMinimizerHasZeroGradient() {
    TestObjectives.LeastSquares f = new TestObjectives.LeastSquares(40, 6, 3);
    double[] g = new double[6];
    assertEquals(0.0, f.valueAndGradient(f.minimizer, g), 1e-28);
    assertTrue(Vectors.norm(g) <= 1e-14);
  }

  static double[] gaussian(Random r, int p, double scale) {
    double[] w = new double[p];
    for (int i = 0; i < p; i++) w[i] = scale * r.nextGaussian();
    return w;
  }

  static double[] shift(double[] w, double[] v, double h) {
    double[] out = w.clone();
    for (int i = 0; i < out.length; i++) out[i] += h * v[i];
    return out;
  }
}

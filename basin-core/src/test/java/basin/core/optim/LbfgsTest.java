package basin.core.optim;

import basin.core.linalg.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.optim.OptimizationResult.Status;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** L-BFGS reaches gradient norms of 1e-10 on smooth problems, including where values are round-off. */
class LbfgsTest {

  /** The precision the brief demands of L-BFGS on smooth problems. */
  static final double TIGHT_GRADIENT = 1e-10;
  /**
   * Rosenbrock's Hessian at (1, ..., 1) has smallest eigenvalue 0.3994 (n = 2) and 0.497 to 0.499
   * (n = 5, 10, 30) (numpy 2.4.6 linalg.eigvalsh of the tridiagonal Hessian), so ||x - 1|| &lt;= ||g|| /
   * lambda_min &lt;= 2.6e-10; 1e-9 leaves a factor 4 for round-off in g.
   */
  static final double ROSENBROCK_POINT_TOLERANCE = 1e-9;
  /** The quadratics have lambda_min = 1 by construction: ||x - x*|| &lt;= ||g|| = 1e-10, times 10 for round-off in g. */
  static final double QUADRATIC_POINT_TOLERANCE = 1e-9;

  static final Lbfgs TIGHT = new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(TIGHT_GRADIENT));

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {2, 5, 10, 30})
  void rosenbrockToGradientNorm1eMinus10(int n) {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(n);
    OptimizationResult r = TIGHT.minimize(f, f.standardStart());
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= TIGHT_GRADIENT, r.toString());
    for (int i = 0; i < n; i++) {
      assertEquals(1.0, r.point()[i], ROSENBROCK_POINT_TOLERANCE, "coordinate " + i);
    }
  }

  static Stream<Arguments> quadratics() {
    return Stream.of(0.0, 1e6).flatMap(offset -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(offset, seed)));
  }

  /**
   * Random SPD quadratics, n = 40, condition 1e3. With offset 1e6 the values near x* differ only in
   * round-off, so only the derivative-based tests of the line search can make progress.
   */
  @ParameterizedTest(name = "offset {0}, seed {1}")
  @MethodSource("quadratics")
  void quadraticToGradientNorm1eMinus10(double offset, long seed) {
    TestObjectives.Quadratic f = new TestObjectives.Quadratic(40, 1e3, offset, seed);
    OptimizationResult r = TIGHT.minimize(f, new double[40]);
    assertEquals(Status.CONVERGED, r.status(), "seed " + seed + ": " + r);
    assertTrue(r.gradientNorm() <= TIGHT_GRADIENT, r.toString());
    double distance = OptimizerContractTest.distance(r.point(), f.minimizer);
    assertTrue(distance <= QUADRATIC_POINT_TOLERANCE, "seed " + seed + ": distance " + distance);
  }

  /**
   * Regression guard for the round-off handling: a purely value-based line search (valueRoundoff =
   * 0) stops far above 1e-10 on this quadratic (f* = -1.6e4, so f has round-off ~1e-12 while f - f*
   * at ||g|| = 1e-5 is ~1e-10 spread over ~30 trial steps), the default does not.
   */
  @Test
  void roundoffAwareLineSearchIsWhatReachesTightTolerances() {
    TestObjectives.Quadratic f = new TestObjectives.Quadratic(40, 1e3, 0.0, 1);
    Lbfgs valueBased = new Lbfgs(TIGHT.config().withValueRoundoff(0.0));
    OptimizationResult plain = valueBased.minimize(f, new double[40]);
    assertNotEquals(Status.CONVERGED, plain.status(), plain.toString());
    assertTrue(plain.gradientNorm() > 1e3 * TIGHT_GRADIENT, plain.toString());
    assertEquals(Status.CONVERGED, TIGHT.minimize(f, new double[40]).status());
  }

  @Test
  void logisticRegressionToGradientNorm1eMinus10() {
    TestObjectives.LogisticRegression f = new TestObjectives.LogisticRegression(200, 10, 1e-2, 9);
    OptimizationResult r = TIGHT.minimize(f, new double[10]);
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= TIGHT_GRADIENT, r.toString());
    assertTrue(r.iterations() <= 40, "L-BFGS needs few iterations on a well-conditioned convex problem: " + r);
  }

  /** m = 1 is a valid (if slow) memory: still converges to 1e-10. */
  @Test
  void memoryOneConverges() {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(5);
    OptimizationResult r = new Lbfgs(TIGHT.config().withMemory(1)).minimize(f, f.standardStart());
    assertEquals(Status.CONVERGED, r.status(), r.toString());
  }

  /** Starting at the minimizer: zero iterations, one gradient evaluation. */
  @Test
  void startAtTheMinimizerCostsOneGradient() {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(4);
    OptimizationResult r = TIGHT.minimize(f, new double[] {1, 1, 1, 1});
    assertEquals(Status.CONVERGED, r.status());
    assertEquals(0, r.iterations());
    assertEquals(1, r.gradientEvaluations());
    assertEquals(0.0, r.value(), 0.0);
  }

  /** Cubic interpolation (N&amp;W eq. 3.59) recovers the minimizer of a cubic exactly (to 1e-12). */
  @Test
  void cubicInterpolationIsExactOnCubics() {
    // phi(a) = (a - 0.3)^2 (a + 2) has a local minimizer at 0.3.
    double a = -0.5;
    double b = 1.7;
    double fa = phi(a);
    double fb = phi(b);
    double c = StrongWolfeLineSearch.cubicMinimizer(a, fa, dphi(a), b, fb, dphi(b));
    assertEquals(0.3, c, 1e-12);
    assertEquals(0.3, StrongWolfeLineSearch.cubicMinimizer(b, fb, dphi(b), a, fa, dphi(a)), 1e-12);
  }

  private static double phi(double a) {
    return (a - 0.3) * (a - 0.3) * (a + 2);
  }

  private static double dphi(double a) {
    return 2 * (a - 0.3) * (a + 2) + (a - 0.3) * (a - 0.3);
  }

  /** Every accepted Wolfe step satisfies both strong Wolfe conditions (checked with c1 = 1e-4, c2 = 0.9). */
  @ParameterizedTest(name = "initial step {0}")
  @ValueSource(doubles = {1e-6, 1e-2, 1.0, 30.0, 1e4})
  void acceptedStepsSatisfyStrongWolfe(double initialStep) {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(2);
    CountedObjective counted = new CountedObjective(f);
    double c1 = 1e-4;
    double c2 = 0.9;
    StrongWolfeLineSearch search = new StrongWolfeLineSearch(counted, c1, c2, 1e-10, 0.0, 50);
    double[] x = {-1.2, 1.0};
    double[] g = new double[2];
    double f0 = f.valueAndGradient(x, g);
    double[] d = {-g[0], -g[1]};
    double slope0 = Vectors.dot(g, d);
    StrongWolfeLineSearch.Outcome outcome = search.search(x, f0, d, slope0, initialStep);
    assertEquals(StrongWolfeLineSearch.Outcome.WOLFE, outcome);
    double a = search.acceptedStep();
    double[] gNew = new double[2];
    double fNew = f.valueAndGradient(new double[] {x[0] + a * d[0], x[1] + a * d[1]}, gNew);
    assertEquals(fNew, search.acceptedValue(), 0.0);
    assertTrue(fNew <= f0 + c1 * a * slope0, "sufficient decrease");
    assertTrue(Math.abs(Vectors.dot(gNew, d)) <= c2 * Math.abs(slope0), "curvature");
    assertEquals(search.evaluations(), counted.gradientEvaluations());
  }
}

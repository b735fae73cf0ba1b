package basin.core.optim;

import basin.core.linalg.Vectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.optim.OptimizationResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract, every optimizer (in the manner of EJML's shared decomposition checks): convergence
 * to a known minimizer, exact evaluation counts, start not modified, DIVERGED on NaN, trajectory
 * bookkeeping, thread safety, interruption, argument checks.
 *
 * <p>The common problem is consistent least squares (n = 64 examples, d = 8, seed 42): a convex
 * quadratic with known minimizer w* at which every example's residual is zero, so minibatch SGD
 * converges as well. Its Hessian A'A/n has eigenvalues in about [(1 - sqrt(d/n))^2, (1 +
 * sqrt(d/n))^2] = [0.42, 1.83] (Marchenko-Pastur), which bounds the step sizes chosen below.
 */
class OptimizerContractTest {

  /** Gradient tolerance every optimizer is configured with here. */
  static final double GRADIENT_TOLERANCE = 1e-8;
  /**
   * ||x - w*|| &lt;= ||g|| / lambda_min; with lambda_min ~ 0.42 a 1e-8 gradient means ~2.4e-8; 1e-6
   * allows lambda_min down to 0.01.
   */
  static final double POINT_TOLERANCE = 1e-6;

  record Case(String name, Optimizer optimizer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    double tol = GRADIENT_TOLERANCE;
    return Stream.of(
        new Case("gradient descent, fixed step", new GradientDescent(GradientDescent.Config.defaults()
            .withStepRule(GradientDescent.StepRule.FIXED).withStepSize(0.5).withGradientTolerance(tol))),
        new Case("gradient descent, Armijo", new GradientDescent(GradientDescent.Config.defaults().withGradientTolerance(tol))),
        new Case("heavy ball", new Momentum(Momentum.Config.defaults().withLearningRate(0.2).withMomentum(0.5).withGradientTolerance(tol))),
        new Case("Nesterov", new Momentum(Momentum.Config.defaults().withVariant(Momentum.Variant.NESTEROV)
            .withLearningRate(0.2).withMomentum(0.5).withGradientTolerance(tol))),
        new Case("Adam", new Adam(Adam.Config.defaults().withLearningRate(0.01).withGradientTolerance(tol).withMaxIterations(50_000))),
        new Case("minibatch SGD", new MinibatchSgd(MinibatchSgd.Config.defaults(7).withBatchSize(8).withLearningRate(0.05)
            .withMomentum(0.5).withMaxEpochs(2000).withGradientTolerance(tol))),
        new Case("L-BFGS", new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(tol))),
        new Case("Newton trust region", new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(tol))),
        new Case("Newton-MR", new NewtonMr(NewtonMr.Config.defaults().withGradientTolerance(tol))),
        new Case("chain Adam -> L-BFGS", OptimizerChain.of(
            new Adam(Adam.Config.defaults().withLearningRate(0.05).withMaxIterations(50)),
            new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(tol)))));
  }

  static TestObjectives.LeastSquares problem() {
    return new TestObjectives.LeastSquares(64, 8, 42);
  }

  static double[] start(int d) {
    double[] x = new double[d];
    for (int i = 0; i < d; i++) x[i] = 1.0 - 0.25 * i;
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convergesToTheKnownMinimizer(Case c) {
    TestObjectives.LeastSquares f = problem();
    double[] x0 = start(f.d);
    OptimizationResult r = c.optimizer().minimize(f, x0);
    assertEquals(Status.CONVERGED, r.status(), c + ": " + r);
    assertTrue(r.gradientNorm() <= GRADIENT_TOLERANCE, c + ": " + r);
    double distance = distance(r.point(), f.minimizer);
    assertTrue(distance <= POINT_TOLERANCE, c + ": distance to minimizer " + distance);
    double[] g = new double[f.d];
    assertEquals(f.valueAndGradient(r.point(), g), r.value(), 0.0, c + ": value reported for point");
    assertEquals(Vectors.norm(g), r.gradientNorm(), 1e-12 * GRADIENT_TOLERANCE + 1e-300, c + ": gradient norm reported for point");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void countsEveryEvaluationExactly(Case c) {
    // Once on the convex problem, once on a run that ends DIVERGED (extra evaluations on that path).
    assertCountsExact(c, TestObjectives.Counting.of(problem()), start(8));
    assertCountsExact(c, TestObjectives.Counting.of(new TestObjectives.NanWall(3, 16, 2.0)), new double[] {0.0, 0.5, -0.5});
  }

  private static void assertCountsExact(Case c, TestObjectives.Counting counted, double[] x0) {
    OptimizationResult r = c.optimizer().minimize(counted, x0);
    assertEquals(counted.values, r.valueEvaluations(), c + " values");
    assertEquals(counted.gradients, r.gradientEvaluations(), c + " gradients");
    assertEquals(counted.products, r.hessianVectorProducts(), c + " Hessian-vector products");
    long minibatches = counted instanceof TestObjectives.CountingStochastic s ? s.minibatches : 0;
    assertEquals(minibatches, r.minibatchGradientEvaluations(), c + " minibatch gradients");
    assertTrue(r.gradientEvaluations() + r.minibatchGradientEvaluations() >= r.iterations(), c + ": at least one gradient per iteration");
    if (!r.stages().isEmpty()) {
      long sum = r.stages().stream().mapToLong(OptimizationResult::gradientEvaluations).sum();
      assertEquals(sum, r.gradientEvaluations(), c + " chain sums stage counts");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void leavesTheStartPointUnchanged(Case c) {
    double[] x0 = start(8);
    double[] copy = x0.clone();
    OptimizationResult r = c.optimizer().minimize(problem(), x0);
    assertArrayEquals(copy, x0, 0.0);
    assertTrue(r.point() != x0, c + ": result must not alias the start");
  }

  /**
   * A function that is NaN beyond x_0 = 2 while decreasing towards it: every method must end
   * DIVERGED (never throw) and keep a finite point on the finite side, with its finite value.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsDivergenceOnNanWithTheLastFinitePoint(Case c) {
    TestObjectives.NanWall f = new TestObjectives.NanWall(3, 16, 2.0);
    OptimizationResult r = c.optimizer().minimize(f, new double[] {0.0, 0.5, -0.5});
    assertEquals(Status.DIVERGED, r.status(), c + ": " + r);
    assertTrue(r.point()[0] <= f.wall, c + ": point beyond the wall " + r.point()[0]);
    assertTrue(Double.isFinite(r.value()) && Double.isFinite(r.gradientNorm()), c + ": " + r);
    assertEquals(f.value(r.point()), r.value(), 0.0, c + ": value reported for point");
  }

  /** A start where the objective is NaN: DIVERGED at once, no iterations, the start reported. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsANonFiniteStartAsDiverged(Case c) {
    TestObjectives.NanWall f = new TestObjectives.NanWall(3, 16, 2.0);
    OptimizationResult r = c.optimizer().minimize(f, new double[] {5.0, 0.0, 0.0});
    assertEquals(Status.DIVERGED, r.status(), c.name());
    assertEquals(0, r.iterations(), c.name());
    assertArrayEquals(new double[] {5.0, 0.0, 0.0}, r.point(), 0.0);
    assertTrue(Double.isNaN(r.value()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void recordsTheTrajectoryAtTheChosenIterations(Case c) {
    TestObjectives.LeastSquares f = problem();
    TestObjectives.LeastSquares test = new TestObjectives.LeastSquares(32, 8, 43);
    int interval = 3;
    double[] x0 = start(8);
    OptimizationResult r = c.optimizer().minimize(f, x0, TrajectoryOptions.every(interval).withTest(test));
    Trajectory t = r.trajectory();
    assertNotNull(t, c.name());
    assertTrue(t.hasTestLoss());
    List<Trajectory.Row> rows = t.rows();
    assertEquals(0, rows.get(0).iteration(), c + " first row");
    assertEquals(f.value(x0), rows.get(0).trainLoss(), 0.0, c + " first train loss");
    assertEquals(test.value(x0), rows.get(0).testLoss(), 0.0, c + " first test loss");
    Trajectory.Row last = t.last();
    assertEquals(r.iterations(), last.iteration(), c + " last row is the final iterate");
    assertEquals(r.value(), last.trainLoss(), 0.0, c.name());
    assertEquals(r.gradientNorm(), last.gradientNorm(), 0.0, c.name());
    assertEquals(test.value(r.point()), last.testLoss(), 0.0, c.name());
    if (r.stages().isEmpty()) {
      for (int i = 1; i < rows.size() - 1; i++) {
        assertEquals(0, rows.get(i).iteration() % interval, c + " row " + i);
      }
      long expected = r.iterations() / interval + 1 + (r.iterations() % interval == 0 ? 0 : 1);
      assertEquals(expected, rows.size(), c + " number of rows");
    }
    assertNull(c.optimizer().minimize(f, x0).trajectory(), c + ": no options, no trajectory");
  }

  /** One optimizer instance, four threads at once: bit-identical to the sequential run. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isSafeToShareAcrossThreads(Case c) throws Exception {
    TestObjectives.LeastSquares f = problem();
    OptimizationResult sequential = c.optimizer().minimize(f, start(8));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<OptimizationResult>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> c.optimizer().minimize(f.copy(), start(8))));
      }
      for (Future<OptimizationResult> future : futures) {
        OptimizationResult r = future.get();
        assertEquals(sequential.status(), r.status());
        assertEquals(sequential.iterations(), r.iterations());
        assertEquals(sequential.gradientEvaluations(), r.gradientEvaluations());
        assertArrayEquals(sequential.point(), r.point(), 0.0, c.name());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stopsWhenInterrupted(Case c) {
    Thread.currentThread().interrupt();
    OptimizationResult r;
    try {
      r = c.optimizer().minimize(problem(), start(8));
    } finally {
      Thread.interrupted();
    }
    assertEquals(Status.INTERRUPTED, r.status(), c.name());
    assertEquals(0, r.iterations(), c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsBadArguments(Case c) {
    assertThrows(IllegalArgumentException.class, () -> c.optimizer().minimize(problem(), new double[3]));
    assertThrows(IllegalArgumentException.class, () -> c.optimizer().minimize(null, new double[8]));
    assertThrows(IllegalArgumentException.class, () -> c.optimizer().minimize(problem(), null));
    assertThrows(IllegalArgumentException.class, () -> c.optimizer().minimize(problem(), new double[8],
        TrajectoryOptions.every(1).withTest(new TestObjectives.Rosenbrock(3))));
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return Math.sqrt(s);
  }
}

package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Newton-CG trust region: polishing to 1e-10 in few iterations, escaping saddles. */
class NewtonTrustRegionTest {

  static final double TIGHT_GRADIENT = 1e-10;
  /**
   * From ||g|| &lt;= 1e-5 the forcing term min(0.5, sqrt(||g||)) gives ||g_{k+1}|| ~ ||g_k||^1.5:
   * 1e-5, 3e-8, 5e-12, so three iterations suffice near a non-degenerate minimizer; one more for slack.
   */
  static final int POLISH_ITERATIONS = 4;

  static Stream<Arguments> smoothProblems() {
    TestObjectives.Rosenbrock r2 = new TestObjectives.Rosenbrock(2);
    TestObjectives.Rosenbrock r10 = new TestObjectives.Rosenbrock(10);
    TestObjectives.Rosenbrock r30 = new TestObjectives.Rosenbrock(30);
    return Stream.of(
        Arguments.of("Rosenbrock 2", r2, r2.standardStart()),
        Arguments.of("Rosenbrock 10", r10, r10.standardStart()),
        Arguments.of("Rosenbrock 30", r30, r30.standardStart()),
        Arguments.of("logistic regression", new TestObjectives.LogisticRegression(200, 10, 1e-2, 9), new double[10]),
        Arguments.of("quadratic, f* = 1e6", new TestObjectives.Quadratic(40, 1e3, 1e6, 4), new double[40]));
  }

  /** L-BFGS to 1e-5, then Newton-TR to 1e-10 in at most {@link #POLISH_ITERATIONS} iterations. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smoothProblems")
  void polishesAfterLbfgs(String name, Objective f, double[] start) {
    OptimizerChain chain = OptimizerChain.of(
        new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-5)),
        new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(TIGHT_GRADIENT)));
    OptimizationResult r = chain.minimize(f, start);
    OptimizationResult polish = r.stages().get(1);
    assertEquals(Status.CONVERGED, r.status(), name + ": " + r);
    assertTrue(r.gradientNorm() <= TIGHT_GRADIENT, name + ": " + r);
    assertTrue(polish.iterations() <= POLISH_ITERATIONS, name + ": polish took " + polish);
    assertEquals(polish.gradientEvaluations(), polish.iterations() + 1, name + ": one gradient per iteration, no rejections");
  }

  /**
   * From scratch on a quadratic with condition 1e3 the radius must first grow from 1 to the
   * distance of the minimizer (~6); then Newton steps solve it. 25 iterations bound both phases.
   */
  @Test
  void solvesAQuadraticFromScratch() {
    TestObjectives.Quadratic f = new TestObjectives.Quadratic(40, 1e3, 0.0, 2);
    OptimizationResult r = new NewtonTrustRegion(NewtonTrustRegion.Config.defaults()).minimize(f, new double[40]);
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.iterations() <= 25, r.toString());
    assertTrue(OptimizerContractTest.distance(r.point(), f.minimizer) <= 1e-9, r.toString());
  }

  /**
   * f = x^2 - y^2 + y^4/2 from (0.3, 1e-3), next to the saddle at the origin. Pure Newton would step
   * to the saddle (the y-component of the Newton step is -y); the truncated CG finds the negative
   * curvature and the run ends at the minimizer (0, 1) on the side of the start, with positive
   * curvature there (H = diag(2, 4)).
   */
  @Test
  void escapesTheSaddleToTheMinimizer() {
    TestObjectives.Saddle f = new TestObjectives.Saddle(1.0);
    NewtonTrustRegion ntr = new NewtonTrustRegion(NewtonTrustRegion.Config.defaults());
    for (double y0 : new double[] {1e-3, -1e-3}) {
      OptimizationResult r = ntr.minimize(f, new double[] {0.3, y0}, TrajectoryOptions.every(1));
      assertEquals(Status.CONVERGED, r.status(), r.toString());
      assertEquals(0.0, r.point()[0], 1e-10);
      assertEquals(Math.signum(y0), r.point()[1], 1e-10);
      assertEquals(-0.5, r.value(), 1e-15);
      double[] hv = new double[2];
      f.hessianVectorProduct(r.point(), new double[] {0, 1}, hv);
      assertEquals(4.0, hv[1], 1e-9, "curvature along y at the minimizer");
      assertTrue(r.iterations() <= 10, r.toString());
      List<Trajectory.Row> rows = r.trajectory().rows();
      for (int i = 1; i < rows.size(); i++) {
        assertTrue(rows.get(i).trainLoss() <= rows.get(i - 1).trainLoss(), "monotone decrease at row " + i);
      }
    }
  }

  /**
   * f = x^2 - y^2, unbounded below: Newton-TR must not stop at the saddle but run off along y with
   * radius doubling (Delta_0 = 1, so |y| &gt; 100 after 10 iterations), the value decreasing every
   * iteration.
   */
  @Test
  void leavesAnUnboundedSaddleAlongNegativeCurvature() {
    TestObjectives.Saddle f = new TestObjectives.Saddle(0.0);
    NewtonTrustRegion ntr = new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withMaxIterations(10));
    OptimizationResult r = ntr.minimize(f, new double[] {0.3, 1e-3}, TrajectoryOptions.every(1));
    assertNotEquals(Status.CONVERGED, r.status());
    assertTrue(Math.abs(r.point()[1]) > 100, r.toString());
    assertTrue(Math.abs(r.point()[0]) < 1e-6, "x goes to its minimum 0 meanwhile: " + r.point()[0]);
    List<Trajectory.Row> rows = r.trajectory().rows();
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).trainLoss() < rows.get(i - 1).trainLoss(), "strict decrease at row " + i);
    }
  }

  /** At a stationary point exactly (g = 0) only first-order stationarity is tested: CONVERGED, no work. */
  @Test
  void reportsAnExactSaddleAsStationary() {
    OptimizationResult r = new NewtonTrustRegion(NewtonTrustRegion.Config.defaults()).minimize(new TestObjectives.Saddle(1.0), new double[2]);
    assertEquals(Status.CONVERGED, r.status());
    assertEquals(0, r.hessianVectorProducts());
  }

  /** Hessian-vector products are counted exactly, also through a chain. */
  @Test
  void countsHessianVectorProducts() {
    TestObjectives.Counting f = TestObjectives.Counting.of(new TestObjectives.Rosenbrock(10));
    OptimizerChain chain = OptimizerChain.of(
        new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-3)),
        new NewtonTrustRegion(NewtonTrustRegion.Config.defaults()));
    OptimizationResult r = chain.minimize(f, new TestObjectives.Rosenbrock(10).standardStart());
    assertTrue(r.hessianVectorProducts() > 0);
    assertEquals(f.products, r.hessianVectorProducts());
    assertEquals(f.gradients, r.gradientEvaluations());
  }
}

package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trust region's Newton-MR finish: when value comparisons fail (f rounded irregularly at ~1e-11,
 * see {@link RoundingPolishTest.Cancelled}) the run goes on with Newton-MR steps to the gradient
 * tolerance, as one run: one status, counts and trajectory over both phases.
 */
class NewtonTrustRegionFinishTest {

  /** Rosenbrock 10 rounded irregularly. */
  static RoundingPolishTest.Cancelled problem() {
    return new RoundingPolishTest.Cancelled(new TestObjectives.Rosenbrock(10));
  }

  /**
   * The minimizer plus a seeded perturbation of norm 1e-6 (|g| ~ 1e-5): close enough that reductions
   * are comparable to the noise of f. (Probed seeds 17..20: three of four stall without the finish.)
   */
  static double[] start() {
    return perturbedMinimizer(1e-6, 18);
  }

  static double[] perturbedMinimizer(double distance, long seed) {
    double[] x = MinimumResidualTest.gaussian(10, seed);
    double scale = distance / Vectors.norm(x);
    for (int i = 0; i < 10; i++) x[i] = 1 + scale * x[i];
    return x;
  }

  /**
   * Without the finish the ratio test sees noise of ~1e-11 against reductions of ~|g|^2 and the
   * radius collapses: STALLED above the 1e-10 tolerance (the behaviour before the fix). With it:
   * CONVERGED, and the counts of the combined run are exact.
   */
  @Test
  void finishesWithNewtonMrWhereTheTrustRegionStalls() {
    NewtonTrustRegion.Config config = NewtonTrustRegion.Config.defaults();
    OptimizationResult stalled = new NewtonTrustRegion(config.withFinishWithNewtonMr(false)).minimize(problem(), start());
    assertEquals(Status.STALLED, stalled.status(), stalled.toString());
    assertTrue(stalled.gradientNorm() > config.gradientTolerance(), stalled.toString());

    TestObjectives.Counting counted = TestObjectives.Counting.of(problem());
    OptimizationResult r = new NewtonTrustRegion(config).minimize(counted, start(), TrajectoryOptions.every(1));
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= config.gradientTolerance(), r.toString());
    assertEquals(counted.gradients, r.gradientEvaluations());
    assertEquals(counted.products, r.hessianVectorProducts());
    assertEquals(counted.values, r.valueEvaluations());
    assertTrue(r.iterations() > stalled.iterations() - 1, "the finish starts where the trust region gave up: " + r);
    List<Trajectory.Row> rows = r.trajectory().rows();
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i, rows.get(i).iteration(), "one row per iteration across both phases");
    }
    assertEquals(r.gradientNorm(), r.trajectory().last().gradientNorm(), 0.0);
  }

  /** The iteration budget is shared by both phases. */
  @Test
  void sharesTheIterationBudget() {
    for (int budget : new int[] {1, 5, 20}) {
      NewtonTrustRegion ntr = new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withMaxIterations(budget).withGradientTolerance(0.0));
      OptimizationResult r = ntr.minimize(problem(), start());
      assertTrue(r.iterations() <= budget, budget + ": " + r);
    }
  }

  /**
   * f + 1e6 at distance 1e-6 of its minimizer: the Newton step predicts a decrease ~1e-11 below 4
   * ulp(1e6) = 4.7e-10 from the first iteration, so the trust region hands over at once (no trial evaluated by it) and
   * Newton-MR polishes: CONVERGED to 1e-12 with one gradient per iteration (no rejected trials).
   */
  @Test
  void handsOverWhenThePredictedReductionIsBelowTheResolutionOfF() {
    RoundingPolishTest.Shifted f = new RoundingPolishTest.Shifted(new TestObjectives.Rosenbrock(10));
    double[] x0 = perturbedMinimizer(1e-6, 17);
    OptimizationResult r = new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(1e-12)).minimize(f, x0);
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= 1e-12, r.toString());
    assertEquals(r.iterations() + 1, r.gradientEvaluations(), r.toString());
  }
}

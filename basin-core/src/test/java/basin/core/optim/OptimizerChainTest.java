package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.optim.OptimizationResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chain bookkeeping: sums, stage results, continued trajectories, early stop on divergence. */
class OptimizerChainTest {

  static OptimizerChain threeStages() {
    return OptimizerChain.of(
        new Adam(Adam.Config.defaults().withLearningRate(0.05).withMaxIterations(40)),
        new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-4)),
        new NewtonTrustRegion(NewtonTrustRegion.Config.defaults()));
  }

  @Test
  void sumsCountsAndKeepsStageResults() {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(6);
    OptimizationResult r = threeStages().minimize(f, f.standardStart());
    List<OptimizationResult> stages = r.stages();
    assertEquals(3, stages.size());
    assertEquals(Status.MAX_ITERATIONS, stages.get(0).status(), "Adam stage uses its 40 iterations");
    assertEquals(40, stages.get(0).iterations());
    assertEquals(Status.CONVERGED, r.status());
    assertEquals(stages.get(2).status(), r.status());
    assertEquals(stages.stream().mapToLong(OptimizationResult::iterations).sum(), r.iterations());
    assertEquals(stages.stream().mapToLong(OptimizationResult::gradientEvaluations).sum(), r.gradientEvaluations());
    assertEquals(stages.stream().mapToLong(OptimizationResult::valueEvaluations).sum(), r.valueEvaluations());
    assertEquals(stages.stream().mapToLong(OptimizationResult::hessianVectorProducts).sum(), r.hessianVectorProducts());
    assertEquals(stages.get(2).value(), r.value(), 0.0);
    assertEquals(stages.get(2).gradientNorm(), r.gradientNorm(), 0.0);
    for (int i = 0; i < 6; i++) assertEquals(stages.get(2).point()[i], r.point()[i], 0.0);
    assertTrue(r.wallNanos() >= stages.stream().mapToLong(OptimizationResult::wallNanos).sum());
  }

  /** Stage s+1 starts where stage s stopped: its first trajectory row is stage s's last. */
  @Test
  void concatenatesTrajectoriesWithContinuingIterations() {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(6);
    OptimizationResult r = threeStages().minimize(f, f.standardStart(), TrajectoryOptions.every(5));
    List<OptimizationResult> stages = r.stages();
    Trajectory combined = r.trajectory();
    int stageRows = 0;
    long offset = 0;
    for (int s = 0; s < stages.size(); s++) {
      Trajectory t = stages.get(s).trajectory();
      stageRows += t.size();
      if (s > 0) {
        Trajectory previous = stages.get(s - 1).trajectory();
        assertEquals(previous.last().trainLoss(), t.rows().get(0).trainLoss(), 0.0, "stage " + s + " starts where " + (s - 1) + " stopped");
        assertEquals(previous.last().gradientNorm(), t.rows().get(0).gradientNorm(), 0.0);
      }
      for (Trajectory.Row row : t.rows()) {
        long shifted = row.iteration() + offset;
        Trajectory.Row match = combined.rows().stream().filter(c -> c.iteration() == shifted).findFirst().orElseThrow();
        assertEquals(row.trainLoss(), match.trainLoss(), 0.0, "stage " + s + " iteration " + row.iteration());
      }
      offset += stages.get(s).iterations();
    }
    assertEquals(stageRows - (stages.size() - 1), combined.size(), "one duplicated boundary row dropped per later stage");
    assertEquals(r.iterations(), combined.last().iteration());
    assertEquals(0, combined.rows().get(0).iteration());
  }

  /** A diverging stage ends the chain: later stages do not run. */
  @Test
  void stopsAfterADivergedStage() {
    OptimizerChain chain = OptimizerChain.of(
        GradientDescent.fixedStep(0.3),
        new Lbfgs(Lbfgs.Config.defaults()));
    OptimizationResult r = chain.minimize(new TestObjectives.NanWall(3, 4, 2.0), new double[] {0, 1, 1});
    assertEquals(Status.DIVERGED, r.status());
    assertEquals(1, r.stages().size());
    assertTrue(r.point()[0] <= 2.0);
  }

  /** MAX_ITERATIONS is not fatal: the next stage takes over from that point. */
  @Test
  void continuesAfterAnExhaustedStage() {
    TestObjectives.Rosenbrock f = new TestObjectives.Rosenbrock(2);
    OptimizerChain chain = OptimizerChain.of(
        new Lbfgs(Lbfgs.Config.defaults().withMaxIterations(3)),
        new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-10)));
    OptimizationResult r = chain.minimize(f, f.standardStart());
    assertEquals(Status.MAX_ITERATIONS, r.stages().get(0).status());
    assertEquals(Status.CONVERGED, r.status());
    assertEquals(2, r.stages().size());
  }

  @Test
  void rejectsEmptyOrNullStages() {
    assertThrows(IllegalArgumentException.class, () -> OptimizerChain.of());
    assertThrows(IllegalArgumentException.class, () -> new OptimizerChain(java.util.Arrays.asList(GradientDescent.fixedStep(0.1), null)));
  }
}

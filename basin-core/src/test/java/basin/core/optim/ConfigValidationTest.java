package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Configurations reject NaN and out-of-range values with a message naming the field; withX copies. */
class ConfigValidationTest {

  static final double NAN = Double.NaN;

  /**
   * The defaults are the documented values, built through the same validating constructor that
   * rejects one field made bad.
   */
  @Test
  void defaultsAreValid() {
    assertEquals(new GradientDescent.Config(GradientDescent.StepRule.ARMIJO_BACKTRACKING, 1.0, 1e-4, 0.5, 50, 1e-6, 10_000),
        GradientDescent.Config.defaults());
    assertEquals(new Momentum.Config(Momentum.Variant.HEAVY_BALL, 0.01, 0.9, 1e-6, 10_000), Momentum.Config.defaults());
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 1e-6, 10_000), Adam.Config.defaults());
    assertEquals(new MinibatchSgd.Config(32, 0.01, 0.0, 0.0, 100, Integer.MAX_VALUE, 1.0, 1e-6, 0), MinibatchSgd.Config.defaults(0));
    assertEquals(new Lbfgs.Config(10, 1e-8, 10_000, 1e-4, 0.9, 30, 1e-10, 1e-10), Lbfgs.Config.defaults());
    assertEquals(new NewtonTrustRegion.Config(1e-12, 200, 1.0, 1000.0, 1e-4, 0.5, 0.5, 500, 1e-10, true), NewtonTrustRegion.Config.defaults());
    assertThrows(IllegalArgumentException.class, () -> new GradientDescent.Config(GradientDescent.StepRule.ARMIJO_BACKTRACKING, 1.0, 1e-4, 0.5, 50, NAN, 10_000));
    assertThrows(IllegalArgumentException.class, () -> new Momentum.Config(Momentum.Variant.HEAVY_BALL, 0.01, 0.9, -1e-6, 10_000));
    assertThrows(IllegalArgumentException.class, () -> new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 1e-6, -1));
    assertThrows(IllegalArgumentException.class, () -> new MinibatchSgd.Config(0, 0.01, 0.0, 0.0, 100, Integer.MAX_VALUE, 1.0, 1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Config(10, 1e-8, 10_000, 1e-4, 0.9, 0, 1e-10, 1e-10));
    assertThrows(IllegalArgumentException.class, () -> new NewtonTrustRegion.Config(1e-12, 200, 1.0, 1000.0, 1e-4, 0.5, 0.5, 500, NAN, true));
  }

  @Test
  void rejectsNaNAndOutOfRange() {
    List<Named> bad = List.of(
        new Named("stepSize", () -> GradientDescent.Config.defaults().withStepSize(NAN)),
        new Named("stepSize", () -> GradientDescent.Config.defaults().withStepSize(0)),
        new Named("sufficientDecrease", () -> GradientDescent.Config.defaults().withSufficientDecrease(NAN)),
        new Named("backtrackFactor", () -> GradientDescent.Config.defaults().withBacktrackFactor(1.0)),
        new Named("gradientTolerance", () -> GradientDescent.Config.defaults().withGradientTolerance(NAN)),
        new Named("maxIterations", () -> GradientDescent.Config.defaults().withMaxIterations(-1)),
        new Named("learningRate", () -> Momentum.Config.defaults().withLearningRate(NAN)),
        new Named("momentum", () -> Momentum.Config.defaults().withMomentum(1.0)),
        new Named("momentum", () -> Momentum.Config.defaults().withMomentum(NAN)),
        new Named("learningRate", () -> Adam.Config.defaults().withLearningRate(Double.POSITIVE_INFINITY)),
        new Named("beta1", () -> Adam.Config.defaults().withBeta1(NAN)),
        new Named("beta2", () -> Adam.Config.defaults().withBeta2(1.0)),
        new Named("epsilon", () -> Adam.Config.defaults().withEpsilon(NAN)),
        new Named("batchSize", () -> MinibatchSgd.Config.defaults(0).withBatchSize(0)),
        new Named("learningRate", () -> MinibatchSgd.Config.defaults(0).withLearningRate(NAN)),
        new Named("learningRateDecay", () -> MinibatchSgd.Config.defaults(0).withLearningRateDecay(NAN)),
        new Named("fullGradientCheckEpochs", () -> MinibatchSgd.Config.defaults(0).withFullGradientCheckEpochs(NAN)),
        new Named("momentum", () -> MinibatchSgd.Config.defaults(0).withMomentum(-0.1)),
        new Named("memory", () -> Lbfgs.Config.defaults().withMemory(0)),
        new Named("c1", () -> Lbfgs.Config.defaults().withSufficientDecrease(NAN)),
        new Named("c2", () -> Lbfgs.Config.defaults().withCurvature(1e-5)),
        new Named("valueRoundoff", () -> Lbfgs.Config.defaults().withValueRoundoff(NAN)),
        new Named("curvatureSkipThreshold", () -> Lbfgs.Config.defaults().withCurvatureSkipThreshold(NAN)),
        new Named("initialRadius", () -> NewtonTrustRegion.Config.defaults().withInitialRadius(NAN)),
        new Named("initialRadius", () -> NewtonTrustRegion.Config.defaults().withInitialRadius(1e9)),
        new Named("maxRadius", () -> NewtonTrustRegion.Config.defaults().withMaxRadius(Double.POSITIVE_INFINITY)),
        new Named("acceptanceRatio", () -> NewtonTrustRegion.Config.defaults().withAcceptanceRatio(0.25)),
        new Named("maxForcing", () -> NewtonTrustRegion.Config.defaults().withMaxForcing(NAN)),
        new Named("forcingPower", () -> NewtonTrustRegion.Config.defaults().withForcingPower(0)),
        new Named("maxCgIterations", () -> NewtonTrustRegion.Config.defaults().withMaxCgIterations(0)),
        new Named("interval", () -> TrajectoryOptions.every(0)));
    for (Named n : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, n.build::get, n.field);
      String message = e.getMessage();
      String field = n.field.equals("c1") || n.field.equals("c2") ? "Wolfe" : n.field;
      assertEquals(true, message.contains(field), "message should name " + field + ": " + message);
    }
  }

  @Test
  void withCopiesChangeOneField() {
    Lbfgs.Config a = Lbfgs.Config.defaults();
    Lbfgs.Config b = a.withMemory(3);
    assertNotSame(a, b);
    assertEquals(10, a.memory());
    assertEquals(3, b.memory());
    assertEquals(a, b.withMemory(10));
    MinibatchSgd.Config s = MinibatchSgd.Config.defaults(7);
    assertEquals(7, s.seed());
    assertEquals(s, s.withSeed(8).withSeed(7));
    NewtonTrustRegion.Config t = NewtonTrustRegion.Config.defaults();
    assertEquals(t, t.withForcingPower(1.0).withForcingPower(t.forcingPower()));
  }

  @Test
  void trajectoryRowsMustIncrease() {
    Trajectory.Row r0 = new Trajectory.Row(0, 1, NAN, 1);
    Trajectory.Row r1 = new Trajectory.Row(0, 1, NAN, 1);
    assertThrows(IllegalArgumentException.class, () -> new Trajectory(List.of(r0, r1), false));
  }

  record Named(String field, Supplier<?> build) {}
}

package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import basin.core.Objective;
import org.junit.jupiter.api.Test;

/**
 * The first iterations of the first-order methods against their update formulas written out by
 * hand, on least squares (n = 20, d = 4). Tolerance 1e-15 absolute: both sides do the same few
 * floating-point operations, possibly in another order, on O(1) numbers.
 */
class UpdateRuleTest {

  static final double ROUNDING = 1e-15;

  static Objective f() {
    return new TestObjectives.LeastSquares(20, 4, 77);
  }

  static double[] start() {
    return new double[] {0.5, -0.25, 1.0, 0.0};
  }

  static double[] gradient(double[] x) {
    double[] g = new double[4];
    f().valueAndGradient(x, g);
    return g;
  }

  @Test
  void fixedStepGradientDescent() {
    double eta = 0.1;
    OptimizationResult r = new GradientDescent(GradientDescent.Config.defaults().withStepRule(GradientDescent.StepRule.FIXED)
        .withStepSize(eta).withMaxIterations(1).withGradientTolerance(0)).minimize(f(), start());
    double[] x0 = start();
    double[] g0 = gradient(x0);
    for (int i = 0; i < 4; i++) assertEquals(x0[i] - eta * g0[i], r.point()[i], ROUNDING);
    assertEquals(2, r.gradientEvaluations());
  }

  @Test
  void heavyBallTwoSteps() {
    double eta = 0.1;
    double mu = 0.7;
    OptimizationResult r = new Momentum(Momentum.Config.defaults().withLearningRate(eta).withMomentum(mu)
        .withMaxIterations(2).withGradientTolerance(0)).minimize(f(), start());
    double[] x = start();
    double[] v = new double[4];
    for (int k = 0; k < 2; k++) {
      double[] g = gradient(x);
      for (int i = 0; i < 4; i++) {
        v[i] = mu * v[i] - eta * g[i];
        x[i] += v[i];
      }
    }
    for (int i = 0; i < 4; i++) assertEquals(x[i], r.point()[i], ROUNDING);
  }

  /**
   * Nesterov in the textbook form (Sutskever et al. 2013): v' = mu v - eta grad f(y + mu v), y' = y +
   * v'. The optimizer's iterate is the look-ahead point x = y + mu v.
   */
  @Test
  void nesterovTwoStepsMatchTheLookAheadForm() {
    double eta = 0.1;
    double mu = 0.7;
    OptimizationResult r = new Momentum(Momentum.Config.defaults().withVariant(Momentum.Variant.NESTEROV)
        .withLearningRate(eta).withMomentum(mu).withMaxIterations(2).withGradientTolerance(0)).minimize(f(), start());
    double[] y = start();
    double[] v = new double[4];
    for (int k = 0; k < 2; k++) {
      double[] lookAhead = new double[4];
      for (int i = 0; i < 4; i++) lookAhead[i] = y[i] + mu * v[i];
      double[] g = gradient(lookAhead);
      for (int i = 0; i < 4; i++) {
        v[i] = mu * v[i] - eta * g[i];
        y[i] += v[i];
      }
    }
    for (int i = 0; i < 4; i++) assertEquals(y[i] + mu * v[i], r.point()[i], ROUNDING);
  }

  /** With bias correction the first Adam step is eta g / (|g| + epsilon) in every coordinate. */
  @Test
  void adamFirstStepIsBiasCorrected() {
    double eta = 0.01;
    double epsilon = 1e-8;
    OptimizationResult r = new Adam(Adam.Config.defaults().withLearningRate(eta).withMaxIterations(1).withGradientTolerance(0))
        .minimize(f(), start());
    double[] x0 = start();
    double[] g0 = gradient(x0);
    for (int i = 0; i < 4; i++) {
      assertEquals(x0[i] - eta * g0[i] / (Math.abs(g0[i]) + epsilon), r.point()[i], ROUNDING);
    }
  }
}

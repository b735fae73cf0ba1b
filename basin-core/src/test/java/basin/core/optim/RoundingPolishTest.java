package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizationResult.Status;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default chain [lbfgs, newton] polishes minimizers whose value differences are below the
 * rounding of f (Basin issue 9, defect 2). Objectives with a nonsingular minimum are wrapped so that
 * f is rounded to ulp(1e6) = 1.2e-10 while gradient and Hessian stay exact:
 * <ul>
 *   <li>{@link Shifted}: f + 1e6, the value far from 0 (|f| itself reveals its rounding);
 *   <li>{@link Cancelled}: (f + 1e6) - 1e6, the value near the minimum value but carrying an absolute
 *       error of 6e-11, as a loss computed as a difference of large terms does (the Safran-Shamir
 *       ReLU population loss near its minimum 0): |f| says nothing about the rounding.
 * </ul>
 * Without the Newton-MR finish of the trust region the cancelled problems end STALLED at gradient
 * norms 1e-7 to 1e-5 (the code before the fix; see {@link #withoutFinishStallsOnCancellation}).
 */
class RoundingPolishTest {

  static final double SHIFT = 1e6;
  /**
   * The polished gradient norm: 100x the gradient's own rounding floor on these problems (observed
   * 1e-15 to 1e-14: entries O(1) to O(100) summed with relative error eps), 1e4 below the certifier's
   * default 1e-8.
   */
  static final double POLISHED_GRADIENT = 1e-12;

  /** f + SHIFT: same gradient and Hessian, value rounded to ulp(SHIFT). */
  static final class Shifted implements Objective {
    final Objective f;

    Shifted(Objective f) {
      this.f = f;
    }

    @Override
    public int dimension() {
      return f.dimension();
    }

    @Override
    public double value(double[] w) {
      return f.value(w) + SHIFT;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      return f.valueAndGradient(w, gradient) + SHIFT;
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      f.hessianVectorProduct(w, v, result);
    }

    @Override
    public Objective copy() {
      return new Shifted(f.copy());
    }
  }

  /**
   * f + [sum_i (a + w_i)^2 - sum_i (a^2 + 2 a w_i + w_i^2)], a = 100: the bracket is 0 in exact
   * arithmetic but two sums of size ~P a^2 = 1e5 computed in different orders, so f carries an
   * absolute rounding error of a few ulp(1e5) ~ 1e-11 that changes irregularly with w (not a
   * quantization: f(x) and f(x + p) differ by noise even for tiny p). Gradient and Hessian are
   * exact. This is how a loss computed as a difference of large terms behaves near its minimum (the
   * Safran-Shamir ReLU population loss near 0), where |f| says nothing about the rounding.
   */
  static final class Cancelled implements Objective {
    static final double A = 100;
    final Objective f;

    Cancelled(Objective f) {
      this.f = f;
    }

    static double noise(double[] w) {
      double square = 0;
      double expanded = 0;
      for (double x : w) {
        square += (A + x) * (A + x);
        expanded += A * A + 2 * A * x + x * x;
      }
      return square - expanded;
    }

    @Override
    public int dimension() {
      return f.dimension();
    }

    @Override
    public double value(double[] w) {
      return f.value(w) + noise(w);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      return f.valueAndGradient(w, gradient) + noise(w);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      f.hessianVectorProduct(w, v, result);
    }

    @Override
    public Objective copy() {
      return new Cancelled(f.copy());
    }
  }

  /** A tanh network 2-5-1 on 60 noisy regression examples with l2 = 1e-4 (nonsingular minimum). */
  static MlpObjective network() {
    SplittableRandom r = new SplittableRandom(14);
    int n = 60;
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = Initializer.gaussian(r);
      x[2 * i + 1] = Initializer.gaussian(r);
      y[i] = Math.sin(x[2 * i]) - 0.5 * x[2 * i + 1] + 0.3 * Initializer.gaussian(r);
    }
    Dataset data = Dataset.regression("noisy sine", n, 2, x, 1, y);
    return new MlpObjective(Mlp.of(Activation.TANH, true, 2, 5, 1), data, Loss.MSE, 1e-4);
  }

  static Stream<Arguments> problems() {
    TestObjectives.Rosenbrock r10 = new TestObjectives.Rosenbrock(10);
    MlpObjective net = network();
    double[] netStart = Initializer.glorotNormal().initialize(net.model(), 3);
    TestObjectives.LogisticRegression logistic = new TestObjectives.LogisticRegression(200, 10, 1e-2, 9);
    return Stream.of(
        Arguments.of("Rosenbrock 10 + 1e6", new Shifted(r10), r10.standardStart()),
        Arguments.of("Rosenbrock 10, cancelled", new Cancelled(r10), r10.standardStart()),
        Arguments.of("logistic regression + 1e6", new Shifted(logistic), new double[10]),
        Arguments.of("logistic regression, cancelled", new Cancelled(logistic), new double[10]),
        Arguments.of("tanh MLP + 1e6", new Shifted(net), netStart),
        Arguments.of("tanh MLP, cancelled", new Cancelled(net), netStart));
  }

  /**
   * The study default [lbfgs, newton] ends CONVERGED at the newton stage's own tolerance, 1e-12
   * (issue 9 acceptance: a constant 1e6 added to the objective does not stop the polishing).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void defaultChainConverges(String name, Objective f, double[] start) {
    OptimizationResult r = OptimizerSpecs.parseChain(List.of("lbfgs", "newton"), 11).minimize(f, start);
    assertEquals(Status.CONVERGED, r.status(), name + ": " + r.stages());
    assertEquals(POLISHED_GRADIENT, NewtonTrustRegion.Config.defaults().gradientTolerance());
    assertTrue(r.gradientNorm() <= POLISHED_GRADIENT, name + ": " + r);
  }

  /** With the newton stage's tolerance at 1e-12, the chain reaches it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void chainReachesTheGradientFloor(String name, Objective f, double[] start) {
    OptimizationResult r = OptimizerSpecs.parseChain(List.of("lbfgs", "newton:gtol=1e-12"), 11).minimize(f, start);
    assertEquals(Status.CONVERGED, r.status(), name + ": " + r.stages());
    assertTrue(r.gradientNorm() <= POLISHED_GRADIENT, name + ": " + r);
  }

  /** Newton-MR alone, from the same starts, to its default tolerance 1e-12. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void newtonMrAfterLbfgsReachesTheGradientFloor(String name, Objective f, double[] start) {
    OptimizationResult r = OptimizerSpecs.parseChain(List.of("lbfgs", "newton-mr"), 11).minimize(f, start);
    assertEquals(Status.CONVERGED, r.status(), name + ": " + r.stages());
    assertTrue(r.gradientNorm() <= POLISHED_GRADIENT, name + ": " + r);
  }
}

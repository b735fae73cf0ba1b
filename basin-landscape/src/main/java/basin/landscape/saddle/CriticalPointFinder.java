package basin.landscape.saddle;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.GradientDescent;
import basin.core.optim.Lbfgs;
import basin.core.optim.NewtonMr;
import basin.core.optim.OptimizationResult;
import basin.core.optim.OptimizerChain;
import java.util.List;
import java.util.Locale;

/**
 * A method that goes from a start to a critical point of any index (or to a gradient-flat point),
 * not only to minima. Immutable; one instance may serve many threads, each passing its own objective
 * copy.
 *
 * <table>
 *   <caption>finders</caption>
 *   <tr><th>name</th><th>method</th><th>cost per iteration</th></tr>
 *   <tr><td>newton-mr</td><td>{@link NewtonMr}: MINRES steps accepted on |g|</td><td>MINRES
 *       Hessian-vector products plus about one gradient</td></tr>
 *   <tr><td>gradient-norm</td><td>L-BFGS on phi = |g|^2 / 2 with gradient H g
 *       ({@link GradientNormObjective})</td><td>one gradient and one Hessian-vector product per
 *       line-search trial</td></tr>
 *   <tr><td>gd-newton-mr</td><td>a few Armijo gradient-descent steps, then Newton-MR (descent
 *       first moves the start off maxima and towards low-index points)</td><td>as the stages</td></tr>
 * </table>
 */
public interface CriticalPointFinder {

  /** The names {@link #parse} accepts. */
  List<String> NAMES = List.of("newton-mr", "gradient-norm", "gd-newton-mr");

  /** A short name, one of {@link #NAMES}. */
  String name();

  /**
   * Runs the finder from {@code start}.
   *
   * @param f the objective; used from the calling thread only
   * @param start the start, length P (not modified)
   * @return the end point with value, gradient norm of <b>f</b> (not of phi) and status
   */
  OptimizationResult find(Objective f, double[] start);

  /** Newton-MR with the given configuration. */
  static CriticalPointFinder newtonMr(NewtonMr.Config config) {
    NewtonMr optimizer = new NewtonMr(config);
    return new CriticalPointFinder() {
      @Override
      public String name() {
        return "newton-mr";
      }

      @Override
      public OptimizationResult find(Objective f, double[] start) {
        return optimizer.minimize(f, start);
      }

      @Override
      public String toString() {
        return "newton-mr " + config;
      }
    };
  }

  /**
   * L-BFGS on phi(w) = |grad f(w)|^2 / 2 (gradient H g, exact). The L-BFGS gradient tolerance
   * applies to |H g|, not to |g|; the result reports f's value and |g| at the end point (one more
   * gradient of f, counted), with the L-BFGS run on phi as its only stage.
   */
  static CriticalPointFinder gradientNorm(Lbfgs.Config config) {
    Lbfgs optimizer = new Lbfgs(config);
    return new CriticalPointFinder() {
      @Override
      public String name() {
        return "gradient-norm";
      }

      @Override
      public OptimizationResult find(Objective f, double[] start) {
        long t0 = System.nanoTime();
        OptimizationResult onPhi = optimizer.minimize(new GradientNormObjective(f), start);
        double[] g = new double[f.dimension()];
        double value = f.valueAndGradient(onPhi.point(), g);
        // every phi value or gradient is one gradient of f; phi gradients add one product each
        return new OptimizationResult(onPhi.status(), onPhi.iterations(), 0,
            onPhi.valueEvaluations() + onPhi.gradientEvaluations() + 1, 0, onPhi.gradientEvaluations(), value,
            Vectors.norm(g), onPhi.point().clone(), System.nanoTime() - t0, null, List.of(onPhi));
      }

      @Override
      public String toString() {
        return "gradient-norm " + config;
      }
    };
  }

  /** {@code steps} Armijo gradient-descent iterations, then Newton-MR. */
  static CriticalPointFinder gradientDescentThenNewtonMr(int steps, NewtonMr.Config config) {
    if (steps < 1) throw new IllegalArgumentException("gradient-descent steps must be >= 1, got " + steps);
    OptimizerChain chain = OptimizerChain.of(
        new GradientDescent(GradientDescent.Config.defaults().withMaxIterations(steps).withGradientTolerance(config.gradientTolerance())),
        new NewtonMr(config));
    return new CriticalPointFinder() {
      @Override
      public String name() {
        return "gd-newton-mr";
      }

      @Override
      public OptimizationResult find(Objective f, double[] start) {
        return chain.minimize(f, start);
      }

      @Override
      public String toString() {
        return "gd-newton-mr " + steps + " steps, " + config;
      }
    };
  }

  /** Default L-BFGS settings for {@link #gradientNorm}: |H g| tolerance 1e-12, 5000 iterations, memory 10. */
  static Lbfgs.Config gradientNormDefaults() {
    return Lbfgs.Config.defaults().withGradientTolerance(1e-12).withMaxIterations(5000);
  }

  /** Gradient-descent steps before Newton-MR in {@code gd-newton-mr}: 10. */
  int DEFAULT_DESCENT_STEPS = 10;

  /**
   * The finder of a name with default settings: newton-mr ({@link NewtonMr.Config#defaults()}),
   * gradient-norm ({@link #gradientNormDefaults()}), gd-newton-mr ({@value #DEFAULT_DESCENT_STEPS}
   * steps, then Newton-MR defaults).
   *
   * @throws InputException naming the accepted names for any other text (bad user input: the CLI
   *     prints it as one line and exits 2)
   */
  static CriticalPointFinder parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "newton-mr" -> newtonMr(NewtonMr.Config.defaults());
      case "gradient-norm" -> gradientNorm(gradientNormDefaults());
      case "gd-newton-mr" -> gradientDescentThenNewtonMr(DEFAULT_DESCENT_STEPS, NewtonMr.Config.defaults());
      default -> throw new InputException("critical-point finder '" + name + "': expected one of " + String.join(", ", NAMES));
    };
  }
}

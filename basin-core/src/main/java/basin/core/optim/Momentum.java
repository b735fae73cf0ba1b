package basin.core.optim;

import basin.core.linalg.Vectors;
import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;

/**
 * Gradient descent with momentum, full batch, fixed learning rate eta and momentum mu.
 *
 * <ul>
 *   <li>Heavy ball (Polyak 1964, "Some methods of speeding up the convergence of iteration
 *       methods"): v_{k+1} = mu v_k - eta grad f(x_k), x_{k+1} = x_k + v_{k+1}.
 *   <li>Nesterov (Nesterov 1983; in the form of Sutskever et al. 2013, "On the importance of
 *       initialization and momentum in deep learning", rewritten by Bengio et al. 2013, "Advances in
 *       optimizing recurrent networks", Sec. 3.5, so that the gradient is taken at the iterate
 *       itself): v_{k+1} = mu v_k - eta grad f(x_k), x_{k+1} = x_k + mu v_{k+1} - eta grad f(x_k).
 *       The iterate x is the look-ahead point of the textbook form; it converges to the same
 *       minimizer, and the convergence test and the result use the gradient at x.
 * </ul>
 * v_0 = 0. Cost: one gradient evaluation per iteration.
 *
 * <p>NaN and Inf: a non-finite value or gradient at a new iterate ends the run as {@link
 * Status#DIVERGED} with the previous iterate.
 */
public final class Momentum implements Optimizer {

  /** Which momentum update. */
  public enum Variant {
    HEAVY_BALL,
    NESTEROV
  }

  /**
   * Configuration.
   *
   * @param variant heavy ball or Nesterov
   * @param learningRate eta, finite and &gt; 0
   * @param momentum mu in [0, 1)
   * @param gradientTolerance stop when ||grad f|| &lt;= this; &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   */
  public record Config(Variant variant, double learningRate, double momentum, double gradientTolerance, int maxIterations) {

    public Config {
      if (variant == null) throw new IllegalArgumentException("Momentum variant is null");
      if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Momentum learningRate must be finite and > 0, got " + learningRate);
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("Momentum momentum must be in [0, 1), got " + momentum);
      }
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("Momentum gradientTolerance must be >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) {
        throw new IllegalArgumentException("Momentum maxIterations must be >= 0, got " + maxIterations);
      }
    }

    /** Heavy ball, eta = 0.01, mu = 0.9, tolerance 1e-6, 10000 iterations. */
    public static Config defaults() {
      return new Config(Variant.HEAVY_BALL, 0.01, 0.9, 1e-6, 10_000);
    }

    public Config withVariant(Variant v) {
      return new Config(v, learningRate, momentum, gradientTolerance, maxIterations);
    }

    public Config withLearningRate(double v) {
      return new Config(variant, v, momentum, gradientTolerance, maxIterations);
    }

    public Config withMomentum(double v) {
      return new Config(variant, learningRate, v, gradientTolerance, maxIterations);
    }

    public Config withGradientTolerance(double v) {
      return new Config(variant, learningRate, momentum, v, maxIterations);
    }

    public Config withMaxIterations(int v) {
      return new Config(variant, learningRate, momentum, gradientTolerance, v);
    }
  }

  private final Config config;

  public Momentum(Config config) {
    if (config == null) throw new IllegalArgumentException("Momentum config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun run = OptimizationRun.start("Momentum", objective, start, trajectory);
    CountedObjective f = run.objective;
    int p = start.length;
    double[] x = start.clone();
    double[] next = new double[p];
    double[] g = new double[p];
    double[] velocity = new double[p];
    double eta = config.learningRate();
    double mu = config.momentum();
    boolean nesterov = config.variant() == Variant.NESTEROV;

    double value = f.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(value, gradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, value, gradientNorm);
    }
    run.recordIfDue(0, value, gradientNorm, x);
    long k = 0;
    while (true) {
      Status stop = OptimizationRun.stopBefore(k, gradientNorm, config.gradientTolerance(), config.maxIterations());
      if (stop != null) {
        return run.finish(stop, k, k, x, value, gradientNorm);
      }
      if (nesterov) {
        for (int i = 0; i < p; i++) {
          double v = mu * velocity[i] - eta * g[i];
          velocity[i] = v;
          next[i] = x[i] + mu * v - eta * g[i];
        }
      } else {
        for (int i = 0; i < p; i++) {
          double v = mu * velocity[i] - eta * g[i];
          velocity[i] = v;
          next[i] = x[i] + v;
        }
      }
      double nextValue = f.valueAndGradient(next, g);
      double nextGradientNorm = Vectors.norm(g);
      k++;
      if (!OptimizationRun.finite(nextValue, nextGradientNorm)) {
        return run.finish(Status.DIVERGED, k, k - 1, x, value, gradientNorm);
      }
      double[] t = x;
      x = next;
      next = t;
      value = nextValue;
      gradientNorm = nextGradientNorm;
      run.recordIfDue(k, value, gradientNorm, x);
    }
  }

  @Override
  public String toString() {
    return "Momentum" + config;
  }
}

package basin.core.optim;

import basin.core.linalg.Vectors;
import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;

/**
 * Adam on the full objective (Kingma &amp; Ba 2015, "Adam: A method for stochastic optimization",
 * ICLR, Algorithm 1), with bias correction:
 *
 * <pre>
 *   m_t = beta1 m_{t-1} + (1 - beta1) g_t          v_t = beta2 v_{t-1} + (1 - beta2) g_t^2
 *   mhat = m_t / (1 - beta1^t)                     vhat = v_t / (1 - beta2^t)
 *   x_t = x_{t-1} - eta mhat / (sqrt(vhat) + epsilon)        (elementwise, t = 1, 2, ...)
 * </pre>
 * m_0 = v_0 = 0. The first step therefore moves every coordinate by eta g/(|g| + epsilon), about
 * eta. With a constant eta, Adam approaches a minimizer only to a precision set by eta; use it for
 * the rough phase and polish with {@link Lbfgs} or {@link NewtonTrustRegion} in an {@link
 * OptimizerChain}.
 *
 * <p>Cost: one gradient evaluation per iteration. NaN and Inf: a non-finite value or gradient at a
 * new iterate ends the run as {@link Status#DIVERGED} with the previous iterate.
 */
public final class Adam implements Optimizer {

  /**
   * Configuration.
   *
   * @param learningRate eta, finite and &gt; 0
   * @param beta1 first-moment decay in [0, 1)
   * @param beta2 second-moment decay in [0, 1)
   * @param epsilon denominator guard, finite and &gt; 0
   * @param gradientTolerance stop when ||grad f|| &lt;= this; &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   */
  public record Config(double learningRate, double beta1, double beta2, double epsilon, double gradientTolerance, int maxIterations) {

    public Config {
      if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Adam learningRate must be finite and > 0, got " + learningRate);
      }
      if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
      if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
      if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Adam epsilon must be finite and > 0, got " + epsilon);
      }
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("Adam gradientTolerance must be >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) throw new IllegalArgumentException("Adam maxIterations must be >= 0, got " + maxIterations);
    }

    /** The paper's defaults eta = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8; tolerance 1e-6, 10000 iterations. */
    public static Config defaults() {
      return new Config(1e-3, 0.9, 0.999, 1e-8, 1e-6, 10_000);
    }

    public Config withLearningRate(double v) {
      return new Config(v, beta1, beta2, epsilon, gradientTolerance, maxIterations);
    }

    public Config withBeta1(double v) {
      return new Config(learningRate, v, beta2, epsilon, gradientTolerance, maxIterations);
    }

    public Config withBeta2(double v) {
      return new Config(learningRate, beta1, v, epsilon, gradientTolerance, maxIterations);
    }

    public Config withEpsilon(double v) {
      return new Config(learningRate, beta1, beta2, v, gradientTolerance, maxIterations);
    }

    public Config withGradientTolerance(double v) {
      return new Config(learningRate, beta1, beta2, epsilon, v, maxIterations);
    }

    public Config withMaxIterations(int v) {
      return new Config(learningRate, beta1, beta2, epsilon, gradientTolerance, v);
    }
  }

  private final Config config;

  public Adam(Config config) {
    if (config == null) throw new IllegalArgumentException("Adam config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun run = OptimizationRun.start("Adam", objective, start, trajectory);
    CountedObjective f = run.objective;
    int p = start.length;
    double[] x = start.clone();
    double[] next = new double[p];
    double[] g = new double[p];
    double[] m = new double[p];
    double[] v = new double[p];
    double eta = config.learningRate();
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    double epsilon = config.epsilon();

    double value = f.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(value, gradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, value, gradientNorm);
    }
    run.recordIfDue(0, value, gradientNorm, x);
    double beta1Power = 1.0;
    double beta2Power = 1.0;
    long k = 0;
    while (true) {
      Status stop = OptimizationRun.stopBefore(k, gradientNorm, config.gradientTolerance(), config.maxIterations());
      if (stop != null) {
        return run.finish(stop, k, k, x, value, gradientNorm);
      }
      beta1Power *= beta1;
      beta2Power *= beta2;
      double mCorrection = 1.0 / (1.0 - beta1Power);
      double vCorrection = 1.0 / (1.0 - beta2Power);
      for (int i = 0; i < p; i++) {
        double gi = g[i];
        double mi = beta1 * m[i] + (1.0 - beta1) * gi;
        double vi = beta2 * v[i] + (1.0 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        next[i] = x[i] - eta * (mi * mCorrection) / (Math.sqrt(vi * vCorrection) + epsilon);
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
    return "Adam" + config;
  }
}

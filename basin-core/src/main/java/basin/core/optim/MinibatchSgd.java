package basin.core.optim;

import basin.core.linalg.Vectors;
import basin.core.Objective;
import basin.core.StochasticObjective;
import basin.core.optim.OptimizationResult.Status;
import java.util.SplittableRandom;

/**
 * Minibatch stochastic gradient descent with optional heavy-ball momentum, on a {@link
 * StochasticObjective}.
 *
 * <p>Each epoch visits the n examples once in an order drawn by a Fisher-Yates shuffle of 0..n-1
 * with a generator split from {@code new SplittableRandom(seed)} (one split per epoch, in epoch
 * order), in consecutive batches of {@code batchSize} (the last batch of an epoch holds the
 * remainder). With the minibatch gradient g_B(x_k) and the epoch's learning rate eta_e = eta / (1 +
 * decay e), e = 0, 1, ...:
 *
 * <pre>
 *   v_{k+1} = mu v_k - eta_e g_B(x_k),   x_{k+1} = x_k + v_{k+1}     (v_0 = 0; mu = 0 is plain SGD)
 * </pre>
 * Because minibatch gradients do not vanish at the minimizer, convergence (||grad f|| &lt;=
 * tolerance, full gradient) is checked every {@code fullGradientCheckEpochs} epochs (rounded to
 * whole iterations, at least 1), at recorded trajectory points, at the start and at the end of the
 * budget. An iteration is one minibatch step; the budget is min(maxIterations, maxEpochs x batches
 * per epoch).
 *
 * <p>Results depend only on the configuration (including the seed), the objective and the start:
 * the same inputs give bit-identical results.
 *
 * <p>Cost: one minibatch gradient evaluation per iteration, plus one full gradient evaluation per
 * check or recorded trajectory row.
 *
 * <p>NaN and Inf: a non-finite minibatch or full value or gradient at x_k ends the run as {@link
 * Status#DIVERGED} with the previous iterate x_{k-1}, whose full value and gradient norm are
 * reported (computed by one more full evaluation if not already known; they may themselves be
 * non-finite).
 */
public final class MinibatchSgd implements Optimizer {

  /**
   * Configuration.
   *
   * @param batchSize examples per minibatch, &gt;= 1 (clamped to n)
   * @param learningRate eta, finite and &gt; 0
   * @param momentum mu in [0, 1)
   * @param learningRateDecay decay per epoch in eta / (1 + decay e), finite and &gt;= 0
   * @param maxEpochs epoch budget, &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   * @param fullGradientCheckEpochs epochs between full-gradient convergence checks, finite and &gt; 0
   * @param gradientTolerance stop when the full ||grad f|| &lt;= this at a check; &gt;= 0
   * @param seed master seed of the shuffles
   */
  public record Config(
      int batchSize,
      double learningRate,
      double momentum,
      double learningRateDecay,
      int maxEpochs,
      int maxIterations,
      double fullGradientCheckEpochs,
      double gradientTolerance,
      long seed) {

    public Config {
      if (batchSize < 1) throw new IllegalArgumentException("MinibatchSgd batchSize must be >= 1, got " + batchSize);
      if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("MinibatchSgd learningRate must be finite and > 0, got " + learningRate);
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("MinibatchSgd momentum must be in [0, 1), got " + momentum);
      }
      if (!(learningRateDecay >= 0 && learningRateDecay < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("MinibatchSgd learningRateDecay must be finite and >= 0, got " + learningRateDecay);
      }
      if (maxEpochs < 0) throw new IllegalArgumentException("MinibatchSgd maxEpochs must be >= 0, got " + maxEpochs);
      if (maxIterations < 0) throw new IllegalArgumentException("MinibatchSgd maxIterations must be >= 0, got " + maxIterations);
      if (!(fullGradientCheckEpochs > 0 && fullGradientCheckEpochs < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("MinibatchSgd fullGradientCheckEpochs must be finite and > 0, got " + fullGradientCheckEpochs);
      }
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("MinibatchSgd gradientTolerance must be >= 0, got " + gradientTolerance);
      }
    }

    /**
     * Batch 32, eta = 0.01, no momentum, no decay, 100 epochs, no separate iteration limit, a
     * full-gradient check every epoch, tolerance 1e-6, and the given seed (there is no default seed).
     */
    public static Config defaults(long seed) {
      return new Config(32, 0.01, 0.0, 0.0, 100, Integer.MAX_VALUE, 1.0, 1e-6, seed);
    }

    public Config withBatchSize(int v) {
      return new Config(v, learningRate, momentum, learningRateDecay, maxEpochs, maxIterations, fullGradientCheckEpochs, gradientTolerance, seed);
    }

    public Config withLearningRate(double v) {
      return new Config(batchSize, v, momentum, learningRateDecay, maxEpochs, maxIterations, fullGradientCheckEpochs, gradientTolerance, seed);
    }

    public Config withMomentum(double v) {
      return new Config(batchSize, learningRate, v, learningRateDecay, maxEpochs, maxIterations, fullGradientCheckEpochs, gradientTolerance, seed);
    }

    public Config withLearningRateDecay(double v) {
      return new Config(batchSize, learningRate, momentum, v, maxEpochs, maxIterations, fullGradientCheckEpochs, gradientTolerance, seed);
    }

    public Config withMaxEpochs(int v) {
      return new Config(batchSize, learningRate, momentum, learningRateDecay, v, maxIterations, fullGradientCheckEpochs, gradientTolerance, seed);
    }

    public Config withMaxIterations(int v) {
      return new Config(batchSize, learningRate, momentum, learningRateDecay, maxEpochs, v, fullGradientCheckEpochs, gradientTolerance, seed);
    }

    public Config withFullGradientCheckEpochs(double v) {
      return new Config(batchSize, learningRate, momentum, learningRateDecay, maxEpochs, maxIterations, v, gradientTolerance, seed);
    }

    public Config withGradientTolerance(double v) {
      return new Config(batchSize, learningRate, momentum, learningRateDecay, maxEpochs, maxIterations, fullGradientCheckEpochs, v, seed);
    }

    public Config withSeed(long v) {
      return new Config(batchSize, learningRate, momentum, learningRateDecay, maxEpochs, maxIterations, fullGradientCheckEpochs, gradientTolerance, v);
    }
  }

  private final Config config;

  public MinibatchSgd(Config config) {
    if (config == null) throw new IllegalArgumentException("MinibatchSgd config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also when {@code objective} is not a {@link StochasticObjective}
   *     or has no examples
   */
  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    if (!(objective instanceof StochasticObjective stochastic)) {
      throw new IllegalArgumentException("MinibatchSgd needs a StochasticObjective (a mean over examples), got "
          + (objective == null ? "null" : objective.getClass().getName()));
    }
    int n = stochastic.exampleCount();
    if (n < 1) {
      throw new IllegalArgumentException("MinibatchSgd: the objective has " + n + " examples, expected at least 1");
    }
    OptimizationRun run = OptimizationRun.start("MinibatchSgd", objective, start, trajectory);
    CountedObjective f = run.objective;
    int p = start.length;
    int batchSize = Math.min(config.batchSize(), n);
    long batchesPerEpoch = (n + (long) batchSize - 1) / batchSize;
    long budget = Math.min(config.maxIterations(), config.maxEpochs() * batchesPerEpoch);
    long checkInterval = Math.max(1L, Math.round(config.fullGradientCheckEpochs() * batchesPerEpoch));
    double mu = config.momentum();

    double[] x = start.clone();
    double[] previous = new double[p];
    double[] g = new double[p];
    double[] velocity = new double[p];
    int[] order = new int[n];
    int[] batch = new int[batchSize];
    SplittableRandom shuffles = new SplittableRandom(config.seed());

    // Last finite full evaluation: which iterate, value, gradient norm.
    double fullValue = f.valueAndGradient(x, g);
    double fullGradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(fullValue, fullGradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, fullValue, fullGradientNorm);
    }
    long fullAt = 0;
    run.recordIfDue(0, fullValue, fullGradientNorm, x);

    int epoch = -1;
    int position = n;
    long k = 0;
    while (true) {
      if (k > 0 && (k % checkInterval == 0 || k == budget || run.trajectoryDue(k))) {
        double value = f.valueAndGradient(x, g);
        double gradientNorm = Vectors.norm(g);
        if (!OptimizationRun.finite(value, gradientNorm)) {
          return diverged(run, k, x, previous, fullAt, fullValue, fullGradientNorm, g);
        }
        fullValue = value;
        fullGradientNorm = gradientNorm;
        fullAt = k;
        run.recordIfDue(k, fullValue, fullGradientNorm, x);
      }
      if (fullAt == k && fullGradientNorm <= config.gradientTolerance()) {
        return run.finish(Status.CONVERGED, k, k, x, fullValue, fullGradientNorm);
      }
      if (k >= budget) {
        return run.finish(Status.MAX_ITERATIONS, k, k, x, fullValue, fullGradientNorm);
      }
      if (OptimizationRun.interrupted()) {
        if (fullAt != k) {
          fullValue = f.valueAndGradient(x, g);
          fullGradientNorm = Vectors.norm(g);
        }
        return run.finish(Status.INTERRUPTED, k, k, x, fullValue, fullGradientNorm);
      }
      if (position == n) {
        epoch++;
        shuffle(order, shuffles.split());
        position = 0;
      }
      int size = Math.min(batchSize, n - position);
      System.arraycopy(order, position, batch, 0, size);
      position += size;
      double batchValue = f.minibatchValueAndGradient(x, g, batch, size);
      if (!OptimizationRun.finite(batchValue, Vectors.norm(g))) {
        return diverged(run, k, x, previous, fullAt, fullValue, fullGradientNorm, g);
      }
      double eta = config.learningRate() / (1.0 + config.learningRateDecay() * epoch);
      // previous <- x_{k+1}, then swap so that x = x_{k+1} and previous = x_k.
      if (mu == 0.0) {
        for (int i = 0; i < p; i++) {
          previous[i] = x[i] - eta * g[i];
        }
      } else {
        for (int i = 0; i < p; i++) {
          double v = mu * velocity[i] - eta * g[i];
          velocity[i] = v;
          previous[i] = x[i] + v;
        }
      }
      double[] t = x;
      x = previous;
      previous = t;
      k++;
    }
  }

  /**
   * Ends a run in which a non-finite number appeared while evaluating at x_k: reports x_{k-1} (held
   * in {@code previous}) or, for k = 0, the start (whose full evaluation was finite, since the run
   * got past it; only its minibatch evaluation failed).
   */
  private static OptimizationResult diverged(OptimizationRun run, long k, double[] x, double[] previous, long fullAt,
      double fullValue, double fullGradientNorm, double[] g) {
    if (k == 0) {
      return run.finish(Status.DIVERGED, 0, 0, x, fullValue, fullGradientNorm);
    }
    if (fullAt == k - 1) {
      return run.finish(Status.DIVERGED, k, k - 1, previous, fullValue, fullGradientNorm);
    }
    double value = run.objective.valueAndGradient(previous, g);
    return run.finish(Status.DIVERGED, k, k - 1, previous, value, Vectors.norm(g));
  }

  /** Fisher-Yates shuffle of 0..n-1 into {@code order}. */
  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  @Override
  public String toString() {
    return "MinibatchSgd" + config;
  }
}

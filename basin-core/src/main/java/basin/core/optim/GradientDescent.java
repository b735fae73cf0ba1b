package basin.core.optim;

import basin.core.linalg.Vectors;
import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;

/**
 * Steepest descent x_{k+1} = x_k - t_k grad f(x_k), with a fixed step t_k = t or a backtracking
 * Armijo line search.
 *
 * <p>Backtracking (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Alg. 3.1): starting
 * from a trial step t, shrink t by {@code backtrackFactor} until the sufficient-decrease condition
 * f(x - t g) &lt;= f(x) - c1 t ||g||^2 holds. The first trial of the next iteration is the accepted
 * step divided by {@code backtrackFactor}, so the step can grow back after a short one.
 *
 * <p>Cost per iteration: fixed step, one gradient evaluation; Armijo, one value evaluation per trial
 * step plus one gradient evaluation at the accepted point.
 *
 * <p>NaN and Inf: with a fixed step, a non-finite value or gradient at the new iterate ends the run
 * as {@link Status#DIVERGED} with the previous iterate. With backtracking, a non-finite trial value
 * counts as a failed trial (the step is shrunk); if the last trial of an exhausted backtracking loop
 * is still non-finite the run is DIVERGED, otherwise {@link Status#LINE_SEARCH_FAILED}.
 */
public final class GradientDescent implements Optimizer {

  /** How the step length is chosen. */
  public enum StepRule {
    /** t_k = stepSize at every iteration. */
    FIXED,
    /** Backtracking from a trial step until the Armijo condition holds. */
    ARMIJO_BACKTRACKING
  }

  /**
   * Configuration.
   *
   * @param stepRule fixed step or Armijo backtracking
   * @param stepSize the fixed step, or the first trial step of the line search; &gt; 0
   * @param sufficientDecrease Armijo constant c1 in (0, 1)
   * @param backtrackFactor factor applied to a rejected trial step, in (0, 1)
   * @param maxBacktracks trial-step reductions per iteration before the line search fails, &gt;= 1
   * @param gradientTolerance stop when ||grad f|| &lt;= this; &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   */
  public record Config(
      StepRule stepRule,
      double stepSize,
      double sufficientDecrease,
      double backtrackFactor,
      int maxBacktracks,
      double gradientTolerance,
      int maxIterations) {

    public Config {
      if (stepRule == null) throw new IllegalArgumentException("GradientDescent stepRule is null");
      if (!(stepSize > 0 && stepSize < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("GradientDescent stepSize must be finite and > 0, got " + stepSize);
      }
      if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) {
        throw new IllegalArgumentException("GradientDescent sufficientDecrease (c1) must be in (0, 1), got " + sufficientDecrease);
      }
      if (!(backtrackFactor > 0 && backtrackFactor < 1)) {
        throw new IllegalArgumentException("GradientDescent backtrackFactor must be in (0, 1), got " + backtrackFactor);
      }
      if (maxBacktracks < 1) {
        throw new IllegalArgumentException("GradientDescent maxBacktracks must be >= 1, got " + maxBacktracks);
      }
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("GradientDescent gradientTolerance must be >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) {
        throw new IllegalArgumentException("GradientDescent maxIterations must be >= 0, got " + maxIterations);
      }
    }

    /** Armijo backtracking from t = 1, c1 = 1e-4, factor 0.5, 50 backtracks, tolerance 1e-6, 10000 iterations. */
    public static Config defaults() {
      return new Config(StepRule.ARMIJO_BACKTRACKING, 1.0, 1e-4, 0.5, 50, 1e-6, 10_000);
    }

    public Config withStepRule(StepRule v) {
      return new Config(v, stepSize, sufficientDecrease, backtrackFactor, maxBacktracks, gradientTolerance, maxIterations);
    }

    public Config withStepSize(double v) {
      return new Config(stepRule, v, sufficientDecrease, backtrackFactor, maxBacktracks, gradientTolerance, maxIterations);
    }

    public Config withSufficientDecrease(double v) {
      return new Config(stepRule, stepSize, v, backtrackFactor, maxBacktracks, gradientTolerance, maxIterations);
    }

    public Config withBacktrackFactor(double v) {
      return new Config(stepRule, stepSize, sufficientDecrease, v, maxBacktracks, gradientTolerance, maxIterations);
    }

    public Config withMaxBacktracks(int v) {
      return new Config(stepRule, stepSize, sufficientDecrease, backtrackFactor, v, gradientTolerance, maxIterations);
    }

    public Config withGradientTolerance(double v) {
      return new Config(stepRule, stepSize, sufficientDecrease, backtrackFactor, maxBacktracks, v, maxIterations);
    }

    public Config withMaxIterations(int v) {
      return new Config(stepRule, stepSize, sufficientDecrease, backtrackFactor, maxBacktracks, gradientTolerance, v);
    }
  }

  private final Config config;

  public GradientDescent(Config config) {
    if (config == null) throw new IllegalArgumentException("GradientDescent config is null");
    this.config = config;
  }

  /** Fixed-step descent with the other settings at their defaults. */
  public static GradientDescent fixedStep(double stepSize) {
    return new GradientDescent(Config.defaults().withStepRule(StepRule.FIXED).withStepSize(stepSize));
  }

  public Config config() {
    return config;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun run = OptimizationRun.start("GradientDescent", objective, start, trajectory);
    CountedObjective f = run.objective;
    int p = start.length;
    double[] x = start.clone();
    double[] next = new double[p];
    double[] g = new double[p];

    double value = f.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(value, gradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, value, gradientNorm);
    }
    run.recordIfDue(0, value, gradientNorm, x);
    boolean armijo = config.stepRule() == StepRule.ARMIJO_BACKTRACKING;
    double step = config.stepSize();
    long k = 0;
    while (true) {
      Status stop = OptimizationRun.stopBefore(k, gradientNorm, config.gradientTolerance(), config.maxIterations());
      if (stop != null) {
        return run.finish(stop, k, k, x, value, gradientNorm);
      }
      if (armijo) {
        double slope = gradientNorm * gradientNorm;
        boolean accepted = false;
        boolean lastTrialFinite = true;
        for (int j = 0; j <= config.maxBacktracks(); j++) {
          for (int i = 0; i < p; i++) {
            next[i] = x[i] - step * g[i];
          }
          double trial = f.value(next);
          // NaN fails the comparison, so a non-finite trial value is a rejected trial.
          if (trial <= value - config.sufficientDecrease() * step * slope) {
            accepted = true;
            break;
          }
          lastTrialFinite = Double.isFinite(trial);
          step *= config.backtrackFactor();
        }
        if (!accepted) {
          Status status = lastTrialFinite ? Status.LINE_SEARCH_FAILED : Status.DIVERGED;
          return run.finish(status, k, k, x, value, gradientNorm);
        }
      } else {
        for (int i = 0; i < p; i++) {
          next[i] = x[i] - step * g[i];
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
      if (armijo) {
        step = Math.min(step / config.backtrackFactor(), Double.MAX_VALUE);
      }
    }
  }

  @Override
  public String toString() {
    return "GradientDescent" + config;
  }
}

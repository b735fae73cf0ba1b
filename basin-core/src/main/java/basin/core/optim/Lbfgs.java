package basin.core.optim;

import basin.core.linalg.Vectors;
import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Alg. 7.4 two-loop
 * recursion and Alg. 7.5) with a strong-Wolfe line search (Alg. 3.5/3.6, cubic interpolation).
 *
 * <p>Direction d_k = -H_k g_k from the last m pairs s_i = x_{i+1} - x_i, y_i = g_{i+1} - g_i and the
 * initial inverse Hessian H_k^0 = gamma_k I, gamma_k = s'y / y'y of the newest pair (eq. 7.20). A
 * pair is stored only if s'y &gt; {@code curvatureSkipThreshold} ||s|| ||y||, which keeps H_k positive
 * definite (the strong Wolfe conditions guarantee s'y &gt; 0 except at steps accepted after a
 * line-search budget ran out). First trial step: 1, except min(1, 1/||g||) when the memory is empty.
 *
 * <p>Line-search failure: the memory is cleared and the iteration retried once along -g; if that
 * also fails the run ends as {@link Status#LINE_SEARCH_FAILED} (budget exhausted), {@link
 * Status#STALLED} (bracket below the resolution of x) or {@link Status#DIVERGED} (only non-finite
 * values beyond the current point). The line search switches to derivative-based tests when value
 * differences are round-off (see {@link Config#valueRoundoff()}), which is what lets L-BFGS drive the
 * gradient norm to 1e-10 and below on smooth problems whose minimum value is far from 0.
 *
 * <p>Cost: usually one gradient evaluation per iteration (more while the line search brackets), no
 * value-only evaluations; memory 2 m P doubles.
 *
 * <p>NaN and Inf: a non-finite value or gradient at a trial point shortens the step (see {@link
 * StrongWolfeLineSearch}); iterates are always finite. A non-finite start ends the run as DIVERGED
 * at once.
 */
public final class Lbfgs implements Optimizer {

  /**
   * Configuration.
   *
   * @param memory number m of stored (s, y) pairs, &gt;= 1
   * @param gradientTolerance stop when ||grad f|| &lt;= this; &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   * @param sufficientDecrease Wolfe constant c1 in (0, c2)
   * @param curvature Wolfe constant c2 in (c1, 1)
   * @param maxLineSearchEvaluations gradient evaluations per line search, &gt;= 1
   * @param curvatureSkipThreshold a pair is skipped if s'y &lt;= this ||s|| ||y||; in [0, 1)
   * @param valueRoundoff relative round-off of objective values: value differences below this times
   *     |f| are replaced by derivative-based estimates in the line search; in [0, 1)
   */
  public record Config(
      int memory,
      double gradientTolerance,
      int maxIterations,
      double sufficientDecrease,
      double curvature,
      int maxLineSearchEvaluations,
      double curvatureSkipThreshold,
      double valueRoundoff) {

    public Config {
      if (memory < 1) throw new IllegalArgumentException("Lbfgs memory must be >= 1, got " + memory);
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("Lbfgs gradientTolerance must be >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) throw new IllegalArgumentException("Lbfgs maxIterations must be >= 0, got " + maxIterations);
      if (!(sufficientDecrease > 0 && sufficientDecrease < curvature && curvature < 1)) {
        throw new IllegalArgumentException("Lbfgs Wolfe constants must satisfy 0 < c1 < c2 < 1, got c1 = "
            + sufficientDecrease + ", c2 = " + curvature);
      }
      if (maxLineSearchEvaluations < 1) {
        throw new IllegalArgumentException("Lbfgs maxLineSearchEvaluations must be >= 1, got " + maxLineSearchEvaluations);
      }
      if (!(curvatureSkipThreshold >= 0 && curvatureSkipThreshold < 1)) {
        throw new IllegalArgumentException("Lbfgs curvatureSkipThreshold must be in [0, 1), got " + curvatureSkipThreshold);
      }
      if (!(valueRoundoff >= 0 && valueRoundoff < 1)) {
        throw new IllegalArgumentException("Lbfgs valueRoundoff must be in [0, 1), got " + valueRoundoff);
      }
    }

    /**
     * m = 10, tolerance 1e-8, 10000 iterations, c1 = 1e-4, c2 = 0.9 (N&amp;W's values for quasi-Newton
     * methods), 30 evaluations per line search, skip threshold 1e-10, value round-off 1e-10 (well
     * above the ~1e-13 relative round-off of a double-precision mean loss over 1e5 examples).
     */
    public static Config defaults() {
      return new Config(10, 1e-8, 10_000, 1e-4, 0.9, 30, 1e-10, 1e-10);
    }

    public Config withMemory(int v) {
      return new Config(v, gradientTolerance, maxIterations, sufficientDecrease, curvature, maxLineSearchEvaluations, curvatureSkipThreshold, valueRoundoff);
    }

    public Config withGradientTolerance(double v) {
      return new Config(memory, v, maxIterations, sufficientDecrease, curvature, maxLineSearchEvaluations, curvatureSkipThreshold, valueRoundoff);
    }

    public Config withMaxIterations(int v) {
      return new Config(memory, gradientTolerance, v, sufficientDecrease, curvature, maxLineSearchEvaluations, curvatureSkipThreshold, valueRoundoff);
    }

    public Config withSufficientDecrease(double v) {
      return new Config(memory, gradientTolerance, maxIterations, v, curvature, maxLineSearchEvaluations, curvatureSkipThreshold, valueRoundoff);
    }

    public Config withCurvature(double v) {
      return new Config(memory, gradientTolerance, maxIterations, sufficientDecrease, v, maxLineSearchEvaluations, curvatureSkipThreshold, valueRoundoff);
    }

    public Config withMaxLineSearchEvaluations(int v) {
      return new Config(memory, gradientTolerance, maxIterations, sufficientDecrease, curvature, v, curvatureSkipThreshold, valueRoundoff);
    }

    public Config withCurvatureSkipThreshold(double v) {
      return new Config(memory, gradientTolerance, maxIterations, sufficientDecrease, curvature, maxLineSearchEvaluations, v, valueRoundoff);
    }

    public Config withValueRoundoff(double v) {
      return new Config(memory, gradientTolerance, maxIterations, sufficientDecrease, curvature, maxLineSearchEvaluations, curvatureSkipThreshold, v);
    }
  }

  private final Config config;

  public Lbfgs(Config config) {
    if (config == null) throw new IllegalArgumentException("Lbfgs config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun run = OptimizationRun.start("Lbfgs", objective, start, trajectory);
    CountedObjective f = run.objective;
    int p = start.length;
    int m = config.memory();
    if ((long) m * p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Lbfgs memory " + m + " times dimension " + p + " exceeds the largest Java array");
    }
    double[] x = start.clone();
    double[] g = new double[p];
    double[] d = new double[p];
    double[] sHistory = new double[m * p];
    double[] yHistory = new double[m * p];
    double[] rho = new double[m];
    double[] alpha = new double[m];
    StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(f, config.sufficientDecrease(), config.curvature(),
        config.valueRoundoff(), config.gradientTolerance(), config.maxLineSearchEvaluations());

    double value = f.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(value, gradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, value, gradientNorm);
    }
    run.recordIfDue(0, value, gradientNorm, x);
    int stored = 0;
    int newest = -1;
    double gamma = 1.0;
    long k = 0;
    while (true) {
      Status stop = OptimizationRun.stopBefore(k, gradientNorm, config.gradientTolerance(), config.maxIterations());
      if (stop != null) {
        return run.finish(stop, k, k, x, value, gradientNorm);
      }
      StrongWolfeLineSearch.Outcome outcome;
      while (true) {
        double slope;
        if (stored > 0) {
          twoLoopDirection(g, d, sHistory, yHistory, rho, alpha, stored, newest, gamma);
          slope = Vectors.dot(g, d);
          if (!(slope < 0)) {
            stored = 0; // round-off made -H g ascent: restart from steepest descent
          }
        } else {
          slope = Double.NaN;
        }
        double initialStep = 1.0;
        if (stored == 0) {
          for (int i = 0; i < p; i++) {
            d[i] = -g[i];
          }
          slope = -gradientNorm * gradientNorm;
          initialStep = Math.min(1.0, 1.0 / gradientNorm);
        }
        outcome = lineSearch.search(x, value, d, slope, initialStep);
        if (outcome.accepted() || stored == 0) {
          break;
        }
        stored = 0;
      }
      if (!outcome.accepted()) {
        Status status = switch (outcome) {
          case FAILED_NON_FINITE -> Status.DIVERGED;
          case FAILED_INTERVAL_COLLAPSED -> Status.STALLED;
          default -> Status.LINE_SEARCH_FAILED;
        };
        return run.finish(status, k, k, x, value, gradientNorm);
      }
      double[] newPoint = lineSearch.acceptedPoint();
      double[] newGradient = lineSearch.acceptedGradient();
      double sy = 0;
      double ss = 0;
      double yy = 0;
      for (int i = 0; i < p; i++) {
        double s = newPoint[i] - x[i];
        double y = newGradient[i] - g[i];
        sy += s * y;
        ss += s * s;
        yy += y * y;
      }
      if (sy > config.curvatureSkipThreshold() * Math.sqrt(ss) * Math.sqrt(yy) && yy > 0) {
        // The slot after the newest holds the oldest pair once the memory is full.
        int slot = newest + 1 == m ? 0 : newest + 1;
        int offset = slot * p;
        for (int i = 0; i < p; i++) {
          sHistory[offset + i] = newPoint[i] - x[i];
          yHistory[offset + i] = newGradient[i] - g[i];
        }
        rho[slot] = 1.0 / sy;
        gamma = sy / yy;
        newest = slot;
        stored = Math.min(stored + 1, m);
      }
      System.arraycopy(newPoint, 0, x, 0, p);
      System.arraycopy(newGradient, 0, g, 0, p);
      value = lineSearch.acceptedValue();
      gradientNorm = lineSearch.acceptedGradientNorm();
      k++;
      run.recordIfDue(k, value, gradientNorm, x);
    }
  }

  /**
   * d = -H g by the two-loop recursion (N&amp;W Alg. 7.4) over the {@code stored} newest pairs of the
   * circular history, newest at slot {@code newest}.
   */
  private static void twoLoopDirection(double[] g, double[] d, double[] sHistory, double[] yHistory,
      double[] rho, double[] alpha, int stored, int newest, double gamma) {
    int p = g.length;
    int m = rho.length;
    System.arraycopy(g, 0, d, 0, p);
    int slot = newest;
    for (int j = 0; j < stored; j++) {
      int offset = slot * p;
      double a = 0;
      for (int i = 0; i < p; i++) {
        a += sHistory[offset + i] * d[i];
      }
      a *= rho[slot];
      alpha[slot] = a;
      for (int i = 0; i < p; i++) {
        d[i] -= a * yHistory[offset + i];
      }
      slot = slot == 0 ? m - 1 : slot - 1;
    }
    for (int i = 0; i < p; i++) {
      d[i] *= gamma;
    }
    // slot is now one before the oldest stored pair.
    for (int j = 0; j < stored; j++) {
      slot = slot + 1 == m ? 0 : slot + 1;
      int offset = slot * p;
      double b = 0;
      for (int i = 0; i < p; i++) {
        b += yHistory[offset + i] * d[i];
      }
      b *= rho[slot];
      double c = alpha[slot] - b;
      for (int i = 0; i < p; i++) {
        d[i] += c * sHistory[offset + i];
      }
    }
    for (int i = 0; i < p; i++) {
      d[i] = -d[i];
    }
  }

  @Override
  public String toString() {
    return "Lbfgs" + config;
  }
}

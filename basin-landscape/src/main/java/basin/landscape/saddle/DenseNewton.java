package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult;
import basin.core.optim.OptimizationResult.Status;
import basin.core.optim.Optimizer;
import basin.core.optim.TrajectoryOptions;
import basin.landscape.spectral.DenseSpectrum;
import java.util.List;

/**
 * Newton's method from the dense eigendecomposition H = sum_i lambda_i v_i v_i^T, in two variants
 * for small P (the comparison of which methods end where, {@link MethodComparison}):
 *
 * <ul>
 *   <li>{@link Variant#PURE}: w &lt;- w - sum_{|lambda_i| &gt; c} (&lt;v_i, g&gt; / lambda_i) v_i, the
 *       Newton step with the pseudo-inverse (c = cutoff max_i |lambda_i|), unit step, no line
 *       search: it goes to the nearest critical point of whatever index, attracted by saddles as
 *       much as by minima.
 *   <li>{@link Variant#SADDLE_FREE}: the step -sum_i (&lt;v_i, g&gt; / max(|lambda_i|, c)) v_i with
 *       |H| in place of H (Dauphin, Pascanu, Gulcehre, Cho, Ganguli &amp; Bengio, "Identifying and
 *       attacking the saddle point problem in high-dimensional non-convex optimization", NeurIPS
 *       2014, Sec. 5): a descent direction that flees negative curvature at the rate Newton
 *       approaches positive curvature; Armijo backtracking on f from the unit step (c1 = 1e-4, factor
 *       1/2).
 * </ul>
 *
 * <p>Stops: CONVERGED when |g| &lt;= gradientTolerance; MAX_ITERATIONS; DIVERGED at a non-finite value,
 * gradient or Hessian (the last finite iterate is returned); LINE_SEARCH_FAILED (saddle-free only)
 * when maxBacktracks trials are all rejected.
 *
 * <p>Cost per iteration: one gradient, one dense Hessian ({@link Objective#hessian}, counted as P
 * Hessian-vector products) and one symmetric eigendecomposition (about 9 P^3 flops), plus one value
 * per backtracking trial (saddle-free). Memory 3 P^2 doubles. Meant for P up to a few hundred.
 */
public final class DenseNewton implements Optimizer {

  /** Which Newton step. */
  public enum Variant {
    /** H^+ g, unit step, no line search. */
    PURE,
    /** |H|^-1 g with Armijo backtracking. */
    SADDLE_FREE
  }

  /**
   * Configuration.
   *
   * @param variant pure or saddle-free
   * @param gradientTolerance stop when |g| &lt;= this; finite, &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   * @param cutoff relative eigenvalue cutoff c (pseudo-inverse threshold for PURE, floor of |lambda|
   *     for SADDLE_FREE), in (0, 1)
   * @param maxBacktracks line-search trials per iteration (SADDLE_FREE), &gt;= 1
   */
  public record Config(Variant variant, double gradientTolerance, int maxIterations, double cutoff, int maxBacktracks) {
    public Config {
      if (variant == null) throw new IllegalArgumentException("DenseNewton variant is null");
      if (!(gradientTolerance >= 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("DenseNewton gradientTolerance must be finite and >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) throw new IllegalArgumentException("DenseNewton maxIterations must be >= 0, got " + maxIterations);
      if (!(cutoff > 0 && cutoff < 1)) throw new IllegalArgumentException("DenseNewton cutoff must be in (0, 1), got " + cutoff);
      if (maxBacktracks < 1) throw new IllegalArgumentException("DenseNewton maxBacktracks must be >= 1, got " + maxBacktracks);
    }

    /** Gradient tolerance 1e-10, 100 iterations, cutoff 1e-10, 50 backtracks. */
    public static Config defaults(Variant variant) {
      return new Config(variant, 1e-10, 100, 1e-10, 50);
    }

    public Config withGradientTolerance(double v) {
      return new Config(variant, v, maxIterations, cutoff, maxBacktracks);
    }

    public Config withMaxIterations(int v) {
      return new Config(variant, gradientTolerance, v, cutoff, maxBacktracks);
    }

    public Config withCutoff(double v) {
      return new Config(variant, gradientTolerance, maxIterations, v, maxBacktracks);
    }

    public Config withMaxBacktracks(int v) {
      return new Config(variant, gradientTolerance, maxIterations, cutoff, v);
    }
  }

  private final Config config;

  public DenseNewton(Config config) {
    if (config == null) throw new IllegalArgumentException("DenseNewton config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /** Runs the method; {@code trajectory} is not supported and must be null. */
  @Override
  public OptimizationResult minimize(Objective f, double[] start, TrajectoryOptions trajectory) {
    if (f == null || start == null) throw new IllegalArgumentException("DenseNewton objective and start must not be null");
    if (trajectory != null) throw new IllegalArgumentException("DenseNewton records no trajectory; pass null");
    int p = f.dimension();
    if (start.length != p) throw new IllegalArgumentException("start has length " + start.length + ", objective dimension is " + p);
    long t0 = System.nanoTime();
    double[] x = start.clone();
    double[] g = new double[p];
    double[] h = new double[p * p];
    double[] step = new double[p];
    double[] trial = new double[p];
    double[] force = new double[p];
    long values = 0;
    long gradients = 1;
    long products = 0;
    double value = f.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!Double.isFinite(value) || !Double.isFinite(gradientNorm) || !Vectors.allFinite(x)) {
      return result(Status.DIVERGED, 0, values, gradients, products, value, gradientNorm, x, t0);
    }
    boolean saddleFree = config.variant() == Variant.SADDLE_FREE;
    int k = 0;
    while (true) {
      if (gradientNorm <= config.gradientTolerance()) return result(Status.CONVERGED, k, values, gradients, products, value, gradientNorm, x, t0);
      if (k >= config.maxIterations()) return result(Status.MAX_ITERATIONS, k, values, gradients, products, value, gradientNorm, x, t0);
      if (Thread.currentThread().isInterrupted()) return result(Status.INTERRUPTED, k, values, gradients, products, value, gradientNorm, x, t0);
      f.hessian(x, h);
      products += p;
      if (!Vectors.allFinite(h)) return result(Status.DIVERGED, k, values, gradients, products, value, gradientNorm, x, t0);
      DenseSpectrum.Result eig = DenseSpectrum.decompose(h, p, true);
      double[] lambda = eig.eigenvalues();
      double slope = direction(lambda, eig.eigenvectors(), g, p, saddleFree, config.cutoff(), step, force);
      double alpha = 1.0;
      double trialValue = Double.NaN;
      if (saddleFree) {
        boolean accepted = false;
        for (int t = 0; t < config.maxBacktracks(); t++) {
          for (int j = 0; j < p; j++) trial[j] = x[j] + alpha * step[j];
          trialValue = f.value(trial);
          values++;
          if (Double.isFinite(trialValue) && trialValue <= value + 1e-4 * alpha * slope) {
            accepted = true;
            break;
          }
          alpha *= 0.5;
        }
        if (!accepted) return result(Status.LINE_SEARCH_FAILED, k, values, gradients, products, value, gradientNorm, x, t0);
      } else {
        for (int j = 0; j < p; j++) trial[j] = x[j] + step[j];
      }
      double newValue = f.valueAndGradient(trial, force);
      gradients++;
      double newNorm = Vectors.norm(force);
      if (!Double.isFinite(newValue) || !Double.isFinite(newNorm) || !Vectors.allFinite(trial)) {
        return result(Status.DIVERGED, k, values, gradients, products, value, gradientNorm, x, t0);
      }
      System.arraycopy(trial, 0, x, 0, p);
      System.arraycopy(force, 0, g, 0, p);
      value = newValue;
      gradientNorm = newNorm;
      k++;
    }
  }

  /**
   * The Newton direction from the eigendecomposition H = sum_i lambda_i v_i v_i^T: with F_i =
   * &lt;v_i, g&gt; and c = cutoff max_i |lambda_i|, step = -sum_{|lambda_i| &gt; c} (F_i / lambda_i) v_i
   * (pure) or -sum_i (F_i / max(|lambda_i|, c)) v_i (saddle-free). Cost 2 P^2 flops.
   *
   * @param lambda eigenvalues, ascending (not modified)
   * @param v row-major eigenvectors, row i for lambda_i (not modified)
   * @param g the gradient (not modified)
   * @param step output (overwritten)
   * @param force workspace of length P (overwritten with F)
   * @return the slope &lt;g, step&gt; (negative for saddle-free unless g = 0)
   */
  static double direction(double[] lambda, double[] v, double[] g, int p, boolean saddleFree, double cutoff, double[] step,
      double[] force) {
    double scale = Math.max(Math.abs(lambda[0]), Math.abs(lambda[p - 1]));
    double floor = cutoff * scale;
    java.util.Arrays.fill(step, 0.0);
    double slope = 0;
    for (int i = 0; i < p; i++) {
      double fi = 0;
      for (int j = 0; j < p; j++) fi += v[i * p + j] * g[j];
      force[i] = fi;
      double d;
      if (saddleFree) {
        d = Math.max(Math.abs(lambda[i]), floor);
        if (!(d > 0)) continue;
      } else {
        if (!(Math.abs(lambda[i]) > floor)) continue;
        d = lambda[i];
      }
      double c = -fi / d;
      slope += c * fi;
      for (int j = 0; j < p; j++) step[j] += c * v[i * p + j];
    }
    return slope;
  }

  private static OptimizationResult result(Status status, long k, long values, long gradients, long products, double value,
      double gradientNorm, double[] x, long t0) {
    return new OptimizationResult(status, k, values, gradients, 0, products, value, gradientNorm, x.clone(), System.nanoTime() - t0,
        null, List.of());
  }

  @Override
  public String toString() {
    return "DenseNewton" + config;
  }
}

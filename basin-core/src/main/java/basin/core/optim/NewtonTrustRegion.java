package basin.core.optim;

import basin.core.linalg.Vectors;
import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;

/**
 * Newton-CG trust-region method (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Alg. 4.1
 * with the Steihaug-Toint truncated CG subproblem solver, Alg. 7.2), matrix-free: only gradients and
 * Hessian-vector products.
 *
 * <p>Iteration k: solve min g'p + (1/2) p'Hp, ||p|| &lt;= Delta approximately by CG to residual
 * ||g + Hp|| &lt;= eta_k ||g|| with the forcing term eta_k = min({@code maxForcing}, ||g||^{@code
 * forcingPower}) (N&amp;W eq. 7.3 and Thm. 7.2: power 1/2 gives superlinear, power 1 quadratic
 * convergence near a non-degenerate minimizer). Negative curvature met by CG sends the step to the
 * boundary along it, so the method leaves saddle points it does not start exactly on. The ratio
 * rho = actual / predicted reduction, predicted = -(g'p + (1/2) p'Hp), decides:
 * rho &lt; 1/4 shrinks Delta to ||p||/4; rho &gt; 3/4 with a boundary step doubles Delta up to
 * {@code maxRadius}; the step is taken when rho &gt; {@code acceptanceRatio}.
 *
 * <p><b>Round-off.</b> When |f(x) - f(x + p)| &lt;= {@code valueRoundoff} |f(x)| the actual
 * reduction is the trapezoid estimate -(1/2)(g(x) + g(x + p))'p, exact for quadratics and free of
 * cancellation, so acceptance near the minimizer is decided by derivatives, not by round-off. This
 * lets the method polish a non-degenerate minimizer to gradient norms of 1e-10 to 1e-12 in a few
 * iterations.
 *
 * <p><b>Finishing on the gradient norm.</b> Value comparisons stop working once f(x) - f(x + p) is
 * below the rounding of f: with f* far from 0, or with f computed as a difference of large terms
 * (a population loss near its minimum 0), where |f| says nothing about its rounding error. The ratio
 * test then rejects good steps and the radius collapses. So, with {@code finishWithNewtonMr} (the
 * default), the run continues with {@link NewtonMr} iterations, which accept steps by a decrease of
 * ||g|| only, from the current iterate, with the same gradient tolerance, the same iteration budget
 * (iterations and evaluation counts of both phases add up in the one result, whose status is the
 * final one) and maxCgIterations as the MINRES cap, when either
 * <ul>
 *   <li>the predicted reduction is at most 4 ulp(f(x)) ~ 4 * 2^-52 |f(x)| (the model asks for a
 *       decrease that f cannot represent), or
 *   <li>Delta falls below the resolution of x (2^-52 (1 + ||x||)) with ||g|| above tolerance, the
 *       last rejection not caused by a non-finite trial (the run would otherwise end STALLED),
 * </ul>
 * in both cases only if the last CG solve met no negative curvature, so that the model describes a
 * neighbourhood of a minimizer (Newton-MR converges to the nearest critical point of any index, and
 * must not be handed a saddle region). Without the switch such runs end STALLED.
 *
 * <p>Stops: CONVERGED when ||g|| &lt;= tolerance; STALLED when Delta falls below the resolution of x
 * and no switch is made (or from the Newton-MR phase, see {@link NewtonMr}); MAX_ITERATIONS (rejected
 * steps count as iterations). Only first-order stationarity is tested: a start exactly on a saddle
 * (g = 0) is reported CONVERGED.
 *
 * <p>Cost per iteration: one gradient evaluation at the trial point plus the CG iterations'
 * Hessian-vector products (at most {@code maxCgIterations}); a Newton-MR iteration costs its MINRES
 * products plus one gradient per line-search trial.
 *
 * <p>NaN and Inf: a non-finite trial value or gradient counts as rho = -Inf (step rejected, radius
 * shrunk); if the radius then collapses the run is DIVERGED rather than STALLED. A non-finite
 * Hessian-vector product at the current iterate ends the run as DIVERGED there.
 */
public final class NewtonTrustRegion implements Optimizer {

  /** Delta below this times (1 + ||x||) cannot change x any more. */
  private static final double RADIUS_RESOLUTION = 0x1p-52;
  private static final double SHRINK_BELOW = 0.25;
  private static final double EXPAND_ABOVE = 0.75;
  /**
   * A predicted reduction at most this many ulps of f(x) is below the resolution of f: with f(x) and
   * f(x + p) each rounded to half an ulp and f itself computed with a few ulps of error, the actual
   * reduction of such a step is round-off.
   */
  static final double VALUE_RESOLUTION_ULPS = 4.0;

  /**
   * Configuration.
   *
   * @param gradientTolerance stop when ||grad f|| &lt;= this; &gt;= 0
   * @param maxIterations iteration budget (rejected steps included), &gt;= 0
   * @param initialRadius Delta_0, finite and &gt; 0, at most maxRadius
   * @param maxRadius largest Delta, finite
   * @param acceptanceRatio eta in N&amp;W Alg. 4.1, in [0, 1/4)
   * @param maxForcing upper bound of the forcing term, in (0, 1)
   * @param forcingPower exponent of ||g|| in the forcing term, in (0, 1]
   * @param maxCgIterations Hessian-vector products per subproblem, &gt;= 1
   * @param valueRoundoff relative round-off of objective values (see class comment), in [0, 1)
   * @param finishWithNewtonMr whether a run whose value comparisons stop working continues with
   *     {@link NewtonMr} steps (see class comment); true by default
   */
  public record Config(
      double gradientTolerance,
      int maxIterations,
      double initialRadius,
      double maxRadius,
      double acceptanceRatio,
      double maxForcing,
      double forcingPower,
      int maxCgIterations,
      double valueRoundoff,
      boolean finishWithNewtonMr) {

    public Config {
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("NewtonTrustRegion gradientTolerance must be >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) {
        throw new IllegalArgumentException("NewtonTrustRegion maxIterations must be >= 0, got " + maxIterations);
      }
      if (!(maxRadius > 0 && maxRadius < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("NewtonTrustRegion maxRadius must be finite and > 0, got " + maxRadius);
      }
      if (!(initialRadius > 0 && initialRadius <= maxRadius)) {
        throw new IllegalArgumentException("NewtonTrustRegion initialRadius must be in (0, maxRadius = " + maxRadius + "], got " + initialRadius);
      }
      if (!(acceptanceRatio >= 0 && acceptanceRatio < SHRINK_BELOW)) {
        throw new IllegalArgumentException("NewtonTrustRegion acceptanceRatio must be in [0, 0.25), got " + acceptanceRatio);
      }
      if (!(maxForcing > 0 && maxForcing < 1)) {
        throw new IllegalArgumentException("NewtonTrustRegion maxForcing must be in (0, 1), got " + maxForcing);
      }
      if (!(forcingPower > 0 && forcingPower <= 1)) {
        throw new IllegalArgumentException("NewtonTrustRegion forcingPower must be in (0, 1], got " + forcingPower);
      }
      if (maxCgIterations < 1) {
        throw new IllegalArgumentException("NewtonTrustRegion maxCgIterations must be >= 1, got " + maxCgIterations);
      }
      if (!(valueRoundoff >= 0 && valueRoundoff < 1)) {
        throw new IllegalArgumentException("NewtonTrustRegion valueRoundoff must be in [0, 1), got " + valueRoundoff);
      }
    }

    /**
     * Tolerance 1e-12 (reachable at a nonsingular minimum because the Newton-MR finish accepts steps on |g|), 200 iterations, Delta_0 = 1, Delta_max = 1000, eta = 1e-4, forcing term
     * min(0.5, sqrt(||g||)), 500 CG iterations, value round-off 1e-10, finishing with Newton-MR.
     */
    public static Config defaults() {
      return new Config(1e-12, 200, 1.0, 1000.0, 1e-4, 0.5, 0.5, 500, 1e-10, true);
    }

    public Config withGradientTolerance(double v) {
      return new Config(v, maxIterations, initialRadius, maxRadius, acceptanceRatio, maxForcing, forcingPower, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withMaxIterations(int v) {
      return new Config(gradientTolerance, v, initialRadius, maxRadius, acceptanceRatio, maxForcing, forcingPower, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withInitialRadius(double v) {
      return new Config(gradientTolerance, maxIterations, v, maxRadius, acceptanceRatio, maxForcing, forcingPower, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withMaxRadius(double v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, v, acceptanceRatio, maxForcing, forcingPower, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withAcceptanceRatio(double v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, maxRadius, v, maxForcing, forcingPower, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withMaxForcing(double v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, maxRadius, acceptanceRatio, v, forcingPower, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withForcingPower(double v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, maxRadius, acceptanceRatio, maxForcing, v, maxCgIterations, valueRoundoff, finishWithNewtonMr);
    }

    public Config withMaxCgIterations(int v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, maxRadius, acceptanceRatio, maxForcing, forcingPower, v, valueRoundoff, finishWithNewtonMr);
    }

    public Config withValueRoundoff(double v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, maxRadius, acceptanceRatio, maxForcing, forcingPower, maxCgIterations, v, finishWithNewtonMr);
    }

    public Config withFinishWithNewtonMr(boolean v) {
      return new Config(gradientTolerance, maxIterations, initialRadius, maxRadius, acceptanceRatio, maxForcing, forcingPower, maxCgIterations, valueRoundoff, v);
    }

    /**
     * The {@link NewtonMr} configuration a run continues with: this gradient tolerance, iteration
     * budget (shared: the total count of the run is bounded by maxIterations) and maxCgIterations as
     * the MINRES cap, the other values NewtonMr's defaults.
     */
    public NewtonMr.Config newtonMrConfig() {
      return NewtonMr.Config.defaults().withGradientTolerance(gradientTolerance).withMaxIterations(maxIterations)
          .withMaxMinresIterations(maxCgIterations);
    }
  }

  private final Config config;

  public NewtonTrustRegion(Config config) {
    if (config == null) throw new IllegalArgumentException("NewtonTrustRegion config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun run = OptimizationRun.start("NewtonTrustRegion", objective, start, trajectory);
    CountedObjective f = run.objective;
    int p = start.length;
    double[] x = start.clone();
    double[] g = new double[p];
    double[] trialPoint = new double[p];
    double[] trialGradient = new double[p];
    SteihaugConjugateGradient cg = new SteihaugConjugateGradient(f, config.maxCgIterations());

    double value = f.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(value, gradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, value, gradientNorm);
    }
    run.recordIfDue(0, value, gradientNorm, x);
    double radius = config.initialRadius();
    double pointNorm = Vectors.norm(x);
    boolean lastRejectionNonFinite = false;
    boolean lastNegativeCurvature = false;
    long k = 0;
    while (true) {
      Status stop = OptimizationRun.stopBefore(k, gradientNorm, config.gradientTolerance(), config.maxIterations());
      if (stop != null) {
        return run.finish(stop, k, k, x, value, gradientNorm);
      }
      if (radius <= RADIUS_RESOLUTION * (1.0 + pointNorm)) {
        if (lastRejectionNonFinite) {
          return run.finish(Status.DIVERGED, k, k, x, value, gradientNorm);
        }
        if (config.finishWithNewtonMr() && !lastNegativeCurvature) {
          return NewtonMr.iterate(run, config.newtonMrConfig(), x, g, value, gradientNorm, k);
        }
        return run.finish(Status.STALLED, k, k, x, value, gradientNorm);
      }
      double forcing = Math.min(config.maxForcing(), Math.pow(gradientNorm, config.forcingPower()));
      cg.solve(x, g, gradientNorm, radius, forcing * gradientNorm);
      if (cg.nonFinite()) {
        return run.finish(Status.DIVERGED, k, k, x, value, gradientNorm);
      }
      lastNegativeCurvature = cg.negativeCurvature();
      double[] step = cg.step();
      double stepNorm = Vectors.norm(step);
      double predicted = -(Vectors.dot(g, step) + 0.5 * Vectors.dot(step, cg.hessianStep()));
      if (config.finishWithNewtonMr() && !lastNegativeCurvature
          && predicted <= VALUE_RESOLUTION_ULPS * Math.ulp(value)) {
        // f cannot resolve the decrease the model predicts: rho would be round-off.
        return NewtonMr.iterate(run, config.newtonMrConfig(), x, g, value, gradientNorm, k);
      }
      k++;
      double ratio = Double.NEGATIVE_INFINITY;
      lastRejectionNonFinite = false;
      // predicted <= 0 happens only for a step at round-off level: reject it without evaluating.
      if (predicted > 0) {
        for (int i = 0; i < p; i++) {
          trialPoint[i] = x[i] + step[i];
        }
        double trialValue = f.valueAndGradient(trialPoint, trialGradient);
        double trialGradientNorm = Vectors.norm(trialGradient);
        if (!OptimizationRun.finite(trialValue, trialGradientNorm)) {
          lastRejectionNonFinite = true;
        } else {
          double actual = value - trialValue;
          if (Math.abs(actual) <= config.valueRoundoff() * Math.abs(value)) {
            actual = -0.5 * (Vectors.dot(g, step) + Vectors.dot(trialGradient, step));
          }
          ratio = actual / predicted;
          if (ratio > config.acceptanceRatio()) {
            double[] t = x;
            x = trialPoint;
            trialPoint = t;
            t = g;
            g = trialGradient;
            trialGradient = t;
            value = trialValue;
            gradientNorm = trialGradientNorm;
            pointNorm = Vectors.norm(x);
          }
        }
      }
      if (ratio < SHRINK_BELOW) {
        radius = SHRINK_BELOW * Math.min(stepNorm, radius);
      } else if (ratio > EXPAND_ABOVE && cg.onBoundary()) {
        radius = Math.min(2.0 * radius, config.maxRadius());
      }
      run.recordIfDue(k, value, gradientNorm, x);
    }
  }

  @Override
  public String toString() {
    return "NewtonTrustRegion" + config;
  }
}

package basin.core.optim;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult.Status;

/**
 * Newton-MR: inexact Newton steps from MINRES, accepted by a decrease of the gradient norm (Roosta,
 * Liu, Xu &amp; Ye, "Newton-MR: inexact Newton method with minimum residual sub-problem solver",
 * EURO J. Comput. Optim. 10, 2022; arXiv:1810.00303, Alg. 1), matrix-free.
 *
 * <p>Iteration k, with g = grad f(x_k), H = Hessian at x_k:
 * <ol>
 *   <li>p_k ~ argmin ||H p + g|| by {@link MinimumResidual MINRES} from p = 0, stopped when
 *       ||H p + g|| &lt;= eta_k ||g||, eta_k = min({@code minresTolerance}, sqrt(||g||)) (a forcing
 *       sequence: superlinear convergence near a nonsingular critical point), or at {@code
 *       maxMinresIterations}; if g has a part outside the range of H (singular H, incompatible
 *       system) the least-squares solution is lifted to the pseudo-inverse one.
 *   <li>Every MINRES iterate is a descent direction of phi(x) = ||grad f(x)||^2 / 2: with r = -g - Hp,
 *       &lt;p, H g&gt; = -||Hp||^2 = -(||g||^2 - ||r||^2) &lt; 0.
 *   <li>Armijo backtracking on phi: the largest alpha in {1, c, c^2, ...} ({@code backtrackingFactor}
 *       c) with ||g(x + alpha p)||^2 &lt;= ||g||^2 + 2 rho alpha &lt;p, H g&gt; ({@code armijo} rho).
 * </ol>
 * Steps are accepted on the gradient norm, never on values of f, so rounding of f (a large |f*|, or a
 * loss computed as a difference of large terms) does not stop the method: it goes on until ||g||
 * reaches its tolerance or the rounding floor of the gradient itself. It converges to critical
 * points of any index, not only minima: started near a saddle it converges to the saddle. This makes
 * it the polishing stage that cannot stall on rounding (see {@link NewtonTrustRegion}, which hands
 * over to it) and a saddle finder. Only first-order stationarity is tested.
 *
 * <p><b>Nonpositive curvature, incompatibility.</b> MINRES records r'Hr &lt;= 0 of its residuals
 * (Liu &amp; Roosta 2022) and goes on, since an indefinite H is solved like any other. When g lies
 * (numerically) in the null space of H, phi has a critical point that f has not (H g = 0): the MINRES
 * direction gives no descent of phi (&lt;p, Hg&gt; &gt;= -1e-10 ||g||^2), and the iteration steps
 * instead along the final MINRES residual r (a nonpositive-curvature direction with &lt;r, g&gt; =
 * -||r||^2 &lt; 0) with Armijo backtracking on f, f(x + alpha r) &lt;= f + rho alpha &lt;g, r&gt;, as
 * Newton-MR does for nonpositive-curvature directions (Liu &amp; Roosta 2022, "A Newton-MR algorithm
 * with complexity guarantees for nonconvex smooth unconstrained optimization", Alg. 1).
 *
 * <p>Stops: CONVERGED when ||g|| &lt;= {@code gradientTolerance}; MAX_ITERATIONS; STALLED when the
 * backtracked step alpha ||p|| falls below the resolution of x (2^-52 (1 + ||x||)) without
 * acceptance (the gradient norm cannot be decreased any more: its rounding floor); LINE_SEARCH_FAILED
 * when {@code maxBacktracks} trials were all rejected; INTERRUPTED.
 *
 * <p>Cost per iteration: the MINRES Hessian-vector products (at most {@code maxMinresIterations}),
 * plus one gradient evaluation per line-search trial (one when the full step is accepted, the usual
 * case near a nonsingular critical point). No value-only evaluations. Workspaces: 12 vectors of
 * length P, allocated once per run.
 *
 * <p>NaN and Inf: a non-finite trial value or gradient is a rejected trial (the step is shortened);
 * if the line search ends with a non-finite last trial the run is DIVERGED at the last finite
 * iterate. A non-finite Hessian-vector product ends the run as DIVERGED at the current iterate; a
 * non-finite start ends it at once.
 */
public final class NewtonMr implements Optimizer {

  /** A step below this times (1 + ||x||) cannot change x any more. */
  private static final double STEP_RESOLUTION = 0x1p-52;
  /**
   * MINRES declares H p = -g incompatible when ||H r|| &lt;= this ||H|| ||r||: sqrt(eps), well above
   * the rounding of Hessian-vector products on a null vector and well below any eigenvalue ratio a
   * nonsingular problem in double precision can be solved with.
   */
  static final double INCOMPATIBILITY_TOLERANCE = 0x1p-26;
  /**
   * The MINRES direction counts as a descent direction of phi when &lt;p, Hg&gt; &lt; -this ||g||^2,
   * i.e. when g has more than a 1e-5 fraction of its norm in the range of H.
   */
  static final double PHI_SLOPE_FLOOR = 1e-10;

  /**
   * Configuration.
   *
   * @param gradientTolerance stop when ||grad f|| &lt;= this; &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   * @param minresTolerance largest relative MINRES residual eta_k, in (0, 1)
   * @param maxMinresIterations Hessian-vector products per MINRES solve, &gt;= 1
   * @param armijo sufficient-decrease constant rho, in (0, 1/2)
   * @param backtrackingFactor step reduction per rejected trial, in (0, 1)
   * @param maxBacktracks line-search trials (gradient evaluations) per iteration, &gt;= 1
   */
  public record Config(
      double gradientTolerance,
      int maxIterations,
      double minresTolerance,
      int maxMinresIterations,
      double armijo,
      double backtrackingFactor,
      int maxBacktracks) {

    public Config {
      if (!(gradientTolerance >= 0)) {
        throw new IllegalArgumentException("NewtonMr gradientTolerance must be >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) {
        throw new IllegalArgumentException("NewtonMr maxIterations must be >= 0, got " + maxIterations);
      }
      if (!(minresTolerance > 0 && minresTolerance < 1)) {
        throw new IllegalArgumentException("NewtonMr minresTolerance must be in (0, 1), got " + minresTolerance);
      }
      if (maxMinresIterations < 1) {
        throw new IllegalArgumentException("NewtonMr maxMinresIterations must be >= 1, got " + maxMinresIterations);
      }
      if (!(armijo > 0 && armijo < 0.5)) {
        throw new IllegalArgumentException("NewtonMr armijo must be in (0, 0.5), got " + armijo);
      }
      if (!(backtrackingFactor > 0 && backtrackingFactor < 1)) {
        throw new IllegalArgumentException("NewtonMr backtrackingFactor must be in (0, 1), got " + backtrackingFactor);
      }
      if (maxBacktracks < 1) {
        throw new IllegalArgumentException("NewtonMr maxBacktracks must be >= 1, got " + maxBacktracks);
      }
    }

    /**
     * Tolerance 1e-12, 200 iterations, eta_k = min(0.1, sqrt(||g||)), 500 MINRES iterations, rho =
     * 1e-4, factor 1/2, 60 trials (enough to reach the resolution of x from alpha = 1 for ||p|| up
     * to about 100 (1 + ||x||), so a line search normally ends STALLED, not LINE_SEARCH_FAILED).
     */
    public static Config defaults() {
      return new Config(1e-12, 200, 0.1, 500, 1e-4, 0.5, 60);
    }

    public Config withGradientTolerance(double v) {
      return new Config(v, maxIterations, minresTolerance, maxMinresIterations, armijo, backtrackingFactor, maxBacktracks);
    }

    public Config withMaxIterations(int v) {
      return new Config(gradientTolerance, v, minresTolerance, maxMinresIterations, armijo, backtrackingFactor, maxBacktracks);
    }

    public Config withMinresTolerance(double v) {
      return new Config(gradientTolerance, maxIterations, v, maxMinresIterations, armijo, backtrackingFactor, maxBacktracks);
    }

    public Config withMaxMinresIterations(int v) {
      return new Config(gradientTolerance, maxIterations, minresTolerance, v, armijo, backtrackingFactor, maxBacktracks);
    }

    public Config withArmijo(double v) {
      return new Config(gradientTolerance, maxIterations, minresTolerance, maxMinresIterations, v, backtrackingFactor, maxBacktracks);
    }

    public Config withBacktrackingFactor(double v) {
      return new Config(gradientTolerance, maxIterations, minresTolerance, maxMinresIterations, armijo, v, maxBacktracks);
    }

    public Config withMaxBacktracks(int v) {
      return new Config(gradientTolerance, maxIterations, minresTolerance, maxMinresIterations, armijo, backtrackingFactor, v);
    }
  }

  private final Config config;

  public NewtonMr(Config config) {
    if (config == null) throw new IllegalArgumentException("NewtonMr config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun run = OptimizationRun.start("NewtonMr", objective, start, trajectory);
    double[] x = start.clone();
    double[] g = new double[start.length];
    double value = run.objective.valueAndGradient(x, g);
    double gradientNorm = Vectors.norm(g);
    if (!OptimizationRun.finite(value, gradientNorm)) {
      return run.finish(Status.DIVERGED, 0, 0, x, value, gradientNorm);
    }
    run.recordIfDue(0, value, gradientNorm, x);
    return iterate(run, config, x, g, value, gradientNorm, 0);
  }

  /**
   * Runs Newton-MR iterations on an open run from iterate {@code k}, until a stop; {@code
   * config.maxIterations()} bounds the total iteration count k of the run. Used by {@link
   * NewtonTrustRegion} to finish its own run.
   *
   * @param x current iterate, finite; taken over (modified)
   * @param g gradient at x; taken over (modified)
   * @param value f(x), finite
   * @param gradientNorm ||g||, finite
   * @param k iterations done so far (iterate k already recorded)
   */
  static OptimizationResult iterate(OptimizationRun run, Config config, double[] x, double[] g, double value,
      double gradientNorm, long k) {
    CountedObjective f = run.objective;
    int p = x.length;
    double[] rightHandSide = new double[p];
    double[] trialPoint = new double[p];
    double[] trialGradient = new double[p];
    MinimumResidual minres = new MinimumResidual(p, config.maxMinresIterations());
    HessianAt hessian = new HessianAt(f);
    while (true) {
      Status stop = OptimizationRun.stopBefore(k, gradientNorm, config.gradientTolerance(), config.maxIterations());
      if (stop != null) {
        return run.finish(stop, k, k, x, value, gradientNorm);
      }
      for (int i = 0; i < p; i++) rightHandSide[i] = -g[i];
      double forcing = Math.min(config.minresTolerance(), Math.sqrt(gradientNorm));
      hessian.point = x;
      MinimumResidual.Outcome outcome = minres.solve(hessian, rightHandSide, forcing * gradientNorm, INCOMPATIBILITY_TOLERANCE);
      if (outcome == MinimumResidual.Outcome.NON_FINITE) {
        return run.finish(Status.DIVERGED, k, k, x, value, gradientNorm);
      }
      double[] residual = minres.residual();
      double gg = gradientNorm * gradientNorm;
      // <p, H g> = <H p, g> = <-g - r, g>
      double phiSlope = -(gg + Vectors.dot(residual, g));
      double[] direction;
      double slope;
      boolean onGradientNorm = phiSlope < -PHI_SLOPE_FLOOR * gg;
      if (onGradientNorm) {
        direction = minres.solution();
        slope = phiSlope;
      } else {
        direction = residual;
        slope = Vectors.dot(g, residual);
        if (!(slope < 0)) {
          return run.finish(Status.STALLED, k, k, x, value, gradientNorm);
        }
      }
      double directionNorm = Vectors.norm(direction);
      double resolution = STEP_RESOLUTION * (1.0 + Vectors.norm(x));
      double alpha = 1.0;
      boolean accepted = false;
      boolean lastTrialNonFinite = false;
      boolean resolutionReached = false;
      double trialValue = Double.NaN;
      double trialGradientNorm = Double.NaN;
      for (int trial = 0; trial < config.maxBacktracks(); trial++) {
        if (alpha * directionNorm <= resolution) {
          resolutionReached = true;
          break;
        }
        for (int i = 0; i < p; i++) trialPoint[i] = x[i] + alpha * direction[i];
        trialValue = f.valueAndGradient(trialPoint, trialGradient);
        trialGradientNorm = Vectors.norm(trialGradient);
        lastTrialNonFinite = !OptimizationRun.finite(trialValue, trialGradientNorm);
        if (!lastTrialNonFinite) {
          accepted = onGradientNorm
              ? trialGradientNorm * trialGradientNorm <= gg + 2 * config.armijo() * alpha * slope
              : trialValue <= value + config.armijo() * alpha * slope;
          if (accepted) break;
        }
        alpha *= config.backtrackingFactor();
      }
      if (!accepted) {
        Status status = lastTrialNonFinite ? Status.DIVERGED
            : resolutionReached ? Status.STALLED : Status.LINE_SEARCH_FAILED;
        return run.finish(status, k, k, x, value, gradientNorm);
      }
      double[] t = x;
      x = trialPoint;
      trialPoint = t;
      t = g;
      g = trialGradient;
      trialGradient = t;
      value = trialValue;
      gradientNorm = trialGradientNorm;
      k++;
      run.recordIfDue(k, value, gradientNorm, x);
    }
  }

  /** H(point) v through the counted objective; one instance per run, its point reset per iteration. */
  private static final class HessianAt implements MinimumResidual.SymmetricOperator {
    private final CountedObjective objective;
    double[] point;

    HessianAt(CountedObjective objective) {
      this.objective = objective;
    }

    @Override
    public void apply(double[] v, double[] out) {
      objective.hessianVectorProduct(point, v, out);
    }
  }

  @Override
  public String toString() {
    return "NewtonMr" + config;
  }
}

package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.SymmetricOperator;
import java.util.Arrays;

/**
 * Eigenvector following to an index-1 saddle: ascend along one Hessian mode, descend along all
 * others, by the partitioned rational-function optimization (P-RFO) step of Baker, "An algorithm for
 * the location of transition states", J. Comput. Chem. 7 (1986) 385-395, with exact Hessians.
 *
 * <h2>Step (P &lt;= denseLimit)</h2>
 * With H = sum_i lambda_i v_i v_i^T (dense eigendecomposition) and F_i = &lt;v_i, g&gt;, the followed
 * mode t is maximized and the others are minimized by separate RFO problems:
 * <pre>
 *   h_t = F_t / (mu_p - lambda_t),      mu_p = lambda_t / 2 + sqrt(lambda_t^2 / 4 + F_t^2)
 *   h_i = F_i / (mu_n - lambda_i),      mu_n the root below min_{i != t} lambda_i of mu = sum_{i != t} F_i^2 / (mu - lambda_i)
 *   step = sum_i h_i v_i, scaled down to length maxStep when longer
 * </pre>
 * mu_p &gt; lambda_t, so h_t F_t &gt; 0 (uphill along v_t) whatever the sign of lambda_t; mu_n &lt;
 * lambda_i, so every other component goes downhill. The secular equation for mu_n is increasing on
 * (-inf, min lambda_i) and solved by bisection from the bracket [min(0, lambda_min) - |F_perp|,
 * lambda_min]. Near an index-1 saddle (lambda_t &lt; 0 &lt; lambda_i) both shifts vanish like |g|^2
 * and the step becomes Newton's: quadratic convergence.
 *
 * <p>The followed mode: {@link ModeSelection#LOWEST} takes the lowest eigenvector (minimum-mode
 * following); {@link ModeSelection#MAXIMUM_OVERLAP} takes the eigenvector with the largest |&lt;v_i,
 * u&gt;| for u the previously followed mode (initially the given direction), Baker's mode following,
 * which stays on the valley the direction points into. While lambda_t &gt; 0 (still climbing out of a
 * basin) the sign of h_t is set to that of &lt;v_t, u&gt;, so a start at a minimum (g = 0) leaves it
 * along the given direction with a step of maxStep.
 *
 * <h2>Climb phase</h2>
 * When a direction d is given (dense path), the run first climbs: while the Hessian has no negative
 * eigenvalue, each step is maxStep along the fixed d plus the RFO minimization step above in the
 * complement of d (from the eigendecomposition of (I - d d^T) H (I - d d^T), its eigenvector along d
 * left out), a walk up the line towards the saddle that relaxes sideways, as in the constrained
 * ("drag") climbs of the reaction-path literature. Once H has a negative eigenvalue the P-RFO steps
 * take over, following the lowest mode first and then by the mode selection. Without the climb,
 * mode following from the global minimum of Muller-Brown leaves along a mode that never reaches its
 * saddle. The climb is a heuristic all the same: from that minimum it reaches the saddle with maxStep
 * 0.1 (the default; either mode selection) and with 0.2 (lowest mode; maximum overlap then ends at
 * the other saddle), but with 0.05 and below the climb meets negative curvature on the valley wall
 * before the saddle and the P-RFO steps are led away (MAX_ITERATIONS); docs/saddles.md.
 *
 * <h2>Above the dense limit</h2>
 * Minimum-mode following: the lowest eigenpair (lambda_1, v) from thick-restart Lanczos ({@link
 * ExtremeEigenpairs}, seeded), the RFO step h_1 along v as above, and in the complement of v a
 * truncated conjugate-gradient Newton step on (I - v v^T) H (I - v v^T) s = -(I - v v^T) g (relative
 * tolerance 0.1, at most cgIterations products; stopped at the first direction of nonpositive
 * curvature, or replaced by -g_perp / lambda_max if the first one is), the whole step capped at
 * maxStep. The mode selection is LOWEST here whatever the configuration.
 *
 * <p>Stops: CONVERGED when |g| &lt;= gradientTolerance and the followed mode's eigenvalue is
 * negative (a critical point with negative curvature along the followed mode, so a start at a
 * minimum is left rather than returned; its index is for the {@link
 * basin.landscape.certify.Certifier} to certify); MAX_ITERATIONS; DIVERGED at a non-finite
 * value, gradient or Hessian (the last finite iterate is returned).
 *
 * <p>Cost per iteration: one gradient, plus a dense Hessian (P Hessian-vector products or the
 * objective's own {@link Objective#hessian}) and a dense eigendecomposition (about 9 P^3 flops), or
 * above the dense limit a Lanczos run (at most lanczosIterations products) and at most cgIterations
 * products.
 */
public final class EigenvectorFollowing {

  /** Which Hessian mode is maximized. */
  public enum ModeSelection {
    /** The lowest eigenvector (minimum-mode following). */
    LOWEST,
    /** The eigenvector closest to the previously followed one (Baker's mode following). */
    MAXIMUM_OVERLAP
  }

  /** Why a run stopped. */
  public enum Status {
    /** |g| reached the gradient tolerance. */
    CONVERGED,
    /** The iteration budget was used up. */
    MAX_ITERATIONS,
    /** A non-finite value, gradient or Hessian was met; the result keeps the last finite iterate. */
    DIVERGED
  }

  /**
   * Configuration.
   *
   * @param gradientTolerance stop when |g| &lt;= this; finite, &gt;= 0
   * @param maxIterations iteration budget, &gt;= 0
   * @param maxStep trust radius: the longest step, in parameter units; finite, &gt; 0
   * @param modeSelection which mode is followed (dense path only)
   * @param denseLimit largest P handled with the dense eigendecomposition, &gt;= 0
   * @param lanczosIterations Hessian-vector product budget of each Lanczos run above the dense limit, &gt;= 1
   * @param cgIterations Hessian-vector products of each complement CG solve above the dense limit, &gt;= 1
   * @param seed seed of the Lanczos start vectors
   */
  public record Config(double gradientTolerance, int maxIterations, double maxStep, ModeSelection modeSelection, int denseLimit,
      int lanczosIterations, int cgIterations, long seed) {
    public Config {
      if (!(gradientTolerance >= 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("EigenvectorFollowing gradientTolerance must be finite and >= 0, got " + gradientTolerance);
      }
      if (maxIterations < 0) throw new IllegalArgumentException("EigenvectorFollowing maxIterations must be >= 0, got " + maxIterations);
      if (!(maxStep > 0 && maxStep < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("EigenvectorFollowing maxStep must be finite and > 0, got " + maxStep);
      }
      if (modeSelection == null) throw new IllegalArgumentException("EigenvectorFollowing modeSelection is null");
      if (denseLimit < 0) throw new IllegalArgumentException("EigenvectorFollowing denseLimit must be >= 0, got " + denseLimit);
      if (lanczosIterations < 1) throw new IllegalArgumentException("EigenvectorFollowing lanczosIterations must be >= 1, got " + lanczosIterations);
      if (cgIterations < 1) throw new IllegalArgumentException("EigenvectorFollowing cgIterations must be >= 1, got " + cgIterations);
    }

    /**
     * Tolerance 1e-10, 500 iterations, maxStep 0.1, maximum-overlap mode following, dense up to P =
     * 500, 300 Lanczos and 100 CG products per iteration above it, seed 1.
     */
    public static Config defaults() {
      return new Config(1e-10, 500, 0.1, ModeSelection.MAXIMUM_OVERLAP, 500, 300, 100, 1L);
    }

    public Config withGradientTolerance(double v) {
      return new Config(v, maxIterations, maxStep, modeSelection, denseLimit, lanczosIterations, cgIterations, seed);
    }

    public Config withMaxIterations(int v) {
      return new Config(gradientTolerance, v, maxStep, modeSelection, denseLimit, lanczosIterations, cgIterations, seed);
    }

    public Config withMaxStep(double v) {
      return new Config(gradientTolerance, maxIterations, v, modeSelection, denseLimit, lanczosIterations, cgIterations, seed);
    }

    public Config withModeSelection(ModeSelection v) {
      return new Config(gradientTolerance, maxIterations, maxStep, v, denseLimit, lanczosIterations, cgIterations, seed);
    }

    public Config withDenseLimit(int v) {
      return new Config(gradientTolerance, maxIterations, maxStep, modeSelection, v, lanczosIterations, cgIterations, seed);
    }

    public Config withLanczosIterations(int v) {
      return new Config(gradientTolerance, maxIterations, maxStep, modeSelection, denseLimit, v, cgIterations, seed);
    }

    public Config withCgIterations(int v) {
      return new Config(gradientTolerance, maxIterations, maxStep, modeSelection, denseLimit, lanczosIterations, v, seed);
    }

    public Config withSeed(long v) {
      return new Config(gradientTolerance, maxIterations, maxStep, modeSelection, denseLimit, lanczosIterations, cgIterations, v);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param status why the run stopped
   * @param iterations steps taken
   * @param value f at the final point
   * @param gradientNorm |g| at the final point
   * @param followedEigenvalue the eigenvalue of the followed mode at the last Hessian computed (NaN if none)
   * @param gradientEvaluations gradients of f
   * @param hessianVectorProducts Hessian-vector products (P per dense Hessian when the objective's
   *     {@link Objective#hessian} is the default; counted as P either way)
   * @param point the final point (owned by the result; the accessor returns a copy)
   */
  public record Result(Status status, int iterations, double value, double gradientNorm, double followedEigenvalue,
      long gradientEvaluations, long hessianVectorProducts, double[] point) {
    public Result {
      point = point.clone();
    }

    @Override
    public double[] point() {
      return point.clone();
    }

    public boolean converged() {
      return status == Status.CONVERGED;
    }

    @Override
    public String toString() {
      return "EigenvectorFollowing.Result[" + status + ", iterations=" + iterations + ", value=" + value + ", |g|=" + gradientNorm
          + ", followedEigenvalue=" + followedEigenvalue + ", point=" + Arrays.toString(point) + "]";
    }
  }

  private final Config config;

  public EigenvectorFollowing(Config config) {
    if (config == null) throw new IllegalArgumentException("EigenvectorFollowing config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /**
   * Follows a mode from {@code start} to an index-1 saddle.
   *
   * @param f the objective; used from the calling thread only
   * @param start the start, length P (not modified)
   * @param directionOrNull the initial direction u (need not be unit; not modified): picks the mode
   *     and the uphill sign; null for none (the lowest mode, uphill along its gradient component)
   */
  public Result follow(Objective f, double[] start, double[] directionOrNull) {
    int p = f.dimension();
    if (start.length != p) throw new IllegalArgumentException("start has length " + start.length + ", objective dimension is " + p);
    if (directionOrNull != null && directionOrNull.length != p) {
      throw new IllegalArgumentException("direction has length " + directionOrNull.length + ", objective dimension is " + p);
    }
    double[] x = start.clone();
    double[] g = new double[p];
    double[] u = new double[p];
    boolean haveDirection = false;
    if (directionOrNull != null) {
      double norm = Vectors.norm(directionOrNull);
      if (norm > 0 && Double.isFinite(norm)) {
        for (int i = 0; i < p; i++) u[i] = directionOrNull[i] / norm;
        haveDirection = true;
      }
    }
    boolean climbing = haveDirection && p > 1 && p <= config.denseLimit();
    double[] climbDirection = climbing ? u.clone() : null;
    Workspace ws = p <= config.denseLimit() ? new Workspace(p, true) : new Workspace(p, false);
    long gradients = 0;
    long products = 0;
    double followed = Double.NaN;
    double value = f.valueAndGradient(x, g);
    gradients++;
    double gradientNorm = Vectors.norm(g);
    if (!Double.isFinite(value) || !Double.isFinite(gradientNorm) || !Vectors.allFinite(x)) {
      return new Result(Status.DIVERGED, 0, value, gradientNorm, followed, gradients, products, x);
    }
    int k = 0;
    while (true) {
      double[] step = ws.step;
      if (ws.dense) {
        f.hessian(x, ws.hessian);
        products += p;
        if (!Vectors.allFinite(ws.hessian)) {
          return new Result(Status.DIVERGED, k, value, gradientNorm, followed, gradients, products, x);
        }
        boolean switched = false;
        if (climbing) {
          followed = climbStep(ws, g, climbDirection);
          if (followed < 0) {
            climbing = false; // the Hessian has a negative eigenvalue: switch to P-RFO
            switched = true;
          }
        }
        if (!climbing) followed = denseStep(ws, g, u, haveDirection, switched);
      } else {
        long[] used = new long[1];
        followed = lanczosStep(f, x, g, u, haveDirection, ws, used);
        products += used[0];
        if (!Double.isFinite(followed)) {
          return new Result(Status.DIVERGED, k, value, gradientNorm, followed, gradients, products, x);
        }
      }
      haveDirection = true;
      if (gradientNorm <= config.gradientTolerance() && followed < 0) {
        return new Result(Status.CONVERGED, k, value, gradientNorm, followed, gradients, products, x);
      }
      if (k >= config.maxIterations()) {
        return new Result(Status.MAX_ITERATIONS, k, value, gradientNorm, followed, gradients, products, x);
      }
      double stepNorm = Vectors.norm(step);
      double scale = stepNorm > config.maxStep() ? config.maxStep() / stepNorm : 1.0;
      for (int i = 0; i < p; i++) ws.trial[i] = x[i] + scale * step[i];
      double trialValue = f.valueAndGradient(ws.trial, ws.trialGradient);
      gradients++;
      double trialNorm = Vectors.norm(ws.trialGradient);
      if (!Double.isFinite(trialValue) || !Double.isFinite(trialNorm) || !Vectors.allFinite(ws.trial)) {
        return new Result(Status.DIVERGED, k, value, gradientNorm, followed, gradients, products, x);
      }
      System.arraycopy(ws.trial, 0, x, 0, p);
      System.arraycopy(ws.trialGradient, 0, g, 0, p);
      value = trialValue;
      gradientNorm = trialNorm;
      k++;
    }
  }

  /** The P-RFO step from the dense Hessian in ws.hessian into ws.step; updates u; returns lambda_t. */
  private double denseStep(Workspace ws, double[] g, double[] u, boolean haveDirection, boolean lowestFirst) {
    int p = g.length;
    DenseSpectrum.Result eig = DenseSpectrum.decompose(ws.hessian, p, true);
    double[] lambda = eig.eigenvalues();
    double[] v = eig.eigenvectors();
    double[] force = ws.force;
    for (int i = 0; i < p; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) s += v[i * p + j] * g[j];
      force[i] = s;
    }
    int t = 0;
    if (haveDirection && !lowestFirst && config.modeSelection() == ModeSelection.MAXIMUM_OVERLAP) {
      double best = -1;
      for (int i = 0; i < p; i++) {
        double o = 0;
        for (int j = 0; j < p; j++) o += v[i * p + j] * u[j];
        if (Math.abs(o) > best) {
          best = Math.abs(o);
          t = i;
        }
      }
    }
    double overlap = 0;
    for (int j = 0; j < p; j++) overlap += v[t * p + j] * u[j];
    double ht = uphill(lambda[t], force[t], haveDirection ? overlap : 0.0);
    double lambdaMin = Double.POSITIVE_INFINITY;
    double perp = 0;
    for (int i = 0; i < p; i++) {
      if (i == t) continue;
      lambdaMin = Math.min(lambdaMin, lambda[i]);
      perp += force[i] * force[i];
    }
    double mu = p > 1 ? lowerShift(lambda, force, t, lambdaMin, Math.sqrt(perp)) : 0.0;
    Arrays.fill(ws.step, 0.0);
    for (int i = 0; i < p; i++) {
      double h;
      if (i == t) {
        h = ht;
      } else {
        h = force[i] == 0 ? 0.0 : force[i] / (mu - lambda[i]);
      }
      for (int j = 0; j < p; j++) ws.step[j] += h * v[i * p + j];
    }
    double sign = overlap < 0 ? -1.0 : 1.0;
    for (int j = 0; j < p; j++) u[j] = sign * v[t * p + j];
    return lambda[t];
  }

  /**
   * The climb phase (dense path, a direction given): while H has no negative eigenvalue, a step of
   * maxStep along the fixed direction d and an RFO minimization step in the complement of d, from the
   * eigendecomposition of (I - d d^T) H (I - d d^T) (its eigenvector along d excluded). Writes ws.step
   * only when H has no negative eigenvalue; returns the smallest eigenvalue of H.
   */
  private double climbStep(Workspace ws, double[] g, double[] d) {
    int p = g.length;
    double lowest = DenseSpectrum.eigenvalues(ws.hessian, p)[0];
    if (lowest < 0) return lowest;
    double[] projected = ws.projected;
    double[] hd = ws.force;
    for (int i = 0; i < p; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) s += ws.hessian[i * p + j] * d[j];
      hd[i] = s;
    }
    double dhd = Vectors.dot(d, hd);
    // Q H Q = H - d (Hd)^T - (Hd) d^T + (d'Hd) d d^T
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        projected[i * p + j] = ws.hessian[i * p + j] - d[i] * hd[j] - hd[i] * d[j] + dhd * d[i] * d[j];
      }
    }
    DenseSpectrum.Result eig = DenseSpectrum.decompose(projected, p, true);
    double[] lambda = eig.eigenvalues();
    double[] v = eig.eigenvectors();
    double[] force = ws.climbForce;
    int along = 0;
    double best = -1;
    for (int i = 0; i < p; i++) {
      double o = 0;
      double f = 0;
      for (int j = 0; j < p; j++) {
        o += v[i * p + j] * d[j];
        f += v[i * p + j] * g[j];
      }
      force[i] = f;
      if (Math.abs(o) > best) {
        best = Math.abs(o);
        along = i;
      }
    }
    double lambdaMin = Double.POSITIVE_INFINITY;
    double perp = 0;
    for (int i = 0; i < p; i++) {
      if (i == along) continue;
      lambdaMin = Math.min(lambdaMin, lambda[i]);
      perp += force[i] * force[i];
    }
    double mu = lowerShift(lambda, force, along, lambdaMin, Math.sqrt(perp));
    for (int j = 0; j < p; j++) ws.step[j] = config.maxStep() * d[j];
    for (int i = 0; i < p; i++) {
      if (i == along || force[i] == 0) continue;
      double h = force[i] / (mu - lambda[i]);
      for (int j = 0; j < p; j++) ws.step[j] += h * v[i * p + j];
    }
    return lowest;
  }

  /**
   * The RFO step along the maximized mode: F / (mu_p - lambda), computed without cancellation; while
   * lambda &gt; 0 its sign is that of the overlap with the previous direction (when nonzero).
   */
  private double uphill(double lambda, double force, double overlap) {
    double s = Math.sqrt(0.25 * lambda * lambda + force * force);
    double gap = lambda > 0 ? force * force / (s + 0.5 * lambda) : s - 0.5 * lambda; // mu_p - lambda > 0
    double h;
    if (force == 0) {
      h = lambda > 0 ? config.maxStep() : 0.0;
    } else {
      h = force / gap;
      if (!Double.isFinite(h)) h = Math.copySign(config.maxStep(), force);
    }
    if (lambda > 0 && overlap != 0) h = Math.copySign(h, overlap);
    return h;
  }

  /**
   * mu_n: the root below lambdaMin of mu = sum_{i != t} F_i^2 / (mu - lambda_i), by bisection
   * (the function mu - sum is increasing there; see the class comment for the bracket).
   */
  private static double lowerShift(double[] lambda, double[] force, int t, double lambdaMin, double perpNorm) {
    double lo = Math.min(0.0, lambdaMin) - perpNorm - Double.MIN_NORMAL;
    double hi = lambdaMin;
    if (perpNorm == 0) return Math.min(0.0, lambdaMin - Math.ulp(lambdaMin));
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      double phi = mid;
      for (int i = 0; i < lambda.length; i++) {
        if (i == t || force[i] == 0) continue;
        phi -= force[i] * force[i] / (mid - lambda[i]);
      }
      if (phi < 0) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Minimum-mode following above the dense limit (see the class comment): step into ws.step, u
   * updated; returns lambda_1 (NaN on a non-finite product). used[0] receives the products spent.
   */
  private double lanczosStep(Objective f, double[] x, double[] g, double[] u, boolean haveDirection, Workspace ws, long[] used) {
    int p = g.length;
    SymmetricOperator hessian = SymmetricOperator.hessian(f, x);
    ExtremeEigenpairs.Result pairs = ExtremeEigenpairs.compute(hessian,
        ExtremeEigenpairs.Options.defaults().withCount(1).withMaxIterations(config.lanczosIterations()).withSeed(config.seed()));
    used[0] = pairs.hessianVectorProducts();
    double lambda = pairs.smallestEigenvalue();
    double lambdaMax = pairs.largestEigenvalue();
    if (!Double.isFinite(lambda) || !Double.isFinite(lambdaMax)) return Double.NaN;
    double[] v = pairs.smallestVector(0);
    double overlap = haveDirection ? Vectors.dot(v, u) : 0.0;
    double force = Vectors.dot(v, g);
    double ht = uphill(lambda, force, overlap);
    // complement: b = -(I - v v^T) g; truncated CG on the projected Hessian
    double[] b = ws.force;
    for (int i = 0; i < p; i++) b[i] = -(g[i] - force * v[i]);
    double bNorm = Vectors.norm(b);
    double[] s = ws.step;
    Arrays.fill(s, 0.0);
    if (bNorm > 0) {
      double[] r = ws.residual;
      double[] d = ws.direction;
      double[] hd = ws.product;
      System.arraycopy(b, 0, r, 0, p);
      System.arraycopy(b, 0, d, 0, p);
      double rr = bNorm * bNorm;
      for (int it = 0; it < config.cgIterations(); it++) {
        hessian.apply(d, hd);
        used[0]++;
        double dv = Vectors.dot(hd, v);
        for (int i = 0; i < p; i++) hd[i] -= dv * v[i];
        double curvature = Vectors.dot(d, hd);
        if (!Double.isFinite(curvature)) return Double.NaN;
        if (curvature <= 0) {
          if (it == 0) {
            double scale = lambdaMax > 0 ? 1.0 / lambdaMax : 1.0;
            for (int i = 0; i < p; i++) s[i] = scale * b[i];
          }
          break;
        }
        double alpha = rr / curvature;
        for (int i = 0; i < p; i++) {
          s[i] += alpha * d[i];
          r[i] -= alpha * hd[i];
        }
        double rrNew = Vectors.dot(r, r);
        if (Math.sqrt(rrNew) <= 0.1 * bNorm) break;
        double beta = rrNew / rr;
        rr = rrNew;
        for (int i = 0; i < p; i++) d[i] = r[i] + beta * d[i];
      }
    }
    for (int i = 0; i < p; i++) s[i] += ht * v[i];
    double sign = overlap < 0 ? -1.0 : 1.0;
    for (int i = 0; i < p; i++) u[i] = sign * v[i];
    return lambda;
  }

  /** Vectors allocated once per run. */
  private static final class Workspace {
    final boolean dense;
    final double[] hessian;
    final double[] projected;
    final double[] climbForce;
    final double[] force;
    final double[] step;
    final double[] trial;
    final double[] trialGradient;
    final double[] residual;
    final double[] direction;
    final double[] product;

    Workspace(int p, boolean dense) {
      this.dense = dense;
      this.hessian = dense ? new double[p * p] : null;
      this.projected = dense ? new double[p * p] : null;
      this.climbForce = dense ? new double[p] : null;
      this.force = new double[p];
      this.step = new double[p];
      this.trial = new double[p];
      this.trialGradient = new double[p];
      this.residual = dense ? null : new double[p];
      this.direction = dense ? null : new double[p];
      this.product = dense ? null : new double[p];
    }
  }

  @Override
  public String toString() {
    return "EigenvectorFollowing" + config;
  }
}

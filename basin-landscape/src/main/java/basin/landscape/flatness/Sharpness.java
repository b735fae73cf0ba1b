package basin.landscape.flatness;

import basin.core.Objective;
import basin.landscape.spectral.ProbeVectors;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Epsilon-sharpness (Keskar et al. 2017) and adaptive sharpness: the largest relative rise of the
 * loss within a box around a point.
 *
 * <h2>Definitions</h2>
 * Keskar, Mudigere, Nocedal, Smelyanskiy &amp; Tang, "On Large-Batch Training for Deep Learning:
 * Generalization Gap and Sharp Minima", ICLR 2017, Sec. 2.2.2, Metric 2.1:
 * <pre>
 *   phi(x, eps, A) = 100 (max_{y in C_eps} f(x + A y) - f(x)) / (1 + |f(x)|),
 *   C_eps = { z in R^p : |z_i| &lt;= eps (|(A^+ x)_i| + 1) },
 * </pre>
 * with A = I (full space, p = P) or a seeded n x p Gaussian matrix with N(0, 1) entries (a random
 * subspace; A^+ x by the normal equations (A^T A)^{-1} A^T x). {@link Kind#EPSILON} is this metric.
 * {@link Kind#ADAPTIVE} uses the box |z_i| &lt;= eps |(A^+ x)_i| (in the full space |y_i| &lt;= eps
 * |x_i|; Kwon et al., ASAM, ICML 2021; Andriushchenko et al., ICML 2023): for a network whose loss
 * is invariant under positive rescalings x -&gt; T x (T diagonal, ReLU units), the box maps to
 * itself, so in the full space the adaptive sharpness is invariant; parameters equal to 0 get a
 * zero-width box.
 *
 * <h2>Maximizer</h2>
 * Both boxes are written y = A (s . u) with u in [-1, 1]^p and s the half-widths, and
 * g(u) = f(x + A (s . u)) is maximized by projected gradient ascent with an Armijo rule on the
 * projection arc (Bertsekas, <i>Nonlinear Programming</i>, 2nd ed., Sec. 2.3): u' = clip(u + alpha
 * grad g(u)), accepted when g(u') &gt;= g(u) + 1e-4 grad g(u)^T (u' - u); alpha is divided by 4
 * on rejection and doubled after an acceptance, starting at 1 / max|grad g| (one half-box). It
 * stops CONVERGED when the projected gradient (the components of grad g not blocked by an active
 * bound) has max-norm at most tolerance (1 + |f(x)|), STALLED when no step of length &gt; 1e-14
 * increases g, or MAX_ITERATIONS. Starts: u = 0 (the point), then {@link Options#restarts()}
 * uniform random points in the box; the best end point wins. The result is a lower bound on the
 * true maximum (a local maximizer), and is never below 0 since u = 0 is feasible.
 *
 * <p>Invariance in practice: the ascent runs in the scaled coordinates u, so under a rescaling T the
 * sequence of iterates is the same up to round-off in the objective; the reported adaptive
 * sharpness agrees to about 1e-12 relative (tested at 1e-10).
 *
 * <p>Cost per iteration: one gradient and one value per trial step; plus 2 P p flops for A and
 * A^T in a subspace. Memory P p doubles for A.
 *
 * <p>Start r &gt;= 1 draws from {@link ProbeVectors#stream}(seed, r); A from stream(seed, 0).
 *
 * <p>NaN and Inf: a non-finite f(x) or gradient at the start gives status NON_FINITE and NaN
 * sharpness; non-finite trial values are rejected by the line search (the comparison fails).
 */
public final class Sharpness {
  private Sharpness() {}

  /** Which box. */
  public enum Kind {
    /** Keskar et al.'s |z_i| &lt;= eps (|(A^+ x)_i| + 1). */
    EPSILON,
    /** |z_i| &lt;= eps |(A^+ x)_i|, invariant to positive rescaling in the full space. */
    ADAPTIVE
  }

  /** Why the best start stopped. */
  public enum Status {
    CONVERGED,
    STALLED,
    MAX_ITERATIONS,
    NON_FINITE
  }

  /**
   * Options.
   *
   * @param kind the box
   * @param epsilon eps &gt; 0
   * @param subspaceDimension p: 0 for the full space, else the number of columns of A (1 &lt;= p &lt;= P)
   * @param restarts random starts after the start at the point, &gt;= 0
   * @param maxIterations ascent iterations per start, &gt;= 1
   * @param tolerance projected-gradient tolerance, &gt; 0 (relative to 1 + |f(x)|)
   * @param seed seed of A and of the random starts
   */
  public record Options(Kind kind, double epsilon, int subspaceDimension, int restarts, int maxIterations, double tolerance,
      long seed) {
    public Options {
      if (kind == null) throw new IllegalArgumentException("sharpness kind must not be null");
      if (!(epsilon > 0 && Double.isFinite(epsilon))) throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
      if (subspaceDimension < 0) throw new IllegalArgumentException("subspaceDimension must be >= 0 (0 = full space), got " + subspaceDimension);
      if (restarts < 0) throw new IllegalArgumentException("restarts must be >= 0, got " + restarts);
      if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
      if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
    }

    /** EPSILON, eps = 1e-3 (Keskar et al.'s value), full space, 4 restarts, 200 iterations, tolerance 1e-10, seed 1. */
    public static Options defaults() {
      return new Options(Kind.EPSILON, 1e-3, 0, 4, 200, 1e-10, 1L);
    }

    public Options withKind(Kind v) {
      return new Options(v, epsilon, subspaceDimension, restarts, maxIterations, tolerance, seed);
    }

    public Options withEpsilon(double v) {
      return new Options(kind, v, subspaceDimension, restarts, maxIterations, tolerance, seed);
    }

    public Options withSubspaceDimension(int v) {
      return new Options(kind, epsilon, v, restarts, maxIterations, tolerance, seed);
    }

    public Options withRestarts(int v) {
      return new Options(kind, epsilon, subspaceDimension, v, maxIterations, tolerance, seed);
    }

    public Options withMaxIterations(int v) {
      return new Options(kind, epsilon, subspaceDimension, restarts, v, tolerance, seed);
    }

    public Options withTolerance(double v) {
      return new Options(kind, epsilon, subspaceDimension, restarts, maxIterations, v, seed);
    }

    public Options withSeed(long v) {
      return new Options(kind, epsilon, subspaceDimension, restarts, maxIterations, tolerance, v);
    }
  }

  /**
   * A sharpness value.
   *
   * @param kind the box
   * @param epsilon eps
   * @param subspaceDimension p (P for the full space)
   * @param sharpness 100 (f(x + y*) - f(x)) / (1 + |f(x)|), &gt;= 0 (Keskar et al. divide by 1 + f(x) for a
   *     loss f &gt;= 0; |f(x)| keeps the measure a relative rise for objectives that take negative values)
   * @param value f(x)
   * @param maximum f(x + y*), the best value found
   * @param perturbation y*, length P (owned by the result)
   * @param status how the best start stopped
   * @param iterations ascent iterations over all starts
   * @param valueEvaluations objective values over all starts (trial points)
   * @param gradientEvaluations gradients over all starts
   */
  public record Result(Kind kind, double epsilon, int subspaceDimension, double sharpness, double value, double maximum,
      double[] perturbation, Status status, int iterations, long valueEvaluations, long gradientEvaluations) {}

  /**
   * The sharpness of f at x.
   *
   * @param f the objective; used from the calling thread only
   * @param x the point, length P (not modified)
   * @param options box, eps, subspace, restarts, seed
   */
  public static Result compute(Objective f, double[] x, Options options) {
    int n = f.dimension();
    if (x.length != n) throw new IllegalArgumentException("point has length " + x.length + ", objective dimension is " + n);
    int p = options.subspaceDimension() == 0 ? n : options.subspaceDimension();
    if (p > n) throw new IllegalArgumentException("subspaceDimension " + p + " exceeds the dimension " + n);
    return new Ascent(f, x, options, p).run();
  }

  /** Workspace and state of one sharpness computation. */
  private static final class Ascent {
    final Objective f;
    final double[] x;
    final Options o;
    final int n;
    final int p;
    final double[] a; // n x p row-major, null in the full space
    final double[] s; // half-widths, length p
    final double[] u;
    final double[] trial;
    final double[] grad; // grad g(u), length p
    final double[] fullGrad;
    final double[] point;
    final double[] bestU;
    long values;
    long gradients;
    int iterations;

    Ascent(Objective f, double[] x, Options o, int p) {
      this.f = f;
      this.x = x;
      this.o = o;
      this.n = x.length;
      this.p = p;
      this.a = o.subspaceDimension() == 0 ? null : gaussianMatrix(n, p, o.seed());
      double[] coords = a == null ? x : leastSquares(a, n, p, x);
      this.s = new double[p];
      for (int i = 0; i < p; i++) {
        double c = Math.abs(coords[i]);
        s[i] = o.epsilon() * (o.kind() == Kind.EPSILON ? c + 1.0 : c);
      }
      this.u = new double[p];
      this.trial = new double[p];
      this.grad = new double[p];
      this.fullGrad = new double[n];
      this.point = new double[n];
      this.bestU = new double[p];
    }

    Result run() {
      double f0 = f.value(x);
      values++;
      if (!Double.isFinite(f0)) {
        return new Result(o.kind(), o.epsilon(), p, Double.NaN, f0, Double.NaN, new double[n], Status.NON_FINITE, 0, values, gradients);
      }
      double best = f0;
      Status bestStatus = null;
      for (int start = 0; start <= o.restarts(); start++) {
        if (start == 0) {
          Arrays.fill(u, 0.0);
        } else {
          SplittableRandom r = ProbeVectors.stream(o.seed(), start);
          for (int i = 0; i < p; i++) u[i] = 2.0 * r.nextDouble() - 1.0;
        }
        Status status = ascend(f0);
        double v = valueAt(u);
        if (bestStatus == null || v > best) {
          best = v;
          bestStatus = status;
          System.arraycopy(u, 0, bestU, 0, p);
        }
      }
      if (!(best >= f0)) { // the start at the point is always feasible
        best = f0;
        Arrays.fill(bestU, 0.0);
      }
      double[] y = new double[n];
      perturbation(bestU, y);
      double sharp = 100.0 * (best - f0) / (1.0 + Math.abs(f0));
      return new Result(o.kind(), o.epsilon(), p, sharp, f0, best, y, bestStatus, iterations, values, gradients);
    }

    /** Projected gradient ascent from u (modified in place). */
    Status ascend(double f0) {
      double g = valueAndGradient(u);
      if (!Double.isFinite(g) || !finite(grad)) {
        return Status.NON_FINITE;
      }
      double alpha = Double.NaN;
      double limit = o.tolerance() * (1.0 + Math.abs(f0));
      for (int it = 0; it < o.maxIterations(); it++) {
        iterations++;
        double pg = 0.0;
        double gmax = 0.0;
        for (int i = 0; i < p; i++) {
          double gi = grad[i];
          gmax = Math.max(gmax, Math.abs(gi));
          boolean blocked = (u[i] >= 1.0 && gi > 0) || (u[i] <= -1.0 && gi < 0);
          if (!blocked) pg = Math.max(pg, Math.abs(gi));
        }
        if (pg <= limit) {
          return Status.CONVERGED;
        }
        if (Double.isNaN(alpha)) alpha = 1.0 / gmax;
        boolean accepted = false;
        while (alpha * gmax > 1e-14) {
          double slope = 0.0;
          double moved = 0.0;
          for (int i = 0; i < p; i++) {
            double v = Math.max(-1.0, Math.min(1.0, u[i] + alpha * grad[i]));
            trial[i] = v;
            slope += grad[i] * (v - u[i]);
            moved = Math.max(moved, Math.abs(v - u[i]));
          }
          if (moved == 0.0) break;
          double gt = valueAt(trial);
          if (gt >= g + 1e-4 * slope && gt > g) {
            accepted = true;
            break;
          }
          alpha *= 0.25;
        }
        if (!accepted) {
          return Status.STALLED;
        }
        System.arraycopy(trial, 0, u, 0, p);
        g = valueAndGradient(u);
        if (!Double.isFinite(g) || !finite(grad)) {
          return Status.NON_FINITE;
        }
        alpha *= 2.0;
      }
      return Status.MAX_ITERATIONS;
    }

    /** y = A (s . u), or s . u in the full space. */
    void perturbation(double[] uu, double[] y) {
      if (a == null) {
        for (int i = 0; i < n; i++) y[i] = s[i] * uu[i];
        return;
      }
      for (int i = 0; i < n; i++) {
        double sum = 0.0;
        int off = i * p;
        for (int k = 0; k < p; k++) sum += a[off + k] * s[k] * uu[k];
        y[i] = sum;
      }
    }

    double valueAt(double[] uu) {
      perturbation(uu, point);
      for (int i = 0; i < n; i++) point[i] += x[i];
      values++;
      return f.value(point);
    }

    /** g(u) and grad g(u) = s . (A^T grad f). */
    double valueAndGradient(double[] uu) {
      perturbation(uu, point);
      for (int i = 0; i < n; i++) point[i] += x[i];
      gradients++;
      double v = f.valueAndGradient(point, fullGrad);
      if (a == null) {
        for (int i = 0; i < n; i++) grad[i] = s[i] * fullGrad[i];
      } else {
        Arrays.fill(grad, 0.0);
        for (int i = 0; i < n; i++) {
          double gi = fullGrad[i];
          int off = i * p;
          for (int k = 0; k < p; k++) grad[k] += a[off + k] * gi;
        }
        for (int k = 0; k < p; k++) grad[k] *= s[k];
      }
      return v;
    }

    static boolean finite(double[] v) {
      for (double x : v) {
        if (!Double.isFinite(x)) return false;
      }
      return true;
    }
  }

  /** The n x p matrix with N(0, 1) entries drawn row by row from stream(seed, 0). */
  static double[] gaussianMatrix(int n, int p, long seed) {
    if ((long) n * p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("random subspace matrix " + n + " x " + p + " exceeds the largest Java array");
    }
    double[] a = new double[n * p];
    ProbeVectors.gaussian(ProbeVectors.stream(seed, 0), a);
    return a;
  }

  /** A^+ x = (A^T A)^{-1} A^T x by a Cholesky factorization of the p x p Gram matrix. */
  static double[] leastSquares(double[] a, int n, int p, double[] x) {
    double[] gram = new double[p * p];
    double[] rhs = new double[p];
    for (int i = 0; i < n; i++) {
      int off = i * p;
      double xi = x[i];
      for (int k = 0; k < p; k++) {
        double aik = a[off + k];
        rhs[k] += aik * xi;
        for (int l = 0; l <= k; l++) gram[k * p + l] += aik * a[off + l];
      }
    }
    // In-place Cholesky (lower triangle).
    for (int k = 0; k < p; k++) {
      double d = gram[k * p + k];
      for (int l = 0; l < k; l++) d -= gram[k * p + l] * gram[k * p + l];
      if (!(d > 0)) throw new ArithmeticException("random subspace matrix is rank deficient (column " + k + ")");
      d = Math.sqrt(d);
      gram[k * p + k] = d;
      for (int i = k + 1; i < p; i++) {
        double v = gram[i * p + k];
        for (int l = 0; l < k; l++) v -= gram[i * p + l] * gram[k * p + l];
        gram[i * p + k] = v / d;
      }
    }
    for (int k = 0; k < p; k++) {
      double v = rhs[k];
      for (int l = 0; l < k; l++) v -= gram[k * p + l] * rhs[l];
      rhs[k] = v / gram[k * p + k];
    }
    for (int k = p - 1; k >= 0; k--) {
      double v = rhs[k];
      for (int l = k + 1; l < p; l++) v -= gram[l * p + k] * rhs[l];
      rhs[k] = v / gram[k * p + k];
    }
    return rhs;
  }
}

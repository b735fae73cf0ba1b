package basin.landscape.spectral;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The spectral density (eigenvalue distribution) of a symmetric operator by stochastic Lanczos
 * quadrature (SLQ).
 *
 * <h2>Method</h2>
 * For each of L probes (Rademacher z_l restricted to the operator's domain, v = z_l / ||z_l||), m
 * steps of Lanczos with full reorthogonalization build the tridiagonal T_l = V^T A V. Its
 * eigenpairs (theta_i, y_i) define the Gauss quadrature rule of the spectral measure
 * mu_v = sum_j (u_j^T v)^2 delta(lambda_j): nodes theta_i, weights tau_i = (e_1^T y_i)^2, the
 * squared <b>first</b> components of the eigenvectors of T (Golub &amp; Meurant, <i>Matrices,
 * Moments and Quadrature</i>, 2010, Thm. 6.2; Ubaru, Chen &amp; Saad, SIAM J. Matrix Anal. Appl. 38
 * (2017) 1075-1099; Ghorbani, Krishnan &amp; Xiao, ICML 2019; PyHessian issue 17 is the bug of using
 * another component). The weights of a probe sum to 1, and E[mu_v] is the eigenvalue distribution
 * (1/d) sum_j delta(lambda_j) over the d-dimensional domain (up to the normalization of v, which
 * the trace estimate {@link Result#traceOf} undoes exactly). The rule integrates polynomials of
 * degree &lt;= 2m - 1 exactly; with m &gt;= d (or after an exact breakdown) the nodes are the
 * eigenvalues themselves.
 *
 * <p>The density is phi(t) = (1/L) sum_l sum_i tau_{l,i} N(t; theta_{l,i}, sigma^2), a Gaussian
 * broadening. <b>Width rule</b>: unless set explicitly, sigma = (theta_max - theta_min) / m over all
 * nodes of all probes, i.e. one Lanczos resolution cell (m nodes cannot resolve features finer than
 * about range / m); when the range is 0 (all nodes equal) sigma = 1e-3 max(1, |theta|). The grid of
 * {@link Result#grid} spans [theta_min - 6 sigma, theta_max + 6 sigma], so the Gaussian tails left
 * out carry less than 2e-9 of the mass.
 *
 * <p>{@link Result#mass(double, double)} = (1/L) sum_l sum over nodes in [a, b] of tau_{l,i}: the
 * estimated fraction of the d eigenvalues in [a, b], without broadening; compare with a dense
 * eigenvalue count / d.
 *
 * <p>Cost: L m operator applications (fewer after exact breakdowns), about 4 m^2 n L flops of
 * reorthogonalization and (m + 1) n doubles for one probe's basis (reused).
 *
 * <p>Probe l comes from {@link ProbeVectors#stream}(seed, l).
 *
 * <p>NaN and Inf: a non-finite product marks the run BREAKDOWN; its probes' nodes are NaN and every
 * derived quantity is NaN. Nothing is thrown.
 */
public final class SpectralDensity {

  /** beta below this times the largest |alpha|, |beta| seen marks an invariant subspace. */
  static final double INVARIANT_SUBSPACE = 1e-12;

  /** Outcome of a run. */
  public enum Status {
    /** Every probe ran its m steps, or stopped early at an exact invariant subspace. */
    CONVERGED,
    /** A product was not finite; quantities are NaN. */
    BREAKDOWN
  }

  /**
   * Options.
   *
   * @param probes L &gt;= 1 (default 10: one probe, PyHessian's default, has a relative error of
   *     order 1/sqrt(d) in each weight)
   * @param steps m &gt;= 1 Lanczos steps per probe (reduced to the dimension)
   * @param sigma broadening width &gt; 0, or NaN for the width rule of the class comment
   * @param gridPoints number of points of {@link Result#grid}, &gt;= 2
   * @param seed master seed of the probes
   */
  public record Options(int probes, int steps, double sigma, int gridPoints, long seed) {
    public Options {
      if (probes < 1) throw new IllegalArgumentException("SLQ needs at least one probe, got " + probes);
      if (steps < 1) throw new IllegalArgumentException("SLQ needs at least one Lanczos step, got " + steps);
      if (!(Double.isNaN(sigma) || (sigma > 0 && Double.isFinite(sigma)))) {
        throw new IllegalArgumentException("SLQ sigma must be > 0 and finite, or NaN for the default rule, got " + sigma);
      }
      if (gridPoints < 2) throw new IllegalArgumentException("SLQ grid needs at least 2 points, got " + gridPoints);
    }

    /** 10 probes, 80 steps, sigma by the width rule, 1000 grid points, seed 1. */
    public static Options defaults() {
      return new Options(10, 80, Double.NaN, 1000, 1L);
    }

    public Options withProbes(int v) {
      return new Options(v, steps, sigma, gridPoints, seed);
    }

    public Options withSteps(int v) {
      return new Options(probes, v, sigma, gridPoints, seed);
    }

    public Options withSigma(double v) {
      return new Options(probes, steps, v, gridPoints, seed);
    }

    public Options withGridPoints(int v) {
      return new Options(probes, steps, sigma, v, seed);
    }

    public Options withSeed(long v) {
      return new Options(probes, steps, sigma, gridPoints, v);
    }
  }

  /**
   * One probe's quadrature rule.
   *
   * @param nodes Ritz values theta_i, ascending
   * @param weights tau_i = squared first components, same order, summing to 1
   * @param steps Lanczos steps taken (less than m after an exact breakdown)
   * @param probeNormSquared ||z||^2 of the probe restricted to the domain (d for Rademacher on all of R^d)
   */
  public record Quadrature(double[] nodes, double[] weights, int steps, double probeNormSquared) {}

  /**
   * An SLQ density. Arrays owned by the result.
   *
   * @param status CONVERGED or BREAKDOWN
   * @param dimension n
   * @param quadratures one rule per probe
   * @param sigma the broadening width used
   * @param lower smallest node over all probes
   * @param upper largest node over all probes
   * @param gridPoints points of {@link #grid()}
   * @param hessianVectorProducts operator applications
   */
  public record Result(Status status, int dimension, Quadrature[] quadratures, double sigma, double lower, double upper,
      int gridPoints, long hessianVectorProducts) {

    /** phi(t), the broadened density (integrates to 1 over the real line). */
    public double density(double t) {
      double s = 0.0;
      double norm = 1.0 / (sigma * Math.sqrt(2.0 * Math.PI));
      double inv = 1.0 / (2.0 * sigma * sigma);
      for (Quadrature q : quadratures) {
        double[] x = q.nodes();
        double[] w = q.weights();
        for (int i = 0; i < x.length; i++) {
          double d = t - x[i];
          s += w[i] * Math.exp(-d * d * inv);
        }
      }
      return s * norm / quadratures.length;
    }

    /** gridPoints equally spaced points over [lower - 6 sigma, upper + 6 sigma]. */
    public double[] grid() {
      double a = lower - 6 * sigma;
      double b = upper + 6 * sigma;
      double[] g = new double[gridPoints];
      double h = (b - a) / (gridPoints - 1);
      for (int i = 0; i < gridPoints; i++) g[i] = a + i * h;
      g[gridPoints - 1] = b;
      return g;
    }

    /** phi on {@link #grid()}. */
    public double[] densityOnGrid() {
      double[] g = grid();
      double[] out = new double[g.length];
      for (int i = 0; i < g.length; i++) out[i] = density(g[i]);
      return out;
    }

    /** The estimated fraction of eigenvalues in [a, b]: probe average of the weights of nodes in [a, b]. */
    public double mass(double a, double b) {
      if (status == Status.BREAKDOWN) return Double.NaN;
      double s = 0.0;
      for (Quadrature q : quadratures) {
        double[] x = q.nodes();
        double[] w = q.weights();
        for (int i = 0; i < x.length; i++) {
          if (x[i] >= a && x[i] <= b) s += w[i];
        }
      }
      return s / quadratures.length;
    }

    /**
     * The SLQ estimate of tr f(A) restricted to the domain: (1/L) sum_l ||z_l||^2 sum_i tau_{l,i}
     * f(theta_{l,i}) (Ubaru, Chen &amp; Saad 2017, Eq. 3.3, with Rademacher probes). f is called once
     * per node.
     */
    public double traceOf(DoubleUnaryOperator f) {
      double s = 0.0;
      for (Quadrature q : quadratures) {
        double[] x = q.nodes();
        double[] w = q.weights();
        double t = 0.0;
        for (int i = 0; i < x.length; i++) t += w[i] * f.applyAsDouble(x[i]);
        s += q.probeNormSquared() * t;
      }
      return s / quadratures.length;
    }

    /** The per-probe values of {@link #traceOf}, for a standard error. */
    public double[] traceOfPerProbe(DoubleUnaryOperator f) {
      double[] out = new double[quadratures.length];
      for (int l = 0; l < quadratures.length; l++) {
        Quadrature q = quadratures[l];
        double t = 0.0;
        for (int i = 0; i < q.nodes().length; i++) t += q.weights()[i] * f.applyAsDouble(q.nodes()[i]);
        out[l] = q.probeNormSquared() * t;
      }
      return out;
    }
  }

  private SpectralDensity() {}

  /**
   * The SLQ density of {@code a}.
   *
   * @param a the operator (its domain is respected: the density is over the eigenvalues on it)
   * @param options probes, steps, width, grid, seed
   */
  public static Result compute(SymmetricOperator a, Options options) {
    int n = a.dimension();
    int m = Math.min(options.steps(), n);
    if ((long) (m + 1) * n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("SLQ basis of " + (m + 1) + " vectors of dimension " + n + " exceeds the largest Java array");
    }
    double[] basis = new double[(m + 1) * n];
    double[] v = new double[n];
    double[] w = new double[n];
    double[] alpha = new double[m];
    double[] beta = new double[m];
    double[] coefficients = new double[m + 1];
    double[] t = new double[m * m];
    Quadrature[] rules = new Quadrature[options.probes()];
    long products = 0;
    boolean broken = false;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int l = 0; l < rules.length; l++) {
      ProbeVectors.rademacher(ProbeVectors.stream(options.seed(), l), v);
      a.restrictToDomain(v);
      double zz = dot(v, v, n);
      if (!(zz > 0) || !Double.isFinite(zz)) {
        throw new IllegalArgumentException("SLQ probe " + l + " vanishes on the operator's domain (is the domain {0}?)");
      }
      double inv = 1.0 / Math.sqrt(zz);
      for (int i = 0; i < n; i++) basis[i] = v[i] * inv;
      int steps = 0;
      double scale = 0.0;
      for (int j = 0; j < m; j++) {
        System.arraycopy(basis, j * n, v, 0, n);
        a.apply(v, w);
        products++;
        double aj = dot(v, w, n);
        if (!Double.isFinite(aj) || !Double.isFinite(dot(w, w, n))) {
          broken = true;
          break;
        }
        alpha[j] = aj;
        steps = j + 1;
        // Full reorthogonalization (two classical Gram-Schmidt passes) against v_0..v_j.
        for (int pass = 0; pass < 2; pass++) KrylovBasis.gramSchmidtPass(basis, j + 1, n, w, coefficients, null);
        double bj = Math.sqrt(dot(w, w, n));
        scale = Math.max(scale, Math.max(Math.abs(aj), j > 0 ? beta[j - 1] : 0.0));
        if (j == m - 1 || bj <= INVARIANT_SUBSPACE * Math.max(scale, bj)) {
          break;
        }
        beta[j] = bj;
        double ib = 1.0 / bj;
        int next = (j + 1) * n;
        for (int i = 0; i < n; i++) basis[next + i] = w[i] * ib;
      }
      if (broken) {
        break;
      }
      Arrays.fill(t, 0, steps * steps, 0.0);
      for (int j = 0; j < steps; j++) {
        t[j * steps + j] = alpha[j];
        if (j + 1 < steps) {
          t[j * steps + j + 1] = beta[j];
          t[(j + 1) * steps + j] = beta[j];
        }
      }
      DenseSpectrum.Result eig = DenseSpectrum.decompose(Arrays.copyOf(t, steps * steps), steps, true);
      double[] nodes = eig.eigenvalues();
      double[] weights = new double[steps];
      for (int i = 0; i < steps; i++) {
        double y0 = eig.eigenvectors()[i * steps];
        weights[i] = y0 * y0;
      }
      rules[l] = new Quadrature(nodes, weights, steps, zz);
      lo = Math.min(lo, nodes[0]);
      hi = Math.max(hi, nodes[steps - 1]);
    }
    if (broken) {
      Quadrature nan = new Quadrature(new double[] {Double.NaN}, new double[] {Double.NaN}, 0, Double.NaN);
      Arrays.fill(rules, nan);
      return new Result(Status.BREAKDOWN, n, rules, Double.NaN, Double.NaN, Double.NaN, options.gridPoints(), products);
    }
    double sigma = options.sigma();
    if (Double.isNaN(sigma)) {
      sigma = hi > lo ? (hi - lo) / m : 1e-3 * Math.max(1.0, Math.abs(hi));
    }
    return new Result(Status.CONVERGED, n, rules, sigma, lo, hi, options.gridPoints(), products);
  }

  private static double dot(double[] x, double[] y, int n) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
  }
}

package basin.landscape.spectral;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;

/**
 * A few extreme eigenvalues (the smallest and/or the largest) of a symmetric operator known only
 * through products v -> A v, for example a Hessian through Hessian-vector products.
 *
 * <h2>Method</h2>
 * Thick-restart Lanczos with full reorthogonalization (Wu &amp; Simon, SIAM J. Matrix Anal. Appl. 22
 * (2000) 602-616; equivalently Stewart's Krylov-Schur method specialised to symmetric A). An
 * orthonormal basis V_j = [v_0 .. v_{j-1}] of a Krylov space is grown one vector per iteration:
 * w = A v_{j-1} is orthogonalized against all of V_j by two passes of classical Gram-Schmidt ("twice
 * is enough", Giraud et al., Numer. Math. 101 (2005) 87-100; a third or fourth pass when the second
 * still removes more than half of w), whose coefficients form column j - 1
 * of the projected matrix H_j = V_j^T A V_j, and v_j = w / beta_j with beta_j = ||w||. Then
 * A V_j = V_j H_j + beta_j v_j e_j^T. The eigenpairs (theta_i, y_i) of the small symmetric matrix
 * H_j (EJML symmetric QR) give Ritz values theta_i and Ritz vectors x_i = V_j y_i with residual
 * ||A x_i - theta_i x_i|| = beta_j |e_j^T y_i| (Parlett, <i>The Symmetric Eigenvalue Problem</i>,
 * Thm. 13.1.1), computed without touching the operator.
 *
 * <p>When the basis reaches its capacity m, the method restarts thickly: it keeps the Ritz vectors
 * of the wanted Ritz values plus about half of the remaining capacity, split between the requested
 * ends (the nearest neighbours inward, which speed up convergence), makes v_j the next basis vector,
 * and continues; the projected matrix becomes diagonal with one arrowhead row of couplings
 * beta_j e_j^T y_i.
 *
 * <p>Exact breakdown (beta_j &lt;= 1e-12 nu: the basis spans an invariant subspace, and its Ritz
 * values are eigenvalues) sets beta_j = 0. If the wanted pairs are not all available yet, the run
 * continues from a new seeded random vector orthogonal to the basis (restricted to the operator's
 * domain, see {@link SymmetricOperator#restrictToDomain}); once the basis spans the whole domain
 * every Ritz value is an eigenvalue up to round-off.
 *
 * <p><b>Multiplicity.</b> A Krylov space built from one vector contains one direction per
 * eigenspace, so an eigenvalue of multiplicity k &gt; 1 is in general reported once, and the next
 * reported value is the next distinct eigenvalue. Round-off does not repair this (full
 * reorthogonalization suppresses the spurious copies that plain Lanczos would produce). Counts of
 * eigenvalues derived from a Lanczos run are therefore lower bounds. Callers that know an exactly
 * degenerate subspace in advance (symmetry directions of a Hessian) should project it out.
 *
 * <h2>Convergence</h2>
 * A wanted Ritz pair is converged when its residual is at most {@code tolerance * nu}, where nu, the
 * largest ||A v_j|| and |theta_i| met so far, satisfies nu &lt;= ||A||_2. Then some eigenvalue of A
 * lies within the residual of theta_i (Parlett Thm. 4.5.1), so the absolute eigenvalue error is at
 * most {@code tolerance * ||A||_2}. The run is CONVERGED when all wanted pairs are (or the space is
 * exhausted). Like every Krylov method it cannot prove that no eigenvalue was missed: an eigenvector
 * almost orthogonal to the start vector can be found late or not at all; the seeded random start
 * makes this unlikely. By Cauchy interlacing the i-th smallest Ritz value is never below the i-th
 * smallest eigenvalue (and the i-th largest never above the i-th largest eigenvalue), converged or not.
 *
 * <h2>Cost</h2>
 * One operator application per iteration (the iteration count reported is the number of
 * applications, i.e. Hessian-vector products for a Hessian), plus about 8 j n flops of
 * reorthogonalization (two Gram-Schmidt passes) at basis size j, a dense eigendecomposition of the
 * j x j projected matrix (O(m^3), negligible next to an operator application when n is large), and
 * 2 m l n flops per restart that keeps l vectors. Memory: (m + 1) n doubles for the basis plus
 * O(m^3) for the small eigensolvers (one per projection size) and 256 m; with Ritz vectors, k n more.
 *
 * <p>NaN and Inf: a non-finite product A v ends the run with status {@link Status#BREAKDOWN} and NaN
 * eigenvalues, residuals and vectors. Nothing is thrown for numerical reasons.
 *
 * <p>An instance is an immutable configuration; all state lives in one {@link #extremeEigenpairs}
 * call, so one instance may serve many threads (each with its own operator).
 */
public final class Lanczos {

  /** beta_j below this times nu marks an invariant subspace (exact breakdown). */
  static final double INVARIANT_SUBSPACE = 1e-12;
  /**
   * A fresh random vector that keeps less than this fraction of its norm after orthogonalization
   * against the basis lies in the span of the basis: the space (or domain) is exhausted.
   */
  static final double SPANNED = 1e-8;
  /** Coordinates per block when basis vectors are recombined at a restart. */
  private static final int BLOCK = 256;

  /** Why a run stopped. */
  public enum Status {
    /** Every wanted Ritz pair met the residual tolerance, or the Krylov space filled the whole space. */
    CONVERGED,
    /** The budget of operator applications ran out; the result holds the current Ritz values. */
    MAX_ITERATIONS,
    /**
     * The operator returned a non-finite vector (NaN or Inf), or its domain is {0}; eigenvalues,
     * residuals and vectors are NaN.
     */
    BREAKDOWN
  }

  /**
   * Configuration.
   *
   * @param smallest number of smallest eigenvalues wanted, &gt;= 0
   * @param largest number of largest eigenvalues wanted, &gt;= 0; smallest + largest &gt;= 1. Counts
   *     above the dimension n are reduced to n; when smallest + largest &gt; n the two lists overlap.
   * @param tolerance relative residual tolerance (see class comment), in (0, 1)
   * @param maxIterations budget of operator applications, &gt;= 1
   * @param basisSize capacity m of the basis before a thick restart, &gt;= 4; the capacity used is
   *     min(n, max(basisSize, 2 (smallest + largest) + 4))
   * @param computeVectors whether to return the Ritz vectors of the wanted pairs
   */
  public record Config(int smallest, int largest, double tolerance, int maxIterations, int basisSize, boolean computeVectors) {

    public Config {
      if (smallest < 0 || largest < 0 || smallest + largest < 1) {
        throw new IllegalArgumentException("Lanczos needs smallest >= 0, largest >= 0 and at least one of them > 0, got smallest = "
            + smallest + ", largest = " + largest);
      }
      if (!(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("Lanczos tolerance must be in (0, 1), got " + tolerance);
      }
      if (maxIterations < 1) throw new IllegalArgumentException("Lanczos maxIterations must be >= 1, got " + maxIterations);
      if (basisSize < 4) throw new IllegalArgumentException("Lanczos basisSize must be >= 4, got " + basisSize);
    }

    /**
     * The smallest and the largest eigenvalue, relative tolerance 1e-8, 1000 operator applications,
     * basis capacity 40, no vectors.
     */
    public static Config defaults() {
      return new Config(1, 1, 1e-8, 1000, 40, false);
    }

    public Config withSmallest(int v) {
      return new Config(v, largest, tolerance, maxIterations, basisSize, computeVectors);
    }

    public Config withLargest(int v) {
      return new Config(smallest, v, tolerance, maxIterations, basisSize, computeVectors);
    }

    public Config withTolerance(double v) {
      return new Config(smallest, largest, v, maxIterations, basisSize, computeVectors);
    }

    public Config withMaxIterations(int v) {
      return new Config(smallest, largest, tolerance, v, basisSize, computeVectors);
    }

    public Config withBasisSize(int v) {
      return new Config(smallest, largest, tolerance, maxIterations, v, computeVectors);
    }

    public Config withComputeVectors(boolean v) {
      return new Config(smallest, largest, tolerance, maxIterations, basisSize, v);
    }
  }

  /**
   * The outcome of a run. Arrays are owned by the result (accessors do not copy; do not modify).
   *
   * @param status why the run stopped
   * @param iterations operator applications performed (Hessian-vector products for a Hessian)
   * @param restarts thick restarts performed
   * @param dimension n
   * @param smallest the min(smallest, n) smallest Ritz values, ascending (smallest[0] approximates
   *     lambda_min)
   * @param smallestResiduals ||A x - theta x|| of each, same order
   * @param largest the min(largest, n) largest Ritz values, descending (largest[0] approximates
   *     lambda_max)
   * @param largestResiduals ||A x - theta x|| of each, same order
   * @param smallestVectors row-major, row i the unit Ritz vector of smallest[i]; null unless requested
   * @param largestVectors row-major, row i the unit Ritz vector of largest[i]; null unless requested
   * @param normEstimate nu, a lower estimate of ||A||_2 (the largest ||A v_j|| and |theta| seen)
   */
  public record Result(
      Status status,
      long iterations,
      int restarts,
      int dimension,
      double[] smallest,
      double[] smallestResiduals,
      double[] largest,
      double[] largestResiduals,
      double[] smallestVectors,
      double[] largestVectors,
      double normEstimate) {

    public boolean converged() {
      return status == Status.CONVERGED;
    }

    /** smallest[0], or NaN if no smallest eigenvalue was requested. */
    public double smallestEigenvalue() {
      return smallest.length == 0 ? Double.NaN : smallest[0];
    }

    /** largest[0], or NaN if no largest eigenvalue was requested. */
    public double largestEigenvalue() {
      return largest.length == 0 ? Double.NaN : largest[0];
    }

    @Override
    public String toString() {
      return "Lanczos.Result[status=" + status + ", iterations=" + iterations + ", restarts=" + restarts
          + ", dimension=" + dimension + ", smallest=" + Arrays.toString(smallest) + ", smallestResiduals="
          + Arrays.toString(smallestResiduals) + ", largest=" + Arrays.toString(largest) + ", largestResiduals="
          + Arrays.toString(largestResiduals) + ", normEstimate=" + normEstimate + "]";
    }
  }

  private final Config config;

  public Lanczos(Config config) {
    if (config == null) throw new IllegalArgumentException("Lanczos config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /**
   * The configured extreme eigenvalues of {@code a}.
   *
   * @param a the operator; applied from the calling thread only
   * @param seed seed of the start vector (and of restart vectors after an exact breakdown); the
   *     result is a pure function of (operator, config, seed)
   */
  public Result extremeEigenpairs(SymmetricOperator a, long seed) {
    if (a == null) throw new IllegalArgumentException("Lanczos operator is null");
    if (a.dimension() < 1) throw new IllegalArgumentException("Lanczos operator dimension must be >= 1, got " + a.dimension());
    return new Run(a, config, seed).solve();
  }

  /** Mutable state of one run: the basis, the projected matrix and the latest Ritz pairs. */
  private static final class Run {
    final SymmetricOperator op;
    final Config config;
    final int n;
    final int ks;
    final int kl;
    final int m;
    final double[] basis; // (m + 1) rows of length n
    final double[] h; // m x m, column j holds the Gram-Schmidt coefficients of A v_j
    final double[] current;
    final double[] w;
    final double[] fresh;
    final double[] coefficients;
    final double[] scratch;
    final SplittableRandom random;
    /** EJML's decomposition keeps workspaces sized by its first input, so one per projection size. */
    final SymmetricQRAlgorithmDecomposition_DDRM[] eigBySize;
    final DMatrixRMaj projected;
    final double[] rawValues;
    final double[] ritzValues; // ascending, first ritzSize entries
    final double[] ritzVectors; // m x m row-major: column c is y_c for ritzValues[c]
    final double[] ritzResiduals;
    final int[] order;
    final int[] orderBuffer;
    final double[] block;
    int ritzSize;
    double nu;
    long applications;
    int restarts;

    Run(SymmetricOperator op, Config config, long seed) {
      this.op = op;
      this.config = config;
      this.n = op.dimension();
      this.ks = Math.min(config.smallest(), n);
      this.kl = Math.min(config.largest(), n);
      this.m = (int) Math.min(n, Math.max(config.basisSize(), 2L * (ks + kl) + 4));
      if ((long) (m + 1) * n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("Lanczos basis of " + (m + 1) + " vectors of dimension " + n + " exceeds the largest Java array");
      }
      this.basis = new double[(m + 1) * n];
      this.h = new double[m * m];
      this.current = new double[n];
      this.w = new double[n];
      this.fresh = new double[n];
      this.coefficients = new double[m + 1];
      this.scratch = new double[m + 1];
      this.random = new SplittableRandom(seed);
      this.projected = new DMatrixRMaj(m, m);
      this.eigBySize = new SymmetricQRAlgorithmDecomposition_DDRM[m + 1];
      this.rawValues = new double[m];
      this.ritzValues = new double[m];
      this.ritzVectors = new double[m * m];
      this.ritzResiduals = new double[m];
      this.order = new int[m];
      this.orderBuffer = new int[m];
      this.block = new double[m * BLOCK];
    }

    Result solve() {
      if (!randomVector(0, 0)) {
        return nonFinite();
      }
      int j = 0;
      while (true) {
        // Expand: column j of H and the next basis vector.
        int row = j * n;
        System.arraycopy(basis, row, current, 0, n);
        op.apply(current, w);
        applications++;
        double wNorm = 0.0;
        for (int t = 0; t < n; t++) wNorm += w[t] * w[t];
        if (!Double.isFinite(wNorm)) {
          return nonFinite();
        }
        nu = Math.max(nu, Math.sqrt(wNorm));
        Arrays.fill(coefficients, 0, j + 1, 0.0);
        orthogonalize(w, j + 1, coefficients);
        for (int i = 0; i <= j; i++) {
          h[i * m + j] = coefficients[i];
        }
        double beta = norm(w, 0);
        int size = j + 1;
        boolean exhausted = size == n;
        boolean invariant = !exhausted && beta <= INVARIANT_SUBSPACE * nu;
        if (exhausted || invariant) {
          beta = 0.0;
        }
        ritz(size, beta);
        if (exhausted || wantedConverged()) {
          return finish(Status.CONVERGED);
        }
        if (applications >= config.maxIterations()) {
          return finish(Status.MAX_ITERATIONS);
        }
        int next = (j + 1) * n;
        if (invariant) {
          if (!randomVector(j + 1, size)) {
            return finish(Status.CONVERGED); // the basis spans the domain: the Ritz values are eigenvalues
          }
        } else {
          double inv = 1.0 / beta;
          for (int t = 0; t < n; t++) basis[next + t] = w[t] * inv;
        }
        if (j + 1 < m) {
          h[(j + 1) * m + j] = beta;
          j++;
        } else {
          j = restart(beta);
          restarts++;
        }
      }
    }

    /**
     * Fills basis row {@code row} with a seeded Gaussian vector, restricted to the operator's domain,
     * orthogonalized against rows [0, count) and normalized. False when nothing is left (the basis
     * spans the domain).
     */
    boolean randomVector(int row, int count) {
      double[] v = fresh;
      for (int t = 0; t < n; t++) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        v[t] = Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
      }
      op.restrictToDomain(v);
      double before = norm(v, 0);
      if (!(before > 0) || !Double.isFinite(before)) {
        return false;
      }
      if (count > 0) {
        orthogonalize(v, count, scratch);
      }
      double after = norm(v, 0);
      if (!(after > SPANNED * before)) {
        return false;
      }
      double inv = 1.0 / after;
      for (int t = 0; t < n; t++) basis[row * n + t] = v[t] * inv;
      return true;
    }

    /**
     * Classical Gram-Schmidt of v against basis rows [0, count), adding the coefficients: two passes,
     * then more (at most four in all) while a pass still removes more than half of v's norm
     * (Kahan-Parlett criterion; Parlett, The Symmetric Eigenvalue Problem, Sec. 6.9), which happens
     * only when v is nearly in the span of the basis.
     */
    void orthogonalize(double[] v, int count, double[] coef) {
      double before = norm(v, 0);
      for (int pass = 0; pass < 4; pass++) {
        for (int i = 0; i < count; i++) {
          int off = i * n;
          double c = 0.0;
          for (int t = 0; t < n; t++) c += basis[off + t] * v[t];
          coef[i] += c;
          for (int t = 0; t < n; t++) v[t] -= c * basis[off + t];
        }
        double after = norm(v, 0);
        if (pass >= 1 && !(after < 0.5 * before)) {
          return;
        }
        before = after;
      }
    }

    double norm(double[] v, int off) {
      double s = 0.0;
      for (int t = 0; t < n; t++) s += v[off + t] * v[off + t];
      return Math.sqrt(s);
    }

    /** Ritz pairs of the symmetric part of H_size, ascending, with residuals beta |e^T y|. */
    void ritz(int size, double beta) {
      projected.reshape(size, size);
      double[] p = projected.data;
      for (int i = 0; i < size; i++) {
        for (int k = 0; k < size; k++) {
          p[i * size + k] = 0.5 * (h[i * m + k] + h[k * m + i]);
        }
      }
      if (eigBySize[size] == null) {
        eigBySize[size] = new SymmetricQRAlgorithmDecomposition_DDRM(true);
      }
      SymmetricQRAlgorithmDecomposition_DDRM eig = eigBySize[size];
      if (!eig.decompose(projected)) {
        throw new ArithmeticException("EJML symmetric QR did not converge on the " + size + " x " + size + " Lanczos projection");
      }
      for (int i = 0; i < size; i++) rawValues[i] = eig.getEigenvalue(i).real;
      IndexSort.ascending(rawValues, size, order, orderBuffer);
      for (int c = 0; c < size; c++) {
        ritzValues[c] = rawValues[order[c]];
        nu = Math.max(nu, Math.abs(ritzValues[c]));
        double[] y = eig.getEigenVector(order[c]).data;
        for (int r = 0; r < size; r++) ritzVectors[r * m + c] = y[r];
        ritzResiduals[c] = Math.abs(beta * y[size - 1]);
      }
      ritzSize = size;
    }

    boolean wantedConverged() {
      if (ritzSize < Math.min(n, ks + kl)) {
        return false;
      }
      double limit = config.tolerance() * nu;
      for (int c = 0; c < ks; c++) {
        if (!(ritzResiduals[c] <= limit)) return false;
      }
      for (int c = ritzSize - kl; c < ritzSize; c++) {
        if (!(ritzResiduals[c] <= limit)) return false;
      }
      return true;
    }

    /**
     * Thick restart from a full basis of m vectors: keeps l Ritz vectors (the wanted ones and
     * neighbours), moves v_m to row l, and resets H to diag(theta) plus the coupling row l. Returns l.
     */
    int restart(double beta) {
      int wanted = ks + kl;
      int extra = (m - wanted) / 2;
      int extraSmall = ks > 0 && kl > 0 ? extra / 2 : (ks > 0 ? extra : 0);
      int keepSmall = ks + extraSmall;
      int keepLarge = kl + (extra - extraSmall);
      int l = keepSmall + keepLarge;
      int[] kept = new int[l];
      for (int c = 0; c < keepSmall; c++) kept[c] = c;
      for (int c = 0; c < keepLarge; c++) kept[keepSmall + c] = m - keepLarge + c;
      combine(kept, l, basis);
      System.arraycopy(basis, m * n, basis, l * n, n);
      Arrays.fill(h, 0.0);
      for (int c = 0; c < l; c++) {
        h[c * m + c] = ritzValues[kept[c]];
        h[l * m + c] = beta * ritzVectors[(m - 1) * m + kept[c]];
      }
      return l;
    }

    /** out rows [0, count) = sum_r y_{kept[c]}[r] basis_r over r < ritzSize; out may be the basis. */
    void combine(int[] kept, int count, double[] out) {
      for (int t0 = 0; t0 < n; t0 += BLOCK) {
        int len = Math.min(BLOCK, n - t0);
        Arrays.fill(block, 0, count * BLOCK, 0.0);
        for (int r = 0; r < ritzSize; r++) {
          int off = r * n + t0;
          for (int c = 0; c < count; c++) {
            double y = ritzVectors[r * m + kept[c]];
            int b = c * BLOCK;
            for (int t = 0; t < len; t++) block[b + t] += y * basis[off + t];
          }
        }
        for (int c = 0; c < count; c++) {
          System.arraycopy(block, c * BLOCK, out, c * n + t0, len);
        }
      }
    }

    Result finish(Status status) {
      int s = Math.min(ks, ritzSize);
      int g = Math.min(kl, ritzSize);
      double[] small = new double[s];
      double[] smallRes = new double[s];
      int[] smallIdx = new int[s];
      for (int c = 0; c < s; c++) {
        smallIdx[c] = c;
        small[c] = ritzValues[c];
        smallRes[c] = ritzResiduals[c];
      }
      double[] large = new double[g];
      double[] largeRes = new double[g];
      int[] largeIdx = new int[g];
      for (int c = 0; c < g; c++) {
        int idx = ritzSize - 1 - c;
        largeIdx[c] = idx;
        large[c] = ritzValues[idx];
        largeRes[c] = ritzResiduals[idx];
      }
      double[] smallVec = null;
      double[] largeVec = null;
      if (config.computeVectors()) {
        smallVec = new double[s * n];
        combine(smallIdx, s, smallVec);
        largeVec = new double[g * n];
        combine(largeIdx, g, largeVec);
      }
      return new Result(status, applications, restarts, n, small, smallRes, large, largeRes, smallVec, largeVec, nu);
    }

    Result nonFinite() {
      double[] small = nanArray(ks);
      double[] large = nanArray(kl);
      double[] smallVec = config.computeVectors() ? nanArray(ks * n) : null;
      double[] largeVec = config.computeVectors() ? nanArray(kl * n) : null;
      return new Result(Status.BREAKDOWN, applications, restarts, n, small, nanArray(ks), large, nanArray(kl), smallVec, largeVec, Double.NaN);
    }

    static double[] nanArray(int len) {
      double[] a = new double[len];
      Arrays.fill(a, Double.NaN);
      return a;
    }
  }
}

package basin.landscape.spectral;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.netlib.util.intW;

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
 * Thm. 13.1.1), computed without touching the operator. Only the pairs at the wanted ends are
 * computed (LAPACK dstevr on the tridiagonal projection, dsyevr after a restart), and the
 * Gram-Schmidt passes are BLAS matrix-vector products ({@link KrylovBasis}).
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
 * reorthogonalization (two Gram-Schmidt passes) at basis size j, the wanted eigenpairs of the
 * j x j projected matrix (O(j k) while it is tridiagonal, O(m^3) after a restart), and
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

  private static final LAPACK LAPACK_ = basin.core.linalg.NativeBlas.lapack();

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
    final double[] passCoefficients;
    final double[] diagonal;
    final double[] offDiagonal;
    final double[] projection;
    final double[] values;
    final double[] vectors;
    final int[] support;
    final double[] work;
    final int[] iwork;
    /** Ritz vectors kept at a thick restart: the wanted ones and neighbours inward (see {@link #restart}). */
    final int keepSmall;
    final int keepLarge;
    final double[] ritzValues; // ascending, first ritzSize entries
    final double[] ritzVectors; // m x m row-major: column c is y_c for ritzValues[c]
    final double[] ritzResiduals;
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
      this.passCoefficients = new double[m + 1];
      this.diagonal = new double[m];
      this.offDiagonal = new double[m];
      this.projection = new double[m * m];
      this.values = new double[m];
      this.vectors = new double[m * m];
      this.support = new int[2 * m];
      this.work = new double[26 * m];
      this.iwork = new int[10 * m];
      int extra = (m - ks - kl) / 2;
      int extraSmall = ks > 0 && kl > 0 ? extra / 2 : (ks > 0 ? extra : 0);
      this.keepSmall = ks + extraSmall;
      this.keepLarge = kl + (extra - extraSmall);
      this.ritzValues = new double[m];
      this.ritzVectors = new double[m * m];
      this.ritzResiduals = new double[m];
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
        boolean full = size == m && !exhausted;
        ritz(size, beta, Math.max(1, full ? keepSmall : ks), Math.max(1, full ? keepLarge : kl));
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
        KrylovBasis.gramSchmidtPass(basis, count, n, v, passCoefficients, coef);
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

    /**
     * Ritz pairs of the symmetric part of H_size with residuals beta |e^T y|, ascending, at the two
     * ends only: the {@code low} smallest (columns [0, low)) and the {@code high} largest (columns
     * [size - high, size)); the columns between are left NaN. While no restart has happened H is
     * tridiagonal up to the reorthogonalization's round-off (entries of order eps ||A|| off the
     * three diagonals, dropped), and LAPACK dstevr computes the selected pairs in O(size (low +
     * high)) flops; after a restart (diagonal plus an arrowhead row, then tridiagonal) dsyevr on the
     * full projection, O(size^3) with size &lt;= m. Before, every step decomposed the whole
     * projection (EJML symmetric QR), which cost more than the Hessian-vector products themselves
     * on a 2,410-parameter network.
     */
    void ritz(int size, double beta, int low, int high) {
      low = Math.min(low, size);
      high = Math.min(high, size);
      if (low + high >= size) {
        low = size;
        high = 0;
      }
      Arrays.fill(ritzValues, 0, size, Double.NaN);
      Arrays.fill(ritzResiduals, 0, size, Double.NaN);
      selected(size, 1, low, 0);
      if (high > 0) selected(size, size - high + 1, size, size - high);
      for (int c = 0; c < size; c++) {
        if (Double.isNaN(ritzValues[c])) continue;
        nu = Math.max(nu, Math.abs(ritzValues[c]));
        ritzResiduals[c] = Math.abs(beta * ritzVectors[(size - 1) * m + c]);
      }
      ritzSize = size;
    }

    /**
     * Eigenpairs il..iu (1-based, ascending) of the symmetric part of H_size into ritzValues and
     * the columns of ritzVectors from column {@code into}.
     */
    private void selected(int size, int il, int iu, int into) {
      if (iu < il) return;
      intW found = new intW(0);
      intW info = new intW(0);
      if (restarts == 0) {
        for (int i = 0; i < size; i++) {
          diagonal[i] = h[i * m + i];
          if (i + 1 < size) offDiagonal[i] = 0.5 * (h[(i + 1) * m + i] + h[i * m + i + 1]);
        }
        LAPACK_.dstevr("V", "I", size, diagonal, offDiagonal, 0.0, 0.0, il, iu, 0.0, found, values, vectors, size, support,
            work, work.length, iwork, iwork.length, info);
      } else {
        for (int i = 0; i < size; i++) {
          for (int k = 0; k < size; k++) projection[k * size + i] = 0.5 * (h[i * m + k] + h[k * m + i]);
        }
        LAPACK_.dsyevr("V", "I", "U", size, projection, size, 0.0, 0.0, il, iu, 0.0, found, values, vectors, size, support,
            work, work.length, iwork, iwork.length, info);
      }
      if (info.val != 0 || found.val != iu - il + 1) {
        throw new ArithmeticException("LAPACK " + (restarts == 0 ? "dstevr" : "dsyevr") + " failed on the " + size + " x " + size
            + " Lanczos projection (info " + info.val + ", " + found.val + " of " + (iu - il + 1) + " eigenpairs)");
      }
      for (int c = 0; c < found.val; c++) {
        ritzValues[into + c] = values[c];
        for (int r = 0; r < size; r++) ritzVectors[r * m + into + c] = vectors[c * size + r];
      }
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

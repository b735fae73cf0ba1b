package basin.landscape.certify;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalue counts of a dense symmetric matrix from LDL^T factorizations, without eigenvalues.
 *
 * <h2>Method</h2>
 * LAPACK {@code dsytrf} (Bunch-Kaufman diagonal pivoting, blocked) factors a symmetric A as
 * P L D L^T P^T with D block diagonal (1x1 and 2x2 blocks). By Sylvester's law of inertia A and D
 * are congruent, so they have the same numbers of negative, zero and positive eigenvalues. D's
 * inertia: a 1x1 block counts by its sign (an exact zero pivot, LAPACK's info &gt; 0, counts as
 * zero); a 2x2 block [a b; b c] is used by Bunch-Kaufman only when it is indefinite, det = ac - b^2
 * &lt; 0, one negative and one positive eigenvalue. The determinant is checked anyway: a 2x2 block
 * with det &gt;= 0 (not produced by LAPACK in our experience) counts by the signs of its
 * eigenvalues (trace/2 +- sqrt((a - c)^2/4 + b^2)).
 *
 * <p><b>Counts in a band.</b> For a threshold tau &gt;= 0 and the convention of the dense rule
 * (an eigenvalue is <i>zero</i> when |lambda| &lt;= tau):
 * <ul>
 *   <li>negative = #{lambda &lt; -tau} = neg(A + tau I);
 *   <li>zero = #{-tau &lt;= lambda &lt;= tau} = neg(A - tau I) + zero(A - tau I) - neg(A + tau I);
 *   <li>positive = n - negative - zero.
 * </ul>
 * An eigenvalue exactly at -tau gives a zero pivot of A + tau I (not negative: it is zero) and one
 * exactly at +tau a zero pivot of A - tau I (counted: zero), matching |lambda| &lt;= tau. In
 * floating point exact zero pivots are rare; the counts are exact for a matrix within about n eps
 * ||A|| (times the pivot growth, bounded for Bunch-Kaufman) of the input, so an eigenvalue within
 * that distance of +-tau may be counted on either side, as in the dense eigendecomposition.
 *
 * <p><b>Memory.</b> The factorizations run in place on the caller's row-major array, which must hold
 * the matrix in <i>both</i> triangles: dsytrf("L") (column-major) overwrites only one triangle, and
 * the other, with a saved copy of the diagonal, restores the matrix after each factorization. So
 * {@link #counts} needs n^2 doubles (the input) plus O(64 n) workspace.
 *
 * <p><b>Positive definite shortcut.</b> {@link #counts} first tries a Cholesky factorization (LAPACK
 * {@code dpotrf}) of A + tau I; it succeeds exactly when A + tau I is positive definite (to the same
 * round-off), so negative = 0 without Bunch-Kaufman; likewise for A - tau I when negative = 0
 * (success: zero = 0). A positive definite A - tau I is decided by two Cholesky factorizations; one
 * with eigenvalues in the band but none below it by two (the second fails) and one dsytrf; an
 * indefinite A + tau I by one failed Cholesky (it stops at the first non-positive pivot) and two
 * dsytrf. {@link #counts(double[], int, double, boolean)} can skip the attempt.
 *
 * <p>Cost: each factorization about n^3 / 3 flops (dpotrf level-3 BLAS throughout; dsytrf mostly
 * level-3 with a level-2 panel). Measured (docs/certification.md, one OpenBLAS thread): n = 10000,
 * two dsytrf 19.6 s, two dpotrf 15.5 s, dsyevd's eigenvalues 85 s.
 *
 * <p>NaN and Inf: a non-finite entry gives counts of -1 (see {@link Counts#valid()}); nothing is
 * thrown for numerical reasons.
 */
public final class Inertia {
  private Inertia() {}

  private static final LAPACK LAPACK_ = basin.core.linalg.NativeBlas.lapack();
  private static final BLAS BLAS_ = basin.core.linalg.NativeBlas.blas();

  /**
   * Eigenvalue counts.
   *
   * @param negative eigenvalues below the band (or below 0 for {@link #of})
   * @param zero eigenvalues in the band
   * @param positive eigenvalues above the band
   */
  public record Counts(int negative, int zero, int positive) {
    /** Whether the counts were computed (false, all -1, for non-finite input). */
    public boolean valid() {
      return negative >= 0;
    }
  }

  /**
   * The inertia of a symmetric matrix: counts of negative, exactly zero and positive pivots of its
   * Bunch-Kaufman factorization (equal to those of its eigenvalues).
   *
   * @param a row-major n x n symmetric matrix, both triangles (not modified)
   * @param n the dimension, &gt;= 1
   */
  public static Counts of(double[] a, int n) {
    checkShape(a, n);
    double[] m = a.clone();
    return factorCounts(m, n);
  }

  /**
   * Counts of the eigenvalues of a symmetric matrix below -tau, in [-tau, tau] and above tau, from
   * the inertia of A + tau I and A - tau I (see the class comment).
   *
   * @param a row-major n x n symmetric matrix holding both triangles; used as the factorization
   *     workspace and restored on return (exactly, bit for bit)
   * @param n the dimension, &gt;= 1
   * @param tau the band half-width, finite and &gt;= 0
   */
  public static Counts counts(double[] a, int n, double tau) {
    return counts(a, n, tau, true);
  }

  /**
   * As {@link #counts(double[], int, double)}, with the Cholesky shortcut optional: pass false when
   * A is known to have an eigenvalue below -tau (for example a Lanczos Ritz value below -tau, an
   * upper bound on the smallest eigenvalue by Cauchy interlacing), where the Cholesky attempt can
   * only fail and cost up to a third of the work.
   *
   * @param choleskyFirst whether to try the positive definite shortcut
   */
  public static Counts counts(double[] a, int n, double tau, boolean choleskyFirst) {
    return counts(a, n, tau, choleskyFirst, false);
  }

  /**
   * As {@link #counts(double[], int, double, boolean)}; with {@code concurrent}, the two
   * factorizations (of A + tau I and of A - tau I: Cholesky attempts first, then Bunch-Kaufman)
   * run at the same time on two threads, one on {@code a} and one on a copy, so the wall time is
   * about that of one factorization on a machine with a core to spare (with single-threaded BLAS:
   * {@code OPENBLAS_NUM_THREADS=1}). Needs n^2 more doubles. The counts are the same either way.
   */
  public static Counts counts(double[] a, int n, double tau, boolean choleskyFirst, boolean concurrent) {
    checkShape(a, n);
    if (concurrent) {
      if (!(tau >= 0 && tau < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("inertia band tau must be finite and >= 0, got " + tau);
      }
      for (double v : a) {
        if (!Double.isFinite(v)) return new Counts(-1, -1, -1);
      }
      return concurrentCounts(a, n, tau, choleskyFirst);
    }
    if (!(tau >= 0 && tau < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("inertia band tau must be finite and >= 0, got " + tau);
    }
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = a[i * n + i];
    }
    for (double v : a) {
      if (!Double.isFinite(v)) return new Counts(-1, -1, -1);
    }
    if (choleskyFirst) {
      Counts semidefinite = countsWithoutNegatives(a, n, tau, diagonal);
      if (semidefinite != null) return semidefinite;
    }
    try {
      shift(a, n, diagonal, tau);
      Counts plus = factorCounts(a, n);
      restore(a, n, diagonal);
      shift(a, n, diagonal, -tau);
      Counts minus = factorCounts(a, n);
      if (!plus.valid() || !minus.valid()) return new Counts(-1, -1, -1);
      int negative = plus.negative();
      int zero = minus.negative() + minus.zero() - negative;
      return new Counts(negative, zero, n - negative - zero);
    } finally {
      restore(a, n, diagonal);
    }
  }

  /**
   * The counts of {@link #counts} when A + tau I is positive definite (no eigenvalue &lt;= -tau),
   * decided by Cholesky alone where possible; null, after one failed Cholesky factorization, when
   * it is not. Cost: one or two Cholesky factorizations, plus one dsytrf of A - tau I when some
   * eigenvalue lies in (-tau, tau].
   *
   * @param a as for {@link #counts}: both triangles, restored on return
   * @param n the dimension, &gt;= 1
   * @param tau the band half-width, finite and &gt;= 0
   */
  public static Counts countsWithoutNegatives(double[] a, int n, double tau) {
    checkShape(a, n);
    if (!(tau >= 0 && tau < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("inertia band tau must be finite and >= 0, got " + tau);
    }
    for (double v : a) {
      if (!Double.isFinite(v)) return new Counts(-1, -1, -1);
    }
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) diagonal[i] = a[i * n + i];
    return countsWithoutNegatives(a, n, tau, diagonal);
  }

  private static Counts countsWithoutNegatives(double[] a, int n, double tau, double[] diagonal) {
    try {
      // dpotrf (level-3 BLAS throughout, about twice as fast as dsytrf) succeeds exactly when the
      // shifted matrix is positive definite, which decides a count of 0 without Bunch-Kaufman.
      if (!positiveDefinite(a, n, diagonal, tau)) return null;
      restore(a, n, diagonal);
      if (positiveDefinite(a, n, diagonal, -tau)) return new Counts(0, 0, n);
      restore(a, n, diagonal);
      shift(a, n, diagonal, -tau);
      Counts minus = factorCounts(a, n);
      if (!minus.valid()) return new Counts(-1, -1, -1);
      int zero = minus.negative() + minus.zero();
      return new Counts(0, zero, n - zero);
    } finally {
      restore(a, n, diagonal);
    }
  }

  /**
   * The two-thread version of {@link #counts}: A + tau I factored on {@code a} by the calling
   * thread, A - tau I on a copy by a helper thread. With choleskyFirst both try Cholesky first: a
   * positive definite A - tau I settles the counts (0, 0, n); a positive definite A + tau I leaves
   * the zero count to a Bunch-Kaufman factorization of A - tau I; otherwise both are factored by
   * Bunch-Kaufman (concurrently again).
   */
  private static Counts concurrentCounts(double[] a, int n, double tau, boolean choleskyFirst) {
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) diagonal[i] = a[i * n + i];
    double[] other = a.clone();
    try {
      if (choleskyFirst) {
        boolean[] minusDefinite = new boolean[1];
        boolean plusDefinite = both(() -> minusDefinite[0] = positiveDefinite(other, n, diagonal, -tau),
            () -> positiveDefinite(a, n, diagonal, tau));
        if (minusDefinite[0]) return new Counts(0, 0, n);
        restore(a, n, diagonal);
        System.arraycopy(a, 0, other, 0, a.length);
        if (plusDefinite) {
          shift(other, n, diagonal, -tau);
          Counts minus = factorCounts(other, n);
          if (!minus.valid()) return new Counts(-1, -1, -1);
          int zero = minus.negative() + minus.zero();
          return new Counts(0, zero, n - zero);
        }
      }
      Counts[] minus = new Counts[1];
      Counts plus = both(() -> {
        shift(other, n, diagonal, -tau);
        minus[0] = factorCounts(other, n);
        return true;
      }, () -> {
        shift(a, n, diagonal, tau);
        return factorCounts(a, n);
      });
      if (!plus.valid() || !minus[0].valid()) return new Counts(-1, -1, -1);
      int negative = plus.negative();
      int zero = minus[0].negative() + minus[0].zero() - negative;
      return new Counts(negative, zero, n - negative - zero);
    } finally {
      restore(a, n, diagonal);
    }
  }

  /**
   * Runs {@code helper} on a new daemon thread and {@code mine} on this one; returns mine's result
   * after both end (a failure of either is rethrown). Also {@link Certifier}'s, for the Lanczos run
   * beside the dense Hessian.
   */
  static <T> T both(java.util.concurrent.Callable<?> helper, java.util.concurrent.Callable<T> mine) {
    java.util.concurrent.FutureTask<?> task = new java.util.concurrent.FutureTask<>(helper);
    Thread thread = new Thread(task, "basin-inertia");
    thread.setDaemon(true);
    thread.start();
    T result;
    try {
      result = mine.call();
    } catch (RuntimeException e) {
      task.cancel(false);
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while factoring", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
    return result;
  }

  /** Whether A + shift I is positive definite by Cholesky (dpotrf, "L"); a is left to be restored. */
  private static boolean positiveDefinite(double[] a, int n, double[] diagonal, double shift) {
    shift(a, n, diagonal, shift);
    intW info = new intW(0);
    LAPACK_.dpotrf("L", n, a, n, info);
    if (info.val < 0) {
      throw new IllegalStateException("LAPACK dpotrf rejected argument " + (-info.val) + " for n = " + n);
    }
    if (info.val > 0) return false;
    for (int i = 0; i < n; i++) {
      double d = a[i * n + i];
      if (!(d > 0 && d < Double.POSITIVE_INFINITY)) return false;
    }
    return true;
  }

  private static void shift(double[] a, int n, double[] diagonal, double shift) {
    for (int i = 0; i < n; i++) a[i * n + i] = diagonal[i] + shift;
  }

  /**
   * Replaces the symmetric A by P A P in place, P = I - Q^T Q the orthogonal projector onto the
   * complement of the row space of Q (orthonormal rows). With Y = A Q^T, C = Q Y and Z = Y - Q^T C / 2,
   * P A P = A - Z Q - Q^T Z^T, a symmetric rank-2r update (BLAS dsyr2k). The rows of Q become
   * eigenvectors of eigenvalue 0 (up to round-off, about eps ||A||), and on the complement P A P acts
   * as N^T A N for any orthonormal basis N of it, so its inertia is r zeros plus that of N^T A N.
   * Cost: about 4 n^2 r flops.
   *
   * @param a row-major n x n symmetric matrix, both triangles (overwritten, both triangles)
   * @param n the dimension
   * @param q row-major r x n with orthonormal rows (not modified)
   * @param r the number of rows, &gt;= 0
   */
  public static void projectOut(double[] a, int n, double[] q, int r) {
    checkShape(a, n);
    if (r < 0 || q.length != (long) r * n) {
      throw new IllegalArgumentException("projectOut needs an r x n basis, got r = " + r + " and " + q.length + " entries for n = " + n);
    }
    if (r == 0) return;
    // Row-major r x n Q is column-major n x r Q^T; a symmetric row-major A is its own column-major form.
    double[] y = new double[n * r];
    BLAS_.dgemm("N", "N", n, r, n, 1.0, a, n, q, n, 0.0, y, n); // Y = A Q^T, column-major n x r
    double[] c = new double[r * r];
    BLAS_.dgemm("T", "N", r, r, n, 1.0, q, n, y, n, 0.0, c, r); // C = Q A Q^T
    BLAS_.dgemm("N", "N", n, r, r, -0.5, q, n, c, r, 1.0, y, n); // Z = Y - Q^T C / 2
    BLAS_.dsyr2k("L", "N", n, r, -1.0, y, n, q, n, 1.0, a, n); // lower (column-major) -= Z Q + Q^T Z^T
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        a[i * n + j] = a[j * n + i]; // copy column-major lower (row-major upper) to the other triangle
      }
    }
  }

  /** Factors m (column-major lower triangle = row-major upper) in place and counts D's inertia. */
  private static Counts factorCounts(double[] m, int n) {
    int[] ipiv = new int[n];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK_.dsytrf("L", n, m, n, ipiv, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    info.val = 0;
    LAPACK_.dsytrf("L", n, m, n, ipiv, work, work.length, info);
    if (info.val < 0) {
      throw new IllegalStateException("LAPACK dsytrf rejected argument " + (-info.val) + " for n = " + n);
    }
    int negative = 0;
    int zero = 0;
    int positive = 0;
    int k = 0;
    while (k < n) {
      double d = m[k * n + k];
      if (ipiv[k] > 0 || k == n - 1) {
        if (!Double.isFinite(d)) return new Counts(-1, -1, -1);
        if (d < 0) negative++;
        else if (d > 0) positive++;
        else zero++;
        k++;
        continue;
      }
      double b = m[k * n + k + 1]; // column-major D(k+1, k)
      double c = m[(k + 1) * n + k + 1];
      if (!Double.isFinite(d) || !Double.isFinite(b) || !Double.isFinite(c)) return new Counts(-1, -1, -1);
      double det = d * c - b * b;
      if (det < 0) {
        negative++;
        positive++;
      } else {
        double mean = 0.5 * (d + c);
        double radius = Math.hypot(0.5 * (d - c), b);
        double[] pair = {mean - radius, mean + radius};
        for (double e : pair) {
          if (e < 0) negative++;
          else if (e > 0) positive++;
          else zero++;
        }
      }
      k += 2;
    }
    return new Counts(negative, zero, positive);
  }

  /** Restores the column-major lower triangle from the untouched upper one, and the diagonal. */
  private static void restore(double[] a, int n, double[] diagonal) {
    for (int j = 0; j < n; j++) {
      a[j * n + j] = diagonal[j];
      for (int i = j + 1; i < n; i++) {
        a[j * n + i] = a[i * n + j];
      }
    }
  }

  private static void checkShape(double[] a, int n) {
    if (n < 1 || a.length != (long) n * n) {
      throw new IllegalArgumentException("inertia needs n >= 1 and n*n entries, got n = " + n + " and " + a.length + " entries");
    }
  }
}

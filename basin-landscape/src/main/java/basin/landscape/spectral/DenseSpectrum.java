package basin.landscape.spectral;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * All eigenvalues, and optionally eigenvectors, of a dense symmetric matrix: A = V diag(lambda) V^T
 * with lambda ascending and V orthogonal.
 *
 * <p>With a native LAPACK (the system's, through dev.ludovic.netlib's JNI binding: Debian's
 * OpenBLAS provides it) the work is LAPACK's {@code dsyevd} (divide and conquer, multithreaded in
 * OpenBLAS), ten to twenty times faster than the Java path at n = 2500. Otherwise it is EJML 0.44's
 * symmetric QR algorithm ({@code DecompositionFactory_DDRM.eig(n,
 * vectors, true)}: Householder tridiagonalization, then implicit symmetric QR steps; Golub &amp; Van
 * Loan, <i>Matrix Computations</i>, 4th ed., Alg. 8.3.3) on the symmetric part (A + A^T)/2 of the
 * input. Backward stable: the computed eigenvalues are exact for a matrix within a few n eps ||A||_2
 * of the input, so each is accurate to about n eps ||A||_2 in absolute terms (Weyl).
 *
 * <p>Cost: about (4/3) n^3 flops for the eigenvalues, about 9 n^3 with eigenvectors; memory: a copy
 * of the matrix (n^2 doubles), and a second n^2 for the eigenvectors.
 *
 * <p>NaN and Inf: if any entry of the input is not finite, every eigenvalue (and eigenvector entry)
 * of the result is NaN; nothing is thrown.
 */
public final class DenseSpectrum {
  private DenseSpectrum() {}

  /**
   * An eigendecomposition.
   *
   * @param dimension n
   * @param eigenvalues the n eigenvalues in ascending order
   * @param eigenvectors row-major n x n: row i (entries {@code [i*n, i*n + n)}) is the unit
   *     eigenvector of {@code eigenvalues[i]}; the rows are orthonormal. Null when eigenvectors were
   *     not requested. Owned by this result (accessors do not copy; do not modify).
   */
  public record Result(int dimension, double[] eigenvalues, double[] eigenvectors) {

    /** Whether eigenvectors were computed. */
    public boolean hasEigenvectors() {
      return eigenvectors != null;
    }

    /** A copy of the unit eigenvector of {@code eigenvalues[i]}. */
    public double[] eigenvector(int i) {
      if (eigenvectors == null) {
        throw new IllegalStateException("eigenvectors were not requested");
      }
      if (i < 0 || i >= dimension) {
        throw new IllegalArgumentException("eigenvector index " + i + " outside [0, " + dimension + ")");
      }
      return Arrays.copyOfRange(eigenvectors, i * dimension, (i + 1) * dimension);
    }

    /** Sum of the eigenvalues, the trace of the symmetric part of the input. */
    public double trace() {
      double s = 0.0;
      for (double v : eigenvalues) s += v;
      return s;
    }
  }

  /**
   * Eigenvalues in ascending order.
   *
   * @param a row-major n x n matrix, assumed symmetric (its symmetric part is used; not modified)
   * @param n the dimension, >= 1
   */
  public static double[] eigenvalues(double[] a, int n) {
    return decompose(a, n, false).eigenvalues();
  }

  /**
   * Eigenvalues in ascending order and, if {@code vectors}, the matching orthonormal eigenvectors.
   *
   * @param a row-major n x n matrix, assumed symmetric (its symmetric part is used; not modified)
   * @param n the dimension, >= 1
   * @param vectors whether to compute eigenvectors
   * @throws IllegalArgumentException if n < 1 or a does not have n^2 entries
   * @throws ArithmeticException if EJML's QR iteration does not converge (not observed on finite
   *     symmetric input; reported rather than returned as a silent best effort)
   */
  public static Result decompose(double[] a, int n, boolean vectors) {
    return NATIVE_LAPACK ? decomposeLapack(a, n, vectors) : decomposeEjml(a, n, vectors);
  }

  private static final dev.ludovic.netlib.lapack.LAPACK LAPACK = basin.core.linalg.NativeBlas.lapack(); // the bundled OpenBLAS first
  private static final boolean NATIVE_LAPACK = LAPACK instanceof dev.ludovic.netlib.lapack.NativeLAPACK;

  /** Whether {@link #decompose} uses a native LAPACK. */
  public static boolean usesNativeLapack() {
    return NATIVE_LAPACK;
  }

  /** LAPACK dsyevd on the symmetric part; the eigenvector columns (column-major) are our rows. */
  static Result decomposeLapack(double[] a, int n, boolean vectors) {
    checkShape(a, n);
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = 0.5 * (a[i * n + j] + a[j * n + i]);
        if (!Double.isFinite(v)) {
          return nonFinite(n, vectors);
        }
        m[i * n + j] = v;
      }
    }
    String jobz = vectors ? "V" : "N";
    double[] w = new double[n];
    double[] workQuery = new double[1];
    int[] iworkQuery = new int[1];
    org.netlib.util.intW info = new org.netlib.util.intW(0);
    LAPACK.dsyevd(jobz, "U", n, m, n, w, workQuery, -1, iworkQuery, -1, info);
    double[] work = new double[Math.max(1, (int) workQuery[0])];
    int[] iwork = new int[Math.max(1, iworkQuery[0])];
    LAPACK.dsyevd(jobz, "U", n, m, n, w, work, work.length, iwork, iwork.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dsyevd failed (info " + info.val + ") on a " + n + " x " + n + " matrix");
    }
    return new Result(n, w, vectors ? m : null);
  }

  private static void checkShape(double[] a, int n) {
    if (n < 1 || a.length != (long) n * n) {
      throw new IllegalArgumentException("dense eigendecomposition needs n >= 1 and n*n entries, got n = " + n + " and " + a.length + " entries");
    }
  }

  /** EJML's symmetric QR on the symmetric part (the path without a native LAPACK). */
  static Result decomposeEjml(double[] a, int n, boolean vectors) {
    checkShape(a, n);
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    double[] data = m.data;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = 0.5 * (a[i * n + j] + a[j * n + i]);
        if (!Double.isFinite(v)) {
          return nonFinite(n, vectors);
        }
        data[i * n + j] = v;
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors, true);
    if (!eig.decompose(m)) {
      throw new ArithmeticException("EJML symmetric QR did not converge on a " + n + " x " + n + " matrix");
    }
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      raw[i] = eig.getEigenvalue(i).real;
    }
    int[] order = IndexSort.ascending(raw, n);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = raw[order[i]];
    double[] vecs = null;
    if (vectors) {
      vecs = new double[n * n];
      for (int i = 0; i < n; i++) {
        DMatrixRMaj v = eig.getEigenVector(order[i]);
        System.arraycopy(v.data, 0, vecs, i * n, n);
      }
    }
    return new Result(n, values, vecs);
  }

  private static Result nonFinite(int n, boolean vectors) {
    double[] values = new double[n];
    Arrays.fill(values, Double.NaN);
    double[] vecs = null;
    if (vectors) {
      vecs = new double[n * n];
      Arrays.fill(vecs, Double.NaN);
    }
    return new Result(n, values, vecs);
  }
}

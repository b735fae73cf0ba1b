package basin.core.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major general matrix products C = alpha op(A) op(B) + beta C on flat {@code double[]} arrays
 * with offsets, where op(X) is X or X^T.
 *
 * <p>Small products run in fused Java loops written so that the innermost loop walks contiguous
 * memory; products of at least {@link #BLAS_THRESHOLD} multiply-adds go to dev.ludovic.netlib's
 * BLAS on the library {@link NativeBlas} chose (the OpenBLAS bundled with Basin through JNI, else a
 * system OpenBLAS, else dev.ludovic.netlib's default or its pure-Java fallback). A row-major product is a column-major product of the transposes, so
 * C^T = op(B)^T op(A)^T is what is handed to dgemm.
 *
 * <p>All methods are static and allocation-free. NaN and Inf propagate as in IEEE arithmetic, with
 * one documented exception: with beta = 0 the old contents of C are ignored, never multiplied.
 */
public final class Gemm {

  private static final BLAS BLAS_INSTANCE = NativeBlas.blas();
  private static final boolean NATIVE = BLAS_INSTANCE instanceof dev.ludovic.netlib.blas.NativeBLAS;

  /**
   * Products with at least this many multiply-adds (m*n*k) go to BLAS: 16^3 with a native BLAS
   * (OpenBLAS through JNI beats the fused loops from about there: measured on configuration A of
   * the benchmarks), 48^3 with the Java fallback. The system property
   * {@code basin.gemm.blasThreshold} overrides it (for benchmarks), read once at start-up.
   */
  public static final long BLAS_THRESHOLD = Long.getLong("basin.gemm.blasThreshold", NATIVE ? 16L * 16 * 16 : 48L * 48 * 48);

  private Gemm() {}

  /** The name of the BLAS implementation used for large products ({@link NativeBlas#description()} says which library). */
  public static String blasName() {
    return BLAS_INSTANCE.getClass().getName();
  }

  /** Whether large products go to a native BLAS (true) or the Java fallback (false). */
  public static boolean isNative() {
    return NATIVE;
  }

  /**
   * C (m x n) = alpha op(A) op(B) + beta C, all row-major and densely packed (row strides equal to
   * the number of columns as stored).
   *
   * @param transA whether op(A) = A^T; A is m x k when false, k x m when true (not modified)
   * @param transB whether op(B) = B^T; B is k x n when false, n x k when true (not modified)
   * @param c output, m x n at offset {@code offC} with row stride n (modified)
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, int offA, double[] b, int offB, double beta, double[] c, int offC) {
    gemm(transA, transB, m, n, k, alpha, a, offA, transA ? m : k, b, offB, transB ? k : n, beta, c, offC, n);
  }

  /**
   * The same with explicit row strides: A as stored has row stride {@code lda} (>= its number of
   * columns as stored), likewise B and C. This addresses sub-blocks of larger arrays without copies.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, int offA, int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0.0) {
      for (int i = 0; i < m; i++) scale(beta, c, offC + i * ldc, n);
      return;
    }
    if ((long) m * n * k >= BLAS_THRESHOLD) {
      BLAS_INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, offB, ldb, a, offA, lda, beta, c, offC, ldc);
      return;
    }
    for (int i = 0; i < m; i++) scale(beta, c, offC + i * ldc, n);
    if (!transA && !transB) {
      nn(m, n, k, alpha, a, offA, lda, b, offB, ldb, c, offC, ldc);
    } else if (!transA) {
      nt(m, n, k, alpha, a, offA, lda, b, offB, ldb, c, offC, ldc);
    } else if (!transB) {
      tn(m, n, k, alpha, a, offA, lda, b, offB, ldb, c, offC, ldc);
    } else {
      tt(m, n, k, alpha, a, offA, lda, b, offB, ldb, c, offC, ldc);
    }
  }

  private static void scale(double beta, double[] c, int off, int len) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, off, off + len, 0.0);
    } else if (beta != 1.0) {
      for (int i = 0; i < len; i++) {
        c[off + i] *= beta;
      }
    }
  }

  // C += alpha A B, A m x k, B k x n
  private static void nn(int m, int n, int k, double alpha, double[] a, int offA, int lda, double[] b, int offB, int ldb,
      double[] c, int offC, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = offC + i * ldc;
      int ai = offA + i * lda;
      for (int p = 0; p < k; p++) {
        double s = alpha * a[ai + p];
        if (s == 0.0) {
          continue;
        }
        int bp = offB + p * ldb;
        for (int j = 0; j < n; j++) {
          c[ci + j] += s * b[bp + j];
        }
      }
    }
  }

  // C += alpha A B^T, A m x k, B n x k
  private static void nt(int m, int n, int k, double alpha, double[] a, int offA, int lda, double[] b, int offB, int ldb,
      double[] c, int offC, int ldc) {
    for (int i = 0; i < m; i++) {
      int ai = offA + i * lda;
      int ci = offC + i * ldc;
      for (int j = 0; j < n; j++) {
        int bj = offB + j * ldb;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s += a[ai + p] * b[bj + p];
        }
        c[ci + j] += alpha * s;
      }
    }
  }

  // C += alpha A^T B, A k x m, B k x n
  private static void tn(int m, int n, int k, double alpha, double[] a, int offA, int lda, double[] b, int offB, int ldb,
      double[] c, int offC, int ldc) {
    for (int p = 0; p < k; p++) {
      int ap = offA + p * lda;
      int bp = offB + p * ldb;
      for (int i = 0; i < m; i++) {
        double s = alpha * a[ap + i];
        if (s == 0.0) {
          continue;
        }
        int ci = offC + i * ldc;
        for (int j = 0; j < n; j++) {
          c[ci + j] += s * b[bp + j];
        }
      }
    }
  }

  // C += alpha A^T B^T, A k x m, B n x k
  private static void tt(int m, int n, int k, double alpha, double[] a, int offA, int lda, double[] b, int offB, int ldb,
      double[] c, int offC, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = offC + i * ldc;
      for (int j = 0; j < n; j++) {
        int bj = offB + j * ldb;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s += a[offA + p * lda + i] * b[bj + p];
        }
        c[ci + j] += alpha * s;
      }
    }
  }
}

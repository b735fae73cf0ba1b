package basin.landscape.spectral;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The reorthogonalization kernel shared by {@link Lanczos} and {@link SpectralDensity}: one pass of
 * classical Gram-Schmidt of a vector against the first rows of a row-major basis, as two BLAS
 * matrix-vector products,
 * <pre>
 *   c = V v,   v = v - V^T c        (V: count x n, row-major; rows orthonormal)
 * </pre>
 * (DGEMV on V read column-major as the n x count matrix V^T, leading dimension n). Classical
 * Gram-Schmidt computes every coefficient from the same v, so the pass is two streaming sweeps over
 * the basis instead of count dependent dot products; applied twice it orthogonalizes to working
 * precision ("twice is enough": Giraud, Langou, Rozloznik, Smoktunowicz, Numer. Math. 101 (2005)
 * 87-100). Cost: 4 count n flops, memory-bound for large n (the basis is read twice). The order of
 * the sums is that of the BLAS kernel, fixed for a given library and shape, so a run is a pure
 * function of its inputs on one machine.
 *
 * <p>NaN and Inf propagate as in IEEE arithmetic. Static, allocation-free, thread-safe.
 */
final class KrylovBasis {
  private KrylovBasis() {}

  private static final BLAS BLAS_ = basin.core.linalg.NativeBlas.blas();

  /**
   * One classical Gram-Schmidt pass: {@code coef[i] += c_i} and v -= sum_i c_i basis_i with c_i =
   * basis_i . v, for the rows i &lt; count.
   *
   * @param basis row-major, at least count rows of length n (not modified)
   * @param v length n (modified)
   * @param c scratch of length &gt;= count (overwritten with this pass's coefficients)
   * @param coef accumulated coefficients, length &gt;= count, or null
   */
  static void gramSchmidtPass(double[] basis, int count, int n, double[] v, double[] c, double[] coef) {
    if (count == 0) return;
    BLAS_.dgemv("T", n, count, 1.0, basis, 0, n, v, 0, 1, 0.0, c, 0, 1);
    BLAS_.dgemv("N", n, count, -1.0, basis, 0, n, c, 0, 1, 1.0, v, 0, 1);
    if (coef != null) {
      for (int i = 0; i < count; i++) coef[i] += c[i];
    }
  }
}

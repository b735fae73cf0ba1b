package basin.landscape.spectral;

import basin.core.Objective;

/**
 * A symmetric linear operator A on R^n known only through its action v -> A v: the Hessian of an
 * objective at a point (through Hessian-vector products), a dense matrix, or either of these
 * restricted to a subspace.
 *
 * <p>Implementations may hold workspaces and need not be thread-safe.
 */
public interface SymmetricOperator {

  /** The dimension n. */
  int dimension();

  /**
   * out = A v.
   *
   * @param v direction, length n (not modified)
   * @param out output, length n (overwritten); must not alias v
   */
  void apply(double[] v, double[] out);

  /**
   * Maps v in place into the subspace the operator acts on. The identity for an operator on all of
   * R^n (the default). An operator restricted to a subspace S (A = P B P with P the orthogonal
   * projector onto S) overrides this with v -> P v, so that iterative eigensolvers draw their start
   * and restart vectors inside S and never report the trivial zero eigenvalues on the complement of S.
   *
   * @param v vector, length n (modified)
   */
  default void restrictToDomain(double[] v) {}

  /**
   * The Hessian of {@code f} at {@code w}, applied by {@link Objective#hessianVectorProduct}: one
   * Hessian-vector product per {@link #apply}.
   *
   * @param f the objective; used from the calling thread only
   * @param w the point, length {@code f.dimension()} (copied)
   */
  static SymmetricOperator hessian(Objective f, double[] w) {
    if (w.length != f.dimension()) {
      throw new IllegalArgumentException("point has length " + w.length + ", objective dimension is " + f.dimension());
    }
    double[] point = w.clone();
    return new SymmetricOperator() {
      @Override
      public int dimension() {
        return point.length;
      }

      @Override
      public void apply(double[] v, double[] out) {
        f.hessianVectorProduct(point, v, out);
      }
    };
  }

  /**
   * The dense symmetric matrix {@code a}, row-major n x n (not copied; must not be modified while
   * the operator is in use). Symmetry is not checked: out = A v with A as given.
   */
  static SymmetricOperator dense(double[] a, int n) {
    if (n < 1 || a.length != (long) n * n) {
      throw new IllegalArgumentException("dense operator needs n >= 1 and n*n entries, got n = " + n + " and " + a.length + " entries");
    }
    return new SymmetricOperator() {
      @Override
      public int dimension() {
        return n;
      }

      @Override
      public void apply(double[] v, double[] out) {
        for (int i = 0; i < n; i++) {
          double s = 0.0;
          int row = i * n;
          for (int j = 0; j < n; j++) {
            s += a[row + j] * v[j];
          }
          out[i] = s;
        }
      }
    };
  }
}

package basin.landscape.flatness;

import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.symmetry.OrbitTangent;

/**
 * P A P on range(P), P = I - Q^T Q the orthogonal projector onto the complement of a symmetry orbit
 * tangent T (rows of Q an orthonormal basis of T): the Hessian with its exactly flat symmetry
 * directions removed. Its eigenvalues on its domain range(P) are those of the Hessian restricted to
 * the complement of T; {@link #restrictToDomain} keeps iterative methods inside range(P), so the
 * dim T trivial zero eigenvalues are never reported.
 *
 * <p>Cost: one product of A and two {@link OrbitTangent#projectOut} per {@link #apply}. Not
 * thread-safe (a workspace, and OrbitTangent's own).
 */
public final class ComplementOperator implements SymmetricOperator {
  private final SymmetricOperator inner;
  private final OrbitTangent tangent;
  private final double[] projected;

  private ComplementOperator(SymmetricOperator inner, OrbitTangent tangent) {
    this.inner = inner;
    this.tangent = tangent;
    this.projected = new double[inner.dimension()];
  }

  /**
   * P A P, or A itself when {@code tangent} is null or has dimension 0.
   *
   * @throws IllegalArgumentException when the tangent's parameter count is not A's dimension
   */
  public static SymmetricOperator of(SymmetricOperator a, OrbitTangent tangent) {
    if (tangent == null || tangent.dimension() == 0) {
      return a;
    }
    if (tangent.parameterCount() != a.dimension()) {
      throw new IllegalArgumentException("orbit tangent has " + tangent.parameterCount() + " parameters, operator dimension is " + a.dimension());
    }
    return new ComplementOperator(a, tangent);
  }

  /** The dimension of the domain: n - dim T for a tangent, n without one. */
  public static int domainDimension(int n, OrbitTangent tangent) {
    return tangent == null ? n : n - tangent.dimension();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public void apply(double[] v, double[] out) {
    tangent.projectOut(v, projected);
    inner.apply(projected, out);
    tangent.projectOut(out, out);
  }

  @Override
  public void restrictToDomain(double[] v) {
    tangent.projectOut(v, v);
  }
}

package basin.data.closedform;

import java.util.Arrays;

/**
 * One critical point of the linear autoencoder, from the closed form of Baldi and Hornik (1989):
 * BA is the orthogonal projection onto the span of the eigenvectors of S with indices {@code
 * eigenIndices} (0 = largest eigenvalue). The point is a whole orbit (A, B) -&gt; (C^-1 A, B C),
 * C in GL(p); {@code parameters} is the representative with C = I.
 *
 * @param eigenIndices the index set I, increasing (eigenvalues sorted decreasing)
 * @param loss tr S - sum_{i in I} lambda_i
 * @param negativeEigenvalues predicted Hessian index: #{(i in I, l not in I): lambda_l &gt; lambda_i}
 *     + (p - r)(n - r), r = |I|; the same at every point of the orbit (Sylvester's law of inertia)
 * @param zeroEigenvalues predicted nullity r^2 + 2 r (p - r): the GL(r) symmetry and the free rows
 *     and columns of the p - r unused hidden units
 * @param positiveEigenvalues 2 n p - negative - zero
 * @param parameters the representative A = [U_I^T; 0], B = [U_I, 0], flattened as the objective
 *     expects (A row-major p x n, then B row-major n x p)
 * @param hessianSpectrum the predicted Hessian eigenvalues at {@code parameters}, increasing
 */
public record LinearAutoencoderCriticalPoint(
    int[] eigenIndices,
    double loss,
    int negativeEigenvalues,
    int zeroEigenvalues,
    int positiveEigenvalues,
    double[] parameters,
    double[] hessianSpectrum) {

  /** r = |I|, the rank of BA. */
  public int rank() {
    return eigenIndices.length;
  }

  /** True for the global minimum (I = the top p eigenvectors; then the index is 0). */
  public boolean isMinimum() {
    return negativeEigenvalues == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearAutoencoderCriticalPoint other && Arrays.equals(eigenIndices, other.eigenIndices)
        && Double.compare(loss, other.loss) == 0 && Arrays.equals(parameters, other.parameters);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(eigenIndices);
  }

  @Override
  public String toString() {
    return "critical point I=" + Arrays.toString(eigenIndices) + " loss=" + loss + " index=" + negativeEigenvalues
        + " nullity=" + zeroEigenvalues;
  }
}

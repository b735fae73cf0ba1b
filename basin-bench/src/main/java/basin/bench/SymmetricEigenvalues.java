package basin.bench;

import basin.landscape.spectral.DenseSpectrum;

/**
 * All eigenvalues of a dense symmetric matrix through Basin's own solver,
 * {@link DenseSpectrum#eigenvalues} (LAPACK dsyevd through the native binding when present, EJML
 * otherwise), values only: what certification uses.
 */
final class SymmetricEigenvalues {

  private final int n;

  SymmetricEigenvalues(int n) {
    this.n = n;
  }

  /**
   * Writes the eigenvalues of the symmetric matrix {@code h} in ascending order to {@code out}.
   *
   * @param h row-major n x n, symmetric (not modified)
   * @param out length n (overwritten)
   */
  void compute(double[] h, double[] out) {
    System.arraycopy(DenseSpectrum.eigenvalues(h, n), 0, out, 0, n);
  }
}

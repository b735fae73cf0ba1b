package basin.core;

/**
 * An objective that is smooth except on kink surfaces (ReLU units switching on or off). Finite
 * difference checks use the region signature to keep every point of a stencil inside one smooth
 * piece.
 */
public interface PiecewiseSmooth {

  /**
   * A hash of the on/off pattern of every kinked unit on every example at w. Two points with
   * different signatures lie in different smooth pieces; equal signatures mean (up to a hash
   * collision) the same piece.
   *
   * @param w parameters (not modified)
   */
  long regionSignature(double[] w);
}

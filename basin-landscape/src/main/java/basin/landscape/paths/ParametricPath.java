package basin.landscape.paths;

/**
 * A path phi: [0, 1] -&gt; R^P from phi(0) = a to phi(1) = b.
 *
 * <p>Implementations are immutable; {@link #point} writes into a caller's buffer.
 */
public interface ParametricPath {

  /** P. */
  int dimension();

  /**
   * phi(t).
   *
   * @param t in [0, 1]
   * @param out output, length P (overwritten)
   */
  void point(double t, double[] out);

  /** "line", "bezier", "chain", "neb". */
  String kind();
}

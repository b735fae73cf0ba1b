package basin.landscape.topology;

/**
 * How the barrier between two minima is measured: some path from a to b and the highest loss along
 * it. The disconnectivity graph takes the barrier level of each pair from such a measure. Here the
 * measure is {@link StraightLineBarrier}, the straight segment between the stored canonical forms;
 * aligned segments, curves and elastic bands (basin.landscape.paths) plug in through the same call.
 *
 * <p>Implementations hold an objective and are used from one thread.
 */
public interface PairBarrier {

  /**
   * The highest loss found along this measure's path from a to b.
   *
   * @param a first minimum, length P (not modified)
   * @param b second minimum, length P (not modified)
   */
  Barrier between(double[] a, double[] b);

  /** A short name of the path, stored beside each barrier (for example "straight-line"). */
  String method();
}

package basin.landscape.topology;

/**
 * The highest loss along a path between two minima.
 *
 * @param status FOUND, or NOT_FINITE when the loss was NaN or infinite somewhere along the path
 *     (then {@code level} is NaN)
 * @param level the barrier level: max over the path of the loss, endpoints included (absolute, in
 *     loss units); the level at which the two minima connect along this path
 * @param position where along the path the maximum is, as the path parameter t in [0, 1]
 * @param lossA the loss at the path's start (t = 0)
 * @param lossB the loss at its end (t = 1)
 * @param evaluations loss evaluations spent
 */
public record Barrier(Status status, double level, double position, double lossA, double lossB, int evaluations) {

  /** Whether the measure produced a level. */
  public enum Status { FOUND, NOT_FINITE }

  /**
   * The barrier height above the higher endpoint: level - max(lossA, lossB), >= 0 (0 when the loss
   * never rises above the higher endpoint: the two minima are linearly connected along this path).
   */
  public double heightAboveHigher() {
    return Math.max(0.0, level - Math.max(lossA, lossB));
  }
}

package basin.core.optim;

import basin.core.Objective;

/**
 * Which iterations of a run to record in its {@link Trajectory}, and an optional held-out objective
 * to evaluate there.
 *
 * <p>Rows are recorded at iteration 0 (the start), at every iteration that is a multiple of {@code
 * interval}, and at the final iterate. Recording costs nothing for deterministic optimizers (they
 * already hold the training loss and gradient at each iterate); {@link MinibatchSgd} evaluates the
 * full training objective at each recorded iteration, and those evaluations are counted in the
 * result.
 *
 * <p>The {@code test} objective, when present, is evaluated with {@link Objective#value} at each
 * recorded point. Those evaluations are <b>not</b> counted in the result (the counts describe the
 * objective being minimized). Like every objective it is not thread-safe: give concurrent runs
 * their own copies ({@link Objective#copy()}).
 *
 * @param interval record every {@code interval}-th iteration, at least 1
 * @param test held-out objective of the same dimension as the one minimized, or null for none
 */
public record TrajectoryOptions(int interval, Objective test) {

  public TrajectoryOptions {
    if (interval < 1) {
      throw new IllegalArgumentException("trajectory interval must be >= 1 iteration, got " + interval);
    }
  }

  /** Records every {@code interval}-th iteration (plus the first and the last), no test objective. */
  public static TrajectoryOptions every(int interval) {
    return new TrajectoryOptions(interval, null);
  }

  /** A copy that also evaluates {@code test} (null for none) at the recorded points. */
  public TrajectoryOptions withTest(Objective test) {
    return new TrajectoryOptions(interval, test);
  }

  /** A copy with another recording interval. */
  public TrajectoryOptions withInterval(int interval) {
    return new TrajectoryOptions(interval, test);
  }
}

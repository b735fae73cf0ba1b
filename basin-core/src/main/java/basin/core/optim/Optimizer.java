package basin.core.optim;

import basin.core.Objective;

/**
 * A local minimizer of an {@link Objective}.
 *
 * <p>An optimizer is an immutable configuration. All mutable state (iterate, moments, L-BFGS
 * memory, workspaces) is created afresh inside each {@link #minimize} call, so one instance may be
 * used from many threads at once, each thread passing its own objective ({@link Objective#copy()}).
 *
 * <p>Every implementation stops when the Euclidean gradient norm is at most its configured gradient
 * tolerance, reports why it stopped in {@link OptimizationResult#status()}, and never throws for
 * numerical reasons: a NaN or infinite value or gradient ends the run with {@link
 * OptimizationResult.Status#DIVERGED} and the last finite iterate. It throws {@link
 * IllegalArgumentException} only for bad arguments (null, dimension mismatch, an objective of the
 * wrong kind).
 */
public interface Optimizer {

  /**
   * Minimizes {@code objective} from {@code start}, recording a trajectory as requested.
   *
   * @param objective the function to minimize; called only from the calling thread
   * @param start initial parameters, length {@code objective.dimension()} (not modified)
   * @param trajectory which iterations to record, or null to record none (the result's trajectory
   *     is then null)
   * @return the final point, its value and gradient norm, why the run stopped, and exact counts
   */
  OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory);

  /**
   * Minimizes {@code objective} from {@code start} without recording a trajectory.
   *
   * @param objective the function to minimize
   * @param start initial parameters (not modified)
   * @return as {@link #minimize(Objective, double[], TrajectoryOptions)}, with a null trajectory
   */
  default OptimizationResult minimize(Objective objective, double[] start) {
    return minimize(objective, start, null);
  }
}

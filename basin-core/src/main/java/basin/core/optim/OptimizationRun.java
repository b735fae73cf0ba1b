package basin.core.optim;

import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;
import java.util.List;
import java.util.Objects;

/**
 * Bookkeeping shared by every optimizer for one {@code minimize} call: argument checks, the counted
 * objective, the trajectory, the clock, and assembly of the result.
 */
final class OptimizationRun {
  final CountedObjective objective;
  private final TrajectoryRecorder recorder;
  private final long startNanos;

  private OptimizationRun(Objective objective, TrajectoryOptions options) {
    this.objective = new CountedObjective(objective);
    this.recorder = options == null ? null : new TrajectoryRecorder(options);
    this.startNanos = System.nanoTime();
  }

  /**
   * Checks the arguments of {@code minimize} and starts the clock.
   *
   * @throws IllegalArgumentException on null arguments or a dimension mismatch, naming the optimizer
   */
  static OptimizationRun start(String optimizer, Objective objective, double[] start, TrajectoryOptions options) {
    checkArguments(optimizer, objective, start, options);
    return new OptimizationRun(objective, options);
  }

  static void checkArguments(String optimizer, Objective objective, double[] start, TrajectoryOptions options) {
    if (objective == null) {
      throw new IllegalArgumentException(optimizer + ": objective is null");
    }
    if (start == null) {
      throw new IllegalArgumentException(optimizer + ": start point is null");
    }
    int p = objective.dimension();
    if (start.length != p) {
      throw new IllegalArgumentException(optimizer + ": start point has length " + start.length
          + ", expected the objective dimension " + p);
    }
    if (options != null && options.test() != null && options.test().dimension() != p) {
      throw new IllegalArgumentException(optimizer + ": test objective has dimension "
          + options.test().dimension() + ", expected the objective dimension " + p);
    }
  }

  /** Whether iteration {@code k} should be recorded (always false when no trajectory is kept). */
  boolean trajectoryDue(long k) {
    return recorder != null && recorder.due(k);
  }

  /** Records iteration {@code k} if it is due; {@code point} is the iterate (not modified). */
  void recordIfDue(long k, double trainLoss, double gradientNorm, double[] point) {
    if (recorder != null && recorder.due(k)) {
      recorder.record(k, trainLoss, gradientNorm, point);
    }
  }

  /**
   * Ends the run: records the final iterate (if not yet recorded) and builds the result.
   *
   * @param iterations iterations performed
   * @param pointIteration iteration index of {@code point} (smaller than {@code iterations} after
   *     divergence, when {@code point} is the last finite iterate)
   * @param point final parameters, handed over to the result (not copied)
   */
  OptimizationResult finish(OptimizationResult.Status status, long iterations, long pointIteration,
      double[] point, double value, double gradientNorm) {
    Objects.requireNonNull(status);
    Trajectory trajectory = null;
    if (recorder != null) {
      recorder.record(pointIteration, value, gradientNorm, point);
      trajectory = recorder.build();
    }
    return new OptimizationResult(status, iterations, objective.valueEvaluations(),
        objective.gradientEvaluations(), objective.minibatchGradientEvaluations(),
        objective.hessianVectorProducts(), value, gradientNorm, point, System.nanoTime() - startNanos,
        trajectory, List.of());
  }

  /**
   * The status that ends a run before iteration k, or null to go on: CONVERGED when the gradient
   * norm is at most the tolerance, MAX_ITERATIONS when the budget is spent, INTERRUPTED when the
   * thread was interrupted, checked in that order.
   */
  static Status stopBefore(long k, double gradientNorm, double tolerance, long maxIterations) {
    if (gradientNorm <= tolerance) return Status.CONVERGED;
    if (k >= maxIterations) return Status.MAX_ITERATIONS;
    if (interrupted()) return Status.INTERRUPTED;
    return null;
  }

  /** Whether the calling thread has been interrupted (the flag is left set). */
  static boolean interrupted() {
    return Thread.currentThread().isInterrupted();
  }

  /** Whether a value and gradient norm are both finite. */
  static boolean finite(double value, double gradientNorm) {
    return Double.isFinite(value) && Double.isFinite(gradientNorm);
  }
}

package basin.core.optim;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link Optimizer#minimize} call.
 *
 * <p>Counts are exact: every call the optimizer made on the minimized objective is counted once, in
 * exactly one of the four counters. A {@code valueAndGradient} call counts as a gradient evaluation
 * (not also as a value evaluation). Evaluations of a {@link TrajectoryOptions#test() test objective}
 * are not counted.
 *
 * <p>{@code value} and {@code gradientNorm} describe {@code point}. After {@link Status#DIVERGED},
 * {@code point} is the last iterate at which the objective and its gradient were finite (the start,
 * if the start itself was not finite, in which case value and gradient norm are the non-finite
 * numbers observed there).
 *
 * @param status why the run stopped
 * @param iterations iterations performed (for a chain, the sum over its stages)
 * @param valueEvaluations calls of {@code value(w)}
 * @param gradientEvaluations calls of {@code valueAndGradient(w, g)} on the full objective
 * @param minibatchGradientEvaluations calls of the minibatch {@code valueAndGradient(w, g, batch,
 *     size)} ({@link MinibatchSgd} only)
 * @param hessianVectorProducts calls of {@code hessianVectorProduct}
 * @param value objective value at {@code point} (the full objective, also for minibatch SGD)
 * @param gradientNorm Euclidean norm of the full gradient at {@code point}
 * @param point final parameters, length P; owned by this result (not copied by the accessor, do not
 *     modify)
 * @param wallNanos elapsed wall-clock time of the call, nanoseconds
 * @param trajectory recorded loss curve, or null when no {@link TrajectoryOptions} were given
 * @param stages results of the stages of an {@link OptimizerChain} in order, empty for a single
 *     optimizer
 */
public record OptimizationResult(
    Status status,
    long iterations,
    long valueEvaluations,
    long gradientEvaluations,
    long minibatchGradientEvaluations,
    long hessianVectorProducts,
    double value,
    double gradientNorm,
    double[] point,
    long wallNanos,
    Trajectory trajectory,
    List<OptimizationResult> stages) {

  /** Why a run stopped. */
  public enum Status {
    /** The gradient norm reached the configured gradient tolerance. */
    CONVERGED,
    /** The iteration budget (or, for minibatch SGD, the epoch budget) was used up. */
    MAX_ITERATIONS,
    /**
     * A non-finite value or gradient (NaN or +-Inf) was met that the method could not step around;
     * the result keeps the last finite iterate.
     */
    DIVERGED,
    /** The line search found no acceptable step within its evaluation budget. */
    LINE_SEARCH_FAILED,
    /**
     * No further progress is representable: the line-search bracket or the trust region shrank below
     * the floating-point resolution of the iterate while the gradient was still above tolerance.
     */
    STALLED,
    /** The calling thread was interrupted; the run stopped at the current iterate (flag left set). */
    INTERRUPTED
  }

  public OptimizationResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(point, "point");
    stages = stages == null ? List.of() : List.copyOf(stages);
  }

  /** Whether the run ended with {@link Status#CONVERGED}. */
  public boolean converged() {
    return status == Status.CONVERGED;
  }

  @Override
  public String toString() {
    return "OptimizationResult[status=" + status + ", iterations=" + iterations + ", value=" + value
        + ", gradientNorm=" + gradientNorm + ", valueEvaluations=" + valueEvaluations
        + ", gradientEvaluations=" + gradientEvaluations + ", minibatchGradientEvaluations="
        + minibatchGradientEvaluations + ", hessianVectorProducts=" + hessianVectorProducts
        + ", dimension=" + point.length + ", wallNanos=" + wallNanos + ", trajectoryRows="
        + (trajectory == null ? 0 : trajectory.size()) + ", stages=" + stages.size() + "]";
  }
}

package basin.core.optim;

import basin.core.Objective;
import basin.core.optim.OptimizationResult.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs optimizers one after another, each from the point where the previous one stopped: for
 * example Adam for the rough descent, L-BFGS for the approach, Newton trust region to polish.
 *
 * <p>The combined result sums iterations and evaluation counts over the stages that ran, takes
 * status, point, value and gradient norm from the last stage that ran, and lists every stage's own
 * result in {@link OptimizationResult#stages()}. Its trajectory concatenates the stages'
 * trajectories with iteration numbers continuing (stage s's iteration i becomes i plus the
 * iterations of stages 0..s-1); the first row of each later stage repeats the previous stage's last
 * iterate and is dropped. The chain stops after a stage that ends {@link Status#DIVERGED} or {@link
 * Status#INTERRUPTED}; any other status (including MAX_ITERATIONS or LINE_SEARCH_FAILED) hands its
 * point to the next stage. wallNanos is the elapsed time of the whole chain.
 */
public final class OptimizerChain implements Optimizer {
  private final List<Optimizer> stages;

  /**
   * @param stages optimizers in the order they run; at least one, no nulls (copied)
   */
  public OptimizerChain(List<? extends Optimizer> stages) {
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException("OptimizerChain needs at least one stage");
    }
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) == null) throw new IllegalArgumentException("OptimizerChain stage " + i + " is null");
    }
    this.stages = List.copyOf(stages);
  }

  public static OptimizerChain of(Optimizer... stages) {
    return new OptimizerChain(stages == null ? null : List.of(stages));
  }

  /** The stages, in order (unmodifiable). */
  public List<Optimizer> stages() {
    return stages;
  }

  @Override
  public OptimizationResult minimize(Objective objective, double[] start, TrajectoryOptions trajectory) {
    OptimizationRun.checkArguments("OptimizerChain", objective, start, trajectory);
    long startNanos = System.nanoTime();
    List<OptimizationResult> results = new ArrayList<>(stages.size());
    List<Trajectory.Row> rows = trajectory == null ? null : new ArrayList<>();
    long iterations = 0;
    long values = 0;
    long gradients = 0;
    long minibatchGradients = 0;
    long products = 0;
    double[] point = start;
    OptimizationResult last = null;
    for (Optimizer stage : stages) {
      last = stage.minimize(objective, point, trajectory);
      results.add(last);
      if (rows != null && last.trajectory() != null) {
        long previousRow = rows.isEmpty() ? -1 : rows.get(rows.size() - 1).iteration();
        for (Trajectory.Row row : last.trajectory().rows()) {
          long shifted = row.iteration() + iterations;
          if (shifted > previousRow) {
            rows.add(new Trajectory.Row(shifted, row.trainLoss(), row.testLoss(), row.gradientNorm()));
          }
        }
      }
      iterations += last.iterations();
      values += last.valueEvaluations();
      gradients += last.gradientEvaluations();
      minibatchGradients += last.minibatchGradientEvaluations();
      products += last.hessianVectorProducts();
      point = last.point();
      if (last.status() == Status.DIVERGED || last.status() == Status.INTERRUPTED) {
        break;
      }
    }
    Trajectory combined = rows == null ? null : new Trajectory(rows, trajectory.test() != null);
    return new OptimizationResult(last.status(), iterations, values, gradients, minibatchGradients, products,
        last.value(), last.gradientNorm(), last.point().clone(), System.nanoTime() - startNanos, combined, results);
  }

  @Override
  public String toString() {
    return "OptimizerChain" + stages;
  }
}

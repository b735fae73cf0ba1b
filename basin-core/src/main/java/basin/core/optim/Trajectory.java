package basin.core.optim;

import java.util.List;

/**
 * The loss curve of a run: one row per recorded iteration, in increasing iteration order (see
 * {@link TrajectoryOptions} for which iterations are recorded).
 *
 * @param rows recorded iterates, in increasing iteration order (unmodifiable)
 * @param hasTestLoss whether a test objective was evaluated; if not, every {@link Row#testLoss()} is
 *     NaN
 */
public record Trajectory(List<Row> rows, boolean hasTestLoss) {

  public Trajectory {
    rows = List.copyOf(rows);
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).iteration() <= rows.get(i - 1).iteration()) {
        throw new IllegalArgumentException("trajectory rows must have increasing iterations, got "
            + rows.get(i - 1).iteration() + " then " + rows.get(i).iteration() + " at row " + i);
      }
    }
  }

  /** Number of recorded rows. */
  public int size() {
    return rows.size();
  }

  /** The last recorded row (the final iterate of the run). */
  public Row last() {
    if (rows.isEmpty()) {
      throw new IllegalStateException("empty trajectory");
    }
    return rows.get(rows.size() - 1);
  }

  /**
   * One recorded iterate.
   *
   * @param iteration index of the iterate (0 is the start point)
   * @param trainLoss value of the minimized objective (the full objective, also for minibatch SGD)
   * @param testLoss value of the test objective, NaN when none was given
   * @param gradientNorm Euclidean norm of the gradient of the minimized objective
   */
  public record Row(long iteration, double trainLoss, double testLoss, double gradientNorm) {}
}

package basin.core.optim;

import basin.core.Objective;
import java.util.ArrayList;
import java.util.List;

/** Collects the rows of a {@link Trajectory} during one run. */
final class TrajectoryRecorder {
  private final int interval;
  private final Objective test;
  private final List<Trajectory.Row> rows = new ArrayList<>();
  private long lastRecorded = -1;

  TrajectoryRecorder(TrajectoryOptions options) {
    this.interval = options.interval();
    this.test = options.test();
  }

  /** Whether iteration {@code k} is one of the chosen ones (the first and last are added anyway). */
  boolean due(long k) {
    return k % interval == 0 && k != lastRecorded;
  }

  /** Records the iterate {@code point} of iteration {@code k} unless it was already recorded. */
  void record(long k, double trainLoss, double gradientNorm, double[] point) {
    if (k <= lastRecorded) {
      return;
    }
    double testLoss = test == null ? Double.NaN : test.value(point);
    rows.add(new Trajectory.Row(k, trainLoss, testLoss, gradientNorm));
    lastRecorded = k;
  }

  Trajectory build() {
    return new Trajectory(rows, test != null);
  }
}

package basin.study;

import basin.store.Row;
import basin.study.stats.QuantileInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The top Hessian eigenvalue along the recorded first stage of an early-stopping run, over its
 * starts: per check index that carries eigenvalues, the median, smallest and largest top eigenvalue
 * over the starts, with the median training objective and test loss there; then one point for the
 * first stage's end (each start's last check, whatever its iteration). Checks at the same index share
 * their iteration (index times the check interval) except the last, which is why the end is apart.
 *
 * @param points in iteration order, the end last
 */
public record SharpnessCurve(List<SharpnessCurve.Point> points) {

  /**
   * @param label the iteration, or "end" for the last check of every start
   * @param starts starts with an eigenvalue at this check
   * @param median median top eigenvalue (type 7)
   * @param min smallest
   * @param max largest
   * @param trainLoss median training objective at these checks
   * @param testLoss median test loss (NaN without a test set)
   */
  public record Point(String label, int starts, double median, double min, double max, double trainLoss, double testLoss) {}

  /** The curve of rows of {@link EarlyStoppingRunner#CHECKS}, in any order; rows without an eigenvalue are skipped. */
  public static SharpnessCurve of(List<Row> checks) {
    Map<Long, Long> last = new TreeMap<>();
    for (Row r : checks) last.merge(r.getLong("start_index"), r.getLong("check_index"), Math::max);
    Map<Long, List<Row>> byCheck = new TreeMap<>();
    List<Row> ends = new ArrayList<>();
    for (Row r : checks) {
      if (r.isNull("top_eigenvalue")) continue;
      if (r.getLong("check_index") == last.get(r.getLong("start_index"))) ends.add(r);
      else byCheck.computeIfAbsent(r.getLong("check_index"), k -> new ArrayList<>()).add(r);
    }
    List<Point> points = new ArrayList<>();
    for (List<Row> group : byCheck.values()) points.add(point(Long.toString(group.get(0).getLong("iteration")), group));
    if (!ends.isEmpty()) points.add(point("end", ends));
    return new SharpnessCurve(points);
  }

  private static Point point(String label, List<Row> rows) {
    int n = rows.size();
    double[] eigen = new double[n];
    double[] train = new double[n];
    double[] test = new double[n];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      eigen[i] = rows.get(i).getDouble("top_eigenvalue");
      train[i] = rows.get(i).getDouble("train_loss");
      test[i] = rows.get(i).getDouble("test_loss");
      min = Math.min(min, eigen[i]);
      max = Math.max(max, eigen[i]);
    }
    return new Point(label, n, median(eigen), min, max, median(train), median(test));
  }

  private static double median(double[] values) {
    return QuantileInterval.of(values, 0.5, 0.95).estimate();
  }
}

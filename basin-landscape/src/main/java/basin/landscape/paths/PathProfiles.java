package basin.landscape.paths;

import basin.core.Objective;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Loss profiles along paths: the training objective (and a test loss when given) at K points, the
 * arc length between them, and their {@link PathBarriers}.
 *
 * <p>Cost: K values of the training objective and K test losses. Thread-safe when the objectives are
 * used from one thread only.
 */
public final class PathProfiles {
  private PathProfiles() {}

  /**
   * The profile at t_k = k / (K - 1), k = 0..K-1; for a {@link Polyline} the vertices' arc-length
   * fractions are added to the grid, so a band's images are among the points.
   *
   * @param path the path
   * @param train the training objective (its value is the train loss)
   * @param testLossOrNull the test loss at a point, or null when there is no test data
   * @param points K, &gt;= 2
   */
  public static PathProfile evaluate(ParametricPath path, Objective train, ToDoubleFunction<double[]> testLossOrNull, int points) {
    if (points < 2) throw new IllegalArgumentException("a path profile needs >= 2 points, got " + points);
    if (train.dimension() != path.dimension()) {
      throw new IllegalArgumentException("objective dimension " + train.dimension() + ", path dimension " + path.dimension());
    }
    double[] t = new double[points];
    for (int k = 0; k < points; k++) t[k] = k / (double) (points - 1);
    if (path instanceof Polyline line && line.length() > 0) {
      double[] all = Arrays.copyOf(t, points + line.size());
      double s = 0;
      for (int i = 0; i < line.size(); i++) {
        if (i > 0) s += distance(line.vertex(i - 1), line.vertex(i));
        all[points + i] = s / line.length();
      }
      Arrays.sort(all);
      int m = 0;
      for (int i = 0; i < all.length; i++) {
        if (m == 0 || all[i] - all[m - 1] > 1e-12) all[m++] = Math.min(1.0, all[i]);
      }
      t = Arrays.copyOf(all, m);
    }
    int k = t.length;
    double[] arc = new double[k];
    double[] trainLoss = new double[k];
    double[] testLoss = new double[k];
    double[] previous = new double[path.dimension()];
    double[] w = new double[path.dimension()];
    for (int i = 0; i < k; i++) {
      path.point(t[i], w);
      trainLoss[i] = train.value(w);
      testLoss[i] = testLossOrNull == null ? Double.NaN : testLossOrNull.applyAsDouble(w);
      if (i > 0) arc[i] = arc[i - 1] + distance(previous, w);
      double[] swap = previous;
      previous = w;
      w = swap;
    }
    return new PathProfile(path.kind(), t, arc, trainLoss, testLoss, PathBarriers.of(arc, trainLoss), PathBarriers.of(arc, testLoss));
  }

  /** ||x - y||_2. */
  static double distance(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - y[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}

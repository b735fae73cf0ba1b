package basin.landscape.paths;

/**
 * The losses along a path at K points, with the barriers of each loss.
 *
 * @param kind the path's kind ("line", "bezier", "chain", "neb")
 * @param t path parameters of the points, ascending in [0, 1]
 * @param arcLength arc length from the start to each point along the discretized path (the
 *     polyline through the points; exact for a straight line and a chain with its bend on the grid)
 * @param trainLoss the training objective at each point
 * @param testLoss the test loss at each point; all NaN when there is no test data
 * @param train the barriers of trainLoss
 * @param test the barriers of testLoss (NaN fields without test data)
 */
public record PathProfile(String kind, double[] t, double[] arcLength, double[] trainLoss, double[] testLoss, PathBarriers train,
    PathBarriers test) {

  /** The number of points K. */
  public int size() {
    return t.length;
  }

  /** Whether test losses were measured. */
  public boolean hasTest() {
    return !Double.isNaN(testLoss[0]);
  }
}

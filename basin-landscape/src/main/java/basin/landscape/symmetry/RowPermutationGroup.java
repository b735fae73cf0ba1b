package basin.landscape.symmetry;

/**
 * Permutations of the rows of a k x d parameter matrix (row-major): the symmetry of k
 * interchangeable units, for example the student of a two-layer network whose second layer is
 * fixed to ones (the Gaussian-input ReLU teacher-student loss). The group is finite, so it explains
 * no zero eigenvalues.
 *
 * <p>Distance: min over permutations sigma of ||A - B_sigma||_F, solved exactly as an assignment
 * problem on the k x k matrix of squared row distances ({@link Assignment}; O(k^2 d + k^3)).
 * Canonical form: rows sorted lexicographically (by {@link Double#compare}), which round-off can
 * reorder for near-ties; the distance does not depend on it.
 */
public final class RowPermutationGroup implements SymmetryGroup {
  private final int rows;
  private final int columns;

  /**
   * @param rows k &gt;= 1 interchangeable units
   * @param columns d &gt;= 1 parameters per unit
   */
  public RowPermutationGroup(int rows, int columns) {
    if (rows < 1 || columns < 1) throw new IllegalArgumentException("need rows, columns >= 1, got " + rows + ", " + columns);
    this.rows = rows;
    this.columns = columns;
  }

  @Override
  public int dimension() {
    return rows * columns;
  }

  @Override
  public OrbitTangent orbitTangent(double[] w) {
    check(w);
    return null;
  }

  @Override
  public double[] canonicalize(double[] w) {
    check(w);
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> {
      for (int j = 0; j < columns; j++) {
        int c = Double.compare(w[a * columns + j], w[b * columns + j]);
        if (c != 0) return c;
      }
      return 0;
    });
    double[] out = new double[w.length];
    for (int i = 0; i < rows; i++) System.arraycopy(w, order[i] * columns, out, i * columns, columns);
    return out;
  }

  @Override
  public double distance(double[] a, double[] b) {
    check(a);
    check(b);
    double[] cost = new double[rows * rows];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < rows; k++) {
        double s = 0;
        for (int j = 0; j < columns; j++) {
          double d = a[i * columns + j] - b[k * columns + j];
          s += d * d;
        }
        if (!Double.isFinite(s)) return Double.NaN;
        cost[i * rows + k] = s;
      }
    }
    int[] sigma = Assignment.minimumCost(cost, rows);
    return Math.sqrt(Assignment.totalCost(cost, rows, sigma));
  }

  @Override
  public String spec() {
    return "rows:" + rows + "," + columns;
  }

  @Override
  public String describe() {
    return "permutations of " + rows + " units";
  }

  private void check(double[] w) {
    if (w.length != rows * columns) {
      throw new IllegalArgumentException("parameters have length " + w.length + ", expected " + rows + " x " + columns);
    }
  }
}

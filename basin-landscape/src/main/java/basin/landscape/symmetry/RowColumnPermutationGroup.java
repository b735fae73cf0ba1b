package basin.landscape.symmetry;

/**
 * Independent permutations of the rows and the columns of a k x d parameter matrix (row-major): W
 * -&gt; P W Q^T. The symmetry of the Gaussian-input ReLU teacher-student loss with the identity
 * teacher: rows are interchangeable student units, and permuting the input coordinates (x -&gt; Q x
 * keeps the Gaussian distribution and maps the identity teacher onto itself) permutes the columns.
 * Finite: it explains no zero eigenvalues.
 *
 * <p>Distance: min over (P, Q) of ||A - P B Q^T||_F. For a fixed Q the best P is an assignment
 * problem, and for a fixed P the best Q is another; the distance alternates the two from two
 * starting column permutations (the identity, and the one matching columns by their sorted norms,
 * which is exact for an equivalent pair with distinct column norms) until no sweep improves by more
 * than 1e-13 relative, at most 50 sweeps, and returns the smaller result. That is an upper bound on
 * the true distance (a local optimum of a quadratic assignment problem), exact for the pairs that
 * matter most here: points equivalent up to round-off. Cost per sweep: O(k^2 d + d^2 k + k^3 + d^3).
 *
 * <p>Canonical form: columns sorted by decreasing norm, then rows lexicographically; near-ties in
 * the norms may order differently under round-off (the distance does not rely on it).
 */
public final class RowColumnPermutationGroup implements SymmetryGroup {
  private static final int MAX_SWEEPS = 50;
  private static final double IMPROVEMENT = 1e-13;

  private final int rows;
  private final int columns;
  private final RowPermutationGroup rowGroup;

  public RowColumnPermutationGroup(int rows, int columns) {
    this.rowGroup = new RowPermutationGroup(rows, columns);
    this.rows = rows;
    this.columns = columns;
  }

  @Override
  public int dimension() {
    return rows * columns;
  }

  @Override
  public OrbitTangent orbitTangent(double[] w) {
    return rowGroup.orbitTangent(w);
  }

  @Override
  public double[] canonicalize(double[] w) {
    check(w);
    int[] order = columnsByNorm(w);
    return rowGroup.canonicalize(permuteColumns(w, order));
  }

  @Override
  public double distance(double[] a, double[] b) {
    check(a);
    check(b);
    for (double v : a) if (!Double.isFinite(v)) return Double.NaN;
    for (double v : b) if (!Double.isFinite(v)) return Double.NaN;
    int[] identity = new int[columns];
    for (int j = 0; j < columns; j++) identity[j] = j;
    int[] byNorm = new int[columns];
    int[] na = columnsByNorm(a);
    int[] nb = columnsByNorm(b);
    for (int r = 0; r < columns; r++) byNorm[na[r]] = nb[r]; // column na[r] of a meets column nb[r] of b
    return Math.min(alternate(a, b, identity), alternate(a, b, byNorm));
  }

  /** Alternating row and column assignments from the column matching q (column j of a meets column q[j] of b). */
  private double alternate(double[] a, double[] b, int[] q) {
    double best = Double.POSITIVE_INFINITY;
    int[] colMatch = q.clone();
    double[] rowCost = new double[rows * rows];
    double[] colCost = new double[columns * columns];
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < rows; k++) {
          double s = 0;
          for (int j = 0; j < columns; j++) {
            double d = a[i * columns + j] - b[k * columns + colMatch[j]];
            s += d * d;
          }
          rowCost[i * rows + k] = s;
        }
      }
      int[] rowMatch = Assignment.minimumCost(rowCost, rows);
      for (int j = 0; j < columns; j++) {
        for (int l = 0; l < columns; l++) {
          double s = 0;
          for (int i = 0; i < rows; i++) {
            double d = a[i * columns + j] - b[rowMatch[i] * columns + l];
            s += d * d;
          }
          colCost[j * columns + l] = s;
        }
      }
      colMatch = Assignment.minimumCost(colCost, columns);
      double value = Assignment.totalCost(colCost, columns, colMatch);
      if (!(value < best - IMPROVEMENT * Math.max(1.0, best))) {
        best = Math.min(best, value);
        break;
      }
      best = value;
    }
    return Math.sqrt(Math.max(0.0, best));
  }

  private int[] columnsByNorm(double[] w) {
    double[] norm = new double[columns];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) norm[j] += w[i * columns + j] * w[i * columns + j];
    }
    Integer[] order = new Integer[columns];
    for (int j = 0; j < columns; j++) order[j] = j;
    java.util.Arrays.sort(order, (x, y) -> Double.compare(norm[y], norm[x]));
    int[] out = new int[columns];
    for (int j = 0; j < columns; j++) out[j] = order[j];
    return out;
  }

  private double[] permuteColumns(double[] w, int[] order) {
    double[] out = new double[w.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) out[i * columns + j] = w[i * columns + order[j]];
    }
    return out;
  }

  @Override
  public String spec() {
    return "rows-columns:" + rows + "," + columns;
  }

  @Override
  public String describe() {
    return "permutations of " + rows + " units and of " + columns + " input coordinates";
  }

  private void check(double[] w) {
    if (w.length != rows * columns) {
      throw new IllegalArgumentException("parameters have length " + w.length + ", expected " + rows + " x " + columns);
    }
  }
}

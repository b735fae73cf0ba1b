package basin.landscape.symmetry;

/**
 * The linear assignment problem: for a square cost matrix C (n x n), the permutation sigma that
 * minimizes sum_i C[i][sigma(i)].
 *
 * <p>Hungarian algorithm in its shortest-augmenting-path form with row and column potentials u, v
 * (Kuhn 1955; Munkres 1957; the O(n^3) variant of Jonker &amp; Volgenant, Computing 38 (1987) 325-340,
 * without their initialization heuristics): rows are added one at a time, each by a Dijkstra-like
 * search over reduced costs C[i][j] - u[i] - v[j] &gt;= 0, then the potentials are updated along the
 * path. Exact: the result is optimal (ties between optimal permutations are broken by the search
 * order, deterministically). Negative costs are allowed.
 *
 * <p>Cost: O(n^3) time, O(n) extra memory.
 */
public final class Assignment {
  private Assignment() {}

  /**
   * The optimal assignment.
   *
   * @param cost row-major n x n costs, finite (not modified)
   * @param n the size, &gt;= 0
   * @return sigma with sigma[i] the column assigned to row i
   * @throws IllegalArgumentException on a wrong length or a non-finite cost
   */
  public static int[] minimumCost(double[] cost, int n) {
    if (n < 0 || cost.length != (long) n * n) {
      throw new IllegalArgumentException("assignment needs an n x n cost matrix, got n = " + n + " and " + cost.length + " entries");
    }
    for (int i = 0; i < cost.length; i++) {
      if (!Double.isFinite(cost[i])) {
        throw new IllegalArgumentException("assignment cost [" + (i / n) + "][" + (i % n) + "] is " + cost[i] + ", expected a finite number");
      }
    }
    // 1-based arrays; column 0 is the virtual start of each augmenting path.
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] rowOfColumn = new int[n + 1];
    int[] previous = new int[n + 1];
    double[] slack = new double[n + 1];
    boolean[] used = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      rowOfColumn[0] = i;
      int column = 0;
      java.util.Arrays.fill(slack, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(used, false);
      do {
        used[column] = true;
        int row = rowOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = -1;
        int base = (row - 1) * n - 1;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double reduced = cost[base + j] - u[row] - v[j];
            if (reduced < slack[j]) {
              slack[j] = reduced;
              previous[j] = column;
            }
            if (slack[j] < delta) {
              delta = slack[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[rowOfColumn[j]] += delta;
            v[j] -= delta;
          } else {
            slack[j] -= delta;
          }
        }
        column = next;
      } while (rowOfColumn[column] != 0);
      do {
        int prev = previous[column];
        rowOfColumn[column] = rowOfColumn[prev];
        column = prev;
      } while (column != 0);
    }
    int[] sigma = new int[n];
    for (int j = 1; j <= n; j++) {
      sigma[rowOfColumn[j] - 1] = j - 1;
    }
    return sigma;
  }

  /** sum_i cost[i][sigma[i]]. */
  public static double totalCost(double[] cost, int n, int[] sigma) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += cost[i * n + sigma[i]];
    return s;
  }
}

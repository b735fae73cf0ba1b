package basin.landscape.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The Hungarian algorithm against brute force over all permutations. */
class AssignmentTest {

  /**
   * 40 seeded cases, n in 1..7, costs uniform in [-5, 5) or integers in 0..3 (many ties). Optimal
   * totals must agree to 1e-12 times the sum of |costs|: both sum the same n numbers, in different
   * orders, so they differ by at most n ulps of that sum.
   */
  @RepeatedTest(40)
  void matchesBruteForce(RepetitionInfo info) {
    long seed = info.getCurrentRepetition();
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(7);
    boolean ties = r.nextBoolean();
    double[] cost = new double[n * n];
    double scale = 0;
    for (int i = 0; i < cost.length; i++) {
      cost[i] = ties ? r.nextInt(4) : 10 * r.nextDouble() - 5;
      scale += Math.abs(cost[i]);
    }
    int[] sigma = Assignment.minimumCost(cost, n);
    boolean[] seen = new boolean[n];
    for (int c : sigma) {
      assertTrue(c >= 0 && c < n && !seen[c], "not a permutation, seed " + seed);
      seen[c] = true;
    }
    double best = bruteForce(cost, n, new int[n], new boolean[n], 0, 0.0);
    assertEquals(best, Assignment.totalCost(cost, n, sigma), 1e-12 * Math.max(1, scale), "seed " + seed + ", n = " + n);
  }

  static double bruteForce(double[] cost, int n, int[] perm, boolean[] used, int row, double partial) {
    if (row == n) return partial;
    double best = Double.POSITIVE_INFINITY;
    for (int c = 0; c < n; c++) {
      if (!used[c]) {
        used[c] = true;
        best = Math.min(best, bruteForce(cost, n, perm, used, row + 1, partial + cost[row * n + c]));
        used[c] = false;
      }
    }
    return best;
  }

  @Test
  void findsAHiddenPermutation() {
    int n = 60;
    int[] hidden = new int[n];
    for (int i = 0; i < n; i++) hidden[i] = (7 * i + 3) % n; // 7 is coprime to 60
    double[] cost = new double[n * n];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) cost[i * n + j] = j == hidden[i] ? 0.0 : 0.01 + r.nextDouble();
    }
    assertEquals(java.util.Arrays.toString(hidden), java.util.Arrays.toString(Assignment.minimumCost(cost, n)));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> Assignment.minimumCost(new double[3], 2));
    assertThrows(IllegalArgumentException.class, () -> Assignment.minimumCost(new double[] {0, Double.NaN, 1, 2}, 2));
    assertThrows(IllegalArgumentException.class, () -> Assignment.minimumCost(new double[] {0, Double.POSITIVE_INFINITY, 1, 2}, 2));
    assertEquals(0, Assignment.minimumCost(new double[0], 0).length);
  }
}

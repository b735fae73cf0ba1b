package basin.study.stats;

import java.util.Arrays;

/**
 * The discovery (species accumulation) curve of a study: D(k) = the number of distinct classes among
 * the first k starts, k = 1..N, taken in start order. D is non-decreasing, D(1) = 1, D(N) = S_obs,
 * and D(k) - D(k-1) is 1 exactly when start k lands in a class not seen before. A curve still rising
 * steeply at k = N says many classes remain unseen (compare {@link Richness#coverage()}, which is the
 * estimated probability that start N + 1 brings nothing new).
 *
 * <p>Cost O(N log N) for sorting the class ids once; no boxing.
 */
public final class DiscoveryCurve {
  private final int[] distinct;

  private DiscoveryCurve(int[] distinct) {
    this.distinct = distinct;
  }

  /**
   * The curve of a sequence of class ids in start order (start 0 first). Any int is a valid id; equal
   * ids are the same class.
   *
   * @param classIds class id of each start, in start order (not modified)
   */
  public static DiscoveryCurve of(int[] classIds) {
    int[] sorted = classIds.clone();
    Arrays.sort(sorted);
    int unique = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[unique++] = sorted[i];
      }
    }
    boolean[] seen = new boolean[unique];
    int[] distinct = new int[classIds.length];
    int count = 0;
    for (int k = 0; k < classIds.length; k++) {
      int slot = Arrays.binarySearch(sorted, 0, unique, classIds[k]);
      if (!seen[slot]) {
        seen[slot] = true;
        count++;
      }
      distinct[k] = count;
    }
    return new DiscoveryCurve(distinct);
  }

  /** N, the number of starts. */
  public int starts() {
    return distinct.length;
  }

  /**
   * D(k), the number of distinct classes among the first k starts.
   *
   * @param k in [0, N]; D(0) = 0
   */
  public int distinctAfter(int k) {
    if (k < 0 || k > distinct.length) {
      throw new IllegalArgumentException("k = " + k + ": expected a number of starts in [0, " + distinct.length + "]");
    }
    return k == 0 ? 0 : distinct[k - 1];
  }

  /** D(1), ..., D(N) as a new array (entry k - 1 holds D(k)). */
  public int[] toArray() {
    return distinct.clone();
  }

  @Override
  public String toString() {
    return "DiscoveryCurve[starts=" + distinct.length + ", distinct=" + (distinct.length == 0 ? 0 : distinct[distinct.length - 1]) + "]";
  }
}

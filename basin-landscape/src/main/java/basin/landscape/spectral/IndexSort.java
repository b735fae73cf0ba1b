package basin.landscape.spectral;

/** Stable ascending index sort of double keys (NaN last, as {@link Double#compare}), without boxing. */
final class IndexSort {
  private IndexSort() {}

  /** The permutation p with keys[p[0]] <= keys[p[1]] <= ..., ties in index order. keys not modified. */
  static int[] ascending(double[] keys, int length) {
    int[] order = new int[length];
    ascending(keys, length, order, new int[length]);
    return order;
  }

  /** As {@link #ascending(double[], int)}, into {@code order} with workspace {@code buffer} (both length >= length). */
  static void ascending(double[] keys, int length, int[] order, int[] buffer) {
    for (int i = 0; i < length; i++) order[i] = i;
    for (int width = 1; width < length; width <<= 1) {
      for (int lo = 0; lo < length - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, length);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          buffer[k++] = Double.compare(keys[order[j]], keys[order[i]]) < 0 ? order[j++] : order[i++];
        }
        while (i < mid) buffer[k++] = order[i++];
        while (j < hi) buffer[k++] = order[j++];
        System.arraycopy(buffer, lo, order, lo, hi - lo);
      }
    }
  }
}

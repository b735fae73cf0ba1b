package basin.study.stats;

/**
 * Quantiles of values weighted by integer hit counts, for example the basin-weighted distribution of
 * gaps: each distinct minimum's gap counts as many times as starts landed in it.
 *
 * <p>Definition: the type-7 sample quantile (R's default, NumPy's "linear"; Hyndman &amp; Fan, Am.
 * Stat. 50, 1996) of the expanded sample in which value i is repeated w_i times. With the expanded
 * sample sorted, x_(0) &lt;= ... &lt;= x_(W-1), W = sum of w_i, and h = (W - 1) p,
 * Q(p) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)), Q(1) = x_(W-1). So Q(0) is the
 * smallest value with positive weight, Q(1) the largest, and Q(1/2) the basin-weighted median. The
 * expanded sample is never built: order statistics are found by binary search over cumulative
 * weights, O(log m) per quantile after an O(m log m) sort of the m distinct values.
 *
 * <p>Values must be finite (a gap of NaN or Inf has no place in a quantile); entries of weight 0 are
 * ignored.
 */
public final class WeightedQuantiles {
  /** Values with positive weight, ascending. */
  private final double[] sorted;
  /** cumulative[i] = total weight of sorted[0..i]. */
  private final long[] cumulative;

  private WeightedQuantiles(double[] sorted, long[] cumulative) {
    this.sorted = sorted;
    this.cumulative = cumulative;
  }

  /**
   * The weighted sample.
   *
   * @param values finite values (not modified)
   * @param weights weight per value, &gt;= 0, not all 0 (not modified)
   */
  public static WeightedQuantiles of(double[] values, int[] weights) {
    if (values.length != weights.length) {
      throw new IllegalArgumentException("values has " + values.length + " entries but weights has "
          + weights.length + ": expected one weight per value");
    }
    int m = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] = " + values[i] + ": expected a finite number");
      }
      if (weights[i] < 0) {
        throw new IllegalArgumentException("weights[" + i + "] = " + weights[i] + ": expected a weight >= 0");
      }
      if (weights[i] > 0) {
        m++;
      }
    }
    if (m == 0) {
      throw new IllegalArgumentException("all " + values.length + " weights are 0: expected at least one positive weight");
    }
    int[] order = new int[m];
    for (int i = 0, j = 0; i < values.length; i++) {
      if (weights[i] > 0) {
        order[j++] = i;
      }
    }
    mergeSortByValue(order, values);
    double[] sorted = new double[m];
    long[] cumulative = new long[m];
    long total = 0;
    for (int j = 0; j < m; j++) {
      sorted[j] = values[order[j]];
      total += weights[order[j]];
      cumulative[j] = total;
    }
    return new WeightedQuantiles(sorted, cumulative);
  }

  /** W, the total weight (size of the expanded sample). */
  public long totalWeight() {
    return cumulative[cumulative.length - 1];
  }

  /**
   * Q(p), the type-7 quantile of the expanded sample.
   *
   * @param p probability in [0, 1]
   */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p = " + p + ": expected a probability in [0, 1]");
    }
    long w = totalWeight();
    double h = (w - 1) * p;
    long j = (long) Math.floor(h);
    double fraction = h - j;
    double low = orderStatistic(j);
    if (j + 1 >= w || fraction == 0) {
      return low;
    }
    double high = orderStatistic(j + 1);
    return low + fraction * (high - low);
  }

  /** Q(p) for each p, in order. */
  public double[] quantiles(double... ps) {
    double[] out = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      out[i] = quantile(ps[i]);
    }
    return out;
  }

  /** x_(r), 0-based, of the expanded sample: the first sorted value whose cumulative weight exceeds r. */
  private double orderStatistic(long r) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return sorted[lo];
  }

  /** Stable merge sort of indices by values[index], without boxing. */
  private static void mergeSortByValue(int[] order, double[] values) {
    int[] buffer = new int[order.length];
    for (int width = 1; width < order.length; width *= 2) {
      for (int start = 0; start < order.length; start += 2 * width) {
        int middle = Math.min(start + width, order.length);
        int end = Math.min(start + 2 * width, order.length);
        int a = start;
        int b = middle;
        int out = start;
        while (a < middle && b < end) {
          buffer[out++] = Double.compare(values[order[b]], values[order[a]]) < 0 ? order[b++] : order[a++];
        }
        while (a < middle) {
          buffer[out++] = order[a++];
        }
        while (b < end) {
          buffer[out++] = order[b++];
        }
      }
      System.arraycopy(buffer, 0, order, 0, order.length);
    }
  }
}

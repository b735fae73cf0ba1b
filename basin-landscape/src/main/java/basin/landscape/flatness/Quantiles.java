package basin.landscape.flatness;

import java.util.Arrays;

/** Sample quantiles (Hyndman &amp; Fan 1996 type 7, R's default) of finite or +-Infinity values. */
final class Quantiles {
  private Quantiles() {}

  /**
   * The q-quantile of the first {@code count} entries of sorted (ascending, no NaN): h = (count - 1) q,
   * x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]); an infinite neighbour with a zero
   * interpolation weight is not touched (no Inf * 0). NaN when count is 0.
   */
  static double ofSorted(double[] sorted, int count, double q) {
    if (count == 0) return Double.NaN;
    double h = (count - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= count - 1) return sorted[count - 1];
    double frac = h - lo;
    if (frac == 0.0) return sorted[lo];
    double a = sorted[lo];
    double b = sorted[lo + 1];
    if (a == b) return a;
    if (Double.isInfinite(a) || Double.isInfinite(b)) return Double.isInfinite(a) ? a : b;
    return a + frac * (b - a);
  }

  /** The non-NaN entries of values, sorted ascending (a new array). */
  static double[] sortedFinitePart(double[] values) {
    double[] out = new double[values.length];
    int k = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) out[k++] = v;
    }
    out = Arrays.copyOf(out, k);
    Arrays.sort(out);
    return out;
  }
}

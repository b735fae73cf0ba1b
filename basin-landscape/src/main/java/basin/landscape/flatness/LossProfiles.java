package basin.landscape.flatness;

import basin.core.Objective;

/**
 * Loss profiles around a point: 1-D profiles f(x + t d) on a grid of t for many directions,
 * summarized as a median curve with a quantile band, and 2-D surfaces f(x + a d1 + b d2) on a grid
 * (Goodfellow, Vinyals &amp; Saxe, ICLR 2015; Li et al., NeurIPS 2018, with filter-normalized
 * directions from {@link Directions#filterNormalized}).
 *
 * <p>Sequential and deterministic: the values are a pure function of (f, x, directions, grid).
 * Cost: count * grid values (1-D), a.length * b.length values (2-D); no gradients.
 *
 * <p>NaN: a NaN value is stored as is and left out of that grid point's quantiles (NaN when all
 * directions give NaN there).
 */
public final class LossProfiles {
  private LossProfiles() {}

  /**
   * 1-D profiles and their summary. Arrays owned by the record.
   *
   * @param t the grid of t
   * @param directions the number of directions
   * @param values row-major directions x t.length: values[k * t.length + i] = f(x + t_i d_k)
   * @param median per grid point, the median over directions
   * @param lower per grid point, the lowerQuantile over directions
   * @param upper per grid point, the upperQuantile over directions
   * @param lowerQuantile the band's lower quantile level
   * @param upperQuantile the band's upper quantile level
   */
  public record Band(double[] t, int directions, double[] values, double[] median, double[] lower, double[] upper,
      double lowerQuantile, double upperQuantile) {}

  /**
   * A 2-D surface. values[i * b.length + j] = f(x + a_i d1 + b_j d2).
   */
  public record Surface(double[] a, double[] b, double[] values) {}

  /** count equally spaced values from lo to hi inclusive (count &gt;= 2). */
  public static double[] grid(double lo, double hi, int count) {
    if (count < 2 || !(hi > lo)) throw new IllegalArgumentException("grid needs count >= 2 and hi > lo, got " + count + ", [" + lo + ", " + hi + "]");
    double[] g = new double[count];
    for (int i = 0; i < count; i++) g[i] = lo + (hi - lo) * i / (count - 1);
    return g;
  }

  /**
   * 1-D profiles along the rows of {@code directions} (row-major count x P).
   *
   * @param lowerQuantile band lower level in [0, 0.5]
   * @param upperQuantile band upper level in [0.5, 1]
   */
  public static Band oneDimensional(Objective f, double[] x, double[] directions, int count, double[] t, double lowerQuantile,
      double upperQuantile) {
    int n = f.dimension();
    if (x.length != n || count < 1 || directions.length != (long) count * n || t.length < 1) {
      throw new IllegalArgumentException("need a point of length " + n + ", count >= 1 directions (count * " + n
          + " entries) and a nonempty grid, got point length " + x.length + ", count " + count + ", " + directions.length
          + " entries, grid of " + t.length);
    }
    if (!(lowerQuantile >= 0 && lowerQuantile <= 0.5 && upperQuantile >= 0.5 && upperQuantile <= 1)) {
      throw new IllegalArgumentException("band quantiles must satisfy 0 <= lower <= 0.5 <= upper <= 1, got " + lowerQuantile + ", " + upperQuantile);
    }
    int g = t.length;
    double[] values = new double[count * g];
    double[] point = new double[n];
    for (int k = 0; k < count; k++) {
      int off = k * n;
      for (int i = 0; i < g; i++) {
        for (int c = 0; c < n; c++) point[c] = x[c] + t[i] * directions[off + c];
        values[k * g + i] = f.value(point);
      }
    }
    return band(t, count, values, lowerQuantile, upperQuantile);
  }

  /**
   * The band of profiles already evaluated: per grid point the median and the two quantiles over
   * the directions (type 7, NaN left out), e.g. of values computed in parallel.
   *
   * @param values row-major count x t.length, values[k * t.length + i] = f(x + t_i d_k) (copied)
   */
  public static Band band(double[] t, int count, double[] values, double lowerQuantile, double upperQuantile) {
    int g = t.length;
    if (count < 1 || values.length != (long) count * g) {
      throw new IllegalArgumentException("need count >= 1 profiles of " + g + " values, got count " + count + " and " + values.length + " values");
    }
    if (!(lowerQuantile >= 0 && lowerQuantile <= 0.5 && upperQuantile >= 0.5 && upperQuantile <= 1)) {
      throw new IllegalArgumentException("band quantiles must satisfy 0 <= lower <= 0.5 <= upper <= 1, got " + lowerQuantile + ", " + upperQuantile);
    }
    double[] median = new double[g];
    double[] lower = new double[g];
    double[] upper = new double[g];
    double[] column = new double[count];
    for (int i = 0; i < g; i++) {
      for (int k = 0; k < count; k++) column[k] = values[k * g + i];
      double[] sorted = Quantiles.sortedFinitePart(column);
      median[i] = Quantiles.ofSorted(sorted, sorted.length, 0.5);
      lower[i] = Quantiles.ofSorted(sorted, sorted.length, lowerQuantile);
      upper[i] = Quantiles.ofSorted(sorted, sorted.length, upperQuantile);
    }
    return new Band(t.clone(), count, values.clone(), median, lower, upper, lowerQuantile, upperQuantile);
  }

  /** The surface f(x + a_i d1 + b_j d2) on the grid a x b. */
  public static Surface surface(Objective f, double[] x, double[] d1, double[] d2, double[] a, double[] b) {
    int n = f.dimension();
    if (x.length != n || d1.length != n || d2.length != n || a.length < 1 || b.length < 1) {
      throw new IllegalArgumentException("need point and directions of length " + n + " and nonempty grids, got " + x.length + ", "
          + d1.length + ", " + d2.length + ", grids of " + a.length + " and " + b.length);
    }
    double[] values = new double[a.length * b.length];
    double[] point = new double[n];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        for (int c = 0; c < n; c++) point[c] = x[c] + a[i] * d1[c] + b[j] * d2[c];
        values[i * b.length + j] = f.value(point);
      }
    }
    return new Surface(a.clone(), b.clone(), values);
  }
}

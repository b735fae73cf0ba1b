package basin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks: "nice" linear ticks (steps of 1, 2 or 5 times a power of ten) and decade ticks on a
 * log scale, with their labels. The ticks of an axis span its data: the first tick is at or below
 * the smallest value, the last at or above the largest, so the axis domain is [first, last].
 */
final class Ticks {
  private Ticks() {}

  /**
   * Linear ticks covering [lo, hi] with about {@code target} intervals: step = 1, 2 or 5 times a
   * power of ten, the smallest of those at least (hi - lo) / target; ticks from floor(lo / step) step
   * to ceil(hi / step) step. An empty range (lo == hi) is widened to lo +- 1 (or +- |lo| / 10 when
   * |lo| &gt; 10) so the axis still has a scale.
   *
   * @throws IllegalArgumentException when lo or hi is not finite, lo &gt; hi, or target &lt; 1
   */
  static double[] linear(double lo, double hi, int target) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
      throw new IllegalArgumentException("axis range [" + lo + ", " + hi + "]: expected finite lo <= hi");
    }
    if (target < 1) throw new IllegalArgumentException("target intervals = " + target + ": expected >= 1");
    if (lo == hi) {
      double pad = Math.abs(lo) > 10 ? Math.abs(lo) / 10 : 1;
      lo -= pad;
      hi += pad;
    }
    double step = step(hi / target - lo / target); // hi - lo may overflow near Double.MAX_VALUE
    long first = (long) Math.floor(lo / step + 1e-9);
    long last = (long) Math.ceil(hi / step - 1e-9);
    double[] ticks = new double[(int) (last - first + 1)];
    for (int i = 0; i < ticks.length; i++) {
      double v = (first + i) * step;
      ticks[i] = Math.abs(v) < step * 1e-9 ? 0.0 : v; // no -0 and no 1e-17 at zero
    }
    return ticks;
  }

  /** The smallest of 1, 2, 5 times a power of ten that is &gt;= raw (raw &gt; 0). */
  static double step(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw * (1 - 1e-12)) return m * p;
    }
    return 10 * p;
  }

  /**
   * Log ticks covering [lo, hi]: the powers of ten from 10^floor(log10 lo) to 10^ceil(log10 hi),
   * every k-th decade (k = ceil(decades / 9)) when there are more than 9; when the span is a single decade, 2 and 5 times
   * the power of ten are added so the axis has more than two ticks.
   *
   * @throws IllegalArgumentException unless 0 &lt; lo &lt;= hi, both finite
   */
  static double[] log(double lo, double hi) {
    if (!(lo > 0 && Double.isFinite(hi) && lo <= hi)) {
      throw new IllegalArgumentException("log axis range [" + lo + ", " + hi + "]: expected finite 0 < lo <= hi");
    }
    int a = (int) Math.floor(Math.log10(lo) + 1e-9);
    int b = (int) Math.ceil(Math.log10(hi) - 1e-9);
    if (b == a) b = a + 1;
    List<Double> out = new ArrayList<>();
    if (b - a == 1) {
      double p = Math.pow(10, a);
      for (double m : new double[] {1, 2, 5, 10}) out.add(m * p);
    } else {
      int every = (b - a + 8) / 9; // at most 11 ticks after rounding the ends outwards
      a = Math.floorDiv(a, every) * every;
      b = -Math.floorDiv(-b, every) * every;
      for (int e = a; e <= b; e += every) out.add(Math.pow(10, e));
    }
    double[] ticks = new double[out.size()];
    for (int i = 0; i < ticks.length; i++) ticks[i] = out.get(i);
    return ticks;
  }

  /**
   * A linear tick's label: as many decimals as the step needs (none for steps &gt;= 1), or
   * scientific notation for very large or very small values.
   */
  static String linearLabel(double v, double step) {
    if (v == 0) return "0";
    double mag = Math.max(Math.abs(v), step);
    if (mag >= 1e6 || step < 1e-4) return sci(v);
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A log tick's label: plain for 1e-3 &lt;= v &lt; 1e5, else like 1e-7. */
  static String logLabel(double v) {
    if (v >= 1e-3 && v < 1e5) {
      String s = String.format(Locale.ROOT, "%.3f", v);
      s = s.replaceAll("0+$", "");
      return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return sci(v);
  }

  private static String sci(double v) {
    String s = String.format(Locale.ROOT, "%.1e", v); // 2.0e-07
    String mant = s.substring(0, s.indexOf('e')).replace(".0", "");
    int exp = Integer.parseInt(s.substring(s.indexOf('e') + 1));
    return mant + "e" + exp;
  }
}

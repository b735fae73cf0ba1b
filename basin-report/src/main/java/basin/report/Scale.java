package basin.report;

/**
 * A map from data values to pixels along one axis, linear or log10, over the domain its ticks span.
 *
 * @param lo smallest value of the domain (the first tick)
 * @param hi largest value of the domain (the last tick)
 * @param log whether the map is linear in log10 of the value
 * @param from pixel of {@code lo}
 * @param to pixel of {@code hi}
 * @param ticks tick values, ascending
 */
record Scale(double lo, double hi, boolean log, double from, double to, double[] ticks) {

  /**
   * The scale of the finite values (the positive finite ones on a log scale); with none, the
   * domain [0, 1] (log: [1, 10]). {@code withZero} puts 0 in a linear domain (bar heights, counts).
   *
   * @param values the data (not modified); NaN and infinite values are ignored
   */
  static Scale of(double[] values, boolean log, boolean withZero, double from, double to) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isFinite(v) || log && v <= 0) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min > max) {
      min = log ? 1 : 0;
      max = log ? 10 : 1;
    }
    if (!log && withZero) {
      min = Math.min(min, 0);
      max = Math.max(max, 0);
    }
    double[] ticks = log ? Ticks.log(min, max) : Ticks.linear(min, max, 5);
    return new Scale(ticks[0], ticks[ticks.length - 1], log, from, to, ticks);
  }

  /**
   * The scale of counts: from 0, with integer ticks (a step of at least 1), so that a chart of
   * counts never shows a tick at 0.2 starts.
   */
  static Scale ofCounts(double[] values, double from, double to) {
    double max = 1;
    for (double v : values) if (Double.isFinite(v)) max = Math.max(max, v);
    double[] ticks = Ticks.linear(0, max, 5);
    if (ticks[1] - ticks[0] < 1) ticks = Ticks.linear(0, Math.ceil(max), (int) Math.ceil(max));
    return new Scale(ticks[0], ticks[ticks.length - 1], false, from, to, ticks);
  }

  /** The pixel of v; values outside the domain map outside [from, to], non-positive ones on a log scale to {@code from}. */
  double map(double v) {
    double t;
    if (log) {
      t = v <= 0 ? 0 : (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    } else {
      t = (v - lo) / (hi - lo);
    }
    return from + t * (to - from);
  }

  /** Whether v can be drawn: finite and, on a log scale, positive. */
  boolean drawable(double v) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  /** A tick's label. */
  String label(double tick) {
    return log ? Ticks.logLabel(tick) : Ticks.linearLabel(tick, ticks.length > 1 ? ticks[1] - ticks[0] : 1);
  }
}

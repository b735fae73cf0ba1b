package basin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts: x-y charts (lines, points sized by weight, horizontal reference lines),
 * bar charts over categories and horizontal interval (error bar) charts. Every chart is 800 by 360
 * user units, has a visible title, a {@code <title>} element, labelled axes with ticks, and says "no
 * data" when there is nothing to draw. The markup is well-formed XML; styling comes from the CSS
 * classes of the page ({@code line}, {@code point}, {@code bar}, {@code ref}, ...).
 */
final class SvgChart {
  static final int WIDTH = 800;
  static final int HEIGHT = 360;
  private static final int LEFT = 80;
  private static final int RIGHT = 24;
  private static final int TOP = 40;
  private static final int BOTTOM = 56;

  /**
   * What a chart shows and how its axes are scaled.
   *
   * @param title visible title and the SVG {@code <title>}
   * @param xLabel label of the x axis
   * @param yLabel label of the y axis
   * @param xLog whether x is on a log scale
   * @param yLog whether y is on a log scale
   */
  record Frame(String title, String xLabel, String yLabel, boolean xLog, boolean yLog) {}

  /**
   * One series of an x-y chart.
   *
   * @param name its name in the legend, or null for none
   * @param x x values
   * @param y y values, as many as x
   * @param radius point radii in pixels, as many as x; null for a polyline
   * @param cssClass CSS class of its marks
   */
  record Series(String name, double[] x, double[] y, double[] radius, String cssClass) {
    Series {
      if (x.length != y.length || radius != null && radius.length != x.length) {
        throw new IllegalArgumentException("series " + name + ": " + x.length + " x, " + y.length + " y"
            + (radius == null ? "" : ", " + radius.length + " radii") + ": expected as many of each");
      }
    }
  }

  /**
   * A horizontal reference line across an x-y chart.
   *
   * @param y where
   * @param label its label, drawn at the right end
   */
  record Reference(double y, String label) {}

  private SvgChart() {}

  /**
   * An x-y chart of the series and reference lines; points that cannot be drawn (NaN, non-positive
   * on a log axis) are left out. A linear axis whose values are all whole numbers &gt;= 0 (hits, starts,
   * distinct minima) gets integer ticks from 0.
   */
  static String xy(Frame f, List<Series> series, List<Reference> references) {
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    int points = 0;
    for (Series s : series) {
      xs.add(s.x());
      ys.add(s.y());
      points += s.x().length;
    }
    double[] yAll = concat(ys);
    if (points > 0) {
      double[] withRefs = new double[yAll.length + references.size()];
      System.arraycopy(yAll, 0, withRefs, 0, yAll.length);
      for (int i = 0; i < references.size(); i++) withRefs[yAll.length + i] = references.get(i).y();
      yAll = withRefs;
    }
    double[] xAll = concat(xs);
    Scale x = !f.xLog() && points > 0 && counts(xAll) ? Scale.ofCounts(xAll, LEFT, WIDTH - RIGHT)
        : Scale.of(xAll, f.xLog(), false, LEFT, WIDTH - RIGHT);
    Scale y = !f.yLog() && points > 0 && counts(yAll) ? Scale.ofCounts(yAll, HEIGHT - BOTTOM, TOP)
        : Scale.of(yAll, f.yLog(), false, HEIGHT - BOTTOM, TOP);
    StringBuilder b = open(f);
    axes(b, f, x, y);
    if (points == 0) return noData(b);
    for (Reference r : references) {
      if (!y.drawable(r.y())) continue;
      double py = y.map(r.y());
      b.append(String.format(Locale.ROOT, "<line class=\"ref\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, py,
          WIDTH - RIGHT, py));
      b.append(String.format(Locale.ROOT, "<text class=\"reflabel\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          WIDTH - RIGHT - 4, py - 4, Html.escape(r.label())));
    }
    int legendRow = 0;
    for (Series s : series) {
      if (s.radius() == null) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
          if (!x.drawable(s.x()[i]) || !y.drawable(s.y()[i])) continue;
          pts.append(pts.length() == 0 ? "" : " ")
              .append(String.format(Locale.ROOT, "%.1f,%.1f", x.map(s.x()[i]), y.map(s.y()[i])));
        }
        b.append("<polyline class=\"").append(s.cssClass()).append("\" points=\"").append(pts).append("\"/>");
      } else {
        for (int i = 0; i < s.x().length; i++) {
          if (!x.drawable(s.x()[i]) || !y.drawable(s.y()[i])) continue;
          b.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", s.cssClass(),
              x.map(s.x()[i]), y.map(s.y()[i]), s.radius()[i]));
        }
      }
      if (s.name() != null) {
        int ly = TOP + 14 + 16 * legendRow++;
        b.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"12\" height=\"4\"/>", "key " + s.cssClass(),
            LEFT + 10, ly - 4));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", LEFT + 28, ly, Html.escape(s.name())));
      }
    }
    return close(b);
  }

  /**
   * A bar chart: one bar per category, the height its value, from zero (integer ticks when every
   * value is a whole number &gt;= 0: counts). Only every n-th category
   * is labelled when there are more than 25 (n chosen to label at most 25).
   */
  static String bars(Frame f, List<String> categories, double[] values) {
    if (categories.size() != values.length) {
      throw new IllegalArgumentException(categories.size() + " categories, " + values.length + " values: expected as many of each");
    }
    Scale y = !f.yLog() && counts(values) ? Scale.ofCounts(values, HEIGHT - BOTTOM, TOP) : Scale.of(values, f.yLog(), true, HEIGHT - BOTTOM, TOP);
    StringBuilder b = open(f);
    yAxis(b, f, y);
    int n = values.length;
    double band = (double) (WIDTH - RIGHT - LEFT) / Math.max(n, 1);
    int every = Math.max(1, (n + 24) / 25);
    b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, HEIGHT - BOTTOM,
        WIDTH - RIGHT, HEIGHT - BOTTOM));
    xLabel(b, f);
    if (n == 0) return noData(b);
    double base = y.log() ? HEIGHT - BOTTOM : y.map(0);
    for (int i = 0; i < n; i++) {
      double cx = LEFT + (i + 0.5) * band;
      if (y.drawable(values[i])) {
        double top = y.map(values[i]);
        double w = Math.max(1, band * 0.8);
        b.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %s</title></rect>",
            cx - w / 2, Math.min(top, base), w, Math.abs(base - top), Html.escape(categories.get(i)), Html.num(values[i])));
      }
      if (i % every == 0) {
        b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", cx,
            HEIGHT - BOTTOM + 16, Html.escape(categories.get(i))));
      }
    }
    return close(b);
  }

  /**
   * Horizontal intervals, one row per label: a line from lower to upper with end caps and a dot at
   * the estimate, over an x axis from {@code min} to {@code max}.
   */
  static String intervals(Frame f, List<String> labels, double[] lower, double[] estimate, double[] upper, double min, double max) {
    int n = labels.size();
    if (lower.length != n || estimate.length != n || upper.length != n) {
      throw new IllegalArgumentException(n + " labels, " + lower.length + " lower, " + estimate.length + " estimates, " + upper.length
          + " upper: expected as many of each");
    }
    Scale x = new Scale(min, max, false, LEFT + 120, WIDTH - RIGHT, Ticks.linear(min, max, 5));
    StringBuilder b = open(f);
    for (double t : x.ticks()) {
      double px = x.map(t);
      b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", px, TOP, px, HEIGHT - BOTTOM));
      b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px,
          HEIGHT - BOTTOM + 16, x.label(t)));
    }
    b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT + 120, HEIGHT - BOTTOM,
        WIDTH - RIGHT, HEIGHT - BOTTOM));
    xLabel(b, f);
    if (n == 0) return noData(b);
    double row = (double) (HEIGHT - BOTTOM - TOP) / n;
    for (int i = 0; i < n; i++) {
      double py = TOP + (i + 0.5) * row;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT + 110, py + 4,
          Html.escape(labels.get(i))));
      if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
        double a = x.map(lower[i]);
        double c = x.map(upper[i]);
        b.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", a, py, c, py));
        for (double e : new double[] {a, c}) {
          b.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", e, py - 8, e, py + 8));
        }
      }
      if (Double.isFinite(estimate[i])) {
        b.append(String.format(Locale.ROOT, "<circle class=\"estimate\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"/>", x.map(estimate[i]), py));
      }
    }
    return close(b);
  }

  private static StringBuilder open(Frame f) {
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\">");
    b.append("<title>").append(Html.escape(f.title())).append("</title>");
    b.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"22\" text-anchor=\"middle\">%s</text>", WIDTH / 2,
        Html.escape(f.title())));
    return b;
  }

  private static String close(StringBuilder b) {
    return b.append("</svg>").toString();
  }

  private static String noData(StringBuilder b) {
    b.append(String.format(Locale.ROOT, "<text class=\"nodata\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">no data</text>",
        (LEFT + WIDTH - RIGHT) / 2, (TOP + HEIGHT - BOTTOM) / 2));
    return close(b);
  }

  private static void axes(StringBuilder b, Frame f, Scale x, Scale y) {
    yAxis(b, f, y);
    for (double t : x.ticks()) {
      double px = x.map(t);
      b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", px, TOP, px, HEIGHT - BOTTOM));
      b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px,
          HEIGHT - BOTTOM + 16, x.label(t)));
    }
    b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, HEIGHT - BOTTOM,
        WIDTH - RIGHT, HEIGHT - BOTTOM));
    xLabel(b, f);
  }

  private static void yAxis(StringBuilder b, Frame f, Scale y) {
    for (double t : y.ticks()) {
      double py = y.map(t);
      b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, py, WIDTH - RIGHT, py));
      b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, py + 4,
          y.label(t)));
    }
    b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
    b.append(String.format(Locale.ROOT, "<text class=\"label\" transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
        (TOP + HEIGHT - BOTTOM) / 2, Html.escape(f.yLabel() + (f.yLog() ? " (log scale)" : ""))));
  }

  private static void xLabel(StringBuilder b, Frame f) {
    b.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", (LEFT + WIDTH - RIGHT) / 2,
        HEIGHT - 12, Html.escape(f.xLabel() + (f.xLog() ? " (log scale)" : ""))));
  }

  /** Whether every value is a whole number &gt;= 0 (NaN: no), so the axis gets integer ticks from 0 ({@link Scale#ofCounts}). */
  static boolean counts(double[] values) {
    for (double v : values) {
      if (!(v >= 0 && v == Math.rint(v) && v < Double.POSITIVE_INFINITY)) return false;
    }
    return true;
  }

  private static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) n += p.length;
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}

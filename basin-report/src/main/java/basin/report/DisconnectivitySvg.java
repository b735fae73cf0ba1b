package basin.report;

import basin.landscape.topology.DisconnectivityGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A disconnectivity graph drawn as a standalone SVG document (Becker and Karplus 1997; Wales et al.
 * 1998): loss on the vertical axis, each minimum a leaf ending at its loss, each join a horizontal
 * bar at the level where its branches first connect. Leaves are placed in the graph's
 * {@link DisconnectivityGraph#leafOrder() leaf order} (depth first, every subtree contiguous), and
 * an internal node sits midway between its outermost children, so no two branches cross. Roots
 * (one per connected component) get a stem to the top of the plot. Every leaf and join carries a
 * tooltip with its minimum id and loss; leaves are labelled with their ids (up to 120 leaves, in two
 * staggered rows when they are close).
 *
 * <p>Self-contained: the document depends on no style sheet or script, and this class on nothing
 * else in basin-report. Coordinates are written with 2 decimals, so equal graphs give equal bytes.
 */
public final class DisconnectivitySvg {
  private DisconnectivitySvg() {}

  private static final int LEFT = 78;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 46;

  /**
   * @param width width of the picture in pixels (>= 200); {@link #widthFor} suits n leaves
   * @param height height in pixels (>= 150)
   * @param title one line above the plot (empty: none)
   * @param axisLabel the vertical axis's label, e.g. "training loss"
   */
  public record Options(int width, int height, String title, String axisLabel) {
    public Options {
      if (width < 200) throw new IllegalArgumentException("width must be >= 200, got " + width);
      if (height < 150) throw new IllegalArgumentException("height must be >= 150, got " + height);
      if (title == null || axisLabel == null) throw new IllegalArgumentException("title and axis label must not be null");
    }

    public Options withWidth(int v) {
      return new Options(v, height, title, axisLabel);
    }

    /** 720 x 420, no title, axis "loss". */
    public static Options defaults() {
      return new Options(720, 420, "", "loss");
    }

    public Options withTitle(String v) {
      return new Options(width, height, v, axisLabel);
    }

    public Options withAxisLabel(String v) {
      return new Options(width, height, title, v);
    }
  }

  /** A width that gives each of n leaves at least 12 pixels, and at least 720. */
  public static int widthFor(int n) {
    return Math.max(720, LEFT + RIGHT + 12 * n);
  }

  /**
   * The SVG document.
   *
   * @param g the graph
   * @param ids the catalog id of each minimum (leaf i is labelled ids[i]), or null for 0..n-1
   */
  public static String render(DisconnectivityGraph g, int[] ids, Options o) {
    int n = g.minimaCount();
    if (ids != null && ids.length != n) throw new IllegalArgumentException("ids has " + ids.length + " entries for " + n + " minima");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (DisconnectivityGraph.Node node : g.nodes()) {
      lo = Math.min(lo, node.level());
      hi = Math.max(hi, node.level());
    }
    if (n == 0) {
      lo = 0;
      hi = 1;
    }
    double[] ticks = ticks(lo, hi, 6);
    double y0 = ticks[0];
    double y1 = ticks[ticks.length - 1];
    double plotW = o.width() - LEFT - RIGHT;
    double plotH = o.height() - TOP - BOTTOM;
    double[] x = new double[g.nodes().size()];
    int[] order = g.leafOrder();
    for (int k = 0; k < n; k++) x[order[k]] = LEFT + (k + 0.5) * plotW / Math.max(1, n);
    for (DisconnectivityGraph.Node node : g.nodes()) { // internal nodes come after their children
      if (node.isLeaf()) continue;
      int[] c = node.children();
      double a = Double.POSITIVE_INFINITY;
      double b = Double.NEGATIVE_INFINITY;
      for (int child : c) {
        a = Math.min(a, x[child]);
        b = Math.max(b, x[child]);
      }
      x[node.id()] = (a + b) / 2;
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
        o.width(), o.height(), o.width(), o.height()));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", o.width(), o.height()));
    if (!o.title().isEmpty()) {
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>%n", LEFT, escape(o.title())));
    }
    // axis
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.2f\" stroke=\"#444\"/>%n", LEFT - 6, TOP, LEFT - 6, TOP + plotH));
    for (double t : ticks) {
      double y = y(t, y0, y1, plotH);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#444\"/>", LEFT - 10, y, LEFT - 6, y));
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#eee\"/>", LEFT - 5, y, LEFT + plotW, y));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n", LEFT - 12, y + 4, label(t, ticks)));
    }
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %.2f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
        TOP + plotH / 2, escape(o.axisLabel())));
    s.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">minima (leaves), joined at the level where they first connect</text>%n",
        LEFT + plotW / 2, o.height() - 8));
    // branches
    s.append("<g stroke=\"#1f4e79\" stroke-width=\"1.5\" fill=\"none\">\n");
    for (DisconnectivityGraph.Node node : g.nodes()) {
      double yNode = y(node.level(), y0, y1, plotH);
      double yTop = node.parent() >= 0 ? y(g.node(node.parent()).level(), y0, y1, plotH) : TOP;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>%n", x[node.id()], yNode, x[node.id()], yTop));
      if (!node.isLeaf()) {
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (int child : node.children()) {
          a = Math.min(a, x[child]);
          b = Math.max(b, x[child]);
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"><title>join at %s: %d minima</title></line>%n",
            a, yNode, b, yNode, number(node.level()), node.size()));
      }
    }
    s.append("</g>\n");
    // leaves
    boolean labels = n <= 120;
    boolean stagger = plotW / Math.max(1, n) < 16; // labels of neighbouring leaves would touch: alternate two rows
    for (int k = 0; k < n; k++) {
      int leaf = order[k];
      int id = ids == null ? leaf : ids[leaf];
      double y = y(g.energy(leaf), y0, y1, plotH);
      s.append(String.format(Locale.ROOT, "<circle class=\"leaf\" cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"#c0392b\"><title>minimum %d: loss %s</title></circle>",
          x[leaf], y, id, number(g.energy(leaf))));
      if (labels) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" font-size=\"9\" fill=\"#555\">%d</text>", x[leaf], y + (stagger && k % 2 == 1 ? 23 : 13), id));
      }
      s.append('\n');
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static double y(double v, double y0, double y1, double plotH) {
    return TOP + plotH * (1 - (v - y0) / (y1 - y0));
  }

  /** Linear ticks at 1, 2 or 5 times a power of ten covering [lo, hi] with about target intervals. */
  static double[] ticks(double lo, double hi, int target) {
    if (!(hi > lo)) {
      double pad = Math.max(Math.abs(lo) / 10, 1e-12);
      lo -= pad;
      hi += pad;
    }
    double raw = (hi - lo) / target;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = 10 * p;
    for (double m : new double[] {1, 2, 5}) {
      if (m * p >= raw * (1 - 1e-12)) {
        step = m * p;
        break;
      }
    }
    long first = (long) Math.floor(lo / step + 1e-9);
    long last = (long) Math.ceil(hi / step - 1e-9);
    List<Double> out = new ArrayList<>();
    for (long i = first; i <= last; i++) {
      double v = i * step;
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    double[] t = new double[out.size()];
    for (int i = 0; i < t.length; i++) t[i] = out.get(i);
    return t;
  }

  private static String label(double v, double[] ticks) {
    double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    int decimals = Math.max(0, Math.min(12, (int) Math.ceil(-Math.log10(step) - 1e-9)));
    double mag = Math.max(Math.abs(ticks[0]), Math.abs(ticks[ticks.length - 1]));
    if (mag >= 1e5 || (mag > 0 && mag < 1e-3)) return String.format(Locale.ROOT, "%.2e", v);
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

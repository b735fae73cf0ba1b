package basin.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Factories of report {@link Figure}s. Each builds an ECharts option (JSON through Jackson, so no
 * user text is ever spliced into script) with a title, labelled axes (a log axis says "(log scale)"),
 * hover tooltips with the values, a legend whose entries toggle their series, zoom (box zoom from the
 * toolbox, shift + mouse wheel, drag to pan; "restore" undoes it), and toolbox buttons that save the
 * figure as PNG and as SVG. The plotted data also goes to the figure's CSV.
 *
 * <p>Values that cannot be drawn are left out: NaN and infinities everywhere, and values {@code <= 0}
 * on a log axis (a band point is left out when either bound is). Ids must match {@code [a-z0-9-]+}.
 *
 * <p>The general chart is {@link #xy} over {@link Layer}s: {@link Line}s, {@link Points} (with
 * per-point labels and sizes), {@link Band}s (a shaded area between a lower and an upper curve, for
 * confidence and quantile bands) and {@link Reference} lines. The other factories are the figures a
 * study report needs, built on it or on their own chart type.
 */
public final class Figures {
  private static final String[] PALETTE = {"#2e6da4", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#17a589", "#7f8c8d"};
  private static final String REFERENCE_COLOR = "#b03a2e";
  /** An on...= attribute inside a tag. */
  private static final java.util.regex.Pattern EVENT_HANDLER = java.util.regex.Pattern.compile("<[^>]*\\son[a-z]+\\s*=");

  private Figures() {}

  /**
   * Title and axes of a chart.
   *
   * @param title the title drawn on the chart (and the figure's name)
   * @param xLabel label of the x axis
   * @param yLabel label of the y axis
   * @param xLog whether x is on a log10 scale
   * @param yLog whether y is on a log10 scale
   */
  public record Axes(String title, String xLabel, String yLabel, boolean xLog, boolean yLog) {
    public Axes {
      Objects.requireNonNull(title, "title");
      xLabel = xLabel == null ? "" : xLabel;
      yLabel = yLabel == null ? "" : yLabel;
    }

    /** Linear axes. */
    public static Axes of(String title, String xLabel, String yLabel) {
      return new Axes(title, xLabel, yLabel, false, false);
    }

    public Axes withXLog() {
      return new Axes(title, xLabel, yLabel, true, yLog);
    }

    public Axes withYLog() {
      return new Axes(title, xLabel, yLabel, xLog, true);
    }

    public Axes withLogLog() {
      return new Axes(title, xLabel, yLabel, true, true);
    }
  }

  /** One layer of an {@link #xy} chart. */
  public sealed interface Layer permits Line, Points, Band, Reference {}

  /** How a {@link Line} is drawn. */
  public enum LineStyle {
    SOLID,
    DASHED,
    /** A staircase: the value holds from each x to the next. */
    STEP
  }

  /**
   * A curve through (x[i], y[i]) in the order given.
   *
   * @param name legend entry (null: none)
   */
  public record Line(String name, double[] x, double[] y, LineStyle style) implements Layer {
    public Line {
      sameLength("line " + name, x, y);
      Objects.requireNonNull(style, "style");
    }

    public static Line of(String name, double[] x, double[] y) {
      return new Line(name, x, y, LineStyle.SOLID);
    }

    public static Line dashed(String name, double[] x, double[] y) {
      return new Line(name, x, y, LineStyle.DASHED);
    }
  }

  /**
   * Points (x[i], y[i]), each with an optional label shown on hover and an optional size.
   *
   * @param name legend entry (null: none)
   * @param labels one per point (null: none), for example "minimum 12"
   * @param sizes symbol diameters in pixels, one per point (null: 8 each)
   */
  public record Points(String name, double[] x, double[] y, List<String> labels, double[] sizes) implements Layer {
    public Points {
      sameLength("points " + name, x, y);
      if (labels != null && labels.size() != x.length || sizes != null && sizes.length != x.length) {
        throw new IllegalArgumentException("points " + name + ": " + x.length + " points, " + (labels == null ? "no" : labels.size())
            + " labels, " + (sizes == null ? "no" : sizes.length) + " sizes: expected one label and size per point");
      }
      labels = labels == null ? null : List.copyOf(labels);
    }

    public static Points of(String name, double[] x, double[] y) {
      return new Points(name, x, y, null, null);
    }
  }

  /**
   * A shaded band between lower[i] and upper[i] over x[i]: a confidence band, a richness band, a
   * quantile band. Hovering shows both bounds.
   *
   * @param name legend entry, for example "95% CI" or "5% to 95% quantiles"
   */
  public record Band(String name, double[] x, double[] lower, double[] upper) implements Layer {
    public Band {
      Objects.requireNonNull(name, "name");
      sameLength("band " + name, x, lower);
      sameLength("band " + name, x, upper);
    }
  }

  /** Which axis a {@link Reference} value is on. */
  public enum Axis {
    /** A vertical line at an x value. */
    X,
    /** A horizontal line at a y value. */
    Y
  }

  /**
   * A dashed reference line at a value (the global minimum, a tolerance), labelled, with its own
   * legend entry so it can be hidden.
   */
  public record Reference(Axis axis, double at, String label) implements Layer {
    public Reference {
      Objects.requireNonNull(axis, "axis");
      Objects.requireNonNull(label, "label");
    }

    public static Reference x(double at, String label) {
      return new Reference(Axis.X, at, label);
    }

    public static Reference y(double at, String label) {
      return new Reference(Axis.Y, at, label);
    }
  }

  /**
   * An x-y chart of the layers, drawn in the order given (bands first reads best). Tooltips follow
   * the x axis when the chart has lines or bands, else the point under the pointer.
   */
  public static Figure xy(String id, Axes axes, List<? extends Layer> layers, String caption) {
    ObjectNode o = base(axes, hasLines(layers) ? "axis" : "item");
    o.set("xAxis", valueAxis(axes.xLabel(), axes.xLog(), true));
    o.set("yAxis", valueAxis(axes.yLabel(), axes.yLog(), false));
    zoom(o);
    ArrayNode series = o.putArray("series");
    List<String> legend = new ArrayList<>();
    List<List<String>> csv = new ArrayList<>();
    int color = 0;
    for (Layer layer : layers) {
      String c = PALETTE[color % PALETTE.length];
      if (layer instanceof Line l) {
        series.add(line(l, axes, c));
        legend(legend, l.name());
        for (int i = 0; i < l.x().length; i++) csv.add(row(l.name(), "line", l.x()[i], l.y()[i], Double.NaN, Double.NaN, null));
        color++;
      } else if (layer instanceof Points p) {
        series.add(points(p, axes, c));
        legend(legend, p.name());
        for (int i = 0; i < p.x().length; i++) {
          csv.add(row(p.name(), "point", p.x()[i], p.y()[i], Double.NaN, Double.NaN, p.labels() == null ? null : p.labels().get(i)));
        }
        color++;
      } else if (layer instanceof Band b) {
        series.add(bandSeries(b, axes, c));
        legend(legend, b.name());
        for (int i = 0; i < b.x().length; i++) csv.add(row(b.name(), "band", b.x()[i], Double.NaN, b.lower()[i], b.upper()[i], null));
        color++;
      } else if (layer instanceof Reference r) {
        series.add(reference(r, r.axis() == Axis.X ? axes.xLog() : axes.yLog()));
        legend(legend, r.label());
        csv.add(row(r.label(), r.axis() == Axis.X ? "reference x" : "reference y", r.axis() == Axis.X ? r.at() : Double.NaN,
            r.axis() == Axis.Y ? r.at() : Double.NaN, Double.NaN, Double.NaN, null));
      }
    }
    legend(o, legend);
    return new Figure(id, axes.title(), caption, o, null, Csv.of(List.of("series", "kind", "x", "y", "lower", "upper", "label"), csv));
  }

  /**
   * A histogram of the finite values in {@code bins} equal bins from the smallest to the largest
   * (widened to take in the references), drawn as a filled staircase, with the references as
   * vertical dashed lines (for example the global minimum). The data CSV has one row per bin.
   *
   * @param bins number of bins, at least 1
   */
  public static Figure histogram(String id, Axes axes, double[] values, int bins, List<Reference> references, String caption) {
    if (bins < 1) throw new IllegalArgumentException("histogram " + id + ": " + bins + " bins, expected at least 1");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    for (Reference r : references) {
      if (r.axis() == Axis.X && Double.isFinite(r.at()) && lo <= hi) {
        lo = Math.min(lo, r.at());
        hi = Math.max(hi, r.at());
      }
    }
    ObjectNode o = base(axes, "axis");
    o.set("xAxis", valueAxis(axes.xLabel(), false, true));
    ObjectNode y = valueAxis(axes.yLabel(), false, false);
    y.put("min", 0);
    y.remove("scale");
    o.set("yAxis", y);
    zoom(o);
    ArrayNode series = o.putArray("series");
    List<List<String>> csv = new ArrayList<>();
    List<String> legend = new ArrayList<>();
    if (lo <= hi) {
      if (lo == hi) {
        double half = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
        lo -= half;
        hi += half;
      }
      double width = (hi - lo) / bins;
      long[] counts = new long[bins];
      for (double v : values) {
        if (!Double.isFinite(v)) continue;
        int k = (int) Math.floor((v - lo) / width);
        counts[Math.max(0, Math.min(bins - 1, k))]++;
      }
      ObjectNode s = series.addObject();
      s.put("type", "line").put("name", axes.yLabel()).put("step", "end").put("showSymbol", false).put("symbol", "none");
      s.putObject("lineStyle").put("color", PALETTE[0]).put("width", 1.5);
      s.putObject("itemStyle").put("color", PALETTE[0]);
      s.putObject("areaStyle").put("color", PALETTE[0]).put("opacity", 0.35);
      ArrayNode data = s.putArray("data");
      for (int k = 0; k <= bins; k++) {
        double a = lo + k * width;
        long c = counts[Math.min(k, bins - 1)];
        ObjectNode item = data.addObject();
        ArrayNode v = item.putArray("value");
        v.add(a);
        v.add(c);
        if (k < bins) {
          double b = lo + (k + 1) * width;
          item.put("tip", "[" + Html.num(a) + ", " + Html.num(b) + (k == bins - 1 ? "]" : ")") + ": " + c);
          csv.add(List.of(Double.toString(a), Double.toString(b), Long.toString(c)));
        }
      }
    }
    for (Reference r : references) {
      series.add(reference(r, false));
      legend(legend, r.label());
    }
    legend(o, legend);
    return new Figure(id, axes.title(), caption, o, null, Csv.of(List.of("bin_lower", "bin_upper", "count"), csv));
  }

  /** A curve with its confidence band (the discovery curve with the richness band, a profile with its interval). */
  public static Figure lineWithBand(String id, Axes axes, Line line, Band band, List<Reference> references, String caption) {
    List<Layer> layers = new ArrayList<>();
    layers.add(band);
    layers.add(line);
    layers.addAll(references);
    return xy(id, axes, layers, caption);
  }

  /**
   * A growth law on log-log axes: the observed counts as points, the fitted law as a line and its
   * confidence band (the fit is a straight line on log axes for a power law).
   */
  public static Figure growthLaw(String id, Axes axes, Points observed, Line fit, Band band, String caption) {
    List<Layer> layers = new ArrayList<>();
    if (band != null) layers.add(band);
    if (fit != null) layers.add(fit);
    layers.add(observed);
    return xy(id, axes.withLogLog(), layers, caption);
  }

  /** A scatter of point sets, each point with its label on hover (train against test loss per minimum; index against loss). */
  public static Figure scatter(String id, Axes axes, List<Points> sets, List<Reference> references, String caption) {
    List<Layer> layers = new ArrayList<>(sets);
    layers.addAll(references);
    return xy(id, axes, layers, caption);
  }

  /** A median curve with quantile bands around it, widest first (1-D loss profiles along directions). */
  public static Figure quantileBands(String id, Axes axes, Line median, List<Band> bands, String caption) {
    List<Layer> layers = new ArrayList<>(bands);
    layers.add(median);
    return xy(id, axes, layers, caption);
  }

  /**
   * A bar chart: one bar per category. Tooltips show the category and value.
   */
  public static Figure bars(String id, Axes axes, List<String> categories, double[] values, String caption) {
    if (categories.size() != values.length) {
      throw new IllegalArgumentException("bars " + id + ": " + categories.size() + " categories, " + values.length + " values: expected as many of each");
    }
    ObjectNode o = base(axes, "item");
    ObjectNode x = o.putObject("xAxis");
    x.put("type", "category").put("name", axes.xLabel()).put("nameLocation", "middle").put("nameGap", 32);
    ArrayNode cats = x.putArray("data");
    for (String c : categories) cats.add(c);
    o.set("yAxis", valueAxis(axes.yLabel(), axes.yLog(), false));
    ((ObjectNode) o.get("yAxis")).remove("scale");
    ArrayNode zoom = o.putArray("dataZoom");
    ObjectNode z = zoom.addObject();
    z.put("type", "inside").put("xAxisIndex", 0).put("zoomOnMouseWheel", "shift").put("moveOnMouseWheel", false);
    ObjectNode s = o.putArray("series").addObject();
    s.put("type", "bar").put("name", axes.yLabel()).put("barCategoryGap", "20%");
    s.putObject("itemStyle").put("color", PALETTE[0]);
    ArrayNode data = s.putArray("data");
    List<List<String>> csv = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (drawable(values[i], axes.yLog())) data.add(values[i]);
      else data.addNull();
      csv.add(List.of(categories.get(i), raw(values[i])));
    }
    return new Figure(id, axes.title(), caption, o, null, Csv.of(List.of("category", "value"), csv));
  }

  /**
   * A 2-D map of z over a grid (a loss surface): z[j * x.length + i] is the value at (x[i], y[j]),
   * coloured on a continuous scale whose legend (right) can be dragged to show a range of z only.
   * The axes are the grid's coordinates (4 significant digits).
   *
   * @param zLabel what z is, for the colour scale and tooltips
   */
  public static Figure heatmap(String id, Axes axes, double[] x, double[] y, double[] z, String zLabel, String caption) {
    if (z.length != x.length * y.length) {
      throw new IllegalArgumentException("heatmap " + id + ": " + z.length + " values for a " + x.length + " x " + y.length
          + " grid, expected " + x.length * y.length);
    }
    ObjectNode o = base(axes, "item");
    o.set("xAxis", categoryAxis(axes.xLabel(), x, 32));
    o.set("yAxis", categoryAxis(axes.yLabel(), y, 60));
    ((ObjectNode) o.get("grid")).put("right", 110);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(lo <= hi)) {
      lo = 0;
      hi = 1;
    }
    ObjectNode vm = o.putArray("visualMap").addObject();
    vm.put("type", "continuous").put("min", lo).put("max", hi == lo ? lo + 1 : hi).put("calculable", true).put("orient", "vertical")
        .put("right", 10).put("top", "middle");
    vm.putArray("text").add(zLabel == null ? "" : zLabel).add("");
    vm.putObject("inRange").putArray("color").add("#313695").add("#4575b4").add("#74add1").add("#abd9e9").add("#e0f3f8")
        .add("#fee090").add("#fdae61").add("#f46d43").add("#d73027").add("#a50026");
    ObjectNode s = o.putArray("series").addObject();
    s.put("type", "heatmap").put("name", zLabel == null ? "" : zLabel);
    ArrayNode data = s.putArray("data");
    List<List<String>> csv = new ArrayList<>();
    for (int j = 0; j < y.length; j++) {
      for (int i = 0; i < x.length; i++) {
        double v = z[j * x.length + i];
        csv.add(List.of(raw(x[i]), raw(y[j]), raw(v)));
        if (!Double.isFinite(v)) continue;
        data.addArray().add(i).add(j).add(v);
      }
    }
    return new Figure(id, axes.title(), caption, o, null, Csv.of(List.of("x", "y", "z"), csv));
  }

  /**
   * Intervals, one row per label: a bar from lower to upper and a dot at the estimate, over an x
   * axis from min to max (the near-global share with its Wilson and Clopper-Pearson intervals).
   */
  public static Figure intervals(String id, Axes axes, List<String> labels, double[] lower, double[] estimate, double[] upper, double min,
      double max, String caption) {
    int n = labels.size();
    if (lower.length != n || estimate.length != n || upper.length != n) {
      throw new IllegalArgumentException("intervals " + id + ": " + n + " labels, " + lower.length + " lower, " + estimate.length
          + " estimates, " + upper.length + " upper: expected as many of each");
    }
    ObjectNode o = base(axes, "item");
    ObjectNode x = valueAxis(axes.xLabel(), false, true);
    x.remove("scale");
    x.put("min", min).put("max", max);
    o.set("xAxis", x);
    ObjectNode y = o.putObject("yAxis");
    y.put("type", "category").put("name", axes.yLabel());
    ArrayNode cats = y.putArray("data");
    for (String l : labels) cats.add(l);
    ((ObjectNode) o.get("grid")).put("left", 140);
    ArrayNode series = o.putArray("series");
    List<String> legend = new ArrayList<>();
    List<List<String>> csv = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String c = PALETTE[i % PALETTE.length];
      String tip = labels.get(i) + ": " + Html.num(estimate[i]) + " (" + Html.num(lower[i]) + " to " + Html.num(upper[i]) + ")";
      ObjectNode s = series.addObject();
      s.put("type", "line").put("name", labels.get(i)).put("symbol", "rect").put("symbolSize", 1);
      s.putObject("lineStyle").put("color", c).put("width", 4);
      s.putObject("itemStyle").put("color", c);
      ArrayNode data = s.putArray("data");
      double[] at = {lower[i], estimate[i], upper[i]};
      for (int k = 0; k < 3; k++) {
        ObjectNode item = data.addObject();
        ArrayNode value = item.putArray("value");
        Json.number(value, at[k]);
        value.add(labels.get(i));
        item.put("tip", tip);
        if (k == 1) item.put("symbol", "circle").put("symbolSize", 12);
      }
      legend(legend, labels.get(i));
      csv.add(List.of(labels.get(i), raw(lower[i]), raw(estimate[i]), raw(upper[i])));
    }
    legend(o, legend);
    return new Figure(id, axes.title(), caption, o, null, Csv.of(List.of("label", "lower", "estimate", "upper"), csv));
  }

  /**
   * A figure of SVG markup drawn elsewhere (the disconnectivity graph): shown as it is, with a
   * button to save it as SVG (and as PNG where the browser allows it). The markup must be one
   * {@code <svg>} element whose text its maker escaped; it may not hold scripts, event handlers or
   * {@code javascript:} links.
   *
   * @throws IllegalArgumentException when the markup is not an svg element or holds script
   */
  public static Figure svg(String id, String title, String svgMarkup, String caption) {
    String s = Objects.requireNonNull(svgMarkup, "svgMarkup").strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("<svg") || !lower.endsWith("</svg>")) {
      throw new IllegalArgumentException("figure " + id + ": expected one <svg> element, got markup starting " + quoteStart(s));
    }
    if (lower.contains("<script") || lower.contains("javascript:") || EVENT_HANDLER.matcher(lower).find()) {
      throw new IllegalArgumentException("figure " + id + ": the SVG holds a script, an event handler or a javascript: link");
    }
    return new Figure(id, title, caption, null, s, null);
  }

  private static String quoteStart(String s) {
    return "\"" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "\"";
  }

  // ----- option parts

  private static ObjectNode base(Axes axes, String trigger) {
    ObjectNode o = Json.object();
    o.put("animation", false);
    o.putArray("color").addAll(palette());
    ObjectNode t = o.putObject("title");
    t.put("text", axes.title()).put("left", "center").put("top", 4);
    t.putObject("textStyle").put("fontSize", 15);
    ObjectNode g = o.putObject("grid");
    g.put("left", 90).put("right", 40).put("top", 78).put("bottom", 64);
    ObjectNode tip = o.putObject("tooltip");
    tip.put("trigger", trigger).put("confine", true);
    ObjectNode tb = o.putObject("toolbox");
    tb.put("right", 12).put("top", 26);
    ObjectNode f = tb.putObject("feature");
    f.putObject("dataZoom").put("filterMode", "none").putObject("title").put("zoom", "box zoom").put("back", "undo zoom");
    f.putObject("restore").put("title", "restore");
    f.putObject("saveAsImage").put("type", "png").put("pixelRatio", 2).put("title", "save as PNG").put("backgroundColor", "#ffffff");
    return o;
  }

  private static ArrayNode palette() {
    ArrayNode a = Json.array();
    for (String c : PALETTE) a.add(c);
    return a;
  }

  private static ObjectNode valueAxis(String label, boolean log, boolean x) {
    ObjectNode a = Json.object();
    a.put("type", log ? "log" : "value");
    if (log) a.put("logBase", 10);
    a.put("name", label + (log ? " (log scale)" : "")).put("nameLocation", "middle").put("nameGap", x ? 32 : 62);
    a.put("scale", true);
    a.putObject("splitLine").put("show", true);
    return a;
  }

  private static ObjectNode categoryAxis(String label, double[] values, int gap) {
    ObjectNode a = Json.object();
    a.put("type", "category").put("name", label).put("nameLocation", "middle").put("nameGap", gap);
    ArrayNode d = a.putArray("data");
    for (double v : values) d.add(Html.num(v));
    a.putObject("axisLabel").put("interval", Math.max(0, (values.length + 9) / 10 - 1));
    return a;
  }

  private static void zoom(ObjectNode o) {
    ArrayNode z = o.putArray("dataZoom");
    for (String axis : new String[] {"xAxisIndex", "yAxisIndex"}) {
      z.addObject().put("type", "inside").put(axis, 0).put("filterMode", "none").put("zoomOnMouseWheel", "shift")
          .put("moveOnMouseWheel", false);
    }
  }

  private static void legend(List<String> legend, String name) {
    if (name != null && !legend.contains(name)) legend.add(name);
  }

  private static void legend(ObjectNode o, List<String> names) {
    if (names.isEmpty()) return;
    ObjectNode l = o.putObject("legend");
    l.put("type", "scroll").put("top", 28).put("left", 20).put("right", 140);
    ArrayNode d = l.putArray("data");
    for (String n : names) d.add(n);
  }

  private static boolean hasLines(List<? extends Layer> layers) {
    for (Layer l : layers) if (l instanceof Line || l instanceof Band) return true;
    return false;
  }

  private static ObjectNode line(Line l, Axes axes, String color) {
    ObjectNode s = Json.object();
    s.put("type", "line");
    if (l.name() != null) s.put("name", l.name());
    s.put("showSymbol", false).put("symbol", "circle").put("symbolSize", 5).put("connectNulls", false);
    if (l.style() == LineStyle.STEP) s.put("step", "end");
    ObjectNode ls = s.putObject("lineStyle").put("color", color).put("width", 2);
    if (l.style() == LineStyle.DASHED) ls.put("type", "dashed");
    s.putObject("itemStyle").put("color", color);
    ArrayNode data = s.putArray("data");
    for (int i = 0; i < l.x().length; i++) {
      if (drawable(l.x()[i], axes.xLog()) && drawable(l.y()[i], axes.yLog())) data.addArray().add(l.x()[i]).add(l.y()[i]);
    }
    return s;
  }

  private static ObjectNode points(Points p, Axes axes, String color) {
    ObjectNode s = Json.object();
    s.put("type", "scatter");
    if (p.name() != null) s.put("name", p.name());
    s.put("symbolSize", 8);
    s.putObject("itemStyle").put("color", color).put("opacity", 0.7).put("borderColor", "#333").put("borderWidth", 0.5);
    ArrayNode data = s.putArray("data");
    for (int i = 0; i < p.x().length; i++) {
      if (!drawable(p.x()[i], axes.xLog()) || !drawable(p.y()[i], axes.yLog())) continue;
      if (p.labels() == null && p.sizes() == null) {
        data.addArray().add(p.x()[i]).add(p.y()[i]);
        continue;
      }
      ObjectNode item = data.addObject();
      item.putArray("value").add(p.x()[i]).add(p.y()[i]);
      if (p.labels() != null) item.put("name", p.labels().get(i));
      if (p.sizes() != null && Double.isFinite(p.sizes()[i]) && p.sizes()[i] > 0) item.put("symbolSize", p.sizes()[i]);
    }
    return s;
  }

  /**
   * A band as a custom series of (x, lower, upper) rows; the report's script draws it as one
   * polygon per step between consecutive rows (ECharts has no band series, and stacking lines does
   * not work on two value axes).
   */
  private static ObjectNode bandSeries(Band b, Axes axes, String color) {
    ObjectNode s = Json.object();
    s.put("type", "custom").put("name", b.name()).put("basinBand", true).put("clip", true).put("z", 1);
    s.putObject("itemStyle").put("color", color).put("opacity", 0.22);
    ObjectNode enc = s.putObject("encode");
    enc.put("x", 0);
    enc.putArray("y").add(1).add(2);
    enc.putArray("tooltip").add(1).add(2);
    ArrayNode data = s.putArray("data");
    for (int i = 0; i < b.x().length; i++) {
      double x = b.x()[i];
      double lo = b.lower()[i];
      double hi = b.upper()[i];
      if (!drawable(x, axes.xLog()) || !drawable(lo, axes.yLog()) || !drawable(hi, axes.yLog()) || hi < lo) continue;
      data.addArray().add(x).add(lo).add(hi);
    }
    return s;
  }

  /** A reference line as an empty series carrying the mark line, so that its legend entry hides it; none when not drawable. */
  private static ObjectNode reference(Reference r, boolean log) {
    ObjectNode s = Json.object();
    s.put("type", "line").put("name", r.label()).put("symbol", "none");
    s.putArray("data");
    s.putObject("itemStyle").put("color", REFERENCE_COLOR);
    s.putObject("lineStyle").put("color", REFERENCE_COLOR).put("type", "dashed");
    ObjectNode m = s.putObject("markLine");
    m.put("silent", false).putArray("symbol").add("none").add("none");
    m.putObject("lineStyle").put("color", REFERENCE_COLOR).put("type", "dashed").put("width", 1.5);
    m.putObject("label").put("formatter", "{b}").put("position", r.axis() == Axis.X ? "end" : "insideEndTop").put("color", REFERENCE_COLOR);
    ArrayNode data = m.putArray("data");
    if (drawable(r.at(), log)) data.addObject().put("name", r.label()).put(r.axis() == Axis.X ? "xAxis" : "yAxis", r.at());
    return s;
  }

  private static boolean drawable(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  private static List<String> row(String series, String kind, double x, double y, double lower, double upper, String label) {
    return List.of(series == null ? "" : series, kind, raw(x), raw(y), raw(lower), raw(upper), label == null ? "" : label);
  }

  private static String raw(double x) {
    if (Double.isNaN(x)) return "";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    return Double.toString(x);
  }

  private static void sameLength(String what, double[] a, double[] b) {
    Objects.requireNonNull(a, what + ": x");
    Objects.requireNonNull(b, what + ": y");
    if (a.length != b.length) throw new IllegalArgumentException(what + ": " + a.length + " x, " + b.length + " y: expected as many of each");
  }
}

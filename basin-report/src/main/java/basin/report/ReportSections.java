package basin.report;

import basin.store.Row;
import basin.study.StudySummary;
import basin.study.StudySummary.MinimumRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The sections of a {@link StudyReport}, each appended as XHTML to a builder. */
final class ReportSections {
  private final StudySummary summary;
  private final String catalogName;

  ReportSections(StudySummary summary, String catalogName) {
    this.summary = summary;
    this.catalogName = catalogName;
  }

  void header(StringBuilder b) {
    StudySummary.Study st = summary.study();
    b.append("<h1>Basin report: ").append(Html.escape(st.name())).append("</h1>\n");
    b.append("<p>Catalog <code>").append(Html.escape(catalogName)).append("</code>: ").append(st.startsRecorded())
        .append(" of ").append(st.startsPlanned()).append(" starts recorded, master seed ").append(st.masterSeed()).append(".</p>\n");
    b.append("<table>\n<tr><th>how the starts ended</th><th>starts</th><th>share</th><th>on kinks</th></tr>\n");
    for (StudySummary.ClassCount c : summary.classes()) {
      b.append("<tr><td>").append(Html.escape(c.name().toLowerCase(Locale.ROOT).replace('_', ' '))).append("</td><td>").append(c.count())
          .append("</td><td>").append(Html.percent(c.share())).append("</td><td>").append(c.onKinks()).append("</td></tr>\n");
    }
    b.append("</table>\n");
    if (!summary.saddleIndices().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (StudySummary.SaddleIndex s : summary.saddleIndices()) parts.add("index " + s.index() + ": " + s.count());
      b.append("<p>Starts that ended at saddles, by Hessian index: ").append(Html.escape(String.join(", ", parts))).append(".</p>\n");
    }
    StudySummary.MinimaTable t = summary.minimaTable();
    if (!t.current()) {
      b.append("<p class=\"warn\">The catalog's minima cover ").append(t.coveredStarts()).append(" of ").append(t.minimumEndingStarts())
          .append(" minimum-ending starts").append(t.otherMembers() == 0 ? "" : " and " + t.otherMembers() + " other starts")
          .append(" (an interrupted run): the numbers that depend on the minima are left out. Rerun <code>basin sample</code> to update.</p>\n");
    }
  }

  void manyMinima(StringBuilder b) {
    b.append("<section id=\"many-minima\">\n<h2>1. Many minima</h2>\n");
    StudySummary.Distinct d = summary.distinct();
    StudySummary.RichnessEstimates r = summary.richness();
    if (d == null || r == null) {
      b.append("<p>No distinct minima to report").append(summary.minimaTable().current() ? ": no start ended in a certified minimum" : "")
          .append(".</p>\n</section>\n");
      return;
    }
    int ending = summary.minimaTable().minimumEndingStarts();
    b.append("<p class=\"claim\">").append(d.count()).append(" distinct minima among ").append(ending)
        .append(" minimum-ending starts; Chao1 estimates <b>").append(Html.fixed(r.chao1(), 1)).append("</b> minima in all (")
        .append(Html.fixed(100 * r.confidence(), 0)).append("% CI ").append(Html.fixed(r.chao1Lower(), 1)).append(" to ")
        .append(Html.fixed(r.chao1Upper(), 1)).append("), sample coverage ").append(Html.fixed(r.coverage(), 3)).append(".</p>\n");
    b.append("<table class=\"kv\">\n");
    kv(b, "distinct minima", d.count() + (d.onKinks() == 0 ? "" : " (" + d.smooth() + " smooth, " + d.onKinks() + " on kinks"
        + (d.kinksNotKnown() == 0 ? "" : ", " + d.kinksNotKnown() + " not known") + ")"));
    kv(b, "minimum-ending starts", Integer.toString(ending));
    richnessRows(b, r);
    b.append("</table>\n");
    if (!r.caveats().isEmpty()) {
      b.append("<p>Caveats:</p>\n<ul>\n");
      for (String c : r.caveats()) b.append("<li>").append(Html.escape(c)).append("</li>\n");
      b.append("</ul>\n");
    }
    StudySummary.Degenerate g = summary.degenerate();
    if (g != null) {
      b.append("<p>Degenerate minima, counted apart: <b>").append(g.count()).append("</b> of the minima (").append(g.starts())
          .append(" starts; median ||w|| ").append(Html.num(g.medianParameterNorm())).append(", largest ")
          .append(Html.num(g.maxParameterNorm())).append(") lie on connected sets of minima, so one set can be counted several times.</p>\n");
      StudySummary.RichnessEstimates sr = summary.strictRichness();
      if (g.count() == d.count()) b.append("<p>Every minimum found is degenerate: there are no strict minima to estimate over.</p>\n");
      if (sr != null) {
        b.append("<p>Over the strict minima alone:</p>\n<table class=\"kv\">\n");
        kv(b, "strict minima", Integer.toString(sr.observed()));
        richnessRows(b, sr);
        b.append("</table>\n");
      }
    }
    StudySummary.Discovery disc = summary.discovery();
    if (disc != null) {
      int n = disc.starts();
      double[] k = new double[n + 1];
      double[] dk = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        k[i] = i;
        dk[i] = disc.distinctAfter(i);
      }
      String svg = SvgChart.xy(new SvgChart.Frame("Discovery curve", "minimum-ending starts k (in start order)", "distinct minima D(k)",
          false, false), List.of(new SvgChart.Series("D(k)", k, dk, null, "line"),
          new SvgChart.Series("every start a new minimum (D = k)", k, k.clone(), null, "diagonal")), List.of());
      figure(b, "discovery", svg, "Distinct minima D(k) among the first k minimum-ending starts, in start order, k = 0.." + n
          + ". A curve still rising at the right end means more starts would find more minima; a flat end means the sampler "
          + "has stopped finding new ones. The dashed line is D = k, every start finding a new minimum.");
    }
    List<MinimumRow> rows = summary.minima();
    int shown = Math.min(rows.size(), StudyReport.MAX_BARS);
    double[] hits = new double[shown];
    for (int i = 0; i < shown; i++) hits[i] = rows.get(i).hits();
    String svg = SvgChart.bars(new SvgChart.Frame("Hits per minimum (basin weights)", "minimum id, by hits", "starts ending in the minimum",
        false, false), StudyReport.strings(shown, i -> Integer.toString(rows.get(i).id())), hits);
    figure(b, "hits", svg, "Starts that ended in each distinct minimum, most hit first; hits / " + ending
        + " estimates the share of the initialization distribution draining into its basin (its basin weight)."
        + (rows.size() > shown ? " The " + shown + " most hit of " + rows.size() + " minima are drawn." : ""));
    b.append("</section>\n");
  }

  private static void richnessRows(StringBuilder b, StudySummary.RichnessEstimates r) {
    kv(b, "Chao1 (bias-corrected)", Html.fixed(r.chao1(), 1));
    kv(b, Html.fixed(100 * r.confidence(), 0) + "% CI of Chao1", Html.fixed(r.chao1Lower(), 1) + " to " + Html.fixed(r.chao1Upper(), 1));
    kv(b, "ACE", Html.fixed(r.ace(), 1));
    kv(b, "sample coverage 1 - f1/N", Html.fixed(r.coverage(), 3));
    kv(b, "singletons f1, doubletons f2", r.singletons() + ", " + r.doubletons());
  }

  void nearGlobal(StringBuilder b) {
    b.append("<section id=\"near-global\">\n<h2>2. Near-global</h2>\n");
    StudySummary.Reference ref = summary.reference();
    String label = ref.exact() ? "exact (" + ref.basis().replace('_', ' ') + ")" : "none".equals(ref.basis()) ? "none" : "best found";
    b.append("<table class=\"kv\">\n");
    kv(b, "global reference", Double.isNaN(ref.value()) ? "none" : String.format(Locale.ROOT, "%.10g", ref.value()));
    kv(b, "reference is", label);
    kv(b, "why", ref.detail());
    StudySummary.Gap gap = summary.gap();
    if (gap != null) {
      kv(b, "basin-weighted train gap: median", Html.sci(gap.median()));
      kv(b, "basin-weighted train gap: 90% quantile", Html.sci(gap.p90()));
      kv(b, "largest train gap", Html.sci(gap.max()));
    }
    StudySummary.NearGlobal near = summary.nearGlobal();
    if (near != null) {
      String conf = Html.fixed(100 * near.confidence(), 0) + "% ";
      kv(b, "near-global tolerance epsilon", Html.sci(near.epsilon()));
      kv(b, "starts within epsilon", near.successes() + " of " + near.trials() + " (" + Html.percent(near.share()) + ")");
      kv(b, conf + "Wilson interval", Html.percent(near.wilson().lower()) + " to " + Html.percent(near.wilson().upper()));
      kv(b, conf + "Clopper-Pearson interval",
          Html.percent(near.clopperPearson().lower()) + " to " + Html.percent(near.clopperPearson().upper()));
    }
    b.append("</table>\n");
    if (near == null) {
      b.append("<p>No gap distribution: it needs distinct minima and a reference.</p>\n</section>\n");
      return;
    }
    b.append("<p class=\"claim\"><b>").append(Html.percent(near.share())).append("</b> of the minimum-ending starts end within ")
        .append(Html.sci(near.epsilon())).append(" of the ").append(ref.exact() ? "exact global minimum" : "best minimum found")
        .append(" (").append(Html.fixed(100 * near.confidence(), 0)).append("% Clopper-Pearson ")
        .append(Html.percent(near.clopperPearson().lower())).append(" to ").append(Html.percent(near.clopperPearson().upper()))
        .append(").</p>\n");
    List<MinimumRow> rows = summary.minima();
    double floor = near.epsilon() / 10;
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    double[] radius = new double[rows.size()];
    int atFloor = 0;
    int maxHits = 1;
    for (MinimumRow m : rows) maxHits = Math.max(maxHits, m.hits());
    for (int i = 0; i < rows.size(); i++) {
      MinimumRow m = rows.get(i);
      x[i] = m.hits();
      y[i] = m.gap();
      if (!(m.gap() > floor)) {
        y[i] = floor;
        atFloor++;
      }
      radius[i] = 4;
    }
    String svg = SvgChart.xy(new SvgChart.Frame("Train gap of each minimum against its hits", "hits (starts ending in the minimum)",
        "train loss minus reference", false, true), List.of(new SvgChart.Series(null, x, y, radius, "point")),
        List.of(new SvgChart.Reference(near.epsilon(), "epsilon = " + Html.sci(near.epsilon()))));
    figure(b, "gap", svg, "Each point is a distinct minimum: its gap above the reference (log scale) against the starts that ended in it. "
        + "The dashed line is the near-global tolerance epsilon; minima below it count as near-global."
        + (atFloor == 0 ? "" : " " + atFloor + (atFloor == 1 ? " minimum" : " minima") + " with a gap at or below epsilon / 10 (" + Html.sci(floor)
            + "), the reference itself included, " + (atFloor == 1 ? "is" : "are") + " drawn on that floor."));
    String iv = SvgChart.intervals(new SvgChart.Frame("Near-global share with " + Html.fixed(100 * near.confidence(), 0) + "% intervals",
        "share of minimum-ending starts within epsilon of the reference", "", false, false),
        List.of("Wilson", "Clopper-Pearson"), new double[] {near.wilson().lower(), near.clopperPearson().lower()},
        new double[] {near.share(), near.share()}, new double[] {near.wilson().upper(), near.clopperPearson().upper()}, 0, 1);
    figure(b, "near-global", iv, "The dot is the observed share " + near.successes() + " / " + near.trials() + " = "
        + Html.percent(near.share()) + "; the bars are its two-sided " + Html.fixed(100 * near.confidence(), 0)
        + "% confidence intervals (Wilson score; Clopper-Pearson exact, the wider and conservative one).");
    b.append("</section>\n");
  }

  void flatness(StringBuilder b, List<Row> rows) {
    b.append("<section id=\"flatness\">\n<h2>3. Flat</h2>\n");
    if (rows.isEmpty()) {
      notRun(b, "flatness", "flatness", "the Hessian spectrum (lambda_max, trace, log-determinant), sharpness and basin radius of each minimum");
      return;
    }
    Map<Integer, MinimumRow> byId = StudyReport.byId(summary.minima());
    int n = rows.size();
    double[] loss = new double[n];
    double[] lambda = new double[n];
    double[] radius = new double[n];
    double[] radii = new double[n];
    int maxHits = 1;
    for (MinimumRow m : summary.minima()) maxHits = Math.max(maxHits, m.hits());
    int drawn = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      MinimumRow m = byId.get((int) r.getLong("minimum_id"));
      loss[i] = m == null ? Double.NaN : m.trainLoss();
      lambda[i] = r.getDouble("lambda_max");
      radius[i] = r.getDouble("radius_median");
      radii[i] = 3 + 9 * Math.sqrt((m == null ? 1.0 : m.hits()) / (double) maxHits);
      if (Double.isFinite(loss[i]) && lambda[i] > 0 && Double.isFinite(lambda[i])) drawn++;
    }
    double[] sortedLambda = finiteSorted(lambda);
    double[] sortedRadius = finiteSorted(radius);
    b.append("<p class=\"claim\">Measured at ").append(n).append(" of ").append(summary.minima().size())
        .append(" minima: median lambda_max <b>").append(Html.num(median(sortedLambda))).append("</b> (range ")
        .append(sortedLambda.length == 0 ? "-" : Html.num(sortedLambda[0]) + " to " + Html.num(sortedLambda[sortedLambda.length - 1]))
        .append("), median basin radius ").append(Html.num(median(sortedRadius))).append(".</p>\n");
    String svg = SvgChart.xy(new SvgChart.Frame("Sharpness against training loss", "training loss at the minimum",
        "largest Hessian eigenvalue lambda_max", false, true), List.of(new SvgChart.Series(null, loss, lambda, radii, "point")), List.of());
    figure(b, "flatness-scatter", svg, "Each point is a measured minimum: lambda_max of the data-loss Hessian (symmetry directions set aside; "
        + "log scale) against its training loss; the area grows with its hits. Flat minima lie low. " + drawn + " of " + n
        + " minima drawn (lambda_max must be positive and finite, the minimum in the current minima table).");
    b.append("<table>\n<tr><th>id</th><th>hits</th><th>train loss</th><th>method</th><th>lambda_max</th><th>trace</th>"
        + "<th>log det (positive)</th><th>epsilon-sharpness</th><th>adaptive sharpness</th><th>basin radius (median)</th>"
        + "<th>radius 5%-95%</th></tr>\n");
    int shown = Math.min(n, StudyReport.MAX_TABLE_ROWS);
    for (int i = 0; i < shown; i++) {
      Row r = rows.get(i);
      int id = (int) r.getLong("minimum_id");
      MinimumRow m = byId.get(id);
      b.append("<tr>");
      cells(b, Integer.toString(id), m == null ? "-" : Integer.toString(m.hits()), Html.num(loss[i]), Html.escape(orDash(r.getText("method"))),
          Html.num(lambda[i]), Html.num(r.getDouble("trace")), Html.num(r.getDouble("log_det_positive")),
          Html.num(r.getDouble("epsilon_sharpness")), Html.num(r.getDouble("adaptive_sharpness")), Html.num(radius[i]),
          Html.num(r.getDouble("radius_q05")) + " to " + Html.num(r.getDouble("radius_q95")));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
    if (n > shown) b.append("<p>... ").append(n - shown).append(" more (<code>basin export</code> for all).</p>\n");
    b.append("</section>\n");
  }

  void saddles(StringBuilder b, List<Row> rows) {
    b.append("<section id=\"saddles\">\n<h2>4. Saddles</h2>\n");
    if (rows.isEmpty()) {
      notRun(b, "saddles", "saddles", "critical points of every index (saddles as well as minima), their Hessian index and loss");
      return;
    }
    Map<String, Integer> byKind = new TreeMap<>();
    List<double[]> minima = new ArrayList<>();
    List<double[]> saddles = new ArrayList<>();
    int maxHits = 1;
    for (Row r : rows) maxHits = Math.max(maxHits, r.getInt("hits", 1));
    for (Row r : rows) {
      String kind = orDash(r.getText("kind"));
      byKind.merge(kind, 1, Integer::sum);
      double[] p = {r.getDouble("objective"), r.getDouble("index_fraction"), 3 + 9 * Math.sqrt(r.getInt("hits", 1) / (double) maxHits)};
      if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) continue;
      (p[1] > 0 ? saddles : minima).add(p);
    }
    b.append("<p class=\"claim\">").append(rows.size()).append(" distinct critical points: ");
    List<String> parts = new ArrayList<>();
    byKind.forEach((k, v) -> parts.add(v + " " + k.toLowerCase(Locale.ROOT).replace('_', ' ')));
    b.append(Html.escape(String.join(", ", parts))).append(".</p>\n");
    String svg = SvgChart.xy(new SvgChart.Frame("Index fraction against loss at the critical points", "training objective at the point",
        "index fraction (negative eigenvalues / P)", false, false), List.of(series("index 0 (minima)", minima, "point"),
        series("index > 0 (saddles)", saddles, "point2")), List.of());
    figure(b, "saddle-scatter", svg, "Each point is a distinct certified critical point: the fraction of negative Hessian eigenvalues "
        + "against the objective there; the area grows with the starts that reached it. In many networks the index grows with the "
        + "loss, so low-loss critical points are (near) minima. Points whose index was not certified are left out.");
    List<String> kinds = new ArrayList<>(byKind.keySet());
    double[] counts = new double[kinds.size()];
    for (int i = 0; i < counts.length; i++) counts[i] = byKind.get(kinds.get(i));
    figure(b, "saddle-kinds", SvgChart.bars(new SvgChart.Frame("Critical points by kind", "kind", "distinct points", false, false), kinds,
        counts), "Distinct points the critical-point search found, by the kind it certified.");
    b.append("<table>\n<tr><th>kind</th><th>points</th></tr>\n");
    byKind.forEach((k, v) -> b.append("<tr><td>").append(Html.escape(k)).append("</td><td>").append(v).append("</td></tr>\n"));
    b.append("</table>\n</section>\n");
  }

  void minimaTable(StringBuilder b) {
    b.append("<section id=\"minima\">\n<h2>5. The distinct minima</h2>\n");
    List<MinimumRow> rows = summary.minima();
    if (rows.isEmpty()) {
      b.append("<p>None.</p>\n</section>\n");
      return;
    }
    b.append("<table>\n<tr><th>id</th><th>hits</th><th>train loss</th><th>gap</th><th>test loss</th><th>test gap</th><th>test acc</th>"
        + "<th>|grad|</th><th>lambda_min</th><th>lambda_max</th><th>zeros</th><th>nearest</th></tr>\n");
    int shown = Math.min(rows.size(), StudyReport.MAX_TABLE_ROWS);
    for (int i = 0; i < shown; i++) {
      MinimumRow m = rows.get(i);
      b.append("<tr>");
      cells(b, Integer.toString(m.id()), Integer.toString(m.hits()), Html.num(m.trainLoss()), Html.sci(m.gap()), Html.num(m.testLoss()),
          Html.sci(m.testGap()), Html.fixed(m.testAccuracy(), 4), Html.sci(m.gradientNorm()), Html.sci(m.smallestEigenvalue()),
          Html.sci(m.largestEigenvalue()), Html.count(m.zeroCount()), Html.sci(m.nearestDistance()));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
    if (rows.size() > shown) b.append("<p>... ").append(rows.size() - shown).append(" more (<code>basin export</code> for all).</p>\n");
    b.append("<p>gap: train loss minus the reference; test gap: test loss minus that of minimum ").append(summary.distinct().lowestTrainLoss())
        .append(", the lowest training loss; nearest: distance modulo symmetry to the closest other minimum; \"-\": not defined or not recorded.</p>\n");
    b.append("</section>\n");
  }

  private void notRun(StringBuilder b, String table, String command, String what) {
    b.append("<div class=\"notrun\"><p><b>Not run.</b> The catalog has no ").append(table).append(" table: ")
        .append(Html.escape(what)).append(" would be reported here. Run</p>\n<pre>basin ").append(command).append(' ')
        .append(Html.escape(catalogName)).append("</pre>\n<p>and make the report again.</p></div>\n</section>\n");
  }

  static void kv(StringBuilder b, String key, String value) {
    b.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value == null ? "-" : value)).append("</td></tr>\n");
  }

  /** Cells of already escaped text. */
  private static void cells(StringBuilder b, String... escaped) {
    for (String c : escaped) b.append("<td>").append(c).append("</td>");
  }

  static void figure(StringBuilder b, String id, String svg, String caption) {
    b.append("<figure id=\"fig-").append(id).append("\">\n").append(svg).append("\n<figcaption>").append(Html.escape(caption))
        .append("</figcaption>\n</figure>\n");
  }

  private static SvgChart.Series series(String name, List<double[]> points, String cssClass) {
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    double[] r = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
      r[i] = points.get(i)[2];
    }
    return new SvgChart.Series(name, x, y, r, cssClass);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  /** The finite values, ascending. */
  static double[] finiteSorted(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
  }

  /** The median of ascending values; NaN when there are none. */
  static double median(double[] sorted) {
    int n = sorted.length;
    if (n == 0) return Double.NaN;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}

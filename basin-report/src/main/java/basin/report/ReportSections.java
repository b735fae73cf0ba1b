package basin.report;

import basin.report.ReportTable.Cell;
import basin.report.Section.Inline;
import basin.store.Row;
import basin.study.StudySummary;
import basin.study.StudySummary.MinimumRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The standard sections of a {@link StudyReport}, built from a catalog's summary and result tables. */
final class ReportSections {
  private final StudySummary summary;
  private final String catalogName;

  ReportSections(StudySummary summary, String catalogName) {
    this.summary = summary;
    this.catalogName = catalogName;
  }

  /** The lines under the title: the catalog, the starts, and a warning when the minima table is stale. */
  Section intro() {
    StudySummary.Study st = summary.study();
    Section.Builder s = Section.builder("intro", "")
        .paragraph(Inline.text("Catalog "), Inline.code(catalogName), Inline.text(": " + st.startsRecorded() + " of " + st.startsPlanned()
            + " starts recorded, master seed " + st.masterSeed() + "."));
    StudySummary.MinimaTable t = summary.minimaTable();
    if (!t.current()) {
      s.warning(Inline.text("The catalog's minima cover " + t.coveredStarts() + " of " + t.minimumEndingStarts() + " minimum-ending starts"
          + (t.otherMembers() == 0 ? "" : " and " + t.otherMembers() + " other starts")
          + " (an interrupted run): the numbers that depend on the minima are left out. Rerun "), Inline.code("basin sample"),
          Inline.text(" to update."));
    }
    return s.build();
  }

  Section starts() {
    Section.Builder s = Section.builder("starts", "How the starts ended");
    ReportTable.Builder t = ReportTable.builder("starts", "how the starts ended", "starts", "share", "on kinks");
    for (StudySummary.ClassCount c : summary.classes()) {
      t.row(Cell.text(c.name().toLowerCase(Locale.ROOT).replace('_', ' ')), Cell.count(c.count()), Cell.percent(c.share()),
          Cell.count(c.onKinks()));
    }
    s.table(t.build());
    if (!summary.saddleIndices().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (StudySummary.SaddleIndex x : summary.saddleIndices()) parts.add("index " + x.index() + ": " + x.count());
      s.paragraph("Starts that ended at saddles, by Hessian index: " + String.join(", ", parts) + ".");
    }
    return s.build();
  }

  Section manyMinima() {
    Section.Builder s = Section.builder("many-minima", "Many minima");
    StudySummary.Distinct d = summary.distinct();
    StudySummary.RichnessEstimates r = summary.richness();
    if (d == null || r == null) {
      return s.paragraph("No distinct minima to report" + (summary.minimaTable().current() ? ": no start ended in a certified minimum" : "")
          + ".").build();
    }
    int ending = summary.minimaTable().minimumEndingStarts();
    s.claim(Inline.text(d.count() + " distinct minima among " + ending + " minimum-ending starts; Chao1 estimates "),
        Inline.bold(Html.fixed(r.chao1(), 1)), Inline.text(" minima in all (" + Html.fixed(100 * r.confidence(), 0) + "% CI "
            + Html.fixed(r.chao1Lower(), 1) + " to " + Html.fixed(r.chao1Upper(), 1) + "), sample coverage " + Html.fixed(r.coverage(), 3) + "."));
    ReportTable.Builder t = ReportTable.keyValues("richness")
        .kv("distinct minima", d.count() + (d.onKinks() == 0 ? "" : " (" + d.smooth() + " smooth, " + d.onKinks() + " on kinks"
            + (d.kinksNotKnown() == 0 ? "" : ", " + d.kinksNotKnown() + " not known") + ")"))
        .kv("minimum-ending starts", Cell.count(ending));
    richnessRows(t, r);
    s.table(t.build());
    if (!r.caveats().isEmpty()) s.bullets("Caveats:", r.caveats());
    StudySummary.Degenerate g = summary.degenerate();
    if (g != null) {
      s.paragraph(Inline.text("Degenerate minima, counted apart: "), Inline.bold(Integer.toString(g.count())), Inline.text(" of the minima ("
          + g.starts() + " starts; median ||w|| " + Html.num(g.medianParameterNorm()) + ", largest " + Html.num(g.maxParameterNorm())
          + ") lie on connected sets of minima, so one set can be counted several times."));
      StudySummary.RichnessEstimates sr = summary.strictRichness();
      if (g.count() == d.count()) s.paragraph("Every minimum found is degenerate: there are no strict minima to estimate over.");
      if (sr != null) {
        ReportTable.Builder st = ReportTable.keyValues("richness-strict").kv("strict minima", Cell.count(sr.observed()));
        richnessRows(st, sr);
        s.paragraph("Over the strict minima alone:").table(st.build());
      }
    }
    StudySummary.Discovery disc = summary.discovery();
    if (disc != null) {
      int n = disc.starts();
      // D(k) is a staircase: its steps (and both ends) draw it exactly, in far fewer points than k = 0..n
      List<double[]> steps = new ArrayList<>();
      for (int i = 0; i <= n; i++) {
        if (i == 0 || i == n || disc.distinctAfter(i) != disc.distinctAfter(i - 1)) steps.add(new double[] {i, disc.distinctAfter(i)});
      }
      double[] k = new double[steps.size()];
      double[] dk = new double[steps.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = steps.get(i)[0];
        dk[i] = steps.get(i)[1];
      }
      List<Figures.Layer> layers = new ArrayList<>();
      layers.add(new Figures.Line("D(k)", k, dk, Figures.LineStyle.STEP));
      layers.add(Figures.Line.dashed("every start a new minimum (D = k)", new double[] {0, n}, new double[] {0, n}));
      if (Double.isFinite(r.chao1Lower()) && Double.isFinite(r.chao1Upper())) {
        layers.add(new Figures.Band("Chao1 " + Html.fixed(100 * r.confidence(), 0) + "% CI (at k = " + n + ")", new double[] {0, n},
            new double[] {r.chao1Lower(), r.chao1Lower()}, new double[] {r.chao1Upper(), r.chao1Upper()}));
      }
      if (Double.isFinite(r.chao1())) layers.add(Figures.Reference.y(r.chao1(), "Chao1 = " + Html.fixed(r.chao1(), 1)));
      s.figure(Figures.xy("discovery", Figures.Axes.of("Discovery curve", "minimum-ending starts k (in start order)", "distinct minima D(k)"),
          layers, "Distinct minima D(k) among the first k minimum-ending starts, in start order, k = 0.." + n
              + ". A curve still rising at the right end means more starts would find more minima; a flat end means the sampler "
              + "has stopped finding new ones. The dashed line is D = k, every start finding a new minimum. The "
              + "shaded band is Chao1's confidence interval for the total number of minima, estimated from all " + n
              + " starts, with Chao1 itself dashed: a curve that levels off inside the band agrees with it."));
    }
    List<MinimumRow> rows = summary.minima();
    int shown = Math.min(rows.size(), StudyReport.MAX_BARS);
    double[] hits = new double[shown];
    List<String> ids = new ArrayList<>(shown);
    for (int i = 0; i < shown; i++) {
      hits[i] = rows.get(i).hits();
      ids.add(Integer.toString(rows.get(i).id()));
    }
    s.figure(Figures.bars("hits", Figures.Axes.of("Hits per minimum (basin weights)", "minimum id, by hits", "starts ending in the minimum"),
        ids, hits, "Starts that ended in each distinct minimum, most hit first; hits / " + ending
            + " estimates the share of the initialization distribution draining into its basin (its basin weight)."
            + (rows.size() > shown ? " The " + shown + " most hit of " + rows.size() + " minima are drawn." : "")));
    return s.build();
  }

  private static void richnessRows(ReportTable.Builder t, StudySummary.RichnessEstimates r) {
    t.kv("Chao1 (bias-corrected)", Cell.fixed(r.chao1(), 1));
    t.kv(Html.fixed(100 * r.confidence(), 0) + "% CI of Chao1", Html.fixed(r.chao1Lower(), 1) + " to " + Html.fixed(r.chao1Upper(), 1));
    t.kv("ACE", Cell.fixed(r.ace(), 1));
    t.kv("sample coverage 1 - f1/N", Cell.fixed(r.coverage(), 3));
    t.kv("singletons f1, doubletons f2", r.singletons() + ", " + r.doubletons());
  }

  Section nearGlobal() {
    Section.Builder s = Section.builder("near-global", "Near-global");
    StudySummary.Reference ref = summary.reference();
    String label = ref.exact() ? "exact (" + ref.basis().replace('_', ' ') + ")" : "none".equals(ref.basis()) ? "none" : "best found";
    ReportTable.Builder t = ReportTable.keyValues("near-global")
        .kv("global reference", Double.isNaN(ref.value()) ? Cell.text("none")
            : new Cell(String.format(Locale.ROOT, "%.10g", ref.value()), Double.toString(ref.value())))
        .kv("reference is", label)
        .kv("why", ref.detail());
    StudySummary.Gap gap = summary.gap();
    if (gap != null) {
      t.kv("basin-weighted train gap: median", Cell.sci(gap.median()));
      t.kv("basin-weighted train gap: 90% quantile", Cell.sci(gap.p90()));
      t.kv("largest train gap", Cell.sci(gap.max()));
    }
    StudySummary.NearGlobal near = summary.nearGlobal();
    if (near != null) {
      String conf = Html.fixed(100 * near.confidence(), 0) + "% ";
      t.kv("near-global tolerance epsilon", Cell.sci(near.epsilon()));
      t.kv("starts within epsilon", near.successes() + " of " + near.trials() + " (" + Html.percent(near.share()) + ")");
      t.kv(conf + "Wilson interval", Html.percent(near.wilson().lower()) + " to " + Html.percent(near.wilson().upper()));
      t.kv(conf + "Clopper-Pearson interval", Html.percent(near.clopperPearson().lower()) + " to " + Html.percent(near.clopperPearson().upper()));
    }
    s.table(t.build());
    if (near == null) return s.paragraph("No gap distribution: it needs distinct minima and a reference.").build();
    s.claim(Inline.bold(Html.percent(near.share())), Inline.text(" of the minimum-ending starts end within " + Html.sci(near.epsilon())
        + " of the " + (ref.exact() ? "exact global minimum" : "best minimum found") + " (" + Html.fixed(100 * near.confidence(), 0)
        + "% Clopper-Pearson " + Html.percent(near.clopperPearson().lower()) + " to " + Html.percent(near.clopperPearson().upper()) + ")."));
    List<MinimumRow> rows = summary.minima();
    double floor = near.epsilon() / 10;
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    double[] loss = new double[rows.size()];
    List<String> labels = new ArrayList<>(rows.size());
    int atFloor = 0;
    for (int i = 0; i < rows.size(); i++) {
      MinimumRow m = rows.get(i);
      x[i] = m.hits();
      y[i] = m.gap();
      loss[i] = m.trainLoss();
      labels.add("minimum " + m.id());
      if (!(m.gap() > floor)) {
        y[i] = floor;
        atFloor++;
      }
    }
    s.figure(Figures.scatter("gap", Figures.Axes.of("Train gap of each minimum against its hits", "hits (starts ending in the minimum)",
        "train loss minus reference").withYLog(), List.of(new Figures.Points("distinct minima", x, y, labels, null)),
        List.of(Figures.Reference.y(near.epsilon(), "epsilon = " + Html.sci(near.epsilon()))),
        "Each point is a distinct minimum: its gap above the reference (log scale) against the starts that ended in it. "
            + "The dashed line is the near-global tolerance epsilon; minima below it count as near-global."
            + (atFloor == 0 ? "" : " " + atFloor + (atFloor == 1 ? " minimum" : " minima") + " with a gap at or below epsilon / 10 ("
                + Html.sci(floor) + "), the reference itself included, " + (atFloor == 1 ? "is" : "are") + " drawn on that floor.")));
    if (Double.isFinite(ref.value())) {
      s.figure(Figures.histogram("loss-histogram", Figures.Axes.of("Training loss of the minimum-ending starts", "training loss at the minimum",
          "starts"), startLosses(rows), Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(ending(rows))))),
          List.of(Figures.Reference.x(ref.value(), (ref.exact() ? "global minimum " : "best found ") + Html.num(ref.value()))),
          "How the training loss of the minimum-ending starts is spread (each start counted at the minimum it ended in), with the "
              + (ref.exact() ? "exact global minimum" : "lowest minimum found") + " marked. Mass piled at the marker supports the claim."));
    }
    s.figure(Figures.intervals("near-global-share", Figures.Axes.of("Near-global share with " + Html.fixed(100 * near.confidence(), 0)
        + "% intervals", "share of minimum-ending starts within epsilon of the reference", ""), List.of("Wilson", "Clopper-Pearson"),
        new double[] {near.wilson().lower(), near.clopperPearson().lower()}, new double[] {near.share(), near.share()},
        new double[] {near.wilson().upper(), near.clopperPearson().upper()}, 0, 1,
        "The dot is the observed share " + near.successes() + " / " + near.trials() + " = " + Html.percent(near.share())
            + "; the bars are its two-sided " + Html.fixed(100 * near.confidence(), 0)
            + "% confidence intervals (Wilson score; Clopper-Pearson exact, the wider and conservative one)."));
    return s.build();
  }

  /** One training loss per minimum-ending start: each minimum's loss repeated by its hits. */
  private static double[] startLosses(List<MinimumRow> rows) {
    double[] out = new double[ending(rows)];
    int k = 0;
    for (MinimumRow m : rows) for (int h = 0; h < m.hits(); h++) out[k++] = m.trainLoss();
    return out;
  }

  private static int ending(List<MinimumRow> rows) {
    int n = 0;
    for (MinimumRow m : rows) n += m.hits();
    return n;
  }

  Section flatness(List<Row> rows) {
    if (rows.isEmpty()) {
      return Section.notRun("flatness", "Flat",
          "The Hessian spectrum (lambda_max, trace, log-determinant), sharpness and basin radius of each minimum",
          "basin flatness " + catalogName);
    }
    Section.Builder s = Section.builder("flatness", "Flat");
    Map<Integer, MinimumRow> byId = StudyReport.byId(summary.minima());
    int n = rows.size();
    double[] loss = new double[n];
    double[] lambda = new double[n];
    double[] radius = new double[n];
    double[] sizes = new double[n];
    List<String> labels = new ArrayList<>(n);
    int maxHits = 1;
    for (MinimumRow m : summary.minima()) maxHits = Math.max(maxHits, m.hits());
    int drawn = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      int id = (int) r.getLong("minimum_id");
      MinimumRow m = byId.get(id);
      loss[i] = m == null ? Double.NaN : m.trainLoss();
      lambda[i] = r.getDouble("lambda_max");
      radius[i] = r.getDouble("radius_median");
      sizes[i] = 6 + 18 * Math.sqrt((m == null ? 1.0 : m.hits()) / (double) maxHits);
      labels.add("minimum " + id + (m == null ? "" : ", " + m.hits() + " hits"));
      if (Double.isFinite(loss[i]) && lambda[i] > 0 && Double.isFinite(lambda[i])) drawn++;
    }
    double[] sortedLambda = finiteSorted(lambda);
    double[] sortedRadius = finiteSorted(radius);
    s.claim(Inline.text("Measured at " + n + " of " + summary.minima().size() + " minima: median lambda_max "),
        Inline.bold(Html.num(median(sortedLambda))), Inline.text(" (range " + (sortedLambda.length == 0 ? "-"
            : Html.num(sortedLambda[0]) + " to " + Html.num(sortedLambda[sortedLambda.length - 1])) + "), median basin radius "
            + Html.num(median(sortedRadius)) + "."));
    s.figure(Figures.scatter("flatness-scatter", Figures.Axes.of("Sharpness against training loss", "training loss at the minimum",
        "largest Hessian eigenvalue lambda_max").withYLog(), List.of(new Figures.Points("measured minima", loss, lambda, labels, sizes)),
        List.of(), "Each point is a measured minimum: lambda_max of the data-loss Hessian (symmetry directions set aside; log scale) "
            + "against its training loss; the area grows with its hits. Flat minima lie low. " + drawn + " of " + n
            + " minima drawn (lambda_max must be positive and finite, the minimum in the current minima table)."));
    ReportTable.Builder t = ReportTable.builder("flatness", "id", "hits", "train loss", "method", "lambda_max", "trace", "log det (positive)",
        "epsilon-sharpness", "adaptive sharpness", "basin radius (median)", "radius 5%", "radius 95%");
    int shown = Math.min(n, StudyReport.MAX_TABLE_ROWS);
    for (int i = 0; i < shown; i++) {
      Row r = rows.get(i);
      int id = (int) r.getLong("minimum_id");
      MinimumRow m = byId.get(id);
      t.row(Cell.count(id), m == null ? Cell.text(null) : Cell.count(m.hits()), Cell.num(loss[i]), Cell.text(r.getText("method")),
          Cell.num(lambda[i]), Cell.num(r.getDouble("trace")), Cell.num(r.getDouble("log_det_positive")),
          Cell.num(r.getDouble("epsilon_sharpness")), Cell.num(r.getDouble("adaptive_sharpness")), Cell.num(radius[i]),
          Cell.num(r.getDouble("radius_q05")), Cell.num(r.getDouble("radius_q95")));
    }
    if (n > shown) t.note("... " + (n - shown) + " more (basin export for all).");
    return s.table(t.build()).build();
  }

  Section saddles(List<Row> rows) {
    if (rows.isEmpty()) {
      return Section.notRun("saddles", "Saddles", "Critical points of every index (saddles as well as minima), their Hessian index and loss",
          "basin saddles " + catalogName);
    }
    Section.Builder s = Section.builder("saddles", "Saddles");
    Map<String, Integer> byKind = new TreeMap<>();
    List<double[]> minima = new ArrayList<>();
    List<double[]> saddles = new ArrayList<>();
    List<String> minimaLabels = new ArrayList<>();
    List<String> saddleLabels = new ArrayList<>();
    int maxHits = 1;
    for (Row r : rows) maxHits = Math.max(maxHits, r.getInt("hits", 1));
    for (Row r : rows) {
      String kind = r.getText("kind") == null ? "-" : r.getText("kind");
      byKind.merge(kind, 1, Integer::sum);
      int hits = r.getInt("hits", 1);
      double[] p = {r.getDouble("objective"), r.getDouble("index_fraction"), 6 + 18 * Math.sqrt(hits / (double) maxHits)};
      if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) continue;
      String label = kind.toLowerCase(Locale.ROOT).replace('_', ' ') + ", " + hits + (hits == 1 ? " start" : " starts");
      if (p[1] > 0) {
        saddles.add(p);
        saddleLabels.add(label);
      } else {
        minima.add(p);
        minimaLabels.add(label);
      }
    }
    List<String> parts = new ArrayList<>();
    byKind.forEach((k, v) -> parts.add(v + " " + k.toLowerCase(Locale.ROOT).replace('_', ' ')));
    s.claim(rows.size() + " distinct critical points: " + String.join(", ", parts) + ".");
    s.figure(Figures.scatter("saddle-scatter", Figures.Axes.of("Index fraction against loss at the critical points",
        "training objective at the point", "index fraction (negative eigenvalues / P)"),
        List.of(points("index 0 (minima)", minima, minimaLabels), points("index > 0 (saddles)", saddles, saddleLabels)), List.of(),
        "Each point is a distinct certified critical point: the fraction of negative Hessian eigenvalues against the objective there; "
            + "the area grows with the starts that reached it. In many networks the index grows with the loss, so low-loss critical "
            + "points are (near) minima. Points whose index was not certified are left out."));
    List<String> kinds = new ArrayList<>(byKind.keySet());
    double[] counts = new double[kinds.size()];
    ReportTable.Builder t = ReportTable.builder("saddle-kinds", "kind", "points");
    for (int i = 0; i < counts.length; i++) {
      counts[i] = byKind.get(kinds.get(i));
      t.row(Cell.text(kinds.get(i)), Cell.count(byKind.get(kinds.get(i))));
    }
    s.figure(Figures.bars("saddle-kinds", Figures.Axes.of("Critical points by kind", "kind", "distinct points"), kinds, counts,
        "Distinct points the critical-point search found, by the kind it certified."));
    return s.table(t.build()).build();
  }

  Section minimaTable() {
    Section.Builder s = Section.builder("minima", "The distinct minima");
    List<MinimumRow> rows = summary.minima();
    if (rows.isEmpty()) return s.paragraph("None.").build();
    ReportTable.Builder t = ReportTable.builder("minima", "id", "hits", "train loss", "gap", "test loss", "test gap", "test acc", "|grad|",
        "lambda_min", "lambda_max", "zeros", "nearest");
    int shown = Math.min(rows.size(), StudyReport.MAX_TABLE_ROWS);
    for (int i = 0; i < shown; i++) {
      MinimumRow m = rows.get(i);
      t.row(Cell.count(m.id()), Cell.count(m.hits()), Cell.num(m.trainLoss()), Cell.sci(m.gap()), Cell.num(m.testLoss()), Cell.sci(m.testGap()),
          Cell.fixed(m.testAccuracy(), 4), Cell.sci(m.gradientNorm()), Cell.sci(m.smallestEigenvalue()), Cell.sci(m.largestEigenvalue()),
          Cell.count(m.zeroCount()), Cell.sci(m.nearestDistance()));
    }
    if (rows.size() > shown) t.note("... " + (rows.size() - shown) + " more (basin export for all).");
    s.table(t.build());
    s.paragraph("gap: train loss minus the reference; test gap: test loss minus that of minimum " + summary.distinct().lowestTrainLoss()
        + ", the lowest training loss; nearest: distance modulo symmetry to the closest other minimum; \"-\": not defined or not recorded.");
    return s.build();
  }

  private static Figures.Points points(String name, List<double[]> pts, List<String> labels) {
    double[] x = new double[pts.size()];
    double[] y = new double[pts.size()];
    double[] r = new double[pts.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = pts.get(i)[0];
      y[i] = pts.get(i)[1];
      r[i] = pts.get(i)[2];
    }
    return new Figures.Points(name, x, y, labels, r);
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

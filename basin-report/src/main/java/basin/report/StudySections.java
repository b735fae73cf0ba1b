package basin.report;

import basin.store.Catalog;
import basin.store.Row;
import basin.store.Table;
import basin.study.FlatnessRunner;
import basin.study.StudySummary;
import basin.study.StudyTables;
import basin.study.stats.Correlation;
import basin.study.stats.GrowthLaw;
import basin.study.verdict.FlatnessEvidence;
import basin.study.verdict.StopGaps;
import basin.study.verdict.StudyEvidence;
import basin.study.verdict.Sweep;
import basin.study.verdict.Verdict;
import basin.study.verdict.Verdicts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sections of a {@code basin study} report beyond a catalog's standard ones: the scaling sweeps
 * with their growth laws, the regularization sweep, the convex baseline; and the verdicts on the
 * three claims from all of the study's evidence. Each reads the study's result tables
 * ({@link StudyTables}) of the main catalog; a table that is absent gives a "not run" section with
 * the command that fills it.
 */
final class StudySections {
  private final Catalog catalog;
  private final StudySummary summary;
  private final String catalogName;
  /** The catalog's spec, read once; null when it does not parse (then the spec-dependent parts are left out). */
  private final basin.study.StudySpec spec;

  StudySections(Catalog catalog, StudySummary summary) {
    this.catalog = catalog;
    this.summary = summary;
    this.catalogName = Provenance.catalogName(catalog);
    basin.study.StudySpec s;
    try {
      s = basin.study.StudySpec.fromCanonicalJson(catalog.specJson());
    } catch (RuntimeException e) {
      s = null;
    }
    this.spec = s;
  }

  private boolean has(Table t) {
    return catalog.resultTables().stream().anyMatch(x -> x.name().equals(t.name()));
  }

  private List<Row> rows(Table t) {
    return has(t) ? catalog.rows(t) : List.of();
  }

  /** The scaling rows grouped by axis, in table order. */
  private Map<String, List<Row>> scalingByAxis() {
    Map<String, List<Row>> byAxis = new LinkedHashMap<>();
    for (Row r : rows(StudyTables.SCALING)) byAxis.computeIfAbsent(r.getText("axis"), k -> new ArrayList<>()).add(r);
    return byAxis;
  }

  /** The growth-law fit of one axis's distinct minima, or null when the counts cannot be fitted (a zero count). */
  static Sweep sweep(String axis, List<Row> rows) {
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    long[] starts = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = rows.get(i).getDouble("value");
      y[i] = rows.get(i).getLong("distinct_minima");
      starts[i] = rows.get(i).getLong("minimum_starts");
      if (!(x[i] > 0 && y[i] > 0)) return null;
    }
    if (rows.size() < 2) return null;
    return Sweep.of(axis, x, y, starts);
  }

  /** The evidence of every analysis the catalog holds. */
  private StudyEvidence evidence(StopGaps stopGaps) {
    List<Sweep> sweeps = new ArrayList<>();
    scalingByAxis().forEach((axis, rows) -> {
      Sweep s = sweep(axis, rows);
      if (s != null) sweeps.add(s);
    });
    FlatnessEvidence flat = has(FlatnessRunner.TABLE) && !catalog.rows(FlatnessRunner.TABLE).isEmpty()
        ? FlatnessEvidence.read(catalog, summary) : null;
    return new StudyEvidence(summary, sweeps, flat, stopGaps, catalogName);
  }

  /** The verdicts on the three claims, with the stop-gaps of the early-stopping table when it has rows. */
  List<Verdict> verdicts() {
    return Verdicts.of(evidence(stopGaps()));
  }

  /** The rule whose stop-gaps the verdict quotes: Prechelt's GL5 (stop when validation loss is 5% above its best). */
  static final String VERDICT_RULE = basin.landscape.earlystop.StoppingRule.gl(5).label();

  private basin.study.EarlyStoppingSummary earlySummary() {
    if (!has(basin.study.EarlyStoppingRunner.TABLE)) return null;
    List<Row> rows = catalog.rows(basin.study.EarlyStoppingRunner.TABLE);
    return rows.isEmpty() ? null : basin.study.EarlyStoppingSummary.of(rows);
  }

  private StopGaps stopGaps() {
    basin.study.EarlyStoppingSummary s = earlySummary();
    if (s == null || s.rules().isEmpty()) return null;
    basin.study.EarlyStoppingSummary.RuleSummary r = s.rules().get(0);
    for (var x : s.rules()) if (x.rule().equals(VERDICT_RULE)) r = x;
    if (r.starts() == 0) return null;
    return new StopGaps(r.starts(), r.trainGap().estimate(), new StudySummary.Interval(r.trainGap().lower(), r.trainGap().upper()),
        r.testGap().estimate(), new StudySummary.Interval(r.testGap().lower(), r.testGap().upper()), 0.95);
  }

  Section earlyStopping() {
    String title = "Early stopping: what stopping before the minimum costs";
    basin.study.EarlyStoppingSummary s = earlySummary();
    if (s == null) {
      return Section.notRun("early-stopping", title,
          "each start re-run with a seeded validation split, Prechelt's stopping rules (GL, PQ, UP, patience) applied along it, and "
              + "the train and test loss at the stop against the certified minimum the run reaches",
          "bin/basin early-stopping " + catalogName + " --starts 20");
    }
    Section.Builder b = Section.builder("early-stopping", title);
    StopGaps g = stopGaps();
    if (g != null) {
      b.claim(String.format(Locale.ROOT, "With %s over %d starts, the stopped model's training loss is %.3g above the minimum's "
          + "(median; 95%% CI %.3g to %.3g) and its test loss %.3g %s it (95%% CI %.3g to %.3g).", VERDICT_RULE, g.runs(),
          g.medianTrainGap(), g.trainInterval().lower(), g.trainInterval().upper(), Math.abs(g.medianTestGap()),
          g.medianTestGap() < 0 ? "below" : "above", g.testInterval().lower(), g.testInterval().upper()));
    }
    b.paragraph("Each start is re-run on the training data minus a seeded, stratified validation part (so its minimum is that of "
        + "the smaller set, certified like every start); the validation loss along its first optimizer stage decides where each rule "
        + "stops (Prechelt 1998: GL_a stops once the validation loss is a% above its best; PQ_a compares that with the training "
        + "progress; UP_s after s successive rises; patience_k after k checks without a new best). Gaps are at the check with the "
        + "lowest validation loss up to the stop, minus the minimum; a negative test gap means stopping early generalized better. "
        + "Medians with order-statistic 95% intervals." + (s.excluded() > 0 ? " " + s.excluded() + " starts whose re-run did not end "
        + "at a certified minimum are left out." : ""));
    List<String> labels = new ArrayList<>();
    List<Double> lo = new ArrayList<>();
    List<Double> est = new ArrayList<>();
    List<Double> hi = new ArrayList<>();
    ReportTable.Builder t = ReportTable.builder("early-stopping-table", "rule", "starts", "fired", "train gap (median)", "95% CI",
        "test gap (median)", "95% CI", "test better", "share of iterations");
    for (var r : s.rules()) {
      t.row(ReportTable.Cell.text(r.rule()), ReportTable.Cell.count(r.starts()), ReportTable.Cell.count(r.fired()),
          ReportTable.Cell.sci(r.trainGap().estimate()),
          ReportTable.Cell.text(String.format(Locale.ROOT, "%.3g to %.3g", r.trainGap().lower(), r.trainGap().upper())),
          ReportTable.Cell.sci(r.testGap().estimate()),
          ReportTable.Cell.text(String.format(Locale.ROOT, "%.3g to %.3g", r.testGap().lower(), r.testGap().upper())),
          ReportTable.Cell.text(r.testBetter() == null ? "-" : r.testBetter().successes() + " of " + r.testBetter().trials()),
          ReportTable.Cell.fixed(r.workShare(), 3));
      if (Double.isFinite(r.testGap().lower()) && Double.isFinite(r.testGap().upper())) {
        labels.add(r.rule());
        lo.add(r.testGap().lower());
        est.add(r.testGap().estimate());
        hi.add(r.testGap().upper());
      }
    }
    if (!labels.isEmpty()) {
      double min = Math.min(0, lo.stream().mapToDouble(Double::doubleValue).min().orElse(0));
      double max = Math.max(0, hi.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      double pad = 0.05 * (max - min + 1e-12);
      b.figure(Figures.intervals("early-stopping-test-gap", Figures.Axes.of("Test loss at the stop minus at the minimum",
          "test gap (negative: stopping early generalized better)", "rule"), labels,
          lo.stream().mapToDouble(Double::doubleValue).toArray(), est.stream().mapToDouble(Double::doubleValue).toArray(),
          hi.stream().mapToDouble(Double::doubleValue).toArray(), min - pad, max + pad,
          "Median test gap per stopping rule with its 95% order-statistic interval."));
    }
    b.table(t.build());
    sharpnessCurve(b);
    return b.build();
  }

  /** The top Hessian eigenvalue along the recorded trajectories (basin early-stopping --eigen-every), when it was measured. */
  private void sharpnessCurve(Section.Builder b) {
    if (!has(basin.study.EarlyStoppingRunner.CHECKS)) return;
    basin.study.SharpnessCurve curve = basin.study.SharpnessCurve.of(catalog.rows(basin.study.EarlyStoppingRunner.CHECKS));
    List<basin.study.SharpnessCurve.Point> along = new ArrayList<>();
    for (var p : curve.points()) if (!p.label().equals("end")) along.add(p);
    if (along.size() < 2) return;
    double[] x = new double[along.size()];
    double[] median = new double[along.size()];
    double[] min = new double[along.size()];
    double[] max = new double[along.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = Double.parseDouble(along.get(i).label());
      median[i] = along.get(i).median();
      min[i] = along.get(i).min();
      max[i] = along.get(i).max();
    }
    b.paragraph("The top eigenvalue of the training objective's Hessian along the recorded first stage (Lanczos on exact "
        + "Hessian-vector products at every K-th check): for gradient descent with step eta, values near 2/eta mark the edge of "
        + "stability (Cohen et al. 2021); a rise while the loss falls is progressive sharpening.");
    b.figure(Figures.lineWithBand("early-stopping-sharpness", Figures.Axes.of("Sharpness along the trajectory", "iteration",
        "top Hessian eigenvalue"), new Figures.Line("median over starts", x, median, Figures.LineStyle.SOLID),
        new Figures.Band("smallest to largest", x, min, max), List.of(),
        "Median top Hessian eigenvalue over the starts at each check where it was measured, with the smallest and largest."));
  }

  Section batchSharpness() {
    String title = "Small batch against large batch: the sharpness reached";
    List<Row> rows = has(basin.study.BatchSharpnessRunner.TABLE) ? catalog.rows(basin.study.BatchSharpnessRunner.TABLE) : List.of();
    if (rows.isEmpty()) {
      return Section.notRun("batch-sharpness", title,
          "each start trained by minibatch SGD for the same epochs with a small and a large batch, and the top Hessian eigenvalue and "
              + "epsilon-sharpness of the points reached and of the minima they flow to compared start by start (Keskar et al. 2017)",
          "bin/basin batch-sharpness " + catalogName + " --starts 10 --polish");
    }
    basin.study.BatchSharpnessSummary s = basin.study.BatchSharpnessSummary.of(rows);
    Section.Builder b = Section.builder("batch-sharpness", title);
    basin.study.BatchSharpnessSummary.Paired p = s.paired();
    if (p != null && p.pairs() > 0) {
      for (basin.study.BatchSharpnessSummary.Difference d : p.differences()) {
        if (!d.measure().equals("lambda_max")) continue;
        b.claim(String.format(Locale.ROOT, "Batch %s minus batch %s over %d starts: top Hessian eigenvalue %.3g (median; 95%% CI %.3g to "
            + "%.3g), lower with the small batch in %d of %d starts.", p.small(), p.large(), p.pairs(), d.difference().estimate(),
            d.difference().lower(), d.difference().upper(), d.smallLower().successes(), d.smallLower().trials()));
      }
    }
    b.paragraph("Every start is trained from its own initial point by minibatch SGD with each batch size for the same number of "
        + "epochs (so the small batch takes more steps), then measured where it stopped: the largest eigenvalue of the data loss's "
        + "Hessian (Lanczos on exact Hessian-vector products) and Keskar et al.'s epsilon-sharpness; with --polish also at the "
        + "certified minimum the point flows to. Medians with order-statistic 95% intervals; the paired differences compare the "
        + "smallest and the largest batch on the same starts. Where the polished minima agree in sharpness while the end points "
        + "do not, the difference is in where training stopped, not in the minima.");
    ReportTable.Builder t = ReportTable.builder("batch-sharpness-table", "batch", "starts", "steps (median)", "top eigenvalue",
        "95% CI", "epsilon-sharpness", "train loss", "test loss", "test accuracy", "polished minima", "top eigenvalue at the minimum");
    List<String> labels = new ArrayList<>();
    double[] lo = new double[s.batches().size()];
    double[] est = new double[s.batches().size()];
    double[] hi = new double[s.batches().size()];
    int k = 0;
    for (basin.study.BatchSharpnessSummary.Batch x : s.batches()) {
      t.row(ReportTable.Cell.text(x.batch()), ReportTable.Cell.count(x.starts()), ReportTable.Cell.fixed(x.iterations(), 0),
          ReportTable.Cell.sci(x.lambdaMax().estimate()),
          ReportTable.Cell.text(String.format(Locale.ROOT, "%.3g to %.3g", x.lambdaMax().lower(), x.lambdaMax().upper())),
          ReportTable.Cell.sci(x.sharpness().estimate()), ReportTable.Cell.sci(x.trainLoss().estimate()),
          ReportTable.Cell.sci(x.testLoss().estimate()), ReportTable.Cell.fixed(x.testAccuracy(), 4), ReportTable.Cell.count(x.minima()),
          Double.isNaN(x.minimumLambdaMax()) ? ReportTable.Cell.text("-") : ReportTable.Cell.sci(x.minimumLambdaMax()));
      labels.add(x.batch());
      lo[k] = x.lambdaMax().lower();
      est[k] = x.lambdaMax().estimate();
      hi[k] = x.lambdaMax().upper();
      k++;
    }
    double min = 0;
    double max = 0;
    for (int i = 0; i < k; i++) {
      if (Double.isFinite(hi[i])) max = Math.max(max, hi[i]);
      else if (Double.isFinite(est[i])) max = Math.max(max, est[i]);
    }
    if (max > min) {
      for (int i = 0; i < k; i++) {
        if (!Double.isFinite(lo[i])) lo[i] = min;
        if (!Double.isFinite(hi[i])) hi[i] = 1.05 * max;
      }
      b.figure(Figures.intervals("batch-sharpness-lambda", Figures.Axes.of("Top Hessian eigenvalue where training stopped",
          "largest eigenvalue of the data loss's Hessian", "batch size"), labels, lo, est, hi, min, 1.05 * max,
          "Median top eigenvalue per batch size with its 95% order-statistic interval (open intervals are drawn to the axis)."));
    }
    b.table(t.build());
    return b.build();
  }

  /**
   * Every study section, in order; none for a closed-form objective or test function, to which the
   * sweeps and the baseline do not apply.
   */
  List<Section> sections() {
    if (!isMlp()) return List.of(methods(), escape(), topology());
    return List.of(earlyStopping(), batchSharpness(), methods(), escape(), scaling(), regularization(), baseline(), topology());
  }

  private boolean isMlp() {
    return spec != null && spec.isMlp();
  }

  Section scaling() {
    Map<String, List<Row>> byAxis = scalingByAxis();
    if (byAxis.isEmpty()) {
      return Section.notRun("scaling", "Scaling: minima against width, depth and data",
          "distinct minima and richness at each hidden width, depth and training-set size, with fitted growth laws (power law and "
              + "exponential) and their confidence intervals",
          "bin/basin study SPEC, with a study block such as  study: {width: [2, 4, 8, 16], depth: [1, 2, 3], train_size: [50, 100, 200]}");
    }
    Section.Builder b = Section.builder("scaling", "Scaling: minima against width, depth and data");
    List<String> claims = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byAxis.entrySet()) {
      Sweep s = sweep(e.getKey(), e.getValue());
      if (s != null && s.law().points() >= GrowthLaw.MIN_POINTS) {
        GrowthLaw.Fit f = s.law().preferred();
        claims.add(e.getKey() + ": count ~ " + f.describe(e.getKey()) + ", at least quadratic: "
            + s.law().atLeastQuadratic().name().toLowerCase(Locale.ROOT));
      }
    }
    b.claim(claims.isEmpty() ? "Too few sweep points for a growth law (at least " + GrowthLaw.MIN_POINTS + " per axis)."
        : String.join("; ", claims) + ".");
    b.paragraph("Each point is a catalog of its own (sweeps/ beside the main catalog) with the same seed and optimizer as the main "
        + "configuration; only the axis changes. The observed count of distinct minima is a lower bound on how many exist; where it "
        + "equals the minimum-ending starts (every start a new minimum) the point is saturated and says only \"at least\", and the fit "
        + "through it understates the growth. Coverage near 1 says the sample has seen the minima that hold most of the starts' mass.");
    for (Map.Entry<String, List<Row>> e : byAxis.entrySet()) {
      String axis = e.getKey();
      List<Row> rows = e.getValue();
      Sweep s = sweep(axis, rows);
      int n = rows.size();
      double[] x = new double[n];
      double[] y = new double[n];
      double[] chao = new double[n];
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Row r = rows.get(i);
        x[i] = r.getDouble("value");
        y[i] = r.getLong("distinct_minima");
        chao[i] = r.getDouble("chao1");
        boolean saturated = r.getLong("distinct_minima") >= r.getLong("minimum_starts");
        labels.add(String.format(Locale.ROOT, "%s = %s: %d distinct in %d minimum-ending starts%s, coverage %.3f", axis, num(x[i]),
            r.getLong("distinct_minima"), r.getLong("minimum_starts"), saturated ? " (saturated: at least)" : "", r.getDouble("coverage")));
      }
      Figures.Line fit = null;
      Figures.Band band = null;
      String fitText = "too few points to fit";
      if (s != null && s.law().points() >= 2) {
        GrowthLaw.Fit f = s.law().preferred();
        double[] gx = grid(min(x), max(x), 40);
        double[] gy = new double[gx.length];
        double[] lo = new double[gx.length];
        double[] hi = new double[gx.length];
        // the band pivots at the geometric mean of x (where the fit's intercept and slope are uncorrelated
        // on the log scale): the exponent's interval ends, through the fitted value there
        double pivot = f.form() == GrowthLaw.Form.POWER ? geometricMean(x) : mean(x);
        double atPivot = f.predict(pivot);
        for (int i = 0; i < gx.length; i++) {
          gy[i] = f.predict(gx[i]);
          double a = law(f.form(), atPivot, pivot, f.lower(), gx[i]);
          double c = law(f.form(), atPivot, pivot, f.upper(), gx[i]);
          lo[i] = Math.min(a, c);
          hi[i] = Math.max(a, c);
        }
        fit = Figures.Line.of((f.form() == GrowthLaw.Form.POWER ? "power law " : "exponential ") + f.describe(axis), gx, gy);
        if (Double.isFinite(f.lower()) && Double.isFinite(f.upper())) {
          band = new Figures.Band("exponent " + Math.round(100 * f.confidence()) + "% interval", gx, lo, hi);
        }
        fitText = "the fitted " + (f.form() == GrowthLaw.Form.POWER ? "power law" : "exponential") + " " + f.describe(axis)
            + " (chosen by AIC: " + s.law().better().name().toLowerCase(Locale.ROOT) + "; " + s.law().reason() + ")";
      }
      Figures.Points observed = new Figures.Points("distinct minima", x, y, labels, null);
      List<Figures.Layer> layers = new ArrayList<>();
      if (band != null) layers.add(band);
      if (fit != null) layers.add(fit);
      layers.add(observed);
      layers.add(Figures.Points.of("Chao1 (lower-bound estimator)", x, chao));
      b.figure(Figures.xy("growth-" + axis.replace('_', '-'), Figures.Axes.of("Distinct minima against " + axis, axis,
          "distinct minima").withLogLog(), layers,
          "Distinct minima modulo symmetry at each " + axis + " (points; hover for the counts, coverage and saturation), Chao1 beside "
              + "them, and " + fitText + ". The band shows the exponent's interval through the fitted value at the middle of the "
              + "sweep."));
      ReportTable.Builder t = ReportTable.builder("scaling-" + axis.replace('_', '-'), axis, "parameters", "starts", "minimum-ending",
          "distinct", "Chao1", "Chao1 95% CI", "coverage", "saturated");
      for (Row r : rows) {
        t.row(ReportTable.Cell.num(r.getDouble("value")), ReportTable.Cell.count(r.getLong("parameters")),
            ReportTable.Cell.count(r.getLong("starts")), ReportTable.Cell.count(r.getLong("minimum_starts")),
            ReportTable.Cell.count(r.getLong("distinct_minima")), ReportTable.Cell.fixed(r.getDouble("chao1"), 1),
            ReportTable.Cell.text(String.format(Locale.ROOT, "%.1f to %.1f", r.getDouble("chao1_lower"), r.getDouble("chao1_upper"))),
            ReportTable.Cell.fixed(r.getDouble("coverage"), 3),
            ReportTable.Cell.text(r.getLong("distinct_minima") >= r.getLong("minimum_starts") ? "yes: at least" : "no"));
      }
      b.table(t.build());
    }
    return b.build();
  }

  Section regularization() {
    List<Row> rows = rows(StudyTables.REGULARIZATION);
    if (rows.isEmpty()) {
      return Section.notRun("regularization", "Regularization: does the training optimum carry over to the test set?",
          "the train and test loss of every minimum at each L2 strength, their correlation across minima with its interval, and "
              + "whether the lowest training minimum is the best test model",
          "bin/basin study SPEC, with a study block such as  study: {l2: [0.0001, 0.001, 0.01, 0.1]}");
    }
    Section.Builder b = Section.builder("regularization", "Regularization: does the training optimum carry over to the test set?");
    int n = rows.size();
    double[] l2 = new double[n];
    double[] bestTrainTest = new double[n];
    double[] bestTest = new double[n];
    double[] medianTest = new double[n];
    int lowestIsBest = 0;
    int decided = 0;
    List<Figures.Points> scatter = new ArrayList<>();
    ReportTable.Builder t = ReportTable.builder("regularization-table", "L2", "distinct minima", "best train objective",
        "its test loss", "best test loss", "lowest train = best test", "Pearson r (95% CI)", "Spearman rho (95% CI)");
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      l2[i] = r.getDouble("l2");
      bestTrainTest[i] = r.getDouble("best_train_test_loss");
      bestTest[i] = r.getDouble("best_test_loss");
      double[] train = r.isNull("train_data_losses") ? new double[0] : r.getVector("train_data_losses");
      double[] test = r.isNull("test_losses") ? new double[0] : r.getVector("test_losses");
      medianTest[i] = median(test);
      String pearson = "-";
      String spearman = "-";
      if (finitePairs(train, test) >= Correlation.MIN_PAIRS && variable(train) && variable(test)) {
        Correlation p = Correlation.pearson(train, test);
        Correlation s = Correlation.spearman(train, test);
        pearson = String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", p.estimate(), p.lower(), p.upper());
        spearman = String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", s.estimate(), s.lower(), s.upper());
      }
      boolean isBest = !r.isNull("lowest_train_is_best_test") && r.getLong("lowest_train_is_best_test") == 1;
      if (!r.isNull("lowest_train_is_best_test")) {
        decided++;
        if (isBest) lowestIsBest++;
      }
      t.row(ReportTable.Cell.num(l2[i]), ReportTable.Cell.count(r.getLong("distinct_minima")),
          ReportTable.Cell.sci(r.getDouble("best_train_objective")), ReportTable.Cell.sci(bestTrainTest[i]),
          ReportTable.Cell.sci(bestTest[i]), ReportTable.Cell.text(r.isNull("lowest_train_is_best_test") ? "-" : isBest ? "yes" : "no"),
          ReportTable.Cell.text(pearson), ReportTable.Cell.text(spearman));
      List<String> labels = new ArrayList<>();
      for (int k = 0; k < train.length; k++) labels.add("minimum " + k);
      scatter.add(new Figures.Points("l2 = " + num(l2[i]), train, test, labels, null));
    }
    b.claim(String.format(Locale.ROOT, "The lowest training minimum is also the best test model at %d of %d L2 strengths.", lowestIsBest,
        decided));
    b.paragraph("At each L2 strength the study sampled the main configuration again (sweeps/l2-*.db). The train loss here is the data "
        + "loss without the L2 term, so that strengths compare. A strong positive correlation between train and test loss across "
        + "minima says the minima that fit the training data best also generalize best: optimizing further pays. Intervals: Pearson's "
        + "by Fisher's z, Spearman's by Fieller, Hartley and Pearson (docs/counting.md).");
    b.figure(Figures.xy("regularization-sweep", Figures.Axes.of("Test loss against the L2 strength", "L2 strength",
        "test loss").withXLog(), List.of(
            Figures.Line.of("test loss of the lowest training minimum", l2, bestTrainTest),
            Figures.Line.of("lowest test loss among the minima", l2, bestTest),
            Figures.Line.dashed("median test loss of the minima", l2, medianTest)),
        "At each L2 strength: the test loss of the minimum with the lowest training objective, the lowest test loss any minimum "
            + "reached, and the median over the distinct minima."));
    b.figure(Figures.scatter("regularization-scatter", Figures.Axes.of("Train against test loss per minimum", "train data loss",
        "test loss"), scatter, List.of(),
        "One point per distinct minimum, one series per L2 strength (click the legend to hide one). Points on a rising line: train "
            + "loss predicts test loss."));
    b.table(t.build());
    return b.build();
  }

  Section baseline() {
    List<Row> rows = rows(StudyTables.BASELINE);
    if (rows.isEmpty()) {
      return Section.notRun("baseline", "The convex baseline",
          "the model without a hidden layer (logistic regression or least squares) at its certified global minimum, beside the networks",
          "bin/basin study SPEC (study: {baseline: true}, the default for networks on data)");
    }
    Section.Builder b = Section.builder("baseline", "The convex baseline");
    Map<Double, Row> networks = new LinkedHashMap<>();
    for (Row r : rows(StudyTables.REGULARIZATION)) networks.put(r.getDouble("l2"), r);
    double mainL2 = mainL2();
    ReportTable.Builder t = ReportTable.builder("baseline-table", "L2", "model", "certificate", "starts agree", "train data loss",
        "test loss", "test accuracy", "network: best test loss", "network: test loss of lowest train");
    String claim = null;
    for (Row r : rows) {
      double l2 = r.getDouble("l2");
      Row net = networks.get(l2);
      double netBest = net != null ? net.getDouble("best_test_loss") : l2 == mainL2 ? bestTestLoss() : Double.NaN;
      double netLowest = net != null ? net.getDouble("best_train_test_loss") : l2 == mainL2 ? lowestTrainTestLoss() : Double.NaN;
      t.row(ReportTable.Cell.num(l2), ReportTable.Cell.text(r.getText("model")), ReportTable.Cell.text(r.getText("classification")),
          ReportTable.Cell.text(r.getLong("distinct_minima") == 1 ? "yes (1 minimum)" : "no (" + r.getLong("distinct_minima") + " minima)"),
          ReportTable.Cell.sci(r.getDouble("train_data_loss")), ReportTable.Cell.sci(r.getDouble("test_loss")),
          ReportTable.Cell.fixed(r.getDouble("test_accuracy"), 4), ReportTable.Cell.sci(netBest), ReportTable.Cell.sci(netLowest));
      if (l2 == mainL2 && Double.isFinite(netLowest)) {
        claim = String.format(Locale.ROOT, "At the main L2 strength (%s) the convex model's certified global minimum has test loss %.4g; "
            + "the network's lowest training minimum has %.4g: the network is %s.", num(l2), r.getDouble("test_loss"), netLowest,
            netLowest < r.getDouble("test_loss") ? "better on the test set" : "no better on the test set");
      }
    }
    if (claim != null) b.claim(claim);
    b.paragraph("The convex model has one minimum, found from three starts and certified (gradient norm and a positive definite "
        + "Hessian on the complement of its symmetries): its loss is the global minimum, known exactly, which no network minimum can "
        + "be checked against. A network whose minima all beat it on the test set shows that its many non-global minima cost less "
        + "than the convex model's restriction.");
    b.table(t.build());
    return b.build();
  }

  Section topology() {
    String title = "Topology: barriers between minima";
    if (!has(basin.study.TopologyRunner.TABLE) || catalog.rows(basin.study.TopologyRunner.TABLE).isEmpty()) {
      return Section.notRun("topology", title,
          "the barrier between each minimum and its nearest minima modulo symmetry, and the disconnectivity graph that joins the "
              + "minima at the loss where they first connect",
          "bin/basin topology " + catalogName + " --neighbours 5");
    }
    basin.study.TopologyRunner.Topology t = basin.study.TopologyRunner.read(catalog);
    basin.landscape.topology.DisconnectivityGraph g = t.graph();
    int n = g.minimaCount();
    Section.Builder b = Section.builder("topology", title);
    double eps = nearGlobalTolerance();
    basin.landscape.topology.DisconnectivityGraph.NearBest near = g.largestBarrierNearBest(eps);
    List<basin.landscape.topology.DisconnectivityGraph.Edge> tree = g.spanningTree();
    double[] treeBarriers = new double[tree.size()];
    for (int i = 0; i < tree.size(); i++) {
      var e = tree.get(i);
      treeBarriers[i] = e.level() - Math.max(g.energy(e.a()), g.energy(e.b()));
    }
    double share = g.shareConnectedWithin(eps);
    b.claim(String.format(Locale.ROOT, "%d minima, %d barriers measured; among the %d minima within %.3g of the best the largest barrier is "
        + "%s; %s of all pairs connect with a barrier of at most %.3g.", n, t.edges().size(), near.minima(), eps,
        Double.isNaN(near.largestBarrier()) ? "not defined (fewer than two)" : Double.isInfinite(near.largestBarrier()) ? "infinite (they do not connect over the measured pairs)"
            : String.format(Locale.ROOT, "%.4g", near.largestBarrier()),
        Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share), eps));
    String path = t.method() == null ? "a straight line" : switch (t.method()) {
      case "weight-aligned-line" -> "the straight line from one minimum to a copy of the other whose hidden units are aligned to it by weight matching";
      case "activation-aligned-line" -> "the straight line from one minimum to a copy of the other whose hidden units are aligned to it by activation matching";
      case "parameter-line" -> "the straight line between their stored parameters, not aligned";
      default -> "the straight line between their canonical forms";
    };
    b.paragraph("Each minimum is joined to its nearest minima modulo symmetry by " + path + "; "
        + "the barrier of a pair is the highest loss along that line (refined by golden section) above the higher endpoint. A "
        + "straight line only bounds the lowest path from above, so barriers here are upper bounds (basin path finds lower ones "
        + "by curves and nudged elastic bands). The disconnectivity graph joins minima at the lowest level at which a chain of "
        + "measured barriers connects them (Becker and Karplus 1997): one deep funnel means the low minima connect below the "
        + "barriers that separate the high ones.");
    String svg = basin.report.DisconnectivitySvg.render(g, t.ids(), basin.report.DisconnectivitySvg.Options.defaults()
        .withWidth(Math.min(1600, basin.report.DisconnectivitySvg.widthFor(n))).withTitle("").withAxisLabel("training objective"));
    int start = svg.indexOf("<svg");
    b.figure(Figures.svg("disconnectivity", "Disconnectivity graph", start > 0 ? svg.substring(start) : svg,
        "Minima as leaves at their loss (labelled by id), joined at the level where they first connect over the measured barriers."));
    java.util.Arrays.sort(treeBarriers);
    ReportTable.Builder tab = ReportTable.keyValues("topology-summary");
    tab.kv("minima", ReportTable.Cell.count(n));
    tab.kv("pairs measured", ReportTable.Cell.count(t.edges().size()));
    tab.kv("pairs without a finite barrier", ReportTable.Cell.count(t.failed()));
    tab.kv("spanning-tree barriers: median", ReportTable.Cell.sci(treeBarriers.length == 0 ? Double.NaN : median(treeBarriers)));
    tab.kv("spanning-tree barriers: largest", ReportTable.Cell.sci(treeBarriers.length == 0 ? Double.NaN : treeBarriers[treeBarriers.length - 1]));
    tab.kv(String.format(Locale.ROOT, "largest barrier among minima within %.3g of the best", eps),
        ReportTable.Cell.sci(near.largestBarrier()));
    b.table(tab.build());
    return b.build();
  }

  Section methods() {
    String title = "Which methods end at saddles";
    List<Row> rows = rows(basin.study.MethodsRunner.TABLE);
    if (rows.isEmpty()) {
      return Section.notRun("methods", title,
          "over the same seeded starts, the share of runs of gradient descent, L-BFGS, Newton (pure and damped), Newton-MR and "
              + "saddle-free Newton that end at a minimum, a saddle, a gradient-flat point or nowhere, with Wilson intervals",
          "bin/basin methods " + catalogName + " --starts 40");
    }
    Section.Builder b = Section.builder("methods", title);
    List<String> labels = new ArrayList<>();
    double[] lo = new double[rows.size()];
    double[] est = new double[rows.size()];
    double[] hi = new double[rows.size()];
    ReportTable.Builder t = ReportTable.builder("methods-table", "method", "starts", "minimum", "saddle", "saddle 95% CI",
        "gradient-flat", "nowhere", "mean saddle index");
    String mostSaddles = null;
    double most = -1;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      String m = r.getText("method");
      labels.add(m);
      lo[i] = r.getDouble("saddle_lower");
      est[i] = r.getDouble("saddle_share");
      hi[i] = r.getDouble("saddle_upper");
      if (est[i] > most) {
        most = est[i];
        mostSaddles = m;
      }
      t.row(ReportTable.Cell.text(m), ReportTable.Cell.count(r.getLong("starts")), ReportTable.Cell.percent(r.getDouble("minimum_share")),
          ReportTable.Cell.percent(est[i]), ReportTable.Cell.text(String.format(Locale.ROOT, "%.1f%% to %.1f%%", 100 * lo[i], 100 * hi[i])),
          ReportTable.Cell.percent(r.getDouble("gradient_flat_share")), ReportTable.Cell.percent(r.getDouble("nowhere_share")),
          ReportTable.Cell.fixed(r.getDouble("mean_saddle_index"), 2));
    }
    b.claim(most > 0 ? String.format(Locale.ROOT, "%s ends at a saddle most often: %.1f%% of its runs.", mostSaddles, 100 * most)
        : "No method ended at a saddle from these starts.");
    b.paragraph("Every method starts from the same seeded points (the study's initialization) and each end point is certified as "
        + "the starts are. Newton's method is drawn to saddles because its step solves H d = -g whatever the signs of H's "
        + "eigenvalues; gradient descent and L-BFGS descend, and saddle-free Newton uses |H|. Intervals: Wilson 95%.");
    b.figure(Figures.intervals("methods-saddle-share", Figures.Axes.of("Share of runs ending at a saddle", "share of runs", "method"),
        labels, lo, est, hi, 0, 1, "Per method, the share of runs that ended at a certified saddle with its 95% Wilson interval."));
    b.table(t.build());
    return b.build();
  }

  Section escape() {
    String title = "Escaping a saddle";
    List<Row> rows = rows(basin.study.EscapeRunner.TABLE);
    if (rows.isEmpty()) {
      return Section.notRun("escape", title,
          "from a certified saddle, the escape rate, evaluations to escape and the loss reached of random directions, the most "
              + "negative eigenvector, gradient descent, SGD noise, perturbed gradient descent, Newton and saddle-free Newton",
          "bin/basin escape " + catalogName + " --point ID (a saddle of bin/basin saddles " + catalogName + ")");
    }
    Section.Builder b = Section.builder("escape", title);
    Row first = rows.get(0);
    b.claim(String.format(Locale.ROOT, "From saddle %d (loss %.6g), on the same budget of %d evaluations per trial and a radius of %.3g:",
        first.getLong("critical_point"), first.getDouble("saddle_loss"), first.getLong("budget"), first.getDouble("radius")));
    List<String> labels = new ArrayList<>();
    List<double[]> iv = new ArrayList<>();
    ReportTable.Builder t = ReportTable.builder("escape-table", "strategy", "trials", "escaped", "rate 95% CI", "evaluations to escape (median)",
        "loss at escape (mean)", "final loss (mean)");
    for (Row r : rows) {
      String st = r.getText("strategy");
      if (!r.isNull("skipped")) {
        t.row(ReportTable.Cell.text(st), ReportTable.Cell.text("-"), ReportTable.Cell.text("skipped: " + r.getText("skipped")),
            ReportTable.Cell.text("-"), ReportTable.Cell.text("-"), ReportTable.Cell.text("-"), ReportTable.Cell.text("-"));
        continue;
      }
      labels.add(st);
      iv.add(new double[] {r.getDouble("escape_rate_lower"), r.getDouble("escape_rate"), r.getDouble("escape_rate_upper")});
      t.row(ReportTable.Cell.text(st), ReportTable.Cell.count(r.getLong("trials")), ReportTable.Cell.count(r.getLong("escaped")),
          ReportTable.Cell.text(String.format(Locale.ROOT, "%.1f%% to %.1f%%", 100 * r.getDouble("escape_rate_lower"),
              100 * r.getDouble("escape_rate_upper"))),
          ReportTable.Cell.num(r.getDouble("median_evaluations_to_escape")), ReportTable.Cell.sci(r.getDouble("mean_loss_at_escape")),
          ReportTable.Cell.sci(r.getDouble("mean_final_loss")));
    }
    b.paragraph("A trial escapes at its first iterate at distance r or more from the saddle with a lower loss. Random directions "
        + "try a direction of length r and keep it if the loss drops; Newton's method stays at the saddle (its step points back at "
        + "it), saddle-free Newton and the negative eigenvector leave it. docs/saddles.md describes each strategy.");
    if (!labels.isEmpty()) {
      b.figure(Figures.intervals("escape-rates", Figures.Axes.of("Escape rate per strategy", "share of trials that escaped", "strategy"),
          labels, iv.stream().mapToDouble(x -> x[0]).toArray(), iv.stream().mapToDouble(x -> x[1]).toArray(),
          iv.stream().mapToDouble(x -> x[2]).toArray(), 0, 1, "Escape rate with its 95% Wilson interval, per strategy."));
    }
    b.table(t.build());
    return b.build();
  }

  private double nearGlobalTolerance() {
    return spec != null ? spec.tolerances().nearGlobal() : 1e-3;
  }

  private double mainL2() {
    return spec != null ? spec.l2() : Double.NaN;
  }

  private double bestTestLoss() {
    double best = Double.NaN;
    for (StudySummary.MinimumRow m : summary.minima()) {
      if (Double.isFinite(m.testLoss()) && !(m.testLoss() >= best)) best = m.testLoss();
    }
    return best;
  }

  private double lowestTrainTestLoss() {
    StudySummary.MinimumRow lowest = null;
    for (StudySummary.MinimumRow m : summary.minima()) if (lowest == null || m.trainLoss() < lowest.trainLoss()) lowest = m;
    return lowest == null ? Double.NaN : lowest.testLoss();
  }

  private static double law(GrowthLaw.Form form, double atPivot, double pivot, double exponent, double x) {
    return form == GrowthLaw.Form.POWER ? atPivot * Math.pow(x / pivot, exponent) : atPivot * Math.exp(exponent * (x - pivot));
  }

  private static double[] grid(double lo, double hi, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) g[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
    return g;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) m = Math.min(m, x);
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) m = Math.max(m, x);
    return m;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private static double geometricMean(double[] v) {
    double s = 0;
    for (double x : v) s += Math.log(x);
    return Math.exp(s / v.length);
  }

  private static double median(double[] v) {
    double[] f = java.util.Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) return Double.NaN;
    return f.length % 2 == 1 ? f[f.length / 2] : 0.5 * (f[f.length / 2 - 1] + f[f.length / 2]);
  }

  private static int finitePairs(double[] a, double[] b) {
    int n = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) if (Double.isFinite(a[i]) && Double.isFinite(b[i])) n++;
    return a.length == b.length && n == a.length ? n : 0;
  }

  private static boolean variable(double[] v) {
    for (double x : v) if (x != v[0]) return true;
    return false;
  }

  private static String num(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}

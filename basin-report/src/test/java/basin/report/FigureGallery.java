package basin.report;

import basin.study.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A section with one figure of every kind {@link Figures} makes, on made-up data sized like a study's
 * (a 41 x 41 loss surface, 200-point profiles), and three verdicts: for the browser test and the
 * report size check.
 */
final class FigureGallery {
  /** Labels with markup and script in them: they must be shown as text. */
  static final String NASTY = "<script>alert(1)</script> & \"q\" '</script>";

  private FigureGallery() {}

  static List<Verdict> verdicts() {
    return List.of(
        new Verdict(Verdict.Claim.MANY_MINIMA, Verdict.Status.SUPPORTED,
            "Many minima: 214 distinct minima in 1000 starts, Chao1 530 (95% CI 410 to 720)", List.of("coverage 0.81", NASTY)),
        new Verdict(Verdict.Claim.NEAR_GLOBAL, Verdict.Status.INCONCLUSIVE, "Near-global: 41% within epsilon (CI 38% to 44%)",
            List.of("the reference is the best minimum found")),
        new Verdict(Verdict.Claim.FLAT, Verdict.Status.NOT_RUN, "Flat: not run; basin flatness study.db would decide it", List.of()));
  }

  static Section section() {
    int n = 200;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] lo2 = new double[n];
    double[] hi2 = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -1 + 2.0 * i / (n - 1);
      y[i] = x[i] * x[i];
      lo[i] = y[i] - 0.1;
      hi[i] = y[i] + 0.1;
      lo2[i] = y[i] - 0.3;
      hi2[i] = y[i] + 0.3;
    }
    double[] widths = {4, 8, 16, 32, 64};
    double[] counts = {12, 50, 190, 820, 3300};
    double[] fit = new double[widths.length];
    double[] fitLo = new double[widths.length];
    double[] fitHi = new double[widths.length];
    for (int i = 0; i < widths.length; i++) {
      fit[i] = 0.8 * Math.pow(widths[i], 2.0);
      fitLo[i] = 0.6 * Math.pow(widths[i], 1.9);
      fitHi[i] = 1.0 * Math.pow(widths[i], 2.1);
    }
    int g = 41;
    double[] gx = new double[g];
    double[] z = new double[g * g];
    for (int i = 0; i < g; i++) gx[i] = -2 + 4.0 * i / (g - 1);
    for (int j = 0; j < g; j++) for (int i = 0; i < g; i++) z[j * g + i] = Math.pow(gx[i] * gx[i] - 1, 2) + gx[j] * gx[j];
    double[] losses = new double[500];
    for (int i = 0; i < losses.length; i++) losses[i] = 0.1 + 0.5 * ((i * 7919) % 500) / 500.0 * ((i * 104729) % 500) / 500.0;
    List<String> labels = new ArrayList<>();
    double[] train = new double[30];
    double[] test = new double[30];
    for (int i = 0; i < 30; i++) {
      labels.add("minimum " + i + (i == 0 ? " " + NASTY : ""));
      train[i] = 0.1 + 0.01 * i;
      test[i] = 0.15 + 0.012 * i + 0.01 * ((i * 31) % 7);
    }
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\"><title>tree</title>"
        + "<line x1=\"20\" y1=\"90\" x2=\"100\" y2=\"10\" stroke=\"#333\"/><line x1=\"180\" y1=\"90\" x2=\"100\" y2=\"10\" stroke=\"#333\"/>"
        + "<text x=\"100\" y=\"60\" text-anchor=\"middle\">&lt;disconnectivity&gt;</text></svg>";
    return Section.builder("gallery", "Every figure " + NASTY)
        .paragraph("Figures of every kind, on made-up data. " + NASTY)
        .figure(Figures.histogram("g-histogram", Figures.Axes.of("Minima losses " + NASTY, "loss", "starts"), losses, 25,
            List.of(Figures.Reference.x(0.1, "global minimum " + NASTY)), "A histogram. " + NASTY))
        .figure(Figures.lineWithBand("g-band", Figures.Axes.of("Discovery", "k", "D(k)"), Figures.Line.of("D(k)", x, y),
            new Figures.Band("95% CI", x, lo, hi), List.of(Figures.Reference.y(0.5, "Chao1")), "A line with a band."))
        .figure(Figures.growthLaw("g-growth", Figures.Axes.of("Distinct minima against width", "hidden width", "distinct minima"),
            new Figures.Points("observed", widths, counts, null, null), Figures.Line.dashed("fit ~ width^2.0", widths, fit),
            new Figures.Band("95% CI of the fit", widths, fitLo, fitHi), "A growth law on log axes."))
        .figure(Figures.scatter("g-scatter", Figures.Axes.of("Test against train loss", "train loss", "test loss"),
            List.of(new Figures.Points("minima " + NASTY, train, test, labels, null)), List.of(), "A scatter with labels."))
        .figure(Figures.bars("g-bars", Figures.Axes.of("Escape rates", "method", "escapes"), List.of("gd", "noise", NASTY),
            new double[] {3, 7, 1}, "Bars."))
        .figure(Figures.heatmap("g-heatmap", Figures.Axes.of("Loss surface", "direction 1", "direction 2"), gx, gx, z, "loss",
            "A 41 x 41 loss surface."))
        .figure(Figures.quantileBands("g-quantiles", Figures.Axes.of("1-D profiles", "step", "loss"), Figures.Line.of("median", x, y),
            List.of(new Figures.Band("5% to 95%", x, lo2, hi2), new Figures.Band("25% to 75%", x, lo, hi)), "Quantile bands."))
        .figure(Figures.intervals("g-intervals", Figures.Axes.of("Shares", "share", ""), List.of("Wilson", "Clopper-Pearson"),
            new double[] {0.3, 0.28}, new double[] {0.4, 0.4}, new double[] {0.5, 0.52}, 0, 1, "Intervals."))
        .figure(Figures.svg("g-svg", "Disconnectivity graph", svg, "An SVG block."))
        .table(ReportTable.builder("g-table", "name " + NASTY, "value").row(ReportTable.Cell.text(NASTY), ReportTable.Cell.num(1.5)).build())
        .build();
  }
}

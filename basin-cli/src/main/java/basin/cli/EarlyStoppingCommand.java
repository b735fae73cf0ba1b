package basin.cli;

import basin.core.InputException;
import basin.landscape.earlystop.StoppingRule;
import basin.store.Catalog;
import basin.store.Row;
import basin.study.EarlyStoppingRunner;
import basin.study.EarlyStoppingSummary;
import basin.study.SharpnessCurve;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin early-stopping}: what stopping early costs, against the certified minimum each start reaches. */
@Command(name = "early-stopping", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Holds a seeded share of a study's training set out for validation, runs the study's starts on the rest exactly as basin "
          + "sample would (same initial points, optimizer stages and certifier), records the first optimizer stage's training, "
          + "validation and test losses every --interval iterations, and applies Prechelt's (1998) stopping rules: GL (generalization "
          + "loss), PQ (progress quotient), UP (successive validation increases) and patience.",
      "For each start and rule: the stop, the check of lowest validation loss up to it (the weights kept), and the gaps to the "
          + "certified end point: train gap (training loss there minus at the minimum) and test gap (negative: stopping early "
          + "helped). Rows go into the catalog's early_stopping and early_stopping_checks tables (basin export writes them); "
          + "a killed run resumes. Prints per rule the median gaps with 95%% order-statistic intervals (docs/flatness.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every start ran", "1:internal error (finished starts are kept)", "2:bad input"})
final class EarlyStoppingCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study's catalog (basin sample); its spec must be a network on data.")
  Path catalog;

  @Option(names = "--starts", paramLabel = "N", defaultValue = "0", description = "Starts 0..N-1 of the study; 0: the spec's starts. Default: ${DEFAULT-VALUE}.")
  int starts;

  @Option(names = "--rules", paramLabel = "LIST", defaultValue = "gl:2,gl:5,pq:0.5,pq:2,up:2,up:3,patience:5,patience:20",
      description = "Stopping rules, comma-separated: gl:ALPHA, pq:ALPHA[:K], up:S[:K], patience:P, budget:B (a fixed budget of B checks; strip K = 5). Default: ${DEFAULT-VALUE}.")
  String rules;

  @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of the training set held out for validation (stratified, seeded by the spec's data_seed). Default: ${DEFAULT-VALUE}.")
  double validationFraction;

  @Option(names = "--interval", paramLabel = "K", defaultValue = "5", description = "Optimizer iterations between checks (Prechelt's epochs). Default: ${DEFAULT-VALUE}.")
  int interval;

  @Option(names = "--optimizer", paramLabel = "STAGE",
      description = "Record this optimizer stage first (e.g. gd:step=0.5,iterations=2000, adam:lr=0.003,iterations=3000, "
          + "sgd:batch=32,lr=0.05,epochs=50; the syntax of the spec's optimizer list), then let the spec's own stages carry each "
          + "start on to its certified minimum. Default: record the spec's first stage.")
  String optimizer;

  @Option(names = "--eigen-every", paramLabel = "K", defaultValue = "0",
      description = "Also the top Hessian eigenvalue of the training objective (Lanczos on exact Hessian-vector products, "
          + "tolerance 1e-6, at most 500 products, seeded) at every K-th check and the last, into early_stopping_checks."
          + "top_eigenvalue; 0: none. Default: ${DEFAULT-VALUE}.")
  int eigenEvery;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (never changes a result). Default: all cores.")
  Integer threads;

  @Option(names = "--replace", description = "Recompute when the catalog holds early-stopping results made with other options.")
  boolean replace;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-rule summary to this CSV file.")
  Path csv;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    List<StoppingRule> ruleList = StoppingRule.parseList(rules);
    int t = SharedOptions.threadsOrAllCores(threads);
    EarlyStoppingRunner.Options options = new EarlyStoppingRunner.Options(starts, ruleList, validationFraction, interval, t, replace,
        optimizer, eigenEvery);
    if (csv != null && Files.isDirectory(csv)) throw new InputException("--csv " + csv + " is a directory, expected a file name");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SampleCommand.ProgressDisplay progress = quiet.on ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "starts");
    EarlyStoppingRunner.RunStats stats = EarlyStoppingRunner.run(catalog, null, options, progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    out.printf(Locale.ROOT, "early-stopping  %d starts run (%d already) in %.1f s; %d training examples, %d held out for validation%n",
        stats.ran(), stats.alreadyDone(), stats.wallNanos() / 1e9, stats.trainExamples(), stats.validationExamples());
    List<Row> rows;
    List<Row> checks;
    try (Catalog c = Catalog.open(catalog)) {
      rows = c.rows(EarlyStoppingRunner.TABLE);
      checks = eigenEvery > 0 ? c.rows(EarlyStoppingRunner.CHECKS) : List.of();
    }
    EarlyStoppingSummary summary = EarlyStoppingSummary.of(rows);
    out.printf(Locale.ROOT, "%n%-12s %6s %6s %7s  %-34s %-34s %-18s %10s %5s%n", "rule", "starts", "fired", "stop", "train gap: median [95% interval]",
        "test gap: median [95% interval]", "test better", "at stop", "work");
    for (EarlyStoppingSummary.RuleSummary s : summary.rules()) {
      String better = s.testBetter() == null ? "-" : String.format(Locale.ROOT, "%.2f [%.2f,%.2f]", s.testBetter().estimate(),
          s.testBetter().wilson().lower(), s.testBetter().wilson().upper());
      out.printf(Locale.ROOT, "%-12s %6d %6d %7.0f  %-34s %-34s %-18s %10.3e %5.2f%n", s.rule(), s.starts(), s.fired(), s.stopIteration(),
          interval(s.trainGap()), interval(s.testGap()), better, s.testGapAtStop(), s.workShare());
    }
    if (summary.excluded() > 0) {
      out.printf(Locale.ROOT, "(%d starts left out: their end point is not a certified minimum)%n", summary.excluded());
    }
    out.printf(Locale.ROOT, "(stop: median iteration where the rule fired; gaps at the check of lowest validation loss up to the stop, minus the "
        + "certified minimum the start reaches; test better: share of starts with a negative test gap, Wilson 95%%; at stop: median test "
        + "gap at the stop check itself; work: median stop iteration / all iterations to the minimum)%n");
    if (eigenEvery > 0) printSharpness(out, checks, n(rows));
    if (csv != null) {
      try {
        Files.writeString(csv, summary.toCsv(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException("--csv " + csv + ": cannot write (" + e.getMessage() + ")");
      }
      out.printf(Locale.ROOT, "summary written to %s%n", csv);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static int n(List<Row> rows) {
    return (int) rows.stream().mapToLong(r -> r.getLong("start_index")).distinct().count();
  }

  /** The top eigenvalue along the first stage: per check with eigenvalues, the median, smallest and largest over the starts. */
  private static void printSharpness(PrintWriter out, List<Row> checks, int starts) {
    SharpnessCurve curve = SharpnessCurve.of(checks);
    out.printf(Locale.ROOT, "%nsharpness along the first stage (top Hessian eigenvalue of the training objective; %d starts)%n", starts);
    out.printf(Locale.ROOT, "%10s %6s %12s %12s %12s %12s %12s%n", "iteration", "starts", "median", "min", "max", "train loss", "test loss");
    for (SharpnessCurve.Point p : curve.points()) {
      out.printf(Locale.ROOT, "%10s %6d %12.4e %12.4e %12.4e %12.4e %12.4e%n", p.label(), p.starts(), p.median(), p.min(), p.max(),
          p.trainLoss(), p.testLoss());
    }
  }

  private static String interval(basin.study.stats.QuantileInterval q) {
    return String.format(Locale.ROOT, "%.3e [%.3e, %.3e]", q.estimate(), q.lower(), q.upper());
  }
}

package basin.cli;

import basin.core.InputException;
import basin.store.Catalog;
import basin.store.Row;
import basin.study.BatchSharpnessRunner;
import basin.study.BatchSharpnessSummary;
import basin.study.stats.QuantileInterval;
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

/** {@code basin batch-sharpness}: small batch against large batch, the sharpness of the points each reaches (Keskar et al. 2017). */
@Command(name = "batch-sharpness", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Trains each start of a study (its initial points) with minibatch SGD for the same number of epochs with each batch size, "
          + "and measures the point reached: the top eigenvalue of the data loss's Hessian (Lanczos on exact Hessian-vector "
          + "products), Keskar et al.'s epsilon-sharpness, training and test loss and accuracy. With --polish the study's own "
          + "optimizer stages then carry each point on to the certified minimum it flows to, matched against the catalog's minima.",
      "Given a study spec instead of a catalog, it first samples its starts (the first --starts of them) into --catalog, as "
          + "basin sample does. "
          + "Rows go into the catalog's batch_sharpness table (basin export writes it); a killed run resumes. Prints per batch size "
          + "the medians with 95%% order-statistic intervals, and the paired differences smallest minus largest batch "
          + "(docs/flatness.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every start ran", "1:internal error (finished starts are kept)", "2:bad input"})
final class BatchSharpnessCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG-or-SPEC",
      description = "A study's catalog (basin sample), or a study spec (then --catalog is required); its spec must be a network on data.")
  Path input;

  @Option(names = "--catalog", paramLabel = "PATH", description = "With a spec: the catalog to sample its starts into and measure in.")
  Path catalogOption;

  @Option(names = "--batch-sizes", paramLabel = "LIST", defaultValue = "16,full",
      description = "Batch sizes, comma-separated: numbers of examples (at most the training set's) or full. Default: ${DEFAULT-VALUE}.")
  String batchSizes;

  @Option(names = "--starts", paramLabel = "N", defaultValue = "0", description = "Starts 0..N-1 of the study; 0: the spec's starts. Default: ${DEFAULT-VALUE}.")
  int starts;

  @Option(names = "--optimizer", paramLabel = "STAGE", defaultValue = "sgd:lr=0.05,momentum=0.9",
      description = "The sgd stage, without batch, epochs, iterations or gtol (keys lr, momentum, decay, seed). Default: ${DEFAULT-VALUE}.")
  String optimizer;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "50", description = "Epochs of training for every batch size. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "1e-3", description = "Box half-width of epsilon-sharpness (Keskar et al.: 1e-3, 5e-4). Default: ${DEFAULT-VALUE}.")
  double epsilon;

  @Option(names = "--polish", description = "Carry each end point on to its certified critical point with the study's optimizer stages and measure it too.")
  boolean polish;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (never changes a result). Default: all cores.")
  Integer threads;

  @Option(names = "--replace", description = "Recompute when the catalog holds batch-sharpness results made with other options.")
  boolean replace;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the summary to this CSV file (long form: group, measure, median, interval).")
  Path csv;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    int t = SharedOptions.threadsOrAllCores(threads);
    BatchSharpnessRunner.Options options = new BatchSharpnessRunner.Options(starts, BatchSharpnessRunner.BatchSize.parseList(batchSizes),
        optimizer, epochs, epsilon, polish, t, replace);
    if (csv != null && Files.isDirectory(csv)) throw new InputException("--csv " + csv + " is a directory, expected a file name");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path catalog = SpecOrCatalog.resolve(input, catalogOption, starts > 0 ? starts : null, threads, quiet.on, out, err, "basin batch-sharpness");
    SampleCommand.ProgressDisplay progress = quiet.on ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "starts");
    BatchSharpnessRunner.RunStats stats = BatchSharpnessRunner.run(catalog, null, options, progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    out.printf(Locale.ROOT, "batch-sharpness  %d starts run (%d already) in %.1f s; %d training examples, %d epochs of %s%n", stats.ran(),
        stats.alreadyDone(), stats.wallNanos() / 1e9, stats.trainExamples(), epochs, optimizer);
    List<Row> rows;
    try (Catalog c = Catalog.open(catalog)) {
      rows = c.rows(BatchSharpnessRunner.TABLE);
    }
    BatchSharpnessSummary summary = BatchSharpnessSummary.of(rows);
    out.printf(Locale.ROOT, "%n%-6s %6s %7s %7s  %-34s %-34s %10s  %-34s %8s%n", "batch", "size", "starts", "steps",
        "lambda_max: median [95% interval]", "eps-sharpness: median [95%]", "train loss", "test loss: median [95% interval]", "test acc");
    for (BatchSharpnessSummary.Batch b : summary.batches()) {
      out.printf(Locale.ROOT, "%-6s %6d %7d %7.0f  %-34s %-34s %10.4e  %-34s %8.4f%n", b.batch(), b.batchSize(), b.starts(), b.iterations(),
          interval(b.lambdaMax()), interval(b.sharpness()), b.trainLoss().estimate(), interval(b.testLoss()), b.testAccuracy());
    }
    if (polish) {
      out.printf(Locale.ROOT, "%npolished to a certified minimum:%n");
      for (BatchSharpnessSummary.Batch b : summary.batches()) {
        out.printf(Locale.ROOT, "%-6s %d of %d minima; lambda_max there %.4e (median), test loss %.4e%n", b.batch(), b.minima(), b.starts(),
            b.minimumLambdaMax(), b.minimumTestLoss());
      }
    }
    BatchSharpnessSummary.Paired p = summary.paired();
    if (p != null) {
      out.printf(Locale.ROOT, "%npaired, batch %s minus batch %s over %d starts:%n", p.small(), p.large(), p.pairs());
      for (BatchSharpnessSummary.Difference d : p.differences()) {
        String lower = d.smallLower() == null ? "-" : String.format(Locale.ROOT, "%d of %d [Wilson %.2f, %.2f]", d.smallLower().successes(),
            d.smallLower().trials(), d.smallLower().wilson().lower(), d.smallLower().wilson().upper());
        out.printf(Locale.ROOT, "%-26s %-38s batch %s lower in %s%n", d.measure(), interval(d.difference()), p.small(), lower);
      }
      if (p.sameMinimum() >= 0) out.printf(Locale.ROOT, "same minimum after polishing: %d of %d pairs%n", p.sameMinimum(), p.pairs());
    }
    out.printf(Locale.ROOT, "(lambda_max: top eigenvalue of the data loss's Hessian; eps-sharpness: Keskar et al. 2017, epsilon %s, a lower "
        + "bound; intervals: distribution-free, open for n <= 5)%n", epsilon);
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

  private static String interval(QuantileInterval q) {
    return String.format(Locale.ROOT, "%.4e [%.3e, %.3e]", q.estimate(), q.lower(), q.upper());
  }
}

package basin.cli;

import basin.store.Row;
import basin.study.MethodsRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin methods}: which optimization methods end at saddles? */
@Command(name = "methods", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs several methods from the same seeded random starts of a study's objective (its own start distribution) and "
          + "classifies where each run ends: a certified minimum, a certified saddle, a gradient-flat point (|grad f| stalls "
          + "while |H grad f| / |grad f| is tiny) or nowhere (not converged, diverged). Prints the share of each per method "
          + "with 95%% Wilson intervals.",
      "Methods: gd (gradient descent, Armijo, 20000 iterations), lbfgs, damped-newton (Newton-CG trust region), newton "
          + "(pure Newton, unit steps of H^+ g), newton-mr (Newton-MR, steps accepted on |g|), sfn (saddle-free Newton, |H| "
          + "for H). newton and sfn use the dense Hessian (P up to a few hundred). Methods stop at |g| <= 1e-7; a point is "
          + "critical at |g| <= 1e-6 (docs/saddles.md).",
      "With a catalog the rows go into its method_outcomes table (basin export); a spec file is only printed. --csv writes "
          + "the rows. The result is a pure function of (spec, methods, starts, seed), whatever the thread count."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the comparison finished", "1:internal error", "2:bad input"})
final class MethodsCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG-OR-SPEC", description = "A study's catalog (written by basin sample) or a spec file (.yaml, .yml, .json).")
  Path input;

  @Option(names = "--methods", paramLabel = "LIST", defaultValue = "gd,lbfgs,damped-newton,newton,newton-mr,sfn",
      description = "Comma-separated methods, or all. Default: ${DEFAULT-VALUE}.")
  String methods;

  @Option(names = "--starts", paramLabel = "N", defaultValue = "100", description = "Random starts, the same for every method. Default: ${DEFAULT-VALUE}.")
  int starts;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the starts. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (the result does not depend on them). Default: all cores.")
  Integer threads;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the rows to this CSV file.")
  Path csv;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    int n = SharedOptions.threadsOrAllCores(threads);
    MethodsRunner.Options options = new MethodsRunner.Options(methods, starts, seed, n);
    PrintWriter out = spec.commandLine().getOut();
    SampleCommand.ProgressDisplay progress = quiet.on ? null
        : new SampleCommand.ProgressDisplay(spec.commandLine().getErr(), System.console() != null, "runs");
    MethodsRunner.RunStats stats = MethodsRunner.run(input, options, progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    out.printf(Locale.ROOT, "methods    %d starts of %s, seed %d, in %.1f s%s%n", starts, stats.subject(), seed, stats.wallNanos() / 1e9,
        stats.stored() ? "; stored in table method_outcomes" : "; not stored (a spec file: run basin sample for a catalog)");
    out.printf(Locale.ROOT, "%n%-14s %-22s %-22s %-22s %-22s %7s%n", "method", "minimum", "saddle", "gradient-flat", "nowhere", "index");
    for (Row r : stats.rows()) {
      double index = r.getDouble("mean_saddle_index");
      out.printf(Locale.ROOT, "%-14s %-22s %-22s %-22s %-22s %7s%n", r.getText("method"), share(r, "minimum"), share(r, "saddle"),
          share(r, "gradient_flat"), share(r, "nowhere"), Double.isNaN(index) ? "-" : String.format(Locale.ROOT, "%.2f", index));
    }
    out.printf(Locale.ROOT, "(share of runs with its 95%% Wilson interval; index: mean Hessian index of the saddles reached)%n");
    if (csv != null) {
      ResultCsv.writeRows(csv, MethodsRunner.TABLE, stats.rows());
      out.printf(Locale.ROOT, "csv        %s%n", csv);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String share(Row r, String name) {
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", r.getDouble(name + "_share"), r.getDouble(name + "_lower"), r.getDouble(name + "_upper"));
  }
}

package basin.cli;

import basin.store.Row;
import basin.study.SaddleRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin saddles}: critical points of every index of a study's objective, into its catalog. */
@Command(name = "saddles", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Finds critical points of every index of a study's objective from its own random starts, with a finder that converges to "
          + "saddles as well as minima (newton-mr: Newton steps by MINRES accepted on the gradient norm; gradient-norm: L-BFGS on "
          + "|grad f|^2 / 2; gd-newton-mr), certifies each (index, nullity modulo the symmetries) or classifies it gradient-flat, "
          + "and stores the distinct ones in the catalog's critical_points table (exported by basin export).",
      "Prints how many of each kind, and the index against the loss: in high dimension most critical points are saddles, "
          + "and the index tends to rise with the loss (docs/saddles.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the search finished", "1:internal error", "2:bad input"})
final class SaddlesCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study's catalog, written by basin sample.")
  Path catalog;

  @Option(names = "--finder", paramLabel = "NAME", defaultValue = "newton-mr", description = "newton-mr, gradient-norm or gd-newton-mr. Default: ${DEFAULT-VALUE}.")
  String finder;

  @Option(names = "--starts", paramLabel = "N", defaultValue = "100", description = "Random starts of the search. Default: ${DEFAULT-VALUE}.")
  int starts;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the search's starts. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "20", description = "Critical points listed, by loss. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    if (rows < 0) throw new basin.core.InputException("--rows = " + rows + ": expected a number of points to list >= 0");
    SaddleRunner.Options options = new SaddleRunner.Options(finder, starts, seed);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SampleCommand.ProgressDisplay progress = quiet ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "starts");
    SaddleRunner.RunStats stats = SaddleRunner.run(catalog, null, options, progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    Map<String, Integer> kinds = new TreeMap<>();
    Map<String, Integer> kindHits = new TreeMap<>();
    Map<Long, Integer> indices = new TreeMap<>();
    for (Row r : stats.rows()) {
      kinds.merge(r.getText("kind"), 1, Integer::sum);
      kindHits.merge(r.getText("kind"), (int) r.getLong("hits"), Integer::sum);
      if ("SADDLE".equals(r.getText("kind"))) indices.merge(r.getLong("hessian_index"), 1, Integer::sum);
    }
    out.printf(Locale.ROOT, "searched   %d starts with %s in %.1f s; %d distinct points%n", starts, finder, stats.wallNanos() / 1e9, stats.rows().size());
    StringBuilder k = new StringBuilder();
    for (Map.Entry<String, Integer> e : stats.runsByKind().entrySet()) {
      if (e.getValue() == 0) continue;
      Integer distinct = kinds.get(e.getKey());
      k.append(String.format(Locale.ROOT, "%s %d%s; ", e.getKey().toLowerCase(Locale.ROOT).replace('_', ' '), e.getValue(),
          distinct == null ? "" : " (" + distinct + " distinct)"));
    }
    out.printf(Locale.ROOT, "starts     %s%n", k);
    if (!indices.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (Map.Entry<Long, Integer> e : indices.entrySet()) b.append(String.format(Locale.ROOT, "index %d: %d; ", e.getKey(), e.getValue()));
      out.printf(Locale.ROOT, "saddles    %s%n", b);
    }
    List<Row> byLoss = new ArrayList<>(stats.rows());
    byLoss.sort((a, b) -> Double.compare(a.getDouble("objective"), b.getDouble("objective")));
    out.printf(Locale.ROOT, "%n%5s %-14s %16s %6s %8s %8s %10s %10s %5s%n", "id", "kind", "loss", "index", "fraction", "nullity", "|grad|",
        "|H grad|", "hits");
    int shown = 0;
    for (Row r : byLoss) {
      if (shown++ >= rows) break;
      long index = r.getLong("hessian_index");
      out.printf(Locale.ROOT, "%5d %-14s %16.10g %6s %8s %8s %10.2e %10.2e %5d%n", r.getLong("point_id"), r.getText("kind"), r.getDouble("objective"),
          index < 0 ? "-" : Long.toString(index), index < 0 ? "-" : String.format(Locale.ROOT, "%.4f", r.getDouble("index_fraction")),
          r.getLong("nullity") < 0 ? "-" : Long.toString(r.getLong("nullity")), r.getDouble("gradient_norm"),
          r.getDouble("hessian_gradient_norm"), r.getLong("hits"));
    }
    if (byLoss.size() > rows) out.printf(Locale.ROOT, "... %d more (basin export writes them all)%n", byLoss.size() - rows);
    out.flush();
    return ExitCodes.OK;
  }
}

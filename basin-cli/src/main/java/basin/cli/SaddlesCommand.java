package basin.cli;

import basin.landscape.saddle.IndexLossFit;
import basin.store.Row;
import basin.study.IndexLossRunner;
import basin.study.SaddleRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
          + "and the index tends to rise with the loss (docs/saddles.md).",
      "With --index-vs-loss it searches nothing: it reads the certified points of critical_points and fits the index fraction "
          + "against the loss (train objective, and test loss where there is test data): alpha = c (loss - loss_c)^(3/2) "
          + "(Pennington & Bahri 2017), the same with a free exponent, a line and an isotonic (monotone) fit, each with a seeded "
          + "bootstrap confidence band (--bootstrap, --seed). --csv writes the points, the fitted curves with their bands and the "
          + "parameters, for plotting."},
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

  @Option(names = "--index-vs-loss", description = "Fit the index fraction against the loss of the stored critical points; no search.")
  boolean indexVsLoss;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "200", description = "Bootstrap replicates of the index-vs-loss bands. Default: ${DEFAULT-VALUE}.")
  int bootstrap;

  @Option(names = "--csv", paramLabel = "FILE", description = "With --index-vs-loss: write points, curves, bands and parameters to this CSV file.")
  java.nio.file.Path csv;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (rows < 0) throw new basin.core.InputException("--rows = " + rows + ": expected a number of points to list >= 0");
    if (indexVsLoss) return indexVsLoss();
    if (csv != null) throw new basin.core.InputException("--csv goes with --index-vs-loss (basin export writes the critical_points table)");
    SaddleRunner.Options options = new SaddleRunner.Options(finder, starts, seed);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SampleCommand.ProgressDisplay progress = quiet.on ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "starts");
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

  private Integer indexVsLoss() {
    if (bootstrap < 0) throw new basin.core.InputException("--bootstrap: expected >= 0 replicates, got " + bootstrap);
    IndexLossFit.Config config = IndexLossFit.Config.defaults().withBootstrap(bootstrap).withSeed(seed);
    IndexLossRunner.Result r = IndexLossRunner.run(catalog, config);
    PrintWriter out = spec.commandLine().getOut();
    long minima = r.points().stream().filter(p -> "MINIMUM".equals(p.kind())).count();
    out.printf(Locale.ROOT, "index vs loss  %d certified critical points (%d minima, %d saddles) of %s; %d bootstrap replicates, seed %d, 95%% bands%n",
        r.points().size(), minima, r.points().size() - minima, r.subject(), bootstrap, seed);
    printFits(out, "train objective", r.train());
    if (r.test() != null) printFits(out, "test loss", r.test());
    if (csv != null) {
      List<String> header = List.of("series", "loss_kind", "model", "parameter", "point_id", "loss", "index_fraction", "value", "lower", "upper");
      List<List<Object>> lines = new ArrayList<>();
      for (IndexLossRunner.Point p : r.points()) {
        lines.add(Arrays.asList("point", "train", null, null, p.pointId(), p.loss(), p.indexFraction(), null, null, null));
        if (r.test() != null) lines.add(Arrays.asList("point", "test", null, null, p.pointId(), p.testLoss(), p.indexFraction(), null, null, null));
      }
      addFits(lines, "train", r.train());
      if (r.test() != null) addFits(lines, "test", r.test());
      ResultCsv.writeTable(csv, header, lines);
      out.printf(Locale.ROOT, "csv            %s%n", csv);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void printFits(PrintWriter out, String what, IndexLossFit.Result result) {
    out.printf(Locale.ROOT, "%nindex fraction against the %s%n%-10s %-72s %10s %7s %9s%n", what, "model", "parameters (95% bootstrap interval)",
        "RSS", "R^2", "AIC");
    for (IndexLossFit.Fit f : result.fits()) {
      StringBuilder b = new StringBuilder();
      List<String> names = f.model().parameterNames();
      for (int i = 0; i < names.size(); i++) {
        b.append(String.format(Locale.ROOT, "%s%s %.4g [%.4g, %.4g]", i == 0 ? "" : "; ", names.get(i), f.parameters()[i],
            f.parameterLower()[i], f.parameterUpper()[i]));
      }
      if (names.isEmpty()) b.append("(nondecreasing step fit)");
      out.printf(Locale.ROOT, "%-10s %-72s %10.4g %7.4f %9.2f%n", f.model().label(), b, f.rss(), f.rSquared(), f.aic());
    }
  }

  private static void addFits(List<List<Object>> lines, String kind, IndexLossFit.Result result) {
    double[] grid = result.grid();
    for (IndexLossFit.Fit f : result.fits()) {
      for (int g = 0; g < grid.length; g++) {
        lines.add(Arrays.asList("curve", kind, f.model().label(), null, null, grid[g], null, f.curve()[g], f.bandLower()[g], f.bandUpper()[g]));
      }
      List<String> names = f.model().parameterNames();
      for (int i = 0; i < names.size(); i++) {
        lines.add(Arrays.asList("parameter", kind, f.model().label(), names.get(i), null, null, null, f.parameters()[i], f.parameterLower()[i],
            f.parameterUpper()[i]));
      }
    }
  }
}

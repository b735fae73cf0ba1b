package basin.cli;

import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.study.FlatnessRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin flatness}: curvature, sharpness and basin radius of every minimum of a catalog. */
@Command(name = "flatness", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measures how flat each distinct minimum of a catalog is: the Hessian of the data loss on the complement of the symmetry "
          + "directions (largest eigenvalue, trace, Frobenius norm, log-determinant of the positive part; exact up to 1000 parameters, "
          + "Lanczos and stochastic trace estimates above), the L2 term's share, epsilon-sharpness and adaptive sharpness "
          + "(Keskar et al. 2017), and the basin radius along many filter-normalized directions (Li et al. 2018).",
      "Results go into the catalog's flatness table (exported by basin export). Running it again measures only the minima not yet "
          + "measured, so a killed run resumes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every minimum measured", "1:internal error (measured minima are kept)", "2:bad input"})
final class FlatnessCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study's catalog, written by basin sample.")
  Path catalog;

  @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "1e-3", description = "Box half-width of the sharpness measures. Default: ${DEFAULT-VALUE}.")
  double epsilon;

  @Option(names = "--directions", paramLabel = "N", defaultValue = "20", description = "Directions of the basin radius. Default: ${DEFAULT-VALUE}.")
  int directions;

  @Option(names = "--delta", paramLabel = "DELTA", defaultValue = "0.1",
      description = "The rise of the loss that ends a basin radius. Default: ${DEFAULT-VALUE}.")
  double delta;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "20", description = "Minima listed, by hit count. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (rows < 0) throw new basin.core.InputException("--rows = " + rows + ": expected a number of minima to list >= 0");
    FlatnessRunner.Options options = new FlatnessRunner.Options(epsilon, directions, delta);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SampleCommand.ProgressDisplay progress = quiet.on ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "minima");
    FlatnessRunner.RunStats stats = FlatnessRunner.run(catalog, null, options, progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    out.printf(Locale.ROOT, "flatness   %d minima measured (%d already) in %.1f s%n", stats.measured(), stats.alreadyDone(), stats.wallNanos() / 1e9);
    try (Catalog c = Catalog.open(catalog)) {
      Map<Long, Row> byId = new HashMap<>();
      for (Row r : c.rows(FlatnessRunner.TABLE)) byId.put(r.getLong("minimum_id"), r);
      List<MinimumRecord> minima = new java.util.ArrayList<>(c.minima());
      minima.sort((a, b) -> a.hitCount() != b.hitCount() ? Integer.compare(b.hitCount(), a.hitCount()) : Integer.compare(a.minimumId(), b.minimumId()));
      out.printf(Locale.ROOT, "%n%4s %6s %14s %11s %11s %11s %11s %10s %10s %10s%n", "id", "hits", "train loss", "lambda_max", "trace",
          "log det+", "eps-sharp", "adaptive", "radius", "l2 share");
      int shown = 0;
      for (MinimumRecord m : minima) {
        if (shown++ >= rows) break;
        Row r = byId.get((long) m.minimumId());
        if (r == null) continue;
        double l2 = r.getDouble("l2");
        double lmax = r.getDouble("lambda_max_objective");
        out.printf(Locale.ROOT, "%4d %6d %14.8g %11.4e %11.4e %11.4e %11.4e %10.3e %10.3e %10s%n", m.minimumId(), m.hitCount(), m.trainLoss(),
            r.getDouble("lambda_max"), r.getDouble("trace"), r.getDouble("log_det_positive"), r.getDouble("epsilon_sharpness"),
            r.getDouble("adaptive_sharpness"), r.getDouble("radius_median"), l2 > 0 ? String.format(Locale.ROOT, "%.2e", l2 / lmax) : "-");
      }
      if (minima.size() > rows) out.printf(Locale.ROOT, "... %d more (basin export writes them all)%n", minima.size() - rows);
      out.printf(Locale.ROOT, "(data-loss Hessian on the complement of the symmetry directions; eps-sharp and adaptive: Keskar et al. 2017 "
          + "in %%, epsilon %s; radius: median over %d directions until the loss rises by %s; l2 share: lambda / lambda_max of the objective)%n",
          epsilon, directions, delta);
    }
    out.flush();
    return ExitCodes.OK;
  }
}

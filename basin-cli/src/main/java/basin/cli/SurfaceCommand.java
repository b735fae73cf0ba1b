package basin.cli;

import basin.landscape.flatness.LossProfiles;
import basin.study.AnalysisPoint;
import basin.study.SurfaceAnalysis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin surface}: 1-D loss profiles with quantile bands, or a 2-D loss surface, through a point. */
@Command(name = "surface", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Evaluates the training objective (and with --test the test loss) along lines and planes through a catalog's minimum or any "
          + "point: with --dims 1, f(x + t d) for --count directions and t on --grid points in [-R, R], summarized per t by the "
          + "median and the --band quantiles over the directions; with --dims 2, f(x + a d1 + b d2) on a grid over [-R, R]^2.",
      "Directions: random (unit Gaussian; t is a distance), filter (Li et al. 2018 filter normalization: each unit's incoming weights "
          + "and its bias are rescaled together to the norm of that filter at the point, so t is a fraction of each filter's norm; "
          + "Li et al.'s code zeroes the bias directions instead), eigen (the Hessian's top eigenvectors by Lanczos, which random "
          + "planes miss), or a .npy file of directions (k x P).",
      "With --out PREFIX writes PREFIX-grid.npy, PREFIX-directions.npy, PREFIX-train.npy (and -test.npy) and a CSV "
          + "(PREFIX-profile.csv or PREFIX-surface.csv) for numpy and pandas (docs/flatness.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:internal error", "2:bad input"})
final class SurfaceCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CATALOG", description = "A study's catalog (for --minimum, or the objective of --point).")
  Path catalog;

  @Mixin
  PointOptions pointOptions = new PointOptions();

  @Option(names = "--directions", paramLabel = "KIND", defaultValue = "random",
      description = "random, filter, eigen or FILE.npy (k x P). Default: ${DEFAULT-VALUE}.")
  String directions;

  @Option(names = "--dims", paramLabel = "1|2", defaultValue = "1", description = "1: profiles with a band; 2: a surface. Default: ${DEFAULT-VALUE}.")
  int dims;

  @Option(names = "--count", paramLabel = "N", defaultValue = "20",
      description = "Directions of the 1-D profiles (eigen: eigenvectors, each with both signs). Default: ${DEFAULT-VALUE}.")
  int count;

  @Option(names = "--grid", paramLabel = "N", defaultValue = "41", description = "Grid points per axis. Default: ${DEFAULT-VALUE}.")
  int grid;

  @Option(names = "--range", paramLabel = "R", defaultValue = "1", description = "The grid spans [-R, R]. Default: ${DEFAULT-VALUE}.")
  double range;

  @Option(names = "--test", description = "Also the test loss (networks with a test set).")
  boolean test;

  @Option(names = "--band", paramLabel = "Q", defaultValue = "0.1", description = "The 1-D band spans the Q and 1-Q quantiles. Default: ${DEFAULT-VALUE}.")
  double band;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of random and filter directions and of Lanczos. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Threads evaluating the grid (never changes a value). Default: all cores.")
  Integer threads;

  @Option(names = "--out", paramLabel = "PREFIX", description = "Write the grid, directions and values as .npy and CSV files with this prefix.")
  Path out;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    SurfaceAnalysis.Options options = new SurfaceAnalysis.Options(directions, dims, count, grid, range, test, band, seed);
    AnalysisPoint point = pointOptions.resolve(catalog);
    SurfaceAnalysis.Result r = SurfaceAnalysis.run(point, options, SharedOptions.threadsOrAllCores(threads));
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "point      %s: %s, %d parameters%n", point.label(), point.subject().describe(), point.parameters().length);
    o.printf(Locale.ROOT, "directions %s%n", r.description());
    if (r.train() != null) {
      LossProfiles.Band tr = r.train();
      LossProfiles.Band te = r.test();
      o.printf(Locale.ROOT, "%n%10s  %-40s%s%n", "t", String.format(Locale.ROOT, "train: median [%.0f%%, %.0f%%]", 100 * band, 100 * (1 - band)),
          te == null ? "" : "  test: median [band]");
      int n = tr.t().length;
      int step = Math.max(1, (n - 1) / 10);
      java.util.List<Integer> shown = new java.util.ArrayList<>();
      for (int i = 0; i < n; i += step) shown.add(i);
      if (shown.get(shown.size() - 1) != n - 1) shown.add(n - 1);
      for (int i : shown) {
        o.printf(Locale.ROOT, "%10.4g  %-40s%s%n", tr.t()[i], String.format(Locale.ROOT, "%.6g [%.6g, %.6g]", tr.median()[i], tr.lower()[i], tr.upper()[i]),
            te == null ? "" : String.format(Locale.ROOT, "  %.6g [%.6g, %.6g]", te.median()[i], te.lower()[i], te.upper()[i]));
      }
    } else {
      describe(o, "train", r.trainSurface());
      if (r.testSurface() != null) describe(o, "test", r.testSurface());
    }
    if (out != null) {
      List<Path> files = SurfaceAnalysis.export(r, out);
      o.printf(Locale.ROOT, "%nwritten    %s%n", String.join(", ", files.stream().map(Path::toString).toList()));
    }
    o.flush();
    return ExitCodes.OK;
  }

  private static void describe(PrintWriter o, String name, LossProfiles.Surface s) {
    int n = s.a().length;
    int lo = 0;
    int hi = 0;
    for (int k = 0; k < s.values().length; k++) {
      if (s.values()[k] < s.values()[lo]) lo = k;
      if (s.values()[k] > s.values()[hi]) hi = k;
    }
    int c = (n / 2) * n + n / 2;
    o.printf(Locale.ROOT, "%-6s     center %.8g at (%.4g, %.4g); lowest %.8g at (%.4g, %.4g); highest %.8g at (%.4g, %.4g)%n", name,
        s.values()[c], s.a()[n / 2], s.b()[n / 2], s.values()[lo], s.a()[lo / n], s.b()[lo % n], s.values()[hi], s.a()[hi / n], s.b()[hi % n]);
  }
}

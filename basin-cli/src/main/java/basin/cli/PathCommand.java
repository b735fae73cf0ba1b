package basin.cli;

import basin.core.InputException;
import basin.landscape.paths.PathBarriers;
import basin.landscape.paths.PathProfile;
import basin.store.Row;
import basin.study.PathRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin path}: the path between two minima of a catalog, with its barriers. */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Draws a path between two minima of a catalog, after aligning the second to the first over the network's hidden-unit "
          + "permutations (weight matching or activation matching; none for objectives without them), and prints the loss "
          + "profile's numbers: its maximum, the barrier above the higher end point, the barrier above the chord of the end "
          + "losses (Entezari et al. 2022), the loss integrated over arc length and the length, for the training objective and "
          + "the test loss where the study has test data.",
      "Methods: line (the straight line), bezier and chain (a quadratic Bezier curve or one-bend chain whose bend is trained "
          + "to minimize the integrated loss, Garipov et al. 2018), neb (nudged elastic band with the improved tangent, a "
          + "climbing image, FIRE and image insertion, its climbing image refined by eigenvector following to a certified "
          + "index-1 saddle). One row per (pair, method/alignment) goes to the catalog's paths table (docs/paths.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the path was computed", "1:internal error", "2:bad input (unknown or repeated minimum id, a catalog without minima, a bad option)"})
final class PathCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study's catalog with distinct minima (basin sample).")
  Path catalog;

  @Option(names = "--a", paramLabel = "ID", required = true, description = "Id of the first minimum (basin minima lists them).")
  int a;

  @Option(names = "--b", paramLabel = "ID", required = true, description = "Id of the second minimum.")
  int b;

  @Option(names = "--method", paramLabel = "M", defaultValue = "line", description = "line, bezier, chain or neb. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--align", paramLabel = "A", defaultValue = "auto",
      description = "auto, none, weight or activation; weight and activation need an MLP study, auto is weight there and none "
          + "otherwise. Default: ${DEFAULT-VALUE}.")
  String align;

  @Option(names = "--points", paramLabel = "K", defaultValue = "101", description = "Points of the loss profile. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--images", paramLabel = "N", defaultValue = "10", description = "neb: interior images at the start (insertion may add up to 3N in all). Default: ${DEFAULT-VALUE}.")
  int images;

  @Option(names = "--spring", paramLabel = "K", defaultValue = "1.0", description = "neb: spring constant. Default: ${DEFAULT-VALUE}.")
  double spring;

  @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "20000",
      description = "neb: FIRE iterations; bezier, chain: L-BFGS iterations of the bend. Default: ${DEFAULT-VALUE}.")
  int maxIterations;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of weight matching's layer order. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--csv", paramLabel = "FILE", description = "Write the profile (t, arc length, train loss, test loss) as CSV.")
  Path csv;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() throws IOException {
    PathRunner.Options options = new PathRunner.Options(a, b, method, align, points, images, spring, maxIterations, seed);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean iterative = !method.equals("line");
    SampleCommand.ProgressDisplay progress = quiet.on || !iterative ? null
        : new SampleCommand.ProgressDisplay(err, System.console() != null, method.equals("neb") ? "iterations" : "evaluations");
    PathRunner.Outcome o = PathRunner.run(catalog, null, options, progress == null ? null : (done, total, force) -> progress.update(done, total));
    if (progress != null) progress.finish();
    Row r = o.row();
    PathProfile p = o.profile();
    out.printf(Locale.ROOT, "path       minimum %d -> %d, %s, aligned by %s (%s), %d points; %s in %.1f s%n", a, b, method, o.options().alignment(),
        o.alignment().status(), p.size(), o.subject(), o.wallNanos() / 1e9);
    out.printf(Locale.ROOT, "distance   %.6g as stored, %.6g after alignment%n", r.getDouble("distance"), r.getDouble("aligned_distance"));
    if (iterative) out.printf(Locale.ROOT, "run        %s after %d iterations%n", r.getText("status"), r.getLong("iterations"));
    out.printf(Locale.ROOT, "ends       train loss %.10g and %.10g%n", r.getDouble("loss_a"), r.getDouble("loss_b"));
    print(out, "train", p.train());
    if (p.hasTest()) print(out, "test", p.test());
    if (o.transitionState() != null) {
      var ts = o.transitionState();
      out.printf(Locale.ROOT, "saddle     %s: loss %.10g, |grad| %.3g, index %d after %d eigenvector-following steps (%s); barrier %.6g%n",
          ts.certified() ? "certified index-1" : "NOT certified (" + ts.certificate().classification() + ")", ts.value(),
          ts.certificate().gradientNorm(), ts.certificate().index(), ts.search().iterations(), ts.search().status(),
          ts.value() - Math.max(r.getDouble("loss_a"), r.getDouble("loss_b")));
    }
    out.printf(Locale.ROOT, "stored     table paths, variant %s%n", PathRunner.variant(o.options()));
    if (csv != null) {
      StringBuilder b = new StringBuilder("t,arc_length,train_loss,test_loss\n");
      for (int k = 0; k < p.size(); k++) {
        b.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%s%n", p.t()[k], p.arcLength()[k], p.trainLoss()[k],
            Double.isNaN(p.testLoss()[k]) ? "" : String.format(Locale.ROOT, "%.17g", p.testLoss()[k])));
      }
      try {
        Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException("--csv " + csv + ": cannot write (" + e.getMessage() + ")");
      }
      out.printf(Locale.ROOT, "wrote      %s%n", csv);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, String label, PathBarriers b) {
    out.printf(Locale.ROOT, "%-10s max %.10g; barrier above the higher end %.6g; above the chord (Entezari) %.6g; integrated %.6g; length %.6g%n",
        label, b.maxLoss(), b.barrierAboveEndpoints(), b.barrierAboveChord(), b.integratedLoss(), b.length());
  }
}

package basin.cli;

import basin.core.check.DerivativeCheck;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.data.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin gradcheck}: exact derivatives against finite differences at random points. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    description = {
      "Compares the exact gradient, Hessian-vector product and dense Hessian of a model's objective with finite differences at random points, and prints the largest relative errors.",
      "With --builtin, checks every built-in model on its built-in data set."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every error is at most the tolerance", "1:some error exceeds it, or an internal error", "2:bad input"})
final class GradcheckCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  DataOptions data = new DataOptions();

  @Mixin
  ModelOptions model = new ModelOptions();

  @Option(names = "--builtin", description = "Check every built-in model (ignores --data and the model options).")
  boolean builtin;

  @Option(names = "--points", paramLabel = "K", defaultValue = "3", description = "Random points per model. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--scale", paramLabel = "S", defaultValue = "0.5",
      description = "Standard deviation of the random points' entries. Default: ${DEFAULT-VALUE}.")
  double scale;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of points and directions. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "1e-6",
      description = "Largest acceptable relative error. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (points < 1) throw new basin.core.InputException("--points: expected >= 1, got " + points);
    if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
      throw new basin.core.InputException("--tolerance: expected a finite number > 0, got " + tolerance);
    }
    if (!(scale > 0)) throw new basin.core.InputException("--scale: expected > 0, got " + scale);
    PrintWriter out = spec.commandLine().getOut();
    List<String[]> cases = new ArrayList<>();
    if (builtin) {
      for (BuiltinModels.Entry e : BuiltinModels.ENTRIES) cases.add(new String[] {e.name(), null});
    } else {
      cases.add(new String[] {null, null});
    }
    out.printf(Locale.ROOT, "%-22s %-34s %6s %10s %10s %10s %10s %10s%n", "model", "architecture", "P", "gradient", "direction", "hvp", "symmetry", "hessian");
    double worst = 0;
    for (String[] c : cases) {
      MlpObjective f;
      String label;
      if (c[0] != null) {
        BuiltinModels.Entry e = BuiltinModels.find(c[0]);
        f = e.objective(data);
        label = e.name();
      } else {
        Problem problem = data.load();
        f = model.objective(problem.train());
        label = problem.name();
      }
      Mlp m = f.model();
      DerivativeCheck check = new DerivativeCheck(DerivativeCheck.Options.defaults());
      SplittableRandom random = new SplittableRandom(seed);
      DerivativeCheck.Result total = null;
      for (int k = 0; k < points; k++) {
        double[] w = basin.core.model.Initializer.normal(scale).initialize(m, random.nextLong());
        DerivativeCheck.Result r = check.check(f, w, random.split());
        total = total == null ? r : total.max(r);
      }
      out.printf(Locale.ROOT, "%-22s %-34s %6d %10.2e %10.2e %10.2e %10.2e %10s%n", label, m.describe() + ", " + f.loss().label(),
          f.dimension(), total.gradientError(), total.directionalError(), total.hvpError(), total.symmetryError(),
          Double.isNaN(total.hessianError()) ? "skipped" : String.format(Locale.ROOT, "%.2e", total.hessianError()));
      out.flush();
      worst = Math.max(worst, total.worst());
    }
    boolean ok = worst <= tolerance;
    out.printf(Locale.ROOT, "largest relative error %.2e: %s (tolerance %.1e)%n", worst, ok ? "PASS" : "FAIL", tolerance);
    return ok ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}

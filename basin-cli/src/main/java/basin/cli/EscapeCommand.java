package basin.cli;

import basin.core.InputException;
import basin.core.Objective;
import basin.landscape.saddle.EscapeLab;
import basin.landscape.saddle.RandomDirectionEscape;
import basin.landscape.spectral.DenseSpectrum;
import basin.store.Row;
import basin.study.EscapeRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin escape}: how do strategies leave a saddle, for the same budget of evaluations? */
@Command(name = "escape", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"From a saddle found by basin saddles, first tries random unit directions d with step r and counts how often "
        + "f(w + r d) < f(w): the measured success rate per try with its 95%% Wilson interval, beside the exact probability for the "
        + "quadratic model of the saddle (its Hessian's eigenvalues: P(sum lambda_i d_i^2 < 0) for d uniform on the sphere, "
        + "by Imhof's integral; docs/saddles.md).",
      "Then the escape lab: each --strategy runs --trials seeded trials of --budget evaluations each (value, gradient, "
        + "minibatch gradient or Hessian-vector product: 1; dense Hessian: P). A trial escapes at its first iterate at distance "
        + ">= r from the saddle with a lower loss. Strategies: random (random search with step r), eigenvector (step r along the "
        + "lowest Hessian eigenvector by Lanczos, then gradient descent), gd (gradient descent from a tiny random perturbation), "
        + "sgd (minibatch noise where the objective has data, additive Gaussian noise otherwise), pgd (perturbed gradient descent, "
        + "Jin et al. 2017), newton (pure Newton: drawn back to the saddle), sfn (saddle-free Newton, |H| for H, Dauphin et al. 2014). "
        + "Prints the escape rate with its 95%% Wilson interval, the evaluations to escape and the loss after; stores one row per "
        + "strategy in the catalog's escape_lab table (basin export), and --csv writes them."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the lab finished", "1:internal error", "2:bad input"})
final class EscapeCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A catalog on which basin saddles ran.")
  Path catalog;

  @Option(names = "--point", paramLabel = "ID", required = true, description = "The critical point (point_id of the critical_points table).")
  int point;

  @Option(names = "--radius", paramLabel = "R", defaultValue = "1e-3",
      description = "Step length r of the random tries, and the ball a trial of the lab must leave. Default: ${DEFAULT-VALUE}.")
  double radius;

  @Option(names = "--tries", paramLabel = "N", defaultValue = "10000", description = "Random directions of the per-try rate. Default: ${DEFAULT-VALUE}.")
  int tries;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the directions and of the lab's trials. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--strategy", paramLabel = "LIST", defaultValue = "all",
      description = "all, none, or a comma-separated list of random, eigenvector, gd, sgd, pgd, newton, sfn. Default: ${DEFAULT-VALUE}.")
  String strategy;

  @Option(names = "--budget", paramLabel = "N", defaultValue = "2000", description = "Evaluations per trial. Default: ${DEFAULT-VALUE}.")
  long budget;

  @Option(names = "--trials", paramLabel = "N", defaultValue = "100", description = "Seeded trials per strategy. Default: ${DEFAULT-VALUE}.")
  int trials;

  @Option(names = "--perturbation", paramLabel = "EPS", defaultValue = "0",
      description = "Radius of the initial perturbation (gd, newton, sfn) and of pgd's perturbations; 0 for r / 1000. Default: ${DEFAULT-VALUE}.")
  double perturbation;

  @Option(names = "--learning-rate", paramLabel = "ETA", defaultValue = "0",
      description = "Step size of gd, sgd, pgd and eigenvector; 0 for 1 / lambda_max at the saddle. Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
      description = "SGD's additive noise where the objective has no data; 0 for eps / (eta sqrt(P)). Default: ${DEFAULT-VALUE}.")
  double noise;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "0", description = "SGD's minibatch size; 0 for n / 10. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the lab's rows to this CSV file.")
  Path csv;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (!(radius > 0 && radius < Double.POSITIVE_INFINITY)) throw new InputException("--radius: expected a finite number > 0, got " + radius);
    if (tries < 1) throw new InputException("--tries: expected >= 1, got " + tries);
    boolean lab = !"none".equals(strategy.trim());
    EscapeRunner.Options options = null;
    if (lab) {
      if (!(perturbation >= 0 && perturbation < Double.POSITIVE_INFINITY)) throw new InputException("--perturbation: expected a finite number >= 0, got " + perturbation);
      EscapeLab.Config config;
      try {
        config = new EscapeLab.Config(radius, budget, trials, seed, perturbation > 0 ? perturbation : radius / 1000, learningRate, noise, batch, 500);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage().replace("escape budget", "--budget").replace("escape trials", "--trials")
            .replace("escape learning rate", "--learning-rate").replace("escape noise", "--noise").replace("escape batch size", "--batch"));
      }
      options = new EscapeRunner.Options(point, strategy, config);
    }
    EscapeRunner.Saddle saddle = EscapeRunner.load(catalog, point);
    Row row = saddle.row();
    double[] w = saddle.point();
    Objective f = saddle.subject().newEvaluator().train();
    int p = f.dimension();
    double exact = Double.NaN;
    int negative = -1;
    if (p <= 2500) {
      double[] h = new double[p * p];
      f.hessian(w, h);
      double[] lambda = DenseSpectrum.decompose(h, p, false).eigenvalues();
      double tau = 1e-6 * Math.max(1.0, Math.abs(lambda[p - 1])); // the certifier's zero band
      negative = 0;
      for (double v : lambda) if (v < -tau) negative++;
      exact = RandomDirectionEscape.quadraticSuccessProbability(lambda);
    }
    RandomDirectionEscape.Result r = RandomDirectionEscape.attempt(f, w, new RandomDirectionEscape.Config(radius, tries, seed));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "point      %d: %s, loss %.10g, index %d of %d parameters%n", point, row.getText("kind"), r.saddleValue(),
        row.getLong("hessian_index"), p);
    out.printf(Locale.ROOT, "escape     %d of %d random directions with step %s lower the loss: %.4f (95%% Wilson %.4f to %.4f)%n",
        r.successes(), r.tries(), radius, r.rate().estimate(), r.rate().lower(), r.rate().upper());
    if (!Double.isNaN(exact)) {
      out.printf(Locale.ROOT, "quadratic  %.4f: the exact probability for the saddle's quadratic model (%d negative eigenvalues); "
          + "expected tries to escape %.1f%n", exact, negative, exact > 0 ? 1 / exact : Double.POSITIVE_INFINITY);
    }
    out.printf(Locale.ROOT, "first      success at try %d; the lowest loss reached %.10g%n", r.firstSuccess(), r.bestValue());
    out.flush();
    if (!lab) return ExitCodes.OK;

    int total = options.strategyList().size() * trials;
    SampleCommand.ProgressDisplay progress = quiet.on ? null
        : new SampleCommand.ProgressDisplay(spec.commandLine().getErr(), System.console() != null, "trials");
    EscapeRunner.RunStats stats = EscapeRunner.run(catalog, options, progress == null ? null : done -> progress.update(done, total));
    if (progress != null) progress.finish();
    EscapeLab.Setup s = stats.result().setup();
    out.printf(Locale.ROOT, "%nlab        %d trials per strategy, budget %d evaluations, r %s, eps %.3g, eta %.4g (1/lambda_max = %.4g), "
        + "lambda_min %.4g, sgd noise: %s; %.1f s%n", trials, budget, radius, options.lab().perturbation(), s.learningRate(),
        1 / Math.max(Math.abs(s.largestEigenvalue()), Math.abs(s.lowestEigenvalue())), s.lowestEigenvalue(), s.sgdNoise(), stats.wallNanos() / 1e9);
    if (!Double.isNaN(exact) && options.strategyList().contains(EscapeLab.Strategy.RANDOM)) {
      out.printf(Locale.ROOT, "random     quadratic model: a trial escapes within the budget with probability %.4f%n",
          EscapeLab.randomEscapeProbability(exact, budget));
    }
    out.printf(Locale.ROOT, "%n%-12s %8s %17s %12s %12s %16s %16s%n", "strategy", "escaped", "95% Wilson", "mean evals", "median evals",
        "loss at escape", "loss at budget");
    for (Row x : stats.rows()) {
      if (!x.isNull("skipped")) {
        out.printf(Locale.ROOT, "%-12s skipped: %s%n", x.getText("strategy"), x.getText("skipped"));
        continue;
      }
      out.printf(Locale.ROOT, "%-12s %8s %17s %12s %12s %16s %16s%n", x.getText("strategy"),
          x.getLong("escaped") + "/" + x.getLong("trials"),
          String.format(Locale.ROOT, "[%.3f, %.3f]", x.getDouble("escape_rate_lower"), x.getDouble("escape_rate_upper")),
          fmt("%.1f", x.getDouble("mean_evaluations_to_escape")), fmt("%.1f", x.getDouble("median_evaluations_to_escape")),
          fmt("%.10g", x.getDouble("mean_loss_at_escape")), fmt("%.10g", x.getDouble("mean_final_loss")));
    }
    out.printf(Locale.ROOT, "(evaluations and losses over the escaped trials; loss at the saddle %.10g)%n", s.value());
    if (csv != null) {
      ResultCsv.writeRows(csv, EscapeRunner.TABLE, stats.rows());
      out.printf(Locale.ROOT, "csv        %s%n", csv);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String fmt(String format, double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }
}

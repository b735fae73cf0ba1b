package basin.cli;

import basin.core.InputException;
import basin.core.Objective;
import basin.landscape.saddle.RandomDirectionEscape;
import basin.landscape.spectral.DenseSpectrum;
import basin.store.Catalog;
import basin.store.Row;
import basin.study.SaddleRunner;
import basin.study.StudySpec;
import basin.study.StudySubject;
import basin.study.StudySubjects;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin escape}: can a saddle be escaped by trying random directions? */
@Command(name = "escape", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"From a saddle found by basin saddles, tries random unit directions d with step r and counts how often "
        + "f(w + r d) < f(w): the measured success rate with its 95% Wilson interval, beside the exact probability for the "
        + "quadratic model of the saddle (its Hessian's eigenvalues: P(sum lambda_i d_i^2 < 0) for d uniform on the sphere, "
        + "by Imhof's integral; docs/saddles.md). Reads the catalog only."})
final class EscapeCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A catalog on which basin saddles ran.")
  Path catalog;

  @Option(names = "--point", paramLabel = "ID", required = true, description = "The critical point (point_id of the critical_points table).")
  int point;

  @Option(names = "--radius", paramLabel = "R", defaultValue = "1e-3", description = "Step length r. Default: ${DEFAULT-VALUE}.")
  double radius;

  @Option(names = "--tries", paramLabel = "N", defaultValue = "10000", description = "Random directions. Default: ${DEFAULT-VALUE}.")
  int tries;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the directions. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    if (!(radius > 0 && radius < Double.POSITIVE_INFINITY)) throw new InputException("--radius: expected a finite number > 0, got " + radius);
    if (tries < 1) throw new InputException("--tries: expected >= 1, got " + tries);
    Row row = null;
    StudySubject subject;
    try (Catalog c = Catalog.open(catalog)) {
      for (Row r : c.rows(SaddleRunner.TABLE)) {
        if (r.getLong("point_id") == point) row = r;
      }
      if (row == null) {
        throw new InputException("--point " + point + ": catalog " + catalog + " has no such critical point (run basin saddles first)");
      }
      StudySpec studySpec = StudySpec.fromCanonicalJson(c.specJson());
      subject = StudySubjects.of(studySpec, catalog.toAbsolutePath().getParent());
    }
    double[] w = row.getVector("parameters");
    Objective f = subject.newEvaluator().train();
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
    return ExitCodes.OK;
  }
}

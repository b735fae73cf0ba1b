package basin.study;

import basin.core.InputException;
import basin.data.testfunctions.TestFunction;
import basin.data.testfunctions.TestFunctions;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Analytic test functions ({@link TestFunctions}: Muller-Brown, Himmelblau, Rosenbrock, Rastrigin,
 * quadratics with a prescribed spectrum) as study subjects. They have no symmetries; starts are
 * uniform in the function's box ({@code init: default} or {@code uniform}), or Gaussian around the
 * box centre with {@code normal:S}.
 */
final class TestFunctionSubjects {
  private TestFunctionSubjects() {}

  static ClosedFormSubject of(ObjectiveName name, String text, String init) {
    if (!TestFunctions.names().contains(name.name())) {
      throw new InputException("unknown objective " + text + ", expected mlp, " + ClosedFormSubject.RELU_POPULATION_HELP + ", "
          + ClosedFormSubject.LINEAR_AUTOENCODER_HELP + " or a test function (" + String.join(", ", TestFunctions.names())
          + "; basin objectives list shows their parameters)");
    }
    TestFunction f = TestFunctions.parse(text.trim());
    double[] lower = f.lower();
    double[] upper = f.upper();
    String t = init == null ? "default" : init.trim().toLowerCase(Locale.ROOT);
    ClosedFormSubject.StartDistribution starts;
    if (t.equals("default") || t.equals("uniform")) {
      starts = seed -> {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[lower.length];
        for (int i = 0; i < w.length; i++) w[i] = lower[i] + (upper[i] - lower[i]) * random.nextDouble();
        return w;
      };
    } else if (t.startsWith("normal:")) {
      double s;
      try {
        s = Double.parseDouble(t.substring("normal:".length()));
      } catch (NumberFormatException e) {
        throw new InputException("spec field init is " + init + ", expected default (uniform in the box), uniform or normal:S with S > 0");
      }
      if (!(s > 0 && Double.isFinite(s))) throw new InputException("spec field init is " + init + ", expected normal:S with S > 0");
      starts = seed -> {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[lower.length];
        for (int i = 0; i < w.length; i++) w[i] = 0.5 * (lower[i] + upper[i]) + s * basin.core.model.Initializer.gaussian(random);
        return w;
      };
    } else {
      throw new InputException("spec field init is " + init + ", expected default (uniform in the box), uniform or normal:S with S > 0");
    }
    String describe = f.spec() + " (" + f.dimension() + " parameters, starts uniform in its box)";
    return ClosedFormSubject.testFunction(describe, f, f.globalReference(), f.spec(), starts);
  }
}

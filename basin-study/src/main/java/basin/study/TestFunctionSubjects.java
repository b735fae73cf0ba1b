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
      // the closed forms' Gaussian draws (same parsing and stream), moved to the box centre
      ClosedFormSubject.StartDistribution gaussian = ClosedFormSubject.starts(init, lower.length, 1.0, "");
      starts = seed -> {
        double[] w = gaussian.draw(seed);
        for (int i = 0; i < w.length; i++) w[i] += 0.5 * (lower[i] + upper[i]);
        return w;
      };
    } else {
      throw new InputException("spec field init is " + init + ", expected default (uniform in the box), uniform or normal:S with S > 0");
    }
    String describe = f.spec() + " (" + f.dimension() + " parameters, starts uniform in its box)";
    return ClosedFormSubject.testFunction(describe, f, f.globalReference(), f.spec(), starts);
  }
}

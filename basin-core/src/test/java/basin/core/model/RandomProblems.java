package basin.core.model;

import basin.core.data.Dataset;
import java.util.SplittableRandom;

/**
 * Seeded random architectures, data sets and parameter points for derivative tests (public for the
 * tests of later modules, through basin-core's test-jar).
 */
public final class RandomProblems {
  private RandomProblems() {}

  /** A random problem: architecture, loss, L2 and a small data set, all from {@code seed}. */
  public record Problem(long seed, Mlp model, Loss loss, double l2, Dataset data) {
    public MlpObjective objective() {
      return new MlpObjective(model, data, loss, l2);
    }

    @Override
    public String toString() {
      return "seed " + seed + ": " + model.describe() + ", " + loss.label() + ", l2=" + l2 + ", n=" + data.size();
    }
  }

  public static Problem problem(long seed, int examples) {
    SplittableRandom r = new SplittableRandom(seed);
    int hidden = r.nextInt(5); // 0..4 hidden layers
    Activation[] acts = Activation.values();
    Loss loss = Loss.values()[r.nextInt(Loss.values().length)];
    int inputs = 1 + r.nextInt(4);
    int outputs = loss == Loss.BINARY_LOGISTIC ? 1 : 2 + r.nextInt(2);
    int[] widths = new int[hidden + 2];
    widths[0] = inputs;
    for (int l = 1; l <= hidden; l++) widths[l] = 1 + r.nextInt(4);
    widths[hidden + 1] = outputs;
    Activation[] chosen = new Activation[hidden];
    for (int l = 0; l < hidden; l++) chosen[l] = acts[r.nextInt(acts.length)];
    boolean bias = r.nextBoolean();
    double l2 = r.nextBoolean() ? 0.0 : 0.05 + 0.1 * r.nextDouble();
    Mlp model = new Mlp(widths, chosen, bias);
    double[] x = new double[examples * inputs];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    Dataset data;
    if (loss == Loss.MSE && r.nextBoolean()) {
      double[] y = new double[examples * outputs];
      for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
      data = Dataset.regression("random", examples, inputs, x, outputs, y);
    } else {
      int classes = loss == Loss.BINARY_LOGISTIC ? 2 : outputs;
      int[] labels = new int[examples];
      for (int i = 0; i < examples; i++) labels[i] = r.nextInt(classes);
      data = Dataset.classification("random", examples, inputs, x, classes, labels);
    }
    return new Problem(seed, model, loss, l2, data);
  }

  /** A random parameter vector with entries of standard deviation {@code scale}. */
  public static double[] point(Mlp model, long seed, double scale) {
    return Initializer.normal(scale).initialize(model, seed);
  }
}

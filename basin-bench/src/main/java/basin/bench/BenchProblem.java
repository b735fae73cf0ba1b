package basin.bench;

import basin.core.data.Dataset;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.SplittableRandom;

/**
 * One benchmark problem: the data set, the objective (L2 = 0) and three parameter-space vectors,
 * all a pure function of (configuration, seed).
 *
 * <ul>
 *   <li>{@code w0}: Glorot-normal weights, biases N(0, 0.1^2) (non-zero so that the bias gradients
 *       are part of the Basin/PyTorch agreement check);
 *   <li>{@code w1}: w0 + 1e-3 N(0, I), a second point: benchmarks alternate w0 and w1 so that no
 *       call is served from {@link MlpObjective}'s cache of the last forward/backward pass;
 *   <li>{@code v}: a N(0, I) direction for Hessian-vector products.
 * </ul>
 *
 * @param config the configuration
 * @param model its architecture
 * @param data seeded Gaussian inputs, uniform random labels (cross-entropy) or N(0, 1) targets (MSE)
 * @param w0 first parameter vector (length P)
 * @param w1 second parameter vector (length P)
 * @param v direction (length P)
 */
public record BenchProblem(BenchConfig config, Mlp model, Dataset data, double[] w0, double[] w1, double[] v) {

  /** The seed used by the JMH benchmarks and by {@code bench/compare} unless told otherwise. */
  public static final long DEFAULT_SEED = 20240917L;

  /** Builds the problem; the random streams are split from (seed, config index) only. */
  public static BenchProblem create(BenchConfig config, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom stream = root.split();
    for (int i = 0; i < config.ordinal(); i++) {
      stream = root.split();
    }
    SplittableRandom inputRandom = stream.split();
    SplittableRandom labelRandom = stream.split();
    SplittableRandom weightRandom = stream.split();
    SplittableRandom perturbRandom = stream.split();
    SplittableRandom directionRandom = stream.split();

    Mlp model = config.model();
    int n = config.examples();
    int d = model.inputDim();
    int k = model.outputDim();
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(inputRandom);
    Dataset data;
    switch (config.loss()) {
      case MSE: {
        double[] y = new double[n * k];
        for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(labelRandom);
        data = Dataset.regression("bench-" + config, n, d, x, k, y);
        break;
      }
      case SOFTMAX_CROSS_ENTROPY: {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = labelRandom.nextInt(k);
        data = Dataset.classification("bench-" + config, n, d, x, k, labels);
        break;
      }
      default:
        throw new AssertionError(config.loss());
    }

    int p = model.parameterCount();
    double[] w0 = new double[p];
    Initializer.glorotNormal().initialize(model, weightRandom, w0);
    if (model.bias()) {
      for (int l = 1; l <= model.layerCount(); l++) {
        int off = model.biasOffset(l);
        for (int j = 0; j < model.width(l); j++) w0[off + j] = 0.1 * Initializer.gaussian(weightRandom);
      }
    }
    double[] w1 = new double[p];
    double[] v = new double[p];
    for (int i = 0; i < p; i++) {
      w1[i] = w0[i] + 1e-3 * Initializer.gaussian(perturbRandom);
      v[i] = Initializer.gaussian(directionRandom);
    }
    return new BenchProblem(config, model, data, w0, w1, v);
  }

  /** A fresh objective on this problem (L2 = 0: the benchmarks time the data term only). */
  public MlpObjective objective() {
    return new MlpObjective(model, data, config.loss(), 0.0);
  }

  /**
   * The start point of start {@code index} of the certified-minimum benchmark: Glorot-normal
   * weights from the seed 0x9E3779B97F4A7C15 (index + 1), the same on the Basin and the PyTorch side
   * (exported as {@code start_INDEX.f64}).
   */
  public double[] start(int index) {
    return Initializer.glorotNormal().initialize(model, 0x9E3779B97F4A7C15L * (index + 1));
  }

  /** Number of parameters P. */
  public int parameterCount() {
    return w0.length;
  }
}

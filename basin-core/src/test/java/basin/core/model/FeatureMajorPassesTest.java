package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feature-major passes against the row-major reference passes on seeded random architectures
 * (both forced, whatever {@link MlpObjective#FEATURE_MAJOR_MAX_LAYER_WEIGHTS} picks): 1 to 3 hidden layers of 1 to
 * 32 units, every activation and loss, bias and L2 on and off, 1 to 2000 examples (sizes on and off
 * the block boundaries). Value, gradient and Hessian-vector products, at fresh points and through
 * the cache (value, then gradient, then several products at the same point), agree to 1e-12
 * relative in max-norm. A failing case prints its seed; rerun it by seed.
 */
class FeatureMajorPassesTest {

  /**
   * The same sums in another order: round-off of sums over up to 2000 examples and 32 units,
   * ~1e-16 * sqrt(terms) relative, far below 1e-12.
   */
  static final double TOLERANCE = 1e-12;

  /** Example counts: tiny, around the block size 128 and its multiples, and large. */
  private static final int[] SIZES = {1, 2, 3, 5, 7, 8, 9, 31, 127, 128, 129, 255, 256, 257, 383, 500, 1000, 1001, 1999, 2000};

  static LongStream seeds() {
    return LongStream.range(0, 80);
  }

  record Case(Mlp model, Loss loss, double l2, Dataset data) {
    @Override
    public String toString() {
      return model.describe() + ", " + loss.label() + ", l2=" + l2 + ", n=" + data.size();
    }
  }

  static Case randomCase(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int hidden = 1 + r.nextInt(3);
    Loss loss = Loss.values()[r.nextInt(Loss.values().length)];
    int n = SIZES[r.nextInt(SIZES.length)];
    int[] widths = new int[hidden + 2];
    widths[0] = 1 + r.nextInt(32);
    for (int l = 1; l <= hidden; l++) widths[l] = 1 + r.nextInt(32);
    int outputs = loss == Loss.BINARY_LOGISTIC ? 1 : 1 + r.nextInt(loss == Loss.MSE ? 32 : 10);
    if (loss == Loss.SOFTMAX_CROSS_ENTROPY) outputs = Math.max(2, outputs);
    widths[hidden + 1] = outputs;
    Activation[] acts = new Activation[hidden];
    for (int l = 0; l < hidden; l++) acts[l] = Activation.values()[r.nextInt(Activation.values().length)];
    Mlp model = new Mlp(widths, acts, r.nextBoolean());
    double l2 = r.nextBoolean() ? 0.0 : 0.01 + 0.1 * r.nextDouble();
    double[] x = new double[n * widths[0]];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    Dataset data;
    if (loss == Loss.MSE && r.nextBoolean()) {
      double[] y = new double[n * outputs];
      for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
      data = Dataset.regression("random", n, widths[0], x, outputs, y);
    } else {
      int classes = loss == Loss.BINARY_LOGISTIC ? 2 : outputs;
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
      data = Dataset.classification("random", n, widths[0], x, classes, labels);
    }
    return new Case(model, loss, l2, data);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void featureMajorPassesMatchRowMajorPasses(long seed) {
    Case c = randomCase(seed);
    String where = "seed " + seed + ": " + c;
    MlpObjective fast = MlpObjective.withFeatureMajorPasses(c.model(), c.data(), c.loss(), c.l2(), true);
    MlpObjective reference = MlpObjective.withFeatureMajorPasses(c.model(), c.data(), c.loss(), c.l2(), false);
    assertTrue(fast.usesFeatureMajorPasses(), where);
    assertFalse(reference.usesFeatureMajorPasses(), where);
    int p = fast.dimension();
    double[] w1 = RandomProblems.point(c.model(), seed + 100, 0.7);
    double[] w2 = RandomProblems.point(c.model(), seed + 200, 0.7);
    double[] v = RandomProblems.point(c.model(), seed + 300, 1.0);
    double[] u = RandomProblems.point(c.model(), seed + 400, 1.0);
    double[] g = new double[p];
    double[] gRef = new double[p];
    double[] h = new double[p];
    double[] hRef = new double[p];

    // value alone, then gradient and products at the same point (the cached path)
    assertClose(reference.value(w1), fast.value(w1), where + " value");
    assertClose(reference.valueAndGradient(w1, gRef), fast.valueAndGradient(w1, g), where + " value with gradient");
    assertClose(gRef, g, where + " gradient");
    reference.hessianVectorProduct(w1, v, hRef);
    fast.hessianVectorProduct(w1, v, h);
    assertClose(hRef, h, where + " Hv at the cached point");
    reference.hessianVectorProduct(w1, u, hRef);
    fast.hessianVectorProduct(w1, u, h);
    assertClose(hRef, h, where + " Hu at the cached point");

    // a product at a fresh point, then the gradient there from the cache
    reference.hessianVectorProduct(w2, v, hRef);
    fast.hessianVectorProduct(w2, v, h);
    assertClose(hRef, h, where + " Hv at a fresh point");
    assertClose(reference.valueAndGradient(w2, gRef), fast.valueAndGradient(w2, g), where + " value at the second point");
    assertClose(gRef, g, where + " gradient at the second point");

    // the dense Hessian reads the row-major state, whatever the cache holds
    if (p <= 400) {
      double[] dense = new double[p * p];
      double[] denseRef = new double[p * p];
      fast.hessian(w2, dense);
      reference.hessian(w2, denseRef);
      assertClose(denseRef, dense, where + " dense Hessian");
      fast.hessianVectorProduct(w2, u, h);
      reference.hessianVectorProduct(w2, u, hRef);
      assertClose(hRef, h, where + " Hu after the dense Hessian");
    }
  }

  /**
   * Gradients and products are repeatable bit for bit (the passes' sums run in a fixed order), in
   * whichever order they are asked for.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void resultsAreRepeatable(long seed) {
    Case c = randomCase(seed);
    MlpObjective f = MlpObjective.withFeatureMajorPasses(c.model(), c.data(), c.loss(), c.l2(), true);
    MlpObjective copy = f.copy();
    assertTrue(copy.usesFeatureMajorPasses());
    double[] w = RandomProblems.point(c.model(), seed + 500, 0.7);
    double[] v = RandomProblems.point(c.model(), seed + 600, 1.0);
    double[] g1 = new double[f.dimension()];
    double[] g2 = new double[f.dimension()];
    double[] h1 = new double[f.dimension()];
    double[] h2 = new double[f.dimension()];
    assertEquals(f.valueAndGradient(w, g1), copy.valueAndGradient(w, g2));
    f.hessianVectorProduct(w, v, h1);
    copy.hessianVectorProduct(w, v, h2);
    assertTrue(Arrays.equals(g1, g2) && Arrays.equals(h1, h2), "seed " + seed + ": " + c);
    // product first, then the gradient from the deltas it left: the same bits as gradient first
    MlpObjective productFirst = f.copy();
    double[] g3 = new double[f.dimension()];
    double[] h3 = new double[f.dimension()];
    productFirst.hessianVectorProduct(w, v, h3);
    assertEquals(f.value(w), productFirst.valueAndGradient(w, g3));
    assertTrue(Arrays.equals(g1, g3) && Arrays.equals(h1, h3), "seed " + seed + ": " + c);
  }

  /** The automatic choice depends on the architecture only: config A of the benchmarks runs feature-major, B does not. */
  @org.junit.jupiter.api.Test
  void choiceFollowsTheArchitecture() {
    Case c = randomCase(3);
    assertTrue(FeatureMajorPasses.suits(Mlp.of(Activation.RELU, true, 10, 10, 1)));
    assertTrue(FeatureMajorPasses.suits(Mlp.of(Activation.TANH, false, 32, 8, 8, 2)));
    assertFalse(FeatureMajorPasses.suits(Mlp.of(Activation.TANH, true, 64, 32, 10)));
    assertFalse(FeatureMajorPasses.suits(Mlp.of(Activation.TANH, true, 20, 20, 10)));
    MlpObjective auto = new MlpObjective(c.model(), c.data(), c.loss(), c.l2());
    assertEquals(FeatureMajorPasses.suits(c.model()), auto.usesFeatureMajorPasses());
    assertEquals(auto.usesFeatureMajorPasses(), auto.copy().usesFeatureMajorPasses());
    assertEquals(auto.usesFeatureMajorPasses(), auto.withL2(0.5).usesFeatureMajorPasses());
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected), what + ": " + actual + " vs " + expected);
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    double diff = 0.0;
    double scale = 0.0;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(diff <= TOLERANCE * scale, what + ": max difference " + diff + " against max-norm " + scale);
  }
}

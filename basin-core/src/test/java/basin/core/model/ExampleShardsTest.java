package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Parallel;
import basin.core.data.Dataset;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Example sharding against the unsharded objective (same sums in another order: 1e-12 relative to
 * the largest entry), and thread-count invariance (the same bits on one thread and on many).
 */
class ExampleShardsTest {

  static final double TOLERANCE = 1e-12;

  @Test
  void shardCountDependsOnSizeOnly() {
    assertEquals(1, ExampleShards.shardCount(1000, 121)); // config A: not split
    assertEquals(2, ExampleShards.shardCount(1797, 2410)); // config B
    assertEquals(ExampleShards.MAX_SHARDS, ExampleShards.shardCount(10000, 269_322)); // config C
    assertEquals(1, ExampleShards.shardCount(100, 1_000_000)); // too few examples for two shards of 64
    assertEquals(3, ExampleShards.shardCount(200, 1_000_000));
  }

  static Dataset data(Loss loss, int n, int d, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    if (loss == Loss.MSE) {
      double[] y = new double[n * k];
      for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
      return Dataset.regression("shards", n, d, x, k, y);
    }
    int classes = loss == Loss.BINARY_LOGISTIC ? 2 : k;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
    return Dataset.classification("shards", n, d, x, classes, labels);
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) m = Math.max(m, Math.abs(x));
    return m;
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    double scale = Math.max(1e-300, maxAbs(expected));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE * scale, what + " entry " + i);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} n={3} shards={4}")
  @CsvSource({
      "'6,9,3', tanh, cross-entropy, 200, 2",
      "'6,9,3', relu, mse, 301, 3",
      "'5,8,8,1', softplus, logistic, 257, 4",
      "'4,7,2', sigmoid, mse, 130, 2",
      "'7,5,1', leaky-relu, mse, 99, 3"})
  void shardedSumsEqualTheUnshardedObjective(String widthList, String activation, String lossName, int n, int count) {
    String[] parts = widthList.split(",");
    int[] widths = new int[parts.length];
    for (int i = 0; i < parts.length; i++) widths[i] = Integer.parseInt(parts[i]);
    Mlp model = Mlp.of(Activation.parse(activation), true, widths);
    Loss loss = Loss.parse(lossName);
    Dataset data = data(loss, n, widths[0], model.outputDim(), widthList.hashCode());
    MlpObjective whole = MlpObjective.unsharded(model, data, loss, 0.0);
    ExampleShards shards = new ExampleShards(model, data, loss, count);
    int p = model.parameterCount();
    double[] w = Initializer.normal(0.5).initialize(model, 11);
    double[] v = Initializer.normal(1.0).initialize(model, 12);
    assertAgree(evaluator(whole), evaluator(shards), w, v, p);
  }

  /** An objective big enough to be sharded (64-32-10, n = 1800: two shards) agrees with the unsharded one, L2 included, dense Hessian too. */
  @Test
  void largeObjectivesAreShardedTransparently() {
    Mlp model = Mlp.of(Activation.TANH, true, 64, 32, 10);
    Dataset data = data(Loss.SOFTMAX_CROSS_ENTROPY, 1800, 64, 10, 5);
    MlpObjective sharded = new MlpObjective(model, data, Loss.SOFTMAX_CROSS_ENTROPY, 1e-3);
    MlpObjective whole = MlpObjective.unsharded(model, data, Loss.SOFTMAX_CROSS_ENTROPY, 1e-3);
    assertEquals(2, sharded.shardCount());
    assertEquals(1, whole.shardCount());
    int p = model.parameterCount();
    double[] w = Initializer.glorotNormal().initialize(model, 3);
    double[] v = Initializer.normal(1.0).initialize(model, 4);
    assertAgree(evaluator(whole), evaluator(sharded), w, v, p);
  }

  /** The four operations, so that a whole objective and bare shards go through the same checks. */
  private interface Evaluator {
    double value(double[] w);

    double valueAndGradient(double[] w, double[] g);

    void hessianVectorProduct(double[] w, double[] v, double[] out);

    void hessian(double[] w, double[] h);
  }

  private static Evaluator evaluator(MlpObjective f) {
    return new Evaluator() {
      public double value(double[] w) { return f.value(w); }
      public double valueAndGradient(double[] w, double[] g) { return f.valueAndGradient(w, g); }
      public void hessianVectorProduct(double[] w, double[] v, double[] out) { f.hessianVectorProduct(w, v, out); }
      public void hessian(double[] w, double[] h) { f.hessian(w, h); }
    };
  }

  private static Evaluator evaluator(ExampleShards f) {
    return new Evaluator() {
      public double value(double[] w) { return f.value(w); }
      public double valueAndGradient(double[] w, double[] g) { return f.valueAndGradient(w, g); }
      public void hessianVectorProduct(double[] w, double[] v, double[] out) { f.hessianVectorProduct(w, v, out); }
      public void hessian(double[] w, double[] h) { f.hessian(w, h); }
    };
  }

  /** Value (both ways), gradient, Hessian-vector product and dense Hessian agree to TOLERANCE. */
  private static void assertAgree(Evaluator expected, Evaluator actual, double[] w, double[] v, int p) {
    double[] g = new double[p];
    double[] ga = new double[p];
    double value = expected.valueAndGradient(w, g);
    assertEquals(value, actual.valueAndGradient(w, ga), TOLERANCE * Math.abs(value));
    assertEquals(value, actual.value(w), TOLERANCE * Math.abs(value));
    assertClose(g, ga, "gradient");
    double[] hv = new double[p];
    double[] hva = new double[p];
    expected.hessianVectorProduct(w, v, hv);
    actual.hessianVectorProduct(w, v, hva);
    assertClose(hv, hva, "Hessian-vector product");
    double[] h = new double[p * p];
    double[] ha = new double[p * p];
    expected.hessian(w, h);
    actual.hessian(w, ha);
    assertClose(h, ha, "Hessian");
  }

  /** One thread or many: the same bits (the shard count and the order of the sums do not depend on threads). */
  @Test
  void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
    Mlp model = Mlp.of(Activation.RELU, true, 30, 40, 40, 5);
    Dataset data = data(Loss.SOFTMAX_CROSS_ENTROPY, 1500, 30, 5, 9);
    int p = model.parameterCount();
    double[] w = Initializer.glorotNormal().initialize(model, 1);
    double[] v = Initializer.normal(1.0).initialize(model, 2);
    double[][] parallel = run(model, data, w, v);
    AtomicReference<double[][]> sequential = new AtomicReference<>();
    Thread t = new Thread(() -> {
      Parallel.sequentialInThisThread();
      assertTrue(!Parallel.isParallelHere());
      sequential.set(run(model, data, w, v));
    });
    t.start();
    t.join();
    assertTrue(new MlpObjective(model, data, Loss.SOFTMAX_CROSS_ENTROPY, 0.0).shardCount() > 1);
    assertTrue(ExampleShards.PARALLEL, "shards run on several threads here (surefire sets OPENBLAS_NUM_THREADS=1)");
    for (int i = 0; i < parallel.length; i++) {
      assertArrayEquals(parallel[i], sequential.get()[i], 0.0, "result " + i);
    }
    assertEquals(p, parallel[1].length);
  }

  private static double[][] run(Mlp model, Dataset data, double[] w, double[] v) {
    MlpObjective f = new MlpObjective(model, data, Loss.SOFTMAX_CROSS_ENTROPY, 0.0);
    int p = model.parameterCount();
    double[] g = new double[p];
    double value = f.valueAndGradient(w, g);
    double[] hv = new double[p];
    f.hessianVectorProduct(w, v, hv);
    return new double[][] {{value}, g, hv};
  }
}

package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import basin.core.Objective;
import basin.core.data.Dataset;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked dense Hessian (many directions per matrix product, lower-layer blocks by symmetry)
 * against the reference: one exact Hessian-vector product per unit vector. Models are large enough
 * that the products go through BLAS and the direction blocks hold many directions.
 */
@org.junit.jupiter.api.Tag("slow")
class DenseHessianTest {

  /** Same sums in a different order: 1e-11 relative to the largest entry. */
  static final double TOLERANCE = 1e-11;

  @ParameterizedTest(name = "{0} {1} {2} bias={3}")
  @CsvSource({
      "'12,40,30,5', tanh, cross-entropy, true",
      "'12,40,30,1', softplus, logistic, false",
      "'20,50,3', relu, mse, true",
      "'8,16,16,16,4', sigmoid, mse, true",
      "'30,4', linear, cross-entropy, true",
      "'12,40,1', tanh, mse, true",
      "'12,40,1', softplus, logistic, false",
      "'20,50,1', relu, mse, true",
      "'5,7,1', sigmoid, logistic, true",
      "'6,9,1', leaky-relu, logistic, true",
      "'12,30,4', tanh, cross-entropy, true",
      "'9,11,3', softplus, mse, false",
      "'7,13,2', sigmoid, cross-entropy, false"})
  void blockedHessianEqualsHessianVectorProducts(String widthList, String activation, String lossName, boolean bias) {
    checkAgainstHessianVectorProducts(widthList, activation, lossName, bias);
  }

  /**
   * One hidden layer with k outputs under pair budgets that force each way of forming the hidden
   * block: all 150 examples in one product; chunks of budget / in-pairs examples accumulated (when
   * R, h(h+1)/2 x in(in+1)/2, fits but Y for all examples does not: 2, 3 and 10 chunks); unit by
   * unit (R one entry over the budget).
   */
  @ParameterizedTest(name = "{0} {1} {2} bias={3} budget={4}")
  @CsvSource({
      "'12,30,4', tanh, cross-entropy, true, 8000000",
      "'12,30,4', tanh, cross-entropy, true, 42314",
      "'9,11,3', softplus, mse, false, 4000",
      "'9,11,3', softplus, mse, false, 2970",
      "'9,11,3', softplus, mse, false, 2969",
      "'12,5,4', tanh, cross-entropy, true, 1365",
      "'12,5,4', sigmoid, mse, false, 1170"})
  void hiddenBlockUnderEveryPairBudget(String widthList, String activation, String lossName, boolean bias, long budget) {
    String old = System.getProperty(DenseHessian.PAIR_BUDGET_PROPERTY);
    System.setProperty(DenseHessian.PAIR_BUDGET_PROPERTY, Long.toString(budget));
    try {
      checkAgainstHessianVectorProducts(widthList, activation, lossName, bias);
    } finally {
      if (old == null) System.clearProperty(DenseHessian.PAIR_BUDGET_PROPERTY);
      else System.setProperty(DenseHessian.PAIR_BUDGET_PROPERTY, old);
    }
  }

  private static void checkAgainstHessianVectorProducts(String widthList, String activation, String lossName, boolean bias) {
    String[] parts = widthList.split(",");
    int[] widths = new int[parts.length];
    for (int i = 0; i < parts.length; i++) widths[i] = Integer.parseInt(parts[i]);
    Mlp model = Mlp.of(Activation.parse(activation), bias, widths);
    Loss loss = Loss.parse(lossName);
    SplittableRandom r = new SplittableRandom(widthList.hashCode());
    int n = 150;
    double[] x = new double[n * widths[0]];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    int k = model.outputDim();
    int classes = loss == Loss.BINARY_LOGISTIC ? 2 : k;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
    Dataset data;
    if (loss == Loss.MSE && k == 1) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) y[i] = Initializer.gaussian(r);
      data = Dataset.regression("h", n, widths[0], x, 1, y);
    } else {
      data = Dataset.classification("h", n, widths[0], x, classes, labels);
    }
    MlpObjective f = new MlpObjective(model, data, loss, 0.01);
    double[] w = Initializer.normal(0.5).initialize(model, 7);
    int p = f.dimension();
    double[] fast = new double[p * p];
    f.hessian(w, fast);
    double[] reference = new double[p * p];
    Objective viaHvp = new Objective() {
      public int dimension() { return p; }
      public double value(double[] w) { return f.value(w); }
      public double valueAndGradient(double[] w, double[] g) { return f.valueAndGradient(w, g); }
      public void hessianVectorProduct(double[] w, double[] v, double[] out) { f.hessianVectorProduct(w, v, out); }
      public Objective copy() { return this; }
    };
    viaHvp.hessian(w, reference);
    double scale = 0;
    for (double v : reference) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < p * p; i++) {
      assertEquals(reference[i], fast[i], TOLERANCE * scale, "entry (" + (i / p) + ", " + (i % p) + ") of " + p + "x" + p);
      assertEquals(fast[(i % p) * p + i / p], fast[i], 0.0, "symmetry");
    }
  }
}

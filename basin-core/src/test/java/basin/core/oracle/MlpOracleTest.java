package basin.core.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Lbfgs;
import basin.core.optim.NewtonTrustRegion;
import basin.core.optim.OptimizationResult;
import basin.core.optim.OptimizerChain;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Problems whose optimum is known independently of Basin: least squares (solved by EJML's
 * normal-equation solver), deep linear networks (global minimum = least squares, Kawaguchi 2016),
 * L2-regularized logistic regression (strictly convex: one minimum), and the polishing guarantee
 * of the second-order method on a neural-network minimum.
 */
class MlpOracleTest {

  private static final OptimizerChain POLISH = OptimizerChain.of(
      new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-9).withMaxIterations(20_000)),
      new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(1e-11)));

  /** Inputs with a column of ones appended, and regression targets with noise. */
  private static Dataset regressionData(long seed, int n, int d, int k) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    double[] beta = new double[d * k];
    for (int i = 0; i < beta.length; i++) beta[i] = Initializer.gaussian(r);
    double[] y = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double s = 0.3 * c;
        for (int j = 0; j < d; j++) s += x[i * d + j] * beta[j * k + c];
        y[i * k + c] = s + 0.5 * Initializer.gaussian(r);
      }
    }
    return Dataset.regression("ls", n, d, x, k, y);
  }

  /** The least-squares coefficients (d + bias rows) x k by EJML: solve (A^T A) B = A^T Y with A = [X, 1]. */
  private static DMatrixRMaj leastSquares(Dataset data, boolean bias) {
    int n = data.size();
    int d = data.inputDim();
    int cols = bias ? d + 1 : d;
    DMatrixRMaj a = new DMatrixRMaj(n, cols);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) a.set(i, j, data.inputs()[i * d + j]);
      if (bias) a.set(i, d, 1.0);
    }
    DMatrixRMaj y = new DMatrixRMaj(n, data.targetDim(), true, data.targets());
    DMatrixRMaj ata = new DMatrixRMaj(cols, cols);
    CommonOps_DDRM.multTransA(a, a, ata);
    DMatrixRMaj aty = new DMatrixRMaj(cols, data.targetDim());
    CommonOps_DDRM.multTransA(a, y, aty);
    DMatrixRMaj b = new DMatrixRMaj(cols, data.targetDim());
    assertTrue(CommonOps_DDRM.solve(ata, aty, b));
    return b;
  }

  /** Linear regression (no hidden layer, MSE): the optimum is the least-squares solution to 1e-8. */
  @Test
  void linearRegressionReachesLeastSquares() {
    Dataset data = regressionData(11, 300, 6, 2);
    Mlp model = Mlp.of(Activation.LINEAR, true, 6, 2);
    MlpObjective f = new MlpObjective(model, data, Loss.MSE, 0.0);
    OptimizationResult r = POLISH.minimize(f, Initializer.glorotNormal().initialize(model, 1));
    assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
    DMatrixRMaj b = leastSquares(data, true);
    double[] w = r.point();
    for (int c = 0; c < 2; c++) {
      for (int j = 0; j < 6; j++) assertEquals(b.get(j, c), w[model.weightOffset(1) + c * 6 + j], 1e-8, "weight " + c + "," + j);
      assertEquals(b.get(6, c), w[model.biasOffset(1) + c], 1e-8, "bias " + c);
    }
  }

  /**
   * A deep linear network (3 layers, no bias, widths >= outputs) from random starts: its end-to-end
   * map W3 W2 W1 equals the least-squares solution (1e-6: the minimum is degenerate along the
   * GL symmetry, so parameters are only determined up to it) and its loss equals the least-squares
   * loss to 1e-12 relative.
   */
  @ParameterizedTest(name = "start {0}")
  @ValueSource(longs = {1, 2, 3})
  void deepLinearNetworkReachesLeastSquares(long start) {
    Dataset data = regressionData(12, 200, 5, 2);
    Mlp model = Mlp.of(Activation.LINEAR, false, 5, 4, 3, 2);
    MlpObjective f = new MlpObjective(model, data, Loss.MSE, 0.0);
    OptimizationResult r = POLISH.minimize(f, Initializer.glorotNormal().initialize(model, start));
    assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
    double[] w = r.point();
    DMatrixRMaj w1 = new DMatrixRMaj(4, 5);
    DMatrixRMaj w2 = new DMatrixRMaj(3, 4);
    DMatrixRMaj w3 = new DMatrixRMaj(2, 3);
    System.arraycopy(w, model.weightOffset(1), w1.data, 0, 20);
    System.arraycopy(w, model.weightOffset(2), w2.data, 0, 12);
    System.arraycopy(w, model.weightOffset(3), w3.data, 0, 6);
    DMatrixRMaj w21 = new DMatrixRMaj(3, 5);
    CommonOps_DDRM.mult(w2, w1, w21);
    DMatrixRMaj product = new DMatrixRMaj(2, 5);
    CommonOps_DDRM.mult(w3, w21, product);
    DMatrixRMaj b = leastSquares(data, false);
    for (int c = 0; c < 2; c++) {
      for (int j = 0; j < 5; j++) assertEquals(b.get(j, c), product.get(c, j), 1e-6, "end-to-end " + c + "," + j);
    }
    double[] lsWeights = new double[10];
    for (int c = 0; c < 2; c++) for (int j = 0; j < 5; j++) lsWeights[c * 5 + j] = b.get(j, c);
    double lsLoss = new MlpObjective(Mlp.of(Activation.LINEAR, false, 5, 2), data, Loss.MSE, 0.0).value(lsWeights);
    assertEquals(lsLoss, r.value(), 1e-12 * lsLoss);
  }

  /** L2-regularized logistic regression is strictly convex: five random starts reach one point (1e-8). */
  @Test
  void logisticRegressionReachesTheSameOptimumFromEveryStart() {
    SplittableRandom rnd = new SplittableRandom(13);
    int n = 400;
    int d = 4;
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = Initializer.gaussian(rnd);
        s += (j + 1) * 0.5 * x[i * d + j];
      }
      labels[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0; // noisy labels: not separable
    }
    Dataset data = Dataset.classification("logit", n, d, x, 2, labels);
    Mlp model = Mlp.of(Activation.LINEAR, true, d, 1);
    MlpObjective f = new MlpObjective(model, data, Loss.BINARY_LOGISTIC, 1e-3);
    double[] first = null;
    for (long start = 0; start < 5; start++) {
      OptimizationResult r = POLISH.minimize(f, Initializer.normal(3.0).initialize(model, start));
      assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
      if (first == null) {
        first = r.point();
      } else {
        for (int i = 0; i < first.length; i++) assertEquals(first[i], r.point()[i], 1e-8, "start " + start + ", parameter " + i);
      }
    }
  }

  /** A tanh network's minimum: L-BFGS then Newton trust region reach a gradient norm <= 1e-10. */
  @ParameterizedTest(name = "start {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void secondOrderPolishReachesTinyGradientOnANetwork(long start) {
    Dataset data = regressionData(14, 60, 2, 1);
    Mlp model = Mlp.of(Activation.TANH, true, 2, 5, 1);
    MlpObjective f = new MlpObjective(model, data, Loss.MSE, 1e-4);
    OptimizationResult r = POLISH.minimize(f, Initializer.glorotNormal().initialize(model, start));
    assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= 1e-10, r.toString());
  }
}

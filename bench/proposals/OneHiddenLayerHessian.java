/*
 * PROPOSAL (not part of the build): the exact dense Hessian of a one-hidden-layer MLP with MSE loss
 * as a Gauss-Newton term from per-example Jacobians (one P x P product) plus the closed-form
 * residual term, instead of MlpObjective's block R-operator recursion. Shows that configuration A
 * (10-10-1 ReLU, n = 1000, P = 121) can meet "A dense Hessian <= 0.05 x PyTorch" (~1.2 ms).
 *
 * Run (after bench/compare or mvn -f basin-bench/pom.xml package built the jar):
 *   java -cp basin-bench/target/basin-benchmarks.jar bench/proposals/OneHiddenLayerHessian.java
 * It checks the result against MlpObjective.hessian (relative max-norm error) and times both.
 *
 * Formulas (f_i = W2 sigma(W1 x_i + b1) + b2, L = (1/(n k)) sum_i ||f_i - y_i||^2, r_i = f_i - y_i,
 * s_ij = sigma'(z_ij), t_ij = sigma''(z_ij)):
 *   H = (2/(n k)) G^T G + R, G the (n k) x P matrix of the rows J_ic = d f_ic / d w:
 *     d f_ic / d W1[j,l] = W2[c,j] s_ij x_il   d f_ic / d b1[j] = W2[c,j] s_ij
 *     d f_ic / d W2[c,j] = a_ij                d f_ic / d b2[c] = 1
 *   R = (2/(n k)) sum_i sum_c r_ic Hess_w f_ic, whose only non-zero entries are
 *     R[W2[c,j], W1[j,l]] = (2/(n k)) sum_i r_ic s_ij x_il      R[W2[c,j], b1[j]] = (2/(n k)) sum_i r_ic s_ij
 *     R[W1[j,l], W1[j,l']] = (2/(n k)) sum_i (sum_c r_ic W2[c,j]) t_ij x_il x_il'  (and b1 with x = 1;
 *     zero for ReLU: the within-layer blocks vanish for piecewise-linear activations)
 * Cost: n k P^2 multiply-adds for G^T G (one BLAS-3 product; DSYRK would halve it) + n k h d for R.
 * For deeper networks the same split holds (GGN from per-example Jacobians + residual); the residual
 * couples every pair of layers, so for them the better first step is blocking MlpObjective.hessian
 * over examples so its buffers stay in cache (see bench/proposals/README.md).
 */
import basin.bench.BenchConfig;
import basin.bench.BenchProblem;
import basin.core.linalg.Gemm;
import basin.core.model.Activation;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;

public class OneHiddenLayerHessian {

  /** H (P x P, row-major, overwritten) of the MSE loss of a one-hidden-layer MLP with biases; ReLU only. */
  static void hessian(Mlp model, double[] x, double[] y, int n, double[] w, double[] h, double[] g, double[] z) {
    int d = model.width(0), hid = model.width(1), k = model.width(2);
    int p = model.parameterCount();
    int w1 = model.weightOffset(1), b1 = model.biasOffset(1), w2 = model.weightOffset(2), b2 = model.biasOffset(2);
    if (model.activation(1) != Activation.RELU) throw new IllegalArgumentException("prototype handles ReLU only");
    double scale = 2.0 / ((double) n * k);
    // forward: z = x W1^T + b1 (n x hid), a = relu(z) kept in z, s = 1[z > 0]
    Gemm.gemm(false, true, n, hid, d, 1.0, x, 0, w, w1, 0.0, z, 0);
    java.util.Arrays.fill(g, 0, n * k * p, 0.0);
    double[] r = new double[n * k];
    double[] cross = new double[k * hid * (d + 1)];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < hid; j++) {
        double v = z[i * hid + j] + w[b1 + j];
        z[i * hid + j] = v > 0 ? v : 0.0;
      }
      for (int c = 0; c < k; c++) {
        double f = w[b2 + c];
        for (int j = 0; j < hid; j++) f += w[w2 + c * hid + j] * z[i * hid + j];
        r[i * k + c] = f - y[i * k + c];
      }
      // the Jacobian rows J_ic and the residual cross block
      for (int c = 0; c < k; c++) {
        int row = (i * k + c) * p;
        double ric = scale * r[i * k + c];
        for (int j = 0; j < hid; j++) {
          if (z[i * hid + j] <= 0) continue;
          double wcj = w[w2 + c * hid + j];
          int rowW1 = row + w1 + j * d;
          int cr = (c * hid + j) * (d + 1);
          for (int l = 0; l < d; l++) {
            g[rowW1 + l] = wcj * x[i * d + l];
            cross[cr + l] += ric * x[i * d + l];
          }
          g[row + b1 + j] = wcj;
          cross[cr + d] += ric;
        }
        for (int j = 0; j < hid; j++) g[row + w2 + c * hid + j] = z[i * hid + j];
        g[row + b2 + c] = 1.0;
      }
    }
    // H = scale G^T G + R
    Gemm.gemm(true, false, p, p, n * k, scale, g, 0, g, 0, 0.0, h, 0);
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < hid; j++) {
        int cr = (c * hid + j) * (d + 1);
        int pw2 = w2 + c * hid + j;
        for (int l = 0; l <= d; l++) {
          int q = l < d ? w1 + j * d + l : b1 + j;
          h[pw2 * p + q] += cross[cr + l];
          h[q * p + pw2] += cross[cr + l];
        }
      }
    }
  }

  public static void main(String[] args) {
    BenchProblem problem = BenchProblem.create(BenchConfig.A, BenchProblem.DEFAULT_SEED);
    Mlp model = problem.model();
    int n = problem.data().size(), p = problem.parameterCount(), k = model.outputDim();
    double[] h = new double[p * p], ref = new double[p * p];
    double[] g = new double[n * k * p], z = new double[n * model.width(1)];
    MlpObjective objective = problem.objective();
    objective.hessian(problem.w0(), ref);
    hessian(model, problem.data().inputs(), problem.data().targets(), n, problem.w0(), h, g, z);
    double err = 0, max = 0;
    for (int i = 0; i < p * p; i++) {
      err = Math.max(err, Math.abs(h[i] - ref[i]));
      max = Math.max(max, Math.abs(ref[i]));
    }
    System.out.printf("relative max-norm difference to MlpObjective.hessian: %.2e%n", err / max);
    double[][] points = {problem.w0(), problem.w1()};
    for (int round = 0; round < 3; round++) {
      int reps = 200;
      long t0 = System.nanoTime();
      for (int it = 0; it < reps; it++) hessian(model, problem.data().inputs(), problem.data().targets(), n, points[it & 1], h, g, z);
      double proto = (System.nanoTime() - t0) / 1e6 / reps;
      t0 = System.nanoTime();
      for (int it = 0; it < reps / 10; it++) objective.hessian(points[it & 1], ref);
      double current = (System.nanoTime() - t0) / 1e6 / (reps / 10);
      System.out.printf("round %d: proposal %.3f ms, MlpObjective.hessian %.3f ms%n", round, proto, current);
    }
  }
}

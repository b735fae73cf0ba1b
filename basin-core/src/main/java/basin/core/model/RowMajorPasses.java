package basin.core.model;

import basin.core.data.Dataset;
import basin.core.linalg.Gemm;
import java.util.Arrays;

/**
 * The row-major passes of {@link MlpObjective}: forward pass, loss, backpropagation and the
 * R-operator on a {@link RowMajorWorkspace} (the full data set or a gathered minibatch), each step
 * one matrix product through {@link Gemm} over m examples. With z_l = a_{l-1} W_l^T + b_l,
 * a_l = sigma(z_l), delta_l = dL/dz_l and g_l = delta_{l+1} W_{l+1}:
 * <pre>
 *   gradient      dL/dW_l = delta_l^T a_{l-1},  dL/db_l = column sums of delta_l,  delta_{l-1} = g_{l-1} * sigma'(z_{l-1})
 *   R-operator    R z_l = R a_{l-1} W_l^T + a_{l-1} V_l^T + c_l,  R a_l = sigma'(z_l) * R z_l,  R delta_L = (d^2 loss/df^2) R z_L
 *                 R gW_l = R delta_l^T a_{l-1} + delta_l^T R a_{l-1},  R gb_l = column sums of R delta_l
 *                 R delta_{l-1} = (R delta_l W_l + delta_l V_l) * sigma'(z_{l-1}) + g_{l-1} * sigma''(z_{l-1}) * R z_{l-1}
 * </pre>
 * Cost: the forward pass m P multiply-adds, the backward pass 2 m P, a Hessian-vector product
 * about 2 gradients (forward and backward reused). Everything here is the data term (mean loss
 * over the workspace's examples, no L2): the facade adds the regularizer. The methods modify the
 * workspace they are given (and the output array named on each); the full-data and minibatch
 * workspaces are owned here and allocated on first use. No allocation per call after that.
 */
final class RowMajorPasses {

  private final Mlp model;
  private final Dataset data;
  private final Loss loss;
  private final double[] targets;
  private final int layers;
  private final int[] widths;
  private final int outputs;

  private RowMajorWorkspace full;
  private RowMajorWorkspace batch;

  /** @param targets the n x k mse targets (regression or one-hot), else null (not copied) */
  RowMajorPasses(Mlp model, Dataset data, Loss loss, double[] targets) {
    this.model = model;
    this.data = data;
    this.loss = loss;
    this.targets = targets;
    this.layers = model.layerCount();
    this.widths = model.widths();
    this.outputs = model.outputDim();
  }

  /** The workspace over the full data set (allocated on first use). */
  RowMajorWorkspace full() {
    if (full == null) {
      full = new RowMajorWorkspace(model, data, targets, data.size(), false);
    }
    return full;
  }

  /** The minibatch workspace holding examples idx[0 .. count-1] (grown when count exceeds its capacity). */
  RowMajorWorkspace batch(int[] idx, int count) {
    if (batch == null || batch.capacity < count) {
      batch = new RowMajorWorkspace(model, data, targets, count, true);
    }
    batch.gather(idx, count);
    return batch;
  }

  /** z_l, sigma(z_l) and sigma'(z_l) of every layer at w; the outputs z_L into ws.out. Modifies ws. */
  void forward(double[] w, RowMajorWorkspace ws) {
    int m = ws.m;
    for (int l = 1; l <= layers; l++) {
      int in = widths[l - 1];
      int o = widths[l];
      double[] input = l == 1 ? ws.x : ws.a[l - 1];
      double[] z = l == layers ? ws.out : ws.a[l];
      Gemm.gemm(false, true, m, o, in, 1.0, input, 0, w, model.weightOffset(l), 0.0, z, 0);
      if (model.bias()) {
        addRowVector(z, m, o, w, model.biasOffset(l));
      }
      if (l < layers) {
        model.activation(l).forward(z, z, ws.d1[l], null, m * o);
      }
    }
  }

  /**
   * Mean loss over the m rows of the workspace; when {@code withDelta}, writes delta_L = d(mean
   * loss)/d f to g[L] and keeps what the loss Hessian needs (softmax probabilities or sigmoids).
   */
  double lossAndDelta(RowMajorWorkspace ws, boolean withDelta) {
    return LossDerivatives.lossAndDelta(loss, ws.m, outputs, ws.out, ws.targets, ws.labels, ws.g[layers], ws.aux, withDelta);
  }

  /** out = (d^2 mean loss / df^2) rf, row (i, d) of rf belonging to example i. Modifies out. */
  void lossHessianTimes(RowMajorWorkspace ws, double[] rf, double[] out, int dirs) {
    LossDerivatives.lossHessianTimes(loss, ws.m, outputs, ws.aux, rf, out, dirs);
  }

  /**
   * Backpropagation after {@link #forward} and {@link #lossAndDelta}(true): the gradient of the
   * mean loss (no L2) into {@code gradient}, delta_l and g_l of every layer into ws.
   */
  void backward(double[] w, RowMajorWorkspace ws, double[] gradient) {
    int m = ws.m;
    for (int l = layers; l >= 1; l--) {
      int in = widths[l - 1];
      int o = widths[l];
      double[] input = l == 1 ? ws.x : ws.a[l - 1];
      int wo = model.weightOffset(l);
      Gemm.gemm(true, false, o, in, m, 1.0, ws.g[l], 0, input, 0, 0.0, gradient, wo);
      if (model.bias()) {
        columnSums(ws.g[l], m, o, gradient, model.biasOffset(l));
      }
      if (l > 1) {
        double[] gp = ws.gp[l - 1];
        Gemm.gemm(false, false, m, in, o, 1.0, ws.g[l], 0, w, wo, 0.0, gp, 0);
        double[] d1 = ws.d1[l - 1];
        double[] g = ws.g[l - 1];
        for (int i = 0, len = m * in; i < len; i++) g[i] = gp[i] * d1[i];
      }
    }
  }

  /** sigma'' of every hidden layer into ws.d2, from the stored sigma and sigma' (after {@link #forward}; full data only). */
  void secondDerivatives(RowMajorWorkspace ws) {
    for (int l = 1; l < layers; l++) {
      model.activation(l).secondDerivative(ws.a[l], ws.d1[l], ws.d2[l], ws.m * widths[l]);
    }
  }

  /**
   * The Hessian of the mean loss (no L2) times v, into {@code result}, by the R-operator: needs
   * {@link #forward}, {@link #lossAndDelta}(true), {@link #backward} and
   * {@link #secondDerivatives} at w in ws. Modifies result and ws's R buffers.
   */
  void hessianVectorProduct(double[] w, double[] v, RowMajorWorkspace ws, double[] result) {
    ws.ensureR();
    int m = ws.m;
    // forward pass of directional derivatives
    for (int l = 1; l <= layers; l++) {
      int in = widths[l - 1];
      int o = widths[l];
      double[] input = l == 1 ? ws.x : ws.a[l - 1];
      double[] rz = ws.rz[l];
      Gemm.gemm(false, true, m, o, in, 1.0, input, 0, v, model.weightOffset(l), 0.0, rz, 0);
      if (l > 1) {
        Gemm.gemm(false, true, m, o, in, 1.0, ws.ra[l - 1], 0, w, model.weightOffset(l), 1.0, rz, 0);
      }
      if (model.bias()) {
        addRowVector(rz, m, o, v, model.biasOffset(l));
      }
      if (l < layers) {
        double[] d1 = ws.d1[l];
        double[] ra = ws.ra[l];
        for (int i = 0, len = m * o; i < len; i++) ra[i] = d1[i] * rz[i];
      }
    }
    lossHessianTimes(ws, ws.rz[layers], ws.rg[layers], 1);
    // backward pass of their adjoints
    for (int l = layers; l >= 1; l--) {
      int in = widths[l - 1];
      int o = widths[l];
      double[] input = l == 1 ? ws.x : ws.a[l - 1];
      int wo = model.weightOffset(l);
      Gemm.gemm(true, false, o, in, m, 1.0, ws.rg[l], 0, input, 0, 0.0, result, wo);
      if (l > 1) {
        Gemm.gemm(true, false, o, in, m, 1.0, ws.g[l], 0, ws.ra[l - 1], 0, 1.0, result, wo);
      }
      if (model.bias()) {
        columnSums(ws.rg[l], m, o, result, model.biasOffset(l));
      }
      if (l > 1) {
        double[] rgPrev = ws.rg[l - 1];
        Gemm.gemm(false, false, m, in, o, 1.0, ws.rg[l], 0, w, wo, 0.0, rgPrev, 0);
        Gemm.gemm(false, false, m, in, o, 1.0, ws.g[l], 0, v, wo, 1.0, rgPrev, 0);
        activationAdjoint(l - 1, ws, rgPrev, ws.rz[l - 1], 1);
      }
    }
  }

  /**
   * rg = rg * sigma'(z) + g * sigma''(z) * rz for hidden layer l, row i of d1, d2, g broadcast
   * over {@code dirs} directions (rows (i, d) of rg and rz); rz null means R z = 0 (no
   * second-order term). Modifies rg.
   */
  void activationAdjoint(int l, RowMajorWorkspace ws, double[] rg, double[] rz, int dirs) {
    int o = widths[l];
    int m = ws.m;
    double[] d1 = ws.d1[l];
    double[] d2 = ws.d2[l];
    double[] gp = ws.gp[l];
    boolean secondOrder = rz != null && !model.activation(l).isPiecewiseLinear();
    for (int i = 0; i < m; i++) {
      int row = i * o;
      for (int d = 0; d < dirs; d++) {
        int r = (i * dirs + d) * o;
        if (secondOrder) {
          for (int j = 0; j < o; j++) {
            rg[r + j] = rg[r + j] * d1[row + j] + gp[row + j] * d2[row + j] * rz[r + j];
          }
        } else {
          for (int j = 0; j < o; j++) {
            rg[r + j] *= d1[row + j];
          }
        }
      }
    }
  }

  private static void addRowVector(double[] z, int m, int o, double[] v, int off) {
    for (int i = 0; i < m; i++) {
      int r = i * o;
      for (int j = 0; j < o; j++) z[r + j] += v[off + j];
    }
  }

  private static void columnSums(double[] g, int m, int o, double[] out, int off) {
    Arrays.fill(out, off, off + o, 0.0);
    for (int i = 0; i < m; i++) {
      int r = i * o;
      for (int j = 0; j < o; j++) out[off + j] += g[r + j];
    }
  }
}

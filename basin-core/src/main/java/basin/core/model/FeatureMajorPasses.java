package basin.core.model;

import static basin.core.linalg.BlockedRows.affine;
import static basin.core.linalg.BlockedRows.crossProducts;
import static basin.core.linalg.BlockedRows.rowSums;

import basin.core.linalg.BlockedRows;

/**
 * The forward, backward and R-operator passes of {@link MlpObjective} on the full data set for
 * narrow networks, with every layer's values stored feature-major (units x examples, in
 * {@link BlockedRows}): the loops over the n examples are long and contiguous, which C2 turns into
 * vector instructions, while the row-major path's products (n x 10 times 10 x 10 and the like) are
 * dominated by the fixed cost of a BLAS call. Same formulas, same conventions (sigma' at a kink from
 * the left, biases, mean over examples) as the row-major path; the sums run in another order, so
 * results agree with it to round-off, not bit for bit. The loss and its derivatives are the
 * row-major path's own code ({@link LossDerivatives}), applied to the n x k outputs copied
 * row-major. Cost per call as for the row-major passes (n P multiply-adds forward, about 2 n P
 * backward, a Hessian-vector product about two gradients), without the BLAS calls' fixed cost.
 * Everything here is the data term (mean loss, no L2); the methods modify this object's buffers
 * only, and {@link #weightGradients} and {@link #hessianVectorProduct} their output array.
 *
 * <p>The examples are padded to whole blocks: the padding columns carry the network's values at
 * x = 0, but their deltas (and R-deltas) stay 0, since the loss derivative is written for the n
 * real examples only and backpropagation multiplies by it; so they add nothing to the sums over
 * examples that make the gradients (as long as the weights are finite: 0 * Inf is NaN, but then
 * the real examples' results are not finite either).
 *
 * <p>Buffers are allocated once, at construction (plus the R-operator's on first use).
 */
final class FeatureMajorPasses {

  private final Mlp model;
  private final Loss loss;
  private final int layers;
  private final int[] widths;
  private final int n;
  private final int k;
  private final double[] targets;
  private final int[] labels;
  private final int[] weightOffset;
  private final int[] biasOffset;

  private final double[][][] x;
  /** z_L (outputs) at index L, sigma(z_l) at hidden l. */
  private final double[][][][] a;
  private final double[][][][] d1;
  private final double[][][][] d2;
  /** delta_l = dL/dz_l. */
  private final double[][][][] g;
  /** g_l = delta_{l+1} W_{l+1} (before the product with sigma'). */
  private final double[][][][] gp;
  private double[][][][] rz;
  private double[][][][] ra;
  private double[][][][] rg;

  private final double[] f;
  private final double[] delta;
  /** Softmax probabilities or sigmoids of the outputs, as the row-major path keeps them. */
  private final double[] aux;
  private double[] rf;
  private double[] rdelta;
  private final double[] acc = new double[4 * BlockedRows.BLOCK];

  /**
   * @param inputs the n x d_0 inputs, row-major (copied, transposed)
   * @param targets n x k regression or one-hot targets for mse, else null (not copied)
   * @param labels class labels for the classification losses (not copied)
   */
  FeatureMajorPasses(Mlp model, Loss loss, int n, double[] inputs, double[] targets, int[] labels) {
    this.model = model;
    this.loss = loss;
    this.layers = model.layerCount();
    this.widths = model.widths();
    this.n = n;
    this.k = model.outputDim();
    this.targets = targets;
    this.labels = labels;
    weightOffset = new int[layers + 1];
    biasOffset = new int[layers + 1];
    for (int l = 1; l <= layers; l++) {
      weightOffset[l] = model.weightOffset(l);
      biasOffset[l] = model.bias() ? model.biasOffset(l) : 0;
    }
    x = BlockedRows.allocate(widths[0], n);
    BlockedRows.fromRowMajor(inputs, n, widths[0], x);
    a = new double[layers + 1][][][];
    d1 = new double[layers][][][];
    d2 = new double[layers][][][];
    g = new double[layers + 1][][][];
    gp = new double[layers][][][];
    for (int l = 1; l <= layers; l++) {
      a[l] = BlockedRows.allocate(widths[l], n);
      g[l] = BlockedRows.allocate(widths[l], n);
      if (l < layers) {
        d1[l] = BlockedRows.allocate(widths[l], n);
        gp[l] = BlockedRows.allocate(widths[l], n);
        if (!model.activation(l).isPiecewiseLinear()) d2[l] = BlockedRows.allocate(widths[l], n);
      }
    }
    f = new double[n * k];
    delta = new double[n * k];
    aux = new double[n * k];
  }

  /** Whether every layer of the model is small enough for these passes to beat the row-major ones. */
  static boolean suits(Mlp model) {
    for (int l = 1; l <= model.layerCount(); l++) {
      if ((long) model.width(l - 1) * model.width(l) > MlpObjective.FEATURE_MAJOR_MAX_LAYER_WEIGHTS) return false;
    }
    return true;
  }

  /** z_l and sigma(z_l), sigma'(z_l) of every layer at w. */
  void forward(double[] w) {
    for (int l = 1; l <= layers; l++) {
      int in = widths[l - 1];
      int o = widths[l];
      affine(o, in, w, weightOffset[l], in, 1, model.bias() ? w : null, biasOffset[l], input(l), a[l], false);
      if (l < layers) {
        Activation act = model.activation(l);
        for (int j = 0; j < o; j++) {
          double[][] zj = a[l][j];
          double[][] sj = d1[l][j];
          for (int b = 0; b < zj.length; b++) act.forward(zj[b], zj[b], sj[b], null, zj[b].length);
        }
      }
    }
  }

  /** The mean loss of the last {@link #forward}; with {@code withDelta}, also delta_L. */
  double lossAndDelta(boolean withDelta) {
    BlockedRows.toRowMajor(a[layers], n, k, f);
    double v = LossDerivatives.lossAndDelta(loss, n, k, f, targets, labels, delta, aux, withDelta);
    if (withDelta) BlockedRows.fromRowMajor(delta, n, k, g[layers]);
    return v;
  }

  /** delta_l of every layer (backpropagation without the weight gradients), after {@link #lossAndDelta}(true). */
  void backward(double[] w) {
    for (int l = layers; l > 1; l--) {
      affine(widths[l - 1], widths[l], w, weightOffset[l], 1, widths[l - 1], null, 0, g[l], gp[l - 1], false);
      multiply(gp[l - 1], d1[l - 1], g[l - 1]);
    }
  }

  /**
   * The gradient of the mean loss (no L2) into {@code gradient}, dL/dW_l = delta_l^T a_{l-1} and
   * dL/db_l = column sums of delta_l, after {@link #backward}.
   */
  void weightGradients(double[] gradient) {
    for (int l = layers; l >= 1; l--) {
      crossProducts(widths[l], widths[l - 1], g[l], input(l), null, null, gradient, weightOffset[l], acc);
      if (model.bias()) rowSums(widths[l], g[l], gradient, biasOffset[l], acc);
    }
  }

  /** sigma'' of every hidden layer from the stored sigma and sigma' (after {@link #forward}). */
  void secondDerivatives() {
    for (int l = 1; l < layers; l++) {
      if (d2[l] == null) continue;
      Activation act = model.activation(l);
      for (int j = 0; j < widths[l]; j++) {
        for (int b = 0; b < a[l][j].length; b++) {
          act.secondDerivative(a[l][j][b], d1[l][j][b], d2[l][j][b], a[l][j][b].length);
        }
      }
    }
  }

  /**
   * The Hessian of the mean loss (no L2) times v, into {@code result}, by the R-operator: needs
   * {@link #forward}, {@link #lossAndDelta}(true), {@link #backward} and {@link #secondDerivatives}
   * at w (not the weight gradients).
   */
  void hessianVectorProduct(double[] w, double[] v, double[] result) {
    ensureR();
    boolean bias = model.bias();
    for (int l = 1; l <= layers; l++) {
      int in = widths[l - 1];
      int o = widths[l];
      int wo = weightOffset[l];
      affine(o, in, v, wo, in, 1, bias ? v : null, biasOffset[l], input(l), rz[l], false);
      if (l > 1) affine(o, in, w, wo, in, 1, null, 0, ra[l - 1], rz[l], true);
      if (l < layers) multiply(d1[l], rz[l], ra[l]);
    }
    BlockedRows.toRowMajor(rz[layers], n, k, rf);
    LossDerivatives.lossHessianTimes(loss, n, k, aux, rf, rdelta, 1);
    BlockedRows.fromRowMajor(rdelta, n, k, rg[layers]);
    for (int l = layers; l >= 1; l--) {
      int in = widths[l - 1];
      int o = widths[l];
      int wo = weightOffset[l];
      crossProducts(o, in, rg[l], input(l), l > 1 ? g[l] : null, l > 1 ? ra[l - 1] : null, result, wo, acc);
      if (bias) rowSums(o, rg[l], result, biasOffset[l], acc);
      if (l > 1) {
        double[][][] rgPrev = rg[l - 1];
        affine(in, o, w, wo, 1, in, null, 0, rg[l], rgPrev, false);
        affine(in, o, v, wo, 1, in, null, 0, g[l], rgPrev, true);
        activationAdjoint(l - 1);
      }
    }
  }

  // rg = rg * sigma' + g * sigma'' * rz
  private void activationAdjoint(int l) {
    double[][][] r = rg[l];
    boolean secondOrder = d2[l] != null;
    for (int j = 0; j < widths[l]; j++) {
      for (int b = 0; b < r[j].length; b++) {
        double[] rb = r[j][b];
        double[] s1 = d1[l][j][b];
        if (secondOrder) {
          double[] s2 = d2[l][j][b];
          double[] gb = gp[l][j][b];
          double[] zb = rz[l][j][b];
          for (int q = 0; q < BlockedRows.BLOCK; q++) rb[q] = rb[q] * s1[q] + gb[q] * s2[q] * zb[q];
        } else {
          for (int q = 0; q < BlockedRows.BLOCK; q++) rb[q] *= s1[q];
        }
      }
    }
  }

  // out = p * q elementwise
  private static void multiply(double[][][] p, double[][][] q, double[][][] out) {
    for (int j = 0; j < out.length; j++) {
      for (int b = 0; b < out[j].length; b++) {
        double[] pb = p[j][b];
        double[] qb = q[j][b];
        double[] ob = out[j][b];
        for (int i = 0; i < BlockedRows.BLOCK; i++) ob[i] = pb[i] * qb[i];
      }
    }
  }

  private double[][][] input(int l) {
    return l == 1 ? x : a[l - 1];
  }

  private void ensureR() {
    if (rz != null) return;
    rz = new double[layers + 1][][][];
    ra = new double[layers][][][];
    rg = new double[layers + 1][][][];
    for (int l = 1; l <= layers; l++) {
      rz[l] = BlockedRows.allocate(widths[l], n);
      rg[l] = BlockedRows.allocate(widths[l], n);
      if (l < layers) ra[l] = BlockedRows.allocate(widths[l], n);
    }
    rf = new double[n * k];
    rdelta = new double[n * k];
  }
}

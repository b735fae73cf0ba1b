package basin.core.model;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.PiecewiseSmooth;
import basin.core.StochasticObjective;
import basin.core.data.Dataset;
import basin.core.linalg.Gemm;
import java.util.Arrays;

/**
 * The training objective of an {@link Mlp} on a {@link Dataset}: mean loss over the examples plus
 * L2 regularization, f(w) = (1/n) sum_i loss(f(x_i; w), y_i) + (lambda/2) ||w||^2, with the L2
 * term on every parameter (biases included, like PyTorch's {@code weight_decay}).
 *
 * <h2>Derivatives</h2>
 * The gradient is backpropagation. The Hessian-vector product is exact: Pearlmutter's R-operator
 * (Pearlmutter 1994, "Fast exact multiplication by the Hessian"), a forward pass of directional
 * derivatives R{.} = d/dt (.)(w + t v) at t = 0 followed by the backward pass of their adjoints; it
 * costs about two gradients. With z_l = a_{l-1} W_l^T + b_l, a_l = sigma(z_l), delta_l = dL/dz_l
 * and g_l = delta_{l+1} W_{l+1} (so delta_l = g_l * sigma'(z_l)):
 * <pre>
 *   R z_l     = R a_{l-1} W_l^T + a_{l-1} V_l^T + c_l          R a_l = sigma'(z_l) * R z_l
 *   R delta_L = (d^2 loss / df^2) R z_L
 *   R gW_l    = R delta_l^T a_{l-1} + delta_l^T R a_{l-1}       R gb_l = column sums of R delta_l
 *   R delta_{l-1} = (R delta_l W_l + delta_l V_l) * sigma'(z_{l-1}) + g_{l-1} * sigma''(z_{l-1}) * R z_{l-1}
 * </pre>
 * The dense Hessian runs the same recursion for blocks of unit directions at once, so every step is
 * one large matrix product over (examples x directions) rows; a unit direction in layer l0 leaves
 * the layers below l0 untouched, so only the blocks of layers >= l0 are computed and the rest comes
 * from symmetry. Cost: about P/2 to P Hessian-vector products' worth of flops, in BLAS-3 products.
 *
 * <p>Consecutive calls at the same parameters (value, gradient, then many Hessian-vector products,
 * as in Newton-CG or Lanczos) reuse the forward and backward pass.
 *
 * <h2>Two implementations of the passes</h2>
 * Networks with small layers ({@link #FEATURE_MAJOR_MAX_LAYER_WEIGHTS}) evaluate value, gradient and
 * Hessian-vector products on the full data set with {@link FeatureMajorPasses}: activations stored
 * units x examples, fused loops over the examples that the JIT vectorizes, no BLAS calls (whose
 * fixed cost dominates products of ~10^5 multiply-adds). A Hessian-vector product at a new point
 * there runs backpropagation without the weight gradients (the R-operator needs only the deltas);
 * a gradient asked for afterwards at the same point is completed from them. Everything else (wider
 * networks, minibatch gradients, the dense Hessian, predictions, region signatures) runs the
 * row-major passes below. The choice depends on the architecture only; the two agree to round-off
 * (1e-12 relative, tested), not bit for bit.
 *
 * <p>Not thread-safe: each thread uses its own {@link #copy()}.
 */
public final class MlpObjective implements StochasticObjective, PiecewiseSmooth {

  /** Memory budget (doubles) of the direction blocks of the dense Hessian. */
  private static final long DENSE_BLOCK_BUDGET = Long.getLong("basin.hessian.blockBudget", 6_000_000L);

  /**
   * Networks whose every layer has at most this many weights (d_{l-1} d_l) evaluate value, gradient
   * and Hessian-vector products on the full data set with {@link FeatureMajorPasses} (fused loops
   * over examples) instead of row-major BLAS products. Measured on 2026 hardware (AVX-512, JDK 17,
   * OpenBLAS through JNI): 10-10-1 gradients 1.6x and fresh-point products 2.5x faster, 16-16-2 and
   * 32-8-2 faster, 24-24-2 even, 20-20-10 and 32-32-10 slower. A property of the architecture alone,
   * so the choice, and with it every result, is a pure function of the inputs.
   */
  static final int FEATURE_MAJOR_MAX_LAYER_WEIGHTS = 256;

  /** Which passes evaluate the full data set. */
  private enum Passes {
    /** Feature-major when the architecture suits them ({@link #FEATURE_MAJOR_MAX_LAYER_WEIGHTS}). */
    AUTO,
    ROW_MAJOR,
    FEATURE_MAJOR
  }

  private final Mlp model;
  private final Dataset data;
  private final Loss loss;
  private final double l2;
  private final int layers;
  private final int[] widths;
  private final int outputs;
  private final double[] targets;
  private final int p;
  /** Whether the full-data passes run feature-major; see {@link #FEATURE_MAJOR_MAX_LAYER_WEIGHTS}. */
  private final boolean featureMajor;
  /** Whether this objective may split its examples into shards ({@link ExampleShards}); false for the shards themselves. */
  private final boolean shardable;
  private final int shardCount;
  private ExampleShards shards;

  private FeatureMajorPasses fm;
  private Workspace full;
  private Workspace batch;
  private double[] cachedW;
  private boolean cacheHasGradient;
  private boolean cacheHasSecond;
  /** Feature-major passes only: their deltas are at cachedW (the weight gradients may not be). */
  private boolean cacheHasDeltas;
  private double cachedValue;
  private double[] cachedGradient;
  private double[] scratchGradient;

  /**
   * @param model the architecture
   * @param data the examples (not copied, not modified)
   * @param loss the loss; must fit the model's output and the data (see {@link Loss})
   * @param l2 the L2 coefficient lambda >= 0
   * @throws InputException when model, loss and data do not fit together
   */
  public MlpObjective(Mlp model, Dataset data, Loss loss, double l2) {
    this(model, data, loss, l2, Passes.AUTO, true);
  }

  /** An objective on the feature-major passes (true) or the row-major ones (false), whatever the architecture, unsharded (for tests). */
  static MlpObjective withFeatureMajorPasses(Mlp model, Dataset data, Loss loss, double l2, boolean featureMajor) {
    return new MlpObjective(model, data, loss, l2, featureMajor ? Passes.FEATURE_MAJOR : Passes.ROW_MAJOR, false);
  }

  /** An objective that never splits its examples into shards (the shards themselves, and tests). */
  static MlpObjective unsharded(Mlp model, Dataset data, Loss loss, double l2) {
    return new MlpObjective(model, data, loss, l2, Passes.AUTO, false);
  }

  private MlpObjective(Mlp model, Dataset data, Loss loss, double l2, Passes passes, boolean shardable) {
    if (!(l2 >= 0 && Double.isFinite(l2))) {
      throw new InputException("l2 must be a finite number >= 0, got " + l2);
    }
    if (model.inputDim() != data.inputDim()) {
      throw new InputException("model input width " + model.inputDim() + " does not match data set " + data.name() + " with " + data.inputDim() + " features");
    }
    int k = model.outputDim();
    switch (loss) {
      case SOFTMAX_CROSS_ENTROPY:
        if (!data.isClassification()) throw new InputException("loss cross-entropy needs class labels, but data set " + data.name() + " is a regression set");
        if (k != data.classCount()) throw new InputException("loss cross-entropy needs " + data.classCount() + " outputs for the " + data.classCount() + " classes of " + data.name() + ", model has " + k);
        targets = null;
        break;
      case BINARY_LOGISTIC:
        if (!data.isClassification() || data.classCount() != 2) throw new InputException("loss logistic needs a two-class data set, " + data.name() + " has " + (data.isClassification() ? data.classCount() + " classes" : "real targets"));
        if (k != 1) throw new InputException("loss logistic needs 1 output, model has " + k);
        targets = null;
        break;
      case MSE:
        if (data.isClassification()) {
          if (k != data.classCount()) throw new InputException("loss mse on " + data.name() + " uses one-hot targets and needs " + data.classCount() + " outputs, model has " + k);
          targets = new double[data.size() * k];
          for (int i = 0; i < data.size(); i++) targets[i * k + data.labels()[i]] = 1.0;
        } else {
          if (k != data.targetDim()) throw new InputException("loss mse on " + data.name() + " needs " + data.targetDim() + " outputs, model has " + k);
          targets = data.targets();
        }
        break;
      default:
        throw new AssertionError(loss);
    }
    this.model = model;
    this.data = data;
    this.loss = loss;
    this.l2 = l2;
    this.layers = model.layerCount();
    this.widths = model.widths();
    this.outputs = k;
    this.p = model.parameterCount();
    this.featureMajor = passes == Passes.FEATURE_MAJOR || (passes == Passes.AUTO && FeatureMajorPasses.suits(model));
    this.shardable = shardable;
    this.shardCount = shardable ? ExampleShards.shardCount(data.size(), p) : 1;
  }

  public Mlp model() {
    return model;
  }

  public Dataset data() {
    return data;
  }

  public Loss loss() {
    return loss;
  }

  public double l2() {
    return l2;
  }

  /** The same model, loss and L2 on another data set (for example the test split). */
  public MlpObjective onData(Dataset other) {
    return new MlpObjective(model, other, loss, l2, samePasses(), shardable);
  }

  /** The same model, loss and data with another L2 coefficient (0 gives the bare data loss). */
  public MlpObjective withL2(double lambda) {
    return new MlpObjective(model, data, loss, lambda, samePasses(), shardable);
  }

  private Passes samePasses() {
    return featureMajor ? Passes.FEATURE_MAJOR : Passes.ROW_MAJOR;
  }

  /**
   * The number of example shards that value, gradient, Hessian-vector products and the dense
   * Hessian are split into (1: not split). It depends only on the number of examples and
   * parameters ({@link ExampleShards#shardCount}), never on the number of threads, so results do
   * not either; the shards run in parallel on {@link basin.core.Parallel}'s threads.
   */
  public int shardCount() {
    return shardCount;
  }

  private ExampleShards shards() {
    if (shards == null) {
      shards = new ExampleShards(model, data, loss, shardCount);
    }
    return shards;
  }

  /** Whether value, gradient and Hessian-vector products on the full data run feature-major (for tests). */
  boolean usesFeatureMajorPasses() {
    return featureMajor;
  }

  @Override
  public int dimension() {
    return p;
  }

  @Override
  public int exampleCount() {
    return data.size();
  }

  @Override
  public MlpObjective copy() {
    return new MlpObjective(model, data, loss, l2, samePasses(), shardable);
  }

  // ---------------------------------------------------------------- value and gradient

  @Override
  public double value(double[] w) {
    checkLength(w);
    if (isCached(w)) {
      return cachedValue;
    }
    double v;
    if (shardCount > 1) {
      v = shards().value(w) + penalty(w);
    } else if (featureMajor) {
      FeatureMajorPasses passes = passes();
      passes.forward(w);
      v = passes.lossAndDelta(false) + penalty(w);
    } else {
      Workspace ws = fullWorkspace();
      forward(w, ws, false);
      v = lossAndDelta(ws, false) + penalty(w);
    }
    remember(w, v, false, false);
    return v;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    checkLength(w);
    checkLength(gradient);
    if (isCached(w) && cacheHasGradient) {
      System.arraycopy(cachedGradient, 0, gradient, 0, p);
      return cachedValue;
    }
    if (featureMajor && isCached(w) && cacheHasDeltas) {
      // a Hessian-vector product at w left the backward pass without the weight gradients
      featureMajorWeightGradients(w, cachedGradient);
      cacheHasGradient = true;
      System.arraycopy(cachedGradient, 0, gradient, 0, p);
      return cachedValue;
    }
    double v;
    if (shardCount > 1) {
      v = shards().valueAndGradient(w, gradient) + penalty(w);
      if (l2 != 0.0) {
        for (int i = 0; i < p; i++) gradient[i] += l2 * w[i];
      }
    } else {
      v = fullGradient(w, gradient);
    }
    remember(w, v, true, false);
    System.arraycopy(gradient, 0, cachedGradient, 0, p);
    return v;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient, int[] batchIndices, int batchSize) {
    checkLength(w);
    checkLength(gradient);
    if (batchSize < 1 || batchSize > batchIndices.length) {
      throw new IllegalArgumentException("batch size " + batchSize + " outside [1, " + batchIndices.length + "]");
    }
    if (batch == null || batch.capacity < batchSize) {
      batch = new Workspace(batchSize, true);
    }
    Workspace ws = batch;
    ws.gather(batchIndices, batchSize);
    forward(w, ws, false);
    double v = lossAndDelta(ws, true) + penalty(w);
    backward(w, ws, gradient);
    return v;
  }

  /** Fraction of examples whose predicted class (arg max output; output > 0 for logistic) is the label; NaN for regression. */
  public double accuracy(double[] w) {
    checkLength(w);
    if (!data.isClassification()) {
      return Double.NaN;
    }
    Workspace ws = fullWorkspace();
    forward(w, ws, false);
    cachedW = null; // the forward pass above replaced any cached state
    int n = data.size();
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int predicted;
      if (loss == Loss.BINARY_LOGISTIC) {
        predicted = ws.out[i] > 0 ? 1 : 0;
      } else {
        predicted = 0;
        for (int c = 1; c < outputs; c++) {
          if (ws.out[i * outputs + c] > ws.out[i * outputs + predicted]) predicted = c;
        }
      }
      if (predicted == data.labels()[i]) correct++;
    }
    return correct / (double) n;
  }

  /** The network outputs f(x_i; w), row-major n x k, written to {@code out}. */
  public void predict(double[] w, double[] out) {
    checkLength(w);
    Workspace ws = fullWorkspace();
    forward(w, ws, false);
    cachedW = null;
    System.arraycopy(ws.out, 0, out, 0, data.size() * outputs);
  }

  // ---------------------------------------------------------------- Hessian-vector product

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    checkLength(v);
    checkLength(result);
    if (shardCount > 1) {
      shards().hessianVectorProduct(w, v, result);
      if (l2 != 0.0) {
        for (int i = 0; i < p; i++) result[i] += l2 * v[i];
      }
      return;
    }
    if (featureMajor) {
      ensureSecondOrderState(w);
      fm.hessianVectorProduct(w, v, result);
      if (l2 != 0.0) {
        for (int i = 0; i < p; i++) result[i] += l2 * v[i];
      }
      return;
    }
    Workspace ws = ensureSecondOrderState(w);
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
        applyActivationAdjoint(l - 1, ws, rgPrev, ws.rz[l - 1], 1);
      }
    }
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) result[i] += l2 * v[i];
    }
  }

  /**
   * rg = rg * sigma'(z) + g * sigma''(z) * rz, row i of d1, d2, g broadcast over {@code dirs}
   * directions; rz null means R z = 0 (no second-order term).
   */
  private void applyActivationAdjoint(int l, Workspace ws, double[] rg, double[] rz, int dirs) {
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

  // ---------------------------------------------------------------- dense Hessian

  @Override
  public void hessian(double[] w, double[] h) {
    checkLength(w);
    if (h.length != (long) p * p) {
      throw new IllegalArgumentException("hessian has length " + h.length + ", expected P*P = " + ((long) p * p));
    }
    if (shardCount > 1) {
      shards().hessian(w, h);
      if (l2 != 0.0) {
        for (int i = 0; i < p; i++) h[i * p + i] += l2;
      }
      return;
    }
    Workspace ws = rowMajorSecondOrderState(w);
    int m = ws.m;
    if (layers == 2 && outputs == 1 && (long) m * p <= JACOBIAN_BUDGET) {
      singleOutputHessian(w, ws, h);
      return;
    }
    if (layers == 2 && loss != Loss.BINARY_LOGISTIC
        && (long) m * widths[1] * (widths[0] + 1) <= JACOBIAN_BUDGET) {
      oneHiddenLayerHessian(w, ws, h);
      return;
    }
    int widest = 0;
    int sumWidths = 0;
    for (int l = 1; l <= layers; l++) {
      widest = Math.max(widest, widths[l]);
      sumWidths += widths[l];
    }
    for (int l0 = 1; l0 <= layers; l0++) {
      int in0 = widths[l0 - 1];
      int o0 = widths[l0];
      int layerParams = o0 * in0 + (model.bias() ? o0 : 0);
      int dirs = (int) Math.max(1, Math.min(layerParams, DENSE_BLOCK_BUDGET / ((long) m * (3L * sumWidths + widest))));
      ws.ensureBlock(dirs);
      for (int j0 = 0; j0 < layerParams; j0 += dirs) {
        int dcount = Math.min(dirs, layerParams - j0);
        hessianBlock(w, ws, l0, j0, dcount, h, l0);
      }
    }
    // fill the lower-layer blocks by symmetry and average the diagonal blocks
    for (int l = 1; l <= layers; l++) {
      int start = model.weightOffset(l);
      int end = l < layers ? model.weightOffset(l + 1) : p;
      for (int i = start; i < end; i++) {
        for (int j = i + 1; j < p; j++) {
          if (j < end) {
            double s = 0.5 * (h[i * p + j] + h[j * p + i]);
            h[i * p + j] = s;
            h[j * p + i] = s;
          } else {
            h[j * p + i] = h[i * p + j];
          }
        }
      }
    }
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) h[i * p + i] += l2;
    }
  }

  /** Largest m * P for which the single-output path builds the m x P scaled Jacobian. */
  private static final long JACOBIAN_BUDGET = 8_000_000L;

  /**
   * The dense Hessian of a one-hidden-layer network with one output (regression with mse, binary
   * logistic), as Gauss-Newton term plus residual term:
   * <pre>
   *   H = G^T G + sum_i delta_i Hess_w f_i + lambda I,   row i of G = sqrt(l_i) J_i,  J_i = d f_i / d w
   * </pre>
   * with l_i = d^2 loss / d f_i^2 >= 0 (2/n for mse, s_i (1 - s_i)/n for logistic) and delta_i =
   * d loss / d f_i. For f = w2 . sigma(W1 x + b1) + b2 the only second derivatives of f are
   * d^2 f / d w2_j d W1_jl = sigma'_j x_l and d^2 f / d W1_jl d W1_jl' = w2_j sigma''_j x_l x_l' (bias
   * entries with x = 1). G^T G is one matrix product of m P^2 multiply-adds, against about 5 m P^2
   * for P Hessian-vector products: the small networks of landscape studies are dominated by it.
   */
  private void singleOutputHessian(double[] w, Workspace ws, double[] h) {
    int m = ws.m;
    int d = widths[0];
    int hid = widths[1];
    int w1 = model.weightOffset(1);
    int w2 = model.weightOffset(2);
    boolean bias = model.bias();
    int b1 = bias ? model.biasOffset(1) : -1;
    int b2 = bias ? model.biasOffset(2) : -1;
    if (ws.jacobian == null || ws.jacobian.length < m * p) ws.jacobian = new double[m * p];
    double[] g = ws.jacobian;
    double[] x = ws.x;
    double[] a = ws.a[1];
    double[] s1 = ws.d1[1];
    double[] s2 = ws.d2[1];
    double[] delta = ws.g[2];
    double[] gp = ws.gp[1];
    for (int i = 0; i < m; i++) {
      double li = loss == Loss.MSE ? 2.0 / m : ws.aux[i] * (1.0 - ws.aux[i]) / m;
      double r = Math.sqrt(li);
      int row = i * p;
      for (int j = 0; j < hid; j++) {
        double c = r * w[w2 + j] * s1[i * hid + j];
        int at = row + w1 + j * d;
        for (int l = 0; l < d; l++) g[at + l] = c * x[i * d + l];
        if (bias) g[row + b1 + j] = c;
        g[row + w2 + j] = r * a[i * hid + j];
      }
      if (bias) g[row + b2] = r;
    }
    Gemm.gemm(true, false, p, p, m, 1.0, g, 0, g, 0, 0.0, h, 0);
    // residual: cross terms w2_j x (W1_j., b1_j), and the sigma'' terms inside each unit's W1_j., b1_j
    int in = d + (bias ? 1 : 0);
    double[] cross = ws.jacobianCross(in);
    double[] block = ws.jacobianBlock(in * in);
    boolean secondOrder = !model.activation(1).isPiecewiseLinear();
    for (int j = 0; j < hid; j++) {
      java.util.Arrays.fill(cross, 0, in, 0.0);
      if (secondOrder) java.util.Arrays.fill(block, 0, in * in, 0.0);
      for (int i = 0; i < m; i++) {
        double e = delta[i] * s1[i * hid + j];
        int xi = i * d;
        for (int l = 0; l < d; l++) cross[l] += e * x[xi + l];
        if (bias) cross[d] += e;
        if (secondOrder) {
          double u = gp[i * hid + j] * s2[i * hid + j]; // delta_i w2_j sigma''_ij
          if (u != 0.0) {
            for (int l = 0; l < in; l++) {
              double ul = u * (l < d ? x[xi + l] : 1.0);
              int br = l * in;
              for (int l2 = 0; l2 < in; l2++) block[br + l2] += ul * (l2 < d ? x[xi + l2] : 1.0);
            }
          }
        }
      }
      int rowW2 = w2 + j;
      for (int l = 0; l < in; l++) {
        int col = l < d ? w1 + j * d + l : b1 + j;
        h[rowW2 * p + col] += cross[l];
        h[col * p + rowW2] += cross[l];
        if (secondOrder) {
          for (int l2 = 0; l2 < in; l2++) {
            int col2 = l2 < d ? w1 + j * d + l2 : b1 + j;
            h[col * p + col2] += block[l * in + l2];
          }
        }
      }
    }
    Objective.symmetrize(h, p);
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) h[i * p + i] += l2;
    }
  }

  /**
   * The dense Hessian of a one-hidden-layer network with k outputs. The rows of the output layer's
   * parameters come from the blocked R-operator (all columns); the hidden layer's block, 85% of the
   * entries for typical widths, from its Kronecker structure: with x~ = [x; 1] (the 1 for the bias),
   * s = sigma'(z), t = sigma''(z), B_i = W2^T (d^2 loss_i / df^2) W2 and g = W2^T delta_i,
   * <pre>
   *   H[(a, b), (c, e)] = sum_i M_i[a, c] x~_ib x~_ie,   M_i = S_i B_i S_i + diag(t_i * g_i)
   * </pre>
   * computed for c >= a as one matrix product per hidden unit a (about m d^2 h^2 multiply-adds in
   * all, half of what the unit directions cost) and mirrored.
   */
  private void oneHiddenLayerHessian(double[] w, Workspace ws, double[] h) {
    int m = ws.m;
    int d = widths[0];
    int hid = widths[1];
    int k = outputs;
    boolean bias = model.bias();
    int in = d + (bias ? 1 : 0);
    int w1 = model.weightOffset(1);
    int b1 = bias ? model.biasOffset(1) : -1;
    int theta2 = model.weightOffset(2);
    // rows of the output layer's parameters, all columns
    int layerParams = k * hid + (bias ? k : 0);
    int widest = Math.max(hid, k);
    int dirs = (int) Math.max(1, Math.min(layerParams, DENSE_BLOCK_BUDGET / ((long) m * (3L * (hid + k) + widest))));
    ws.ensureBlock(dirs);
    for (int j0 = 0; j0 < layerParams; j0 += dirs) {
      hessianBlock(w, ws, 2, j0, Math.min(dirs, layerParams - j0), h, 1);
    }
    for (int i = theta2; i < p; i++) {
      for (int j = 0; j < theta2; j++) h[j * p + i] = h[i * p + j];
      for (int j = i + 1; j < p; j++) {
        double v = 0.5 * (h[i * p + j] + h[j * p + i]);
        h[i * p + j] = v;
        h[j * p + i] = v;
      }
    }
    // the hidden layer's block
    double[] x = ws.x;
    double[] s1 = ws.d1[1];
    double[] s2 = ws.d2[1];
    double[] gp = ws.gp[1];
    double[] prob = ws.aux;
    double[] w2t = new double[hid * k]; // W2^T, hid x k
    for (int c = 0; c < k; c++) for (int a = 0; a < hid; a++) w2t[a * k + c] = w[theta2 + c * hid + a];
    double[] mi = ws.kroneckerM(m * hid * hid); // M_i, row-major per example
    double[] pw = new double[hid];
    for (int i = 0; i < m; i++) {
      int base = i * hid * hid;
      if (loss == Loss.MSE) {
        double scale = 2.0 / ((double) m * k);
        for (int a = 0; a < hid; a++) {
          for (int c = a; c < hid; c++) {
            double v = 0;
            for (int q = 0; q < k; q++) v += w2t[a * k + q] * w2t[c * k + q];
            mi[base + a * hid + c] = scale * v;
          }
        }
      } else { // softmax cross-entropy: (W2^T diag(p) W2 - (W2^T p)(W2^T p)^T) / m
        int pr = i * k;
        for (int a = 0; a < hid; a++) {
          double v = 0;
          for (int q = 0; q < k; q++) v += w2t[a * k + q] * prob[pr + q];
          pw[a] = v;
        }
        double inv = 1.0 / m;
        for (int a = 0; a < hid; a++) {
          for (int c = a; c < hid; c++) {
            double v = 0;
            for (int q = 0; q < k; q++) v += w2t[a * k + q] * prob[pr + q] * w2t[c * k + q];
            mi[base + a * hid + c] = inv * (v - pw[a] * pw[c]);
          }
        }
      }
      for (int a = 0; a < hid; a++) {
        double sa = s1[i * hid + a];
        for (int c = a; c < hid; c++) mi[base + a * hid + c] *= sa * s1[i * hid + c];
        mi[base + a * hid + a] += gp[i * hid + a] * s2[i * hid + a];
      }
    }
    double[] xt = ws.kroneckerX(m * in); // x~, m x in
    for (int i = 0; i < m; i++) {
      System.arraycopy(x, i * d, xt, i * in, d);
      if (bias) xt[i * in + d] = 1.0;
    }
    double[] z = ws.kroneckerZ(m * hid * in);
    double[] r = ws.kroneckerR(in * hid * in);
    for (int a = 0; a < hid; a++) {
      int cols = (hid - a) * in;
      for (int i = 0; i < m; i++) {
        int base = i * hid * hid + a * hid;
        int zr = i * cols;
        int xr = i * in;
        for (int c = a; c < hid; c++) {
          double v = mi[base + c];
          int zc = zr + (c - a) * in;
          for (int e = 0; e < in; e++) z[zc + e] = v * xt[xr + e];
        }
      }
      // r[b, (c - a) * in + e] = sum_i x~_ib M_i[a, c] x~_ie
      Gemm.gemm(true, false, in, cols, m, 1.0, xt, 0, z, 0, 0.0, r, 0);
      for (int b = 0; b < in; b++) {
        int row = b < d ? w1 + a * d + b : b1 + a;
        for (int c = a; c < hid; c++) {
          for (int e = 0; e < in; e++) {
            int col = e < d ? w1 + c * d + e : b1 + c;
            double v = r[b * cols + (c - a) * in + e];
            h[row * p + col] = v;
            h[col * p + row] = v;
          }
        }
      }
    }
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) h[i * p + i] += l2;
    }
  }

  /**
   * Rows of H for the unit directions j0 .. j0+dirs-1 of layer l0 (local index: weights row-major,
   * then biases), restricted to the columns of layers >= l0. Buffers use the (example, direction,
   * unit) layout so each step is one matrix product with (m * dirs) rows.
   */
  private void hessianBlock(double[] w, Workspace ws, int l0, int j0, int dirs, double[] h, int lowest) {
    int m = ws.m;
    int in0 = widths[l0 - 1];
    int o0 = widths[l0];
    int weights0 = o0 * in0;
    double[] input0 = l0 == 1 ? ws.x : ws.a[l0 - 1];
    // R z_{l0}: unit direction (a, b) puts column b of the input in unit a; a bias direction puts 1 there
    double[] rz0 = ws.brz[l0];
    Arrays.fill(rz0, 0, m * dirs * o0, 0.0);
    for (int d = 0; d < dirs; d++) {
      int j = j0 + d;
      if (j < weights0) {
        int a = j / in0;
        int b = j % in0;
        for (int i = 0; i < m; i++) rz0[(i * dirs + d) * o0 + a] = input0[i * in0 + b];
      } else {
        int a = j - weights0;
        for (int i = 0; i < m; i++) rz0[(i * dirs + d) * o0 + a] = 1.0;
      }
    }
    for (int l = l0; l < layers; l++) {
      int o = widths[l];
      double[] rz = ws.brz[l];
      double[] ra = ws.bra[l];
      double[] d1 = ws.d1[l];
      for (int i = 0; i < m; i++) {
        for (int d = 0; d < dirs; d++) {
          int r = (i * dirs + d) * o;
          for (int u = 0; u < o; u++) ra[r + u] = d1[i * o + u] * rz[r + u];
        }
      }
      Gemm.gemm(false, true, m * dirs, widths[l + 1], o, 1.0, ra, 0, w, model.weightOffset(l + 1), 0.0, ws.brz[l + 1], 0);
    }
    lossHessianTimes(ws, ws.brz[layers], ws.brg[layers], dirs);
    for (int l = layers; l >= lowest; l--) {
      int in = widths[l - 1];
      int o = widths[l];
      double[] input = l == 1 ? ws.x : ws.a[l - 1];
      double[] rg = ws.brg[l];
      int wo = model.weightOffset(l);
      // R gW_l[d] = R delta_l[d]^T a_{l-1}: one product over all directions, rg viewed as
      // m x (dirs * o), gives rows (d, a) of length in, so direction d's o x in block of W_l is
      // contiguous in tmp and in row d of H alike: a copy, no scatter.
      double[] tmp = ws.btmp;
      Gemm.gemm(true, false, dirs * o, in, m, 1.0, rg, 0, input, 0, 0.0, tmp, 0);
      for (int d = 0; d < dirs; d++) {
        int at = (model.weightOffset(l0) + j0 + d) * p + wo;
        System.arraycopy(tmp, d * o * in, h, at, o * in);
        if (l > l0) {
          // + delta_l^T R a_{l-1}[d], R a_{l-1}[., d, .] being the m x in slice with row stride dirs * in
          Gemm.gemm(true, false, o, in, m, 1.0, ws.g[l], 0, o, ws.bra[l - 1], d * in, dirs * in, 1.0, h, at, in);
        }
      }
      if (model.bias()) {
        int bo = model.biasOffset(l);
        for (int d = 0; d < dirs; d++) {
          int row = (model.weightOffset(l0) + j0 + d) * p + bo;
          for (int a = 0; a < o; a++) h[row + a] = 0.0;
        }
        for (int i = 0; i < m; i++) {
          for (int d = 0; d < dirs; d++) {
            int row = (model.weightOffset(l0) + j0 + d) * p + bo;
            int r = (i * dirs + d) * o;
            for (int a = 0; a < o; a++) h[row + a] += rg[r + a];
          }
        }
      }
      if (l > lowest) {
        double[] rgPrev = ws.brg[l - 1];
        Gemm.gemm(false, false, m * dirs, in, o, 1.0, rg, 0, w, wo, 0.0, rgPrev, 0);
        if (l == l0) {
          // below l0: + delta_l V_l, where unit direction (a, b) of W_l puts column a of delta_l in
          // column b; R z_{l-1} = 0 there, so no sigma'' term
          for (int d = 0; d < dirs; d++) {
            int j = j0 + d;
            if (j >= o * in) continue; // bias directions have V_l = 0
            int a = j / in;
            int b = j % in;
            double[] g = ws.g[l];
            for (int i = 0; i < m; i++) rgPrev[(i * dirs + d) * in + b] += g[i * o + a];
          }
        }
        applyActivationAdjoint(l - 1, ws, rgPrev, l - 1 >= l0 ? ws.brz[l - 1] : null, dirs);
      }
    }
  }

  /**
   * Hash of the sign pattern of every ReLU-family unit on every example (0 when the model has no
   * kinked activation). Runs a forward pass and drops the cached state.
   */
  @Override
  public long regionSignature(double[] w) {
    checkLength(w);
    Workspace ws = fullWorkspace();
    forward(w, ws, false);
    cachedW = null;
    long hash = 0;
    for (int l = 1; l < layers; l++) {
      if (!model.activation(l).hasKinks()) continue;
      double[] a = ws.a[l];
      for (int i = 0, len = ws.m * widths[l]; i < len; i++) {
        hash = hash * 0x9E3779B97F4A7C15L + (a[i] > 0 ? 1 : 2);
      }
    }
    return hash;
  }

  // ---------------------------------------------------------------- passes

  private void forward(double[] w, Workspace ws, boolean withDerivatives) {
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
  private double lossAndDelta(Workspace ws, boolean withDelta) {
    return lossAndDelta(loss, ws.m, outputs, ws.out, ws.targets, ws.labels, ws.g[layers], ws.aux, withDelta);
  }

  /**
   * Mean loss of the m x k row-major outputs f; when {@code withDelta}, writes delta = d(mean
   * loss)/d f and, into aux, what the loss Hessian needs (softmax probabilities or sigmoids).
   * y: mse targets (m x k); labels: class labels. Modified: delta, aux.
   */
  static double lossAndDelta(Loss loss, int m, int k, double[] f, double[] y, int[] labels, double[] delta, double[] aux,
      boolean withDelta) {
    double sum = 0.0;
    double inv = 1.0 / m;
    switch (loss) {
      case MSE: {
        double scale = 2.0 / ((double) m * k);
        for (int i = 0, len = m * k; i < len; i++) {
          double r = f[i] - y[i];
          sum += r * r;
          if (withDelta) delta[i] = scale * r;
        }
        return sum / ((double) m * k);
      }
      case SOFTMAX_CROSS_ENTROPY: {
        for (int i = 0; i < m; i++) {
          int row = i * k;
          double max = f[row];
          for (int c = 1; c < k; c++) max = Math.max(max, f[row + c]);
          double s = 0.0;
          for (int c = 0; c < k; c++) {
            double e = Math.exp(f[row + c] - max);
            aux[row + c] = e;
            s += e;
          }
          sum += max + Math.log(s) - f[row + labels[i]];
          if (withDelta) {
            double invS = 1.0 / s;
            for (int c = 0; c < k; c++) {
              double pc = aux[row + c] * invS;
              aux[row + c] = pc;
              delta[row + c] = inv * pc;
            }
            delta[row + labels[i]] -= inv;
          }
        }
        return sum * inv;
      }
      case BINARY_LOGISTIC: {
        for (int i = 0; i < m; i++) {
          double z = f[i];
          sum += Activation.softplus(z) - (labels[i] == 1 ? z : 0.0);
          if (withDelta) {
            double s = Activation.sigmoid(z);
            aux[i] = s;
            delta[i] = inv * (s - labels[i]);
          }
        }
        return sum * inv;
      }
      default:
        throw new AssertionError(loss);
    }
  }

  /** out = (d^2 mean loss / df^2) rf, row (i, d) of rf belonging to example i. */
  private void lossHessianTimes(Workspace ws, double[] rf, double[] out, int dirs) {
    lossHessianTimes(loss, ws.m, outputs, ws.aux, rf, out, dirs);
  }

  /**
   * out = (d^2 mean loss / df^2) rf for m examples of k outputs, row (i, d) of rf belonging to
   * example i; aux as left by {@link #lossAndDelta}. Modified: out.
   */
  static void lossHessianTimes(Loss loss, int m, int k, double[] aux, double[] rf, double[] out, int dirs) {
    double inv = 1.0 / m;
    switch (loss) {
      case MSE: {
        double scale = 2.0 / ((double) m * k);
        for (int i = 0, len = m * dirs * k; i < len; i++) out[i] = scale * rf[i];
        break;
      }
      case SOFTMAX_CROSS_ENTROPY: {
        double[] prob = aux;
        for (int i = 0; i < m; i++) {
          int pr = i * k;
          for (int d = 0; d < dirs; d++) {
            int r = (i * dirs + d) * k;
            double dot = 0.0;
            for (int c = 0; c < k; c++) dot += prob[pr + c] * rf[r + c];
            for (int c = 0; c < k; c++) out[r + c] = inv * prob[pr + c] * (rf[r + c] - dot);
          }
        }
        break;
      }
      case BINARY_LOGISTIC: {
        double[] s = aux;
        for (int i = 0; i < m; i++) {
          double c = inv * s[i] * (1.0 - s[i]);
          for (int d = 0; d < dirs; d++) out[i * dirs + d] = c * rf[i * dirs + d];
        }
        break;
      }
      default:
        throw new AssertionError(loss);
    }
  }

  private void backward(double[] w, Workspace ws, double[] gradient) {
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
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) gradient[i] += l2 * w[i];
    }
  }

  private double penalty(double[] w) {
    if (l2 == 0.0) return 0.0;
    double s = 0.0;
    for (double v : w) s += v * v;
    return 0.5 * l2 * s;
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

  // ---------------------------------------------------------------- caching and workspaces

  /**
   * The forward and backward state at w plus sigma'' of every hidden layer. sigma'' is derived from
   * the stored sigma and sigma' ({@link Activation#secondDerivative}), so a gradient at w followed
   * by Hessian-vector products at w (Newton-CG, Lanczos) costs one forward and one backward pass.
   */
  private Workspace ensureSecondOrderState(double[] w) {
    if (isCached(w) && cacheHasSecond) {
      return featureMajor ? null : fullWorkspace();
    }
    if (featureMajor) {
      // the R-operator needs the deltas, not the weight gradients (skipping those saves about a
      // third of a gradient)
      if (!(isCached(w) && cacheHasDeltas)) {
        FeatureMajorPasses passes = passes();
        passes.forward(w);
        double v = passes.lossAndDelta(true) + penalty(w);
        passes.backward(w);
        remember(w, v, false, false);
        cacheHasDeltas = true;
      }
      fm.secondDerivatives();
      cacheHasSecond = true;
      return null;
    }
    if (!(isCached(w) && cacheHasGradient)) {
      if (cachedGradient == null) cachedGradient = new double[p];
      double v = fullGradient(w, cachedGradient);
      remember(w, v, true, false);
    }
    Workspace ws = fullWorkspace();
    for (int l = 1; l < layers; l++) {
      model.activation(l).secondDerivative(ws.a[l], ws.d1[l], ws.d2[l], ws.m * widths[l]);
    }
    cacheHasSecond = true;
    return ws;
  }

  /**
   * The row-major workspace holding the forward, backward and second-order state at w, which the
   * dense Hessian reads. With feature-major passes the cached state lives in those, so the
   * row-major passes run here on every call (one gradient's worth, small next to a dense Hessian)
   * and leave the cache alone.
   */
  private Workspace rowMajorSecondOrderState(double[] w) {
    if (!featureMajor) {
      return ensureSecondOrderState(w);
    }
    Workspace ws = fullWorkspace();
    forward(w, ws, true);
    lossAndDelta(ws, true);
    if (scratchGradient == null) scratchGradient = new double[p];
    backward(w, ws, scratchGradient);
    for (int l = 1; l < layers; l++) {
      model.activation(l).secondDerivative(ws.a[l], ws.d1[l], ws.d2[l], ws.m * widths[l]);
    }
    return ws;
  }

  /** f(w) and its gradient on the full data set, by whichever passes the architecture uses; no caching. */
  private double fullGradient(double[] w, double[] gradient) {
    if (featureMajor) {
      FeatureMajorPasses passes = passes();
      passes.forward(w);
      double v = passes.lossAndDelta(true) + penalty(w);
      passes.backward(w);
      featureMajorWeightGradients(w, gradient);
      return v;
    }
    Workspace ws = fullWorkspace();
    forward(w, ws, true);
    double v = lossAndDelta(ws, true) + penalty(w);
    backward(w, ws, gradient);
    return v;
  }

  private void featureMajorWeightGradients(double[] w, double[] gradient) {
    fm.weightGradients(gradient);
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) gradient[i] += l2 * w[i];
    }
  }

  private FeatureMajorPasses passes() {
    if (fm == null) {
      fm = new FeatureMajorPasses(model, loss, data.size(), data.inputs(), targets, data.labels());
    }
    return fm;
  }

  private boolean isCached(double[] w) {
    return cachedW != null && Arrays.equals(cachedW, w);
  }

  private void remember(double[] w, double v, boolean gradient, boolean second) {
    if (cachedW == null) {
      cachedW = new double[p];
      cachedGradient = cachedGradient == null ? new double[p] : cachedGradient;
    }
    System.arraycopy(w, 0, cachedW, 0, p);
    cachedValue = v;
    cacheHasGradient = gradient;
    cacheHasSecond = second;
    cacheHasDeltas = gradient && featureMajor;
  }

  private Workspace fullWorkspace() {
    if (full == null) {
      full = new Workspace(data.size(), false);
    }
    return full;
  }

  private void checkLength(double[] v) {
    if (v.length != p) {
      throw new IllegalArgumentException("vector has length " + v.length + ", the model " + model.describe() + " has " + p + " parameters");
    }
  }

  /** Buffers for m examples, allocated once and reused by every call. */
  private final class Workspace {
    final int capacity;
    int m;
    double[] x;
    int[] labels;
    double[] targets;
    final double[][] a = new double[layers][];
    final double[][] d1 = new double[layers][];
    final double[][] d2;
    final double[][] g = new double[layers + 1][];
    final double[][] gp = new double[layers][];
    final double[] out;
    final double[] aux;
    double[][] rz;
    double[][] ra;
    double[][] rg;
    int blockDirs;
    double[][] brz;
    double[][] bra;
    double[][] brg;
    double[] btmp;
    double[] jacobian;
    private double[] cross;
    private double[] block;

    private double[] km;
    private double[] kx;
    private double[] kz;
    private double[] kr;

    double[] kroneckerM(int len) {
      if (km == null || km.length < len) km = new double[len];
      return km;
    }

    double[] kroneckerX(int len) {
      if (kx == null || kx.length < len) kx = new double[len];
      return kx;
    }

    double[] kroneckerZ(int len) {
      if (kz == null || kz.length < len) kz = new double[len];
      return kz;
    }

    double[] kroneckerR(int len) {
      if (kr == null || kr.length < len) kr = new double[len];
      return kr;
    }

    double[] jacobianCross(int len) {
      if (cross == null || cross.length < len) cross = new double[len];
      return cross;
    }

    double[] jacobianBlock(int len) {
      if (block == null || block.length < len) block = new double[len];
      return block;
    }

    Workspace(int capacity, boolean gathered) {
      this.capacity = capacity;
      this.m = capacity;
      if (gathered) {
        x = new double[capacity * widths[0]];
        if (data.isClassification()) labels = new int[capacity];
        if (MlpObjective.this.targets != null) targets = new double[capacity * outputs];
        d2 = null;
      } else {
        x = data.inputs();
        labels = data.labels();
        targets = MlpObjective.this.targets;
        d2 = new double[layers][];
      }
      for (int l = 1; l < layers; l++) {
        a[l] = new double[capacity * widths[l]];
        d1[l] = new double[capacity * widths[l]];
        if (d2 != null) d2[l] = new double[capacity * widths[l]];
        gp[l] = new double[capacity * widths[l]];
      }
      for (int l = 1; l <= layers; l++) {
        g[l] = new double[capacity * widths[l]];
      }
      out = new double[capacity * outputs];
      aux = new double[capacity * outputs];
    }

    void gather(int[] idx, int count) {
      int d = widths[0];
      double[] src = data.inputs();
      for (int r = 0; r < count; r++) {
        int i = idx[r];
        System.arraycopy(src, i * d, x, r * d, d);
        if (labels != null) labels[r] = data.labels()[i];
        if (targets != null) System.arraycopy(MlpObjective.this.targets, i * outputs, targets, r * outputs, outputs);
      }
      m = count;
    }

    void ensureR() {
      if (rz == null) {
        rz = new double[layers + 1][];
        ra = new double[layers][];
        rg = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
          rz[l] = new double[capacity * widths[l]];
          rg[l] = new double[capacity * widths[l]];
          if (l < layers) ra[l] = new double[capacity * widths[l]];
        }
      }
    }

    void ensureBlock(int dirs) {
      if (blockDirs >= dirs) return;
      blockDirs = dirs;
      brz = new double[layers + 1][];
      bra = new double[layers][];
      brg = new double[layers + 1][];
      // one row of slack: netlib's bounds check of a strided sub-block counts whole rows
      int tmp = 0;
      for (int l = 1; l <= layers; l++) {
        brz[l] = new double[(capacity + 1) * dirs * widths[l]];
        brg[l] = new double[(capacity + 1) * dirs * widths[l]];
        if (l < layers) bra[l] = new double[(capacity + 1) * dirs * widths[l]];
        tmp = Math.max(tmp, dirs * widths[l] * widths[l - 1]);
      }
      btmp = new double[tmp];
    }
  }
}

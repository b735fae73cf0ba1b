package basin.core.model;

import basin.core.InputException;
import basin.core.PiecewiseSmooth;
import basin.core.StochasticObjective;
import basin.core.data.Dataset;
import java.util.Arrays;

/**
 * The training objective of an {@link Mlp} on a {@link Dataset}: mean loss over the examples plus
 * L2 regularization, f(w) = (1/n) sum_i loss(f(x_i; w), y_i) + (lambda/2) ||w||^2, with the L2
 * term on every parameter (biases included, like PyTorch's {@code weight_decay}).
 *
 * <h2>Derivatives</h2>
 * The gradient is backpropagation. The Hessian-vector product is exact: Pearlmutter's R-operator
 * (Pearlmutter 1994, "Fast exact multiplication by the Hessian"), a forward pass of directional
 * derivatives R{.} = d/dt (.)(w + t v) at t = 0 followed by the backward pass of their adjoints
 * (formulas in {@link RowMajorPasses}); it costs about two gradients. The dense Hessian
 * ({@link DenseHessian}) runs the same recursion for blocks of unit directions, with structured
 * paths for one hidden layer: about P/2 to P Hessian-vector products' worth of flops, in BLAS-3
 * products. Consecutive calls at the same parameters (value, gradient, then many Hessian-vector
 * products, as in Newton-CG or Lanczos) reuse the forward and backward pass.
 *
 * <h2>Layout</h2>
 * This class holds the API, the input checks, the regularizer and the cache of the state at the
 * last point. Package-private kernels compute the data term (mean loss, no L2): the row-major
 * passes ({@link RowMajorPasses} on a {@link RowMajorWorkspace}), the feature-major passes
 * ({@link FeatureMajorPasses}), the loss and its derivatives shared by both
 * ({@link LossDerivatives}), the dense Hessian ({@link DenseHessian}), and the split over blocks of
 * examples ({@link ExampleShards}).
 *
 * <p>Networks with small layers ({@link #FEATURE_MAJOR_MAX_LAYER_WEIGHTS}) evaluate value, gradient
 * and Hessian-vector products on the full data set with the feature-major passes: activations
 * stored units x examples, fused loops that the JIT vectorizes, no BLAS calls (whose fixed cost
 * dominates products of ~10^5 multiply-adds). A Hessian-vector product at a new point there skips
 * the weight gradients (the R-operator needs only the deltas); a gradient asked for afterwards at
 * that point is completed from them. Everything else (wider networks, minibatch gradients, the
 * dense Hessian, predictions, region signatures) runs the row-major passes. The choice depends on
 * the architecture only; the two agree to round-off (1e-12 relative, tested), not bit for bit.
 *
 * <p>Not thread-safe: each thread uses its own {@link #copy()}.
 */
public final class MlpObjective implements StochasticObjective, PiecewiseSmooth {

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

  private final RowMajorPasses rowMajor;
  private FeatureMajorPasses fm;
  private DenseHessian dense;
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
    this.rowMajor = new RowMajorPasses(model, data, loss, targets);
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
      RowMajorWorkspace ws = rowMajor.full();
      rowMajor.forward(w, ws);
      v = rowMajor.lossAndDelta(ws, false) + penalty(w);
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
      addL2Times(w, gradient);
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
    RowMajorWorkspace ws = rowMajor.batch(batchIndices, batchSize);
    rowMajor.forward(w, ws);
    double v = rowMajor.lossAndDelta(ws, true) + penalty(w);
    rowMajor.backward(w, ws, gradient);
    addL2Times(w, gradient);
    return v;
  }

  /** Fraction of examples whose predicted class (arg max output; output > 0 for logistic) is the label; NaN for regression. */
  public double accuracy(double[] w) {
    checkLength(w);
    if (!data.isClassification()) {
      return Double.NaN;
    }
    RowMajorWorkspace ws = rowMajor.full();
    rowMajor.forward(w, ws);
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
    RowMajorWorkspace ws = rowMajor.full();
    rowMajor.forward(w, ws);
    cachedW = null;
    System.arraycopy(ws.out, 0, out, 0, data.size() * outputs);
  }

  // ---------------------------------------------------------------- second derivatives

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    checkLength(v);
    checkLength(result);
    if (shardCount > 1) {
      shards().hessianVectorProduct(w, v, result);
      addL2Times(v, result);
      return;
    }
    if (featureMajor) {
      ensureSecondOrderState(w);
      fm.hessianVectorProduct(w, v, result);
      addL2Times(v, result);
      return;
    }
    RowMajorWorkspace ws = ensureSecondOrderState(w);
    rowMajor.hessianVectorProduct(w, v, ws, result);
    addL2Times(v, result);
  }

  @Override
  public void hessian(double[] w, double[] h) {
    checkLength(w);
    if (h.length != (long) p * p) {
      throw new IllegalArgumentException("hessian has length " + h.length + ", expected P*P = " + ((long) p * p));
    }
    if (shardCount > 1) {
      shards().hessian(w, h);
    } else {
      RowMajorWorkspace ws = rowMajorSecondOrderState(w);
      if (dense == null) dense = new DenseHessian(model, loss, rowMajor);
      dense.compute(w, ws, h);
    }
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) h[i * p + i] += l2;
    }
  }

  /**
   * Hash of the sign pattern of every ReLU-family unit on every example (0 when the model has no
   * kinked activation). Runs a forward pass and drops the cached state.
   */
  @Override
  public long regionSignature(double[] w) {
    checkLength(w);
    RowMajorWorkspace ws = rowMajor.full();
    rowMajor.forward(w, ws);
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

  // ---------------------------------------------------------------- regularizer

  private double penalty(double[] w) {
    if (l2 == 0.0) return 0.0;
    double s = 0.0;
    for (double v : w) s += v * v;
    return 0.5 * l2 * s;
  }

  /** out += lambda x: the regularizer's gradient (x = w) or Hessian-vector product (x = v). */
  private void addL2Times(double[] x, double[] out) {
    if (l2 != 0.0) {
      for (int i = 0; i < p; i++) out[i] += l2 * x[i];
    }
  }

  // ---------------------------------------------------------------- caching

  /**
   * The forward and backward state at w plus sigma'' of every hidden layer. sigma'' is derived from
   * the stored sigma and sigma' ({@link Activation#secondDerivative}), so a gradient at w followed
   * by Hessian-vector products at w (Newton-CG, Lanczos) costs one forward and one backward pass.
   * Returns the row-major workspace holding it, or null with feature-major passes (the state is in them).
   */
  private RowMajorWorkspace ensureSecondOrderState(double[] w) {
    if (isCached(w) && cacheHasSecond) {
      return featureMajor ? null : rowMajor.full();
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
    RowMajorWorkspace ws = rowMajor.full();
    rowMajor.secondDerivatives(ws);
    cacheHasSecond = true;
    return ws;
  }

  /**
   * The row-major workspace holding the forward, backward and second-order state at w, which the
   * dense Hessian reads. With feature-major passes the cached state lives in those, so the
   * row-major passes run here on every call (one gradient's worth, small next to a dense Hessian)
   * and leave the cache alone.
   */
  private RowMajorWorkspace rowMajorSecondOrderState(double[] w) {
    if (!featureMajor) {
      return ensureSecondOrderState(w);
    }
    RowMajorWorkspace ws = rowMajor.full();
    rowMajor.forward(w, ws);
    rowMajor.lossAndDelta(ws, true);
    if (scratchGradient == null) scratchGradient = new double[p];
    rowMajor.backward(w, ws, scratchGradient);
    rowMajor.secondDerivatives(ws);
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
    RowMajorWorkspace ws = rowMajor.full();
    rowMajor.forward(w, ws);
    double v = rowMajor.lossAndDelta(ws, true) + penalty(w);
    rowMajor.backward(w, ws, gradient);
    addL2Times(w, gradient);
    return v;
  }

  private void featureMajorWeightGradients(double[] w, double[] gradient) {
    fm.weightGradients(gradient);
    addL2Times(w, gradient);
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

  private void checkLength(double[] v) {
    if (v.length != p) {
      throw new IllegalArgumentException("vector has length " + v.length + ", the model " + model.describe() + " has " + p + " parameters");
    }
  }
}

package basin.core.model;

import basin.core.data.Dataset;

/**
 * The buffers of the row-major passes ({@link RowMajorPasses}) for up to {@code capacity}
 * examples, every matrix m x d_l row-major (example i's units contiguous). Allocated once and
 * reused by every call; the R-operator's buffers on first use ({@link #ensureR}). Either the full
 * data set (inputs, labels and targets shared with it, not copied, plus sigma'' buffers for
 * second-order work) or a gathered minibatch ({@link #gather} copies the chosen examples in).
 */
final class RowMajorWorkspace {

  final int capacity;
  /** Number of examples in use (at most {@link #capacity}). */
  int m;
  double[] x;
  int[] labels;
  double[] targets;
  /** sigma(z_l) of hidden layer l. */
  final double[][] a;
  /** sigma'(z_l), and sigma''(z_l) (full data only, after {@link RowMajorPasses#secondDerivatives}). */
  final double[][] d1;
  final double[][] d2;
  /** delta_l = dL/dz_l, layers 1..L. */
  final double[][] g;
  /** g_l = delta_{l+1} W_{l+1}, before the product with sigma'. */
  final double[][] gp;
  /** z_L (the network outputs). */
  final double[] out;
  /** Softmax probabilities or sigmoids of the outputs ({@link LossDerivatives#lossAndDelta}). */
  final double[] aux;
  double[][] rz;
  double[][] ra;
  double[][] rg;

  private final Dataset data;
  private final double[] sourceTargets;
  private final int layers;
  private final int[] widths;
  private final int outputs;

  /**
   * @param targets the data set's n x k mse targets (regression or one-hot), or null
   * @param gathered true for a minibatch buffer filled by {@link #gather}, false for the full data set
   */
  RowMajorWorkspace(Mlp model, Dataset data, double[] targets, int capacity, boolean gathered) {
    this.data = data;
    this.sourceTargets = targets;
    this.layers = model.layerCount();
    this.widths = model.widths();
    this.outputs = model.outputDim();
    this.capacity = capacity;
    this.m = capacity;
    a = new double[layers][];
    d1 = new double[layers][];
    g = new double[layers + 1][];
    gp = new double[layers][];
    if (gathered) {
      x = new double[capacity * widths[0]];
      if (data.isClassification()) labels = new int[capacity];
      if (targets != null) this.targets = new double[capacity * outputs];
      d2 = null;
    } else {
      x = data.inputs();
      labels = data.labels();
      this.targets = targets;
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

  /** Copies examples idx[0 .. count-1] of the data set into the first count rows. */
  void gather(int[] idx, int count) {
    int d = widths[0];
    double[] src = data.inputs();
    for (int r = 0; r < count; r++) {
      int i = idx[r];
      System.arraycopy(src, i * d, x, r * d, d);
      if (labels != null) labels[r] = data.labels()[i];
      if (targets != null) System.arraycopy(sourceTargets, i * outputs, targets, r * outputs, outputs);
    }
    m = count;
  }

  /** Allocates the R-operator's buffers R z_l, R a_l, R delta_l on first use. */
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
}

package basin.landscape.symmetry;

import basin.core.model.Mlp;

/**
 * The distance between two MLP parameter vectors modulo unit permutations, sign flips of odd units
 * and positive rescaling of positively homogeneous units:
 * <pre>
 *   d(a, b) = min over (pi_l, s_l) || c(a) - T_{pi, s} c(b) ||_2
 * </pre>
 * where c is the scale-and-sign normalization of {@link Canonicalizer} (canonical coordinates) and
 * T permutes the units of every hidden layer l by pi_l and multiplies them by signs s_l in {+1, -1}
 * (signs only for odd activations). Unlike comparing canonical forms entry by entry, this does not
 * depend on how sorting orders tied or nearly tied units.
 *
 * <h2>Method</h2>
 * The squared distance is a sum over layers; the terms that depend on (pi_l, s_l) are exactly the
 * incoming rows and biases of layer l and the outgoing columns of W_{l+1}, and they decompose over the
 * units of layer l. So for fixed permutations and signs of the other layers, the best (pi_l, s_l) is a
 * linear assignment problem with cost
 * <pre>
 *   C[j][k] = ||u_j^a||^2 + ||u_k^b||^2 + ||o_j^a||^2 + ||o_k^b||^2 - 2 max_s s X_jk   (s = 1 if not odd)
 * </pre>
 * where X_jk is the inner product of unit j of a with unit k of b: incoming weights with the columns
 * of b aligned by (pi_{l-1}, s_{l-1}), bias, and outgoing weights with the rows of b aligned by
 * (pi_{l+1}, s_{l+1}). It is solved exactly by the Hungarian algorithm ({@link Assignment}).
 * Starting from the identity (both points canonically sorted, so the identity is already a good
 * guess), layers are updated bottom-up in sweeps; a new assignment is accepted only when it lowers
 * the layer cost by more than 1e-13 of the layer's squared norm, so the distance decreases
 * monotonically and the sweeps stop (at most 50). Block-coordinate descent of this kind finds the
 * exact optimum of each layer given its neighbours, not necessarily the global optimum over all
 * layers jointly (a quadratic assignment problem); for points related by a symmetry it reaches 0
 * because the top hidden layer's outgoing weights (to the fixed outputs) align exactly.
 *
 * <p>Cost per sweep: sum_l (d_l^2 (d_{l-1} + d_{l+1} + 1) + d_l^3). NaN in either point gives NaN.
 * Immutable; thread-safe.
 */
public final class SymmetryDistance {

  static final int MAX_SWEEPS = 50;
  static final double IMPROVEMENT = 1e-13;

  /**
   * The best alignment found.
   *
   * @param distance ||canonicalFirst - alignedSecond||_2
   * @param permutations per hidden layer l (index l - 1): unit j of the first point is matched with
   *     unit permutations[l-1][j] of the second point's canonical form
   * @param signs per hidden layer (index l - 1): +1 or -1, the sign applied to the matched unit
   * @param canonicalFirst the canonical form of the first point
   * @param alignedSecond the canonical form of the second point, permuted and sign-flipped onto the first
   * @param sweeps sweeps over the layers performed
   */
  public record Alignment(double distance, int[][] permutations, int[][] signs, double[] canonicalFirst,
      double[] alignedSecond, int sweeps) {}

  private final Mlp model;
  private final Canonicalizer canonicalizer;

  public SymmetryDistance(Mlp model) {
    if (model == null) throw new IllegalArgumentException("SymmetryDistance model is null");
    this.model = model;
    this.canonicalizer = new Canonicalizer(model);
  }

  /** {@code align(a, b).distance()}. */
  public double distance(double[] a, double[] b) {
    return align(a, b).distance();
  }

  /**
   * Aligns b onto a.
   *
   * @param a first parameter vector, length P (not modified)
   * @param b second parameter vector, length P (not modified)
   */
  public Alignment align(double[] a, double[] b) {
    int p = model.parameterCount();
    if (b.length != p) {
      throw new IllegalArgumentException("second point has length " + b.length + ", model " + model.describe() + " has " + p);
    }
    double[] ca = canonicalizer.canonicalize(a);
    double[] cb = canonicalizer.canonicalize(b);
    int layers = model.layerCount();
    int[][] match = new int[layers + 1][];
    int[][] sign = new int[layers + 1][];
    for (int l = 0; l <= layers; l++) {
      int d = model.width(l);
      match[l] = new int[d];
      sign[l] = new int[d];
      for (int j = 0; j < d; j++) {
        match[l][j] = j;
        sign[l][j] = 1;
      }
    }
    int sweeps = 0;
    boolean improved = true;
    while (improved && sweeps < MAX_SWEEPS) {
      sweeps++;
      improved = false;
      for (int l = 1; l < layers; l++) {
        improved |= improveLayer(l, ca, cb, match, sign);
      }
    }
    double[] aligned = apply(cb, match, sign);
    double s = 0.0;
    for (int i = 0; i < p; i++) {
      double diff = ca[i] - aligned[i];
      s += diff * diff;
    }
    int[][] perms = new int[Math.max(0, layers - 1)][];
    int[][] signs = new int[Math.max(0, layers - 1)][];
    for (int l = 1; l < layers; l++) {
      perms[l - 1] = match[l].clone();
      signs[l - 1] = sign[l].clone();
    }
    return new Alignment(Math.sqrt(s), perms, signs, ca, aligned, sweeps);
  }

  /** Exact best (pi_l, s_l) given the other layers; true if it was accepted as an improvement. */
  private boolean improveLayer(int l, double[] a, double[] b, int[][] match, int[][] sign) {
    int d = model.width(l);
    int in = model.width(l - 1);
    int out = model.width(l + 1);
    boolean odd = model.activation(l).isOdd();
    boolean bias = model.bias();
    int wo = model.weightOffset(l);
    int bo = bias ? model.biasOffset(l) : -1;
    int wn = model.weightOffset(l + 1);
    // b's units with the neighbouring layers aligned: incoming (d x in) and outgoing (d x out).
    double[] bIn = new double[d * in];
    double[] bOut = new double[d * out];
    double[] normA = new double[d];
    double[] normB = new double[d];
    for (int k = 0; k < d; k++) {
      double na = 0.0;
      double nb = 0.0;
      for (int i = 0; i < in; i++) {
        double v = sign[l - 1][i] * b[wo + k * in + match[l - 1][i]];
        bIn[k * in + i] = v;
        nb += v * v;
        na += a[wo + k * in + i] * a[wo + k * in + i];
      }
      for (int r = 0; r < out; r++) {
        double v = sign[l + 1][r] * b[wn + match[l + 1][r] * d + k];
        bOut[k * out + r] = v;
        nb += v * v;
        na += a[wn + r * d + k] * a[wn + r * d + k];
      }
      if (bias) {
        nb += b[bo + k] * b[bo + k];
        na += a[bo + k] * a[bo + k];
      }
      normA[k] = na;
      normB[k] = nb;
    }
    double[] cost = new double[d * d];
    double[] cross = new double[d * d];
    int[] bestSign = new int[d * d];
    double scale = 0.0;
    for (int j = 0; j < d; j++) {
      scale += normA[j] + normB[j];
      for (int k = 0; k < d; k++) {
        double x = 0.0;
        for (int i = 0; i < in; i++) x += a[wo + j * in + i] * bIn[k * in + i];
        for (int r = 0; r < out; r++) x += a[wn + r * d + j] * bOut[k * out + r];
        if (bias) x += a[bo + j] * b[bo + k];
        int s = odd && x < 0 ? -1 : 1;
        cross[j * d + k] = x;
        cost[j * d + k] = normA[j] + normB[k] - 2.0 * s * x;
        bestSign[j * d + k] = s;
      }
    }
    double current = 0.0;
    for (int j = 0; j < d; j++) {
      int k = match[l][j];
      current += normA[j] + normB[k] - 2.0 * sign[l][j] * cross[j * d + k];
    }
    int[] sigma = Assignment.minimumCost(cost, d);
    double best = Assignment.totalCost(cost, d, sigma);
    if (!(best < current - IMPROVEMENT * scale)) {
      return false;
    }
    for (int j = 0; j < d; j++) {
      match[l][j] = sigma[j];
      sign[l][j] = bestSign[j * d + sigma[j]];
    }
    return true;
  }

  /** The canonical second point with every layer's units permuted and flipped onto the first. */
  private double[] apply(double[] b, int[][] match, int[][] sign) {
    double[] x = new double[b.length];
    for (int l = 1; l <= model.layerCount(); l++) {
      int d = model.width(l);
      int in = model.width(l - 1);
      int wo = model.weightOffset(l);
      for (int j = 0; j < d; j++) {
        int k = match[l][j];
        int s = sign[l][j];
        for (int i = 0; i < in; i++) {
          x[wo + j * in + i] = s * sign[l - 1][i] * b[wo + k * in + match[l - 1][i]];
        }
        if (model.bias()) {
          int bo = model.biasOffset(l);
          x[bo + j] = s * b[bo + k];
        }
      }
    }
    return x;
  }

  @Override
  public String toString() {
    return "SymmetryDistance[" + model.describe() + "]";
  }
}

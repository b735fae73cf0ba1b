package basin.landscape.paths;

import basin.core.model.Mlp;

/**
 * The discrete and positive-scale moves of an MLP's hidden units on a flat parameter vector
 * (layout of {@link Mlp}: W_l row-major d_l x d_{l-1}, then b_l), shared by the matchers.
 *
 * <p>A hidden unit j of layer l is its incoming row j of W_l, its bias b_l[j] and its outgoing
 * column j of W_{l+1}. Permuting the units of a hidden layer (rows, biases and columns together)
 * never changes the network function; multiplying a unit's incoming part by c &gt; 0 and dividing
 * its outgoing part by c does not for a positively homogeneous activation (ReLU, leaky ReLU,
 * linear); negating both does not for an odd one (tanh, linear).
 */
final class UnitMoves {
  private UnitMoves() {}

  /**
   * Normalizes every hidden unit's incoming vector (row of W_l and bias) to norm 1 in place, layer by
   * layer bottom-up, for positively homogeneous hidden layers only; units with a zero or non-finite
   * norm are left alone (scale 1).
   *
   * @return per hidden layer (index l - 1) the scale c_j divided out of each unit (1 where not scaled)
   */
  static double[][] normalizeScales(Mlp model, double[] x) {
    int layers = model.layerCount();
    double[][] scales = new double[Math.max(0, layers - 1)][];
    for (int l = 1; l < layers; l++) {
      int d = model.width(l);
      scales[l - 1] = new double[d];
      java.util.Arrays.fill(scales[l - 1], 1.0);
      if (!model.activation(l).isPositivelyHomogeneous()) continue;
      int in = model.width(l - 1);
      int wo = model.weightOffset(l);
      int bo = model.bias() ? model.biasOffset(l) : -1;
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int i = 0; i < in; i++) s += x[wo + j * in + i] * x[wo + j * in + i];
        if (bo >= 0) s += x[bo + j] * x[bo + j];
        double c = Math.sqrt(s);
        if (c > 0 && c < Double.POSITIVE_INFINITY) {
          scaleUnit(model, l, j, 1.0 / c, x);
          scales[l - 1][j] = c;
        }
      }
    }
    return scales;
  }

  /** Multiplies unit j of hidden layer l's incoming part by c and divides its outgoing column by c, in place. */
  static void scaleUnit(Mlp model, int l, int j, double c, double[] x) {
    int d = model.width(l);
    int in = model.width(l - 1);
    int out = model.width(l + 1);
    int wo = model.weightOffset(l);
    for (int i = 0; i < in; i++) x[wo + j * in + i] *= c;
    if (model.bias()) x[model.biasOffset(l) + j] *= c;
    int wn = model.weightOffset(l + 1);
    double inv = 1.0 / c;
    for (int r = 0; r < out; r++) x[wn + r * d + j] *= inv;
  }

  /** Multiplies every unit of every hidden layer by its scale (the inverse of {@link #normalizeScales}), in place. */
  static void applyScales(Mlp model, double[][] scales, double[] x) {
    for (int l = 1; l < model.layerCount(); l++) {
      for (int j = 0; j < model.width(l); j++) {
        if (scales[l - 1][j] != 1.0) scaleUnit(model, l, j, scales[l - 1][j], x);
      }
    }
  }

  /**
   * The point whose hidden unit j of layer l is unit perm[l-1][j] of x multiplied by sign[l-1][j]
   * (incoming row and bias by the sign, outgoing column by the sign): the same network function when
   * signs are only -1 on odd activations.
   *
   * @param x parameters (not modified)
   * @param perm per hidden layer, a permutation of its units
   * @param sign per hidden layer, +1 or -1 per unit; null for all +1
   * @return a new vector
   */
  static double[] permute(Mlp model, double[] x, int[][] perm, int[][] sign) {
    double[] y = new double[x.length];
    int layers = model.layerCount();
    for (int l = 1; l <= layers; l++) {
      int d = model.width(l);
      int in = model.width(l - 1);
      int wo = model.weightOffset(l);
      boolean hiddenOut = l < layers;
      boolean hiddenIn = l > 1;
      for (int j = 0; j < d; j++) {
        int src = hiddenOut ? perm[l - 1][j] : j;
        double s = hiddenOut && sign != null ? sign[l - 1][j] : 1.0;
        for (int i = 0; i < in; i++) {
          int srcIn = hiddenIn ? perm[l - 2][i] : i;
          double si = hiddenIn && sign != null ? sign[l - 2][i] : 1.0;
          y[wo + j * in + i] = s * si * x[wo + src * in + srcIn];
        }
        if (model.bias()) {
          int bo = model.biasOffset(l);
          y[bo + j] = s * x[bo + src];
        }
      }
    }
    return y;
  }

  /** Identity permutations (and +1 signs) of every hidden layer. */
  static int[][] identity(Mlp model, int fill) {
    int layers = model.layerCount();
    int[][] p = new int[Math.max(0, layers - 1)][];
    for (int l = 1; l < layers; l++) {
      p[l - 1] = new int[model.width(l)];
      for (int j = 0; j < p[l - 1].length; j++) p[l - 1][j] = fill < 0 ? j : fill;
    }
    return p;
  }
}

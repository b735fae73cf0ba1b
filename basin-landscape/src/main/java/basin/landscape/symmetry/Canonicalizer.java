package basin.landscape.symmetry;

import basin.core.model.Activation;
import basin.core.model.Mlp;

/**
 * Maps MLP parameters to one representative of their class under permutation of hidden units, sign
 * flips of odd units and positive rescaling of positively homogeneous units (see the package
 * documentation), so that equivalent minima get equal parameter vectors.
 *
 * <h2>Procedure</h2>
 * Hidden layers are processed bottom-up, l = 1, ..., L-1; layer l sees the incoming weights already
 * permuted, flipped and rescaled by layer l-1's step. For every unit j of layer l, with incoming
 * vector u_j = (row j of W_l, b_l[j]) (bias included when the model has biases) and outgoing column
 * o_j = column j of W_{l+1}:
 * <ol>
 *   <li><b>Scale</b> (ReLU, leaky ReLU, linear): c = ||u_j||_2; if c &gt; 0, u_j /= c and o_j *= c. A
 *       unit with u_j = 0 is left as it is.
 *   <li><b>Sign</b> (tanh, linear): if the entry of u_j with the largest magnitude (the first such
 *       entry in the order weights, then bias) is negative, u_j and o_j are negated.
 *   <li><b>Order</b>: units are sorted by u_j lexicographically (entries compared by {@link
 *       Double#compare}, weights in input order, then bias); exact ties by o_j lexicographically in
 *       the current row order of W_{l+1}; remaining ties keep their original order (stable sort).
 * </ol>
 * The output layer is left in place (its units are the fixed outputs).
 *
 * <h2>Limits</h2>
 * Sorting is exact: units whose keys differ by round-off only (near-ties in the first entry) may be
 * ordered differently in two equivalent points, and ties in u_j inside a middle layer are broken by
 * an order that later layers still permute. Use {@link SymmetryDistance}, which does not rely on the
 * order, to decide whether two points are equivalent. The sign rule is ambiguous only when two entries
 * of u_j have exactly equal magnitude, where the first wins. Linear layers are quotiented by
 * permutation, sign and scale only, not by all of GL(d_l).
 *
 * <p>Cost: O(P + sum_l d_l log d_l (d_{l-1} + d_{l+1})). NaN and Inf are not rejected: they propagate
 * (a unit with a non-finite norm is not rescaled; NaN sorts last). Immutable; thread-safe.
 */
public final class Canonicalizer {

  private final Mlp model;

  public Canonicalizer(Mlp model) {
    if (model == null) throw new IllegalArgumentException("Canonicalizer model is null");
    this.model = model;
  }

  public Mlp model() {
    return model;
  }

  /**
   * The canonical form of w.
   *
   * @param w parameters, length P (not modified)
   * @return a new array: the representative of w's class
   */
  public double[] canonicalize(double[] w) {
    int p = model.parameterCount();
    if (w.length != p) {
      throw new IllegalArgumentException("parameters have length " + w.length + ", model " + model.describe() + " has " + p);
    }
    double[] x = w.clone();
    for (int l = 1; l < model.layerCount(); l++) {
      normalizeUnits(model, l, x);
      int[] order = sortedUnits(l, x);
      permuteUnits(model, l, order, x);
    }
    return x;
  }

  /** Scale and sign steps for every unit of hidden layer l, in place. */
  static void normalizeUnits(Mlp model, int l, double[] x) {
    Activation act = model.activation(l);
    boolean homogeneous = act.isPositivelyHomogeneous();
    boolean odd = act.isOdd();
    if (!homogeneous && !odd) {
      return;
    }
    int d = model.width(l);
    int in = model.width(l - 1);
    int out = model.width(l + 1);
    int wo = model.weightOffset(l);
    int bo = model.bias() ? model.biasOffset(l) : -1;
    int wn = model.weightOffset(l + 1);
    for (int j = 0; j < d; j++) {
      if (homogeneous) {
        double norm2 = 0.0;
        for (int i = 0; i < in; i++) norm2 += x[wo + j * in + i] * x[wo + j * in + i];
        if (bo >= 0) norm2 += x[bo + j] * x[bo + j];
        double c = Math.sqrt(norm2);
        if (c > 0 && c < Double.POSITIVE_INFINITY) {
          double inv = 1.0 / c;
          for (int i = 0; i < in; i++) x[wo + j * in + i] *= inv;
          if (bo >= 0) x[bo + j] *= inv;
          for (int r = 0; r < out; r++) x[wn + r * d + j] *= c;
        }
      }
      if (odd) {
        double largest = -1.0;
        double signed = 0.0;
        for (int i = 0; i < in; i++) {
          double v = x[wo + j * in + i];
          if (Math.abs(v) > largest) {
            largest = Math.abs(v);
            signed = v;
          }
        }
        if (bo >= 0 && Math.abs(x[bo + j]) > largest) {
          signed = x[bo + j];
        }
        if (signed < 0) {
          for (int i = 0; i < in; i++) x[wo + j * in + i] = -x[wo + j * in + i];
          if (bo >= 0) x[bo + j] = -x[bo + j];
          for (int r = 0; r < out; r++) x[wn + r * d + j] = -x[wn + r * d + j];
        }
      }
    }
  }

  /** The units of layer l in canonical order (stable merge sort on the documented key). */
  private int[] sortedUnits(int l, double[] x) {
    int d = model.width(l);
    int[] order = new int[d];
    for (int j = 0; j < d; j++) order[j] = j;
    int[] buffer = new int[d];
    for (int width = 1; width < d; width <<= 1) {
      for (int lo = 0; lo < d - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, d);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          buffer[k++] = compareUnits(l, x, order[j], order[i]) < 0 ? order[j++] : order[i++];
        }
        while (i < mid) buffer[k++] = order[i++];
        while (j < hi) buffer[k++] = order[j++];
        System.arraycopy(buffer, lo, order, lo, hi - lo);
      }
    }
    return order;
  }

  private int compareUnits(int l, double[] x, int a, int b) {
    int d = model.width(l);
    int in = model.width(l - 1);
    int out = model.width(l + 1);
    int wo = model.weightOffset(l);
    for (int i = 0; i < in; i++) {
      int c = Double.compare(x[wo + a * in + i], x[wo + b * in + i]);
      if (c != 0) return c;
    }
    if (model.bias()) {
      int bo = model.biasOffset(l);
      int c = Double.compare(x[bo + a], x[bo + b]);
      if (c != 0) return c;
    }
    int wn = model.weightOffset(l + 1);
    for (int r = 0; r < out; r++) {
      int c = Double.compare(x[wn + r * d + a], x[wn + r * d + b]);
      if (c != 0) return c;
    }
    return 0;
  }

  /**
   * Reorders the units of hidden layer l in place: new unit j is old unit order[j] (rows of W_l,
   * entries of b_l, columns of W_{l+1}).
   */
  static void permuteUnits(Mlp model, int l, int[] order, double[] x) {
    int d = model.width(l);
    int in = model.width(l - 1);
    int out = model.width(l + 1);
    int wo = model.weightOffset(l);
    double[] rows = new double[d * in];
    for (int j = 0; j < d; j++) System.arraycopy(x, wo + order[j] * in, rows, j * in, in);
    System.arraycopy(rows, 0, x, wo, d * in);
    if (model.bias()) {
      int bo = model.biasOffset(l);
      double[] b = new double[d];
      for (int j = 0; j < d; j++) b[j] = x[bo + order[j]];
      System.arraycopy(b, 0, x, bo, d);
    }
    int wn = model.weightOffset(l + 1);
    double[] row = new double[d];
    for (int r = 0; r < out; r++) {
      for (int j = 0; j < d; j++) row[j] = x[wn + r * d + order[j]];
      System.arraycopy(row, 0, x, wn + r * d, d);
    }
  }
}

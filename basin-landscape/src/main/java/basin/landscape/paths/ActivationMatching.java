package basin.landscape.paths;

import basin.core.model.Mlp;
import basin.landscape.symmetry.Assignment;

/**
 * Activation matching (Ainsworth et al. 2023, section 3.1; Li et al. 2016 "Convergent learning"):
 * for each hidden layer l separately, the permutation pi_l that maximizes the summed correlation of
 * the first point's unit activations with the matched units of the second point on the same inputs,
 * <pre>
 *   max over pi_l of sum_j rho(h_j^a, h_{pi_l(j)}^b),   rho the Pearson correlation over the n inputs
 * </pre>
 * with h_j the post-activation of unit j. Permuting b's units does not change its activations, so
 * the layers decouple and each is one exact assignment ({@link Assignment} on -rho). For odd
 * activations the sign of a unit negates its activation: the assignment uses -|rho| and the sign
 * of rho. A unit whose activation is constant on the inputs correlates 0 with every unit. With
 * {@code alignScales} (see {@link WeightMatching}) positively homogeneous units of the aligned point
 * are then given the first point's incoming norms.
 *
 * <p>Cost: one forward pass of each point, n sum_l d_l d_{l-1} multiply-adds, plus n d_l^2 for the
 * correlations and d_l^3 per assignment. Non-finite activations make the assignment throw
 * IllegalArgumentException. Thread-safe (no state).
 */
public final class ActivationMatching {
  private ActivationMatching() {}

  /**
   * Aligns b onto a by the correlation of their hidden activations on {@code inputs}.
   *
   * @param model the architecture of both points
   * @param inputs row-major n x d_0 training inputs (not modified)
   * @param n number of inputs, &gt;= 2
   * @param a first point (not modified)
   * @param b second point (not modified)
   * @param alignScales whether the aligned point takes a's unit scales where the activation allows
   */
  public static Alignment align(Mlp model, double[] inputs, int n, double[] a, double[] b, boolean alignScales) {
    WeightMatching.checkLengths(model, a, b);
    if (n < 2 || inputs.length != (long) n * model.inputDim()) {
      throw new IllegalArgumentException("activation matching needs n >= 2 inputs of dimension " + model.inputDim() + ", got n = " + n
          + " and " + inputs.length + " numbers");
    }
    int layers = model.layerCount();
    int[][] perm = UnitMoves.identity(model, -1);
    int[][] sign = UnitMoves.identity(model, 1);
    double[] ha = inputs;
    double[] hb = inputs;
    for (int l = 1; l < layers; l++) {
      ha = layer(model, l, a, ha, n);
      hb = layer(model, l, b, hb, n);
      int d = model.width(l);
      double[] rho = correlations(ha, hb, n, d);
      boolean odd = model.activation(l).isOdd();
      double[] cost = new double[d * d];
      for (int i = 0; i < d * d; i++) cost[i] = odd ? -Math.abs(rho[i]) : -rho[i];
      int[] sigma = Assignment.minimumCost(cost, d);
      for (int j = 0; j < d; j++) {
        perm[l - 1][j] = sigma[j];
        sign[l - 1][j] = odd && rho[j * d + sigma[j]] < 0 ? -1 : 1;
      }
    }
    double[] aligned = UnitMoves.permute(model, b, perm, sign);
    if (alignScales) {
      double[][] scalesA = UnitMoves.normalizeScales(model, a.clone());
      UnitMoves.normalizeScales(model, aligned);
      UnitMoves.applyScales(model, scalesA, aligned);
    }
    return new Alignment(AlignmentMethod.ACTIVATION, Alignment.Status.CONVERGED, aligned, perm, sign, 1);
  }

  /** Post-activations of hidden layer l (n x d_l) from those of layer l - 1. */
  static double[] layer(Mlp model, int l, double[] w, double[] previous, int n) {
    int d = model.width(l);
    int in = model.width(l - 1);
    int wo = model.weightOffset(l);
    int bo = model.bias() ? model.biasOffset(l) : -1;
    double[] h = new double[n * d];
    for (int e = 0; e < n; e++) {
      for (int j = 0; j < d; j++) {
        double z = bo >= 0 ? w[bo + j] : 0.0;
        for (int i = 0; i < in; i++) z += w[wo + j * in + i] * previous[e * in + i];
        h[e * d + j] = model.activation(l).apply(z);
      }
    }
    return h;
  }

  /** rho[j][k]: the Pearson correlation of column j of x with column k of y (0 where either is constant). */
  static double[] correlations(double[] x, double[] y, int n, int d) {
    double[] mx = new double[d];
    double[] my = new double[d];
    for (int e = 0; e < n; e++) {
      for (int j = 0; j < d; j++) {
        mx[j] += x[e * d + j];
        my[j] += y[e * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mx[j] /= n;
      my[j] /= n;
    }
    double[] sx = new double[d];
    double[] sy = new double[d];
    double[] c = new double[d * d];
    for (int e = 0; e < n; e++) {
      for (int j = 0; j < d; j++) {
        double u = x[e * d + j] - mx[j];
        sx[j] += u * u;
        double v = y[e * d + j] - my[j];
        sy[j] += v * v;
        for (int k = 0; k < d; k++) c[j * d + k] += u * (y[e * d + k] - my[k]);
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        double den = Math.sqrt(sx[j] * sy[k]);
        c[j * d + k] = den > 0 ? c[j * d + k] / den : 0.0;
      }
    }
    return c;
  }
}

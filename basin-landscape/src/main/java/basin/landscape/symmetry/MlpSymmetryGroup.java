package basin.landscape.symmetry;

import basin.core.model.Activation;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;

/**
 * The symmetries of an MLP objective as a {@link SymmetryGroup}: the continuous part from
 * {@link MlpSymmetry} (ReLU rescaling, GL(d) of linear layers, softmax's logit shift, as the loss
 * and its L2 term allow), the canonical form of {@link Canonicalizer}, and the distance modulo unit
 * permutations, sign flips and rescaling of {@link SymmetryDistance}.
 *
 * <p>For a deep linear network (every activation linear, more than one layer) the group is GL(d_l)
 * on every hidden layer, which permutations, signs and scales do not exhaust; there the end-to-end
 * affine map W_L ... W_1 (biases composed in) is the complete invariant and the distance is the
 * Frobenius distance of the maps.
 */
public final class MlpSymmetryGroup implements SymmetryGroup {
  private final MlpSymmetry symmetry;
  private final Canonicalizer canonicalizer;
  private final SymmetryDistance alignment;
  private final boolean deepLinear;

  public MlpSymmetryGroup(MlpSymmetry symmetry) {
    if (symmetry == null) throw new IllegalArgumentException("MlpSymmetryGroup symmetry is null");
    this.symmetry = symmetry;
    Mlp model = symmetry.model();
    this.canonicalizer = new Canonicalizer(model);
    this.alignment = new SymmetryDistance(model);
    boolean linear = true;
    for (Activation a : model.activations()) linear &= a == Activation.LINEAR;
    this.deepLinear = linear && model.layerCount() > 1;
  }

  /** The group of an MLP objective: its model, l2 and loss decide the continuous part. */
  public static MlpSymmetryGroup of(MlpObjective f) {
    return new MlpSymmetryGroup(MlpSymmetry.of(f));
  }

  /** The group of the bare network function (unregularized, no loss-specific symmetry). */
  public static MlpSymmetryGroup of(Mlp model) {
    return new MlpSymmetryGroup(MlpSymmetry.of(model));
  }

  public MlpSymmetry symmetry() {
    return symmetry;
  }

  public Mlp model() {
    return symmetry.model();
  }

  @Override
  public int dimension() {
    return symmetry.model().parameterCount();
  }

  @Override
  public OrbitTangent orbitTangent(double[] w) {
    return symmetry.orbitTangent(w);
  }

  @Override
  public double[] canonicalize(double[] w) {
    return canonicalizer.canonicalize(w);
  }

  @Override
  public double distance(double[] a, double[] b) {
    if (!deepLinear) return alignment.distance(a, b);
    double[] ma = endToEnd(symmetry.model(), a);
    double[] mb = endToEnd(symmetry.model(), b);
    double s = 0;
    for (int i = 0; i < ma.length; i++) s += (ma[i] - mb[i]) * (ma[i] - mb[i]);
    return Math.sqrt(s);
  }

  /** "mlp:W0,W1,...,WL;A1,...,A(L-1);bias|nobias" (hidden activations by their labels). */
  @Override
  public String spec() {
    Mlp m = symmetry.model();
    StringBuilder b = new StringBuilder("mlp:");
    int[] widths = m.widths();
    for (int i = 0; i < widths.length; i++) b.append(i == 0 ? "" : ",").append(widths[i]);
    b.append(';');
    Activation[] hidden = m.activations();
    for (int l = 0; l < hidden.length; l++) b.append(l == 0 ? "" : ",").append(hidden[l].label());
    return b.append(';').append(m.bias() ? "bias" : "nobias").toString();
  }

  @Override
  public String describe() {
    return deepLinear ? "GL(d) of every hidden layer (end-to-end map)" : symmetry.toString();
  }

  /** The affine map of a linear network as a d_L x (d_0 + 1) matrix [M | c], row-major. */
  static double[] endToEnd(Mlp model, double[] w) {
    int d0 = model.inputDim();
    int cols = d0 + 1;
    double[] m = new double[d0 * cols];
    for (int i = 0; i < d0; i++) m[i * cols + i] = 1.0; // identity map, zero offset
    for (int l = 1; l <= model.layerCount(); l++) {
      int o = model.width(l);
      int in = model.width(l - 1);
      double[] next = new double[o * cols];
      for (int j = 0; j < o; j++) {
        for (int c = 0; c < cols; c++) {
          double s = (c == d0 && model.bias()) ? w[model.biasOffset(l) + j] : 0.0;
          for (int k = 0; k < in; k++) s += w[model.weightOffset(l) + j * in + k] * m[k * cols + c];
          next[j * cols + c] = s;
        }
      }
      m = next;
    }
    return m;
  }
}

package basin.landscape.symmetry;

import basin.core.model.Activation;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.Arrays;

/**
 * The continuous symmetries of an MLP's loss: the Lie group G acting on parameters with f(g w) =
 * f(w), and the zero Hessian eigenvalues it forces at critical points.
 *
 * <h2>Why symmetries give zero modes</h2>
 * If f(exp(t X) w) = f(w) for all t, differentiating once gives grad f(w) . xi(w) = 0 with the
 * generator xi(w) = d/dt exp(t X) w at t = 0, and differentiating again H(w) xi(w) = -J_xi(w)^T
 * grad f(w). At a critical point every generator is a null vector of the Hessian, so the nullity is
 * at least the dimension of the orbit tangent space T_w = span{xi(w)}. Away from a critical point
 * the generators are near-null vectors with Rayleigh quotient O(||grad f||).
 *
 * <h2>Generators (unregularized loss)</h2>
 * Per hidden layer l (width d_l, input width d_{l-1}, output width d_{l+1}):
 * <ul>
 *   <li>ReLU, leaky ReLU: one rescaling per unit j, xi = (row j of W_l, b_l[j], -column j of W_{l+1}):
 *       d_l generators.
 *   <li>linear: gl(d_l), for each matrix unit E_ab the generator (E_ab W_l, E_ab b_l, -W_{l+1} E_ab):
 *       d_l^2 generators, plus with biases the d_l translations (0, e_a, 0, -W_{l+1} e_a).
 *   <li>tanh, sigmoid, softplus: none (tanh has only the discrete sign flip).
 * </ul>
 * and, for softmax cross-entropy, the logit shift: d_{L-1} generators (all rows of W_L + e_i) plus
 * one (all of b_L + 1) with biases. {@link #generatorCount()} is the total, the dimension of G.
 *
 * <h2>With L2 (lambda &gt; 0)</h2>
 * Only O(d_l) of each linear hidden layer survives (see the package documentation): d_l (d_l - 1)/2
 * generators (E_ab - E_ba, a &lt; b) per linear hidden layer, nothing else.
 *
 * <h2>Orbit dimension</h2>
 * The generators can be dependent at a given point: a unit whose weights are all zero has a zero
 * rescaling generator; a linear layer wider than both neighbours has a gl(d_l) kernel of dimension
 * (d_l - d_{l-1})(d_l - d_{l+1}); consecutive linear layers can share kernel directions.
 * {@link #orbitDimension(double[])} is therefore computed numerically at the point: the rank of the
 * generators (see {@link OrbitTangent}). It equals {@link #generatorCount()} at generic points of
 * networks whose linear hidden layers are each no wider than the layer before them (for example:
 * ReLU networks; a 2-layer linear network with hidden width &lt;= input width). It is the number of zero
 * Hessian eigenvalues the symmetries explain at a critical point.
 *
 * <p>Immutable; thread-safe.
 */
public final class MlpSymmetry {

  private final Mlp model;
  private final boolean regularized;
  private final boolean logitShift;

  /**
   * @param model the architecture
   * @param regularized whether the loss has an L2 term with lambda &gt; 0 (breaks all but O(d_l))
   * @param logitShift whether the loss is invariant under adding the same number to every output
   *     (softmax cross-entropy)
   */
  public MlpSymmetry(Mlp model, boolean regularized, boolean logitShift) {
    if (model == null) throw new IllegalArgumentException("MlpSymmetry model is null");
    this.model = model;
    this.regularized = regularized;
    this.logitShift = logitShift;
  }

  /** The symmetries of the bare network function (unregularized, no loss-specific symmetry). */
  public static MlpSymmetry of(Mlp model) {
    return new MlpSymmetry(model, false, false);
  }

  /** The symmetries of an MLP objective: its model, whether l2 &gt; 0, and softmax's logit shift. */
  public static MlpSymmetry of(MlpObjective f) {
    return new MlpSymmetry(f.model(), f.l2() > 0, f.loss() == Loss.SOFTMAX_CROSS_ENTROPY);
  }

  public Mlp model() {
    return model;
  }

  public boolean regularized() {
    return regularized;
  }

  public boolean logitShift() {
    return logitShift;
  }

  /** The dimension of the continuous symmetry group: the number of generators (see class comment). */
  public int generatorCount() {
    int count = 0;
    boolean bias = model.bias();
    for (int l = 1; l < model.layerCount(); l++) {
      Activation act = model.activation(l);
      int d = model.width(l);
      if (act == Activation.LINEAR) {
        count += regularized ? d * (d - 1) / 2 : d * d + (bias ? d : 0);
      } else if (act.isPositivelyHomogeneous() && !regularized) {
        count += d;
      }
    }
    if (logitShift && !regularized) {
      count += model.width(model.layerCount() - 1) + (bias ? 1 : 0);
    }
    return count;
  }

  /**
   * The orbit tangent space at w: the span of the generators evaluated at w.
   *
   * <p>Cost: O(sum over parameters of (generators touching it)^2) to form the Gram matrix of the
   * normalized generators (for ReLU networks about 2 P), plus an eigendecomposition of that g x g
   * matrix, g = {@link #generatorCount()}: O(g^3).
   *
   * @param w parameters, length P (not modified)
   * @throws IllegalArgumentException if w has the wrong length or a non-finite entry
   */
  public OrbitTangent orbitTangent(double[] w) {
    int p = model.parameterCount();
    if (w.length != p) {
      throw new IllegalArgumentException("parameters have length " + w.length + ", model " + model.describe() + " has " + p);
    }
    for (int i = 0; i < p; i++) {
      if (!Double.isFinite(w[i])) {
        throw new IllegalArgumentException("parameter " + i + " is " + w[i] + ", the orbit tangent needs a finite point");
      }
    }
    Generators g = new Generators(generatorCount(), p);
    boolean bias = model.bias();
    for (int l = 1; l < model.layerCount(); l++) {
      Activation act = model.activation(l);
      int d = model.width(l);
      int in = model.width(l - 1);
      int out = model.width(l + 1);
      int wo = model.weightOffset(l);
      int bo = bias ? model.biasOffset(l) : -1;
      int wn = model.weightOffset(l + 1);
      int bn = bias ? model.biasOffset(l + 1) : -1;
      if (act == Activation.LINEAR) {
        if (!regularized) {
          for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
              // E_ab: row a of W_l gets row b; column b of W_{l+1} gets -column a.
              for (int i = 0; i < in; i++) g.add(wo + a * in + i, w[wo + b * in + i]);
              if (bias) g.add(bo + a, w[bo + b]);
              for (int r = 0; r < out; r++) g.add(wn + r * d + b, -w[wn + r * d + a]);
              g.close();
            }
          }
          if (bias) {
            for (int a = 0; a < d; a++) {
              g.add(bo + a, 1.0);
              for (int r = 0; r < out; r++) g.add(bn + r, -w[wn + r * d + a]);
              g.close();
            }
          }
        } else {
          for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
              // E_ab - E_ba.
              for (int i = 0; i < in; i++) {
                g.add(wo + a * in + i, w[wo + b * in + i]);
                g.add(wo + b * in + i, -w[wo + a * in + i]);
              }
              if (bias) {
                g.add(bo + a, w[bo + b]);
                g.add(bo + b, -w[bo + a]);
              }
              for (int r = 0; r < out; r++) {
                g.add(wn + r * d + b, -w[wn + r * d + a]);
                g.add(wn + r * d + a, w[wn + r * d + b]);
              }
              g.close();
            }
          }
        }
      } else if (act.isPositivelyHomogeneous() && !regularized) {
        for (int j = 0; j < d; j++) {
          for (int i = 0; i < in; i++) g.add(wo + j * in + i, w[wo + j * in + i]);
          if (bias) g.add(bo + j, w[bo + j]);
          for (int r = 0; r < out; r++) g.add(wn + r * d + j, -w[wn + r * d + j]);
          g.close();
        }
      }
    }
    if (logitShift && !regularized) {
      int last = model.layerCount();
      int in = model.width(last - 1);
      int k = model.width(last);
      int wo = model.weightOffset(last);
      for (int i = 0; i < in; i++) {
        for (int o = 0; o < k; o++) g.add(wo + o * in + i, 1.0);
        g.close();
      }
      if (bias) {
        int bo = model.biasOffset(last);
        for (int o = 0; o < k; o++) g.add(bo + o, 1.0);
        g.close();
      }
    }
    return OrbitTangent.of(p, g.count, g.start, g.index, g.value);
  }

  /** {@code orbitTangent(w).dimension()}: the zero Hessian eigenvalues explained at a critical point w. */
  public int orbitDimension(double[] w) {
    return orbitTangent(w).dimension();
  }

  @Override
  public String toString() {
    return "MlpSymmetry[" + model.describe() + (regularized ? ", L2" : "") + (logitShift ? ", logit shift" : "")
        + ", generators=" + generatorCount() + "]";
  }

  /** Sparse generator vectors in compressed rows, filled one generator at a time. */
  private static final class Generators {
    final int[] start;
    int[] index;
    double[] value;
    int count;
    int nnz;

    Generators(int capacity, int p) {
      start = new int[capacity + 1];
      index = new int[Math.max(16, 2 * p)];
      value = new double[index.length];
    }

    void add(int i, double v) {
      if (nnz == index.length) {
        index = Arrays.copyOf(index, 2 * nnz);
        value = Arrays.copyOf(value, 2 * nnz);
      }
      index[nnz] = i;
      value[nnz] = v;
      nnz++;
    }

    void close() {
      count++;
      start[count] = nnz;
    }
  }
}

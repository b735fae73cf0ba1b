package basin.core.model;

import java.util.Arrays;

/**
 * Architecture of a multilayer perceptron: layer widths d_0 (inputs), d_1, ..., d_L (outputs), one
 * activation per hidden layer, and whether each layer has a bias. The output layer is affine; the
 * loss applies its own link (softmax, logistic) to it.
 *
 * <p>With no hidden layer this is linear or logistic regression; with all-linear activations it is a
 * deep linear network.
 *
 * <h2>Parameter layout</h2>
 * All parameters live in one flat {@code double[]}, layer after layer. Layer l (1-based, mapping
 * d_{l-1} inputs to d_l outputs) stores its weight matrix W_l row-major (d_l rows, d_{l-1} columns,
 * so W_l[j][i] connects input i to unit j and sits at {@code weightOffset(l) + j * d_{l-1} + i}),
 * followed, when biases are on, by its bias vector b_l (d_l entries at {@code biasOffset(l)}).
 * This is the layout of PyTorch's {@code nn.Linear.weight} and {@code .bias}, flattened in order.
 *
 * @param widths d_0, ..., d_L; length >= 2, every entry >= 1
 * @param activations one per hidden layer (length L - 1)
 * @param bias whether every layer has a bias
 */
public record Mlp(int[] widths, Activation[] activations, boolean bias) {

  public Mlp {
    if (widths == null || widths.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least an input and an output width, got " + Arrays.toString(widths));
    }
    for (int w : widths) {
      if (w < 1) throw new IllegalArgumentException("layer widths must be >= 1, got " + Arrays.toString(widths));
    }
    if (activations == null || activations.length != widths.length - 2) {
      throw new IllegalArgumentException("an MLP with " + (widths.length - 2) + " hidden layers needs as many activations, got "
          + (activations == null ? 0 : activations.length));
    }
    widths = widths.clone();
    activations = activations.clone();
  }

  /** An MLP whose hidden layers all use the same activation. */
  public static Mlp of(Activation hidden, boolean bias, int... widths) {
    Activation[] acts = new Activation[Math.max(0, widths.length - 2)];
    Arrays.fill(acts, hidden);
    return new Mlp(widths, acts, bias);
  }

  @Override
  public int[] widths() {
    return widths.clone();
  }

  @Override
  public Activation[] activations() {
    return activations.clone();
  }

  /** Number of affine layers L. */
  public int layerCount() {
    return widths.length - 1;
  }

  /** d_l, for l in [0, L]. */
  public int width(int l) {
    return widths[l];
  }

  public int inputDim() {
    return widths[0];
  }

  public int outputDim() {
    return widths[widths.length - 1];
  }

  /** Activation of hidden layer l, for l in [1, L-1]. */
  public Activation activation(int l) {
    return activations[l - 1];
  }

  /** Total number of parameters P. */
  public int parameterCount() {
    int p = 0;
    for (int l = 1; l < widths.length; l++) {
      p += widths[l] * widths[l - 1] + (bias ? widths[l] : 0);
    }
    return p;
  }

  /** Offset of W_l in the flat parameter vector, l in [1, L]. */
  public int weightOffset(int l) {
    int off = 0;
    for (int k = 1; k < l; k++) {
      off += widths[k] * widths[k - 1] + (bias ? widths[k] : 0);
    }
    return off;
  }

  /** Offset of b_l, l in [1, L]; only meaningful when {@link #bias()} is true. */
  public int biasOffset(int l) {
    return weightOffset(l) + widths[l] * widths[l - 1];
  }

  /** A short description such as "10-10-1 relu, bias". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) sb.append('-');
      sb.append(widths[i]);
    }
    if (activations.length > 0) {
      boolean same = true;
      for (Activation a : activations) same &= a == activations[0];
      sb.append(' ');
      if (same) {
        sb.append(activations[0].label());
      } else {
        for (int i = 0; i < activations.length; i++) {
          if (i > 0) sb.append(',');
          sb.append(activations[i].label());
        }
      }
    }
    sb.append(bias ? ", bias" : ", no bias");
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mlp m && bias == m.bias && Arrays.equals(widths, m.widths) && Arrays.equals(activations, m.activations);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(widths) + Arrays.hashCode(activations) + (bias ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Mlp[" + describe() + "]";
  }
}

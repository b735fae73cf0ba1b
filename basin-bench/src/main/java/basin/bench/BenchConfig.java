package basin.bench;

import basin.core.model.Activation;
import basin.core.model.Loss;
import basin.core.model.Mlp;

/**
 * The three problem sizes of the performance issue. Inputs are seeded Gaussians and labels or
 * targets are random: the timings do not depend on the values.
 *
 * <ul>
 *   <li>A: 10-10-1 ReLU, bias, MSE, n = 1000 (121 parameters): small-network overhead.
 *   <li>B: 64-32-10 tanh, bias, softmax cross-entropy, n = 1797 (2410 parameters): digits-sized.
 *   <li>C: 784-256-256-10 ReLU, bias, softmax cross-entropy, n = 10000 (269,322 parameters):
 *       MNIST-sized, dominated by matrix products.
 * </ul>
 */
public enum BenchConfig {
  A(Activation.RELU, Loss.MSE, 1000, true, 10, 10, 1),
  B(Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 1797, true, 64, 32, 10),
  C(Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY, 10000, true, 784, 256, 256, 10);

  private final Activation activation;
  private final Loss loss;
  private final int examples;
  private final boolean bias;
  private final int[] widths;

  BenchConfig(Activation activation, Loss loss, int examples, boolean bias, int... widths) {
    this.activation = activation;
    this.loss = loss;
    this.examples = examples;
    this.bias = bias;
    this.widths = widths;
  }

  public Mlp model() {
    return Mlp.of(activation, bias, widths);
  }

  public Activation activation() {
    return activation;
  }

  public Loss loss() {
    return loss;
  }

  /** Number of examples n. */
  public int examples() {
    return examples;
  }

  public boolean bias() {
    return bias;
  }

  public int[] widths() {
    return widths.clone();
  }

  /** Whether the dense P x P Hessian is part of this configuration's benchmarks (A and B only). */
  public boolean hasDenseHessian() {
    return this != C;
  }

  /**
   * Floating-point operations of the matrix products in one loss-and-gradient evaluation: the
   * forward pass 2 n sum_l d_l d_{l-1}, the weight gradients as much again, and the input
   * gradients of every layer but the first (nobody needs dL/dx) 2 n sum_{l>=2} d_l d_{l-1}.
   * Elementwise work (bias, activation, softmax) is not counted. The usual rough figure 6 n P
   * counts the first layer's input gradient too.
   */
  public double gradientFlops() {
    double forward = 0;
    double inputGradients = 0;
    for (int l = 1; l < widths.length; l++) {
      double mac = (double) widths[l] * widths[l - 1];
      forward += mac;
      if (l > 1) inputGradients += mac;
    }
    return 2.0 * examples * (2 * forward + inputGradients);
  }
}

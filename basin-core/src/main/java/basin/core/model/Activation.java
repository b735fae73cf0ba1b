package basin.core.model;

import java.util.Locale;

/**
 * Elementwise activation functions of hidden units, with their first and second derivatives (the
 * second derivative enters the exact Hessian through Pearlmutter's R-operator).
 *
 * <p>ReLU and leaky ReLU are not differentiable at 0; there the derivative is taken from the left
 * (0 for ReLU, the slope for leaky ReLU) and the second derivative is 0, as in PyTorch.
 */
public enum Activation {
  /** sigma(z) = z. */
  LINEAR(true),
  /** sigma(z) = tanh z; sigma' = 1 - t^2; sigma'' = -2 t (1 - t^2). */
  TANH(true),
  /** sigma(z) = 1 / (1 + e^-z); sigma' = s (1 - s); sigma'' = s (1 - s)(1 - 2 s). */
  SIGMOID(false),
  /** sigma(z) = max(0, z). */
  RELU(false),
  /** sigma(z) = z for z > 0, {@link #LEAKY_SLOPE} z otherwise. */
  LEAKY_RELU(false),
  /** sigma(z) = log(1 + e^z), computed stably; sigma' = sigmoid(z). */
  SOFTPLUS(false);

  /** Slope of leaky ReLU for negative inputs (PyTorch's default). */
  public static final double LEAKY_SLOPE = 0.01;

  private final boolean odd;

  Activation(boolean odd) {
    this.odd = odd;
  }

  /** Whether sigma(-z) = -sigma(z), which makes the sign of a hidden unit a symmetry. */
  public boolean isOdd() {
    return odd;
  }

  /** Whether sigma(c z) = c sigma(z) for c > 0, which makes positive rescaling a symmetry. */
  public boolean isPositivelyHomogeneous() {
    return this == RELU || this == LEAKY_RELU || this == LINEAR;
  }

  /** Whether the function has kinks (points where it is not twice differentiable). */
  public boolean hasKinks() {
    return this == RELU || this == LEAKY_RELU;
  }

  /** sigma(z). */
  public double apply(double z) {
    switch (this) {
      case LINEAR: return z;
      case TANH: return tanh(z);
      case SIGMOID: return sigmoid(z);
      case RELU: return z > 0 ? z : 0.0;
      case LEAKY_RELU: return z > 0 ? z : LEAKY_SLOPE * z;
      case SOFTPLUS: return softplus(z);
      default: throw new AssertionError(this);
    }
  }

  /**
   * a[i] = sigma(z[i]), d1[i] = sigma'(z[i]) and, when d2 is not null, d2[i] = sigma''(z[i]) for
   * i in [0, len). z is not modified; a may alias z.
   */
  public void forward(double[] z, double[] a, double[] d1, double[] d2, int len) {
    switch (this) {
      case LINEAR:
        if (a != z) System.arraycopy(z, 0, a, 0, len);
        java.util.Arrays.fill(d1, 0, len, 1.0);
        if (d2 != null) java.util.Arrays.fill(d2, 0, len, 0.0);
        break;
      case TANH:
        for (int i = 0; i < len; i++) {
          double t = tanh(z[i]);
          double g = 1.0 - t * t;
          a[i] = t;
          d1[i] = g;
          if (d2 != null) d2[i] = -2.0 * t * g;
        }
        break;
      case SIGMOID:
        for (int i = 0; i < len; i++) {
          double s = sigmoid(z[i]);
          double g = s * (1.0 - s);
          a[i] = s;
          d1[i] = g;
          if (d2 != null) d2[i] = g * (1.0 - 2.0 * s);
        }
        break;
      case RELU:
        // branch-free: a random mix of signs makes a branch mispredict; ceil(min(a, 1)) is 1 for
        // a > 0 and 0 for a = 0 (the left derivative at the kink), and compiles to min/round
        for (int i = 0; i < len; i++) {
          double v = Math.max(z[i], 0.0);
          a[i] = v;
          d1[i] = Math.ceil(Math.min(v, 1.0));
        }
        if (d2 != null) java.util.Arrays.fill(d2, 0, len, 0.0);
        break;
      case LEAKY_RELU:
        for (int i = 0; i < len; i++) {
          double v = z[i];
          a[i] = Math.max(v, LEAKY_SLOPE * v);
          d1[i] = LEAKY_SLOPE + (1.0 - LEAKY_SLOPE) * Math.ceil(Math.min(Math.max(v, 0.0), 1.0));
        }
        if (d2 != null) java.util.Arrays.fill(d2, 0, len, 0.0);
        break;
      case SOFTPLUS:
        for (int i = 0; i < len; i++) {
          double v = z[i];
          double s = sigmoid(v);
          a[i] = softplus(v);
          d1[i] = s;
          if (d2 != null) d2[i] = s * (1.0 - s);
        }
        break;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * d2[i] = sigma''(z[i]) from the values a[i] = sigma(z[i]) and d1[i] = sigma'(z[i]) that
   * {@link #forward} left, without z: -2 a sigma' (tanh), sigma' (1 - 2 a) (sigmoid), sigma' (1 -
   * sigma') (softplus, whose sigma' is the logistic function), 0 for the piecewise-linear ones.
   */
  public void secondDerivative(double[] a, double[] d1, double[] d2, int len) {
    switch (this) {
      case TANH:
        for (int i = 0; i < len; i++) d2[i] = -2.0 * a[i] * d1[i];
        break;
      case SIGMOID:
        for (int i = 0; i < len; i++) d2[i] = d1[i] * (1.0 - 2.0 * a[i]);
        break;
      case SOFTPLUS:
        for (int i = 0; i < len; i++) d2[i] = d1[i] * (1.0 - d1[i]);
        break;
      default:
        java.util.Arrays.fill(d2, 0, len, 0.0);
    }
  }

  /** Whether sigma'' is identically zero, so second-derivative terms can be skipped. */
  public boolean isPiecewiseLinear() {
    return this == LINEAR || this == RELU || this == LEAKY_RELU;
  }

  /**
   * tanh z within 2 ulps of {@link StrictMath#tanh} (checked by ActivationTest) and about five
   * times faster than {@link Math#tanh}, which is not a JIT intrinsic while {@link Math#exp} is. For
   * |z| < 0.625 the rational approximation z + z^3 P(z^2) / Q(z^2) of S. Moshier's Cephes library
   * (tanh.c); beyond, sign(z) (1 - 2 / (e^{2|z|} + 1)), which saturates to +-1 without overflow.
   * NaN gives NaN.
   */
  public static double tanh(double z) {
    double x = Math.abs(z);
    if (x < 0.625) {
      double s = z * z;
      double p = (-9.64399179425052238628E-1 * s - 9.92877231001918586564E1) * s - 1.61468768441708447952E3;
      double q = ((s + 1.12811678491632931402E2) * s + 2.23548839060100448583E3) * s + 4.84406305325125486048E3;
      return z + z * s * p / q;
    }
    double t = 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    return z < 0 ? -t : t;
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** Parses a name such as "relu", "leaky-relu", "leaky_relu", "tanh" (case-insensitive). */
  public static Activation parse(String name) {
    String k = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (k.equals("LEAKYRELU")) k = "LEAKY_RELU";
    if (k.equals("IDENTITY")) k = "LINEAR";
    for (Activation a : values()) {
      if (a.name().equals(k)) return a;
    }
    throw new IllegalArgumentException("unknown activation '" + name + "', expected one of linear, tanh, sigmoid, relu, leaky-relu, softplus");
  }

  /** The lower-case hyphenated name used in specs and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

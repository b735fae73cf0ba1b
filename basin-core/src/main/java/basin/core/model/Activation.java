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
  /** sigma(z) = tanh z; sigma' = 1 - t^2 (computed without cancellation, see tanhForward); sigma'' = -2 t sigma'. */
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
        tanhForward(z, a, d1, len);
        if (d2 != null) {
          for (int i = 0; i < len; i++) d2[i] = -2.0 * a[i] * d1[i];
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

  // ---------------------------------------------------------------- tanh

  // Cephes (S. Moshier, tanh.c) rational approximation tanh y = y + y s P(s) / Q(s), s = y^2, for
  // |y| < 0.625; the numerator y (Q(s) + s P(s)) is written as y R(s) with R = Q + s P.
  private static final double P0 = -9.64399179425052238628E-1;
  private static final double P1 = -9.92877231001918586564E1;
  private static final double P2 = -1.61468768441708447952E3;
  private static final double Q1 = 1.12811678491632931402E2;
  private static final double Q2 = 2.23548839060100448583E3;
  private static final double Q3 = 4.84406305325125486048E3;
  private static final double R0 = 1.0 + P0;
  private static final double R1 = P1 + Q1;
  private static final double R2 = P2 + Q2;
  /** tanh z rounds to +-1 for |z| > 19.06; clamping at 20 keeps y = z / 32 inside Cephes' range. */
  private static final double TANH_CLAMP = 20.0;
  /** Elements per chunk of {@link #tanhForward}: its four passes then run on data in L1. */
  private static final int TANH_CHUNK = 512;

  /**
   * tanh z, the scalar form of {@link #tanhForward} (bit for bit the same operations, so a network's
   * output does not depend on which of the two computed it).
   */
  public static double tanh(double z) {
    double y = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, z)) * 0.03125;
    double s = y * y;
    double n = y * (((s * R0 + R1) * s + R2) * s + Q3);
    double m = ((s + Q1) * s + Q2) * s + Q3 - Math.abs(n);
    for (int k = 0; k < 5; k++) {
      n = 2 * n * (Math.abs(n) + m);
      m = m * m;
    }
    return n * (1.0 / (Math.abs(n) + m));
  }

  /**
   * a = tanh z and d1 = tanh' z = 1 - tanh^2 z, branch-free, in loops that the JIT vectorizes
   * (about 1.3 ns per element on AVX-512, against 10-15 ns for a scalar tanh with a branch and an
   * exp). Method: argument halving. With y = clamp(z, +-20) / 32, tanh y = n / (n + m) where n = y
   * R(s) is Cephes' numerator and m = Q(s) - |n| (so that n + m is its denominator, for y >= 0).
   * The double-angle formula tanh 2y = 2 tanh y / (1 + tanh^2 y) becomes, in these terms,
   * <pre>
   *   n' = 2 n (|n| + m),   m' = m^2      (and then again n' + m' = (n + m)^2 + n^2)
   * </pre>
   * applied five times (y -> 32 y = z). Carrying m, the distance of the denominator from the
   * numerator, instead of the denominator itself makes 1 - |tanh z| = m / (|n| + m) exact to a few
   * ulps even where it is far below one ulp of 1: the result is exactly +-1 once m drops below half
   * an ulp of |n|, and
   * <pre>
   *   tanh' z = 1 - tanh^2 z = m (2 |n| + m) / (|n| + m)^2
   * </pre>
   * keeps full relative accuracy in saturation, where 1 - t^2 would cancel to nothing (measured:
   * tanh within 8 ulps of {@link StrictMath#tanh}, 98% within 3; tanh' within 2e-14 relative for |z|
   * < 19; checked by ActivationTest). The double-angle step shrinks relative errors, so the five steps
   * do not amplify the approximation's. The passes are split so that each loop body stays small
   * enough for C2's superword vectorizer; a may alias z.
   */
  static void tanhForward(double[] z, double[] a, double[] d1, int len) {
    for (int c0 = 0; c0 < len; c0 += TANH_CHUNK) {
      int end = Math.min(len, c0 + TANH_CHUNK);
      for (int i = c0; i < end; i++) {
        double y = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, z[i])) * 0.03125;
        double s = y * y;
        double n = y * (((s * R0 + R1) * s + R2) * s + Q3);
        a[i] = n;
        d1[i] = ((s + Q1) * s + Q2) * s + Q3 - Math.abs(n);
      }
      for (int i = c0; i < end; i++) {
        double n = a[i];
        double m = d1[i];
        n = 2 * n * (Math.abs(n) + m);
        m = m * m;
        n = 2 * n * (Math.abs(n) + m);
        m = m * m;
        n = 2 * n * (Math.abs(n) + m);
        m = m * m;
        a[i] = n;
        d1[i] = m;
      }
      for (int i = c0; i < end; i++) {
        double n = a[i];
        double m = d1[i];
        n = 2 * n * (Math.abs(n) + m);
        m = m * m;
        n = 2 * n * (Math.abs(n) + m);
        m = m * m;
        a[i] = n;
        d1[i] = m;
      }
      for (int i = c0; i < end; i++) {
        double n = a[i];
        double m = d1[i];
        double an = Math.abs(n);
        double inv = 1.0 / (an + m);
        a[i] = n * inv;
        d1[i] = m * (an + an + m) * inv * inv;
      }
    }
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

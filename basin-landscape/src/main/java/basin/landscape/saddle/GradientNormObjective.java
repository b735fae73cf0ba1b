package basin.landscape.saddle;

import basin.core.Objective;

/**
 * The squared gradient norm of an objective f as an objective of its own:
 *
 * <pre>
 *   phi(w) = |grad f(w)|^2 / 2,    grad phi(w) = H(w) grad f(w)
 * </pre>
 *
 * with H the Hessian of f. Every critical point of f is a global minimum of phi (phi = 0), whatever
 * its index; phi also has minima where g = grad f(w) is nonzero but lies in the null space of H
 * (H g = 0): the gradient-flat points of Frye, Simon, Wadia, DeWeese &amp; Bouchard, "Critical point-finding
 * methods reveal gradient-flat regions of deep network losses", Neural Computation 33 (2021) 1469-1497.
 *
 * <p>Cost: {@link #value} one gradient of f; {@link #valueAndGradient} one gradient and one exact
 * Hessian-vector product of f.
 *
 * <p><b>Hessian-vector products are not exact.</b> The Hessian of phi is H H + D^3 f[g], with a
 * third-derivative term that {@link Objective} does not provide; {@link #hessianVectorProduct}
 * returns the central difference (grad phi(w + h v) - grad phi(w - h v)) / (2 h), h = 2^-17 (1 +
 * |w|) / |v| (error O(h^2) plus rounding O(eps / h)), two gradients and two Hessian-vector products
 * of f. The saddle package minimizes phi by L-BFGS, which never calls it; do not use phi with a
 * method that relies on exact second derivatives.
 *
 * <p>NaN and Inf propagate from f. Holds two workspaces: not thread-safe; {@link #copy()} copies f.
 */
public final class GradientNormObjective implements Objective {
  private static final double DIFFERENCE_STEP = 0x1p-17;

  private final Objective f;
  private final double[] gradient;
  private final double[] shifted;
  private final double[] plus;

  /** @param f the objective whose gradient norm is minimized (used from the calling thread only) */
  public GradientNormObjective(Objective f) {
    if (f == null) throw new IllegalArgumentException("GradientNormObjective objective is null");
    this.f = f;
    int p = f.dimension();
    this.gradient = new double[p];
    this.shifted = new double[p];
    this.plus = new double[p];
  }

  /** The objective f. */
  public Objective objective() {
    return f;
  }

  @Override
  public int dimension() {
    return f.dimension();
  }

  /** phi(w) = |grad f(w)|^2 / 2; one gradient of f. */
  @Override
  public double value(double[] w) {
    f.valueAndGradient(w, gradient);
    return 0.5 * squaredNorm(gradient);
  }

  /** phi(w) and H(w) grad f(w); one gradient and one Hessian-vector product of f. */
  @Override
  public double valueAndGradient(double[] w, double[] out) {
    f.valueAndGradient(w, gradient);
    f.hessianVectorProduct(w, gradient, out);
    return 0.5 * squaredNorm(gradient);
  }

  /** A central finite difference of grad phi (see the class comment): <b>not exact</b>. */
  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    int p = w.length;
    double vNorm = Math.sqrt(squaredNorm(v));
    if (vNorm == 0) {
      java.util.Arrays.fill(result, 0.0);
      return;
    }
    double h = DIFFERENCE_STEP * (1.0 + Math.sqrt(squaredNorm(w))) / vNorm;
    for (int i = 0; i < p; i++) shifted[i] = w[i] + h * v[i];
    valueAndGradient(shifted, plus);
    for (int i = 0; i < p; i++) shifted[i] = w[i] - h * v[i];
    valueAndGradient(shifted, result);
    for (int i = 0; i < p; i++) result[i] = (plus[i] - result[i]) / (2 * h);
  }

  @Override
  public Objective copy() {
    return new GradientNormObjective(f.copy());
  }

  private static double squaredNorm(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return s;
  }
}

package basin.core;

/**
 * A twice-differentiable scalar function of a flat parameter vector: the loss of a model on a data
 * set plus its regularization, or a closed-form objective.
 *
 * <p>The optimizers, the start pipeline, the spectra and the certifier's smooth rules talk to this
 * interface only, so an objective written in closed form plugs in exactly like a neural network.
 * What needs the network's structure asks for more: the kink refinement of ReLU networks and the
 * structured dense Hessians need an {@code MlpObjective}, and symmetries come with the objective's
 * {@code SymmetryGroup} (basin-landscape).
 *
 * <p>Implementations hold reusable workspaces and are <b>not</b> thread-safe. Use {@link #copy()} to
 * obtain an independent instance for another thread; copies share immutable data (the data set,
 * the architecture) and own their workspaces.
 *
 * <p>NaN and Inf: an implementation never throws on non-finite parameters; it returns NaN or Inf
 * values and lets the caller (an optimizer) declare the run diverged.
 */
public interface Objective {

  /** Number of parameters P. */
  int dimension();

  /**
   * f(w).
   *
   * @param w parameters, length P (not modified)
   */
  double value(double[] w);

  /**
   * f(w) and its gradient.
   *
   * @param w parameters, length P (not modified)
   * @param gradient output, length P (overwritten with the gradient of f at w)
   * @return f(w)
   */
  double valueAndGradient(double[] w, double[] gradient);

  /**
   * The exact Hessian-vector product H(w) v, where H is the Hessian of f at w.
   *
   * @param w parameters, length P (not modified)
   * @param v direction, length P (not modified)
   * @param result output, length P (overwritten with H(w) v)
   */
  void hessianVectorProduct(double[] w, double[] v, double[] result);

  /**
   * The dense Hessian H(w), row-major P x P, symmetric. The default implementation applies
   * {@link #hessianVectorProduct} to the P unit vectors and symmetrizes; implementations with
   * structure override it with something faster.
   *
   * @param w parameters, length P (not modified)
   * @param hessian output, length P*P (overwritten)
   */
  default void hessian(double[] w, double[] hessian) {
    int p = dimension();
    if (hessian.length != (long) p * p) {
      throw new IllegalArgumentException("hessian has length " + hessian.length + ", expected " + ((long) p * p));
    }
    double[] e = new double[p];
    double[] column = new double[p];
    for (int j = 0; j < p; j++) {
      e[j] = 1.0;
      hessianVectorProduct(w, e, column);
      e[j] = 0.0;
      for (int i = 0; i < p; i++) {
        hessian[i * p + j] = column[i];
      }
    }
    symmetrize(hessian, p);
  }

  /** An independent instance for use on another thread (may return {@code this} when stateless). */
  Objective copy();

  /** Replaces H by (H + H^T) / 2 in place; H is row-major p x p. */
  static void symmetrize(double[] h, int p) {
    for (int i = 0; i < p; i++) {
      for (int j = i + 1; j < p; j++) {
        double s = 0.5 * (h[i * p + j] + h[j * p + i]);
        h[i * p + j] = s;
        h[j * p + i] = s;
      }
    }
  }
}

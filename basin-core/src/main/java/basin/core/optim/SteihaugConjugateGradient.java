package basin.core.optim;

import basin.core.linalg.Vectors;
/**
 * Approximate solution of the trust-region subproblem min m(p) = g'p + (1/2) p'Hp subject to ||p||
 * &lt;= Delta by truncated conjugate gradients (Steihaug 1983; Toint 1981; Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., Alg. 7.2), using only Hessian-vector products.
 *
 * <p>CG on Hp = -g from p = 0 stops when the residual ||g + Hp|| drops below the given tolerance
 * (interior step), when an iterate would leave the region (step to the boundary along the current
 * direction), or when a direction of non-positive curvature d'Hd &lt;= 0 appears (step to the
 * boundary along d, choosing of the two boundary points the one with the lower model value). Hp
 * is accumulated alongside p, so the model value costs no extra product.
 *
 * <p>Cost: one Hessian-vector product per CG iteration. A non-finite curvature d'Hd stops the
 * solve with {@link #nonFinite()} set.
 *
 * <p>One instance per optimizer run; it owns 5 workspace vectors of length P.
 */
final class SteihaugConjugateGradient {
  private final CountedObjective objective;
  private final int maxIterations;
  private final double[] step;
  private final double[] hessianStep;
  private final double[] residual;
  private final double[] direction;
  private final double[] hessianDirection;
  private boolean onBoundary;
  private boolean negativeCurvature;
  private boolean nonFinite;
  private int iterations;

  SteihaugConjugateGradient(CountedObjective objective, int maxIterations) {
    this.objective = objective;
    this.maxIterations = maxIterations;
    int p = objective.dimension();
    step = new double[p];
    hessianStep = new double[p];
    residual = new double[p];
    direction = new double[p];
    hessianDirection = new double[p];
  }

  /**
   * Solves the subproblem at x.
   *
   * @param x point at which H is taken (not modified)
   * @param g gradient at x (not modified)
   * @param gradientNorm ||g||
   * @param radius trust radius Delta &gt; 0
   * @param tolerance residual tolerance for an interior step, &gt;= 0
   */
  void solve(double[] x, double[] g, double gradientNorm, double radius, double tolerance) {
    int p = g.length;
    onBoundary = false;
    negativeCurvature = false;
    nonFinite = false;
    iterations = 0;
    for (int i = 0; i < p; i++) {
      step[i] = 0.0;
      hessianStep[i] = 0.0;
      residual[i] = g[i];
      direction[i] = -g[i];
    }
    double rr = gradientNorm * gradientNorm;
    if (gradientNorm <= tolerance) {
      return;
    }
    double radius2 = radius * radius;
    double stepStep = 0.0;
    while (iterations < maxIterations) {
      objective.hessianVectorProduct(x, direction, hessianDirection);
      iterations++;
      double curvature = Vectors.dot(direction, hessianDirection);
      if (!Double.isFinite(curvature)) {
        nonFinite = true;
        return;
      }
      double stepDirection = Vectors.dot(step, direction);
      double directionDirection = Vectors.dot(direction, direction);
      if (curvature <= 0) {
        negativeCurvature = true;
        double slope = Vectors.dot(residual, direction);
        moveToBoundary(stepStep, stepDirection, directionDirection, radius2, slope, curvature, true);
        return;
      }
      double alpha = rr / curvature;
      double nextStepStep = stepStep + 2 * alpha * stepDirection + alpha * alpha * directionDirection;
      if (nextStepStep >= radius2) {
        moveToBoundary(stepStep, stepDirection, directionDirection, radius2, Double.NaN, curvature, false);
        return;
      }
      for (int i = 0; i < p; i++) {
        step[i] += alpha * direction[i];
        hessianStep[i] += alpha * hessianDirection[i];
        residual[i] += alpha * hessianDirection[i];
      }
      stepStep = Vectors.dot(step, step);
      double rrNext = Vectors.dot(residual, residual);
      if (Math.sqrt(rrNext) <= tolerance) {
        return;
      }
      double beta = rrNext / rr;
      for (int i = 0; i < p; i++) {
        direction[i] = -residual[i] + beta * direction[i];
      }
      rr = rrNext;
    }
  }

  /**
   * p += tau d with ||p + tau d|| = Delta. With positive curvature the positive root; with
   * non-positive curvature the root of lower model change tau slope + (1/2) tau^2 curvature.
   */
  private void moveToBoundary(double stepStep, double stepDirection, double directionDirection, double radius2,
      double slope, double curvature, boolean chooseByModel) {
    // Roots of dd tau^2 + 2 sd tau + (ss - Delta^2) = 0; ss <= Delta^2, so they have opposite signs.
    double c = stepStep - radius2;
    double discriminant = Math.max(stepDirection * stepDirection - directionDirection * c, 0.0);
    double q = -(stepDirection + Math.copySign(Math.sqrt(discriminant), stepDirection));
    double tau1 = q / directionDirection;
    double tau2 = q == 0 ? -tau1 : c / q;
    double tauPositive = Math.max(tau1, tau2);
    double tau = tauPositive;
    if (chooseByModel) {
      double tauNegative = Math.min(tau1, tau2);
      double modelPositive = tauPositive * slope + 0.5 * tauPositive * tauPositive * curvature;
      double modelNegative = tauNegative * slope + 0.5 * tauNegative * tauNegative * curvature;
      if (modelNegative < modelPositive) {
        tau = tauNegative;
      }
    }
    for (int i = 0; i < step.length; i++) {
      step[i] += tau * direction[i];
      hessianStep[i] += tau * hessianDirection[i];
    }
    onBoundary = true;
  }

  /** The step p (workspace, overwritten by the next solve). */
  double[] step() {
    return step;
  }

  /** H p (workspace, overwritten by the next solve). */
  double[] hessianStep() {
    return hessianStep;
  }

  /** Whether p lies on the trust-region boundary. */
  boolean onBoundary() {
    return onBoundary;
  }

  /** Whether a direction of non-positive curvature was found. */
  boolean negativeCurvature() {
    return negativeCurvature;
  }

  /** Whether a Hessian-vector product was non-finite (p is then unusable). */
  boolean nonFinite() {
    return nonFinite;
  }

  /** CG iterations (= Hessian-vector products) of the last solve. */
  int iterations() {
    return iterations;
  }
}

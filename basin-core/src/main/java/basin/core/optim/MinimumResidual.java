package basin.core.optim;

import basin.core.linalg.Vectors;

/**
 * MINRES (Paige &amp; Saunders 1975) for a symmetric, possibly indefinite or singular system H p = b,
 * using only products H v, in the recurrence of Choi, Paige &amp; Saunders (2011, "MINRES-QLP: a
 * Krylov subspace method for indefinite or singular symmetric systems", SIAM J. Sci. Comput. 33(4),
 * Table 2.5 / Alg. 1).
 *
 * <p>From p_0 = 0, iterate t minimizes ||b - H p|| over the Krylov space K_t(H, b). Lanczos gives
 * H V_t = V_{t+1} T_t; Givens rotations (c_t, s_t) factor T_t; with phi_0 = ||b||:
 *
 * <pre>
 *   delta2_t = c_{t-1} delta1_t + s_{t-1} alpha_t      gamma1_t = s_{t-1} delta1_t - c_{t-1} alpha_t
 *   eps_{t+1} = s_{t-1} beta_{t+1}                     delta1_{t+1} = -c_{t-1} beta_{t+1}
 *   gamma2_t = sqrt(gamma1_t^2 + beta_{t+1}^2)         c_t = gamma1_t / gamma2_t, s_t = beta_{t+1} / gamma2_t
 *   tau_t = c_t phi_{t-1},  phi_t = s_t phi_{t-1} = ||r_t||
 *   d_t = (v_t - delta2_t d_{t-1} - eps_t d_{t-2}) / gamma2_t,   p_t = p_{t-1} + tau_t d_t
 *   r_t = s_t^2 r_{t-1} - phi_t c_t v_{t+1}
 * </pre>
 * (c_0 = -1, s_0 = 0). The residual r_t = b - H p_t is carried, so H p_t = b - r_t costs no product.
 *
 * <p>Tests made along the way, as in Liu &amp; Roosta (2022, "MINRES: from negative curvature
 * detection to monotonicity properties", SIAM J. Optim. 32(4), Thm. 3.3 and Sec. 3.2):
 * <ul>
 *   <li>nonpositive curvature of the previous residual, r_{t-1}' H r_{t-1} = -c_{t-1} gamma1_t
 *       phi_{t-1}^2 &lt;= 0, is recorded ({@link #nonpositiveCurvature()}) and the solve goes on (an
 *       indefinite system is solved like any other: this is what lets Newton-MR converge to saddles);
 *   <li>incompatibility: ||H r_{t-1}|| = phi_{t-1} sqrt(gamma1_t^2 + delta1_{t+1}^2) &lt;= omega ||H||
 *       ||r_{t-1}|| with ||r_{t-1}|| above the residual tolerance means b is (numerically) not in the
 *       range of H: the solve stops with p_{t-1}, which minimizes ||b - H p||, lifted to the
 *       pseudo-inverse solution p - (p'r / r'r) r (Liu, Milzarek &amp; Roosta 2023, "Obtaining
 *       pseudo-inverse solutions with MINRES", lifting step) since r is then a null vector of H.
 * </ul>
 * ||H|| is estimated from below by the largest column norm of the Lanczos matrix seen.
 *
 * <p>Cost: one Hessian-vector product per iteration, 7 workspace vectors of length P (allocated
 * once per instance). The solution p_t is in the range of H plus span(b), so for a compatible
 * singular system the result is the minimum-norm solution.
 *
 * <p>NaN and Inf: a non-finite product ends the solve with {@link Outcome#NON_FINITE} (p unusable).
 */
final class MinimumResidual {

  /** How a solve ended. */
  enum Outcome {
    /** ||b - H p|| &lt;= the residual tolerance. */
    CONVERGED,
    /** H is singular and b has a part outside its range; p is the lifted least-squares solution. */
    INCOMPATIBLE,
    /** The Krylov space became invariant (beta = 0): p is exact in it, residual above tolerance. */
    KRYLOV_EXHAUSTED,
    /** The iteration cap was reached; p is the last iterate. */
    MAX_ITERATIONS,
    /** A Hessian-vector product was NaN or infinite. */
    NON_FINITE
  }

  /** Multiplication by a symmetric matrix. */
  interface SymmetricOperator {
    /** out = H v (v not modified). */
    void apply(double[] v, double[] out);
  }

  private final int maxIterations;
  private final double[] solution;
  private final double[] residual;
  private final double[] vPrevious;
  private final double[] v;
  private final double[] hv;
  private final double[] dPrevious;
  private final double[] dPrevious2;
  private Outcome outcome;
  private int iterations;
  private int firstNonpositiveCurvature;
  private double residualNorm;

  /**
   * @param dimension P, the length of the vectors
   * @param maxIterations Hessian-vector products per solve, &gt;= 1
   */
  MinimumResidual(int dimension, int maxIterations) {
    this.maxIterations = maxIterations;
    solution = new double[dimension];
    residual = new double[dimension];
    vPrevious = new double[dimension];
    v = new double[dimension];
    hv = new double[dimension];
    dPrevious = new double[dimension];
    dPrevious2 = new double[dimension];
  }

  /**
   * Solves H p = b from p = 0.
   *
   * @param h the operator
   * @param b right-hand side (not modified)
   * @param tolerance stop when ||b - H p|| &lt;= this (absolute), &gt;= 0
   * @param incompatibilityTolerance relative tolerance of the incompatibility test ||H r|| &lt;= this
   *     ||H|| ||r||, in [0, 1)
   * @return how the solve ended; {@link #solution()} and {@link #residual()} hold p and b - H p
   */
  Outcome solve(SymmetricOperator h, double[] b, double tolerance, double incompatibilityTolerance) {
    int p = b.length;
    iterations = 0;
    firstNonpositiveCurvature = -1;
    double beta = Vectors.norm(b);
    for (int i = 0; i < p; i++) {
      solution[i] = 0;
      residual[i] = b[i];
      vPrevious[i] = 0;
      dPrevious[i] = 0;
      dPrevious2[i] = 0;
    }
    residualNorm = beta;
    if (!Double.isFinite(beta)) return outcome = Outcome.NON_FINITE;
    if (beta <= tolerance) return outcome = Outcome.CONVERGED;
    for (int i = 0; i < p; i++) v[i] = b[i] / beta;
    double phi = beta;
    double c = -1;
    double s = 0;
    double delta1 = 0;
    double epsilon = 0;
    double betaPrevious = 0;
    double normEstimate = 0;
    while (true) {
      if (iterations >= maxIterations) return outcome = Outcome.MAX_ITERATIONS;
      h.apply(v, hv);
      iterations++;
      double alpha = Vectors.dot(v, hv);
      for (int i = 0; i < p; i++) hv[i] -= alpha * v[i] + beta * vPrevious[i];
      // hv is now beta_{t+1} v_{t+1}
      double betaNext = Vectors.norm(hv);
      if (!Double.isFinite(alpha) || !Double.isFinite(betaNext)) return outcome = Outcome.NON_FINITE;
      normEstimate = Math.max(normEstimate, Math.sqrt(betaPrevious * betaPrevious + alpha * alpha + betaNext * betaNext));
      betaPrevious = beta;
      double delta2 = c * delta1 + s * alpha;
      double gamma1 = s * delta1 - c * alpha;
      double epsilonNext = s * betaNext;
      double delta1Next = -c * betaNext;
      if (-c * gamma1 <= 0 && firstNonpositiveCurvature < 0) {
        firstNonpositiveCurvature = iterations; // r_{t-1}' H r_{t-1} <= 0
      }
      // ||H r_{t-1}|| relative to ||H|| ||r_{t-1}||: b outside range(H) when small and r not small.
      double hResidual = phi * Math.hypot(gamma1, delta1Next);
      if (hResidual <= incompatibilityTolerance * normEstimate * phi) {
        lift();
        return outcome = Outcome.INCOMPATIBLE;
      }
      double gamma2 = Math.hypot(gamma1, betaNext);
      double cNext;
      double sNext;
      double tau;
      if (gamma2 > 0) {
        cNext = gamma1 / gamma2;
        sNext = betaNext / gamma2;
        tau = cNext * phi;
      } else {
        // gamma1 = beta_{t+1} = 0: T is singular on an invariant Krylov space; no update possible.
        lift();
        return outcome = Outcome.INCOMPATIBLE;
      }
      double phiNext = sNext * phi;
      double scaleResidual = sNext * sNext;
      double scaleV = betaNext > 0 ? -phiNext * cNext / betaNext : 0.0;
      for (int i = 0; i < p; i++) {
        double d = (v[i] - delta2 * dPrevious[i] - epsilon * dPrevious2[i]) / gamma2;
        dPrevious2[i] = dPrevious[i];
        dPrevious[i] = d;
        solution[i] += tau * d;
        residual[i] = scaleResidual * residual[i] + scaleV * hv[i];
      }
      phi = phiNext;
      residualNorm = phi;
      c = cNext;
      s = sNext;
      delta1 = delta1Next;
      epsilon = epsilonNext;
      if (phi <= tolerance) return outcome = Outcome.CONVERGED;
      if (betaNext == 0) return outcome = Outcome.KRYLOV_EXHAUSTED;
      for (int i = 0; i < p; i++) {
        vPrevious[i] = v[i];
        v[i] = hv[i] / betaNext;
      }
      beta = betaNext;
    }
  }

  /** p -= (p'r / r'r) r: removes the part of p along the (null-space) residual. */
  private void lift() {
    double rr = Vectors.dot(residual, residual);
    if (rr > 0) {
      double scale = Vectors.dot(solution, residual) / rr;
      for (int i = 0; i < solution.length; i++) solution[i] -= scale * residual[i];
    }
  }

  /** p (workspace, overwritten by the next solve). */
  double[] solution() {
    return solution;
  }

  /**
   * r = b - H p (workspace, overwritten by the next solve); carried by recurrence, so it drifts from
   * the true residual by round-off only.
   */
  double[] residual() {
    return residual;
  }

  /** ||r|| as given by the recurrence (phi). */
  double residualNorm() {
    return residualNorm;
  }

  /** How the last solve ended. */
  Outcome outcome() {
    return outcome;
  }

  /** Hessian-vector products of the last solve. */
  int iterations() {
    return iterations;
  }

  /** Whether some residual r_{t-1} had r'Hr &lt;= 0 in the last solve. */
  boolean nonpositiveCurvature() {
    return firstNonpositiveCurvature >= 0;
  }

  /** The iteration t at which r_{t-1}'H r_{t-1} &lt;= 0 was first seen, or -1. */
  int firstNonpositiveCurvature() {
    return firstNonpositiveCurvature;
  }
}

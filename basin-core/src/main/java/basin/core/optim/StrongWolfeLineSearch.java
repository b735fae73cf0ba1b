package basin.core.optim;

import basin.core.linalg.Vectors;
/**
 * Line search for a step a &gt; 0 along a descent direction d satisfying the strong Wolfe conditions
 * (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Alg. 3.5 bracketing and Alg. 3.6
 * zoom, cubic interpolation eq. 3.59):
 *
 * <pre>
 *   phi(a) &lt;= phi(0) + c1 a phi'(0)        (sufficient decrease)
 *   |phi'(a)| &lt;= c2 |phi'(0)|             (curvature)
 * </pre>
 * where phi(a) = f(x + a d) and phi'(a) = grad f(x + a d) . d. Every trial costs one gradient
 * evaluation.
 *
 * <p><b>Round-off.</b> Near a minimizer with f* far from 0, phi(a) - phi(0) falls below the
 * round-off of f and the value tests become coin flips. When |phi(a) - phi(0)| &lt;= eps_f =
 * {@code valueRoundoff} |phi(0)|, the decrease is replaced by the trapezoid estimate (a/2)(phi'(0) +
 * phi'(a)), exact for quadratics and free of cancellation; with it the sufficient-decrease test is the
 * "approximate Wolfe" condition of Hager &amp; Zhang (2005, "A new conjugate gradient method with
 * guaranteed descent and an efficient line search", SIAM J. Optim. 16(1), eq. 4.1), and zoom uses
 * secant steps on phi' instead of cubic interpolation. In addition any trial whose full gradient
 * norm is already within the optimizer's gradient tolerance is accepted at once (if it does not
 * increase f), so a line search never fails at a point that is in fact converged.
 *
 * <p><b>NaN and Inf.</b> A trial with a non-finite value or gradient is treated as a step that is
 * too long: it becomes the upper end of the bracket and zoom bisects towards the last good step.
 *
 * <p><b>Failure.</b> When the evaluation budget is used up or the bracket shrinks below the
 * resolution of the iterate, the best step found so far is accepted if it satisfies sufficient
 * decrease ({@link Outcome#SUFFICIENT_DECREASE}); otherwise the search fails and says why.
 *
 * <p>One instance per optimizer run; it owns its workspaces (4 vectors of length P).
 */
final class StrongWolfeLineSearch {

  /** How a search ended. The first three carry an accepted step. */
  enum Outcome {
    /** Both strong Wolfe conditions hold at the accepted step. */
    WOLFE,
    /** The accepted trial already satisfies the gradient tolerance. */
    GRADIENT_TOLERANCE,
    /** Budget or bracket exhausted; the accepted step satisfies sufficient decrease only. */
    SUFFICIENT_DECREASE,
    /** No finite trial beyond a = 0 satisfied sufficient decrease, and non-finite values were met. */
    FAILED_NON_FINITE,
    /** The bracket shrank below the resolution of x without an acceptable step. */
    FAILED_INTERVAL_COLLAPSED,
    /** The evaluation budget was used up without an acceptable step. */
    FAILED_EVALUATION_BUDGET;

    boolean accepted() {
      return this == WOLFE || this == GRADIENT_TOLERANCE || this == SUFFICIENT_DECREASE;
    }
  }

  /** Safeguard: an interpolated zoom step must lie this fraction of the bracket inside its ends. */
  private static final double INTERPOLATION_MARGIN = 0.1;
  /** Extrapolation in the bracketing phase grows the step by a factor in [1.1, 4] of the last increase. */
  private static final double EXTRAPOLATION_MIN = 1.1;
  private static final double EXTRAPOLATION_MAX = 4.0;
  /** Relative resolution below which two steps are indistinguishable. */
  private static final double STEP_RESOLUTION = 0x1p-52;
  /** Steps are capped here so that extrapolation on an unbounded function stays finite. */
  private static final double MAX_STEP = 1e100;

  private final CountedObjective objective;
  private final double c1;
  private final double c2;
  private final double valueRoundoff;
  private final double gradientTolerance;
  private final int maxEvaluations;

  private double[] trialPoint;
  private double[] trialGradient;
  private double[] bestPoint;
  private double[] bestGradient;

  // Last trial.
  private double trialValue;
  private double trialSlope;
  private double trialGradientNorm;
  private boolean trialFinite;
  private boolean trialRoundoff;

  // Best step so far that satisfies sufficient decrease (the lower end of the bracket when > 0).
  private double bestValue;
  private double bestGradientNorm;

  // Accepted step.
  private double[] acceptedPoint;
  private double[] acceptedGradient;
  private double acceptedValue;
  private double acceptedGradientNorm;
  private double acceptedStep;
  private int evaluations;

  StrongWolfeLineSearch(CountedObjective objective, double c1, double c2, double valueRoundoff,
      double gradientTolerance, int maxEvaluations) {
    this.objective = objective;
    this.c1 = c1;
    this.c2 = c2;
    this.valueRoundoff = valueRoundoff;
    this.gradientTolerance = gradientTolerance;
    this.maxEvaluations = maxEvaluations;
    int p = objective.dimension();
    trialPoint = new double[p];
    trialGradient = new double[p];
    bestPoint = new double[p];
    bestGradient = new double[p];
  }

  /**
   * Searches along d from x.
   *
   * @param x current iterate (not modified)
   * @param f0 f(x), finite
   * @param d search direction (not modified), with slope0 = grad f(x) . d &lt; 0
   * @param slope0 phi'(0), negative
   * @param initialStep first trial step, &gt; 0
   */
  Outcome search(double[] x, double f0, double[] d, double slope0, double initialStep) {
    evaluations = 0;
    double epsF = valueRoundoff * Math.abs(f0);
    double xScale = Vectors.maxAbs(x);
    double dScale = Vectors.maxAbs(d);
    boolean sawNonFinite = false;

    // Bracket ends: lo always satisfies sufficient decrease (a = 0 trivially).
    double aLo = 0.0;
    double decreaseLo = 0.0;
    double slopeLo = slope0;
    boolean roundoffLo = true;
    double aHi = 0.0;
    double decreaseHi = 0.0;
    double slopeHi = 0.0;
    boolean finiteHi = true;
    boolean roundoffHi = false;

    double a = Math.min(initialStep, MAX_STEP);
    // Bracketing phase (Alg. 3.5).
    while (true) {
      if (evaluations >= maxEvaluations) {
        return fail(aLo, sawNonFinite, Outcome.FAILED_EVALUATION_BUDGET);
      }
      evaluate(x, d, a);
      if (!trialFinite) {
        sawNonFinite = true;
        aHi = a;
        finiteHi = false;
        break;
      }
      double decrease = decrease(a, f0, slope0, epsF);
      if (trialGradientNorm <= gradientTolerance && decrease <= 0) {
        return acceptTrial(a, Outcome.GRADIENT_TOLERANCE);
      }
      if (decrease > c1 * a * slope0 || decrease >= decreaseLo) {
        aHi = a;
        decreaseHi = decrease;
        slopeHi = trialSlope;
        finiteHi = true;
        roundoffHi = trialRoundoff;
        break;
      }
      if (Math.abs(trialSlope) <= -c2 * slope0) {
        return acceptTrial(a, Outcome.WOLFE);
      }
      if (trialSlope >= 0) {
        aHi = aLo;
        decreaseHi = decreaseLo;
        slopeHi = slopeLo;
        finiteHi = true;
        roundoffHi = roundoffLo;
        keepTrialAsBest();
        aLo = a;
        decreaseLo = decrease;
        slopeLo = trialSlope;
        roundoffLo = trialRoundoff;
        break;
      }
      double next = extrapolate(aLo, decreaseLo, slopeLo, a, decrease, trialSlope);
      keepTrialAsBest();
      aLo = a;
      decreaseLo = decrease;
      slopeLo = trialSlope;
      roundoffLo = trialRoundoff;
      if (aLo >= MAX_STEP) {
        return acceptBest(aLo, Outcome.SUFFICIENT_DECREASE);
      }
      a = Math.min(next, MAX_STEP);
    }

    // Zoom phase (Alg. 3.6).
    while (true) {
      if (evaluations >= maxEvaluations) {
        return fail(aLo, sawNonFinite, Outcome.FAILED_EVALUATION_BUDGET);
      }
      double width = Math.abs(aHi - aLo);
      if (width <= STEP_RESOLUTION * Math.max(aLo, aHi) || width * dScale <= STEP_RESOLUTION * xScale) {
        return fail(aLo, sawNonFinite, Outcome.FAILED_INTERVAL_COLLAPSED);
      }
      double aj = interpolate(aLo, decreaseLo, slopeLo, roundoffLo, aHi, decreaseHi, slopeHi, finiteHi, roundoffHi);
      evaluate(x, d, aj);
      if (!trialFinite) {
        sawNonFinite = true;
        aHi = aj;
        finiteHi = false;
        continue;
      }
      double decrease = decrease(aj, f0, slope0, epsF);
      if (trialGradientNorm <= gradientTolerance && decrease <= 0) {
        return acceptTrial(aj, Outcome.GRADIENT_TOLERANCE);
      }
      if (decrease > c1 * aj * slope0 || decrease >= decreaseLo) {
        aHi = aj;
        decreaseHi = decrease;
        slopeHi = trialSlope;
        finiteHi = true;
        roundoffHi = trialRoundoff;
      } else {
        if (Math.abs(trialSlope) <= -c2 * slope0) {
          return acceptTrial(aj, Outcome.WOLFE);
        }
        if (trialSlope * (aHi - aLo) >= 0) {
          aHi = aLo;
          decreaseHi = decreaseLo;
          slopeHi = slopeLo;
          finiteHi = true;
          roundoffHi = roundoffLo;
        }
        keepTrialAsBest();
        aLo = aj;
        decreaseLo = decrease;
        slopeLo = trialSlope;
        roundoffLo = trialRoundoff;
      }
    }
  }

  /** Point of the accepted step (a workspace of this line search: copy before the next search). */
  double[] acceptedPoint() {
    return acceptedPoint;
  }

  /** Gradient at the accepted point (a workspace: copy before the next search). */
  double[] acceptedGradient() {
    return acceptedGradient;
  }

  double acceptedValue() {
    return acceptedValue;
  }

  double acceptedGradientNorm() {
    return acceptedGradientNorm;
  }

  double acceptedStep() {
    return acceptedStep;
  }

  /** Gradient evaluations spent by the last search. */
  int evaluations() {
    return evaluations;
  }

  private void evaluate(double[] x, double[] d, double a) {
    double[] point = trialPoint;
    for (int i = 0; i < point.length; i++) {
      point[i] = x[i] + a * d[i];
    }
    evaluations++;
    trialValue = objective.valueAndGradient(point, trialGradient);
    trialGradientNorm = Vectors.norm(trialGradient);
    trialSlope = Vectors.dot(trialGradient, d);
    trialFinite = Double.isFinite(trialValue) && Double.isFinite(trialGradientNorm) && Double.isFinite(trialSlope);
  }

  /** phi(a) - phi(0), or its trapezoid estimate when the difference is round-off. */
  private double decrease(double a, double f0, double slope0, double epsF) {
    double difference = trialValue - f0;
    trialRoundoff = Math.abs(difference) <= epsF;
    return trialRoundoff ? 0.5 * a * (slope0 + trialSlope) : difference;
  }

  private void keepTrialAsBest() {
    double[] t = bestPoint;
    bestPoint = trialPoint;
    trialPoint = t;
    t = bestGradient;
    bestGradient = trialGradient;
    trialGradient = t;
    bestValue = trialValue;
    bestGradientNorm = trialGradientNorm;
  }

  private Outcome acceptTrial(double a, Outcome outcome) {
    acceptedPoint = trialPoint;
    acceptedGradient = trialGradient;
    acceptedValue = trialValue;
    acceptedGradientNorm = trialGradientNorm;
    acceptedStep = a;
    return outcome;
  }

  private Outcome acceptBest(double a, Outcome outcome) {
    acceptedPoint = bestPoint;
    acceptedGradient = bestGradient;
    acceptedValue = bestValue;
    acceptedGradientNorm = bestGradientNorm;
    acceptedStep = a;
    return outcome;
  }

  private Outcome fail(double aLo, boolean sawNonFinite, Outcome reason) {
    if (aLo > 0) {
      return acceptBest(aLo, Outcome.SUFFICIENT_DECREASE);
    }
    return sawNonFinite ? Outcome.FAILED_NON_FINITE : reason;
  }

  /** Next trial beyond a (previous step a0): the cubic minimizer clamped to [1.1, 4] times the last increase. */
  private static double extrapolate(double a0, double f0, double s0, double a, double f, double s) {
    double increase = a - a0;
    double lower = a + EXTRAPOLATION_MIN * increase;
    double upper = a + EXTRAPOLATION_MAX * increase;
    double c = cubicMinimizer(a0, f0, s0, a, f, s);
    if (!(c >= lower)) {
      return Double.isNaN(c) ? upper : lower;
    }
    return Math.min(c, upper);
  }

  /** Zoom trial inside the bracket: cubic (or, in the round-off regime, secant on phi'), else bisection. */
  private static double interpolate(double aLo, double fLo, double sLo, boolean roundoffLo,
      double aHi, double fHi, double sHi, boolean finiteHi, boolean roundoffHi) {
    double lower = Math.min(aLo, aHi);
    double upper = Math.max(aLo, aHi);
    double margin = INTERPOLATION_MARGIN * (upper - lower);
    double a = Double.NaN;
    if (finiteHi) {
      if (roundoffLo && roundoffHi) {
        double ds = sHi - sLo;
        if (ds != 0) {
          a = aLo - sLo * (aHi - aLo) / ds;
        }
      } else {
        a = cubicMinimizer(aLo, fLo, sLo, aHi, fHi, sHi);
      }
    }
    if (!(a >= lower + margin && a <= upper - margin)) {
      a = lower + 0.5 * (upper - lower);
    }
    return a;
  }

  /**
   * Minimizer of the cubic interpolating (a, fa, sa) and (b, fb, sb) (Nocedal &amp; Wright eq. 3.59),
   * NaN when the cubic has no local minimizer.
   */
  static double cubicMinimizer(double a, double fa, double sa, double b, double fb, double sb) {
    double d1 = sa + sb - 3.0 * (fa - fb) / (a - b);
    double discriminant = d1 * d1 - sa * sb;
    if (!(discriminant >= 0)) {
      return Double.NaN;
    }
    double d2 = Math.copySign(Math.sqrt(discriminant), b - a);
    double denominator = sb - sa + 2.0 * d2;
    if (denominator == 0) {
      return Double.NaN;
    }
    return b - (b - a) * (sb + d2 - d1) / denominator;
  }
}

package basin.landscape.certify;

import basin.core.optim.OptimizationResult;
import basin.landscape.spectral.HessianSpectrum;
import java.util.Arrays;

/**
 * The verdict on one point, with the numbers it rests on. Produced by {@link Certifier}.
 *
 * <p>When no spectrum was computed (classification DIVERGED or NOT_CONVERGED) the spectral fields
 * are empty: {@code smallestEigenvalues} has length 0, {@code largestEigenvalue} and {@code
 * eigenvalueTolerance} are NaN, the counts and {@code symmetryZeroModes} are -1 and {@code method}
 * is null.
 *
 * @param classification the verdict
 * @param dimension P
 * @param value f(w) (NaN or Inf when diverged)
 * @param gradientNorm ||grad f(w)||_2 (NaN when w is not finite)
 * @param gradientTolerance the critical-point tolerance used
 * @param smallestEigenvalues a few smallest Hessian eigenvalues, ascending, <b>after removing the
 *     {@code symmetryZeroModes} explained zero modes</b>: DENSE, the full spectrum without the
 *     symmetryZeroModes eigenvalues of smallest magnitude (by INERTIA, see {@link
 *     Certifier.DenseMethod}: Lanczos Ritz values as for LANCZOS); LANCZOS, the smallest
 *     eigenvalues of the Hessian restricted to the orthogonal complement of the symmetry orbit. At an exact critical
 *     point the two agree (the orbit tangent is then an invariant subspace with eigenvalue 0).
 * @param largestEigenvalue lambda_max, the sharpness
 * @param negativeCount eigenvalues below -eigenvalueTolerance: exact for DENSE; for LANCZOS a
 *     lower bound (by Cauchy interlacing, even when Lanczos did not converge)
 * @param zeroCount eigenvalues within +-eigenvalueTolerance, symmetry modes included: exact for
 *     DENSE; for LANCZOS symmetryZeroModes plus the near-zero Ritz values found, a lower bound
 * @param positiveCount eigenvalues above eigenvalueTolerance: exact for DENSE; for LANCZOS the
 *     remainder P - negativeCount - zeroCount, an upper bound
 * @param eigenvalueTolerance the absolute zero threshold used: relative tolerance times max(1,
 *     |lambda_max|)
 * @param symmetryZeroModes zero eigenvalues explained by continuous symmetries (the orbit dimension
 *     at w, {@link basin.landscape.symmetry.MlpSymmetry#orbitDimension}); 0 without a model
 * @param method how the spectrum was computed; null when none was. DENSE covers both dense
 *     methods of {@link Certifier.DenseMethod} (exact counts from the dense Hessian: its
 *     eigendecomposition or the inertia of its shifted factorizations)
 * @param spectrumConverged true for DENSE by eigendecomposition; for LANCZOS, and for DENSE by
 *     inertia, whether Lanczos met its tolerance (if not, a LANCZOS minimum classification is
 *     provisional: the Ritz values are upper bounds on the smallest eigenvalues; by inertia the
 *     counts stay exact, but lambda_max, hence the zero threshold, is a lower estimate)
 * @param hessianVectorProducts Hessian-vector products spent by Lanczos (0 for DENSE by
 *     eigendecomposition)
 * @param optimizerStatus the status the optimizer reported for w, or null if none was given
 * @param point the certified point: w itself, or for a point refined onto a kink manifold (see
 *     {@link Certifier}, docs/kinks.md) the refined point, to which value, gradientNorm and the
 *     spectrum refer
 * @param activeKinks |K|, the number of (example, unit) pairs whose pre-activation is zero at the
 *     certified point and whose kink the certificate accounts for; 0 for smooth certificates
 * @param clearance for a network whose first hidden layer has kinks (ReLU, leaky ReLU) and which
 *     the certifier analyses on kinks (see {@link Certifier}): the distance, in parameter units, from
 *     the certified point to the nearest kink hyperplane z_q = 0 of a pair <i>not</i> in K, the
 *     radius of the ball in which the certificate's local model (one piece arrangement) holds; at
 *     least 1e-8 max(1, ||point||) for every certified critical point of such a network. +Inf for a
 *     network with smooth activations only (no kinks) or when every pair is active; NaN when not
 *     measured (no spectrum, an objective that is not a network, kinks in deeper layers)
 *
 * <p>At a kink point (a refined certificate) the fields read: gradientNorm is the Clarke
 * stationarity residual ||(I - P_U) g|| (the distance of 0 from the subdifferential when the
 * multipliers lie in the box); the eigenvalues are those of the Hessian restricted to the kink
 * manifold with the symmetry directions removed, N^T H N; negativeCount adds the concave kinks
 * (with the multiplier inside (0, 1), as certified: descent on both sides) to its negative
 * eigenvalues; zeroCount is symmetryZeroModes plus its zero
 * eigenvalues; positiveCount adds the convex kinks (the loss grows linearly on both sides) to its
 * positive eigenvalues, so that the three counts still sum to P.
 */
public record Certificate(
    CriticalPointClass classification,
    int dimension,
    double value,
    double gradientNorm,
    double gradientTolerance,
    double[] smallestEigenvalues,
    double largestEigenvalue,
    int negativeCount,
    int zeroCount,
    int positiveCount,
    double eigenvalueTolerance,
    int symmetryZeroModes,
    HessianSpectrum.Method method,
    boolean spectrumConverged,
    long hessianVectorProducts,
    OptimizationResult.Status optimizerStatus,
    double[] point,
    int activeKinks,
    double clearance) {

  public Certificate {
    if (classification == null) throw new IllegalArgumentException("certificate classification is null");
    if (point == null || point.length != dimension) {
      throw new IllegalArgumentException("certificate point must have length " + dimension + ", got " + (point == null ? "null" : point.length));
    }
    if (activeKinks < 0) throw new IllegalArgumentException("certificate activeKinks must be >= 0, got " + activeKinks);
    if (clearance < 0) throw new IllegalArgumentException("certificate clearance must be >= 0, +Inf or NaN, got " + clearance);
    smallestEigenvalues = smallestEigenvalues == null ? new double[0] : smallestEigenvalues.clone();
    point = point.clone();
  }

  @Override
  public double[] smallestEigenvalues() {
    return smallestEigenvalues.clone();
  }

  @Override
  public double[] point() {
    return point.clone();
  }

  /** Whether the certified point sits on kinks (a nonsmooth critical point). */
  public boolean onKinks() {
    return activeKinks > 0;
  }

  /** The Hessian index as a count: {@link #negativeCount()} (-1 without a spectrum). */
  public int index() {
    return negativeCount;
  }

  /** The index as a fraction of P; NaN without a spectrum. */
  public double indexFraction() {
    return negativeCount < 0 ? Double.NaN : negativeCount / (double) dimension;
  }

  /** Whether the point is certified as a minimum, strict or degenerate. */
  public boolean isMinimum() {
    return classification == CriticalPointClass.STRICT_MINIMUM || classification == CriticalPointClass.DEGENERATE_MINIMUM;
  }

  /** Whether the eigenvalue counts are bounds (LANCZOS) rather than exact (DENSE). */
  public boolean countsAreBounds() {
    return method == HessianSpectrum.Method.LANCZOS;
  }

  @Override
  public String toString() {
    return "Certificate[" + classification + ", P=" + dimension + ", value=" + value + ", gradientNorm=" + gradientNorm
        + " (tol " + gradientTolerance + "), smallest=" + Arrays.toString(smallestEigenvalues) + ", largest="
        + largestEigenvalue + ", negative/zero/positive=" + negativeCount + "/" + zeroCount + "/" + positiveCount
        + ", zeroTolerance=" + eigenvalueTolerance + ", symmetryZeroModes=" + symmetryZeroModes + ", method=" + method
        + (spectrumConverged ? "" : " (not converged)") + ", optimizerStatus=" + optimizerStatus + ", activeKinks=" + activeKinks + ", clearance=" + clearance + "]";
  }
}

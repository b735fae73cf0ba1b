package basin.landscape.saddle;

import basin.landscape.certify.Certificate;
import java.util.Arrays;

/**
 * The classification of one point, with the numbers it rests on. Produced by {@link PointClassifier}.
 *
 * @param kind minimum, saddle, gradient-flat, not converged or diverged
 * @param value f(w) (non-finite when diverged)
 * @param gradientNorm |g|, g = grad f(w)
 * @param hessianGradientNorm |H g|, H the Hessian at w: the gradient norm of phi = |g|^2 / 2
 * @param index negative Hessian eigenvalues (certified points only; -1 otherwise)
 * @param nullity zero Hessian eigenvalues, symmetry modes included (certified points only; -1 otherwise)
 * @param symmetryZeroModes zero eigenvalues explained by the symmetry group (-1 when not certified)
 * @param smallestEigenvalues a few smallest eigenvalues after the symmetry modes (certified points;
 *     empty otherwise), ascending
 * @param point the point the numbers describe (for a ReLU network refined onto a kink, the refined
 *     point; see {@link basin.landscape.certify.Certifier})
 * @param certificate the certifier's verdict, or null when none was asked for (GRADIENT_FLAT and
 *     DIVERGED before the certifier ran)
 */
public record CriticalPointReport(
    PointKind kind,
    double value,
    double gradientNorm,
    double hessianGradientNorm,
    int index,
    int nullity,
    int symmetryZeroModes,
    double[] smallestEigenvalues,
    double[] point,
    Certificate certificate) {

  public CriticalPointReport {
    if (kind == null) throw new IllegalArgumentException("report kind is null");
    if (point == null) throw new IllegalArgumentException("report point is null");
    point = point.clone();
    smallestEigenvalues = smallestEigenvalues == null ? new double[0] : smallestEigenvalues.clone();
  }

  /** |H g| / |g|; 0 when g = 0, NaN when either is not finite. */
  public double flatnessRatio() {
    if (!(Double.isFinite(gradientNorm) && Double.isFinite(hessianGradientNorm))) return Double.NaN;
    return gradientNorm == 0 ? 0.0 : hessianGradientNorm / gradientNorm;
  }

  /** index / P; NaN when not certified. */
  public double indexFraction() {
    return index < 0 ? Double.NaN : index / (double) point.length;
  }

  /** Whether this is a certified critical point (minimum or saddle). */
  public boolean isCritical() {
    return kind == PointKind.MINIMUM || kind == PointKind.SADDLE;
  }

  /** The point (a copy). */
  @Override
  public double[] point() {
    return point.clone();
  }

  /** The smallest eigenvalues (a copy). */
  @Override
  public double[] smallestEigenvalues() {
    return smallestEigenvalues.clone();
  }

  /** P. */
  public int dimension() {
    return point.length;
  }

  @Override
  public String toString() {
    return "CriticalPointReport[" + kind + (kind == PointKind.SADDLE ? " index " + index : "") + ", value=" + value
        + ", |g|=" + gradientNorm + ", |Hg|=" + hessianGradientNorm + ", nullity=" + nullity + ", symmetryZeroModes="
        + symmetryZeroModes + ", smallest=" + Arrays.toString(smallestEigenvalues) + ", P=" + point.length + "]";
  }
}

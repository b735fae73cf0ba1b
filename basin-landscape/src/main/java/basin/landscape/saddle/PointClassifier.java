package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.symmetry.SymmetryGroup;

/**
 * Classifies the end point w of a finder or an optimizer as a minimum, a saddle (with its index), a
 * gradient-flat point, not converged or diverged, separating gradient-flat points from critical
 * points (Frye, Simon, Wadia, DeWeese &amp; Bouchard, Neural Computation 33, 2021, Sec. 3).
 *
 * <h2>Rules, in order</h2>
 * With g = grad f(w), H the Hessian at w, gtol the certifier's gradient tolerance:
 * <ol>
 *   <li><b>DIVERGED</b> if w, f(w), |g| or |H g| is not finite, or the optimizer said DIVERGED.
 *   <li><b>GRADIENT_FLAT</b> if |g| &gt; gtol and |H g| &lt;= flatRatioTolerance |g|: g is (nearly) a
 *       null vector of H, so w is a stationary point of |g|^2 / 2 (whose gradient is H g) that is not
 *       one of f. Such points are where gradient-norm minimization and Newton-MR stall, and are never
 *       reported as critical points. The ratio |H g| / |g| is the Rayleigh-type bound
 *       min_i |lambda_i| &lt;= |H g| / |g| on the curvature met by g; the tolerance is absolute, in the
 *       units of the Hessian's eigenvalues (1e-6 by default, the certifier's relative zero threshold for
 *       an objective with |lambda_max| &lt;= 1).
 *   <li>Otherwise the {@link Certifier} decides: STRICT_MINIMUM and DEGENERATE_MINIMUM give
 *       <b>MINIMUM</b>, SADDLE gives <b>SADDLE</b> (index = negative count, nullity = zero count with
 *       the symmetry modes), NOT_CONVERGED (|g| &gt; gtol; or a ReLU kink that failed refinement) and
 *       DIVERGED carry over.
 * </ol>
 *
 * <p>Cost: one gradient and one Hessian-vector product, plus the certifier's (one gradient and a
 * dense spectrum or a Lanczos run) for points with |g| &lt;= gtol or a kinked network.
 *
 * <p>Immutable; thread-safe when each thread passes its own objective copy.
 */
public final class PointClassifier {

  /**
   * Configuration.
   *
   * @param certifier the certifier's configuration (its gradient tolerance is the critical tolerance)
   * @param flatRatioTolerance |H g| / |g| at or below this (with |g| above the critical tolerance) is
   *     gradient-flat; finite, &gt;= 0
   */
  public record Config(Certifier.Config certifier, double flatRatioTolerance) {
    public Config {
      if (certifier == null) throw new IllegalArgumentException("PointClassifier certifier config is null");
      if (!(flatRatioTolerance >= 0 && flatRatioTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("PointClassifier flatRatioTolerance must be finite and >= 0, got " + flatRatioTolerance);
      }
    }

    /** The certifier's defaults (gradient tolerance 1e-8, relative eigenvalue tolerance 1e-6), flat ratio 1e-6. */
    public static Config defaults() {
      return new Config(Certifier.Config.defaults(), 1e-6);
    }

    public Config withCertifier(Certifier.Config v) {
      return new Config(v, flatRatioTolerance);
    }

    public Config withFlatRatioTolerance(double v) {
      return new Config(certifier, v);
    }

    /** The critical tolerance, the certifier's gradient tolerance. */
    public double gradientTolerance() {
      return certifier.gradientTolerance();
    }
  }

  private final Config config;
  private final Certifier certifier;

  public PointClassifier(Config config) {
    if (config == null) throw new IllegalArgumentException("PointClassifier config is null");
    this.config = config;
    this.certifier = new Certifier(config.certifier());
  }

  public Config config() {
    return config;
  }

  /**
   * Classifies w.
   *
   * @param f the objective; used from the calling thread only
   * @param groupOrNull the symmetries of f (explaining zero eigenvalues), or null for none
   * @param w the point, length P (not modified)
   * @param statusOrNull the optimizer's status for w, or null
   */
  public CriticalPointReport classify(Objective f, SymmetryGroup groupOrNull, double[] w, OptimizationResult.Status statusOrNull) {
    int p = f.dimension();
    if (w.length != p) throw new IllegalArgumentException("point has length " + w.length + ", objective dimension is " + p);
    if (!Vectors.allFinite(w)) {
      return new CriticalPointReport(PointKind.DIVERGED, Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, null, w, null);
    }
    double[] g = new double[p];
    double[] hg = new double[p];
    double value = f.valueAndGradient(w, g);
    double gradientNorm = Vectors.norm(g);
    f.hessianVectorProduct(w, g, hg);
    double hgNorm = Vectors.norm(hg);
    if (statusOrNull == OptimizationResult.Status.DIVERGED || !Double.isFinite(value) || !Double.isFinite(gradientNorm)
        || !Double.isFinite(hgNorm)) {
      return new CriticalPointReport(PointKind.DIVERGED, value, gradientNorm, hgNorm, -1, -1, -1, null, w, null);
    }
    if (gradientNorm > config.gradientTolerance() && hgNorm <= config.flatRatioTolerance() * gradientNorm) {
      return new CriticalPointReport(PointKind.GRADIENT_FLAT, value, gradientNorm, hgNorm, -1, -1, -1, null, w, null);
    }
    Certificate c = certifier.certify(f, groupOrNull, w, statusOrNull);
    PointKind kind = switch (c.classification()) {
      case STRICT_MINIMUM, DEGENERATE_MINIMUM -> PointKind.MINIMUM;
      case SADDLE -> PointKind.SADDLE;
      case NOT_CONVERGED -> PointKind.NOT_CONVERGED;
      case DIVERGED -> PointKind.DIVERGED;
    };
    boolean certified = c.classification() != CriticalPointClass.NOT_CONVERGED && c.classification() != CriticalPointClass.DIVERGED;
    double[] at = c.point();
    if (c.onKinks()) {
      // the certificate describes the refined point: report its numbers
      f.valueAndGradient(at, g);
      f.hessianVectorProduct(at, g, hg);
      hgNorm = Vectors.norm(hg);
    }
    return new CriticalPointReport(kind, c.value(), c.gradientNorm(), hgNorm, certified ? c.negativeCount() : -1,
        certified ? c.zeroCount() : -1, certified ? c.symmetryZeroModes() : -1, c.smallestEigenvalues(), at, c);
  }

  @Override
  public String toString() {
    return "PointClassifier" + config;
  }
}

package basin.landscape.saddle;

/** What the end point of a finder or optimizer is (see {@link PointClassifier} for the rules). */
public enum PointKind {
  /** A certified critical point without negative Hessian eigenvalues (strict or degenerate). */
  MINIMUM,
  /** A certified critical point with negative eigenvalues; the report carries the index. */
  SADDLE,
  /**
   * |g| stays above the critical tolerance while |H g| / |g| is tiny: g lies (nearly) in the null
   * space of the Hessian, a minimum of |g|^2 that is <b>not</b> a critical point.
   */
  GRADIENT_FLAT,
  /** |g| above the critical tolerance and g not in the Hessian's null space. */
  NOT_CONVERGED,
  /** A non-finite point, value or derivative, or an optimizer that reported DIVERGED. */
  DIVERGED
}

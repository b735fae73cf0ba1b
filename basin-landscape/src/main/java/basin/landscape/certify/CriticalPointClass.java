package basin.landscape.certify;

/** What a certified point is. */
public enum CriticalPointClass {
  /**
   * A critical point whose Hessian has no negative eigenvalue and no more zero eigenvalues than the
   * continuous symmetries explain: a strict local minimum modulo symmetry (of its orbit).
   */
  STRICT_MINIMUM,
  /**
   * A critical point with no negative eigenvalue but more zero eigenvalues than the symmetries
   * explain: flat directions of unknown kind (higher-order terms decide whether it is a minimum).
   */
  DEGENERATE_MINIMUM,
  /** A critical point with at least one negative eigenvalue; its index is the count. */
  SADDLE,
  /** The gradient norm is above the tolerance: not a critical point. */
  NOT_CONVERGED,
  /** The point, its value or its derivatives are not finite, or the optimizer reported DIVERGED. */
  DIVERGED
}

package basin.landscape.earlystop;

import basin.core.Objective;
import basin.landscape.spectral.Lanczos;
import basin.landscape.spectral.SymmetricOperator;

/**
 * The largest eigenvalue of an objective's Hessian at a point ("sharpness" in the
 * progressive-sharpening and edge-of-stability literature: Cohen et al., ICLR 2021; Jastrzebski et
 * al., ICLR 2020), by thick-restart Lanczos ({@link Lanczos}) on exact Hessian-vector products.
 *
 * <p>A pure function of (objective, point, seed, budget, tolerance): the start vector is drawn from
 * the seed, and the run stops at the relative residual tolerance or after {@code budget} products,
 * whichever comes first, so the value is the same on every run and thread. With status
 * MAX_ITERATIONS the value is the largest Ritz value found, a lower bound on lambda_max; the
 * residual says how far it may be (some eigenvalue lies within it, Parlett Thm. 4.5.1).
 *
 * <p>Cost: at most {@code budget} Hessian-vector products (each about two gradients) and a basis of
 * 40 vectors of length P.
 *
 * <p>NaN and Inf: a non-finite product gives status BREAKDOWN and a NaN value; nothing is thrown.
 *
 * @param value the largest Ritz value
 * @param residual its Lanczos residual estimate
 * @param status CONVERGED, MAX_ITERATIONS or BREAKDOWN
 * @param products Hessian-vector products used
 */
public record TopEigenvalue(double value, double residual, Lanczos.Status status, long products) {

  /** Lanczos relative residual tolerance of {@link #of(Objective, double[], long)}: 1e-6 (sharpness curves need 3 digits, not 10). */
  public static final double TOLERANCE = 1e-6;
  /** Budget of Hessian-vector products of {@link #of(Objective, double[], long)}. */
  public static final int BUDGET = 500;
  private static final int BASIS = 40;

  /** {@link #of(Objective, double[], long, int, double)} with {@link #BUDGET} and {@link #TOLERANCE}. */
  public static TopEigenvalue of(Objective f, double[] w, long seed) {
    return of(f, w, seed, BUDGET, TOLERANCE);
  }

  /**
   * The top eigenvalue of the Hessian of {@code f} at {@code w}.
   *
   * @param f the objective, used from the calling thread only
   * @param w the point (not modified)
   * @param seed seed of the Lanczos start vector
   * @param budget Hessian-vector products at most, &gt;= 1
   * @param tolerance relative residual tolerance, in (0, 1)
   */
  public static TopEigenvalue of(Objective f, double[] w, long seed, int budget, double tolerance) {
    Lanczos.Result r = new Lanczos(new Lanczos.Config(0, 1, tolerance, budget, BASIS, false))
        .extremeEigenpairs(SymmetricOperator.hessian(f, w), seed);
    double residual = r.largestResiduals().length == 0 ? Double.NaN : r.largestResiduals()[0];
    return new TopEigenvalue(r.largestEigenvalue(), residual, r.status(), r.iterations());
  }
}

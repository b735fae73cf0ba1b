package basin.landscape.spectral;

import basin.core.Objective;
import java.util.Arrays;

/**
 * The curvature summary of an objective at a point: its few smallest Hessian eigenvalues, the
 * largest one (the sharpness), and the trace when it is cheap.
 *
 * <p>Method: when P = {@code f.dimension()} &lt;= {@link Options#denseLimit()}, the dense Hessian
 * ({@link Objective#hessian}) and its full spectrum ({@link DenseSpectrum}): exact to about
 * P eps ||H||, all P eigenvalues available, trace = sum of the diagonal. Otherwise {@link Lanczos}
 * for the {@link Options#smallestCount()} smallest and the largest eigenvalue from Hessian-vector
 * products; the trace is not computed (NaN), and eigenvalue multiplicities may be missed (see
 * {@link Lanczos}).
 *
 * <p>Cost: dense, one {@code Objective.hessian} call (for the default implementation P
 * Hessian-vector products; {@code MlpObjective} forms it blockwise in about the same flops) plus
 * about (4/3) P^3 flops and P^2 doubles; Lanczos, {@link Result#hessianVectorProducts()} products
 * (at most {@link Options#lanczosMaxIterations()}) plus the reorthogonalization.
 *
 * <p>NaN and Inf: a non-finite Hessian gives NaN eigenvalues (dense) or a Lanczos status of
 * BREAKDOWN with NaN eigenvalues; nothing is thrown.
 */
public final class HessianSpectrum {
  private HessianSpectrum() {}

  /** How the eigenvalues were computed. */
  public enum Method {
    /** Full eigendecomposition of the dense Hessian. */
    DENSE,
    /** Thick-restart Lanczos from Hessian-vector products. */
    LANCZOS
  }

  /**
   * Options.
   *
   * @param denseLimit largest P handled densely, in [0, 46340] (46340^2 is the largest square array
   *     Java can hold); 0 forces Lanczos
   * @param smallestCount how many smallest eigenvalues to report, &gt;= 1
   * @param lanczosTolerance relative residual tolerance of Lanczos, in (0, 1) (see {@link Lanczos})
   * @param lanczosMaxIterations budget of Hessian-vector products of Lanczos, &gt;= 1
   * @param lanczosBasisSize Lanczos basis capacity before a restart, &gt;= 4
   * @param seed seed of the Lanczos start vector
   */
  public record Options(int denseLimit, int smallestCount, double lanczosTolerance, int lanczosMaxIterations,
      int lanczosBasisSize, long seed) {

    /** The largest n with n * n &lt;= Integer.MAX_VALUE - 8. */
    public static final int MAX_DENSE = 46340;

    public Options {
      if (!(denseLimit >= 0 && denseLimit <= MAX_DENSE)) {
        throw new IllegalArgumentException("denseLimit must be in [0, " + MAX_DENSE + "], got " + denseLimit);
      }
      if (smallestCount < 1) throw new IllegalArgumentException("smallestCount must be >= 1, got " + smallestCount);
      lanczosConfig(smallestCount, lanczosTolerance, lanczosMaxIterations, lanczosBasisSize); // validates
    }

    /**
     * Dense up to P = 2500 (a 50 MB Hessian; EJML's eigenvalues took 12 s for P = 2500 on one core of
     * the development machine, 0.55 s for P = 1000), 5 smallest eigenvalues, Lanczos
     * tolerance 1e-8, 1000 Hessian-vector products, basis 40, seed 1.
     */
    public static Options defaults() {
      return new Options(2500, 5, 1e-8, 1000, 40, 1L);
    }

    public Options withDenseLimit(int v) {
      return new Options(v, smallestCount, lanczosTolerance, lanczosMaxIterations, lanczosBasisSize, seed);
    }

    public Options withSmallestCount(int v) {
      return new Options(denseLimit, v, lanczosTolerance, lanczosMaxIterations, lanczosBasisSize, seed);
    }

    public Options withLanczosTolerance(double v) {
      return new Options(denseLimit, smallestCount, v, lanczosMaxIterations, lanczosBasisSize, seed);
    }

    public Options withLanczosMaxIterations(int v) {
      return new Options(denseLimit, smallestCount, lanczosTolerance, v, lanczosBasisSize, seed);
    }

    public Options withLanczosBasisSize(int v) {
      return new Options(denseLimit, smallestCount, lanczosTolerance, lanczosMaxIterations, v, seed);
    }

    public Options withSeed(long v) {
      return new Options(denseLimit, smallestCount, lanczosTolerance, lanczosMaxIterations, lanczosBasisSize, v);
    }

    /** The Lanczos configuration these options imply: smallestCount smallest and the largest eigenvalue. */
    public Lanczos.Config lanczos() {
      return lanczosConfig(smallestCount, lanczosTolerance, lanczosMaxIterations, lanczosBasisSize);
    }

    private static Lanczos.Config lanczosConfig(int smallest, double tolerance, int maxIterations, int basisSize) {
      return new Lanczos.Config(smallest, 1, tolerance, maxIterations, basisSize, false);
    }
  }

  /**
   * A curvature summary. Arrays are owned by the result (accessors do not copy; do not modify).
   *
   * @param method how it was computed
   * @param dimension P
   * @param eigenvalues all P eigenvalues ascending (DENSE); null for LANCZOS
   * @param smallest the min(smallestCount, P) smallest eigenvalues, ascending
   * @param largest the largest eigenvalue
   * @param trace the trace of the Hessian (DENSE); NaN for LANCZOS
   * @param hessianVectorProducts Hessian-vector products used by Lanczos; 0 for DENSE
   * @param lanczos the Lanczos result with status and residuals (LANCZOS); null for DENSE
   */
  public record Result(Method method, int dimension, double[] eigenvalues, double[] smallest, double largest,
      double trace, long hessianVectorProducts, Lanczos.Result lanczos) {

    /** True for DENSE; for LANCZOS whether the run converged. */
    public boolean converged() {
      return method == Method.DENSE || lanczos.converged();
    }

    @Override
    public String toString() {
      return "HessianSpectrum.Result[method=" + method + ", dimension=" + dimension + ", smallest="
          + Arrays.toString(smallest) + ", largest=" + largest + ", trace=" + trace + ", hessianVectorProducts="
          + hessianVectorProducts + (lanczos == null ? "" : ", lanczosStatus=" + lanczos.status()) + "]";
    }
  }

  /**
   * The spectrum summary of the Hessian of {@code f} at {@code w}.
   *
   * @param f the objective; used from the calling thread only
   * @param w the point, length P (not modified)
   * @param options method choice and Lanczos settings
   */
  public static Result of(Objective f, double[] w, Options options) {
    int p = f.dimension();
    if (w.length != p) {
      throw new IllegalArgumentException("point has length " + w.length + ", objective dimension is " + p);
    }
    if (p <= options.denseLimit()) {
      double[] hessian = new double[p * p];
      f.hessian(w, hessian);
      double trace = 0.0;
      for (int i = 0; i < p; i++) trace += hessian[i * p + i];
      double[] values = DenseSpectrum.eigenvalues(hessian, p);
      double[] smallest = Arrays.copyOf(values, Math.min(options.smallestCount(), p));
      return new Result(Method.DENSE, p, values, smallest, values[p - 1], trace, 0, null);
    }
    return lanczos(SymmetricOperator.hessian(f, w), options);
  }

  /**
   * The Lanczos summary of any symmetric operator (for example a Hessian with symmetry directions
   * projected out), ignoring {@link Options#denseLimit()}.
   *
   * @param a the operator
   * @param options Lanczos settings
   */
  public static Result lanczos(SymmetricOperator a, Options options) {
    Lanczos.Result r = new Lanczos(options.lanczos()).extremeEigenpairs(a, options.seed());
    return new Result(Method.LANCZOS, a.dimension(), null, r.smallest(), r.largestEigenvalue(), Double.NaN, r.iterations(), r);
  }
}

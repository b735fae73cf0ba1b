package basin.landscape.spectral;

import java.util.Arrays;

/**
 * The k largest and the k smallest eigenvalues of a symmetric operator, with unit eigenvectors and
 * their true residual norms ||A v - lambda v||, from one thick-restart Lanczos run with full
 * reorthogonalization ({@link Lanczos}) that targets both ends at once.
 *
 * <p>Reference: Wu &amp; Simon, SIAM J. Matrix Anal. Appl. 22 (2000) 602-616; Parlett, <i>The
 * Symmetric Eigenvalue Problem</i>, Ch. 13. Unlike power iteration (PyHessian), the error of a
 * converged pair is bounded by its residual: some eigenvalue lies within ||A v - theta v|| of theta
 * (Parlett Thm. 4.5.1), and within ||r||^2 / gap when the pair is isolated.
 *
 * <p>Residuals: Lanczos reports the cheap residual beta |e^T y|; this class recomputes
 * ||A v - theta v|| explicitly for every returned vector (one operator application each), so the
 * reported residual also covers round-off in the Ritz vector.
 *
 * <p>Cost: {@link Result#hessianVectorProducts()} = Lanczos applications (at most
 * {@link Options#maxIterations()}) + 2k for the explicit residuals; memory (m + 1) n doubles for the
 * basis and 2 k n for the vectors.
 *
 * <p>NaN and Inf: a non-finite product gives status BREAKDOWN with NaN values, vectors and
 * residuals; nothing is thrown.
 *
 * <p>Multiplicity: a Krylov method sees one direction per eigenspace, so an eigenvalue of
 * multiplicity q appears once (see {@link Lanczos}); project known degenerate directions out first
 * (the symmetry orbit tangent: {@code basin.landscape.flatness.ComplementOperator}).
 */
public final class ExtremeEigenpairs {
  private ExtremeEigenpairs() {}

  /**
   * Options.
   *
   * @param count k, the number of eigenpairs wanted at each end, &gt;= 1 (reduced to n when larger)
   * @param tolerance Lanczos relative residual tolerance, in (0, 1)
   * @param maxIterations budget of Lanczos operator applications, &gt;= 1
   * @param basisSize Lanczos basis capacity before a thick restart, &gt;= 4 (at least 2 (2k) + 4 is used)
   * @param seed seed of the Lanczos start vector
   */
  public record Options(int count, double tolerance, int maxIterations, int basisSize, long seed) {
    public Options {
      if (count < 1) throw new IllegalArgumentException("eigenpair count must be >= 1, got " + count);
      lanczos(count, tolerance, maxIterations, basisSize); // validates the rest
    }

    /** k = 5, tolerance 1e-10, 3000 products, basis 60, seed 1. */
    public static Options defaults() {
      return new Options(5, 1e-10, 3000, 60, 1L);
    }

    public Options withCount(int v) {
      return new Options(v, tolerance, maxIterations, basisSize, seed);
    }

    public Options withTolerance(double v) {
      return new Options(count, v, maxIterations, basisSize, seed);
    }

    public Options withMaxIterations(int v) {
      return new Options(count, tolerance, v, basisSize, seed);
    }

    public Options withBasisSize(int v) {
      return new Options(count, tolerance, maxIterations, v, seed);
    }

    public Options withSeed(long v) {
      return new Options(count, tolerance, maxIterations, basisSize, v);
    }

    Lanczos.Config lanczosConfig() {
      return lanczos(count, tolerance, maxIterations, basisSize);
    }

    private static Lanczos.Config lanczos(int k, double tolerance, int maxIterations, int basisSize) {
      return new Lanczos.Config(k, k, tolerance, maxIterations, basisSize, true);
    }
  }

  /**
   * Eigenpairs at both ends. Arrays are owned by the result (accessors return copies of vectors).
   *
   * @param status CONVERGED, MAX_ITERATIONS or BREAKDOWN (see {@link Lanczos.Status})
   * @param dimension n
   * @param largest the k largest eigenvalues, descending
   * @param largestVectors row-major k x n, row i the unit eigenvector of largest[i]
   * @param largestResiduals ||A v - lambda v|| of each, recomputed
   * @param smallest the k smallest eigenvalues, ascending
   * @param smallestVectors row-major k x n
   * @param smallestResiduals ||A v - lambda v|| of each, recomputed
   * @param lanczosIterations operator applications of the Lanczos run
   * @param restarts thick restarts of the Lanczos run
   * @param hessianVectorProducts all operator applications (Lanczos + residual checks)
   * @param normEstimate Lanczos' lower estimate of ||A||_2
   */
  public record Result(Lanczos.Status status, int dimension, double[] largest, double[] largestVectors,
      double[] largestResiduals, double[] smallest, double[] smallestVectors, double[] smallestResiduals,
      long lanczosIterations, int restarts, long hessianVectorProducts, double normEstimate) {

    public boolean converged() {
      return status == Lanczos.Status.CONVERGED;
    }

    /** largest[0]. */
    public double largestEigenvalue() {
      return largest[0];
    }

    /** smallest[0]. */
    public double smallestEigenvalue() {
      return smallest[0];
    }

    /** A copy of the unit eigenvector of largest[i]. */
    public double[] largestVector(int i) {
      return Arrays.copyOfRange(largestVectors, i * dimension, (i + 1) * dimension);
    }

    /** A copy of the unit eigenvector of smallest[i]. */
    public double[] smallestVector(int i) {
      return Arrays.copyOfRange(smallestVectors, i * dimension, (i + 1) * dimension);
    }

    /** The largest recomputed residual over all returned pairs. */
    public double maxResidual() {
      double m = 0.0;
      for (double r : largestResiduals) m = Math.max(m, r);
      for (double r : smallestResiduals) m = Math.max(m, r);
      return m;
    }

    @Override
    public String toString() {
      return "ExtremeEigenpairs.Result[status=" + status + ", dimension=" + dimension + ", largest="
          + Arrays.toString(largest) + ", smallest=" + Arrays.toString(smallest) + ", maxResidual=" + maxResidual()
          + ", hessianVectorProducts=" + hessianVectorProducts + "]";
    }
  }

  /**
   * The k largest and k smallest eigenpairs of {@code a}.
   *
   * @param a the operator (its domain, {@link SymmetricOperator#restrictToDomain}, is respected)
   * @param options count, Lanczos settings and seed
   */
  public static Result compute(SymmetricOperator a, Options options) {
    Lanczos.Result r = new Lanczos(options.lanczosConfig()).extremeEigenpairs(a, options.seed());
    int n = a.dimension();
    double[] largeRes = new double[r.largest().length];
    double[] smallRes = new double[r.smallest().length];
    long extra = 0;
    if (r.status() == Lanczos.Status.BREAKDOWN) {
      Arrays.fill(largeRes, Double.NaN);
      Arrays.fill(smallRes, Double.NaN);
    } else {
      double[] v = new double[n];
      double[] av = new double[n];
      extra += residuals(a, r.largest(), r.largestVectors(), largeRes, v, av);
      extra += residuals(a, r.smallest(), r.smallestVectors(), smallRes, v, av);
    }
    return new Result(r.status(), n, r.largest(), r.largestVectors(), largeRes, r.smallest(), r.smallestVectors(),
        smallRes, r.iterations(), r.restarts(), r.iterations() + extra, r.normEstimate());
  }

  private static int residuals(SymmetricOperator a, double[] values, double[] vectors, double[] out, double[] v, double[] av) {
    int n = v.length;
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(vectors, i * n, v, 0, n);
      a.apply(v, av);
      double s = 0.0;
      double theta = values[i];
      for (int t = 0; t < n; t++) {
        double d = av[t] - theta * v[t];
        s += d * d;
      }
      out[i] = Math.sqrt(s);
    }
    return values.length;
  }
}

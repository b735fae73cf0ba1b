package basin.landscape.flatness;

import basin.core.Objective;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.spectral.HessianSpectrum;
import basin.landscape.spectral.Lanczos;
import basin.landscape.spectral.SpectralDensity;
import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.spectral.TraceEstimator;
import basin.landscape.symmetry.OrbitTangent;
import java.util.Arrays;

/**
 * Hessian flatness measures at a point: the largest eigenvalue, the trace, the Frobenius norm and
 * the log-determinant of the positive part, for the Hessian H and for H restricted to the
 * complement of the symmetry orbit tangent T, each split into the data term and the L2 term.
 *
 * <h2>Measures</h2>
 * Over the eigenvalues lambda_1..lambda_d of the operator on its d-dimensional domain (d = P for H,
 * P - dim T for the restriction P H P to T's complement):
 * <ul>
 *   <li>largest eigenvalue lambda_max (the sharpness of Keskar et al. 2017, Sec. 2.1);
 *   <li>trace sum lambda_i;
 *   <li>Frobenius norm sqrt(sum lambda_i^2);
 *   <li>log-determinant of the positive part sum_{lambda_i &gt; tau} log lambda_i, with the count of
 *       such eigenvalues (tau = {@link Options#positiveThreshold()}, absolute): flat and negative
 *       directions are left out rather than making the log-determinant -Inf or NaN.
 * </ul>
 *
 * <h2>Methods</h2>
 * DENSE (P &lt;= {@link Options#denseLimit()}): the dense Hessian and its eigenvalues
 * ({@link DenseSpectrum}); for the restriction, the eigenvalues of B H B^T with B an orthonormal
 * basis of T's complement (the eigenvectors of eigenvalue 1 of the projector I - Q^T Q). Exact to
 * about P eps ||H||; standard errors 0.
 *
 * <p>ESTIMATED (larger P): lambda_max by Lanczos ({@link Lanczos}, largest only); trace and
 * Frobenius norm from the same Hutchinson probes ({@link TraceEstimator#hutchinsonMoments}):
 * tr ~ mean z^T A z, ||A||_F^2 ~ mean ||A z||^2, with sample-std/sqrt(m) standard errors (the
 * Frobenius error by the delta method, SE(F^2) / (2 F)); the log-determinant and the positive count
 * by stochastic Lanczos quadrature ({@link SpectralDensity#compute},
 * {@link SpectralDensity.Result#traceOf}) of g(x) = log x for x &gt; tau, 0 otherwise (and of the
 * indicator x &gt; tau). SLQ integrates g exactly only for m &gt;= d; below that the quadrature
 * smooths g's jump at tau, so eigenvalues within a Lanczos cell of tau are counted partially.
 *
 * <h2>The L2 term</h2>
 * For f = data loss + (lambda/2)||w||^2 the Hessian is H = H_data + lambda I, so the data term's
 * measures are those of H - lambda I (of P H P - lambda P on the complement): every eigenvalue
 * shifts by -lambda. {@link Part#l2Contribution()} is total minus data term: lambda for lambda_max,
 * lambda d for the trace, and the (nonlinear) differences for the Frobenius norm and the
 * log-determinant. DENSE shifts the eigenvalues; ESTIMATED shifts exactly for lambda_max and the
 * trace, computes ||(A - lambda P) z||^2 = ||A z||^2 - 2 lambda z^T A z + lambda^2 ||P z||^2 per
 * probe, and evaluates g(x - lambda) on the same SLQ nodes. lambda is a parameter, not read from
 * the objective.
 *
 * <h2>Cost</h2>
 * DENSE: one {@link Objective#hessian} plus O(P^3) flops (twice with a tangent). ESTIMATED, per
 * operator: Lanczos iterations + m Hutchinson probes + L s SLQ products (products through P H P
 * cost one Hessian-vector product each), reported in {@link Result#hessianVectorProducts()}.
 *
 * <p>NaN and Inf: a non-finite Hessian makes the affected measures NaN; nothing is thrown.
 */
public final class FlatnessMeasures {
  private FlatnessMeasures() {}

  /** How the measures were computed. */
  public enum Method {
    DENSE,
    ESTIMATED
  }

  /**
   * Options.
   *
   * @param denseLimit largest P computed densely, in [0, {@link HessianSpectrum.Options#MAX_DENSE}]; 0 forces estimation
   * @param positiveThreshold tau &gt;= 0 of the log-determinant: eigenvalues at most tau are left out
   * @param traceProbes Hutchinson probes m &gt;= 2 (ESTIMATED)
   * @param density SLQ options for the log-determinant (ESTIMATED)
   * @param lanczosTolerance Lanczos relative residual tolerance for lambda_max (ESTIMATED)
   * @param lanczosMaxIterations Lanczos budget of products (ESTIMATED)
   * @param seed seed of the Lanczos start and the Hutchinson probes (SLQ uses its own seed)
   */
  public record Options(int denseLimit, double positiveThreshold, int traceProbes, SpectralDensity.Options density,
      double lanczosTolerance, int lanczosMaxIterations, long seed) {
    public Options {
      if (!(denseLimit >= 0 && denseLimit <= HessianSpectrum.Options.MAX_DENSE)) {
        throw new IllegalArgumentException("denseLimit must be in [0, " + HessianSpectrum.Options.MAX_DENSE + "], got " + denseLimit);
      }
      if (!(positiveThreshold >= 0 && Double.isFinite(positiveThreshold))) {
        throw new IllegalArgumentException("positiveThreshold must be finite and >= 0, got " + positiveThreshold);
      }
      if (traceProbes < 2) throw new IllegalArgumentException("traceProbes must be >= 2, got " + traceProbes);
      if (density == null) throw new IllegalArgumentException("density options must not be null");
      new Lanczos.Config(0, 1, lanczosTolerance, lanczosMaxIterations, 40, false); // validates
    }

    /**
     * Dense up to P = 1000, tau = 1e-6, 100 Hutchinson probes, SLQ defaults (10 probes, 80 steps),
     * Lanczos tolerance 1e-8 with 1000 products, seed 1.
     */
    public static Options defaults() {
      return new Options(1000, 1e-6, 100, SpectralDensity.Options.defaults(), 1e-8, 1000, 1L);
    }

    public Options withDenseLimit(int v) {
      return new Options(v, positiveThreshold, traceProbes, density, lanczosTolerance, lanczosMaxIterations, seed);
    }

    public Options withPositiveThreshold(double v) {
      return new Options(denseLimit, v, traceProbes, density, lanczosTolerance, lanczosMaxIterations, seed);
    }

    public Options withTraceProbes(int v) {
      return new Options(denseLimit, positiveThreshold, v, density, lanczosTolerance, lanczosMaxIterations, seed);
    }

    public Options withDensity(SpectralDensity.Options v) {
      return new Options(denseLimit, positiveThreshold, traceProbes, v, lanczosTolerance, lanczosMaxIterations, seed);
    }

    public Options withLanczosTolerance(double v) {
      return new Options(denseLimit, positiveThreshold, traceProbes, density, v, lanczosMaxIterations, seed);
    }

    public Options withLanczosMaxIterations(int v) {
      return new Options(denseLimit, positiveThreshold, traceProbes, density, lanczosTolerance, v, seed);
    }

    public Options withSeed(long v) {
      return new Options(denseLimit, positiveThreshold, traceProbes, density, lanczosTolerance, lanczosMaxIterations, v);
    }
  }

  /**
   * The measures of one operator. Standard errors are 0 for DENSE.
   *
   * @param dimension d, the dimension of the operator's domain
   * @param largestEigenvalue lambda_max
   * @param trace sum of the eigenvalues
   * @param traceStandardError its standard error
   * @param frobeniusNorm sqrt(sum lambda^2)
   * @param frobeniusStandardError its standard error (delta method)
   * @param logDeterminant sum of log lambda over lambda &gt; tau
   * @param logDeterminantStandardError its standard error over SLQ probes (sample std / sqrt(L))
   * @param positiveCount #{lambda &gt; tau} (an estimate, not an integer, for ESTIMATED)
   */
  public record Measures(int dimension, double largestEigenvalue, double trace, double traceStandardError,
      double frobeniusNorm, double frobeniusStandardError, double logDeterminant, double logDeterminantStandardError,
      double positiveCount) {

    /** this - other, field by field (standard errors NaN: the two share their randomness). */
    public Measures minus(Measures other) {
      return new Measures(dimension, largestEigenvalue - other.largestEigenvalue, trace - other.trace, Double.NaN,
          frobeniusNorm - other.frobeniusNorm, Double.NaN, logDeterminant - other.logDeterminant, Double.NaN,
          positiveCount - other.positiveCount);
    }
  }

  /**
   * The measures of the total Hessian (data + L2) and of its data term alone.
   *
   * @param total measures of H (or P H P)
   * @param dataTerm measures of H - lambda I (or P H P - lambda P)
   */
  public record Part(Measures total, Measures dataTerm) {
    /** What the L2 term contributes: total minus data term. */
    public Measures l2Contribution() {
      return total.minus(dataTerm);
    }
  }

  /**
   * Flatness measures at a point.
   *
   * @param method DENSE or ESTIMATED
   * @param l2 the L2 coefficient lambda used for the split
   * @param hessian the full Hessian
   * @param complement restricted to the complement of the orbit tangent; null when no tangent was given
   * @param tangentDimension dim T (0 without a tangent)
   * @param hessianVectorProducts products used (0 for DENSE)
   * @param lanczosStatus status of the lambda_max Lanczos runs (the worse of the two); null for DENSE
   */
  public record Result(Method method, double l2, Part hessian, Part complement, int tangentDimension,
      long hessianVectorProducts, Lanczos.Status lanczosStatus) {}

  /**
   * The measures of the Hessian of f at x.
   *
   * @param f the objective; used from the calling thread only
   * @param x the point, length P (not modified)
   * @param tangent the symmetry orbit tangent at x, or null for no restricted measures
   * @param l2 lambda &gt;= 0, the coefficient of (lambda/2)||w||^2 in f (0 when f has none)
   * @param options method choice and estimator settings
   */
  public static Result compute(Objective f, double[] x, OrbitTangent tangent, double l2, Options options) {
    int p = f.dimension();
    if (x.length != p) throw new IllegalArgumentException("point has length " + x.length + ", objective dimension is " + p);
    if (!(l2 >= 0 && Double.isFinite(l2))) throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
    if (tangent != null && tangent.parameterCount() != p) {
      throw new IllegalArgumentException("orbit tangent has " + tangent.parameterCount() + " parameters, objective dimension is " + p);
    }
    int r = tangent == null ? 0 : tangent.dimension();
    double tau = options.positiveThreshold();
    if (p <= options.denseLimit()) {
      double[] h = new double[p * p];
      f.hessian(x, h);
      double[] all = DenseSpectrum.eigenvalues(h, p);
      Part full = densePart(all, l2, tau);
      Part restricted = null;
      if (tangent != null) {
        restricted = densePart(complementEigenvalues(h, p, tangent), l2, tau);
      }
      return new Result(Method.DENSE, l2, full, restricted, r, 0, null);
    }
    SymmetricOperator hessian = SymmetricOperator.hessian(f, x);
    Estimate full = estimate(hessian, p, l2, options);
    Estimate restricted = tangent == null ? null : estimate(ComplementOperator.of(hessian, tangent), p - r, l2, options);
    long products = full.products + (restricted == null ? 0 : restricted.products);
    Lanczos.Status status = full.status;
    if (restricted != null && restricted.status.ordinal() > status.ordinal()) status = restricted.status;
    return new Result(Method.ESTIMATED, l2, full.part, restricted == null ? null : restricted.part, r, products, status);
  }

  /** Eigenvalues of B H B^T, B an orthonormal basis of the complement of T. */
  static double[] complementEigenvalues(double[] h, int p, OrbitTangent tangent) {
    int r = tangent.dimension();
    if (r == 0) return DenseSpectrum.eigenvalues(h, p);
    double[] q = tangent.orthonormalBasis();
    double[] proj = new double[p * p];
    for (int i = 0; i < p; i++) proj[i * p + i] = 1.0;
    for (int c = 0; c < r; c++) {
      int off = c * p;
      for (int i = 0; i < p; i++) {
        double qi = q[off + i];
        if (qi == 0.0) continue;
        for (int j = 0; j < p; j++) proj[i * p + j] -= qi * q[off + j];
      }
    }
    DenseSpectrum.Result e = DenseSpectrum.decompose(proj, p, true);
    int d = p - r;
    // Rows [r, p) of the ascending decomposition are the eigenvalue-1 eigenvectors: B, d x p.
    double[] b = Arrays.copyOfRange(e.eigenvectors(), r * p, p * p);
    double[] hb = new double[p * d]; // H B^T, p x d
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < p; k++) {
        double hik = h[i * p + k];
        if (hik == 0.0) continue;
        for (int c = 0; c < d; c++) hb[i * d + c] += hik * b[c * p + k];
      }
    }
    double[] m = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int i = 0; i < p; i++) {
        double bai = b[a * p + i];
        if (bai == 0.0) continue;
        for (int c = 0; c < d; c++) m[a * d + c] += bai * hb[i * d + c];
      }
    }
    return DenseSpectrum.eigenvalues(m, d);
  }

  private static Part densePart(double[] eigenvalues, double l2, double tau) {
    return new Part(denseMeasures(eigenvalues, 0.0, tau), denseMeasures(eigenvalues, l2, tau));
  }

  /** Measures of the eigenvalues shifted by -shift. */
  static Measures denseMeasures(double[] eigenvalues, double shift, double tau) {
    int d = eigenvalues.length;
    double max = Double.NEGATIVE_INFINITY;
    double trace = 0.0;
    double squares = 0.0;
    double logdet = 0.0;
    int positive = 0;
    boolean nan = false;
    for (double e0 : eigenvalues) {
      double e = e0 - shift;
      if (Double.isNaN(e)) nan = true;
      max = Math.max(max, e);
      trace += e;
      squares += e * e;
      if (e > tau) {
        logdet += Math.log(e);
        positive++;
      }
    }
    if (nan) {
      return new Measures(d, Double.NaN, Double.NaN, 0, Double.NaN, 0, Double.NaN, 0, Double.NaN);
    }
    return new Measures(d, max, trace, 0.0, Math.sqrt(squares), 0.0, logdet, 0.0, positive);
  }

  private record Estimate(Part part, long products, Lanczos.Status status) {}

  private static Estimate estimate(SymmetricOperator a, int d, double l2, Options o) {
    Lanczos.Result top = new Lanczos(new Lanczos.Config(0, 1, o.lanczosTolerance(), o.lanczosMaxIterations(), 40, false))
        .extremeEigenpairs(a, o.seed());
    double lambdaMax = top.largestEigenvalue();
    TraceEstimator.Moments m = TraceEstimator.hutchinsonMoments(a, o.traceProbes(), o.seed());
    int probes = m.probes();
    double[] trTotal = m.quadratic();
    double[] trData = new double[probes];
    double[] frTotal = m.squaredNorm();
    double[] frData = new double[probes];
    for (int i = 0; i < probes; i++) {
      trData[i] = trTotal[i] - l2 * m.domainNorm()[i];
      frData[i] = Math.max(0.0, frTotal[i] - 2 * l2 * trTotal[i] + l2 * l2 * m.domainNorm()[i]);
    }
    SpectralDensity.Result slq = SpectralDensity.compute(a, o.density());
    double tau = o.positiveThreshold();
    Measures total = estimated(d, lambdaMax, trTotal, frTotal, slq, 0.0, tau);
    Measures data = estimated(d, lambdaMax - l2, trData, frData, slq, l2, tau);
    return new Estimate(new Part(total, data), top.iterations() + m.hessianVectorProducts() + slq.hessianVectorProducts(),
        top.status());
  }

  private static Measures estimated(int d, double lambdaMax, double[] trace, double[] frobSquared, SpectralDensity.Result slq,
      double shift, double tau) {
    TraceEstimator.MeanAndError tr = TraceEstimator.MeanAndError.of(trace);
    TraceEstimator.MeanAndError fr = TraceEstimator.MeanAndError.of(frobSquared);
    double frob = Math.sqrt(Math.max(0.0, fr.mean()));
    double frobSe = frob > 0 ? fr.standardError() / (2 * frob) : Double.NaN;
    TraceEstimator.MeanAndError logdet = TraceEstimator.MeanAndError.of(
        slq.traceOfPerProbe(v -> v - shift > tau ? Math.log(v - shift) : 0.0));
    double positive = slq.traceOf(v -> v - shift > tau ? 1.0 : 0.0);
    return new Measures(d, lambdaMax, tr.mean(), tr.standardError(), frob, frobSe, logdet.mean(), logdet.standardError(), positive);
  }
}

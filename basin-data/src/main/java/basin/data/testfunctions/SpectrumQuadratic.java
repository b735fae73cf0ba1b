package basin.data.testfunctions;

import basin.core.model.Initializer;
import basin.data.GlobalReference;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A quadratic with a prescribed Hessian spectrum:
 *
 * <pre>
 *   f(x) = f0 + 1/2 (x - c)^T Q diag(lambda) Q^T (x - c),   grad f = Q (lambda o Q^T (x - c)),   H = Q diag(lambda) Q^T
 * </pre>
 *
 * with Q the identity or a random orthogonal matrix drawn from a seed (Gram-Schmidt, applied twice,
 * of a matrix of independent standard normals from {@link Initializer#gaussian}: Haar distributed)
 * and c the origin. Negative entries of lambda make c a saddle of prescribed index (#{lambda_i &lt;
 * 0}); zeros make it degenerate (a whole affine subspace of critical points, of which c is listed).
 * The one listed critical point is c, value f0; it is the global minimum when lambda &gt;= 0, and f is
 * unbounded below otherwise. Box for random starts: [-1, 1]^n. Cost: O(n^2) per value, gradient
 * or Hessian-vector product. NaN or Inf in gives NaN or Inf out.
 */
public final class SpectrumQuadratic implements TestFunction {
  /** Largest n accepted (Q and H are dense n x n). */
  public static final int MAX_DIMENSION = 4096;

  private final double[] spectrum;
  private final double f0;
  private final long seed;
  private final boolean rotated;
  private final double[] q; // n x n row-major, column i = eigenvector of spectrum[i]
  private final double[] h; // Q diag(lambda) Q^T, row-major, exactly symmetric

  private SpectrumQuadratic(double[] spectrum, double f0, long seed, boolean rotated) {
    int n = spectrum.length;
    if (n < 1 || n > MAX_DIMENSION) throw new IllegalArgumentException("spectrum needs 1 to " + MAX_DIMENSION + " eigenvalues, got " + n);
    for (double v : spectrum) if (!Double.isFinite(v)) throw new IllegalArgumentException("eigenvalues must be finite, got " + v);
    if (!Double.isFinite(f0)) throw new IllegalArgumentException("f0 must be finite, got " + f0);
    this.spectrum = spectrum.clone();
    this.f0 = f0;
    this.seed = seed;
    this.rotated = rotated;
    this.q = rotated ? randomOrthogonal(n, seed) : identity(n);
    this.h = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += q[i * n + k] * this.spectrum[k] * q[j * n + k];
        h[i * n + j] = s;
        h[j * n + i] = s;
      }
    }
  }

  /** Q = I: f = f0 + 1/2 sum_i lambda_i x_i^2. */
  public static SpectrumQuadratic axisAligned(double[] spectrum, double f0) {
    return new SpectrumQuadratic(spectrum, f0, 0, false);
  }

  /** Q Haar-random from {@code seed}. */
  public static SpectrumQuadratic rotated(double[] spectrum, double f0, long seed) {
    return new SpectrumQuadratic(spectrum, f0, seed, true);
  }

  @Override
  public String name() {
    return "quadratic";
  }

  /** "quadratic:spectrum=-1;2;3,seed=4,f0=0", without the seed when Q = I. */
  @Override
  public String spec() {
    return "quadratic:spectrum=" + SpecParameters.formatList(spectrum) + (rotated ? ",seed=" + seed : "") + ",f0=" + SpecParameters.format(f0);
  }

  @Override
  public int dimension() {
    return spectrum.length;
  }

  /** The eigenvalues lambda (a copy). */
  public double[] spectrum() {
    return spectrum.clone();
  }

  /** Q, n x n row-major, column i the eigenvector of lambda_i (a copy). */
  public double[] eigenvectors() {
    return q.clone();
  }

  @Override
  public double value(double[] w) {
    checkLength(w);
    int n = spectrum.length;
    double s = 0;
    for (int k = 0; k < n; k++) {
      double y = 0;
      for (int i = 0; i < n; i++) y += q[i * n + k] * w[i];
      s += spectrum[k] * y * y;
    }
    return f0 + 0.5 * s;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    checkLength(w);
    int n = spectrum.length;
    Arrays.fill(gradient, 0, n, 0.0);
    double s = 0;
    for (int k = 0; k < n; k++) {
      double y = 0;
      for (int i = 0; i < n; i++) y += q[i * n + k] * w[i];
      s += spectrum[k] * y * y;
      double ly = spectrum[k] * y;
      for (int i = 0; i < n; i++) gradient[i] += q[i * n + k] * ly;
    }
    return f0 + 0.5 * s;
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    int n = spectrum.length;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += h[i * n + j] * v[j];
      result[i] = s;
    }
  }

  @Override
  public void hessian(double[] w, double[] hessian) {
    checkLength(w);
    if (hessian.length != h.length) throw new IllegalArgumentException("hessian has length " + hessian.length + ", expected " + h.length);
    System.arraycopy(h, 0, hessian, 0, h.length);
  }

  @Override
  public double[] lower() {
    double[] x = new double[spectrum.length];
    Arrays.fill(x, -1);
    return x;
  }

  @Override
  public double[] upper() {
    double[] x = new double[spectrum.length];
    Arrays.fill(x, 1);
    return x;
  }

  /** The centre (the origin), value f0, index #{lambda_i &lt; 0}. */
  @Override
  public List<KnownCriticalPoint> knownCriticalPoints() {
    int negative = 0;
    for (double v : spectrum) if (v < 0) negative++;
    return List.of(KnownCriticalPoint.of(new double[spectrum.length], f0, negative, negative == 0));
  }

  @Override
  public GlobalReference globalReference() {
    for (double v : spectrum) {
      if (v < 0) return GlobalReference.unknown("quadratic with a negative eigenvalue " + SpecParameters.format(v) + ": unbounded below, no global minimum");
    }
    return GlobalReference.closedForm(f0, "quadratic with a positive semidefinite Hessian: f0 at the centre is the global minimum");
  }

  @Override
  public SpectrumQuadratic copy() {
    return this;
  }

  private void checkLength(double[] w) {
    if (w.length != spectrum.length) throw new IllegalArgumentException("parameters have length " + w.length + ", expected n = " + spectrum.length);
  }

  private static double[] identity(int n) {
    double[] q = new double[n * n];
    for (int i = 0; i < n; i++) q[i * n + i] = 1;
    return q;
  }

  /** Columns: Gram-Schmidt (twice, for orthogonality to rounding) of n x n standard normals. */
  private static double[] randomOrthogonal(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] q = new double[n * n];
    for (int i = 0; i < q.length; i++) q[i] = Initializer.gaussian(random);
    double[] column = new double[n];
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < n; i++) column[i] = q[i * n + c];
      for (int pass = 0; pass < 2; pass++) {
        for (int prev = 0; prev < c; prev++) {
          double dot = 0;
          for (int i = 0; i < n; i++) dot += q[i * n + prev] * column[i];
          for (int i = 0; i < n; i++) column[i] -= dot * q[i * n + prev];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) norm += column[i] * column[i];
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) q[i * n + c] = column[i] / norm;
    }
    return q;
  }
}

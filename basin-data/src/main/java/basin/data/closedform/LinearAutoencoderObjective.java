package basin.data.closedform;

import basin.core.Objective;
import basin.core.model.Initializer;
import basin.data.GlobalReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The linear autoencoder loss (Baldi and Hornik 1989, "Neural networks and principal component
 * analysis: learning from examples without local minima"):
 *
 * <pre>
 *   L(A, B) = tr[ (I - B A) S (I - B A)^T ] = E |x - B A x|^2   for E[x x^T] = S
 *   grad_A  = -2 B^T E S,   grad_B = -2 E S A^T,   E = I - B A
 *   H (a, b) = ( -2 b^T E S + 2 B^T D S ,  2 D S A^T - 2 E S a^T ),   D = b A + B a
 * </pre>
 *
 * with A the p x n encoder and B the n x p decoder. Parameters: A row-major, then B row-major
 * (2 n p in all). Cost: O(n^2 p + n^3) per value, gradient or Hessian-vector product.
 *
 * <p>Critical points ({@link #criticalPoints()}): with S = U diag(lambda) U^T, lambda_1 &gt; ... &gt;
 * lambda_n &gt; 0, every critical point has BA = U_I U_I^T for an index set I with |I| = r &lt;= p.
 * Its loss is tr S - sum_{i in I} lambda_i; only I = {1..p} is a minimum (the global one, loss
 * sum_{i &gt; p} lambda_i); all others are saddles. The Hessian at the representative A = [U_I^T; 0],
 * B = [U_I, 0] splits, in the eigenbasis, into independent blocks (derivation in
 * docs/linear-autoencoder-hessian.md):
 *
 * <ul>
 *   <li>for k, l in I: the pair (b_{k,j(l)}, a_{j(k),l}) with form lambda_l (x + y)^2: eigenvalues
 *       4 lambda_l and 0;
 *   <li>for a used unit j (eigenvector i) and l not in I: the pair (a_{j,l}, b_{l,j}) with matrix
 *       2 [[lambda_l, -lambda_l], [-lambda_l, lambda_i]]: one negative eigenvalue iff lambda_l &gt;
 *       lambda_i;
 *   <li>for each of the p - r unused units and l not in I: the pair (a_{j,l}, b_{l,j}) with
 *       eigenvalues +-2 lambda_l; for l in I: two zeros.
 * </ul>
 *
 * So the index is #{(i in I, l not in I): lambda_l &gt; lambda_i} + (p - r)(n - r), the nullity r^2
 * + 2 r (p - r), and by Sylvester's law of inertia both hold on the whole orbit (C^-1 A, B C).
 */
public final class LinearAutoencoderObjective implements Objective {
  /** Largest number of critical points {@link #criticalPoints()} will enumerate. */
  public static final int MAX_CRITICAL_POINTS = 1 << 20;
  /**
   * Eigenvalues of S closer than this times the largest one count as equal, and below it as zero:
   * the closed form's isolated orbits merge into larger critical sets there.
   */
  public static final double DEGENERACY_TOLERANCE = 1e-9;

  private final int n;
  private final int p;
  private final double[] covariance;
  private final double[] eigenvalues;
  private final double[] eigenvectors; // n x n row-major, column i = eigenvector of eigenvalues[i]
  // workspaces, n x n each
  private final double[] product;
  private final double[] residual;
  private final double[] residualCov;
  private final double[] delta;
  private final double[] deltaCov;

  /**
   * @param covariance S, n x n row-major, symmetric positive semidefinite (copied)
   * @param n input dimension
   * @param p hidden units, 1 &lt;= p &lt;= n
   */
  public LinearAutoencoderObjective(double[] covariance, int n, int p) {
    if (n < 1 || p < 1 || p > n) throw new IllegalArgumentException("need 1 <= p <= n, got n=" + n + ", p=" + p);
    if (covariance.length != n * n) throw new IllegalArgumentException("covariance has length " + covariance.length + ", expected n*n = " + n * n);
    double max = 0;
    for (double v : covariance) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException("covariance must be finite, got " + v);
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.abs(covariance[i * n + j] - covariance[j * n + i]) > 1e-12 * max) {
          throw new IllegalArgumentException("covariance is not symmetric at (" + i + ", " + j + ")");
        }
      }
    }
    this.n = n;
    this.p = p;
    this.covariance = covariance.clone();
    this.eigenvalues = new double[n];
    this.eigenvectors = new double[n * n];
    symmetricEigen(this.covariance, n, eigenvalues, eigenvectors);
    if (eigenvalues[n - 1] < -1e-12 * Math.max(1.0, eigenvalues[0])) {
      throw new IllegalArgumentException("covariance has a negative eigenvalue " + eigenvalues[n - 1] + ", expected positive semidefinite");
    }
    this.product = new double[n * n];
    this.residual = new double[n * n];
    this.residualCov = new double[n * n];
    this.delta = new double[n * n];
    this.deltaCov = new double[n * n];
  }

  /** S = U diag(eigenvalues) U^T for a given orthogonal U (n x n row-major, columns = eigenvectors). */
  public static LinearAutoencoderObjective withSpectrum(double[] orthogonal, double[] eigenvalues, int p) {
    int n = eigenvalues.length;
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) sum += orthogonal[i * n + k] * eigenvalues[k] * orthogonal[j * n + k];
        s[i * n + j] = sum;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double avg = 0.5 * (s[i * n + j] + s[j * n + i]);
        s[i * n + j] = avg;
        s[j * n + i] = avg;
      }
    }
    return new LinearAutoencoderObjective(s, n, p);
  }

  private LinearAutoencoderObjective(LinearAutoencoderObjective o) {
    this.n = o.n;
    this.p = o.p;
    this.covariance = o.covariance;
    this.eigenvalues = o.eigenvalues;
    this.eigenvectors = o.eigenvectors;
    this.product = new double[n * n];
    this.residual = new double[n * n];
    this.residualCov = new double[n * n];
    this.delta = new double[n * n];
    this.deltaCov = new double[n * n];
  }

  public int inputDim() {
    return n;
  }

  public int hiddenUnits() {
    return p;
  }

  /** Eigenvalues of S, decreasing (a copy). */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /**
   * The global minimum of the loss in closed form, sum_{i &gt; p} lambda_i (the eigenvalues of S
   * beyond the top p; Baldi and Hornik 1989, Fact 4 / Theorem 1). Valid for any S, repeated or zero
   * eigenvalues included.
   */
  public double globalMinimumLoss() {
    double sum = 0;
    for (int i = p; i < n; i++) sum += eigenvalues[i];
    return sum;
  }

  /**
   * The global minimum's representative (I = the top p eigenvectors), with its predicted loss,
   * index 0 and nullity p^2; needs distinct positive eigenvalues like {@link #criticalPoint(int[])}.
   */
  public LinearAutoencoderCriticalPoint globalMinimum() {
    int[] top = new int[p];
    for (int i = 0; i < p; i++) top[i] = i;
    return criticalPoint(top);
  }

  /**
   * The predicted number of zero Hessian eigenvalues at the critical point BA = U_I U_I^T, from the
   * block form of the Hessian in the class comment, for any S (repeated and zero eigenvalues
   * allowed, unlike {@link #criticalPoint(int[])}). With r = |I|:
   *
   * <ul>
   *   <li>r^2 from the (k, l in I) blocks (eigenvalues 4 lambda_l and 0): together with the 2 r (p -
   *       r) zeros of the p - r unused units' (l in I) blocks, this is the dimension r^2 + 2 r (p - r)
   *       of the orbit through the point; at the global minimum (r = p) it is p^2, the dimension of
   *       GL(p);
   *   <li>plus the degeneracies: one more per (k, l in I) block with lambda_l = 0; per used unit i
   *       and l not in I, one zero when lambda_l = 0 or lambda_l = lambda_i (two when both are 0);
   *       per unused unit and l not in I, two zeros when lambda_l = 0.
   * </ul>
   * With distinct positive eigenvalues this is {@link LinearAutoencoderCriticalPoint#zeroEigenvalues()}
   * = r^2 + 2 r (p - r); the global minimum then has nullity exactly p^2. A tie lambda_p =
   * lambda_{p+1} adds one zero per tied pair across the boundary (the minimum is then a continuum),
   * and each zero eigenvalue of S outside I adds p.
   *
   * @param eigenIndices I, increasing indices into the decreasing eigenvalues, |I| &lt;= p
   * @param relativeTolerance eigenvalues of S within this times lambda_max of each other count as
   *     equal, and below it as zero (for example {@link #DEGENERACY_TOLERANCE})
   */
  public int predictedZeroEigenvalues(int[] eigenIndices, double relativeTolerance) {
    if (!(relativeTolerance >= 0)) throw new IllegalArgumentException("relative tolerance must be >= 0, got " + relativeTolerance);
    int r = eigenIndices.length;
    if (r > p) throw new IllegalArgumentException("|I| = " + r + " exceeds p = " + p);
    boolean[] in = new boolean[n];
    for (int i = 0; i < r; i++) {
      if (eigenIndices[i] < 0 || eigenIndices[i] >= n || (i > 0 && eigenIndices[i] <= eigenIndices[i - 1])) {
        throw new IllegalArgumentException("index set " + Arrays.toString(eigenIndices) + " must be increasing in [0, " + n + ")");
      }
      in[eigenIndices[i]] = true;
    }
    double tol = relativeTolerance * Math.max(Math.abs(eigenvalues[0]), Double.MIN_NORMAL);
    int zero = 0;
    for (int i : eigenIndices) {
      double li = eigenvalues[i];
      zero += r * (li <= tol ? 2 : 1);
      for (int l = 0; l < n; l++) {
        if (in[l]) continue;
        double ll = eigenvalues[l];
        if (ll <= tol && li <= tol) zero += 2;
        else if (ll <= tol || Math.abs(li - ll) <= tol) zero += 1;
      }
    }
    for (int l = 0; l < n; l++) zero += (p - r) * (in[l] || eigenvalues[l] <= tol ? 2 : 0);
    return zero;
  }

  /**
   * A random start: all 2 n p entries (A row-major, then B row-major) independent N(0, scale^2),
   * standard normals from {@link Initializer#gaussian} on {@code new SplittableRandom(seed)}.
   *
   * @param scale standard deviation, finite and &gt; 0
   */
  public double[] gaussianStart(long seed, double scale) {
    if (!(scale > 0 && Double.isFinite(scale))) throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[2 * n * p];
    for (int i = 0; i < w.length; i++) w[i] = scale * Initializer.gaussian(random);
    return w;
  }

  /** Global minimum sum_{i &gt; p} lambda_i (Baldi and Hornik 1989, Fact 4 / Theorem 1). */
  public GlobalReference globalReference() {
    double sum = globalMinimumLoss();
    return GlobalReference.closedForm(sum, "Baldi and Hornik 1989: the global minimum projects onto the top " + p
        + " eigenvectors of S; loss = sum of the other eigenvalues");
  }

  @Override
  public int dimension() {
    return 2 * n * p;
  }

  @Override
  public double value(double[] w) {
    checkLength(w);
    residualAndCov(w);
    double sum = 0;
    for (int k = 0; k < n * n; k++) sum += residualCov[k] * residual[k];
    return sum;
  }

  /** Fills residual = I - BA and residualCov = residual * S. */
  private void residualAndCov(double[] w) {
    int bOff = n * p;
    // product = B A: B is n x p at bOff, A is p x n at 0
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int h = 0; h < p; h++) sum += w[bOff + i * p + h] * w[h * n + j];
        product[i * n + j] = sum;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) residual[i * n + j] = (i == j ? 1.0 : 0.0) - product[i * n + j];
    }
    multiply(residual, covariance, residualCov, n);
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    double f = value(w);
    int bOff = n * p;
    // grad_A = -2 B^T G  (p x n),   G = residualCov
    for (int h = 0; h < p; h++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += w[bOff + i * p + h] * residualCov[i * n + j];
        gradient[h * n + j] = -2 * sum;
      }
    }
    // grad_B = -2 G A^T  (n x p)
    for (int i = 0; i < n; i++) {
      for (int h = 0; h < p; h++) {
        double sum = 0;
        for (int j = 0; j < n; j++) sum += residualCov[i * n + j] * w[h * n + j];
        gradient[bOff + i * p + h] = -2 * sum;
      }
    }
    return f;
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    residualAndCov(w);
    int bOff = n * p;
    // D = b A + B a
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int h = 0; h < p; h++) sum += v[bOff + i * p + h] * w[h * n + j] + w[bOff + i * p + h] * v[h * n + j];
        delta[i * n + j] = sum;
      }
    }
    multiply(delta, covariance, deltaCov, n);
    // dA = -2 b^T G + 2 B^T (D S)
    for (int h = 0; h < p; h++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += -v[bOff + i * p + h] * residualCov[i * n + j] + w[bOff + i * p + h] * deltaCov[i * n + j];
        result[h * n + j] = 2 * sum;
      }
    }
    // dB = 2 (D S) A^T - 2 G a^T
    for (int i = 0; i < n; i++) {
      for (int h = 0; h < p; h++) {
        double sum = 0;
        for (int j = 0; j < n; j++) sum += deltaCov[i * n + j] * w[h * n + j] - residualCov[i * n + j] * v[h * n + j];
        result[bOff + i * p + h] = 2 * sum;
      }
    }
  }

  @Override
  public Objective copy() {
    return new LinearAutoencoderObjective(this);
  }

  /**
   * The parameters moved along the symmetry orbit: (A, B) -&gt; (C^-1 A, B C). The loss is unchanged
   * and the Hessian keeps its inertia.
   *
   * @param w parameters (not modified)
   * @param c invertible p x p matrix, row-major (not modified)
   * @return new parameters
   */
  public double[] applySymmetry(double[] w, double[] c) {
    checkLength(w);
    if (c.length != p * p) throw new IllegalArgumentException("C has length " + c.length + ", expected p*p = " + p * p);
    DMatrixRMaj inverse = new DMatrixRMaj(p, p, true, c);
    if (!CommonOps_DDRM.invert(inverse)) throw new IllegalArgumentException("C is singular");
    double[] out = new double[w.length];
    int bOff = n * p;
    for (int h = 0; h < p; h++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int g = 0; g < p; g++) sum += inverse.data[h * p + g] * w[g * n + j];
        out[h * n + j] = sum;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int h = 0; h < p; h++) {
        double sum = 0;
        for (int g = 0; g < p; g++) sum += w[bOff + i * p + g] * c[g * p + h];
        out[bOff + i * p + h] = sum;
      }
    }
    return out;
  }

  /**
   * Every critical point, one per index set I with |I| &lt;= p, by increasing rank then
   * lexicographic I.
   *
   * @throws IllegalStateException when the eigenvalues of S are not distinct and positive (the
   *     closed form then describes connected sets, not these points), or there are more than
   *     {@value #MAX_CRITICAL_POINTS}
   */
  public List<LinearAutoencoderCriticalPoint> criticalPoints() {
    List<LinearAutoencoderCriticalPoint> points = new ArrayList<>();
    for (int r = 0; r <= p; r++) points.addAll(criticalPoints(r));
    return points;
  }

  /** The critical points whose BA has rank r, 0 &lt;= r &lt;= p; see {@link #criticalPoints()}. */
  public List<LinearAutoencoderCriticalPoint> criticalPoints(int r) {
    if (r < 0 || r > p) throw new IllegalArgumentException("rank must be in [0, " + p + "], got " + r);
    checkDistinctPositive();
    double count = 1;
    for (int i = 0; i < r; i++) count = count * (n - i) / (i + 1);
    if (count > MAX_CRITICAL_POINTS) {
      throw new IllegalStateException(count + " critical points of rank " + r + ", more than " + MAX_CRITICAL_POINTS + " to enumerate");
    }
    List<LinearAutoencoderCriticalPoint> points = new ArrayList<>();
    int[] subset = new int[r];
    for (int i = 0; i < r; i++) subset[i] = i;
    while (true) {
      points.add(criticalPoint(subset.clone()));
      int k = r - 1;
      while (k >= 0 && subset[k] == n - r + k) k--;
      if (k < 0) break;
      subset[k]++;
      for (int j = k + 1; j < r; j++) subset[j] = subset[j - 1] + 1;
    }
    return points;
  }

  /** The critical point for one index set I (increasing indices into the decreasing eigenvalues). */
  public LinearAutoencoderCriticalPoint criticalPoint(int[] indices) {
    checkDistinctPositive();
    int r = indices.length;
    if (r > p) throw new IllegalArgumentException("|I| = " + r + " exceeds p = " + p);
    boolean[] in = new boolean[n];
    for (int i = 0; i < r; i++) {
      if (indices[i] < 0 || indices[i] >= n || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException("index set " + Arrays.toString(indices) + " must be increasing in [0, " + n + ")");
      }
      in[indices[i]] = true;
    }
    double loss = 0;
    for (int l = 0; l < n; l++) if (!in[l]) loss += eigenvalues[l];
    int negative = (p - r) * (n - r);
    List<Double> spectrum = new ArrayList<>(2 * n * p);
    for (int i : indices) {
      for (int k = 0; k < r; k++) {
        spectrum.add(4 * eigenvalues[i]);
        spectrum.add(0.0);
      }
      for (int l = 0; l < n; l++) {
        if (in[l]) continue;
        double li = eigenvalues[i];
        double ll = eigenvalues[l];
        if (ll > li) negative++;
        double root = Math.sqrt((ll - li) * (ll - li) + 4 * ll * ll);
        spectrum.add(ll + li + root);
        spectrum.add(2 * ll * (li - ll) * 2 / (ll + li + root)); // = ll + li - root, without cancellation
      }
    }
    for (int unused = r; unused < p; unused++) {
      for (int l = 0; l < n; l++) {
        if (in[l]) {
          spectrum.add(0.0);
          spectrum.add(0.0);
        } else {
          spectrum.add(2 * eigenvalues[l]);
          spectrum.add(-2 * eigenvalues[l]);
        }
      }
    }
    int zero = r * r + 2 * r * (p - r);
    double[] sorted = new double[spectrum.size()];
    for (int k = 0; k < sorted.length; k++) sorted[k] = spectrum.get(k);
    Arrays.sort(sorted);
    double[] w = new double[2 * n * p];
    int bOff = n * p;
    for (int h = 0; h < r; h++) {
      int col = indices[h];
      for (int j = 0; j < n; j++) {
        double u = eigenvectors[j * n + col];
        w[h * n + j] = u;          // A row h = u_col^T
        w[bOff + j * p + h] = u;   // B column h = u_col
      }
    }
    return new LinearAutoencoderCriticalPoint(indices, loss, negative, zero, 2 * n * p - negative - zero, w, sorted);
  }

  private void checkDistinctPositive() {
    double scale = Math.max(Math.abs(eigenvalues[0]), Double.MIN_NORMAL);
    double tolerance = DEGENERACY_TOLERANCE * scale;
    if (!(eigenvalues[n - 1] > tolerance)) {
      throw new IllegalStateException("S has eigenvalue " + eigenvalues[n - 1] + ", the critical point formulas need S positive definite");
    }
    for (int i = 1; i < n; i++) {
      if (!(eigenvalues[i - 1] - eigenvalues[i] > tolerance)) {
        throw new IllegalStateException("S has (nearly) equal eigenvalues " + eigenvalues[i - 1] + " and " + eigenvalues[i]
            + ", the critical point formulas need distinct eigenvalues");
      }
    }
  }

  private void checkLength(double[] w) {
    if (w.length != 2 * n * p) throw new IllegalArgumentException("parameters have length " + w.length + ", expected 2*n*p = " + 2 * n * p);
  }

  /** c = a b for n x n row-major matrices. */
  private static void multiply(double[] a, double[] b, double[] c, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) c[i * n + j] = 0;
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
      }
    }
  }

  /** Decreasing eigenvalues and matching unit eigenvectors (columns of vectors, n x n row-major). */
  static void symmetricEigen(double[] s, int n, double[] values, double[] vectors) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(new DMatrixRMaj(n, n, true, s))) {
      throw new IllegalStateException("symmetric eigendecomposition of the " + n + "x" + n + " covariance failed");
    }
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) order[k] = k;
    Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).real, eig.getEigenvalue(x).real));
    for (int k = 0; k < n; k++) {
      values[k] = eig.getEigenvalue(order[k]).real;
      DMatrixRMaj v = eig.getEigenVector(order[k]);
      double norm = 0;
      for (int j = 0; j < n; j++) norm += v.data[j] * v.data[j];
      norm = Math.sqrt(norm);
      for (int j = 0; j < n; j++) vectors[j * n + k] = v.data[j] / norm;
    }
  }
}

package basin.landscape.certify;

import basin.core.Objective;
import basin.core.linalg.Gemm;
import basin.core.linalg.Vectors;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.symmetry.MlpSymmetry;
import basin.landscape.symmetry.OrbitTangent;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Refines a point of a network whose only kinked layer is the first hidden one (ReLU or leaky ReLU)
 * onto the kink manifold it sits near, and computes what a nonsmooth certificate rests on: the
 * active kinks, their jumps and Clarke multipliers, the stationarity residual and the Hessian
 * restricted to the kink manifold. The mathematics, the algorithm and the tolerances are in
 * docs/kinks.md; the classification from the {@link Result} is done by {@link Certifier}.
 *
 * <h2>Notation</h2>
 * Pair q = i h + j is example i and hidden unit j; z_q = w_j . x_i + b_j is linear in the
 * parameters, z_q(theta) = u_q . theta with u_q = (x_i, 1) in unit j's block (row j of W_1 and
 * b_1[j]). K is the active set, U = [u_q, q in K], N an orthonormal basis of null(U^T) with the
 * orbit tangent T removed (T lies in null(U^T) on the manifold: a rescaling multiplies z_q by a
 * positive factor).
 *
 * <h2>Algorithm (a primal active-set Newton method)</h2>
 * <ol>
 *   <li>Initial K: the pairs nearest their kink hyperplanes (distance |z_q| / ||u_q||), cut at the
 *       widest gap (ratio &gt;= 3) among those within 1e-6 max(1, ||theta||); without such a gap, the
 *       pairs within {@value #MIN_CLEARANCE} max(1, ||theta||).
 *   <li>Project onto {z_K = 0}: theta -= U (U^T U)^-1 z_K.
 *   <li>Newton step on the manifold: s = -N (N^T H N)^+ N^T g, the step capped by a radius; if an
 *       inactive pair would change sign along s, stop at the first such kink (the ratio test; z is
 *       linear, so the crossing point is exact) and add the pair to K. Otherwise accept the step if
 *       it reduces ||N^T g||, else shrink the radius.
 *   <li>Once the residual ||(I - P_U) g|| is below the tolerance: the jumps c_q from the gradients of
 *       the all-off and all-on pieces (evaluated just off the manifold and carried back to it with
 *       one Hessian-vector product each), the multipliers lambda = -(U^T U)^-1 U^T g_off / c. A
 *       kink with lambda outside [0, 1] by more than the tolerance is released (the point is nudged
 *       into the side where the loss descends) and the loop continues; all violated kinks are
 *       released at once, and a kink released {@value #MAX_RELEASES} times ends the refinement.
 * </ol>
 * Everything is bounded (iterations, displacement, |K| &lt; P - orbit dimension) and every failure
 * returns a reason instead of a point: the caller then keeps the smooth verdict (NOT_CONVERGED).
 *
 * <p>Cost per Newton iteration: a gradient, a dense Hessian, the orbit tangent, a Householder QR of
 * the P x (|K| + r) constraint matrix, two P x P x (P - |K| - r) products and one symmetric
 * eigendecomposition of size P - |K| - r. Deterministic: a pure function of (objective, point,
 * tolerances).
 *
 * <p>Not thread-safe (uses the objective's workspaces).
 */
final class KinkRefinement {

  /** Initial capture: only pairs this close (times max(1, ||theta||)) to their kink can start in K. */
  static final double CAPTURE_DISTANCE = 1e-6;
  /** A gap in the sorted distances: the next one at least this many times farther. */
  static final double GAP_RATIO = 3;
  /** A kink released this many times makes the refinement give up (the active set cycles). */
  static final int MAX_RELEASES = 3;
  /**
   * Minimum clearance: an inactive pair closer than this (times max(1, ||theta||)) to its kink at
   * the end is taken as active (it joins K). Far above the rounding of z (1e-16 relative), so the
   * piece arrangement the certificate describes holds in a ball that no rounding, side offset or
   * probe at the scale of a few ulps can leave (docs/kinks.md, "Clearance").
   */
  static final double MIN_CLEARANCE = 1e-8;
  /**
   * The clearance must be at least this many times the estimated distance to the exact stationary
   * point (the Newton step on the manifold), else the exact point may lie across an inactive kink.
   */
  static final double CLEARANCE_FACTOR = 10;
  /** The refined point may move at most this (times max(1, ||w||)) from the given one. */
  static final double MAX_DISPLACEMENT = 0.1;
  /** The first Newton step is capped at this (times max(1, ||w||)). */
  static final double INITIAL_RADIUS = 0.05;
  /** Distance (times max(1, ||theta||)) of the points on either side used to read the jumps. */
  static final double SIDE_OFFSET = 1e-7;

  /**
   * What the refinement found.
   *
   * @param reason null when a stationary point was found, else why not
   * @param point the refined point (null on failure)
   * @param value f(point)
   * @param kinks the active pairs q = i h + j, ascending
   * @param jumps c_q, the jump of dL/dz_q across the kink (negative: concave kink)
   * @param jumpNorms |c_q| ||u_q||, the size of the gradient jump
   * @param multipliers lambda_q with g_off + sum lambda_q c_q u_q = residual vector orthogonal to U
   * @param residual ||(I - P_U) g||, the Clarke stationarity measure
   * @param reducedEigenvalues eigenvalues of N^T H N, ascending (length P - |K| - r)
   * @param orbitDimension r
   * @param clearance min over inactive pairs of |z_q| / ||u_q||, the distance from point to the
   *     nearest kink outside K (+Inf when there is none; NaN on failure)
   * @param locationError ||(N^T H N)^+ N^T g||, the length of the Newton step on the manifold: the
   *     first-order distance from point to the exact stationary point (NaN on failure)
   * @param iterations Newton iterations spent
   */
  record Result(String reason, double[] point, double value, int[] kinks, double[] jumps, double[] jumpNorms,
      double[] multipliers, double residual, double[] reducedEigenvalues, int orbitDimension, double clearance,
      double locationError, int iterations) {

    static Result failed(String reason, int iterations) {
      return new Result(reason, null, Double.NaN, new int[0], new double[0], new double[0], new double[0], Double.NaN,
          new double[0], -1, Double.NaN, Double.NaN, iterations);
    }

    boolean stationary() {
      return reason == null;
    }
  }

  private final MlpObjective f;
  private final MlpSymmetry symmetry;
  private final double gtol;
  private final double relTol;
  private final int maxIterations;
  private final int p;
  private final int n;
  private final int d;
  private final int h;
  private final int wo;
  private final int bo;
  private final double[] x;
  private final double[] rowNorm;

  /**
   * Whether f is a network this class handles: an {@link MlpObjective} whose first hidden layer is
   * ReLU or leaky ReLU and whose other hidden layers are smooth, with P &lt;= denseLimit.
   */
  static boolean applies(Objective f, int denseLimit) {
    if (!(f instanceof MlpObjective m)) return false;
    Mlp model = m.model();
    if (model.layerCount() < 2 || !model.activation(1).hasKinks()) return false;
    for (int l = 2; l < model.layerCount(); l++) {
      if (model.activation(l).hasKinks()) return false;
    }
    return model.parameterCount() <= denseLimit;
  }

  /**
   * @param gradientTolerance the Clarke residual, jump and multiplier-margin tolerance (gradient units)
   * @param relativeEigenvalueTolerance eigenvalues of N^T H N within this times max(1, |beta_max|)
   *     are zero; their directions are left out of the location error (the verdict is then at best
   *     DEGENERATE_MINIMUM, which claims nothing along them)
   */
  KinkRefinement(MlpObjective f, MlpSymmetry symmetry, double gradientTolerance, double relativeEigenvalueTolerance,
      int maxIterations) {
    this.f = f;
    this.symmetry = symmetry;
    this.gtol = gradientTolerance;
    this.relTol = relativeEigenvalueTolerance;
    this.maxIterations = maxIterations;
    Mlp model = f.model();
    this.p = model.parameterCount();
    this.n = f.data().size();
    this.d = model.inputDim();
    this.h = model.width(1);
    this.wo = model.weightOffset(1);
    this.bo = model.bias() ? model.biasOffset(1) : -1;
    this.x = f.data().inputs();
    this.rowNorm = new double[n];
    for (int i = 0; i < n; i++) {
      double s = model.bias() ? 1.0 : 0.0;
      for (int k = 0; k < d; k++) s += x[i * d + k] * x[i * d + k];
      rowNorm[i] = Math.sqrt(s);
    }
  }

  /** z_q(v) = u_q . v for every pair (z is linear in the parameters). */
  void preactivations(double[] v, double[] z) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        double s = bo >= 0 ? v[bo + j] : 0.0;
        int row = wo + j * d;
        for (int k = 0; k < d; k++) s += v[row + k] * x[i * d + k];
        z[i * h + j] = s;
      }
    }
  }

  /** The dense column u_q (length P). */
  private double[] column(int q) {
    double[] u = new double[p];
    int i = q / h;
    int j = q % h;
    for (int k = 0; k < d; k++) u[wo + j * d + k] = x[i * d + k];
    if (bo >= 0) u[bo + j] = 1.0;
    return u;
  }

  /** U^T U, row-major k x k: u_q . u_r = [same unit] (x_i . x_i' + bias). */
  private double[] gram(int[] kinks) {
    int k = kinks.length;
    double[] a = new double[k * k];
    for (int s = 0; s < k; s++) {
      for (int t = 0; t < k; t++) {
        int qs = kinks[s];
        int qt = kinks[t];
        if (qs % h != qt % h) continue;
        int is = qs / h;
        int it = qt / h;
        double v = bo >= 0 ? 1.0 : 0.0;
        for (int c = 0; c < d; c++) v += x[is * d + c] * x[it * d + c];
        a[s * k + t] = v;
      }
    }
    return a;
  }

  /**
   * Cholesky factor (lower, row-major) of a (EJML; a is overwritten), or null when a is not
   * positive definite or a pivot L_ii^2 is below 1e-14 of the largest diagonal entry (dependent
   * kink normals).
   */
  private static double[] cholesky(double[] a, int k) {
    double maxDiag = 0;
    for (int i = 0; i < k; i++) maxDiag = Math.max(maxDiag, a[i * k + i]);
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(k, true);
    if (!chol.decompose(DMatrixRMaj.wrap(k, k, a))) return null;
    double[] l = chol.getT(null).data;
    for (int i = 0; i < k; i++) {
      double pivot = l[i * k + i];
      if (!(pivot * pivot > 1e-14 * maxDiag)) return null;
    }
    return l;
  }

  /** Solves L L^T y = b in place. */
  private static void choleskySolve(double[] l, int k, double[] b) {
    TriangularSolver_DDRM.solveL(l, b, k);
    TriangularSolver_DDRM.solveTranL(l, b, k);
  }

  /** v += sum_s a_s u_{kinks[s]}. */
  private void addColumns(int[] kinks, double[] a, double[] v) {
    for (int s = 0; s < kinks.length; s++) {
      int i = kinks[s] / h;
      int j = kinks[s] % h;
      for (int c = 0; c < d; c++) v[wo + j * d + c] += a[s] * x[i * d + c];
      if (bo >= 0) v[bo + j] += a[s];
    }
  }

  /** U^T v. */
  private double[] project(int[] kinks, double[] v) {
    double[] out = new double[kinks.length];
    for (int s = 0; s < kinks.length; s++) {
      int i = kinks[s] / h;
      int j = kinks[s] % h;
      double sum = bo >= 0 ? v[bo + j] : 0.0;
      for (int c = 0; c < d; c++) sum += v[wo + j * d + c] * x[i * d + c];
      out[s] = sum;
    }
    return out;
  }

  /** theta -= U (U^T U)^-1 U^T theta, twice (the second pass removes round-off of the first). */
  private void projectOntoManifold(int[] kinks, double[] chol, double[] theta) {
    for (int pass = 0; pass < 2; pass++) {
      double[] a = project(kinks, theta);
      choleskySolve(chol, kinks.length, a);
      for (int s = 0; s < a.length; s++) a[s] = -a[s];
      addColumns(kinks, a, theta);
    }
  }

  /** ||(I - U (U^T U)^-1 U^T) g||. */
  private double residual(int[] kinks, double[] chol, double[] g) {
    if (kinks.length == 0) return Vectors.norm(g);
    double[] r = g.clone();
    double[] a = project(kinks, r);
    choleskySolve(chol, kinks.length, a);
    for (int s = 0; s < a.length; s++) a[s] = -a[s];
    addColumns(kinks, a, r);
    return Vectors.norm(r);
  }

  /**
   * Householder QR of A = [U D^-1, T] (D = diag ||u_q||, T the orthonormal orbit tangent, r
   * columns). The first |K| reflectors and the leading |K| x |K| block R11 of R are the QR of the
   * normalized kink columns U_n = U D^-1 alone, which gives the least-squares solver {@link
   * #solve}; the trailing columns of Q are N.
   *
   * @param reflectors the unit Householder vectors, v_c nonzero from index c
   * @param rInverse R11^-1, row-major |K| x |K| upper triangular
   * @param kappa ||e_q^T R11^-1|| &gt;= 1: an error e in a gradient moves (U_n^+ g)_q by at most
   *     kappa_q ||e|| (1 / kappa_q is the sine of the angle between u_q and the other normals)
   * @param basis N, row-major P x m, m = P - |K| - r
   */
  private record Factor(double[][] reflectors, double[] rInverse, double[] kappa, double[] basis) {}

  /**
   * The {@link Factor} of the active kinks and the orbit tangent; null when the columns are
   * numerically dependent (a diagonal of R below 1e-8, the columns having unit norm).
   */
  private Factor factor(int[] kinks, double[] tangent, int r) {
    int k = kinks.length;
    int cols = k + r;
    double[][] a = new double[cols][];
    for (int s = 0; s < k; s++) {
      double[] u = column(kinks[s]);
      double norm = Vectors.norm(u);
      for (int t = 0; t < p; t++) u[t] /= norm;
      a[s] = u;
    }
    for (int c = 0; c < r; c++) a[k + c] = Arrays.copyOfRange(tangent, c * p, (c + 1) * p);
    double[][] v = new double[cols][];
    double[] r11 = new double[k * k];
    for (int c = 0; c < cols; c++) {
      double[] col = a[c];
      double norm = 0;
      for (int t = c; t < p; t++) norm += col[t] * col[t];
      norm = Math.sqrt(norm);
      if (!(norm > 1e-8)) return null;
      double alpha = col[c] > 0 ? -norm : norm;
      if (c < k) {
        // column c of R: the entries above the diagonal were produced by the earlier reflectors
        for (int t = 0; t < c; t++) r11[t * k + c] = col[t];
        r11[c * k + c] = alpha;
      }
      double[] hv = new double[p];
      for (int t = c; t < p; t++) hv[t] = col[t];
      hv[c] -= alpha;
      double hn = 0;
      for (int t = c; t < p; t++) hn += hv[t] * hv[t];
      hn = Math.sqrt(hn);
      for (int t = c; t < p; t++) hv[t] /= hn;
      v[c] = hv;
      for (int e = c + 1; e < cols; e++) reflect(hv, c, a[e]);
    }
    // R11^-1 by back substitution, column by column, and its row norms.
    double[] inv = new double[k * k];
    for (int j = 0; j < k; j++) {
      for (int i = j; i >= 0; i--) {
        double s = i == j ? 1.0 : 0.0;
        for (int t = i + 1; t <= j; t++) s -= r11[i * k + t] * inv[t * k + j];
        inv[i * k + j] = s / r11[i * k + i];
      }
    }
    double[] kappa = new double[k];
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int j = i; j < k; j++) s += inv[i * k + j] * inv[i * k + j];
      kappa[i] = Math.sqrt(s);
    }
    int m = p - cols;
    double[] basis = new double[p * m];
    double[] e = new double[p];
    for (int t = 0; t < m; t++) {
      Arrays.fill(e, 0.0);
      e[cols + t] = 1.0;
      for (int c = cols - 1; c >= 0; c--) reflect(v[c], c, e);
      for (int row = 0; row < p; row++) basis[row * m + t] = e[row];
    }
    return new Factor(v, inv, kappa, basis);
  }

  /**
   * U_n^+ g = R11^-1 (Q^T g)[0, |K|), the least-squares coefficients of g on the normalized kink
   * columns (Householder: relative error O(cond(U_n) eps), not cond^2 as with normal equations).
   * Coefficient q in gradient units; divided by ||u_q|| it is (U^+ g)_q.
   */
  private double[] solve(Factor factor, int k, double[] g) {
    double[] y = g.clone();
    for (int c = 0; c < k; c++) reflect(factor.reflectors()[c], c, y);
    double[] a = new double[k];
    double[] inv = factor.rInverse();
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int j = i; j < k; j++) s += inv[i * k + j] * y[j];
      a[i] = s;
    }
    return a;
  }

  /** y -= 2 v (v . y) over indices >= from. */
  private void reflect(double[] v, int from, double[] y) {
    double s = 0;
    for (int t = from; t < p; t++) s += v[t] * y[t];
    s *= 2;
    for (int t = from; t < p; t++) y[t] -= s * v[t];
  }

  /** N^T g. */
  private static double[] reduce(double[] basis, int p, int m, double[] g) {
    double[] out = new double[m];
    for (int row = 0; row < p; row++) {
      double gr = g[row];
      if (gr == 0.0) continue;
      for (int t = 0; t < m; t++) out[t] += basis[row * m + t] * gr;
    }
    return out;
  }

  /** N^T H N, row-major m x m. */
  private double[] reducedHessian(double[] theta, double[] basis, int m, double[] hessian, boolean fresh) {
    if (fresh) f.hessian(theta, hessian);
    double[] hn = new double[p * m];
    Gemm.gemm(false, false, p, m, p, 1.0, hessian, 0, basis, 0, 0.0, hn, 0);
    double[] b = new double[m * m];
    Gemm.gemm(true, false, m, m, p, 1.0, basis, 0, hn, 0, 0.0, b, 0);
    Objective.symmetrize(b, m);
    return b;
  }

  /** The initial active set: the last clear gap among the nearest pairs, or those at rounding distance. */
  int[] initialKinks(double[] z, double scale, int kmax) {
    int pairs = n * h;
    double[] dist = new double[pairs];
    Integer[] order = new Integer[pairs];
    for (int q = 0; q < pairs; q++) {
      dist[q] = Math.abs(z[q]) / rowNorm[q / h];
      order[q] = q;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(dist[a], dist[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    double capture = CAPTURE_DISTANCE * scale;
    double floor = 1e-15 * scale;
    int cut = 0;
    double best = GAP_RATIO;
    int limit = Math.min(kmax, pairs - 1);
    for (int m = 1; m <= limit; m++) {
      double dm = dist[order[m - 1]];
      if (dm > capture) break;
      double ratio = dist[order[m]] / Math.max(dm, floor);
      if (ratio >= best) {
        best = ratio;
        cut = m;
      }
    }
    if (cut == 0) {
      while (cut < limit && dist[order[cut]] <= MIN_CLEARANCE * scale) cut++;
    }
    int[] kinks = new int[cut];
    for (int s = 0; s < cut; s++) kinks[s] = order[s];
    Arrays.sort(kinks);
    return kinks;
  }

  private static int[] with(int[] kinks, int q) {
    int[] out = Arrays.copyOf(kinks, kinks.length + 1);
    out[kinks.length] = q;
    Arrays.sort(out);
    return out;
  }

  /**
   * Runs the refinement from w.
   *
   * @param w the optimizer's end point (not modified), finite
   */
  Result refine(double[] w) {
    double scale = Math.max(1.0, Vectors.norm(w));
    int orbit = symmetry == null ? 0 : symmetry.orbitDimension(w);
    int kmax = p - orbit - 1;
    double[] theta = w.clone();
    int pairs = n * h;
    double[] z = new double[pairs];
    double[] zs = new double[pairs];
    boolean[] active = new boolean[pairs];
    preactivations(theta, z);
    int[] kinks = initialKinks(z, scale, kmax);
    double[] g = new double[p];
    double[] hessian = new double[p * p];
    double radius = INITIAL_RADIUS * scale;
    int[] releaseCount = new int[pairs];
    int rejections = 0;
    boolean freshHessian = true;
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      if (kinks.length > kmax) return Result.failed(kinks.length + " active kinks, more than P - orbit dimension - 1 = " + kmax, iteration);
      double[] chol = kinks.length == 0 ? new double[0] : cholesky(gram(kinks), kinks.length);
      if (chol == null) return Result.failed("the normals of the " + kinks.length + " active kinks are linearly dependent", iteration);
      // Project; a pair that the projection moves across its kink joins K.
      preactivations(theta, z);
      double[] before = z.clone();
      projectOntoManifold(kinks, chol, theta);
      preactivations(theta, z);
      Arrays.fill(active, false);
      for (int q : kinks) active[q] = true;
      int crossed = -1;
      for (int q = 0; q < pairs; q++) {
        if (!active[q] && before[q] * z[q] < 0) {
          crossed = q;
          break;
        }
      }
      if (crossed >= 0) {
        kinks = with(kinks, crossed);
        continue;
      }
      if (!(distance(theta, w) <= MAX_DISPLACEMENT * scale)) {
        return Result.failed("the refined point moved more than " + MAX_DISPLACEMENT + " max(1, ||w||) from the given point", iteration);
      }
      double value = f.valueAndGradient(theta, g);
      if (!Double.isFinite(value) || !Vectors.allFinite(g)) return Result.failed("non-finite loss or gradient during refinement", iteration);
      double res = residual(kinks, chol, g);
      OrbitTangent tangent = symmetry == null ? null : symmetry.orbitTangent(theta);
      int r = tangent == null ? 0 : tangent.dimension();
      Factor factor = factor(kinks, r == 0 ? new double[0] : tangent.orthonormalBasis(), r);
      if (factor == null) return Result.failed("kink normals and symmetry directions are linearly dependent", iteration);
      double[] basis = factor.basis();
      int m = p - kinks.length - r;
      double[] rg = reduce(basis, p, m, g);
      double rgNorm = Vectors.norm(rg);
      if (res <= 1e-2 * gtol || (rejections >= 3 && res <= gtol)) {
        // First-order candidate. An inactive pair within the minimum clearance joins K.
        int near = nearestInactive(z, active);
        if (near >= 0 && Math.abs(z[near]) / rowNorm[near / h] < MIN_CLEARANCE * scale) {
          kinks = with(kinks, near);
          continue;
        }
        f.hessian(theta, hessian);
        double hessianNorm = Math.sqrt(Vectors.dot(hessian, hessian)); // Frobenius, >= ||H||_2
        double[] eig = new double[0];
        double error = 0;
        if (m > 0) {
          DenseSpectrum.Result spectrum = DenseSpectrum.decompose(reducedHessian(theta, basis, m, hessian, false), m, true);
          eig = spectrum.eigenvalues();
          error = newtonStepLength(spectrum, rg, m);
        }
        // The exact stationary point is about `error` away: the local model (this piece arrangement)
        // must hold well beyond that, or the exact point may lie across an inactive kink.
        double clearance = near < 0 ? Double.POSITIVE_INFINITY : Math.abs(z[near]) / rowNorm[near / h];
        if (!(clearance >= CLEARANCE_FACTOR * error)) {
          return Result.failed("the nearest inactive kink is " + clearance + " away, less than " + CLEARANCE_FACTOR
              + " times the distance " + error + " to the exact stationary point", iteration);
        }
        if (kinks.length == 0) {
          return new Result(null, theta, value, kinks, new double[0], new double[0], new double[0], res, eig, r, clearance, error,
              iteration);
        }
        Multipliers mult = multipliers(theta, kinks, chol, factor, z, active, scale);
        if (mult == null) return Result.failed("could not read the kink jumps without crossing another kink", iteration);
        if (mult.fitError > 1e-6 * mult.jumpScale + gtol) {
          return Result.failed("the gradient jump is not along the kink normals (fit error " + mult.fitError + ")", iteration);
        }
        // Gradient error the multipliers must tolerate: the stationarity tolerance plus the change of
        // g_off and of the jump between here and the exact point (||H|| error each, to first order).
        double gradientError = gtol + 2 * hessianNorm * error;
        double[] release = new double[kinks.length];
        boolean[] released = new boolean[kinks.length];
        int releases = 0;
        for (int t = 0; t < kinks.length; t++) {
          double jn = mult.jumpNorms[t];
          double tol = factor.kappa()[t] * gradientError; // conditioning-aware: kappa_q >= 1
          if (jn <= tol) return Result.failed("flat kink: jump " + jn + " at or below its error bound " + tol, iteration);
          double lam = mult.lambda[t];
          double margin = Math.min(lam, 1 - lam) * jn;
          if (Math.abs(margin) <= tol) {
            return Result.failed("weakly active kink: multiplier " + lam + " within its error bound " + tol + " of the box [0, 1]",
                iteration);
          }
          if (margin < 0) {
            // Descent side: for a convex kink (c > 0) lambda < 0 points off (z < 0) and lambda > 1
            // on; for a concave one the other way round (docs/kinks.md, "Finding the point", step 4).
            double side = (lam < 0) == (mult.c[t] > 0) ? -1.0 : 1.0;
            release[t] = side * SIDE_OFFSET * scale * rowNorm[kinks[t] / h];
            released[t] = true;
            releases++;
            if (++releaseCount[kinks[t]] >= MAX_RELEASES) {
              return Result.failed("kink " + kinks[t] + " released " + MAX_RELEASES + " times: the active set cycles", iteration);
            }
          }
        }
        if (releases == 0) {
          return new Result(null, theta, value, kinks, mult.c, mult.jumpNorms, mult.lambda, res, eig, r, clearance, error, iteration);
        }
        choleskySolve(chol, kinks.length, release);
        addColumns(kinks, release, theta);
        int[] kept = new int[kinks.length - releases];
        for (int t = 0, u = 0; t < kinks.length; t++) {
          if (!released[t]) kept[u++] = kinks[t];
        }
        kinks = kept;
        rejections = 0;
        freshHessian = true;
        continue;
      }
      if (m == 0) return Result.failed("no freedom left on the kink manifold and the residual is " + res, iteration);
      // After a step stopped by the ratio test the previous Hessian is reused (a quasi-Newton step:
      // the point moved along the same piece); accepted or rejected steps and the final
      // certification use a fresh one.
      double[] b = reducedHessian(theta, basis, m, hessian, freshHessian);
      freshHessian = false;
      DenseSpectrum.Result eig = DenseSpectrum.decompose(b, m, true);
      double[] beta = eig.eigenvalues();
      double cutoff = 1e-12 * Math.max(Math.abs(beta[0]), Math.abs(beta[m - 1]));
      double[] y = new double[m];
      double[] vecs = eig.eigenvectors();
      for (int t = 0; t < m; t++) {
        if (!(Math.abs(beta[t]) > cutoff)) continue;
        double proj = 0;
        for (int c = 0; c < m; c++) proj += vecs[t * m + c] * rg[c];
        double coef = -proj / beta[t];
        for (int c = 0; c < m; c++) y[c] += coef * vecs[t * m + c];
      }
      double[] s = new double[p];
      Gemm.gemm(false, false, p, 1, m, 1.0, basis, 0, y, 0, 0.0, s, 0);
      double sn = Vectors.norm(s);
      if (!(sn > 0)) return Result.failed("zero Newton step with residual " + res, iteration);
      if (sn > radius) {
        double shrink = radius / sn;
        for (int t = 0; t < p; t++) s[t] *= shrink;
      }
      // Ratio test: the first inactive pair that the step would carry across its kink.
      preactivations(s, zs);
      double tau = 1.0;
      int blocking = -1;
      for (int q = 0; q < pairs; q++) {
        if (active[q] || zs[q] == 0.0) continue;
        double end = z[q] + zs[q];
        if (z[q] * end <= 0) {
          double t = -z[q] / zs[q];
          if (t < tau) {
            tau = t;
            blocking = q;
          }
        }
      }
      double[] trial = theta.clone();
      Vectors.axpy(tau, s, trial);
      if (blocking >= 0) {
        theta = trial;
        kinks = with(kinks, blocking);
        rejections = 0;
        continue;
      }
      projectOntoManifold(kinks, chol, trial);
      double[] gt = new double[p];
      double vt = f.valueAndGradient(trial, gt);
      double merit = Vectors.norm(reduce(basis, p, m, gt));
      if (Double.isFinite(vt) && merit < rgNorm) {
        theta = trial;
        radius = Math.max(radius, 2 * Vectors.norm(s));
        rejections = 0;
        freshHessian = true;
      } else {
        freshHessian = true;
        radius = 0.25 * Vectors.norm(s);
        rejections++;
        if (rejections > 12) return Result.failed("Newton on the kink manifold makes no progress (residual " + res + ")", iteration);
      }
    }
    return Result.failed("no stationary point within " + maxIterations + " Newton iterations", maxIterations);
  }

  /**
   * ||B^+ N^T g|| over the eigenvalues of B = N^T H N above relTol max(1, |beta_max|) in magnitude
   * (N is orthonormal, so this is the length of the Newton step on the manifold): the first-order
   * distance to the exact stationary point along the directions the verdict rests on.
   */
  private double newtonStepLength(DenseSpectrum.Result spectrum, double[] rg, int m) {
    double[] beta = spectrum.eigenvalues();
    double[] vecs = spectrum.eigenvectors();
    double zero = relTol * Math.max(1.0, Math.abs(beta[m - 1]));
    double s = 0;
    for (int t = 0; t < m; t++) {
      if (!(Math.abs(beta[t]) > zero)) continue;
      double proj = 0;
      for (int c = 0; c < m; c++) proj += vecs[t * m + c] * rg[c];
      double coef = proj / beta[t];
      s += coef * coef;
    }
    return Math.sqrt(s);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  /** The inactive pair nearest its kink (distance |z_q| / ||u_q||), or -1 when every pair is active. */
  private int nearestInactive(double[] z, boolean[] active) {
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int q = 0; q < z.length; q++) {
      if (active[q]) continue;
      double dist = Math.abs(z[q]) / rowNorm[q / h];
      if (best < 0 || dist < bestDistance) {
        best = q;
        bestDistance = dist;
      }
    }
    return best;
  }

  /** min over the inactive pairs of |z_q| / ||u_q|| (+Inf when there is none). */
  double clearance(double[] z, boolean[] active) {
    int q = nearestInactive(z, active);
    return q < 0 ? Double.POSITIVE_INFINITY : Math.abs(z[q]) / rowNorm[q / h];
  }

  /** The distance from theta to the nearest first-layer kink hyperplane, over all pairs. */
  double clearance(double[] theta) {
    double[] z = new double[n * h];
    preactivations(theta, z);
    return clearance(z, new boolean[n * h]);
  }

  /** Jumps and multipliers at a point on the manifold. */
  record Multipliers(double[] c, double[] jumpNorms, double[] lambda, double fitError, double jumpScale) {}

  /**
   * c from g_on - g_off = U c, where g_off (g_on) is the gradient of the piece with every active
   * kink off (on) at theta, read at theta -+ delta with U^T delta = SIDE_OFFSET scale ||u_q|| and
   * carried back to theta by one Hessian-vector product (error O(||delta||^2)); then lambda c =
   * -U^+ g_off. Both least-squares problems are solved with the Householder factors of the
   * normalized columns (see {@link #solve}). Null when the offset points would move an inactive
   * pair across its kink even after shrinking the offset.
   */
  private Multipliers multipliers(double[] theta, int[] kinks, double[] chol, Factor factor, double[] z, boolean[] active,
      double scale) {
    int k = kinks.length;
    int pairs = n * h;
    double[] zs = new double[pairs];
    double offset = SIDE_OFFSET * scale;
    double[] delta = null;
    for (int attempt = 0; attempt < 6 && delta == null; attempt++, offset /= 10) {
      double[] a = new double[k];
      for (int s = 0; s < k; s++) a[s] = offset * rowNorm[kinks[s] / h];
      choleskySolve(chol, k, a);
      double[] dl = new double[p];
      addColumns(kinks, a, dl);
      preactivations(dl, zs);
      boolean ok = true;
      for (int q = 0; q < pairs && ok; q++) {
        if (!active[q] && Math.abs(zs[q]) >= 0.5 * Math.abs(z[q])) ok = false;
      }
      if (ok) delta = dl;
    }
    if (delta == null) return null;
    double[] plus = theta.clone();
    double[] minus = theta.clone();
    Vectors.axpy(1.0, delta, plus);
    Vectors.axpy(-1.0, delta, minus);
    double[] gOn = new double[p];
    double[] gOff = new double[p];
    double[] hv = new double[p];
    f.valueAndGradient(plus, gOn);
    f.hessianVectorProduct(plus, delta, hv);
    Vectors.axpy(-1.0, hv, gOn);
    f.valueAndGradient(minus, gOff);
    f.hessianVectorProduct(minus, delta, hv);
    Vectors.axpy(1.0, hv, gOff);
    double[] jump = gOn.clone();
    Vectors.axpy(-1.0, gOff, jump);
    double[] cn = solve(factor, k, jump); // c_q ||u_q||
    double[] ln = solve(factor, k, gOff); // -lambda_q c_q ||u_q||
    double[] c = new double[k];
    double[] lambda = new double[k];
    double[] jumpNorms = new double[k];
    double[] neg = new double[k];
    for (int s = 0; s < k; s++) {
      double un = rowNorm[kinks[s] / h];
      c[s] = cn[s] / un;
      neg[s] = -c[s];
      lambda[s] = -ln[s] / cn[s];
      jumpNorms[s] = Math.abs(cn[s]);
    }
    double[] fit = jump.clone();
    addColumns(kinks, neg, fit);
    return new Multipliers(c, jumpNorms, lambda, Vectors.norm(fit), Vectors.norm(jump));
  }
}

package basin.core.model;

import basin.core.Objective;
import basin.core.linalg.Gemm;
import java.util.Arrays;

/**
 * The dense Hessian of the data term of an {@link MlpObjective} (mean loss, no L2), row-major
 * P x P and exactly symmetric, from the row-major state at w on the full data set
 * ({@link RowMajorPasses#forward}, {@link RowMajorPasses#lossAndDelta}(true),
 * {@link RowMajorPasses#backward} and {@link RowMajorPasses#secondDerivatives}).
 *
 * <h2>Generic path: the blocked R-operator</h2>
 * Row j of H is the R-operator's result for the unit direction e_j (formulas in
 * {@link RowMajorPasses}). It runs for a block of D unit directions at once, the buffers in
 * (example, direction, unit) layout, so every step is one matrix product with m D rows. A unit
 * direction in layer l0 leaves the layers below l0 untouched (R a_l = 0 for l < l0), so only the
 * columns of layers >= l0 are computed; the lower blocks are mirrored and the diagonal blocks
 * averaged with their transposes. Cost: about P/2 to P Hessian-vector products' worth of flops,
 * in BLAS-3 products; D keeps the direction buffers within {@link #DENSE_BLOCK_BUDGET} doubles.
 *
 * <h2>One hidden layer</h2>
 * One output (mse, logistic): Gauss-Newton plus residual term, H = G^T G + sum_i delta_i Hess f_i,
 * one product of m P^2 multiply-adds ({@link #singleOutputHessian}). k outputs (mse,
 * cross-entropy): the output layer's rows by the blocked R-operator, the hidden block from its
 * Kronecker structure, about m d^2 h^2 multiply-adds ({@link #oneHiddenLayerHessian}). Each is
 * taken when its buffers fit {@link #JACOBIAN_BUDGET}.
 *
 * <p>Modifies: h (every entry written) and this object's buffers, allocated on first use and kept
 * for the next call (the Kronecker path also allocates two arrays of h and h k doubles per call);
 * the workspace is only read.
 */
final class DenseHessian {

  /** Memory budget (doubles) of the direction blocks of the dense Hessian. */
  private static final long DENSE_BLOCK_BUDGET = Long.getLong("basin.hessian.blockBudget", 6_000_000L);

  /**
   * Largest h(h+1)/2 in(in+1)/2 (pairs of hidden units times pairs of inputs) for which the
   * one-hidden-layer path forms the hidden block by {@link #symmetricPairBlock} (R holds that many
   * doubles); larger layers (MNIST's 785 inputs, or 90 units on 101 inputs) go unit by unit. The system property {@value #PAIR_BUDGET_PROPERTY} overrides it (tests: the chunked
   * and the unit-by-unit paths).
   */
  static final long PAIR_BUDGET = 8_000_000L;

  static final String PAIR_BUDGET_PROPERTY = "basin.hessian.pairBudget";

  /**
   * Doubles of the input products Y per chunk of examples in {@link #symmetricPairBlock}: about 8 MB,
   * so a chunk stays in cache while it is written and read by the product (a few hundred examples
   * per chunk: still a long inner dimension for the matrix product), instead of the whole m x
   * in(in+1)/2 in fresh memory.
   */
  static final long PAIR_CHUNK = 1_000_000L;

  /** Largest m * P for which the single-output path builds the m x P scaled Jacobian. */
  private static final long JACOBIAN_BUDGET = 8_000_000L;

  private final Mlp model;
  private final Loss loss;
  private final RowMajorPasses passes;
  private final int layers;
  private final int[] widths;
  private final int outputs;
  private final int p;

  // direction blocks: R z_l, R a_l, R delta_l in (example, direction, unit) rows, and R gW_l
  private int blockDirs;
  private double[][] brz;
  private double[][] bra;
  private double[][] brg;
  private double[] btmp;
  // single-output path: the scaled Jacobian G, one unit's cross terms and sigma'' block
  private double[] jacobian;
  private double[] cross;
  private double[] block;
  // Kronecker path: M_i, x~, and one hidden unit's product operand and result
  private double[] km;
  private double[] kx;
  private double[] kz;
  private double[] kr;
  private double[] ky;

  DenseHessian(Mlp model, Loss loss, RowMajorPasses passes) {
    this.model = model;
    this.loss = loss;
    this.passes = passes;
    this.layers = model.layerCount();
    this.widths = model.widths();
    this.outputs = model.outputDim();
    this.p = model.parameterCount();
  }

  /** The data term's Hessian at w into h (P x P), from the row-major second-order state at w in ws. */
  void compute(double[] w, RowMajorWorkspace ws, double[] h) {
    int m = ws.m;
    if (layers == 2 && outputs == 1 && (long) m * p <= JACOBIAN_BUDGET) {
      singleOutputHessian(w, ws, h);
      return;
    }
    if (layers == 2 && loss != Loss.BINARY_LOGISTIC
        && (long) m * widths[1] * (widths[0] + 1) <= JACOBIAN_BUDGET) {
      oneHiddenLayerHessian(w, ws, h);
      return;
    }
    int widest = 0;
    int sumWidths = 0;
    for (int l = 1; l <= layers; l++) {
      widest = Math.max(widest, widths[l]);
      sumWidths += widths[l];
    }
    for (int l0 = 1; l0 <= layers; l0++) {
      int in0 = widths[l0 - 1];
      int o0 = widths[l0];
      int layerParams = o0 * in0 + (model.bias() ? o0 : 0);
      int dirs = (int) Math.max(1, Math.min(layerParams, DENSE_BLOCK_BUDGET / ((long) m * (3L * sumWidths + widest))));
      ensureBlock(ws.capacity, dirs);
      for (int j0 = 0; j0 < layerParams; j0 += dirs) {
        int dcount = Math.min(dirs, layerParams - j0);
        hessianBlock(w, ws, l0, j0, dcount, h, l0);
      }
    }
    // fill the lower-layer blocks by symmetry and average the diagonal blocks
    for (int l = 1; l <= layers; l++) {
      int start = model.weightOffset(l);
      int end = l < layers ? model.weightOffset(l + 1) : p;
      for (int i = start; i < end; i++) {
        for (int j = i + 1; j < p; j++) {
          if (j < end) {
            double s = 0.5 * (h[i * p + j] + h[j * p + i]);
            h[i * p + j] = s;
            h[j * p + i] = s;
          } else {
            h[j * p + i] = h[i * p + j];
          }
        }
      }
    }
  }

  /**
   * The dense Hessian of a one-hidden-layer network with one output (regression with mse, binary
   * logistic), as Gauss-Newton term plus residual term:
   * <pre>
   *   H = G^T G + sum_i delta_i Hess_w f_i,   row i of G = sqrt(l_i) J_i,  J_i = d f_i / d w
   * </pre>
   * with l_i = d^2 loss / d f_i^2 >= 0 (2/n for mse, s_i (1 - s_i)/n for logistic) and delta_i =
   * d loss / d f_i. For f = w2 . sigma(W1 x + b1) + b2 the only second derivatives of f are
   * d^2 f / d w2_j d W1_jl = sigma'_j x_l and d^2 f / d W1_jl d W1_jl' = w2_j sigma''_j x_l x_l' (bias
   * entries with x = 1). G^T G is one matrix product of m P^2 multiply-adds, against about 5 m P^2
   * for P Hessian-vector products: the small networks of landscape studies are dominated by it.
   */
  private void singleOutputHessian(double[] w, RowMajorWorkspace ws, double[] h) {
    int m = ws.m;
    int d = widths[0];
    int hid = widths[1];
    int w1 = model.weightOffset(1);
    int w2 = model.weightOffset(2);
    boolean bias = model.bias();
    int b1 = bias ? model.biasOffset(1) : -1;
    int b2 = bias ? model.biasOffset(2) : -1;
    if (jacobian == null || jacobian.length < m * p) jacobian = new double[m * p];
    double[] g = jacobian;
    double[] x = ws.x;
    double[] a = ws.a[1];
    double[] s1 = ws.d1[1];
    double[] s2 = ws.d2[1];
    double[] delta = ws.g[2];
    double[] gp = ws.gp[1];
    for (int i = 0; i < m; i++) {
      double li = loss == Loss.MSE ? 2.0 / m : ws.aux[i] * (1.0 - ws.aux[i]) / m;
      double r = Math.sqrt(li);
      int row = i * p;
      for (int j = 0; j < hid; j++) {
        double c = r * w[w2 + j] * s1[i * hid + j];
        int at = row + w1 + j * d;
        for (int l = 0; l < d; l++) g[at + l] = c * x[i * d + l];
        if (bias) g[row + b1 + j] = c;
        g[row + w2 + j] = r * a[i * hid + j];
      }
      if (bias) g[row + b2] = r;
    }
    Gemm.gemm(true, false, p, p, m, 1.0, g, 0, g, 0, 0.0, h, 0);
    // residual: cross terms w2_j x (W1_j., b1_j), and the sigma'' terms inside each unit's W1_j., b1_j
    int in = d + (bias ? 1 : 0);
    double[] cross = jacobianCross(in);
    double[] block = jacobianBlock(in * in);
    boolean secondOrder = !model.activation(1).isPiecewiseLinear();
    for (int j = 0; j < hid; j++) {
      java.util.Arrays.fill(cross, 0, in, 0.0);
      if (secondOrder) java.util.Arrays.fill(block, 0, in * in, 0.0);
      for (int i = 0; i < m; i++) {
        double e = delta[i] * s1[i * hid + j];
        int xi = i * d;
        for (int l = 0; l < d; l++) cross[l] += e * x[xi + l];
        if (bias) cross[d] += e;
        if (secondOrder) {
          double u = gp[i * hid + j] * s2[i * hid + j]; // delta_i w2_j sigma''_ij
          if (u != 0.0) {
            for (int l = 0; l < in; l++) {
              double ul = u * (l < d ? x[xi + l] : 1.0);
              int br = l * in;
              for (int l2 = 0; l2 < in; l2++) block[br + l2] += ul * (l2 < d ? x[xi + l2] : 1.0);
            }
          }
        }
      }
      int rowW2 = w2 + j;
      for (int l = 0; l < in; l++) {
        int col = l < d ? w1 + j * d + l : b1 + j;
        h[rowW2 * p + col] += cross[l];
        h[col * p + rowW2] += cross[l];
        if (secondOrder) {
          for (int l2 = 0; l2 < in; l2++) {
            int col2 = l2 < d ? w1 + j * d + l2 : b1 + j;
            h[col * p + col2] += block[l * in + l2];
          }
        }
      }
    }
    Objective.symmetrize(h, p);
  }

  /**
   * The dense Hessian of a one-hidden-layer network with k outputs. The rows of the output layer's
   * parameters come from the blocked R-operator (all columns); the hidden layer's block, 85% of the
   * entries for typical widths, from its Kronecker structure: with x~ = [x; 1] (the 1 for the bias),
   * s = sigma'(z), t = sigma''(z), B_i = W2^T (d^2 loss_i / df^2) W2 and g = W2^T delta_i,
   * <pre>
   *   H[(a, b), (c, e)] = sum_i M_i[a, c] x~_ib x~_ie,   M_i = S_i B_i S_i + diag(t_i * g_i)
   * </pre>
   * computed by {@link #symmetricPairBlock} (one matrix product over the pairs a &lt;= c and b &lt;= e,
   * about m d^2 h^2 / 4 multiply-adds) where its buffers fit {@link #PAIR_BUDGET}, else for c &gt;= a
   * as one matrix product per hidden unit a (about m d^2 h^2 / 2 multiply-adds, half of what the
   * unit directions cost) and mirrored.
   */
  private void oneHiddenLayerHessian(double[] w, RowMajorWorkspace ws, double[] h) {
    int m = ws.m;
    int d = widths[0];
    int hid = widths[1];
    int k = outputs;
    boolean bias = model.bias();
    int in = d + (bias ? 1 : 0);
    int w1 = model.weightOffset(1);
    int b1 = bias ? model.biasOffset(1) : -1;
    int theta2 = model.weightOffset(2);
    // rows of the output layer's parameters, all columns
    int layerParams = k * hid + (bias ? k : 0);
    int widest = Math.max(hid, k);
    int dirs = (int) Math.max(1, Math.min(layerParams, DENSE_BLOCK_BUDGET / ((long) m * (3L * (hid + k) + widest))));
    ensureBlock(ws.capacity, dirs);
    for (int j0 = 0; j0 < layerParams; j0 += dirs) {
      hessianBlock(w, ws, 2, j0, Math.min(dirs, layerParams - j0), h, 1);
    }
    for (int i = theta2; i < p; i++) {
      for (int j = 0; j < theta2; j++) h[j * p + i] = h[i * p + j];
      for (int j = i + 1; j < p; j++) {
        double v = 0.5 * (h[i * p + j] + h[j * p + i]);
        h[i * p + j] = v;
        h[j * p + i] = v;
      }
    }
    // the hidden layer's block
    double[] x = ws.x;
    double[] s1 = ws.d1[1];
    double[] s2 = ws.d2[1];
    double[] gp = ws.gp[1];
    double[] prob = ws.aux;
    double[] w2t = new double[hid * k]; // W2^T, hid x k
    for (int c = 0; c < k; c++) for (int a = 0; a < hid; a++) w2t[a * k + c] = w[theta2 + c * hid + a];
    double[] mi = kroneckerM(m * hid * hid); // M_i, row-major per example
    double[] pw = new double[hid];
    for (int i = 0; i < m; i++) {
      int base = i * hid * hid;
      if (loss == Loss.MSE) {
        double scale = 2.0 / ((double) m * k);
        for (int a = 0; a < hid; a++) {
          for (int c = a; c < hid; c++) {
            double v = 0;
            for (int q = 0; q < k; q++) v += w2t[a * k + q] * w2t[c * k + q];
            mi[base + a * hid + c] = scale * v;
          }
        }
      } else { // softmax cross-entropy: (W2^T diag(p) W2 - (W2^T p)(W2^T p)^T) / m
        int pr = i * k;
        for (int a = 0; a < hid; a++) {
          double v = 0;
          for (int q = 0; q < k; q++) v += w2t[a * k + q] * prob[pr + q];
          pw[a] = v;
        }
        double inv = 1.0 / m;
        for (int a = 0; a < hid; a++) {
          for (int c = a; c < hid; c++) {
            double v = 0;
            for (int q = 0; q < k; q++) v += w2t[a * k + q] * prob[pr + q] * w2t[c * k + q];
            mi[base + a * hid + c] = inv * (v - pw[a] * pw[c]);
          }
        }
      }
      for (int a = 0; a < hid; a++) {
        double sa = s1[i * hid + a];
        for (int c = a; c < hid; c++) mi[base + a * hid + c] *= sa * s1[i * hid + c];
        mi[base + a * hid + a] += gp[i * hid + a] * s2[i * hid + a];
      }
    }
    double[] xt = kroneckerX(m * in); // x~, m x in
    for (int i = 0; i < m; i++) {
      System.arraycopy(x, i * d, xt, i * in, d);
      if (bias) xt[i * in + d] = 1.0;
    }
    int hidPairs = hid * (hid + 1) / 2;
    int inPairs = in * (in + 1) / 2;
    long budget = Long.getLong(PAIR_BUDGET_PROPERTY, PAIR_BUDGET);
    if ((long) hidPairs * inPairs <= budget) {
      int chunk = (int) Math.max(1, Math.min(m, Math.min(budget, PAIR_CHUNK) / inPairs));
      symmetricPairBlock(mi, xt, m, hid, in, hidPairs, inPairs, chunk, w1, b1, d, h);
      return;
    }
    double[] z = kroneckerZ(m * hid * in);
    double[] r = kroneckerR(in * hid * in);
    for (int a = 0; a < hid; a++) {
      int cols = (hid - a) * in;
      for (int i = 0; i < m; i++) {
        int base = i * hid * hid + a * hid;
        int zr = i * cols;
        int xr = i * in;
        for (int c = a; c < hid; c++) {
          double v = mi[base + c];
          int zc = zr + (c - a) * in;
          for (int e = 0; e < in; e++) z[zc + e] = v * xt[xr + e];
        }
      }
      // r[b, (c - a) * in + e] = sum_i x~_ib M_i[a, c] x~_ie
      Gemm.gemm(true, false, in, cols, m, 1.0, xt, 0, z, 0, 0.0, r, 0);
      for (int b = 0; b < in; b++) {
        int row = b < d ? w1 + a * d + b : b1 + a;
        for (int c = a; c < hid; c++) {
          for (int e = 0; e < in; e++) {
            int col = e < d ? w1 + c * d + e : b1 + c;
            double v = r[b * cols + (c - a) * in + e];
            h[row * p + col] = v;
            h[col * p + row] = v;
          }
        }
      }
    }
  }

  /**
   * The hidden layer's block from both of its symmetries: M_i is symmetric in (a, c) and x~_ib x~_ie
   * in (b, e), so every entry is one of R[(a, c), (b, e)] = sum_i M_i[a, c] x~_ib x~_ie over the
   * pairs a &lt;= c and b &lt;= e: one matrix product R = Mp^T Y of the m x h(h+1)/2 pairs of M
   * and the m x in(in+1)/2 products of inputs, h(h+1)/2 in(in+1)/2 m multiply-adds (half of
   * the unit-by-unit products: those compute both triangles of each in x in block), accumulated
   * over chunks of {@code chunk} examples so that Y stays within the budget. Then each row of the
   * block is read out of R in order.
   */
  private void symmetricPairBlock(double[] mi, double[] xt, int m, int hid, int in, int hidPairs, int inPairs, int chunk,
      int w1, int b1, int d, double[] h) {
    int[] hidPair = pairIndex(hid);
    int[] inPair = pairIndex(in);
    double[] mp = kroneckerZ(chunk * hidPairs);
    double[] y = kroneckerY(chunk * inPairs);
    double[] r = kroneckerR(hidPairs * inPairs);
    for (int i0 = 0; i0 < m; i0 += chunk) {
      int rows = Math.min(chunk, m - i0);
      for (int t = 0; t < rows; t++) {
        int i = i0 + t;
        int base = i * hid * hid;
        int out = t * hidPairs;
        for (int a = 0; a < hid; a++) {
          System.arraycopy(mi, base + a * hid + a, mp, out, hid - a); // upper row a: pairs (a, a..hid-1) in order
          out += hid - a;
        }
        int xr = i * in;
        int yr = t * inPairs;
        for (int b = 0; b < in; b++) {
          double xb = xt[xr + b];
          for (int e = b; e < in; e++) y[yr++] = xb * xt[xr + e];
        }
      }
      Gemm.gemm(true, false, hidPairs, inPairs, rows, 1.0, mp, 0, y, 0, i0 == 0 ? 0.0 : 1.0, r, 0);
    }
    for (int a = 0; a < hid; a++) {
      for (int b = 0; b < in; b++) {
        int rowStart = (b < d ? w1 + a * d + b : b1 + a) * p;
        for (int c = 0; c < hid; c++) {
          int block = hidPair[a * hid + c] * inPairs;
          int col = w1 + c * d;
          int pairs = b * in;
          for (int e = 0; e < d; e++) h[rowStart + col + e] = r[block + inPair[pairs + e]];
          if (in > d) h[rowStart + b1 + c] = r[block + inPair[pairs + d]];
        }
      }
    }
  }

  /** Index of the unordered pair {i, j} in the row-major upper-triangle order, for all i, j < n. */
  private static int[] pairIndex(int n) {
    int[] index = new int[n * n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        index[i * n + j] = k;
        index[j * n + i] = k;
        k++;
      }
    }
    return index;
  }

  /**
   * Rows of H for the unit directions j0 .. j0+dirs-1 of layer l0 (local index: weights row-major,
   * then biases), restricted to the columns of layers >= l0. Buffers use the (example, direction,
   * unit) layout so each step is one matrix product with (m * dirs) rows.
   */
  private void hessianBlock(double[] w, RowMajorWorkspace ws, int l0, int j0, int dirs, double[] h, int lowest) {
    int m = ws.m;
    int in0 = widths[l0 - 1];
    int o0 = widths[l0];
    int weights0 = o0 * in0;
    double[] input0 = l0 == 1 ? ws.x : ws.a[l0 - 1];
    // R z_{l0}: unit direction (a, b) puts column b of the input in unit a; a bias direction puts 1 there
    double[] rz0 = brz[l0];
    Arrays.fill(rz0, 0, m * dirs * o0, 0.0);
    for (int d = 0; d < dirs; d++) {
      int j = j0 + d;
      if (j < weights0) {
        int a = j / in0;
        int b = j % in0;
        for (int i = 0; i < m; i++) rz0[(i * dirs + d) * o0 + a] = input0[i * in0 + b];
      } else {
        int a = j - weights0;
        for (int i = 0; i < m; i++) rz0[(i * dirs + d) * o0 + a] = 1.0;
      }
    }
    for (int l = l0; l < layers; l++) {
      int o = widths[l];
      double[] rz = brz[l];
      double[] ra = bra[l];
      double[] d1 = ws.d1[l];
      for (int i = 0; i < m; i++) {
        for (int d = 0; d < dirs; d++) {
          int r = (i * dirs + d) * o;
          for (int u = 0; u < o; u++) ra[r + u] = d1[i * o + u] * rz[r + u];
        }
      }
      Gemm.gemm(false, true, m * dirs, widths[l + 1], o, 1.0, ra, 0, w, model.weightOffset(l + 1), 0.0, brz[l + 1], 0);
    }
    passes.lossHessianTimes(ws, brz[layers], brg[layers], dirs);
    for (int l = layers; l >= lowest; l--) {
      int in = widths[l - 1];
      int o = widths[l];
      double[] input = l == 1 ? ws.x : ws.a[l - 1];
      double[] rg = brg[l];
      int wo = model.weightOffset(l);
      // R gW_l[d] = R delta_l[d]^T a_{l-1}: one product over all directions, rg viewed as
      // m x (dirs * o), gives rows (d, a) of length in, so direction d's o x in block of W_l is
      // contiguous in tmp and in row d of H alike: a copy, no scatter.
      double[] tmp = btmp;
      Gemm.gemm(true, false, dirs * o, in, m, 1.0, rg, 0, input, 0, 0.0, tmp, 0);
      for (int d = 0; d < dirs; d++) {
        int at = (model.weightOffset(l0) + j0 + d) * p + wo;
        System.arraycopy(tmp, d * o * in, h, at, o * in);
        if (l > l0) {
          // + delta_l^T R a_{l-1}[d], R a_{l-1}[., d, .] being the m x in slice with row stride dirs * in
          Gemm.gemm(true, false, o, in, m, 1.0, ws.g[l], 0, o, bra[l - 1], d * in, dirs * in, 1.0, h, at, in);
        }
      }
      if (model.bias()) {
        int bo = model.biasOffset(l);
        for (int d = 0; d < dirs; d++) {
          int row = (model.weightOffset(l0) + j0 + d) * p + bo;
          for (int a = 0; a < o; a++) h[row + a] = 0.0;
        }
        for (int i = 0; i < m; i++) {
          for (int d = 0; d < dirs; d++) {
            int row = (model.weightOffset(l0) + j0 + d) * p + bo;
            int r = (i * dirs + d) * o;
            for (int a = 0; a < o; a++) h[row + a] += rg[r + a];
          }
        }
      }
      if (l > lowest) {
        double[] rgPrev = brg[l - 1];
        Gemm.gemm(false, false, m * dirs, in, o, 1.0, rg, 0, w, wo, 0.0, rgPrev, 0);
        if (l == l0) {
          // below l0: + delta_l V_l, where unit direction (a, b) of W_l puts column a of delta_l in
          // column b; R z_{l-1} = 0 there, so no sigma'' term
          for (int d = 0; d < dirs; d++) {
            int j = j0 + d;
            if (j >= o * in) continue; // bias directions have V_l = 0
            int a = j / in;
            int b = j % in;
            double[] g = ws.g[l];
            for (int i = 0; i < m; i++) rgPrev[(i * dirs + d) * in + b] += g[i * o + a];
          }
        }
        passes.activationAdjoint(l - 1, ws, rgPrev, l - 1 >= l0 ? brz[l - 1] : null, dirs);
      }
    }
  }

  /** Direction buffers for up to {@code dirs} directions of {@code capacity} examples (grown, never shrunk). */
  private void ensureBlock(int capacity, int dirs) {
    if (blockDirs >= dirs) return;
    blockDirs = dirs;
    brz = new double[layers + 1][];
    bra = new double[layers][];
    brg = new double[layers + 1][];
    // one row of slack: netlib's bounds check of a strided sub-block counts whole rows
    int tmp = 0;
    for (int l = 1; l <= layers; l++) {
      brz[l] = new double[(capacity + 1) * dirs * widths[l]];
      brg[l] = new double[(capacity + 1) * dirs * widths[l]];
      if (l < layers) bra[l] = new double[(capacity + 1) * dirs * widths[l]];
      tmp = Math.max(tmp, dirs * widths[l] * widths[l - 1]);
    }
    btmp = new double[tmp];
  }

  private double[] jacobianCross(int len) {
    if (cross == null || cross.length < len) cross = new double[len];
    return cross;
  }

  private double[] jacobianBlock(int len) {
    if (block == null || block.length < len) block = new double[len];
    return block;
  }

  private double[] kroneckerM(int len) {
    if (km == null || km.length < len) km = new double[len];
    return km;
  }

  private double[] kroneckerX(int len) {
    if (kx == null || kx.length < len) kx = new double[len];
    return kx;
  }

  private double[] kroneckerZ(int len) {
    if (kz == null || kz.length < len) kz = new double[len];
    return kz;
  }

  private double[] kroneckerY(int len) {
    if (ky == null || ky.length < len) ky = new double[len];
    return ky;
  }

  private double[] kroneckerR(int len) {
    if (kr == null || kr.length < len) kr = new double[len];
    return kr;
  }
}

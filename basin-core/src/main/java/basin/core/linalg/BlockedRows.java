package basin.core.linalg;

/**
 * Kernels on "blocked rows": a matrix of U rows (units) by n columns (examples) stored as
 * {@code double[U][nb][BLOCK]}, row u split into nb = ceil(n / {@link #BLOCK}) separate arrays of
 * {@link #BLOCK} entries, the last one padded. The innermost loops run over the examples of one
 * block, in the forms HotSpot's C2 (JDK 17 to 25) auto-vectorizes, found by measurement: every
 * array indexed from 0 (a read-modify-write of {@code y[yo + i]} next to reads of
 * {@code x[xo + i]} with other variable offsets stays scalar), constant trip counts (so kernels
 * run over whole blocks, padding included; callers keep what the padding must hold, for example
 * zeros in the rows whose sums over examples are taken), and at most about five arrays per loop.
 *
 * <p>For the small weight matrices of narrow networks (a few dozen weights per layer) these fused
 * loops beat a BLAS call, whose fixed cost (JNI, packing) dominates products of about 10^5
 * multiply-adds. Sums over examples (the weight gradients) keep {@link #BLOCK} partial sums per
 * output in a scratch array, four outputs per pass, and fold them pairwise at the end: about 11
 * multiply-adds per ns on AVX-512, half the rate of the other kernels, bound by the loads and
 * stores of the partial sums (without the Vector API they cannot stay in registers).
 *
 * <p>Weights are read from a flat array with explicit strides: the coefficient of input row i in
 * output row j is {@code w[wOff + j * ws + i * is]}, so one kernel serves W (ws = columns, is = 1)
 * and W^T (ws = 1, is = columns). All methods are static and allocation-free; NaN and Inf propagate
 * as in IEEE arithmetic.
 */
public final class BlockedRows {

  /**
   * Examples per block: long enough to amortize a vector loop's pre- and post-loop, short enough to
   * waste little on padding. A power of two from 128 to 1024 (the lane sums fold by halves).
   */
  public static final int BLOCK = 128;

  private BlockedRows() {}

  /** Number of blocks of n examples. */
  public static int blockCount(int n) {
    return (n + BLOCK - 1) / BLOCK;
  }

  /** A zero matrix of {@code rows} x n in blocked rows (padded with zero columns to whole blocks). */
  public static double[][][] allocate(int rows, int n) {
    return new double[rows][blockCount(n)][BLOCK];
  }

  /**
   * dst[r][i] = src[i * cols + r] for the n real columns: the transpose of a row-major n x cols
   * matrix. The padding columns of dst are not touched.
   */
  public static void fromRowMajor(double[] src, int n, int cols, double[][][] dst) {
    for (int r = 0; r < cols; r++) {
      double[][] row = dst[r];
      for (int b = 0; b < row.length; b++) {
        double[] blk = row[b];
        int base = b * BLOCK;
        int len = Math.min(BLOCK, n - base);
        for (int q = 0; q < len; q++) blk[q] = src[(base + q) * cols + r];
      }
    }
  }

  /** dst[i * cols + r] = src[r][i] for the n real columns (the inverse of {@link #fromRowMajor}). */
  public static void toRowMajor(double[][][] src, int n, int cols, double[] dst) {
    for (int r = 0; r < cols; r++) {
      double[][] row = src[r];
      for (int b = 0; b < row.length; b++) {
        double[] blk = row[b];
        int base = b * BLOCK;
        int len = Math.min(BLOCK, n - base);
        for (int q = 0; q < len; q++) dst[(base + q) * cols + r] = blk[q];
      }
    }
  }

  /**
   * z[j] = c_j + sum_i w(j, i) x[i] for the {@code out} rows j of z and the {@code in} rows i of x,
   * with w(j, i) = {@code w[wOff + j * ws + i * is]} and c_j = {@code bias[bOff + j]} (0 when bias
   * is null); with {@code accumulate}, z[j] += sum_i w(j, i) x[i] instead (bias ignored). Two
   * output rows and four inputs per pass over a block: each load of x serves two multiply-adds and
   * each load and store of z four. x and z must not share row arrays. Not modified: w, bias, x.
   */
  public static void affine(int out, int in, double[] w, int wOff, int ws, int is, double[] bias, int bOff,
      double[][][] x, double[][][] z, boolean accumulate) {
    int nb = z[0].length;
    for (int b = 0; b < nb; b++) {
      int j = 0;
      for (; j + 2 <= out; j += 2) {
        double[] z0 = z[j][b];
        double[] z1 = z[j + 1][b];
        int w0 = wOff + j * ws;
        int w1 = w0 + ws;
        int i = 0;
        if (!accumulate && in >= 4) {
          double c0 = bias == null ? 0.0 : bias[bOff + j];
          double c1 = bias == null ? 0.0 : bias[bOff + j + 1];
          pair4(true, c0, c1, z0, z1, w, w0, w1, is, x[0][b], x[1][b], x[2][b], x[3][b]);
          i = 4;
        }
        for (; i + 4 <= in; i += 4) {
          pair4(false, 0.0, 0.0, z0, z1, w, w0 + i * is, w1 + i * is, is, x[i][b], x[i + 1][b], x[i + 2][b], x[i + 3][b]);
        }
        if (i < in || (!accumulate && in < 4)) {
          boolean set = !accumulate && in < 4;
          double c0 = set && bias != null ? bias[bOff + j] : 0.0;
          double c1 = set && bias != null ? bias[bOff + j + 1] : 0.0;
          pairTail(set, c0, c1, z0, z1, w, w0, w1, is, x, b, i, in);
        }
      }
      if (j < out) {
        double[] z0 = z[j][b];
        int w0 = wOff + j * ws;
        int i = 0;
        if (!accumulate) {
          double c0 = bias == null ? 0.0 : bias[bOff + j];
          int r = Math.min(4, in);
          single(true, c0, z0, w, w0, is, x, b, 0, r);
          i = r;
        }
        for (; i < in; i += 4) {
          single(false, 0.0, z0, w, w0, is, x, b, i, Math.min(in, i + 4));
        }
      }
    }
  }

  // z0 (=|+=) c0 + sum_u w[w0 + u * is] x_u, z1 likewise with w1 and c1, u = 0..3
  private static void pair4(boolean set, double c0, double c1, double[] z0, double[] z1, double[] w, int w0, int w1, int is,
      double[] x0, double[] x1, double[] x2, double[] x3) {
    double a0 = w[w0];
    double a1 = w[w0 + is];
    double a2 = w[w0 + 2 * is];
    double a3 = w[w0 + 3 * is];
    double b0 = w[w1];
    double b1 = w[w1 + is];
    double b2 = w[w1 + 2 * is];
    double b3 = w[w1 + 3 * is];
    if (set) {
      for (int q = 0; q < BLOCK; q++) {
        double v0 = x0[q];
        double v1 = x1[q];
        double v2 = x2[q];
        double v3 = x3[q];
        z0[q] = c0 + a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
        z1[q] = c1 + b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
      }
    } else {
      for (int q = 0; q < BLOCK; q++) {
        double v0 = x0[q];
        double v1 = x1[q];
        double v2 = x2[q];
        double v3 = x3[q];
        z0[q] += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
        z1[q] += b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
      }
    }
  }

  // pair4 for the 1 to 3 inputs [from, to)
  private static void pairTail(boolean set, double c0, double c1, double[] z0, double[] z1, double[] w, int w0, int w1, int is,
      double[][][] x, int b, int from, int to) {
    switch (to - from) {
      case 3: {
        double a0 = w[w0 + from * is];
        double a1 = w[w0 + (from + 1) * is];
        double a2 = w[w0 + (from + 2) * is];
        double b0 = w[w1 + from * is];
        double b1 = w[w1 + (from + 1) * is];
        double b2 = w[w1 + (from + 2) * is];
        double[] x0 = x[from][b];
        double[] x1 = x[from + 1][b];
        double[] x2 = x[from + 2][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) {
            double v0 = x0[q];
            double v1 = x1[q];
            double v2 = x2[q];
            z0[q] = c0 + a0 * v0 + a1 * v1 + a2 * v2;
            z1[q] = c1 + b0 * v0 + b1 * v1 + b2 * v2;
          }
        } else {
          for (int q = 0; q < BLOCK; q++) {
            double v0 = x0[q];
            double v1 = x1[q];
            double v2 = x2[q];
            z0[q] += a0 * v0 + a1 * v1 + a2 * v2;
            z1[q] += b0 * v0 + b1 * v1 + b2 * v2;
          }
        }
        break;
      }
      case 2: {
        double a0 = w[w0 + from * is];
        double a1 = w[w0 + (from + 1) * is];
        double b0 = w[w1 + from * is];
        double b1 = w[w1 + (from + 1) * is];
        double[] x0 = x[from][b];
        double[] x1 = x[from + 1][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) {
            double v0 = x0[q];
            double v1 = x1[q];
            z0[q] = c0 + a0 * v0 + a1 * v1;
            z1[q] = c1 + b0 * v0 + b1 * v1;
          }
        } else {
          for (int q = 0; q < BLOCK; q++) {
            double v0 = x0[q];
            double v1 = x1[q];
            z0[q] += a0 * v0 + a1 * v1;
            z1[q] += b0 * v0 + b1 * v1;
          }
        }
        break;
      }
      case 1: {
        double a0 = w[w0 + from * is];
        double b0 = w[w1 + from * is];
        double[] x0 = x[from][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) {
            double v0 = x0[q];
            z0[q] = c0 + a0 * v0;
            z1[q] = c1 + b0 * v0;
          }
        } else {
          for (int q = 0; q < BLOCK; q++) {
            double v0 = x0[q];
            z0[q] += a0 * v0;
            z1[q] += b0 * v0;
          }
        }
        break;
      }
      default:
        break;
    }
  }

  // z (=|+=) c + sum_{i in [from, to)} w[w0 + i * is] x_i[b], to - from in 1..4 (0 only with set: z = c)
  private static void single(boolean set, double c, double[] z, double[] w, int w0, int is, double[][][] x, int b, int from, int to) {
    switch (to - from) {
      case 4: {
        double a0 = w[w0 + from * is];
        double a1 = w[w0 + (from + 1) * is];
        double a2 = w[w0 + (from + 2) * is];
        double a3 = w[w0 + (from + 3) * is];
        double[] x0 = x[from][b];
        double[] x1 = x[from + 1][b];
        double[] x2 = x[from + 2][b];
        double[] x3 = x[from + 3][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) z[q] = c + a0 * x0[q] + a1 * x1[q] + a2 * x2[q] + a3 * x3[q];
        } else {
          for (int q = 0; q < BLOCK; q++) z[q] += a0 * x0[q] + a1 * x1[q] + a2 * x2[q] + a3 * x3[q];
        }
        break;
      }
      case 3: {
        double a0 = w[w0 + from * is];
        double a1 = w[w0 + (from + 1) * is];
        double a2 = w[w0 + (from + 2) * is];
        double[] x0 = x[from][b];
        double[] x1 = x[from + 1][b];
        double[] x2 = x[from + 2][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) z[q] = c + a0 * x0[q] + a1 * x1[q] + a2 * x2[q];
        } else {
          for (int q = 0; q < BLOCK; q++) z[q] += a0 * x0[q] + a1 * x1[q] + a2 * x2[q];
        }
        break;
      }
      case 2: {
        double a0 = w[w0 + from * is];
        double a1 = w[w0 + (from + 1) * is];
        double[] x0 = x[from][b];
        double[] x1 = x[from + 1][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) z[q] = c + a0 * x0[q] + a1 * x1[q];
        } else {
          for (int q = 0; q < BLOCK; q++) z[q] += a0 * x0[q] + a1 * x1[q];
        }
        break;
      }
      case 1: {
        double a0 = w[w0 + from * is];
        double[] x0 = x[from][b];
        if (set) {
          for (int q = 0; q < BLOCK; q++) z[q] = c + a0 * x0[q];
        } else {
          for (int q = 0; q < BLOCK; q++) z[q] += a0 * x0[q];
        }
        break;
      }
      default:
        if (set) java.util.Arrays.fill(z, c);
        break;
    }
  }

  /**
   * out[off + j * in + i] = sum_examples d[j] x[i] (+ sum d2[j] x2[i] when d2 is not null): the
   * product D X^T (+ D2 X2^T) of two blocked matrices over their examples, written row-major
   * {@code rows} x {@code in}. The sums over examples run in {@link #BLOCK} partial sums per output
   * (in acc), folded pairwise at the end, in an order fixed by the shapes alone.
   *
   * @param acc scratch of at least 4 * {@link #BLOCK} entries (modified)
   */
  public static void crossProducts(int rows, int in, double[][][] d, double[][][] x, double[][][] d2, double[][][] x2,
      double[] out, int off, double[] acc) {
    for (int j = 0; j < rows; j++) {
      double[][] dj = d[j];
      double[][] d2j = d2 == null ? null : d2[j];
      int i = 0;
      for (; i + 4 <= in; i += 4) {
        java.util.Arrays.fill(acc, 0, 4 * BLOCK, 0.0);
        lanes4(dj, x[i], x[i + 1], x[i + 2], x[i + 3], acc);
        if (d2j != null) lanes4(d2j, x2[i], x2[i + 1], x2[i + 2], x2[i + 3], acc);
        int at = off + j * in + i;
        fold4(acc, out, at, at + 1, at + 2, at + 3);
      }
    }
    int i = in - in % 4;
    int j = 0;
    if (in - i == 2) {
      for (; j + 2 <= rows; j += 2) {
        java.util.Arrays.fill(acc, 0, 4 * BLOCK, 0.0);
        lanes4(d[j], d[j + 1], x[i], x[i + 1], acc);
        if (d2 != null) lanes4(d2[j], d2[j + 1], x2[i], x2[i + 1], acc);
        int at = off + j * in + i;
        fold4(acc, out, at, at + 1, at + in, at + in + 1);
      }
    } else if (in - i == 1) {
      for (; j + 2 <= rows; j += 2) {
        java.util.Arrays.fill(acc, 0, 2 * BLOCK, 0.0);
        lanes2(x[i], d[j], d[j + 1], acc);
        if (d2 != null) lanes2(x2[i], d2[j], d2[j + 1], acc);
        int at = off + j * in + i;
        out[at] = fold(acc, 0);
        out[at + in] = fold(acc, BLOCK);
      }
    }
    for (; j < rows; j++) {
      double[][] dj = d[j];
      double[][] d2j = d2 == null ? null : d2[j];
      int at = off + j * in + i;
      switch (in - i) {
        case 3:
          java.util.Arrays.fill(acc, 0, 3 * BLOCK, 0.0);
          lanes3(dj, x[i], x[i + 1], x[i + 2], acc);
          if (d2j != null) lanes3(d2j, x2[i], x2[i + 1], x2[i + 2], acc);
          out[at] = fold(acc, 0);
          out[at + 1] = fold(acc, BLOCK);
          out[at + 2] = fold(acc, 2 * BLOCK);
          break;
        case 2:
          java.util.Arrays.fill(acc, 0, 2 * BLOCK, 0.0);
          lanes2(dj, x[i], x[i + 1], acc);
          if (d2j != null) lanes2(d2j, x2[i], x2[i + 1], acc);
          out[at] = fold(acc, 0);
          out[at + 1] = fold(acc, BLOCK);
          break;
        case 1:
          java.util.Arrays.fill(acc, 0, BLOCK, 0.0);
          lanes1(dj, x[i], acc);
          if (d2j != null) lanes1(d2j, x2[i], acc);
          out[at] = fold(acc, 0);
          break;
        default:
          break;
      }
    }
  }

  /** out[off + j] = sum over the examples of d[j], for the {@code rows} rows j of d. acc as in {@link #crossProducts}. */
  public static void rowSums(int rows, double[][][] d, double[] out, int off, double[] acc) {
    for (int j = 0; j < rows; j++) {
      java.util.Arrays.fill(acc, 0, BLOCK, 0.0);
      double[][] dj = d[j];
      for (int b = 0; b < dj.length; b++) {
        double[] db = dj[b];
        for (int q = 0; q < BLOCK; q++) acc[q] += db[q];
      }
      out[off + j] = fold(acc, 0);
    }
  }

  // acc[u * BLOCK + q] += sum over blocks of d[b][q] x_u[b][q], u = 0..3; the segment offsets are
  // compile-time constants, which lets C2 prove the four read-modify-writes independent
  private static void lanes4(double[][] d, double[][] x0, double[][] x1, double[][] x2, double[][] x3, double[] acc) {
    for (int b = 0; b < d.length; b++) {
      double[] db = d[b];
      double[] p0 = x0[b];
      double[] p1 = x1[b];
      double[] p2 = x2[b];
      double[] p3 = x3[b];
      for (int q = 0; q < BLOCK; q++) {
        double dv = db[q];
        acc[q] += dv * p0[q];
        acc[BLOCK + q] += dv * p1[q];
        acc[2 * BLOCK + q] += dv * p2[q];
        acc[3 * BLOCK + q] += dv * p3[q];
      }
    }
  }

  // acc segments (d0, x0), (d0, x1), (d1, x0), (d1, x1): two rows of d against two of x
  private static void lanes4(double[][] d0, double[][] d1, double[][] x0, double[][] x1, double[] acc) {
    for (int b = 0; b < d0.length; b++) {
      double[] e0 = d0[b];
      double[] e1 = d1[b];
      double[] p0 = x0[b];
      double[] p1 = x1[b];
      for (int q = 0; q < BLOCK; q++) {
        double u0 = e0[q];
        double u1 = e1[q];
        double v0 = p0[q];
        double v1 = p1[q];
        acc[q] += u0 * v0;
        acc[BLOCK + q] += u0 * v1;
        acc[2 * BLOCK + q] += u1 * v0;
        acc[3 * BLOCK + q] += u1 * v1;
      }
    }
  }

  private static void lanes3(double[][] d, double[][] x0, double[][] x1, double[][] x2, double[] acc) {
    for (int b = 0; b < d.length; b++) {
      double[] db = d[b];
      double[] p0 = x0[b];
      double[] p1 = x1[b];
      double[] p2 = x2[b];
      for (int q = 0; q < BLOCK; q++) {
        double dv = db[q];
        acc[q] += dv * p0[q];
        acc[BLOCK + q] += dv * p1[q];
        acc[2 * BLOCK + q] += dv * p2[q];
      }
    }
  }

  private static void lanes2(double[][] d, double[][] x0, double[][] x1, double[] acc) {
    for (int b = 0; b < d.length; b++) {
      double[] db = d[b];
      double[] p0 = x0[b];
      double[] p1 = x1[b];
      for (int q = 0; q < BLOCK; q++) {
        double dv = db[q];
        acc[q] += dv * p0[q];
        acc[BLOCK + q] += dv * p1[q];
      }
    }
  }

  private static void lanes1(double[][] d, double[][] x0, double[] acc) {
    for (int b = 0; b < d.length; b++) {
      double[] db = d[b];
      double[] p0 = x0[b];
      for (int q = 0; q < BLOCK; q++) acc[q] += db[q] * p0[q];
    }
  }

  // fold of the four segments of acc at once, into out[o0..o3]
  private static void fold4(double[] acc, double[] out, int o0, int o1, int o2, int o3) {
    for (int q = 0; q < BLOCK / 2; q++) {
      acc[q] += acc[BLOCK / 2 + q];
      acc[BLOCK + q] += acc[BLOCK + BLOCK / 2 + q];
      acc[2 * BLOCK + q] += acc[2 * BLOCK + BLOCK / 2 + q];
      acc[3 * BLOCK + q] += acc[3 * BLOCK + BLOCK / 2 + q];
    }
    out[o0] = foldHalf(acc, 0);
    out[o1] = foldHalf(acc, BLOCK);
    out[o2] = foldHalf(acc, 2 * BLOCK);
    out[o3] = foldHalf(acc, 3 * BLOCK);
  }

  // sum of acc[base .. base + BLOCK) by pairwise halving (destroys the segment)
  private static double fold(double[] acc, int base) {
    for (int q = 0; q < BLOCK / 2; q++) acc[base + q] += acc[base + BLOCK / 2 + q];
    return foldHalf(acc, base);
  }

  // the same for a segment already halved once (its first BLOCK / 2 entries); each halving is its
  // own loop with constant bounds and distance, which is what lets C2 vectorize them
  private static double foldHalf(double[] acc, int base) {
    if (BLOCK >= 1024) {
      for (int q = 0; q < 256; q++) acc[base + q] += acc[base + 256 + q];
    }
    if (BLOCK >= 512) {
      for (int q = 0; q < 128; q++) acc[base + q] += acc[base + 128 + q];
    }
    if (BLOCK >= 256) {
      for (int q = 0; q < 64; q++) acc[base + q] += acc[base + 64 + q];
    }
    for (int q = 0; q < 32; q++) acc[base + q] += acc[base + 32 + q];
    for (int q = 0; q < 16; q++) acc[base + q] += acc[base + 16 + q];
    for (int q = 0; q < 8; q++) acc[base + q] += acc[base + 8 + q];
    return ((acc[base] + acc[base + 4]) + (acc[base + 2] + acc[base + 6]))
        + ((acc[base + 1] + acc[base + 5]) + (acc[base + 3] + acc[base + 7]));
  }
}

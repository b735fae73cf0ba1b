package basin.landscape.symmetry;

import basin.landscape.spectral.DenseSpectrum;

/**
 * The tangent space T of a symmetry orbit at a point: the span of the symmetry generators there
 * (built by {@link MlpSymmetry#orbitTangent}), with its dimension and the orthogonal projection onto
 * its complement.
 *
 * <p>Computation: the g nonzero generators are normalized to unit length (so the rank measures
 * linear independence, not size: a generator of a unit with tiny weights is still an exact symmetry
 * direction) and stacked as the rows of G (g x P, sparse). With the Gram matrix G G^T = U diag(mu)
 * U^T, the dimension is r = #{mu_i &gt; 1e-10 max mu} (singular values of G above 1e-5 of the
 * largest), and Q = diag(mu_r)^{-1/2} U_r^T G has orthonormal rows spanning T. Generators closer to
 * dependence than that are counted as dependent.
 *
 * <p>Not thread-safe ({@link #projectOut} uses workspaces); immutable otherwise.
 */
public final class OrbitTangent {

  /** Gram eigenvalues at most this times the largest count as zero (singular value ratio 1e-5). */
  static final double RANK_TOLERANCE = 1e-10;

  private final int parameterCount;
  private final int generatorCount;
  private final int dimension;
  private final int[] start;
  private final int[] index;
  private final double[] value;
  /** g x r row-major: U_r diag(mu_r)^{-1/2}, so Q = S^T G. */
  private final double[] s;
  private final double[] gv;
  private final double[] coefficients;
  private final double[] combination;
  private final double[] once;

  private OrbitTangent(int parameterCount, int generatorCount, int dimension, int[] start, int[] index, double[] value, double[] s) {
    this.parameterCount = parameterCount;
    this.generatorCount = generatorCount;
    this.dimension = dimension;
    this.start = start;
    this.index = index;
    this.value = value;
    this.s = s;
    this.gv = new double[generatorCount];
    this.coefficients = new double[dimension];
    this.combination = new double[generatorCount];
    this.once = new double[parameterCount];
  }

  /**
   * From generators in compressed rows: generator k has entries {@code value[t]} at parameter
   * {@code index[t]} for t in [start[k], start[k+1]), each parameter at most once per generator.
   * Arrays are copied.
   */
  static OrbitTangent of(int p, int count, int[] start, int[] index, double[] value) {
    // Normalize, dropping zero generators.
    int kept = 0;
    int[] st = new int[count + 1];
    int nnz = start[count];
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    int pos = 0;
    for (int k = 0; k < count; k++) {
      double norm2 = 0.0;
      for (int t = start[k]; t < start[k + 1]; t++) norm2 += value[t] * value[t];
      if (!(norm2 > 0)) continue;
      double inv = 1.0 / Math.sqrt(norm2);
      for (int t = start[k]; t < start[k + 1]; t++) {
        idx[pos] = index[t];
        val[pos] = value[t] * inv;
        pos++;
      }
      kept++;
      st[kept] = pos;
    }
    if (kept == 0) {
      return new OrbitTangent(p, 0, 0, new int[1], new int[0], new double[0], new double[0]);
    }
    // Gram matrix via the transpose: parameters -> (generator, value).
    int[] perParam = new int[p + 1];
    for (int t = 0; t < pos; t++) perParam[idx[t] + 1]++;
    for (int i = 0; i < p; i++) perParam[i + 1] += perParam[i];
    int[] fill = perParam.clone();
    int[] gen = new int[pos];
    double[] tv = new double[pos];
    for (int k = 0; k < kept; k++) {
      for (int t = st[k]; t < st[k + 1]; t++) {
        int slot = fill[idx[t]]++;
        gen[slot] = k;
        tv[slot] = val[t];
      }
    }
    double[] gram = new double[kept * kept];
    for (int i = 0; i < p; i++) {
      for (int a = perParam[i]; a < perParam[i + 1]; a++) {
        int ga = gen[a];
        double va = tv[a];
        for (int b = perParam[i]; b < perParam[i + 1]; b++) {
          gram[ga * kept + gen[b]] += va * tv[b];
        }
      }
    }
    DenseSpectrum.Result eig = DenseSpectrum.decompose(gram, kept, true);
    double[] mu = eig.eigenvalues();
    double max = mu[kept - 1];
    int r = 0;
    for (int i = kept - 1; i >= 0 && mu[i] > RANK_TOLERANCE * max; i--) r++;
    double[] s = new double[kept * r];
    for (int c = 0; c < r; c++) {
      int e = kept - 1 - c;
      double scale = 1.0 / Math.sqrt(mu[e]);
      for (int k = 0; k < kept; k++) s[k * r + c] = eig.eigenvectors()[e * kept + k] * scale;
    }
    return new OrbitTangent(p, kept, r, st, idx, val, s);
  }

  /** dim T: the number of independent symmetry directions at the point. */
  public int dimension() {
    return dimension;
  }

  /** Nonzero generators at the point (before removing dependent ones). */
  public int generatorCount() {
    return generatorCount;
  }

  public int parameterCount() {
    return parameterCount;
  }

  /**
   * out = (I - Q^T Q) v, the component of v orthogonal to T. Applied twice (projection, then the
   * projection of the remainder), so round-off from the Gram pseudo-inverse is squared away.
   * Cost: about 4 (nnz(G) + g r) flops per pass.
   *
   * @param v vector, length P (not modified unless it is {@code out})
   * @param out output, length P; may be v
   */
  public void projectOut(double[] v, double[] out) {
    if (v.length != parameterCount || out.length != parameterCount) {
      throw new IllegalArgumentException("projectOut needs vectors of length " + parameterCount + ", got " + v.length + " and " + out.length);
    }
    if (dimension == 0) {
      if (out != v) System.arraycopy(v, 0, out, 0, parameterCount);
      return;
    }
    System.arraycopy(v, 0, once, 0, parameterCount);
    subtractProjection(once);
    subtractProjection(once);
    System.arraycopy(once, 0, out, 0, parameterCount);
  }

  /** x -= Q^T Q x. */
  private void subtractProjection(double[] x) {
    int r = dimension;
    for (int k = 0; k < generatorCount; k++) {
      double sum = 0.0;
      for (int t = start[k]; t < start[k + 1]; t++) sum += value[t] * x[index[t]];
      gv[k] = sum;
    }
    java.util.Arrays.fill(coefficients, 0.0);
    for (int k = 0; k < generatorCount; k++) {
      double y = gv[k];
      for (int c = 0; c < r; c++) coefficients[c] += s[k * r + c] * y;
    }
    for (int k = 0; k < generatorCount; k++) {
      double sum = 0.0;
      for (int c = 0; c < r; c++) sum += s[k * r + c] * coefficients[c];
      combination[k] = sum;
    }
    for (int k = 0; k < generatorCount; k++) {
      double ck = combination[k];
      for (int t = start[k]; t < start[k + 1]; t++) x[index[t]] -= value[t] * ck;
    }
  }

  /** An orthonormal basis of T: row-major dimension x P (a new array). */
  public double[] orthonormalBasis() {
    int r = dimension;
    double[] q = new double[r * parameterCount];
    for (int k = 0; k < generatorCount; k++) {
      for (int t = start[k]; t < start[k + 1]; t++) {
        int i = index[t];
        double v = value[t];
        for (int c = 0; c < r; c++) q[c * parameterCount + i] += s[k * r + c] * v;
      }
    }
    return q;
  }

  @Override
  public String toString() {
    return "OrbitTangent[dimension=" + dimension + ", generators=" + generatorCount + ", parameters=" + parameterCount + "]";
  }
}

package basin.landscape.symmetry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * GL(p) acting on a factorization M = B A, with A the p x n encoder and B the n x p decoder stored
 * as A row-major then B row-major (the linear autoencoder's layout): (A, B) -&gt; (C^-1 A, B C) for
 * invertible C. The loss of a factorized model depends on M only.
 *
 * <p>Orbit tangent: the p^2 generators E_ab (a, b &lt; p) act as d/dt (C^-1 A, B C) at C = I + t
 * E_ab: row a of A gains -A[b, :], column b of B gains B[:, a]. Their rank is p^2 where A and B have
 * full rank p (every critical point of rank p, the global minimum among them), less otherwise.
 *
 * <p>Distance: ||B_1 A_1 - B_2 A_2||_F, the distance of the complete invariant (a group element
 * realizing it need not exist when ranks differ). Canonical form: with M = U S V^T (thin SVD, rank
 * p), A = S^{1/2} V^T and B = U S^{1/2}, each singular pair's sign fixed so that the entry of U's
 * column with the largest magnitude is positive; columns with equal singular values are left in
 * the order the SVD returns them. Cost: O(n^2 p) per distance, O(n^3) per canonical form.
 */
public final class GeneralLinearGroup implements SymmetryGroup {
  private final int n;
  private final int p;

  /**
   * @param n outer dimension
   * @param p inner dimension, 1 &lt;= p &lt;= n
   */
  public GeneralLinearGroup(int n, int p) {
    if (p < 1 || p > n) throw new IllegalArgumentException("need 1 <= p <= n, got n=" + n + ", p=" + p);
    this.n = n;
    this.p = p;
  }

  @Override
  public int dimension() {
    return 2 * n * p;
  }

  @Override
  public OrbitTangent orbitTangent(double[] w) {
    check(w);
    int count = p * p;
    int perGenerator = 2 * n;
    int[] start = new int[count + 1];
    int[] index = new int[count * perGenerator];
    double[] value = new double[count * perGenerator];
    int t = 0;
    int bOff = n * p;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        start[a * p + b] = t;
        for (int j = 0; j < n; j++) {
          index[t] = a * n + j;
          value[t++] = -w[b * n + j];
        }
        for (int i = 0; i < n; i++) {
          index[t] = bOff + i * p + b;
          value[t++] = w[bOff + i * p + a];
        }
      }
    }
    start[count] = t;
    return OrbitTangent.of(dimension(), count, start, index, value);
  }

  /** The product M = B A, n x n row-major. */
  public double[] product(double[] w) {
    check(w);
    double[] m = new double[n * n];
    int bOff = n * p;
    for (int i = 0; i < n; i++) {
      for (int h = 0; h < p; h++) {
        double bih = w[bOff + i * p + h];
        for (int j = 0; j < n; j++) m[i * n + j] += bih * w[h * n + j];
      }
    }
    return m;
  }

  @Override
  public double distance(double[] a, double[] b) {
    double[] ma = product(a);
    double[] mb = product(b);
    double s = 0;
    for (int i = 0; i < ma.length; i++) {
      double d = ma[i] - mb[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  @Override
  public double[] canonicalize(double[] w) {
    double[] m = product(w);
    for (double v : m) {
      if (!Double.isFinite(v)) return w.clone();
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, true, true, false);
    if (!svd.decompose(new DMatrixRMaj(n, n, true, m))) return w.clone();
    double[] sv = svd.getSingularValues();
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (x, y) -> Double.compare(sv[y], sv[x]));
    double[] out = new double[w.length];
    int bOff = n * p;
    for (int h = 0; h < p; h++) {
      int c = order[h];
      double root = Math.sqrt(Math.max(0.0, sv[c]));
      int big = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(u.get(i, c)) > Math.abs(u.get(big, c))) big = i;
      }
      double sign = u.get(big, c) < 0 ? -1.0 : 1.0;
      for (int j = 0; j < n; j++) out[h * n + j] = sign * root * v.get(j, c);
      for (int i = 0; i < n; i++) out[bOff + i * p + h] = sign * root * u.get(i, c);
    }
    return out;
  }

  @Override
  public String spec() {
    return "gl:" + n + "," + p;
  }

  @Override
  public String describe() {
    return "GL(" + p + ") on a rank-" + p + " factorization of " + n + " x " + n;
  }

  private void check(double[] w) {
    if (w.length != 2 * n * p) throw new IllegalArgumentException("parameters have length " + w.length + ", expected 2 n p = " + 2 * n * p);
  }
}

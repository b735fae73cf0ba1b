package basin.landscape.spectral;

/**
 * Stochastic estimates of tr(A) (and of ||A||_F^2 = tr(A^2)) for a symmetric operator known only
 * through products, from seeded Rademacher probes.
 *
 * <h2>Hutchinson</h2>
 * tr(A) ~ (1/m) sum_i z_i^T A z_i with z_i independent Rademacher vectors (Hutchinson, Commun.
 * Stat. Simul. Comput. 18 (1989) 1059-1076; Avron &amp; Toledo, J. ACM 58 (2011) 8). Unbiased, with
 * variance 2 (||A||_F^2 - sum_i A_ii^2) / m. The standard error reported is the sample standard
 * deviation of the m terms over sqrt(m) (needs m &gt;= 2; NaN for m = 1). The same products give
 * ||A||_F^2 ~ (1/m) sum_i ||A z_i||^2, also unbiased ({@link #hutchinsonMoments}).
 *
 * <h2>Hutch++</h2>
 * Meyer, Musco, Musco &amp; Woodruff, "Hutch++: Optimal Stochastic Trace Estimation", SOSA 2021,
 * Algorithm 1, with a budget of m products split in three: S (n x m/3 Rademacher), Q an orthonormal
 * basis of A S (Gram-Schmidt, twice, dropping columns that vanish), then
 * tr(A) ~ tr(Q^T A Q) + (3/m) sum_j g_j^T (I - Q Q^T) A (I - Q Q^T) g_j with g_j another m/3
 * Rademacher probes. The first term is exact given Q; the second is a Hutchinson estimate of the
 * trace of the deflated operator. <b>Error estimate:</b> the standard error reported is the sample
 * standard deviation of the m/3 deflated terms over sqrt(m/3), the standard error of the estimate
 * conditional on Q (it ignores the randomness of Q, which only decides how much is deflated). It is
 * small when A has a few dominant eigenvalues, which is where Hutch++ beats Hutchinson
 * (O(1/m) instead of O(1/sqrt m) relative error for positive semidefinite A).
 *
 * <p>Cost: Hutchinson m products; Hutch++ exactly m products (rounded down to a multiple of 3) plus
 * O(m^2 n) flops of orthogonalization and m n / 3 doubles for Q.
 *
 * <p>Probe i comes from {@link ProbeVectors#stream}(seed, i) (Hutch++ uses indices [0, 2m/3)), so
 * results are a function of (operator, m, seed) only.
 *
 * <p>NaN and Inf: a non-finite product makes the estimate and its error NaN; nothing is thrown.
 */
public final class TraceEstimator {
  private TraceEstimator() {}

  /** Which estimator produced a result. */
  public enum Method {
    HUTCHINSON,
    HUTCH_PLUS_PLUS
  }

  /**
   * A trace estimate.
   *
   * @param method the estimator
   * @param estimate the trace estimate
   * @param standardError see the class comment; NaN when fewer than two stochastic terms
   * @param probes Rademacher probes used (Hutch++: both sketch and residual probes)
   * @param hessianVectorProducts operator applications
   */
  public record Result(Method method, double estimate, double standardError, int probes, long hessianVectorProducts) {}

  /**
   * Per-probe Rademacher moments: for probe i, quadratic[i] = z_i^T A z_i, squaredNorm[i] =
   * ||A z_i||^2 and domainNorm[i] = ||P z_i||^2, P the projection onto the operator's domain (n for an
   * operator on all of R^n). Arrays owned by the record.
   */
  public record Moments(double[] quadratic, double[] squaredNorm, double[] domainNorm, long hessianVectorProducts) {

    public int probes() {
      return quadratic.length;
    }
  }

  /** Sample mean and standard error (sample std / sqrt(m), NaN for m &lt; 2) of values. */
  public record MeanAndError(double mean, double standardError) {
    public static MeanAndError of(double[] values) {
      int m = values.length;
      double mean = 0.0;
      for (double v : values) mean += v;
      mean /= m;
      if (m < 2) return new MeanAndError(mean, Double.NaN);
      double ss = 0.0;
      for (double v : values) ss += (v - mean) * (v - mean);
      return new MeanAndError(mean, Math.sqrt(ss / (m - 1) / m));
    }
  }

  /**
   * The Hutchinson moments of m probes: one operator application per probe.
   *
   * @param a the operator
   * @param probes m &gt;= 1
   * @param seed master seed of the probes
   */
  public static Moments hutchinsonMoments(SymmetricOperator a, int probes, long seed) {
    if (probes < 1) throw new IllegalArgumentException("Hutchinson needs at least one probe, got " + probes);
    int n = a.dimension();
    double[] z = new double[n];
    double[] pz = new double[n];
    double[] az = new double[n];
    double[] quad = new double[probes];
    double[] sq = new double[probes];
    double[] dom = new double[probes];
    for (int i = 0; i < probes; i++) {
      ProbeVectors.rademacher(ProbeVectors.stream(seed, i), z);
      a.apply(z, az);
      System.arraycopy(z, 0, pz, 0, n);
      a.restrictToDomain(pz);
      double q = 0.0;
      double s = 0.0;
      double d = 0.0;
      for (int t = 0; t < n; t++) {
        q += z[t] * az[t];
        s += az[t] * az[t];
        d += pz[t] * pz[t];
      }
      quad[i] = q;
      sq[i] = s;
      dom[i] = d;
    }
    return new Moments(quad, sq, dom, probes);
  }

  /**
   * Hutchinson's estimate of tr(A) from m Rademacher probes, with standard error sample std /
   * sqrt(m).
   */
  public static Result hutchinson(SymmetricOperator a, int probes, long seed) {
    Moments m = hutchinsonMoments(a, probes, seed);
    MeanAndError e = MeanAndError.of(m.quadratic());
    return new Result(Method.HUTCHINSON, e.mean(), e.standardError(), probes, m.hessianVectorProducts());
  }

  /**
   * Hutch++ with a budget of m products (m &gt;= 3; m/3 sketch probes, m/3 products to form Q^T A Q,
   * m/3 residual probes).
   */
  public static Result hutchPlusPlus(SymmetricOperator a, int budget, long seed) {
    if (budget < 3) throw new IllegalArgumentException("Hutch++ needs a budget of at least 3 products, got " + budget);
    int n = a.dimension();
    int k = budget / 3;
    // Q = orth(A S), rows of a k x n array.
    double[] q = new double[k * n];
    double[] z = new double[n];
    double[] az = new double[n];
    int rank = 0;
    long products = 0;
    for (int j = 0; j < k; j++) {
      ProbeVectors.rademacher(ProbeVectors.stream(seed, j), z);
      a.apply(z, az);
      products++;
      double before = norm(az);
      if (!Double.isFinite(before)) {
        return new Result(Method.HUTCH_PLUS_PLUS, Double.NaN, Double.NaN, 2 * k, products);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int r = 0; r < rank; r++) {
          double c = 0.0;
          for (int t = 0; t < n; t++) c += q[r * n + t] * az[t];
          for (int t = 0; t < n; t++) az[t] -= c * q[r * n + t];
        }
      }
      double after = norm(az);
      if (after > 1e-10 * before && after > 0) {
        double inv = 1.0 / after;
        for (int t = 0; t < n; t++) q[rank * n + t] = az[t] * inv;
        rank++;
      }
    }
    // tr(Q^T A Q).
    double exact = 0.0;
    double[] qi = new double[n];
    for (int r = 0; r < rank; r++) {
      System.arraycopy(q, r * n, qi, 0, n);
      a.apply(qi, az);
      products++;
      double s = 0.0;
      for (int t = 0; t < n; t++) s += qi[t] * az[t];
      exact += s;
    }
    // Hutchinson on (I - QQ^T) A (I - QQ^T).
    double[] terms = new double[k];
    for (int j = 0; j < k; j++) {
      ProbeVectors.rademacher(ProbeVectors.stream(seed, k + j), z);
      projectOut(q, rank, n, z);
      a.apply(z, az);
      products++;
      projectOut(q, rank, n, az);
      double s = 0.0;
      for (int t = 0; t < n; t++) s += z[t] * az[t];
      terms[j] = s;
    }
    MeanAndError e = MeanAndError.of(terms);
    return new Result(Method.HUTCH_PLUS_PLUS, exact + e.mean(), e.standardError(), 2 * k, products);
  }

  /** v -= Q^T Q v for the first rank rows of q (classical Gram-Schmidt, twice). */
  private static void projectOut(double[] q, int rank, int n, double[] v) {
    for (int pass = 0; pass < 2; pass++) {
      for (int r = 0; r < rank; r++) {
        double c = 0.0;
        for (int t = 0; t < n; t++) c += q[r * n + t] * v[t];
        for (int t = 0; t < n; t++) v[t] -= c * q[r * n + t];
      }
    }
  }

  private static double norm(double[] v) {
    double s = 0.0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}

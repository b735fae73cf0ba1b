package basin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import basin.landscape.spectral.Lanczos;
import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.spectral.TraceEstimator;
import org.junit.jupiter.api.Test;

/** The probe files of bench/compare are the probes Basin's estimators draw. */
class SpectralRunsTest {

  private static final int N = 50;

  /**
   * One Lanczos step on D = diag(1..n) gives the Rayleigh quotient of the start vector,
   * sum d_i v_i^2 / sum v_i^2; with {@link SpectralRuns#lanczosStart} it must agree to round-off
   * (relative 1e-14: two sums of 50 positive terms in different orders).
   */
  @Test
  void lanczosStartIsTheVectorLanczosStartsFrom() {
    double[] d = new double[N];
    for (int i = 0; i < N; i++) d[i] = i + 1;
    SymmetricOperator diag = diagonal(d);
    double[] v = SpectralRuns.lanczosStart(SpectralRuns.SEED, N);
    double num = 0;
    double den = 0;
    for (int i = 0; i < N; i++) {
      num += d[i] * v[i] * v[i];
      den += v[i] * v[i];
    }
    double expected = num / den;
    Lanczos.Result r = new Lanczos(new Lanczos.Config(0, 1, Double.MIN_VALUE, 1, 4, false)).extremeEigenpairs(diag, SpectralRuns.SEED);
    assertEquals(1, r.iterations());
    assertEquals(expected, r.largest()[0], 1e-14 * expected);
  }

  /**
   * Hutchinson on the rank-one A = u u^T: each probe contributes (u . z)^2, which depends on every
   * sign of z; the mean over the rows of {@link SpectralRuns#rademacherProbes} must equal
   * TraceEstimator's estimate (relative 1e-13).
   */
  @Test
  void rademacherRowsAreTheHutchinsonProbes() {
    int m = 7;
    double[] u = new double[N];
    for (int i = 0; i < N; i++) u[i] = Math.sin(1.0 + 0.37 * i);
    SymmetricOperator rankOne = new SymmetricOperator() {
      @Override
      public int dimension() {
        return N;
      }

      @Override
      public void apply(double[] x, double[] out) {
        double s = 0;
        for (int i = 0; i < N; i++) s += u[i] * x[i];
        for (int i = 0; i < N; i++) out[i] = s * u[i];
      }
    };
    byte[] z = SpectralRuns.rademacherProbes(SpectralRuns.SEED, m, N);
    double mean = 0;
    for (int k = 0; k < m; k++) {
      double s = 0;
      for (int i = 0; i < N; i++) s += u[i] * z[k * N + i];
      mean += s * s / m;
    }
    double estimate = TraceEstimator.hutchinson(rankOne, m, SpectralRuns.SEED).estimate();
    assertEquals(mean, estimate, 1e-13 * Math.abs(mean));
  }

  private static SymmetricOperator diagonal(double[] d) {
    return new SymmetricOperator() {
      @Override
      public int dimension() {
        return d.length;
      }

      @Override
      public void apply(double[] x, double[] out) {
        for (int i = 0; i < d.length; i++) out[i] = d[i] * x[i];
      }
    };
  }
}

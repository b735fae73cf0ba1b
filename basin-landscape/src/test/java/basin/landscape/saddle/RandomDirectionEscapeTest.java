package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random-direction escape from quadratic saddles: measured rates against the exact probability. */
class RandomDirectionEscapeTest {

  /** f = 1/2 sum lambda_i x_i^2 with a diagonal Hessian. */
  record Diagonal(double[] lambda) implements Objective {
    @Override
    public int dimension() {
      return lambda.length;
    }

    @Override
    public double value(double[] w) {
      double s = 0;
      for (int i = 0; i < w.length; i++) s += 0.5 * lambda[i] * w[i] * w[i];
      return s;
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
      for (int i = 0; i < w.length; i++) g[i] = lambda[i] * w[i];
      return value(w);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] out) {
      for (int i = 0; i < w.length; i++) out[i] = lambda[i] * v[i];
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  static double[] signedUnits(int n, int k) {
    double[] l = new double[n];
    for (int i = 0; i < n; i++) l[i] = i < k ? -1 : 1;
    return l;
  }

  /**
   * Closed-form values: k = n gives 1; k = n/2 with +-1 gives 1/2 by symmetry; n = 2, k = 1 gives 1/2;
   * n = 3, k = 1: P(z1^2 > z2^2 + z3^2) = I_{1/2}(1, 1/2) = 1 - sqrt(1/2) (I_x(1, b) = 1 - (1-x)^b).
   * Tolerance 1e-13: the continued fraction converges to round-off.
   */
  @Test
  void closedFormMatchesKnownValues() {
    assertEquals(0.5, RandomDirectionEscape.signedUnitSuccessProbability(50, 25), 1e-13);
    assertEquals(0.5, RandomDirectionEscape.signedUnitSuccessProbability(2, 1), 1e-13);
    assertEquals(1 - Math.sqrt(0.5), RandomDirectionEscape.signedUnitSuccessProbability(3, 1), 1e-13);
    assertEquals(1.0, RandomDirectionEscape.signedUnitSuccessProbability(7, 7), 0.0);
    assertEquals(0.0, RandomDirectionEscape.signedUnitSuccessProbability(7, 0), 0.0);
    // I_x(a, b) + I_{1-x}(b, a) = 1 and the symmetric case
    assertEquals(1.0, RandomDirectionEscape.regularizedIncompleteBeta(0.3, 2.5, 7) + RandomDirectionEscape.regularizedIncompleteBeta(0.7, 7, 2.5), 1e-14);
    // Gamma(1/2) = sqrt(pi), Gamma(5) = 24; 1e-14 absolute: the upward shift sums up to 20 rounded logarithms
    assertEquals(0.5 * Math.log(Math.PI), RandomDirectionEscape.logGamma(0.5), 1e-14);
    assertEquals(Math.log(24), RandomDirectionEscape.logGamma(5), 1e-14);
  }

  /** Imhof's integral against the closed form for +-1 eigenvalues in 50 dimensions, every index; 1e-10 absolute. */
  @Test
  void imhofIntegralMatchesClosedForm() {
    for (int k = 0; k <= 50; k++) {
      double exact = RandomDirectionEscape.signedUnitSuccessProbability(50, k);
      double imhof = RandomDirectionEscape.quadraticSuccessProbability(signedUnits(50, k));
      assertEquals(exact, imhof, 1e-10, "n = 50, k = " + k);
    }
    for (int k = 1; k < 5; k++) {
      assertEquals(RandomDirectionEscape.signedUnitSuccessProbability(5, k), RandomDirectionEscape.quadraticSuccessProbability(signedUnits(5, k)), 1e-10, "n = 5, k = " + k);
    }
    // scale invariance and zero eigenvalues dropping out
    double[] l = {-3, 0.5, 2, 0, 7, -0.1};
    double[] scaled = l.clone();
    for (int i = 0; i < l.length; i++) scaled[i] *= 1e3;
    assertEquals(RandomDirectionEscape.quadraticSuccessProbability(l), RandomDirectionEscape.quadraticSuccessProbability(scaled), 1e-10);
  }

  /**
   * Quadratic saddles in 50 dimensions: +-1 with index 20, and random magnitudes (e^U, U uniform on [-1, 1])
   * with index 20 and 30. 20000 tries each; the measured rate must lie within 4 binomial standard errors (of the exact
   * p) of the exact value, a false-alarm rate of 6e-5 per case.
   */
  @Test
  void measuredRateMatchesExactProbability() {
    SplittableRandom random = new SplittableRandom(2024);
    double[][] spectra = new double[3][];
    spectra[0] = signedUnits(50, 20);
    for (int c = 1; c <= 2; c++) {
      int k = c == 1 ? 20 : 30;
      double[] l = new double[50];
      for (int i = 0; i < 50; i++) l[i] = (i < k ? -1 : 1) * Math.exp(2 * random.nextDouble() - 1);
      spectra[c] = l;
    }
    int tries = 20_000;
    for (int c = 0; c < spectra.length; c++) {
      double exact = RandomDirectionEscape.quadraticSuccessProbability(spectra[c]);
      RandomDirectionEscape.Result r = RandomDirectionEscape.attempt(new Diagonal(spectra[c]), new double[50],
          new RandomDirectionEscape.Config(0.3, tries, 77 + c));
      double se = Math.sqrt(exact * (1 - exact) / tries);
      System.out.println("quadratic saddle case " + c + ": measured " + r.rate() + ", exact " + exact + ", standard error " + se);
      assertTrue(Math.abs(r.rate().estimate() - exact) <= 4 * se,
          "case " + c + ": measured " + r.rate() + ", exact " + exact + ", standard error " + se);
      assertTrue(r.escaped());
      assertNotNull(r.escapePoint());
      assertTrue(new Diagonal(spectra[c]).value(r.escapePoint()) < 0);
      assertTrue(exact > 0.01 && exact < 0.99, "case " + c + " should be informative, p = " + exact);
    }
  }

  /** A minimum cannot be escaped: every try raises the loss. */
  @Test
  void minimumIsNeverEscaped() {
    RandomDirectionEscape.Result r = RandomDirectionEscape.attempt(new Diagonal(new double[] {1, 2, 3}), new double[3],
        new RandomDirectionEscape.Config(0.1, 100, 1));
    assertEquals(0, r.successes());
    assertEquals(-1, r.firstSuccess());
    assertEquals(0.0, RandomDirectionEscape.quadraticSuccessProbability(new double[] {1, 2, 3}));
  }
}

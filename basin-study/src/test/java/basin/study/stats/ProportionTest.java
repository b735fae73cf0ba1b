package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Binomial intervals and the special functions under them, against published and computed values. */
class ProportionTest {

  /**
   * R's binom.test prints 7 to 8 significant digits (as quoted in the project brief), so the bound
   * must agree to half a unit in the 8th decimal.
   */
  static final double R_PRINTED = 5e-9;
  /**
   * Relative tolerance against 16-digit references (scipy 1.17.1 {@code beta.ppf}, mpmath 1.3.0):
   * our CDF is good to about 1e-14 relative for n &lt;= 1e3 and the bound is bisected to one ulp.
   */
  static final double RELATIVE = 1e-12;
  /**
   * At n = 1e6 ln B(a, b) can lose up to about 1e-9 to cancellation (see {@link RegularizedBeta});
   * measured 5e-11 on the cases below.
   */
  static final double RELATIVE_LARGE_N = 1e-9;

  static void assertRelative(double expected, double actual, double tolerance, String what) {
    assertEquals(expected, actual, tolerance * Math.abs(expected), what);
  }

  /** R binom.test(x, 10)$conf.int at 95%, values as given in the project brief. */
  @Test
  void clopperPearsonMatchesRBinomTest() {
    Proportion.Interval three = Proportion.clopperPearson(3, 10, 0.95);
    assertEquals(0.06673951, three.lower(), R_PRINTED);
    assertEquals(0.65245285, three.upper(), R_PRINTED);
    Proportion.Interval none = Proportion.clopperPearson(0, 10, 0.95);
    assertEquals(0.0, none.lower(), 0.0);
    assertEquals(0.3084971, none.upper(), 5e-8);
    Proportion.Interval all = Proportion.clopperPearson(10, 10, 0.95);
    assertEquals(0.6915029, all.lower(), 5e-8);
    assertEquals(1.0, all.upper(), 0.0);
  }

  /** scipy 1.17.1 stats.beta.ppf(0.025, x, n-x+1) and beta.ppf(0.975, x+1, n-x). */
  @Test
  void clopperPearsonMatchesScipyToFullPrecision() {
    Proportion.Interval three = Proportion.clopperPearson(3, 10, 0.95);
    assertRelative(0.06673951117773447, three.lower(), RELATIVE, "3/10 lower");
    assertRelative(0.6524528500599973, three.upper(), RELATIVE, "3/10 upper");
    assertRelative(0.3084971078187607, Proportion.clopperPearson(0, 10, 0.95).upper(), RELATIVE, "0/10 upper");
    assertRelative(0.6915028921812392, Proportion.clopperPearson(10, 10, 0.95).lower(), RELATIVE, "10/10 lower");
  }

  /** Large n: scipy 1.17.1 beta.ppf as above; also shows the bisection stays fast at n = 1e6. */
  @Test
  void clopperPearsonAtMillionTrials() {
    Proportion.Interval rare = Proportion.clopperPearson(1, 1_000_000, 0.95);
    assertRelative(2.5317807663794178e-08, rare.lower(), RELATIVE_LARGE_N, "1/1e6 lower");
    assertRelative(5.571630655166939e-06, rare.upper(), RELATIVE_LARGE_N, "1/1e6 upper");
    Proportion.Interval half = Proportion.clopperPearson(500_000, 1_000_000, 0.95);
    assertRelative(0.49901951919531184, half.lower(), RELATIVE_LARGE_N, "1/2 lower");
    assertRelative(0.5009804808046882, half.upper(), RELATIVE_LARGE_N, "1/2 upper");
  }

  /**
   * Wilson's formula evaluated in mpmath 1.3.0 at 30 digits with z = sqrt(2) erfinv(0.95):
   * 3/10 -> [0.10779126740630102, 0.60322185253885468], 0/10 -> [0, 0.27753279986288925],
   * 10/10 -> [0.72246720013711075, 1].
   */
  @Test
  void wilsonMatchesFormula() {
    Proportion.Interval three = Proportion.wilson(3, 10, 0.95);
    assertRelative(0.10779126740630102, three.lower(), RELATIVE, "3/10 lower");
    assertRelative(0.60322185253885468, three.upper(), RELATIVE, "3/10 upper");
    Proportion.Interval none = Proportion.wilson(0, 10, 0.95);
    assertEquals(0.0, none.lower(), 0.0);
    assertRelative(0.27753279986288925, none.upper(), RELATIVE, "0/10 upper");
    Proportion.Interval all = Proportion.wilson(10, 10, 0.95);
    assertRelative(0.72246720013711075, all.lower(), RELATIVE, "10/10 lower");
    assertEquals(1.0, all.upper(), 0.0);
  }

  /**
   * Normal critical values: scipy 1.17.1 norm.ppf(0.975) = 1.959963984540054, norm.ppf(0.995) =
   * 2.5758293035489004; mpmath sqrt(2) erfinv(1 - alpha) = 7.1305098928792724 for alpha = 1 -
   * 0.999999999999 (as a double, 9.99977878e-13). Tolerance 4 ulps.
   */
  @Test
  void normalCriticalValues() {
    assertEquals(1.959963984540054, StandardNormal.twoSidedCriticalValue(0.95), 4 * Math.ulp(1.96));
    assertEquals(2.5758293035489004, StandardNormal.twoSidedCriticalValue(0.99), 4 * Math.ulp(2.57));
    assertEquals(7.1305098928792724, StandardNormal.twoSidedCriticalValue(0.999999999999), 4 * Math.ulp(7.13));
    assertEquals(0.6744897501960817, StandardNormal.twoSidedCriticalValue(0.5), 4 * Math.ulp(0.67));
  }

  /** mpmath 1.3.0 loggamma at 20 digits; absolute tolerance 1e-13 (see {@link LogGamma}). */
  @Test
  void logGamma() {
    assertEquals(0.57236494292470008707, LogGamma.value(0.5), 1e-14);
    assertEquals(0.0, LogGamma.value(1.0), 1e-14);
    assertEquals(0.0, LogGamma.value(2.0), 1e-14);
    assertEquals(1.4280723266653881292, LogGamma.value(3.7), 1e-14);
    assertEquals(12.801827480081469611, LogGamma.value(10.0), 1e-14);
    assertEquals(23.025850929882735237, LogGamma.value(1e-10), 1e-13);
    assertRelative(12815504.56914761166, LogGamma.value(1e6), 1e-15, "lnGamma(1e6)");
    assertTrue(Double.isNaN(LogGamma.value(0.0)));
    assertTrue(Double.isNaN(LogGamma.value(Double.NaN)));
  }

  /**
   * I_p(x, n - x + 1) = P(Binomial(n, p) &gt;= x): the continued fraction against the binomial tail
   * summed term by term, over seeded random n &lt;= 60, x, p. The direct sum of at most 61 positive
   * terms is good to ~1e-14 relative; 1e-11 relative (plus 1e-300 absolute for underflow) covers
   * both.
   */
  @Test
  void incompleteBetaEqualsBinomialTail() {
    long seed = 20240611L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + random.nextInt(60);
      int x = 1 + random.nextInt(n);
      double p = random.nextDouble();
      double tail = 0;
      for (int k = x; k <= n; k++) {
        tail += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
      }
      double value = RegularizedBeta.value(p, x, n - x + 1);
      assertEquals(tail, value, 1e-11 * tail + 1e-300,
          "seed " + seed + ", trial " + trial + ": n = " + n + ", x = " + x + ", p = " + p);
    }
  }

  /** inverse(value(x)) returns x to within a relative 1e-12 over seeded random shapes. */
  @Test
  void inverseRoundTrips() {
    long seed = 7L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 200; trial++) {
      double a = 0.5 + random.nextDouble() * 200;
      double b = 0.5 + random.nextDouble() * 200;
      double p = 0.001 + 0.998 * random.nextDouble();
      double x = RegularizedBeta.inverse(p, a, b);
      assertEquals(p, RegularizedBeta.value(x, a, b), 1e-12,
          "seed " + seed + ", trial " + trial + ": a = " + a + ", b = " + b + ", p = " + p);
    }
  }

  /** Symmetry: the CP lower bound of x/n is 1 minus the upper bound of (n-x)/n (to a relative 1e-12). */
  @Test
  void clopperPearsonSymmetry() {
    for (int n = 1; n <= 40; n += 3) {
      for (int x = 0; x <= n; x++) {
        Proportion.Interval a = Proportion.clopperPearson(x, n, 0.9);
        Proportion.Interval b = Proportion.clopperPearson(n - x, n, 0.9);
        assertEquals(a.lower(), 1 - b.upper(), 1e-12, n + ", " + x);
        assertTrue(a.contains((double) x / n) && a.lower() >= 0 && a.upper() <= 1);
      }
    }
  }

  /**
   * Weighted share: gaps {0, 1e-4, 0.2, NaN} with hits {5, 3, 2, 4} and epsilon 1e-3 give 8 of 14
   * (the NaN minimum counts as not within epsilon).
   */
  @Test
  void withinEpsilonCountsBasinWeightedHits() {
    Proportion p = Proportion.withinEpsilon(new double[] {0, 1e-4, 0.2, Double.NaN}, new int[] {5, 3, 2, 4}, 1e-3, 0.95);
    assertEquals(8, p.successes());
    assertEquals(14, p.trials());
    assertEquals(8.0 / 14, p.estimate(), 0.0);
    assertEquals(Proportion.clopperPearson(8, 14, 0.95), p.clopperPearson());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Proportion.of(11, 10, 0.95));
    assertThrows(IllegalArgumentException.class, () -> Proportion.of(0, 0, 0.95));
    assertThrows(IllegalArgumentException.class, () -> Proportion.of(1, 10, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Proportion.of(1, 10, Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> Proportion.withinEpsilon(new double[] {0}, new int[] {1}, Double.NaN, 0.95));
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log((double) (n - k + i) / i);
    }
    return s;
  }
}

package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Richness estimates against values computed by hand from the formulas in {@link Richness}'s
 * documentation (the exact fractions are written out below). The interval bounds involve exp, log
 * and sqrt; their digits come from the same formulas evaluated in mpmath 1.3.0 at 30 digits with
 * z = 1.959963984540054:
 *
 * <pre>
 * K = mpf(N-1)/N; T = K*f1*(f1-1)/(2*(f2+1)); R = exp(z*sqrt(log(1 + var/T**2)))  # eq. 13
 * P = sum(exp(-k) for k in counts)/S; [max(S, S/(1-P) - z*sqrt(var)/(1-P)), S/(1-P) + z*sqrt(var)/(1-P)]  # eq. 14
 * </pre>
 */
class RichnessTest {

  /**
   * Relative tolerance: the double computation takes a few dozen roundings (plus exp/log/sqrt in the
   * intervals, and z found to one ulp), so agreement to 1e-12 leaves three orders of margin while
   * catching any wrong term, which changes the results in the second digit.
   */
  static final double RELATIVE = 1e-12;

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.max(1.0, Math.abs(expected)), what);
  }

  /**
   * counts {1, 1, 1, 2, 2, 3, 5, 12}: S_obs = 8, N = 27, f1 = 3, f2 = 2, K = 26/27.
   * Chao1 = 8 + K * 3*2 / (2*3) = 8 + 26/27. Variance (eq. 6, g = f2 + 1 = 3):
   * K * 6/6 + K^2 * 3 * 25 / 36 + K^2 * 9 * 2 * 4 / (4 * 81) = K + K^2 * 83/36.
   * ACE: rare classes {1,1,1,2,2,3,5}: S_rare = 7, N_rare = 15, S_abund = 1, C_ace = 1 - 3/15 = 0.8,
   * sum k(k-1) f_k = 2 + 2 + 6 + 20 = 30, gamma^2 = 7/0.8 * 30/(15*14) - 1 = 0.25,
   * ACE = 1 + 7/0.8 + 3/0.8 * 0.25 = 10.6875.
   */
  @Test
  void generalCase() {
    Richness r = Richness.estimate(new int[] {1, 1, 1, 2, 2, 3, 5, 12});
    assertEquals(8, r.observed());
    assertEquals(27, r.hits());
    assertEquals(3, r.singletons());
    assertEquals(2, r.doubletons());
    assertClose(1 - 3.0 / 27, r.coverage(), "coverage");
    double k = 26.0 / 27;
    assertClose(8 + k, r.chao1(), "chao1");
    assertClose(k + k * k * 83 / 36, r.chao1Variance(), "chao1 variance");
    assertClose(8.089537311625449, r.chao1Lower(), "chao1 lower");
    assertClose(18.356550260493241, r.chao1Upper(), "chao1 upper");
    assertEquals(7, r.aceRareClasses());
    assertClose(0.8, r.aceRareCoverage(), "C_ace");
    assertClose(0.25, r.aceGammaSquared(), "gamma^2");
    assertClose(10.6875, r.ace(), "ACE");
    assertEquals("", r.caveat());
    assertTrue(r.chao1Lower() <= r.chao1() && r.chao1() <= r.chao1Upper());
  }

  /**
   * counts {1, 1, 1, 1, 3, 4}: S_obs = 6, N = 11, f1 = 4, f2 = 0, K = 10/11.
   * Chao1 = 6 + K * 4*3/2 = 6 + 60/11. Variance (eq. 7): K * 6 + K^2 * 4 * 49 / 4 - K^2 * 256 / (4 Chao1).
   * ACE: all classes rare, N_rare = 11, C_ace = 7/11, sum k(k-1) f_k = 6 + 12 = 18,
   * gamma^2 = 6 / (7/11) * 18 / 110 - 1 = 19/35, ACE = 6 * 11/7 + 4 * 11/7 * 19/35.
   */
  @Test
  void noDoubletons() {
    Richness r = Richness.estimate(new int[] {1, 1, 1, 1, 3, 4});
    double k = 10.0 / 11;
    double chao1 = 6 + 60.0 / 11;
    assertClose(chao1, r.chao1(), "chao1");
    assertClose(6 * k + 49 * k * k - 64 * k * k / chao1, r.chao1Variance(), "chao1 variance");
    assertClose(6.8757202722804192, r.chao1Lower(), "chao1 lower");
    assertClose(39.974394629721905, r.chao1Upper(), "chao1 upper");
    assertClose(19.0 / 35, r.aceGammaSquared(), "gamma^2");
    assertClose(66.0 / 7 + 44.0 / 7 * 19 / 35, r.ace(), "ACE");
    assertTrue(r.caveat().contains("f2 = 0"), r.caveat());
  }

  /**
   * counts {2, 3, 5}: no singletons, so Chao1 = S_obs = 3, coverage 1, ACE = 3 (the f1 term vanishes).
   * Variance (eq. 8): (e^-2 - e^-4) + (e^-3 - e^-6) + (e^-5 - e^-10) - (2e^-2 + 3e^-3 + 5e^-5)^2 / 10.
   */
  @Test
  void noSingletons() {
    Richness r = Richness.estimate(new int[] {2, 0, 3, 5});
    assertEquals(3, r.observed());
    assertEquals(0, r.singletons());
    assertClose(1.0, r.coverage(), "coverage");
    assertClose(3.0, r.chao1(), "chao1");
    double e2 = Math.exp(-2);
    double e3 = Math.exp(-3);
    double e5 = Math.exp(-5);
    double variance = e2 - e2 * e2 + e3 - e3 * e3 + e5 - e5 * e5 - Math.pow(2 * e2 + 3 * e3 + 5 * e5, 2) / 10;
    assertClose(variance, r.chao1Variance(), "chao1 variance (eq. 8)");
    assertClose(3.0, r.chao1Lower(), "chao1 lower = S_obs");
    assertClose(4.0170956765859307, r.chao1Upper(), "chao1 upper (eq. 14)");
    assertClose(3.0, r.ace(), "ACE");
    assertEquals("", r.caveat());
  }

  /**
   * counts {1, 1, 1, 1, 1}: S_obs = N = f1 = 5, coverage 0, K = 4/5, Chao1 = 5 + 0.8 * 10 = 13,
   * variance (eq. 7) = 0.8 * 10 + 0.64 * 5 * 81 / 4 - 0.64 * 625 / (4 * 13); ACE undefined.
   */
  @Test
  void allSingletons() {
    Richness r = Richness.estimate(new int[] {1, 1, 1, 1, 1});
    assertClose(0.0, r.coverage(), "coverage");
    assertClose(13.0, r.chao1(), "chao1");
    assertClose(8 + 64.8 - 0.64 * 625 / 52, r.chao1Variance(), "chao1 variance");
    assertClose(6.5489129812337719, r.chao1Lower(), "chao1 lower");
    assertClose(46.319299906067938, r.chao1Upper(), "chao1 upper");
    assertTrue(Double.isNaN(r.ace()), "ACE undefined");
    assertTrue(r.caveat().contains("coverage"), r.caveat());
    assertTrue(r.caveat().contains("every class was hit exactly once"), r.caveat());
    assertTrue(r.caveat().contains("ACE is undefined"), r.caveat());
  }

  /** One class hit 7 times: Chao1 = ACE = 1, variance (eq. 8) = e^-7 - e^-14 - 49 e^-14 / 7. */
  @Test
  void oneClass() {
    Richness r = Richness.estimate(new int[] {7});
    assertEquals(1, r.observed());
    assertClose(1.0, r.chao1(), "chao1");
    assertClose(Math.exp(-7) - 8 * Math.exp(-14), r.chao1Variance(), "chao1 variance");
    assertClose(1.0, r.chao1Lower(), "chao1 lower");
    assertClose(1.0599360435417781, r.chao1Upper(), "chao1 upper");
    assertClose(1.0, r.ace(), "ACE");
    assertEquals("", r.caveat());
  }

  /** One class hit once: N = 1, K = 0, Chao1 = 1, variance e^-1 - 2 e^-2, coverage 0, ACE undefined. */
  @Test
  void oneSingleton() {
    Richness r = Richness.estimate(new int[] {1});
    assertClose(1.0, r.chao1(), "chao1");
    assertClose(Math.exp(-1) - 2 * Math.exp(-2), r.chao1Variance(), "chao1 variance");
    assertClose(1.0, r.chao1Lower(), "chao1 lower");
    assertClose(2.5486976638334853, r.chao1Upper(), "chao1 upper");
    assertTrue(Double.isNaN(r.ace()));
    assertTrue(r.caveat().contains("coverage"), r.caveat());
  }

  /** f1 = 1 with doubletons: T = 0, so the interval is eq. 14 around S_obs = 4 (see the class notes). */
  @Test
  void oneSingletonWithDoubletons() {
    Richness r = Richness.estimate(new int[] {1, 2, 2, 9});
    assertClose(4.0, r.chao1(), "chao1");
    assertClose(4.0, r.chao1Lower(), "chao1 lower");
    assertClose(6.2489356639247605, r.chao1Upper(), "chao1 upper");
  }

  /**
   * iChao1, ACE's interval and the coverage extrapolation against richness_reference.py (in this
   * package's test resources): the formulas in mpmath 1.3.0 at 30 digits, their delta-method partial
   * derivatives taken numerically by mpmath.diff, so the hand-derived partials in the Java code are
   * checked independently. counts {1, 1, 1, 2, 2, 3, 5, 12}: f3 = 1, f4 = 0 (replaced by 1).
   */
  @Test
  void improvedChao1AceIntervalAndExtrapolationMatchTheReference() {
    Richness r = Richness.estimate(new int[] {1, 1, 1, 2, 2, 3, 5, 12});
    assertEstimate(r.improvedChao1(), 10.628205128205128, 13.833804124643412, 8.3365930561195225, 28.52170141463325, "iChao1");
    assertEstimate(r.aceEstimate(), 10.6875, 11.205530217843716, 8.403223708492705, 25.912280696487544, "ACE");
    CoverageExtrapolation e = r.extrapolation();
    assertClose(0.89430894308943089, e.coverage(), "coverage");
    assertClose(0.054865361651986926, e.coverageStandardError(), "coverage se");
    assertClose(0.97260833074007577, e.coverageAt(27), "coverage at 2n");
    assertEstimate(e.richnessAt(27), 9.6051374468382199, 4.5450370570954493, 8.2224500739495753, 19.582222372406806,
        "richness at 2n");
    assertEquals(48, e.additionalStartsFor(0.99), "starts to coverage 0.99: ceil(47.149)");
    assertEquals(RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, r.chao1Estimate().kind());
    assertEquals(RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, r.aceEstimate().kind());
    assertEquals(RichnessEstimate.Kind.LOWER_BOUND_ESTIMATOR, r.improvedChao1().kind());
    assertEquals(RichnessEstimate.Kind.EXTRAPOLATION, e.richnessAt(27).kind());
    assertEquals(5, r.estimates().size());
  }

  /** counts with f1..f4 all positive (9, 4, 3, 2) and 6, 11, 20: the same reference script. */
  @Test
  void improvedChao1WithAllOfF1ToF4() {
    int[] counts = {1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 6, 11, 20};
    Richness r = Richness.estimate(counts);
    assertEstimate(r.improvedChao1(), 33.168108651911469, 103.44931784115154, 23.921622386886081, 71.67830422894962, "iChao1");
    assertEstimate(r.aceEstimate(), 29.503401905066837, 41.094188846374194, 23.283416316567708, 52.66651803022195, "ACE");
    CoverageExtrapolation e = r.extrapolation();
    assertClose(0.87482891076868736, e.coverage(), "coverage");
    assertClose(0.035773095710014174, e.coverageStandardError(), "coverage se");
    assertClose(0.94890071146013491, e.coverageAt(71), "coverage at 2n");
    assertEstimate(e.richnessAt(71), 26.907226105142942, 18.191396301660979, 22.659670110935491, 42.025455617570363,
        "richness at 2n");
    assertEquals(201, e.additionalStartsFor(0.99), "starts to coverage 0.99: ceil(200.27)");
    assertEquals(0, e.additionalStartsFor(0.5), "already above the target");
    assertTrue(e.coverageAt(201) >= 0.99 && e.coverageAt(200) < 0.99);
  }

  /** No singletons: coverage 1, nothing to extrapolate, iChao1 = S_obs. */
  @Test
  void extrapolationWithoutSingletons() {
    Richness r = Richness.estimate(new int[] {2, 3, 5});
    assertClose(1.0, r.extrapolation().coverage(), "coverage");
    assertClose(3.0, r.extrapolation().richnessAt(100).value(), "richness at n + 100");
    assertClose(3.0, r.improvedChao1().value(), "iChao1");
    assertEquals(0, r.extrapolation().additionalStartsFor(0.999));
  }

  /** All singletons and no doubletons: u is near 1, and a coverage target far above C^ takes very many starts, never a hang. */
  @Test
  void startsForACoverageTargetStayFinite() {
    int[] counts = new int[2000];
    java.util.Arrays.fill(counts, 1);
    CoverageExtrapolation e = Richness.estimate(counts).extrapolation();
    long m = e.additionalStartsFor(0.999999);
    assertTrue(m > 1_000_000, "m = " + m);
    assertTrue(m == Long.MAX_VALUE || e.coverageAt(m) >= 0.999999, "m = " + m);
  }

  private static void assertEstimate(RichnessEstimate e, double value, double variance, double lower, double upper, String what) {
    assertClose(value, e.value(), what + " value");
    assertClose(variance, e.variance(), what + " variance");
    assertClose(lower, e.lower(), what + " lower");
    assertClose(upper, e.upper(), what + " upper");
  }

  @Test
  void badInputIsRefusedWithTheOffendingEntry() {
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> Richness.estimate(new int[] {3, -1}));
    assertTrue(negative.getMessage().contains("hitCounts[1] = -1"), negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Richness.estimate(new int[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> Richness.estimate(new int[0]));
    assertThrows(IllegalArgumentException.class, () -> Richness.estimate(new int[] {1}, Double.NaN));
  }
}

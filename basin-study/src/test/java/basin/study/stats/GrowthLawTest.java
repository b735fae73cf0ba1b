package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Growth-law fits: against SciPy's linregress on fixed data, and recovery of known exponents from
 * synthetic counts with seeded noise.
 */
class GrowthLawTest {
  /** Relative tolerance against SciPy: a few dozen roundings in the sums; 1e-11 catches any wrong term. */
  static final double RELATIVE = 1e-11;

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.max(1, Math.abs(expected)), what);
  }

  /** x = 2..32 doubling, y = 3, 11, 40, 170, 600: SciPy 1.17.1 (growth_and_correlation_reference.py). */
  @Test
  void fitsMatchScipy() {
    GrowthLaw g = GrowthLaw.fit(new double[] {2, 4, 8, 16, 32}, new double[] {3, 11, 40, 170, 600});
    GrowthLaw.Fit p = g.power();
    close(1.9237671697049852, p.exponent(), "power exponent");
    close(0.02244336952988953, p.standardError(), "power se");
    close(1.8523423512664714, p.lower(), "power lower");
    close(1.995191988143499, p.upper(), "power upper");
    close(0.7735705938630395, p.prefactor(), "power prefactor");
    close(0.9995918544501291, p.rSquared(), "power R^2");
    close(-26.67393238264779, p.aic(), "power AIC");
    GrowthLaw.Fit e = g.exponential();
    close(0.16140748979143382, e.exponent(), "exp rate");
    close(0.0357481721651942, e.standardError(), "exp se");
    close(0.04764085136366565, e.lower(), "exp lower");
    close(0.275174128219202, e.upper(), "exp upper");
    close(5.709720927644536, e.prefactor(), "exp prefactor");
    close(2.077797904809156, e.aic(), "exp AIC");
    assertEquals(GrowthLaw.Form.POWER, g.better());
    // the upper bound 1.995 is below 2: not quadratic, just
    assertEquals(GrowthLaw.Answer.NO, g.atLeastQuadratic(), g.reason());
    assertEquals("n^1.92 (95% CI 1.85 to 1.995)", p.describe("n"));
  }

  /**
   * y = 2 x^2.5 e^eps, eps ~ N(0, 0.1^2), x = 8..128 doubling, 1000 seeded replicates: the 95% interval
   * of the exponent covers 2.5 in 0.95 +- 0.03 of them (three binomial standard errors, 0.007 each),
   * the power law is the better form and the answer is YES in every replicate (the half-width is
   * about 0.15, so the lower bound stays far above 2).
   */
  @Test
  void recoversAPowerLawExponentWithNominalCoverage() {
    double[] x = {8, 16, 32, 64, 128};
    SplittableRandom random = new SplittableRandom(11);
    int covered = 0;
    double sumError = 0;
    int reps = 1000;
    for (int r = 0; r < reps; r++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) y[i] = 2 * Math.pow(x[i], 2.5) * Math.exp(0.1 * gaussian(random));
      GrowthLaw g = GrowthLaw.fit(x, y);
      if (g.power().lower() <= 2.5 && 2.5 <= g.power().upper()) covered++;
      sumError += Math.abs(g.power().exponent() - 2.5);
      assertEquals(GrowthLaw.Form.POWER, g.better(), "replicate " + r);
      assertEquals(GrowthLaw.Answer.YES, g.atLeastQuadratic(), "replicate " + r + ": " + g.reason());
    }
    assertEquals(0.95, covered / (double) reps, 0.03, "coverage of the exponent's interval");
    assertTrue(sumError / reps < 0.05, "mean |b - 2.5| = " + sumError / reps);
  }

  /** y = 5 e^(0.3 x) e^eps, eps ~ N(0, 0.05^2), x = 1..12: the exponential wins and the rate is recovered. */
  @Test
  void recoversAnExponentialRate() {
    double[] x = new double[12];
    double[] y = new double[12];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 12; i++) {
      x[i] = i + 1;
      y[i] = 5 * Math.exp(0.3 * x[i]) * Math.exp(0.05 * gaussian(random));
    }
    GrowthLaw g = GrowthLaw.fit(x, y);
    assertEquals(GrowthLaw.Form.EXPONENTIAL, g.better());
    assertTrue(g.exponential().lower() <= 0.3 && 0.3 <= g.exponential().upper(), g.exponential().describe("x"));
    assertEquals(0.3, g.exponential().exponent(), 0.02, "rate (tolerance: about 4 standard errors of 0.004)");
    assertEquals(GrowthLaw.Answer.YES, g.atLeastQuadratic(), g.reason());
    assertEquals(g.exponential(), g.preferred());
  }

  /**
   * Poisson counts y ~ Poisson(3 x^2.3) at x = 4..64 doubling, weights y (ln y has variance about
   * 1 / y): 300 seeded replicates, the weighted interval covers 2.3 in 0.95 +- 0.04 of them.
   */
  @Test
  void recoversTheExponentOfPoissonCountsWithWeights() {
    double[] x = {4, 8, 16, 32, 64};
    SplittableRandom random = new SplittableRandom(23);
    int covered = 0;
    int reps = 300;
    for (int r = 0; r < reps; r++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) y[i] = Math.max(1, poisson(3 * Math.pow(x[i], 2.3), random));
      GrowthLaw g = GrowthLaw.fit(x, y, y, null, 0.95);
      if (g.power().lower() <= 2.3 && 2.3 <= g.power().upper()) covered++;
    }
    assertEquals(0.95, covered / (double) reps, 0.04, "coverage with Poisson counts");
  }

  /** An exponent of exactly 2 with noise: the interval contains 2, so the answer is INCONCLUSIVE. */
  @Test
  void anExponentOfTwoIsInconclusive() {
    double[] x = {10, 20, 40, 80};
    double[] y = {100 * 1.05, 400 / 1.05, 1600 * 1.05, 6400 / 1.05};
    GrowthLaw g = GrowthLaw.fit(x, y);
    assertEquals(GrowthLaw.Answer.INCONCLUSIVE, g.atLeastQuadratic());
    assertTrue(g.reason().contains("contains 2"), g.reason());
  }

  /**
   * Linear growth is NO; the same counts with the last one saturated (as many minima as starts) are
   * INCONCLUSIVE, since a saturated count is only a lower bound.
   */
  @Test
  void saturationBlocksANo() {
    double[] x = {10, 20, 40, 80, 160};
    double[] y = {50, 101, 199, 402, 800};
    GrowthLaw free = GrowthLaw.fit(x, y, new long[] {1000, 1000, 1000, 1000, 1000});
    assertEquals(GrowthLaw.Answer.NO, free.atLeastQuadratic(), free.reason());
    assertTrue(free.saturated().isEmpty());
    GrowthLaw saturated = GrowthLaw.fit(x, y, new long[] {1000, 1000, 1000, 1000, 800});
    assertEquals(List.of(4), saturated.saturated());
    assertEquals(GrowthLaw.Answer.INCONCLUSIVE, saturated.atLeastQuadratic());
    assertTrue(saturated.reason().contains("saturated"), saturated.reason());
  }

  @Test
  void twoPointsAreInconclusive() {
    GrowthLaw g = GrowthLaw.fit(new double[] {1, 2}, new double[] {1, 8});
    assertEquals(GrowthLaw.Answer.INCONCLUSIVE, g.atLeastQuadratic());
    assertEquals(3.0, g.power().exponent(), 1e-12, "exact through two points");
    assertTrue(Double.isInfinite(g.power().upper()));
  }

  @Test
  void badInputNamesTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GrowthLaw.fit(new double[] {1, 2, 3}, new double[] {1, 0, 3}));
    assertTrue(e.getMessage().contains("y[1] = 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GrowthLaw.fit(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class, () -> GrowthLaw.fit(new double[] {1, 2}, new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class, () -> GrowthLaw.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
  }

  static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log1p(-random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Poisson by inversion for small means, normal approximation (rounded) above 500. */
  static double poisson(double mean, SplittableRandom random) {
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    double l = Math.exp(-mean);
    double p = l;
    double u = random.nextDouble();
    int k = 0;
    double cumulative = p;
    while (u > cumulative) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
}

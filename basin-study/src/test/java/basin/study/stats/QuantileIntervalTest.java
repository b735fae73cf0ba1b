package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileIntervalTest {

  @Test
  void medianOfElevenUsesTheSecondAndTenthOrderStatistics() {
    // Binomial(11, 1/2): P(B <= 1) = 12/2048 = 0.00586 <= 0.025 < P(B <= 2) = 67/2048 = 0.0327, so l = 2;
    // P(B <= 8) = 1981/2048 = 0.9673 < 0.975 <= P(B <= 9) = 2036/2048, so u = 10;
    // coverage P(2 <= B <= 9) = (2036 - 12) / 2048 = 0.98828125
    double[] x = {5, 3, 9, 1, 7, 11, 2, 8, 4, 10, 6};
    QuantileInterval q = QuantileInterval.of(x, 0.5, 0.95);
    assertEquals(6.0, q.estimate());
    assertEquals(2.0, q.lower());
    assertEquals(10.0, q.upper());
    assertEquals((2036.0 - 12.0) / 2048.0, q.coverage(), 1e-13, "continued-fraction round-off");
  }

  @Test
  void tooFewValuesLeaveAnOpenBoundAndNanIsLeftOut() {
    QuantileInterval q = QuantileInterval.of(new double[] {1, Double.NaN, 2, 3, 4, 5}, 0.5, 0.95);
    assertEquals(5, q.count());
    assertEquals(Double.NEGATIVE_INFINITY, q.lower(), "(1/2)^5 = 0.03125 > 0.025");
    assertEquals(Double.POSITIVE_INFINITY, q.upper());
    assertEquals(1.0, q.coverage());
    assertEquals(1.0, QuantileInterval.of(new double[] {1, 2, 3, 4, 5, 6}, 0.5, 0.95).lower(), "(1/2)^6 = 0.0156 <= 0.025");
  }

  @Test
  void coversTheTrueQuantileAtLeastAtTheStatedRate() {
    // 2000 seeded samples of 30 exponentials; the 0.9 quantile is ln 10. Binomial noise of the
    // empirical rate: sd sqrt(0.95 * 0.05 / 2000) = 0.005, so 0.015 below the coverage is 3 sd
    SplittableRandom r = new SplittableRandom(5);
    int hits = 0;
    double coverage = 0;
    for (int rep = 0; rep < 2000; rep++) {
      double[] x = new double[30];
      for (int i = 0; i < 30; i++) x[i] = -Math.log(1 - r.nextDouble());
      QuantileInterval q = QuantileInterval.of(x, 0.9, 0.95);
      coverage = q.coverage();
      if (q.lower() <= Math.log(10) && Math.log(10) < q.upper()) hits++;
    }
    assertTrue(coverage >= 0.95, "stated coverage " + coverage);
    assertTrue(hits / 2000.0 >= coverage - 0.015, hits + " of 2000 covered, stated " + coverage);
  }
}

package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Correlations against SciPy 1.17.1 (growth_and_correlation_reference.py in the test resources). */
class CorrelationTest {
  /** Relative tolerance: sums of ten terms, tanh/atanh and a t tail good to 1e-14; 1e-11 catches any wrong formula. */
  static final double RELATIVE = 1e-11;
  static final double[] A = {0.31, 0.42, 0.38, 0.55, 0.61, 0.47, 0.72, 0.66, 0.58, 0.80};
  static final double[] B = {0.35, 0.40, 0.45, 0.50, 0.70, 0.52, 0.69, 0.75, 0.55, 0.90};

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.max(1e-3, Math.abs(expected)), what);
  }

  /** scipy.stats.pearsonr(a, b) and its confidence_interval(0.95): the same as R's cor.test. */
  @Test
  void pearsonMatchesScipy() {
    Correlation c = Correlation.pearson(A, B);
    close(0.9436027306220494, c.estimate(), "r");
    close(0.7735640683196289, c.lower(), "lower");
    close(0.986896781073514, c.upper(), "upper");
    close(4.133434956787505e-05, c.pValue(), "p");
    assertTrue(c.positive());
    assertEquals("Pearson r 0.94 (95% CI 0.77 to 0.99, n = 10)", c.describe());
  }

  /** scipy.stats.spearmanr(a, b); the interval is tanh(atanh(rho) -+ 1.96 sqrt(1.06 / 7)) computed there. */
  @Test
  void spearmanMatchesScipy() {
    Correlation c = Correlation.spearman(A, B);
    close(0.9393939393939393, c.estimate(), "rho");
    close(5.4840529985136686e-05, c.pValue(), "p");
    close(0.7487794271701748, c.lower(), "lower");
    close(0.9864958411625286, c.upper(), "upper");
  }

  /** Closed forms: perfectly monotone data give rho = 1 with the interval [1, 1]; ties share their average rank. */
  @Test
  void closedForms() {
    Correlation c = Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {1, 4, 9, 16, 100});
    assertEquals(1.0, c.estimate(), 0.0);
    assertEquals(1.0, c.lower(), 0.0);
    assertEquals(0.0, c.pValue(), 0.0);
    assertArrayEquals(new double[] {1.5, 1.5, 3, 4.5, 4.5}, Correlation.ranks(new double[] {2, 2, 5, 7, 7}), 0.0);
    // three pairs: no interval
    Correlation three = Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2});
    assertEquals(0.5, three.estimate(), 1e-15);
    assertEquals(-1.0, three.lower(), 0.0);
    assertEquals(1.0, three.upper(), 0.0);
  }

  @Test
  void badInputIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Correlation.pearson(new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("x[2] = NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class, () -> Correlation.spearman(new double[] {1, 2}, new double[] {1, 2}));
  }
}

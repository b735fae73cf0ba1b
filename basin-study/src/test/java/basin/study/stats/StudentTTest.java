package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Student t quantiles and tails against SciPy 1.17.1 (growth_and_correlation_reference.py in the test resources). */
class StudentTTest {
  /** Relative tolerance: RegularizedBeta is good to about 1e-14 here; 1e-11 leaves margin and catches any wrong formula. */
  static final double RELATIVE = 1e-11;

  @Test
  void criticalValuesAndTailsMatchScipy() {
    double[] nu = {1, 2, 3, 5, 10, 30, 1000};
    double[] ppf = {12.706204736174694, 4.302652729749462, 3.1824463052837078, 2.5705818356363146, 2.228138851986274,
        2.0422724563012378, 1.9623390808264083};
    double[] tail = {0.24223788318168682, 0.12961172022151082, 0.08770664700806556, 0.05449009934237626,
        0.03144684423660882, 0.01811564906806669, 0.012578567801090807};
    for (int i = 0; i < nu.length; i++) {
      assertEquals(ppf[i], StudentT.twoSidedCriticalValue(0.95, nu[i]), RELATIVE * ppf[i], "t_0.975 with nu = " + nu[i]);
      assertEquals(tail[i], StudentT.twoSidedTail(2.5, nu[i]), RELATIVE * tail[i], "P(|T| > 2.5) with nu = " + nu[i]);
      assertEquals(tail[i], StudentT.twoSidedTail(-2.5, nu[i]), RELATIVE * tail[i], "symmetric");
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedCriticalValue(0.95, 0));
    assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedCriticalValue(Double.NaN, 3));
    assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedTail(1.0, Double.NaN));
  }
}

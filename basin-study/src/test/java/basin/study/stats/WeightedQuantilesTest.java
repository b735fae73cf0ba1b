package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedQuantilesTest {

  /**
   * numpy 2.4.6: {@code np.quantile(np.repeat([0.3, 0.1, 0.2], [1, 2, 3]), [0, .25, .5, .9, 1])} =
   * [0.1, 0.125, 0.2, 0.25, 0.3]. Tolerance 2 ulps: numpy's lerp and ours round differently.
   */
  @Test
  void matchesNumpyOnSmallSample() {
    WeightedQuantiles q = WeightedQuantiles.of(new double[] {0.3, 0.1, 0.2, 7.0}, new int[] {1, 2, 3, 0});
    assertEquals(6, q.totalWeight());
    double[] expected = {0.1, 0.125, 0.2, 0.25, 0.3};
    double[] actual = q.quantiles(0, 0.25, 0.5, 0.9, 1);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 2 * Math.ulp(expected[i]), "quantile " + i);
    }
  }

  /**
   * Against type 7 computed on the explicitly expanded, sorted sample over seeded random values and
   * weights. Both sides evaluate the same expression on the same two order statistics, so they agree
   * exactly.
   */
  @Test
  void equalsType7OnExpandedSample() {
    long seed = 314L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 100; trial++) {
      int m = 1 + random.nextInt(30);
      double[] values = new double[m];
      int[] weights = new int[m];
      int total = 0;
      for (int i = 0; i < m; i++) {
        values[i] = random.nextInt(4) == 0 ? values[random.nextInt(i + 1)] : random.nextGaussian();
        weights[i] = random.nextInt(6);
        total += weights[i];
      }
      if (total == 0) {
        weights[0] = 1;
        total = 1;
      }
      double[] expanded = new double[total];
      for (int i = 0, k = 0; i < m; i++) {
        for (int w = 0; w < weights[i]; w++) {
          expanded[k++] = values[i];
        }
      }
      Arrays.sort(expanded);
      WeightedQuantiles q = WeightedQuantiles.of(values, weights);
      for (int t = 0; t <= 40; t++) {
        double p = t / 40.0;
        double h = (total - 1) * p;
        int j = (int) Math.floor(h);
        double reference = j + 1 >= total || h == j
            ? expanded[j] : expanded[j] + (h - j) * (expanded[j + 1] - expanded[j]);
        assertEquals(reference, q.quantile(p), 0.0, "seed " + seed + ", trial " + trial + ", p = " + p);
      }
    }
  }

  @Test
  void badInputIsRefused() {
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> WeightedQuantiles.of(new double[] {0.1, Double.NaN}, new int[] {1, 1}));
    assertTrue(nan.getMessage().contains("values[1] = NaN"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WeightedQuantiles.of(new double[] {0.1}, new int[] {0}));
    assertThrows(IllegalArgumentException.class, () -> WeightedQuantiles.of(new double[] {0.1}, new int[] {-1}));
    assertThrows(IllegalArgumentException.class, () -> WeightedQuantiles.of(new double[] {0.1}, new int[] {1, 2}));
    WeightedQuantiles q = WeightedQuantiles.of(new double[] {0.1}, new int[] {3});
    assertThrows(IllegalArgumentException.class, () -> q.quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> q.quantile(Double.NaN));
    assertEquals(0.1, q.quantile(0.7), 0.0);
  }
}

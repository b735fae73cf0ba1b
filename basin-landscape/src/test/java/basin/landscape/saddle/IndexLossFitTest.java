package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Initializer;
import basin.landscape.saddle.IndexLossFit.Model;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Index-vs-loss fits on synthetic points drawn from a known relation. */
class IndexLossFitTest {

  static final double C = 0.4;
  static final double LOSS_C = 0.1;
  static final double NOISE = 0.005;

  /** 150 losses uniform in [0, 1.2], alpha = 0.4 (e - 0.1)_+^{3/2} + N(0, 0.005^2), seed 17. */
  static double[][] synthetic() {
    SplittableRandom random = new SplittableRandom(17);
    int n = 150;
    double[] e = new double[n];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = 1.2 * random.nextDouble();
      a[i] = IndexLossFit.power(C, LOSS_C, 1.5, e[i]) + NOISE * Initializer.gaussian(random);
    }
    return new double[][] {e, a};
  }

  /**
   * The 95 % percentile-bootstrap intervals (200 replicates) of c and e_c of the 3/2 law, and of the
   * free exponent, contain the true values; the band contains the true curve at 90 % of the grid or
   * more (it is pointwise 95 %, so a few misses are expected); the 3/2 law beats the line on AIC.
   */
  @Test
  void recoversAKnownPowerLaw() {
    double[][] d = synthetic();
    IndexLossFit.Result r = IndexLossFit.fit(d[0], d[1], IndexLossFit.Config.defaults().withSeed(5));
    IndexLossFit.Fit f = r.fit(Model.POWER_THREE_HALVES);
    assertTrue(f.parameterLower()[0] <= C && C <= f.parameterUpper()[0], "c " + f.parameters()[0] + " [" + f.parameterLower()[0] + ", " + f.parameterUpper()[0] + "]");
    assertTrue(f.parameterLower()[1] <= LOSS_C && LOSS_C <= f.parameterUpper()[1],
        "loss_c " + f.parameters()[1] + " [" + f.parameterLower()[1] + ", " + f.parameterUpper()[1] + "]");
    IndexLossFit.Fit free = r.fit(Model.POWER);
    assertTrue(free.parameterLower()[2] <= 1.5 && 1.5 <= free.parameterUpper()[2],
        "exponent " + free.parameters()[2] + " [" + free.parameterLower()[2] + ", " + free.parameterUpper()[2] + "]");
    int inside = 0;
    double[] grid = r.grid();
    for (int g = 0; g < grid.length; g++) {
      double truth = IndexLossFit.power(C, LOSS_C, 1.5, grid[g]);
      if (f.bandLower()[g] <= truth && truth <= f.bandUpper()[g]) inside++;
    }
    assertTrue(inside >= 0.9 * grid.length, inside + " of " + grid.length + " grid losses inside the band");
    assertTrue(f.aic() < r.fit(Model.LINEAR).aic(), "power " + f.aic() + ", linear " + r.fit(Model.LINEAR).aic());
    // the residual standard deviation is the noise's, within 20 % (150 points: its relative standard error is about 6 %)
    assertEquals(NOISE, Math.sqrt(f.rss() / 148), 0.2 * NOISE);
  }

  /** On exact linear data the line is recovered to 1e-12 and its band has zero width. */
  @Test
  void linearDataGiveTheLine() {
    double[] e = {0, 1, 2, 3, 4, 5};
    double[] a = new double[e.length];
    for (int i = 0; i < e.length; i++) a[i] = 0.05 + 0.1 * e[i];
    IndexLossFit.Fit f = IndexLossFit.fit(e, a, IndexLossFit.Config.defaults().withBootstrap(50)).fit(Model.LINEAR);
    assertEquals(0.05, f.parameters()[0], 1e-12);
    assertEquals(0.1, f.parameters()[1], 1e-12);
    assertEquals(0.1, f.parameterLower()[1], 1e-12);
    assertEquals(0.1, f.parameterUpper()[1], 1e-12);
  }

  /** Pool adjacent violators: (1, 3, 2, 4) becomes (1, 2.5, 2.5, 4); ties at one loss share a value. */
  @Test
  void isotonicPoolsViolators() {
    IndexLossFit.Result r = IndexLossFit.fit(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 4},
        new IndexLossFit.Config(0, 1, 4, 0.95));
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, r.fit(Model.ISOTONIC).curve(), 1e-15);
    assertEquals(0.5, r.fit(Model.ISOTONIC).rss(), 1e-15);
  }

  @Test
  void sameSeedSameBands() {
    double[][] d = synthetic();
    IndexLossFit.Config c = IndexLossFit.Config.defaults().withBootstrap(20);
    IndexLossFit.Fit a = IndexLossFit.fit(d[0], d[1], c).fit(Model.POWER_THREE_HALVES);
    IndexLossFit.Fit b = IndexLossFit.fit(d[0], d[1], c).fit(Model.POWER_THREE_HALVES);
    assertArrayEquals(a.bandLower(), b.bandLower(), 0.0);
    assertArrayEquals(a.bandUpper(), b.bandUpper(), 0.0);
  }

  @Test
  void refusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> IndexLossFit.fit(new double[] {1, 2}, new double[] {0, 0}, IndexLossFit.Config.defaults()));
    assertThrows(IllegalArgumentException.class, () -> IndexLossFit.fit(new double[] {1, 2, Double.NaN}, new double[] {0, 0, 0},
        IndexLossFit.Config.defaults()));
  }
}

package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rarefaction curve against exact fractions, and its join with the extrapolation. */
class DiscoveryBandTest {
  /** Absolute tolerance: log-gamma differences of numbers below 100 are good to about 1e-14; 1e-12 catches any wrong term. */
  static final double ABSOLUTE = 1e-12;

  /**
   * counts {1, 2, 3}, n = 6: S(1) = 1; S(2) = sum 1 - C(6 - x, 2) / 15 = 5/15 + 9/15 + 12/15 = 26/15;
   * S(3) = sum 1 - C(6 - x, 3) / 20 = 10/20 + 16/20 + 19/20 = 45/20; S(6) = 3.
   */
  @Test
  void interpolationMatchesExactFractions() {
    int[] counts = {1, 2, 3};
    assertEquals(1.0, DiscoveryBand.interpolated(counts, 6, 1), ABSOLUTE);
    assertEquals(26.0 / 15, DiscoveryBand.interpolated(counts, 6, 2), ABSOLUTE);
    assertEquals(45.0 / 20, DiscoveryBand.interpolated(counts, 6, 3), ABSOLUTE);
    assertEquals(3.0, DiscoveryBand.interpolated(counts, 6, 6), ABSOLUTE);
  }

  @Test
  void theBandRunsFromOneStartThroughTheSampleToTwiceIt() {
    int[] counts = {1, 1, 1, 2, 2, 3, 5, 12};
    DiscoveryBand band = DiscoveryBand.of(counts, 54, 9, 0.95);
    List<DiscoveryBand.Point> p = band.points();
    assertEquals(3, p.get(0).starts());
    DiscoveryBand.Point observed = p.stream().filter(q -> q.part() == DiscoveryBand.Part.OBSERVED).findFirst().orElseThrow();
    assertEquals(27, observed.starts());
    assertEquals(8.0, observed.expected(), 0.0);
    DiscoveryBand.Point last = p.get(p.size() - 1);
    assertEquals(54, last.starts());
    assertEquals(DiscoveryBand.Part.EXTRAPOLATED, last.part());
    RichnessEstimate atTwice = Richness.estimate(counts).extrapolation().richnessAt(27);
    assertEquals(atTwice.value(), last.expected(), 0.0);
    assertEquals(atTwice.upper(), last.upper(), 0.0);
    for (int i = 1; i < p.size(); i++) {
      assertTrue(p.get(i).starts() > p.get(i - 1).starts());
      assertTrue(p.get(i).expected() >= p.get(i - 1).expected() - ABSOLUTE, "non-decreasing at " + p.get(i).starts());
    }
    assertThrows(IllegalArgumentException.class, () -> DiscoveryBand.of(counts, 10, 5, 0.95));
  }
}

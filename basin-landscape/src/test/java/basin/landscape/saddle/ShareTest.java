package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Wilson interval at its closed-form edge cases and its symmetry. */
class ShareTest {

  /**
   * x = 0: the lower bound is 0 and the upper bound z^2 / (n + z^2); x = n: lower bound n / (n +
   * z^2) (both from the formula with p = 0 or 1). Symmetry lower(x) = 1 - upper(n - x). 1e-15:
   * a few roundings of O(1) numbers.
   */
  @Test
  void wilsonMatchesClosedForms() {
    double z = Share.Z95;
    Share none = Share.wilson95(0, 10);
    assertEquals(0.0, none.lower(), 1e-15);
    assertEquals(z * z / (10 + z * z), none.upper(), 1e-15);
    Share all = Share.wilson95(10, 10);
    assertEquals(10 / (10 + z * z), all.lower(), 1e-15);
    assertEquals(1.0, all.upper(), 1e-15);
    for (int x = 0; x <= 17; x++) {
      Share a = Share.wilson95(x, 17);
      Share b = Share.wilson95(17 - x, 17);
      assertEquals(a.lower(), 1 - b.upper(), 1e-15);
      assertTrue(a.lower() <= a.estimate() && a.estimate() <= a.upper());
    }
    assertTrue(Double.isNaN(Share.wilson95(0, 0).estimate()));
    assertThrows(IllegalArgumentException.class, () -> Share.wilson95(3, 2));
    assertThrows(IllegalArgumentException.class, () -> Share.wilson(1, 2, Double.NaN));
  }
}

package basin.study.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counts are integers, so every comparison here is exact. */
class DiscoveryCurveTest {

  @Test
  void smallSequenceByHand() {
    DiscoveryCurve curve = DiscoveryCurve.of(new int[] {5, 5, 2, 5, 9, 2, -1});
    assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4}, curve.toArray());
    assertEquals(7, curve.starts());
    assertEquals(0, curve.distinctAfter(0));
    assertEquals(2, curve.distinctAfter(3));
    assertEquals(4, curve.distinctAfter(7));
    assertThrows(IllegalArgumentException.class, () -> curve.distinctAfter(8));
  }

  @Test
  void emptySequence() {
    DiscoveryCurve curve = DiscoveryCurve.of(new int[0]);
    assertEquals(0, curve.starts());
    assertEquals(0, curve.distinctAfter(0));
  }

  /** Against a HashSet over seeded random id sequences (ids drawn from ranges of varying size). */
  @Test
  void matchesSetCountOnRandomSequences() {
    long seed = 99L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(500);
      int range = 1 + random.nextInt(300);
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = random.nextInt(range) - range / 2;
      }
      int[] curve = DiscoveryCurve.of(ids).toArray();
      Set<Integer> seen = new HashSet<>();
      for (int k = 0; k < n; k++) {
        seen.add(ids[k]);
        assertEquals(seen.size(), curve[k], "seed " + seed + ", trial " + trial + ", k = " + (k + 1));
      }
    }
  }
}

package basin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up rule of {@link WallClockSampler}: at least the asked number of calls, whatever the time budget. */
class WallClockSamplerTest {

  /**
   * With no time budget, the warm-up makes exactly minWarmupCalls calls (3 by default, 8 for the
   * certify row) and the measurement one sample of one call (a separate warm-up means one call per
   * sample).
   */
  @Test
  void warmsUpAtLeastTheAskedNumberOfCalls() {
    WallClockSampler sampler = new WallClockSampler(0, 0, 0, 50);
    int[] warmups = new int[1];
    int[] calls = new int[1];
    double[] samples = sampler.sample(() -> warmups[0]++, () -> calls[0]++, 8);
    assertEquals(8, warmups[0]);
    assertEquals(1, calls[0]);
    assertEquals(1, samples.length);

    warmups[0] = 0;
    calls[0] = 0;
    sampler.sample(() -> warmups[0]++, () -> calls[0]++);
    assertEquals(WallClockSampler.MIN_WARMUP_CALLS, warmups[0]);
    assertTrue(samples[0] >= 0);
  }
}

package basin.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Axis ticks and scales. Tick values are compared with an absolute tolerance of 1e-12 times the
 * step: they are integer multiples of the step computed in doubles.
 */
class TicksTest {

  @Test
  void linearTicksAreNiceStepsThatCoverTheData() {
    assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, Ticks.linear(0.3, 9.7, 5), 1e-12);
    assertArrayEquals(new double[] {-0.2, -0.1, 0, 0.1, 0.2, 0.3}, Ticks.linear(-0.17, 0.26, 5), 1e-13);
    assertArrayEquals(new double[] {0, 50, 100, 150}, Ticks.linear(0, 137, 3), 1e-12);
    double[] t = Ticks.linear(-1234.5, 98765.4, 5);
    assertTrue(t[0] <= -1234.5 && t[t.length - 1] >= 98765.4, "ticks cover the range");
    assertEquals(20000, t[1] - t[0], 1e-6, "step 2e4 for a range of 1e5 in about 5 intervals");
  }

  @Test
  void zeroIsExactlyZeroNotMinusZeroOrRoundOff() {
    double[] t = Ticks.linear(-0.3, 0.3, 6);
    boolean sawZero = false;
    for (double v : t) {
      if (Math.abs(v) < 1e-9) {
        assertEquals(0, Double.compare(v, 0.0), "zero tick is +0.0, got " + v);
        sawZero = true;
      }
    }
    assertTrue(sawZero);
  }

  @Test
  void anEmptyRangeIsWidened() {
    assertArrayEquals(new double[] {4, 5, 6}, Ticks.linear(5, 5, 2), 1e-12);
    double[] big = Ticks.linear(500, 500, 2);
    assertTrue(big[0] <= 450 && big[big.length - 1] >= 550, "widened by a tenth of |lo|");
  }

  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(1, Ticks.step(0.7), 0);
    assertEquals(1, Ticks.step(1.0), 0);
    assertEquals(2, Ticks.step(1.3), 0);
    assertEquals(5, Ticks.step(2.1), 0);
    assertEquals(10, Ticks.step(5.5), 0);
    assertEquals(0.02, Ticks.step(0.013), 1e-17);
  }

  @Test
  void logTicksAreDecades() {
    assertArrayEquals(new double[] {1e-3, 1e-2, 1e-1, 1, 10}, Ticks.log(0.004, 7.0), 1e-15);
    assertArrayEquals(new double[] {1, 2, 5, 10}, Ticks.log(1.5, 8), 1e-15, "one decade gets 2 and 5");
    assertArrayEquals(new double[] {100, 200, 500, 1000}, Ticks.log(100, 100), 1e-12, "a single value spans its decade");
    double[] wide = Ticks.log(1e-20, 1e10);
    assertTrue(wide.length <= 11, "at most about ten labelled decades, got " + wide.length);
    assertTrue(wide[0] <= 1e-20 && wide[wide.length - 1] >= 1e10);
  }

  @Test
  void hugeRangesDoNotOverflow() {
    double[] t = Ticks.linear(-1e308, 1e308, 4);
    assertTrue(t.length >= 3 && t.length <= 6, "ticks " + java.util.Arrays.toString(t));
    for (double v : t) assertTrue(Double.isFinite(v), "finite ticks " + java.util.Arrays.toString(t));
  }

  @Test
  void badRangesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 1));
    assertThrows(IllegalArgumentException.class, () -> Ticks.log(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> Ticks.linear(Double.NaN, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> Ticks.linear(2, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, 1, 0));
  }

  @Test
  void labels() {
    assertEquals("0", Ticks.linearLabel(0, 0.1));
    assertEquals("0.3", Ticks.linearLabel(0.30000000000000004, 0.1));
    assertEquals("150", Ticks.linearLabel(150, 50));
    assertEquals("0.25", Ticks.linearLabel(0.25, 0.05));
    assertEquals("2e6", Ticks.linearLabel(2e6, 1e6));
    assertEquals("3e-5", Ticks.linearLabel(3e-5, 1e-5));
    assertEquals("0.001", Ticks.logLabel(1e-3));
    assertEquals("1", Ticks.logLabel(1));
    assertEquals("1000", Ticks.logLabel(1000));
    assertEquals("1e-7", Ticks.logLabel(1e-7));
    assertEquals("1e8", Ticks.logLabel(1e8));
  }

  @Test
  void scalesIgnoreWhatTheyCannotDraw() {
    Scale log = Scale.of(new double[] {Double.NaN, -1, 0, 0.02, 300, Double.POSITIVE_INFINITY}, true, false, 0, 100);
    assertEquals(0.01, log.lo(), 1e-15);
    assertEquals(1000, log.hi(), 1e-9);
    assertEquals(0, log.map(0.01), 1e-9);
    assertEquals(100, log.map(1000), 1e-9);
    assertEquals(40, log.map(1), 1e-9, "1 is 2 of 5 decades up");
    Scale empty = Scale.of(new double[0], false, false, 10, 20);
    assertEquals(0, empty.lo(), 0);
    assertEquals(1, empty.hi(), 0);
    Scale emptyLog = Scale.of(new double[] {0, -3}, true, false, 0, 1);
    assertEquals(1, emptyLog.lo(), 0);
    Scale withZero = Scale.of(new double[] {3, 7}, false, true, 300, 0);
    assertEquals(0, withZero.lo(), 0);
    assertEquals(300, withZero.map(0), 1e-12, "pixels may run downwards (y)");
  }

  @Test
  void countsGetIntegerTicks() {
    Scale one = Scale.ofCounts(new double[] {1, 1, 1}, 0, 100);
    assertArrayEquals(new double[] {0, 1}, one.ticks(), 0);
    Scale three = Scale.ofCounts(new double[] {3, 2}, 0, 100);
    assertArrayEquals(new double[] {0, 1, 2, 3}, three.ticks(), 0);
    Scale many = Scale.ofCounts(new double[] {37}, 0, 100);
    assertEquals(10, many.ticks()[1] - many.ticks()[0], 0);
    assertEquals(0, Scale.ofCounts(new double[0], 0, 1).lo(), 0);
  }
}

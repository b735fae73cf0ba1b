package basin.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import basin.store.StartRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The wire format of a start: every field back bit for bit (exact comparison, no tolerance). */
class StartRecordCodecTest {

  private static final double ODD_NAN = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);

  private static StartRecord full() {
    return new StartRecord(17, -4_611_686_018_427_387_904L,
        new StartRecord.Outcome("CONVERGED", "STRICT_MINIMUM", 3.2e-14, 0),
        new StartRecord.Losses(0.125, -0.0, Double.NaN, 1.0, Double.POSITIVE_INFINITY),
        new StartRecord.Curvature(1e-300, 4.9e-324, 0, 3, 0.0),
        new StartRecord.Effort(123, 456, 789, 1011),
        0.7071067811865476, new double[] {0.1, -0.0, ODD_NAN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE},
        new double[] {1, 2, 3});
  }

  @Test
  void recordRoundTripsBitForBit() {
    StartRecord r = full();
    StartRecord back = ((StartRecordCodec.Recorded) StartRecordCodec.decode(StartRecordCodec.encode(r))).record();
    assertEquals(r, back); // Double.compare semantics: -0.0 differs from 0.0, NaN equals NaN
    assertEquals(r.parameterNorm(), back.parameterNorm());
    long[] sent = Arrays.stream(r.parameters()).mapToLong(Double::doubleToRawLongBits).toArray();
    long[] got = Arrays.stream(back.parameters()).mapToLong(Double::doubleToRawLongBits).toArray();
    assertArrayEquals(sent, got, "raw bits, NaN payload included");
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.losses().trainDataLoss()));
  }

  @Test
  void uncertifiedRecordWithoutVectorsRoundTrips() {
    StartRecord r = new StartRecord(0, 1, new StartRecord.Outcome("DIVERGED", null, Double.NaN, StartRecord.UNKNOWN_COUNT),
        new StartRecord.Losses(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN), StartRecord.Curvature.UNKNOWN,
        new StartRecord.Effort(0, 0, 0, 0), null, null);
    StartRecord back = ((StartRecordCodec.Recorded) StartRecordCodec.decode(StartRecordCodec.encode(r))).record();
    assertEquals(r, back);
    assertNull(back.criticalClass());
    assertNull(back.parameters());
    assertNull(back.canonical());
  }

  @Test
  void failureRoundTrips() {
    String trace = "java.lang.IllegalStateException: é ∞\n\tat x.y(z.java:1)";
    StartRecordCodec.Failed f = assertInstanceOf(StartRecordCodec.Failed.class,
        StartRecordCodec.decode(StartRecordCodec.encodeFailure(42, trace)));
    assertEquals(42, f.startIndex());
    assertEquals(trace, f.error());
  }

  @Test
  void truncatedOrForeignBytesAreRejected() {
    byte[] b = StartRecordCodec.encode(full());
    assertThrows(IllegalArgumentException.class, () -> StartRecordCodec.decode(Arrays.copyOf(b, b.length - 3)));
    assertThrows(IllegalArgumentException.class, () -> StartRecordCodec.decode(Arrays.copyOf(b, b.length + 1)));
    assertThrows(IllegalArgumentException.class, () -> StartRecordCodec.decode(new byte[] {9, 0, 0, 0}));
  }
}

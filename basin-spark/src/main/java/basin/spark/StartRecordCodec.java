package basin.spark;

import basin.store.StartRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a Spark task sends back to the driver, as bytes: a recorded start ({@link StartRecord}, every
 * field) or a start that threw. Doubles travel as their raw IEEE 754 bits ({@link
 * Double#doubleToRawLongBits}), so NaN payloads, -0.0 and infinities arrive bit for bit; strings as
 * UTF-8 with a length (null allowed); arrays as a length (-1 for null) and their elements. This keeps
 * basin-store free of Spark and of Java serialization. Cost: 8 bytes per double of the vectors plus
 * about 150 bytes.
 */
public final class StartRecordCodec {
  private static final byte RECORD = 1;
  private static final byte FAILURE = 2;

  private StartRecordCodec() {}

  /** A task's outcome for one start. */
  public sealed interface Result permits Recorded, Failed {
    /** The start index. */
    int startIndex();
  }

  /** A start that ran to its record. */
  public record Recorded(StartRecord record) implements Result {
    @Override
    public int startIndex() {
      return record.startIndex();
    }
  }

  /**
   * A start whose per-start function threw.
   *
   * @param startIndex the start
   * @param error the exception with its stack trace, as text (as the executor printed it)
   */
  public record Failed(int startIndex, String error) implements Result {}

  /** The bytes of a recorded start. */
  public static byte[] encode(StartRecord r) {
    return write(out -> {
      out.writeByte(RECORD);
      out.writeInt(r.startIndex());
      out.writeLong(r.seed());
      StartRecord.Outcome o = r.outcome();
      writeString(out, o.status());
      writeString(out, o.criticalClass());
      writeDouble(out, o.gradientNorm());
      out.writeInt(o.activeKinks());
      StartRecord.Losses l = r.losses();
      writeDouble(out, l.objective());
      writeDouble(out, l.trainDataLoss());
      writeDouble(out, l.testLoss());
      writeDouble(out, l.trainAccuracy());
      writeDouble(out, l.testAccuracy());
      StartRecord.Curvature c = r.curvature();
      writeDouble(out, c.smallestEigenvalue());
      writeDouble(out, c.largestEigenvalue());
      out.writeInt(c.negativeCount());
      out.writeInt(c.zeroCount());
      writeDouble(out, c.indexFraction());
      StartRecord.Effort e = r.effort();
      out.writeLong(e.iterations());
      out.writeLong(e.gradientEvaluations());
      out.writeLong(e.hvpEvaluations());
      out.writeLong(e.wallMillis());
      writeDouble(out, r.parameterNorm());
      writeArray(out, r.parameters());
      writeArray(out, r.canonical());
    });
  }

  /** The bytes of a start that threw. */
  public static byte[] encodeFailure(int startIndex, String error) {
    return write(out -> {
      out.writeByte(FAILURE);
      out.writeInt(startIndex);
      writeString(out, error);
    });
  }

  /**
   * Reads what {@link #encode} or {@link #encodeFailure} wrote.
   *
   * @throws IllegalArgumentException for bytes that are not such a message (truncated, unknown tag,
   *     trailing bytes)
   */
  public static Result decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte tag = in.readByte();
      Result result;
      if (tag == FAILURE) {
        result = new Failed(in.readInt(), readString(in));
      } else if (tag == RECORD) {
        int index = in.readInt();
        long seed = in.readLong();
        var outcome = new StartRecord.Outcome(readString(in), readString(in), readDouble(in), in.readInt());
        var losses = new StartRecord.Losses(readDouble(in), readDouble(in), readDouble(in), readDouble(in), readDouble(in));
        var curvature = new StartRecord.Curvature(readDouble(in), readDouble(in), in.readInt(), in.readInt(), readDouble(in));
        var effort = new StartRecord.Effort(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        double norm = readDouble(in);
        double[] parameters = readArray(in);
        double[] canonical = readArray(in);
        result = new Recorded(new StartRecord(index, seed, outcome, losses, curvature, effort, norm, parameters, canonical));
      } else {
        throw new IllegalArgumentException("not a start result: tag " + tag);
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("not a start result: " + in.available() + " trailing bytes");
      }
      return result;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a start result: " + e, e);
    }
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by a byte array
    }
    return bytes.toByteArray();
  }

  private static void writeDouble(DataOutputStream out, double v) throws IOException {
    out.writeLong(Double.doubleToRawLongBits(v));
  }

  private static double readDouble(DataInputStream in) throws IOException {
    return Double.longBitsToDouble(in.readLong());
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < -1) throw new IOException("string length " + n);
    if (n == -1) return null;
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeArray(DataOutputStream out, double[] v) throws IOException {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(v.length);
    for (double x : v) writeDouble(out, x);
  }

  private static double[] readArray(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < -1) throw new IOException("array length " + n);
    if (n == -1) return null;
    if ((long) n * Double.BYTES > in.available()) throw new IOException("array length " + n + " past the end");
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = readDouble(in);
    return v;
  }
}

package basin.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Flat arrays as raw little-endian files with no header (numpy's {@code fromfile(path, "<f8")} and
 * {@code "<i4"}, {@code "<i1"}); shapes travel separately in {@code problems.json}.
 */
final class RawArrayFiles {

  private static final int CHUNK = 1 << 16;

  private RawArrayFiles() {}

  /** Writes {@code values} as float64 little-endian, replacing the file. */
  static void writeDoubles(Path file, double[] values) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int start = 0; start < values.length; start += CHUNK) {
        buf.clear();
        int end = Math.min(values.length, start + CHUNK);
        for (int i = start; i < end; i++) buf.putDouble(values[i]);
        buf.flip();
        while (buf.hasRemaining()) ch.write(buf);
      }
    }
  }

  /** Writes {@code values} as int32 little-endian, replacing the file. */
  static void writeInts(Path file, int[] values) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int start = 0; start < values.length; start += CHUNK) {
        buf.clear();
        int end = Math.min(values.length, start + CHUNK);
        for (int i = start; i < end; i++) buf.putInt(values[i]);
        buf.flip();
        while (buf.hasRemaining()) ch.write(buf);
      }
    }
  }

  /** Writes {@code values} as raw bytes (int8), replacing the file. */
  static void writeBytes(Path file, byte[] values) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(values);
      while (buf.hasRemaining()) ch.write(buf);
    }
  }
}

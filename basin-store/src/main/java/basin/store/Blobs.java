package basin.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Parameter vectors as BLOBs: IEEE 754 float64, little-endian, no header (8 P bytes), and their
 * checksum: CRC32C (Castagnoli, RFC 3720 appendix B.4, {@link CRC32C}) of the BLOB's bytes, an
 * unsigned 32-bit value stored as an INTEGER.
 */
final class Blobs {
  private Blobs() {}

  /** The bytes of v, or null for null. */
  static byte[] encode(double[] v) {
    if (v == null) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(v);
    return buffer.array();
  }

  /**
   * The vector of a BLOB, or null for null.
   *
   * @throws IllegalArgumentException if the length is not a multiple of 8
   */
  static double[] decode(byte[] bytes, String what) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length % 8 != 0) {
      throw new IllegalArgumentException(what + " holds " + bytes.length + " bytes: expected a multiple of 8 (float64)");
    }
    double[] v = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
    return v;
  }

  /** CRC32C of the bytes, in [0, 2^32). */
  static long crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    return crc.getValue();
  }
}

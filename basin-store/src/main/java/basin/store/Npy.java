package basin.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A k x P float64 matrix in NumPy's .npy format, version 1.0 (numpy/doc/neps/nep-0001-npy-format):
 * the magic string {@code \x93NUMPY}, the version bytes 1 and 0, the header length as a
 * little-endian uint16, then the header, an ASCII Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (k, P), }} padded with spaces and ended by
 * a newline so that the data start at a multiple of 64 bytes, then the k P values, little-endian,
 * row-major (C order).
 */
final class Npy {
  private Npy() {}

  static final int ALIGNMENT = 64;
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

  /** The header dict of a rows x columns float64 C-order matrix, unpadded. */
  static String headerDict(int rows, int columns) {
    return "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
  }

  /** Magic, version, header length and the padded header: a multiple of 64 bytes. */
  static byte[] header(int rows, int columns) {
    String dict = headerDict(rows, columns);
    int prefix = MAGIC.length + 2;
    int unpadded = prefix + dict.length() + 1;
    int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    int headerLength = total - prefix;
    ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC);
    buffer.putShort((short) headerLength);
    buffer.put(dict.getBytes(StandardCharsets.US_ASCII));
    while (buffer.position() < total - 1) {
      buffer.put((byte) ' ');
    }
    buffer.put((byte) '\n');
    return buffer.array();
  }

  /**
   * The whole file: header and data. A null row is written as NaN.
   *
   * @param rows k rows, each null or of length {@code columns}
   */
  static byte[] encode(double[][] rows, int columns) {
    byte[] header = header(rows.length, columns);
    long dataBytes = 8L * rows.length * columns;
    if (header.length + dataBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a " + rows.length + " x " + columns + " matrix is too large for one .npy buffer");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) (header.length + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(header);
    for (double[] row : rows) {
      for (int j = 0; j < columns; j++) {
        buffer.putDouble(row == null ? Double.NaN : row[j]);
      }
    }
    return buffer.array();
  }
}

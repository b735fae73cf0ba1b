package basin.data.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The content of an IDX file: an n-dimensional array of one numeric type, stored big-endian after
 * the header. Created only by {@link IdxReader}, which has checked that the payload length matches
 * the header.
 */
public final class IdxArray {
  /** IDX type codes (third magic byte). */
  public static final int UNSIGNED_BYTE = 0x08;
  public static final int SIGNED_BYTE = 0x09;
  public static final int SHORT = 0x0B;
  public static final int INT = 0x0C;
  public static final int FLOAT = 0x0D;
  public static final int DOUBLE = 0x0E;

  private final String source;
  private final int dataType;
  private final int[] dims;
  private final byte[] payload;
  private final int offset;

  IdxArray(String source, int dataType, int[] dims, byte[] payload, int offset) {
    this.source = source;
    this.dataType = dataType;
    this.dims = dims;
    this.payload = payload;
    this.offset = offset;
  }

  /** Bytes per element of an IDX type code, or 0 for an unknown code. */
  static int elementSize(int dataType) {
    switch (dataType) {
      case UNSIGNED_BYTE: case SIGNED_BYTE: return 1;
      case SHORT: return 2;
      case INT: case FLOAT: return 4;
      case DOUBLE: return 8;
      default: return 0;
    }
  }

  static String typeName(int dataType) {
    switch (dataType) {
      case UNSIGNED_BYTE: return "unsigned byte";
      case SIGNED_BYTE: return "signed byte";
      case SHORT: return "short";
      case INT: return "int";
      case FLOAT: return "float";
      case DOUBLE: return "double";
      default: return String.format("unknown type 0x%02X", dataType);
    }
  }

  /** Where the array was read from, for messages. */
  public String source() {
    return source;
  }

  public int dataType() {
    return dataType;
  }

  /** The dimensions from the header (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  /** Size of the first dimension: the number of items (images, labels). */
  public int count() {
    return dims[0];
  }

  /** Product of the dimensions after the first: elements per item (784 for 28 x 28 images). */
  public int elementsPerItem() {
    long product = 1;
    for (int i = 1; i < dims.length; i++) product *= dims[i];
    return (int) product;
  }

  /** Total number of elements. */
  public long elementCount() {
    long product = 1;
    for (int d : dims) product *= d;
    return product;
  }

  /**
   * All elements as doubles, row-major, each multiplied by {@code scale} (use 1/255 to map unsigned
   * byte pixels to [0, 1]). Non-finite float or double elements are returned as they are; the
   * caller ({@link basin.core.data.Dataset}) refuses them.
   */
  public double[] toDoubles(double scale) {
    int n = Math.toIntExact(elementCount());
    double[] out = new double[n];
    ByteBuffer buf = ByteBuffer.wrap(payload, offset, payload.length - offset).order(ByteOrder.BIG_ENDIAN);
    switch (dataType) {
      case UNSIGNED_BYTE:
        for (int i = 0; i < n; i++) out[i] = (payload[offset + i] & 0xFF) * scale;
        break;
      case SIGNED_BYTE:
        for (int i = 0; i < n; i++) out[i] = payload[offset + i] * scale;
        break;
      case SHORT:
        for (int i = 0; i < n; i++) out[i] = buf.getShort() * scale;
        break;
      case INT:
        for (int i = 0; i < n; i++) out[i] = buf.getInt() * scale;
        break;
      case FLOAT:
        for (int i = 0; i < n; i++) out[i] = buf.getFloat() * scale;
        break;
      case DOUBLE:
        for (int i = 0; i < n; i++) out[i] = buf.getDouble() * scale;
        break;
      default:
        throw new IllegalStateException("unreachable: type checked by IdxReader");
    }
    return out;
  }

  /**
   * All elements as ints; only for integer types (labels).
   *
   * @throws basin.core.InputException for a float or double array
   */
  public int[] toIntegers() {
    if (dataType == FLOAT || dataType == DOUBLE) {
      throw new basin.core.InputException(source + ": holds " + typeName(dataType) + " values, expected an integer type (labels)");
    }
    double[] values = toDoubles(1.0);
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) out[i] = (int) values[i];
    return out;
  }

  @Override
  public String toString() {
    return source + " (" + typeName(dataType) + " " + Arrays.toString(dims) + ")";
  }
}

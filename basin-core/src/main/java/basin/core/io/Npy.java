package basin.core.io;

import basin.core.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NumPy {@code .npy} files, written from the format specification
 * (numpy.org/doc/stable/reference/generated/numpy.lib.format.html), versions 1.0, 2.0 and 3.0:
 *
 * <pre>
 *   bytes 0-5   \x93NUMPY
 *   byte  6, 7  major, minor version
 *   HEADER_LEN  little-endian uint16 (1.0) or uint32 (2.0, 3.0)
 *   header      Python dict literal {'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }
 *               padded with spaces and ended by '\n' so that the data starts at a multiple of 64
 *   data        product(shape) elements of descr's type, C or Fortran order
 * </pre>
 *
 * <p>Reading accepts descr b1, i1, u1, i2, u2, i4, u4, i8, u8, f4, f8 in either byte order and
 * either memory order, and returns doubles in C order (i8 and u8 beyond 2^53 lose precision).
 * Writing produces little-endian '&lt;f8' ({@link #write}) or '&lt;i8' ({@link #writeIntegers}) in C
 * order, version 1.0 unless the header needs 2.0, through a temporary file renamed into place, so
 * a reader never sees half a file. Only finite values are read or written: a NaN or infinity in a
 * file is refused as bad input, and one passed to {@code write} as a programming error.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  private static final String SUPPORTED = "b1, i1, u1, i2, u2, i4, u4, i8, u8, f4, f8 (any byte order)";

  private Npy() {}

  /**
   * Writes {@code data} with the given shape as little-endian float64 in C order.
   *
   * @param data row-major elements (not modified), all finite
   * @param shape dimensions whose product is {@code data.length}; none for a 1-d array of all of
   *     {@code data}
   */
  public static void write(Path path, double[] data, int... shape) {
    writeDoubles(path, data, shape.length == 0 ? new int[] {data.length} : shape.clone());
  }

  /**
   * The whole .npy file in memory: header, then {@code data} as little-endian float64 in C order.
   * Unlike {@link #write}, NaN and infinities are allowed (exports use NaN for missing values).
   *
   * @param data row-major elements (not modified)
   * @param shape dimensions whose product is {@code data.length}
   */
  public static byte[] encode(double[] data, int... shape) {
    new NpyArray(shape, data); // checks that the shape fits the data
    byte[] header = header("<f8", shape);
    ByteBuffer b = ByteBuffer.allocate(header.length + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(header);
    for (double v : data) b.putDouble(v);
    return b.array();
  }

  /** Writes {@code array} (a scalar when its shape is empty) as little-endian float64 in C order. */
  public static void write(Path path, NpyArray array) {
    writeDoubles(path, array.data(), array.shape().clone());
  }

  private static void writeDoubles(Path path, double[] data, int[] shape) {
    checkFinite(data);
    new NpyArray(shape, data); // checks that the shape fits the data
    writeBytes(path, "<f8", shape, data.length, (buffer, from, to) -> {
      for (int i = from; i < to; i++) buffer.putDouble(data[i]);
    });
  }

  /** Writes int data (labels, counts) as little-endian int64 in C order; shape as in {@link #write}. */
  public static void writeIntegers(Path path, int[] data, int... shape) {
    int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
    long product = 1;
    for (int d : s) product *= d;
    if (product != data.length) {
      throw new IllegalArgumentException("shape " + NpyArray.formatShape(s) + " has " + product + " elements, data has " + data.length);
    }
    writeBytes(path, "<i8", s, data.length, (buffer, from, to) -> {
      for (int i = from; i < to; i++) buffer.putLong(data[i]);
    });
  }

  /** Reads any supported .npy file into doubles in C order. */
  public static NpyArray read(Path path) {
    return parse(SourceStreams.readAll(path), path.toString(), null);
  }

  /**
   * Reads a .npy file and checks its shape.
   *
   * @param expectedShape the shape asked for; -1 accepts any size in that dimension
   * @throws InputException when the file's shape differs from {@code expectedShape}
   */
  public static NpyArray read(Path path, int... expectedShape) {
    return parse(SourceStreams.readAll(path), path.toString(), expectedShape);
  }

  private interface ElementWriter {
    void put(ByteBuffer buffer, int from, int to);
  }

  private static void checkFinite(double[] data) {
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) throw new IllegalArgumentException("element " + i + " is " + data[i] + ", only finite values are written");
    }
  }

  private static void writeBytes(Path path, String descr, int[] shape, int count, ElementWriter elements) {
    byte[] header = header(descr, shape);
    Path parent = path.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + path.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(header);
        int chunk = 1 << 13;
        ByteBuffer buffer = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < count; from += chunk) {
          int to = Math.min(count, from + chunk);
          buffer.clear();
          elements.put(buffer, from, to);
          out.write(buffer.array(), 0, buffer.position());
        }
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing " + path + " failed", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the original failure is the one to report
        }
      }
    }
  }

  /** Magic, version, length and the padded header dictionary, ready to be followed by data. */
  static byte[] header(String descr, int[] shape) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + NpyArray.formatShape(shape) + ", }";
    int prefix = 10;
    int total = roundUp(prefix + dict.length() + 1);
    int major = 1;
    if (total - prefix > 0xFFFF) {
      prefix = 12;
      total = roundUp(prefix + dict.length() + 1);
      major = 2;
    }
    int headerLength = total - prefix;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) b.putShort((short) headerLength);
    else b.putInt(headerLength);
    b.put(dict.getBytes(StandardCharsets.US_ASCII));
    while (b.position() < total - 1) b.put((byte) ' ');
    b.put((byte) '\n');
    return b.array();
  }

  private static int roundUp(int n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  static NpyArray parse(byte[] bytes, String source, int[] expectedShape) {
    if (bytes.length == 0) throw new InputException(source + ": file is empty, expected a NumPy .npy file");
    for (int i = 0; i < MAGIC.length; i++) {
      if (i >= bytes.length || bytes[i] != MAGIC[i]) {
        throw new InputException(source + ": does not start with the .npy magic string \\x93NUMPY, expected a NumPy .npy file");
      }
    }
    if (bytes.length < 10) throw new InputException(source + ": " + bytes.length + " bytes, too short for a .npy header");
    int major = bytes[6] & 0xFF;
    int minor = bytes[7] & 0xFF;
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength;
    int prefix;
    if (major == 1) {
      headerLength = b.getShort(8) & 0xFFFF;
      prefix = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) throw new InputException(source + ": " + bytes.length + " bytes, too short for a version " + major + " .npy header");
      headerLength = b.getInt(8) & 0xFFFFFFFFL;
      prefix = 12;
    } else {
      throw new InputException(source + ": .npy format version " + major + "." + minor + ", expected 1.0, 2.0 or 3.0");
    }
    if (prefix + headerLength > bytes.length) {
      throw new InputException(source + ": header length field says " + headerLength + " bytes but only "
          + (bytes.length - prefix) + " follow (truncated file?)");
    }
    String text = new String(bytes, prefix, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = new HeaderParser(text, source).parseDict();
    Object descrValue = require(dict, "descr", source);
    Object fortranValue = require(dict, "fortran_order", source);
    Object shapeValue = require(dict, "shape", source);
    if (!(descrValue instanceof String descr)) {
      throw new InputException(source + ": header 'descr' is a structured dtype, expected a simple numeric type: " + SUPPORTED);
    }
    if (!(fortranValue instanceof Boolean fortran)) {
      throw new InputException(source + ": header 'fortran_order' is " + fortranValue + ", expected True or False");
    }
    if (!(shapeValue instanceof int[] shape)) {
      throw new InputException(source + ": header 'shape' is " + shapeValue + ", expected a tuple of sizes");
    }
    ElementType type = ElementType.of(descr, source);
    if (expectedShape != null && !shapeMatches(shape, expectedShape)) {
      throw new InputException(source + ": shape " + NpyArray.formatShape(shape) + ", expected " + NpyArray.formatShape(expectedShape));
    }
    long count = 1;
    for (int d : shape) count *= d;
    long dataBytes = bytes.length - prefix - headerLength;
    if (count * type.size != dataBytes) {
      throw new InputException(source + ": header says shape " + NpyArray.formatShape(shape) + " of '" + descr + "' = "
          + count * type.size + " data bytes, but " + dataBytes + " follow the header (truncated file?)");
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new InputException(source + ": " + count + " elements, expected at most " + (Integer.MAX_VALUE - 8) + " (one Java array)");
    }
    double[] raw = type.decode(ByteBuffer.wrap(bytes, (int) (prefix + headerLength), (int) dataBytes), (int) count);
    double[] data = fortran && shape.length > 1 ? fortranToC(raw, shape) : raw;
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new InputException(source + ": element " + index(i, shape) + " is " + data[i] + ", expected finite numbers");
      }
    }
    return new NpyArray(shape, data);
  }

  private static Object require(Map<String, Object> dict, String key, String source) {
    Object v = dict.get(key);
    if (v == null) {
      throw new InputException(source + ": header has no '" + key + "' key, expected 'descr', 'fortran_order' and 'shape'");
    }
    return v;
  }

  private static boolean shapeMatches(int[] shape, int[] expected) {
    if (shape.length != expected.length) return false;
    for (int i = 0; i < shape.length; i++) {
      if (expected[i] >= 0 && expected[i] != shape[i]) return false;
    }
    return true;
  }

  /** Multi-index of row-major position i, like "(2, 3)". */
  private static String index(int i, int[] shape) {
    int[] idx = new int[shape.length];
    for (int k = shape.length - 1; k >= 0; k--) {
      idx[k] = i % shape[k];
      i /= shape[k];
    }
    return NpyArray.formatShape(idx);
  }

  /** Reorders Fortran (column-major) data into C (row-major) order. */
  static double[] fortranToC(double[] f, int[] shape) {
    int rank = shape.length;
    long[] fStride = new long[rank];
    long s = 1;
    for (int k = 0; k < rank; k++) {
      fStride[k] = s;
      s *= shape[k];
    }
    double[] c = new double[f.length];
    int[] idx = new int[rank];
    long offset = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] = f[(int) offset];
      for (int k = rank - 1; k >= 0; k--) {
        idx[k]++;
        offset += fStride[k];
        if (idx[k] < shape[k]) break;
        offset -= fStride[k] * shape[k];
        idx[k] = 0;
      }
    }
    return c;
  }

  /** A supported simple dtype. */
  private static final class ElementType {
    final char kind;
    final int size;
    final ByteOrder order;

    private ElementType(char kind, int size, ByteOrder order) {
      this.kind = kind;
      this.size = size;
      this.order = order;
    }

    static ElementType of(String descr, String source) {
      if (descr.length() >= 3) {
        char orderChar = descr.charAt(0);
        char kind = descr.charAt(1);
        String digits = descr.substring(2);
        if (digits.matches("[1248]") && (orderChar == '<' || orderChar == '>' || orderChar == '|' || orderChar == '=')) {
          int size = Integer.parseInt(digits);
          boolean ok = (kind == 'f' && (size == 4 || size == 8)) || kind == 'i' || kind == 'u' || (kind == 'b' && size == 1);
          ByteOrder order = orderChar == '>' ? ByteOrder.BIG_ENDIAN
              : orderChar == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
          if (ok) return new ElementType(kind, size, order);
        }
      }
      throw new InputException(source + ": dtype '" + descr + "' is not supported, expected one of " + SUPPORTED);
    }

    double[] decode(ByteBuffer buffer, int count) {
      ByteBuffer b = buffer.slice().order(order);
      double[] out = new double[count];
      switch (kind) {
        case 'f':
          if (size == 8) for (int i = 0; i < count; i++) out[i] = b.getDouble();
          else for (int i = 0; i < count; i++) out[i] = b.getFloat();
          break;
        case 'b':
          for (int i = 0; i < count; i++) out[i] = b.get() != 0 ? 1.0 : 0.0;
          break;
        case 'i':
          for (int i = 0; i < count; i++) out[i] = signed(b);
          break;
        case 'u':
          for (int i = 0; i < count; i++) out[i] = unsigned(b);
          break;
        default:
          throw new IllegalStateException("unreachable: kind checked in of()");
      }
      return out;
    }

    private double signed(ByteBuffer b) {
      switch (size) {
        case 1: return b.get();
        case 2: return b.getShort();
        case 4: return b.getInt();
        default: return b.getLong();
      }
    }

    private double unsigned(ByteBuffer b) {
      switch (size) {
        case 1: return b.get() & 0xFF;
        case 2: return b.getShort() & 0xFFFF;
        case 4: return b.getInt() & 0xFFFFFFFFL;
        default:
          long v = b.getLong();
          return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
    }
  }

  /**
   * Parses the header's Python literal: a dict of string keys whose values are strings, True/False,
   * tuples of integers, or (for structured dtypes, refused later) lists.
   */
  private static final class HeaderParser {
    private final String text;
    private final String source;
    private int pos;

    HeaderParser(String text, String source) {
      this.text = text;
      this.source = source;
    }

    Map<String, Object> parseDict() {
      Map<String, Object> dict = new LinkedHashMap<>();
      skipSpace();
      expect('{');
      while (true) {
        skipSpace();
        if (peek() == '}') {
          pos++;
          break;
        }
        String key = parseString();
        skipSpace();
        expect(':');
        skipSpace();
        dict.put(key, parseValue());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else if (peek() != '}') {
          throw bad("expected ',' or '}' at offset " + pos);
        }
      }
      return dict;
    }

    private Object parseValue() {
      char c = peek();
      if (c == '\'' || c == '"') return parseString();
      if (c == '(') return parseTuple();
      if (c == '[') {
        skipBracketed();
        return List.of();
      }
      if (text.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      throw bad("unexpected value at offset " + pos);
    }

    private int[] parseTuple() {
      expect('(');
      List<Integer> sizes = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek() == ')') {
          pos++;
          break;
        }
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        if (start == pos) throw bad("expected a size in the shape tuple at offset " + pos);
        long v = Long.parseLong(text.substring(start, Math.min(pos, start + 12)));
        if (v > Integer.MAX_VALUE) throw bad("dimension " + text.substring(start, pos) + " is too large");
        sizes.add((int) v);
        if (peek() == 'L') pos++;
        skipSpace();
        if (peek() == ',') pos++;
        else if (peek() != ')') throw bad("expected ',' or ')' in the shape tuple at offset " + pos);
      }
      int[] out = new int[sizes.size()];
      for (int i = 0; i < out.length; i++) out[i] = sizes.get(i);
      return out;
    }

    private void skipBracketed() {
      int depth = 0;
      do {
        char c = peek();
        if (c == '[' || c == '(') depth++;
        if (c == ']' || c == ')') depth--;
        pos++;
      } while (depth > 0);
    }

    private String parseString() {
      char q = peek();
      if (q != '\'' && q != '"') throw bad("expected a quoted key at offset " + pos);
      int end = text.indexOf(q, pos + 1);
      if (end < 0) throw bad("unterminated string at offset " + pos);
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }

    private void expect(char c) {
      if (peek() != c) throw bad("expected '" + c + "' at offset " + pos);
      pos++;
    }

    private char peek() {
      if (pos >= text.length()) throw bad("header ends early");
      return text.charAt(pos);
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private InputException bad(String what) {
      return new InputException(source + ": header is not a valid .npy dictionary (" + what
          + "), expected {'descr': ..., 'fortran_order': ..., 'shape': (...)}");
    }
  }
}

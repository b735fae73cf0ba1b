package basin.core.io;

import static basin.core.io.InputMessages.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  /** A .npy file built by hand from the spec: magic, version 1.0, uint16 length, header text, data. */
  static byte[] handBuilt(String header, byte[] data) {
    int total = 10 + header.length() + 1;
    int padded = (total + 63) / 64 * 64;
    StringBuilder h = new StringBuilder(header);
    while (10 + h.length() + 1 < padded) h.append(' ');
    h.append('\n');
    ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) h.length());
    b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
    b.put(data);
    return b.array();
  }

  @Test
  void roundTripIsExact() {
    SplittableRandom random = new SplittableRandom(11);
    double[] data = new double[3 * 4 * 5];
    for (int i = 0; i < data.length; i++) data[i] = random.nextDouble(-1e6, 1e6) * Math.pow(10, random.nextInt(-20, 20));
    Path p = dir.resolve("x.npy");
    Npy.write(p, data, 3, 4, 5);
    NpyArray back = Npy.read(p);
    assertArrayEquals(new int[] {3, 4, 5}, back.shape());
    assertArrayEquals(data, back.data(), 0.0);
    assertEquals(back, Npy.read(p, 3, -1, 5));
  }

  @Test
  void writtenHeaderFollowsTheSpec() throws IOException {
    Path p = dir.resolve("h.npy");
    Npy.write(p, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    byte[] bytes = Files.readAllBytes(p);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
    int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
    assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"), header);
    assertTrue(header.endsWith("\n"));
    assertEquals(10 + headerLength + 6 * 8, bytes.length);
    assertEquals(6.0, ByteBuffer.wrap(bytes, 10 + headerLength + 40, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble(), 0.0);
  }

  @Test
  void oneDimensionalAndScalarShapes() throws IOException {
    Path v = dir.resolve("v.npy");
    Npy.write(v, new double[] {1, 2, 3});
    assertTrue(new String(Files.readAllBytes(v), StandardCharsets.US_ASCII).contains("'shape': (3,)"));
    Path s = dir.resolve("s.npy");
    Npy.write(s, new NpyArray(new int[0], new double[] {4.5}));
    NpyArray scalar = Npy.read(s);
    assertEquals(0, scalar.rank());
    assertArrayEquals(new double[] {4.5}, scalar.data(), 0.0);
  }

  @Test
  void integersAreWrittenAsInt64() throws IOException {
    Path p = dir.resolve("labels.npy");
    Npy.writeIntegers(p, new int[] {5, 0, -4});
    assertTrue(new String(Files.readAllBytes(p), StandardCharsets.US_ASCII).contains("'descr': '<i8'"));
    assertArrayEquals(new int[] {5, 0, -4}, Npy.read(p).toIntegers());
  }

  @Test
  void handBuiltInt32Header() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) data.putInt(i - 2);
    Path p = dir.resolve("i4.npy");
    Files.write(p, handBuilt("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", data.array()));
    NpyArray a = Npy.read(p);
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new double[] {-2, -1, 0, 1, 2, 3}, a.data(), 0.0);
  }

  @Test
  void handBuiltBigEndianFortranFloat32() throws IOException {
    // logical 2 x 3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column, big-endian
    ByteBuffer data = ByteBuffer.allocate(6 * 4).order(ByteOrder.BIG_ENDIAN);
    for (float v : new float[] {1, 4, 2, 5, 3, 6}) data.putFloat(v);
    Path p = dir.resolve("f4.npy");
    Files.write(p, handBuilt("{\"descr\": \">f4\", \"shape\": (2, 3), \"fortran_order\": True}", data.array()));
    NpyArray a = Npy.read(p);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data(), 0.0);
  }

  @Test
  void fortranOrderInThreeDimensions() {
    int[] shape = {2, 3, 4};
    double[] c = new double[24];
    double[] f = new double[24];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          double v = 100 * i + 10 * j + k;
          c[(i * 3 + j) * 4 + k] = v;
          f[i + 2 * (j + 3 * k)] = v;
        }
      }
    }
    assertArrayEquals(c, Npy.fortranToC(f, shape), 0.0);
  }

  @Test
  void shapeDifferentFromTheOneAsked() {
    Path p = dir.resolve("w.npy");
    Npy.write(p, new double[12], 3, 4);
    assertInputError(() -> Npy.read(p, 3, 5), "w.npy", "shape (3, 4), expected (3, 5)");
    assertInputError(() -> Npy.read(p, 12), "w.npy", "shape (3, 4), expected (12,)");
  }

  @Test
  void truncatedData() throws IOException {
    Path p = dir.resolve("cut.npy");
    Npy.write(p, new double[12], 3, 4);
    byte[] bytes = Files.readAllBytes(p);
    Files.write(p, Arrays.copyOf(bytes, bytes.length - 16));
    assertInputError(() -> Npy.read(p), "cut.npy", "shape (3, 4) of '<f8' = 96 data bytes, but 80 follow");
  }

  @Test
  void notAnNpyFile() throws IOException {
    Path p = dir.resolve("text.npy");
    Files.writeString(p, "hello, world");
    assertInputError(() -> Npy.read(p), "text.npy", "magic string", "expected a NumPy .npy file");
  }

  @Test
  void unsupportedDtype() throws IOException {
    Path p = dir.resolve("c16.npy");
    Files.write(p, handBuilt("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
    assertInputError(() -> Npy.read(p), "c16.npy", "dtype '<c16' is not supported");
  }

  @Test
  void malformedHeader() throws IOException {
    Path p = dir.resolve("bad.npy");
    Files.write(p, handBuilt("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", new byte[16]));
    assertInputError(() -> Npy.read(p), "bad.npy", "header is not a valid .npy dictionary");
  }

  @Test
  void missingKey() throws IOException {
    Path p = dir.resolve("nokey.npy");
    Files.write(p, handBuilt("{'descr': '<f8', 'shape': (2,), }", new byte[16]));
    assertInputError(() -> Npy.read(p), "nokey.npy", "no 'fortran_order' key");
  }

  @Test
  void nonFiniteElement() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
    data.putDouble(1).putDouble(2).putDouble(Double.NaN).putDouble(4);
    Path p = dir.resolve("nan.npy");
    Files.write(p, handBuilt("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", data.array()));
    assertInputError(() -> Npy.read(p), "nan.npy", "element (1, 0) is NaN", "expected finite numbers");
  }

  @Test
  void missingFile() {
    assertInputError(() -> Npy.read(dir.resolve("gone.npy")), "gone.npy", "no such file");
  }

  @Test
  void writeRefusesAShapeThatDoesNotFit() {
    assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new double[5], 2, 3));
    assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new double[] {Double.NaN}));
  }
}

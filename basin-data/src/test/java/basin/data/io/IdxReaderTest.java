package basin.data.io;

import static basin.data.Messages.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** IDX bytes: 0, 0, type, rank, big-endian dims, payload. */
  static byte[] idx(int type, int[] dims, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) b.putInt(d);
    b.put(payload);
    return b.array();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    }
    return bytes.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private static byte[] pixels() {
    byte[] px = new byte[3 * 2 * 2];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 20);
    px[11] = (byte) 255;
    return px;
  }

  @Test
  void imagesAndLabelsPlainAndGzipped() throws IOException {
    Path images = file("train-images-idx3-ubyte", idx(0x08, new int[] {3, 2, 2}, pixels()));
    Path labels = file("train-labels-idx1-ubyte.gz", gzip(idx(0x08, new int[] {3}, new byte[] {2, 0, 1})));
    LabeledImages li = IdxReader.readLabeledImages(images, labels, 0, "tiny");
    assertEquals(3, li.data().size());
    assertEquals(4, li.data().inputDim());
    assertEquals(2, li.squareSide());
    assertEquals(3, li.data().classCount());
    assertArrayEquals(new int[] {2, 0, 1}, li.data().labels());
    assertEquals(20.0 / 255.0, li.data().inputs()[1], 0.0);
    assertEquals(1.0, li.data().inputs()[11], 0.0);
  }

  @Test
  void otherElementTypes() throws IOException {
    ByteBuffer payload = ByteBuffer.allocate(2 * 8);
    payload.putDouble(1.5).putDouble(-2.0);
    IdxArray a = IdxReader.read(file("d.idx", idx(0x0E, new int[] {2}, payload.array())));
    assertArrayEquals(new double[] {1.5, -2.0}, a.toDoubles(1.0));
    ByteBuffer shorts = ByteBuffer.allocate(4);
    shorts.putShort((short) -300).putShort((short) 7);
    assertArrayEquals(new int[] {-300, 7}, IdxReader.read(file("s.idx", idx(0x0B, new int[] {2}, shorts.array()))).toIntegers());
  }

  @Test
  void headerDoesNotMatchLength() throws IOException {
    Path p = file("short-images-idx3-ubyte", idx(0x08, new int[] {3, 2, 2}, Arrays.copyOf(pixels(), 11)));
    assertInputError(() -> IdxReader.read(p), "short-images-idx3-ubyte", "header says 3 x 2 x 2 unsigned byte = 12 bytes", "11 bytes follow");
  }

  @Test
  void trailingBytesAlsoMismatch() throws IOException {
    Path p = file("long.idx", idx(0x08, new int[] {3, 2, 2}, Arrays.copyOf(pixels(), 13)));
    assertInputError(() -> IdxReader.read(p), "long.idx", "= 12 bytes of data, but 13 bytes follow");
  }

  @Test
  void truncatedGzip() throws IOException {
    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + i / 7);
    byte[] gz = gzip(idx(0x08, new int[] {100, 1000}, big));
    Path p = file("cut-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - 100));
    assertInputError(() -> IdxReader.read(p), "cut-images-idx3-ubyte.gz", "gzip stream is truncated");
  }

  @Test
  void labelCountMismatch() throws IOException {
    Path images = file("a-images.idx", idx(0x08, new int[] {3, 2, 2}, pixels()));
    Path labels = file("a-labels.idx", idx(0x08, new int[] {2}, new byte[] {0, 1}));
    assertInputError(() -> IdxReader.readLabeledImages(images, labels, 0, "a"), "a-labels.idx", "2 labels, expected 3", "a-images.idx");
  }

  @Test
  void labelOutOfRange() throws IOException {
    Path images = file("b-images.idx", idx(0x08, new int[] {3, 2, 2}, pixels()));
    Path labels = file("b-labels.idx", idx(0x08, new int[] {3}, new byte[] {0, 12, 1}));
    assertInputError(() -> IdxReader.readLabeledImages(images, labels, 10, "b"), "b-labels.idx", "label 12 at item 1 is out of range", "[0, 10)");
  }

  @Test
  void badMagic() throws IOException {
    Path p = file("magic.idx", new byte[] {1, 2, 8, 1, 0, 0, 0, 1, 5});
    assertInputError(() -> IdxReader.read(p), "magic.idx", "magic bytes 01 02", "expected 00 00");
  }

  @Test
  void unknownType() throws IOException {
    Path p = file("type.idx", idx(0x07, new int[] {1}, new byte[] {1}));
    assertInputError(() -> IdxReader.read(p), "type.idx", "data type 0x07");
  }

  @Test
  void emptyFile() throws IOException {
    Path p = file("empty.idx", new byte[0]);
    assertInputError(() -> IdxReader.read(p), "empty.idx", "file is empty");
  }

  @Test
  void headerCutInsideDimensions() throws IOException {
    Path p = file("dims.idx", new byte[] {0, 0, 8, 3, 0, 0, 0, 3});
    assertInputError(() -> IdxReader.read(p), "dims.idx", "declares 3 dimensions", "only 8 bytes");
  }

  @Test
  void missingFile() {
    assertInputError(() -> IdxReader.read(dir.resolve("none-idx3-ubyte")), "none-idx3-ubyte", "no such file");
  }
}

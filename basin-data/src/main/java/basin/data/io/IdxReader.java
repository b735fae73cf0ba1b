package basin.data.io;

import basin.core.io.SourceStreams;
import basin.core.InputException;
import basin.core.data.Dataset;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IDX files, the format of the MNIST distribution (LeCun, Cortes and Burges,
 * yann.lecun.com/exdb/mnist): bytes 0-1 are zero, byte 2 the type (0x08 unsigned byte, 0x09 signed
 * byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), byte 3 the number of dimensions d, then d
 * big-endian 32-bit sizes, then the elements big-endian in row-major order. Gzipped files are
 * detected from their first bytes. The payload must have exactly the length the header implies.
 */
public final class IdxReader {
  private IdxReader() {}

  public static IdxArray read(Path path) {
    return parse(SourceStreams.readAll(path), path.toString());
  }

  /** Reads a stream (gunzipped when compressed); {@code source} names it in messages. */
  public static IdxArray read(InputStream in, String source) {
    return parse(SourceStreams.readAll(in, source), source);
  }

  static IdxArray parse(byte[] bytes, String source) {
    if (bytes.length == 0) throw new InputException(source + ": file is empty, expected an IDX header");
    if (bytes.length < 4) {
      throw new InputException(source + ": " + bytes.length + " bytes, too short for an IDX header (at least 4 bytes expected)");
    }
    if (bytes[0] != 0 || bytes[1] != 0) {
      throw new InputException(String.format("%s: magic bytes %02x %02x, expected 00 00 followed by type and dimension count (not an IDX file)",
          source, bytes[0] & 0xFF, bytes[1] & 0xFF));
    }
    int type = bytes[2] & 0xFF;
    int elementSize = IdxArray.elementSize(type);
    if (elementSize == 0) {
      throw new InputException(String.format("%s: header byte 2 is data type 0x%02X, expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E", source, type));
    }
    int dimCount = bytes[3] & 0xFF;
    if (dimCount == 0) throw new InputException(source + ": header byte 3 says 0 dimensions, expected at least 1");
    int headerLength = 4 + 4 * dimCount;
    if (bytes.length < headerLength) {
      throw new InputException(source + ": header declares " + dimCount + " dimensions (" + headerLength
          + " header bytes) but the file has only " + bytes.length + " bytes");
    }
    int[] dims = new int[dimCount];
    long elements = 1;
    for (int i = 0; i < dimCount; i++) {
      int at = 4 + 4 * i;
      dims[i] = ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
      if (dims[i] <= 0) {
        throw new InputException(source + ": dimension " + i + " in the header is " + Integer.toUnsignedString(dims[i])
            + ", expected a size between 1 and " + Integer.MAX_VALUE);
      }
      elements *= dims[i];
    }
    long expected = elements * elementSize;
    long actual = bytes.length - headerLength;
    if (expected != actual) {
      throw new InputException(source + ": header says " + shape(dims) + " " + IdxArray.typeName(type) + " = " + expected
          + " bytes of data, but " + actual + " bytes follow the header (file truncated or header wrong)");
    }
    return new IdxArray(source, type, dims, bytes, headerLength);
  }

  static String shape(int[] dims) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < dims.length; i++) s.append(i == 0 ? "" : " x ").append(dims[i]);
    return s.toString();
  }

  /**
   * Reads an images file and its labels file into a classification data set. Unsigned byte pixels
   * are divided by 255 so that inputs lie in [0, 1]; other types are taken as they are.
   *
   * @param classCount 0 to use max label + 1 classes (labels are 0-based class indices), or k &gt;= 2
   *     to require every label in [0, k)
   * @param name name of the data set
   */
  public static LabeledImages readLabeledImages(Path images, Path labels, int classCount, String name) {
    return labeledImages(read(images), read(labels), classCount, name);
  }

  /** As {@link #readLabeledImages(Path, Path, int, String)}, from arrays already read. */
  public static LabeledImages labeledImages(IdxArray images, IdxArray labels, int classCount, String name) {
    int[] imageDims = images.dims();
    if (imageDims.length < 2) {
      throw new InputException(images.source() + ": has " + imageDims.length
          + " dimension, expected at least 2 (count, then the item shape), as in an images file");
    }
    if (labels.dims().length != 1) {
      throw new InputException(labels.source() + ": has shape " + shape(labels.dims()) + ", expected one dimension (a labels file)");
    }
    if (labels.count() != images.count()) {
      throw new InputException(labels.source() + ": " + labels.count() + " labels, expected " + images.count()
          + " to match the images in " + images.source());
    }
    int[] y = labels.toIntegers();
    int max = -1;
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || (classCount > 0 && y[i] >= classCount)) {
        throw new InputException(labels.source() + ": label " + y[i] + " at item " + i + " is out of range, expected a class index in [0, "
            + (classCount > 0 ? classCount : "k") + ")");
      }
      max = Math.max(max, y[i]);
    }
    int k = classCount > 0 ? classCount : max + 1;
    if (k < 2) {
      throw new InputException(labels.source() + ": every label is " + max + ", expected at least 2 classes");
    }
    double scale = images.dataType() == IdxArray.UNSIGNED_BYTE ? 1.0 / 255.0 : 1.0;
    double[] x = images.toDoubles(scale);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new InputException(images.source() + ": element " + (i % images.elementsPerItem()) + " of item " + (i / images.elementsPerItem())
            + " is " + x[i] + ", expected a finite number");
      }
    }
    int rows = imageDims.length == 2 ? 1 : imageDims[1];
    int cols = imageDims.length == 2 ? imageDims[1] : images.elementsPerItem() / rows;
    List<String> classNames = new ArrayList<>(k);
    for (int c = 0; c < k; c++) classNames.add(Integer.toString(c));
    Dataset data = Dataset.classification(name, images.count(), images.elementsPerItem(), x, k, y);
    return new LabeledImages(data, rows, cols, classNames);
  }
}

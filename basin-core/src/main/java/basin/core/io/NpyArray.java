package basin.core.io;

import java.util.Arrays;

/**
 * An n-dimensional array of doubles in C (row-major) order, as read from or written to a NumPy
 * {@code .npy} file.
 *
 * <p>The arrays are not copied: treat them as immutable once the record is made.
 *
 * @param shape the dimensions; empty for a scalar (which then has one element)
 * @param data the elements in row-major order, length = product of {@code shape}
 */
public record NpyArray(int[] shape, double[] data) {

  public NpyArray {
    long product = 1;
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      product *= d;
    }
    if (product != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + product + " elements, data has " + data.length);
    }
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /**
   * The elements as ints, for label arrays.
   *
   * @throws IllegalStateException when an element is not an integer that fits in an int
   */
  public int[] toIntegers() {
    int[] out = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      double v = data[i];
      if (!(v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)) {
        throw new IllegalStateException("element " + i + " is " + v + ", not an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** The shape in NumPy's notation: "(3, 4)", "(5,)" or "()". */
  public static String formatShape(int[] shape) {
    if (shape.length == 1) return "(" + shape[0] + ",)";
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) s.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "*" : Integer.toString(shape[i]));
    return s.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NpyArray" + formatShape(shape);
  }
}

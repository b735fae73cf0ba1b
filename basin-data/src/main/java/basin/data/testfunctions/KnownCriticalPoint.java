package basin.data.testfunctions;

import java.util.Arrays;
import java.util.Objects;

/**
 * A critical point of a test function, with what the analysis of it should find.
 *
 * @param point the location (copied in and out)
 * @param value f(point)
 * @param index the number of negative eigenvalues of the Hessian at {@code point}
 * @param kind {@link Kind#MINIMUM} for index 0, {@link Kind#MAXIMUM} for index = dimension,
 *     {@link Kind#SADDLE} otherwise (degenerate points, with zero Hessian eigenvalues, are classified
 *     by their index all the same)
 * @param global whether {@code value} is the global minimum of the function
 */
public record KnownCriticalPoint(double[] point, double value, int index, Kind kind, boolean global) {

  /** The type of a critical point, by its Hessian index. */
  public enum Kind { MINIMUM, SADDLE, MAXIMUM }

  public KnownCriticalPoint {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(kind, "kind");
    point = point.clone();
    if (index < 0 || index > point.length) {
      throw new IllegalArgumentException("index " + index + " outside [0, " + point.length + "]");
    }
    if (kind != kindOf(index, point.length)) {
      throw new IllegalArgumentException("a point of index " + index + " in dimension " + point.length + " is a " + kindOf(index, point.length)
          + ", not a " + kind);
    }
    if (global && kind != Kind.MINIMUM) throw new IllegalArgumentException("a global minimum needs index 0, got " + index);
  }

  /** The point with its kind derived from the index. */
  public static KnownCriticalPoint of(double[] point, double value, int index, boolean global) {
    return new KnownCriticalPoint(point, value, index, kindOf(index, point.length), global);
  }

  /** MINIMUM for index 0, MAXIMUM for index = dimension &gt; 0, SADDLE otherwise. */
  public static Kind kindOf(int index, int dimension) {
    return index == 0 ? Kind.MINIMUM : index == dimension ? Kind.MAXIMUM : Kind.SADDLE;
  }

  /** The location (a copy). */
  @Override
  public double[] point() {
    return point.clone();
  }

  public int dimension() {
    return point.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnownCriticalPoint other && Arrays.equals(point, other.point) && Double.compare(value, other.value) == 0
        && index == other.index && kind == other.kind && global == other.global;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(point), value, index, kind, global);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + (global ? " (global)" : "") + " at " + Arrays.toString(point) + ", value "
        + value + ", index " + index;
  }
}

package basin.data;

import java.util.Locale;
import java.util.Objects;

/**
 * What is known about the global minimum of a problem's training loss: its value and why it is
 * known, or that it is not known.
 *
 * <p>The "gap" of a minimum is its loss minus {@link #value()}; analyses that need a reference when
 * none is known use the best minimum found and label it as such (that is the landscape module's
 * job, not this record's).
 *
 * @param basis why the value is known
 * @param value the global minimum of the unregularized training loss; NaN when {@code basis} is
 *     {@link Basis#UNKNOWN}
 * @param detail one sentence: the argument or its condition (for example the model width it needs)
 */
public record GlobalReference(Basis basis, double value, String detail) {

  /** Why the global minimum is known. */
  public enum Basis {
    /** Some model in the class fits the data exactly: the loss infimum is 0 (for cross-entropy, approached but not attained). */
    REALIZABLE,
    /** A closed-form expression, for example the eigenvalues of a covariance for a linear autoencoder. */
    CLOSED_FORM,
    /** The objective is convex, so its one minimum value (found by a solver) is global. */
    CONVEX,
    /** Nothing is known; use the best minimum found and say so. */
    UNKNOWN
  }

  public GlobalReference {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(detail, "detail");
    if (basis == Basis.UNKNOWN) {
      if (!Double.isNaN(value)) throw new IllegalArgumentException("an unknown reference has value NaN, got " + value);
    } else if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a known reference needs a finite value, got " + value);
    }
  }

  /** Loss infimum 0 because the data can be fitted exactly under the condition in {@code detail}. */
  public static GlobalReference realizable(String detail) {
    return new GlobalReference(Basis.REALIZABLE, 0.0, detail);
  }

  public static GlobalReference closedForm(double value, String detail) {
    return new GlobalReference(Basis.CLOSED_FORM, value, detail);
  }

  public static GlobalReference convex(double value, String detail) {
    return new GlobalReference(Basis.CONVEX, value, detail);
  }

  public static GlobalReference unknown(String detail) {
    return new GlobalReference(Basis.UNKNOWN, Double.NaN, detail);
  }

  public boolean isKnown() {
    return basis != Basis.UNKNOWN;
  }

  @Override
  public String toString() {
    return isKnown() ? basis.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + value + " (" + detail + ")"
        : "unknown (" + detail + ")";
  }
}

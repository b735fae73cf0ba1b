package basin.store;

import basin.store.StartRecord.Curvature;
import basin.store.StartRecord.Losses;
import java.util.Arrays;
import java.util.Objects;

/**
 * One distinct minimum: a row of the catalog's {@code minima} table plus its rows in
 * {@code minimum_members}. Its numbers are those of its representative start.
 *
 * <p>NaN numbers and {@link StartRecord#UNKNOWN_COUNT} are stored as NULL, as in
 * {@link StartRecord}. The member list is copied and sorted ascending by the constructor, so two
 * records built from the same members in any order are equal; the parameter arrays are owned by the
 * record (not copied; do not modify). The columns are described once, in
 * {@code CatalogTables.MINIMA}.
 *
 * @param minimumId id of the minimum, &gt;= 0; the key
 * @param representativeStart the start whose end point represents the minimum; one of the members
 * @param members start indices that ended in this minimum, ascending, without repeats, at least one
 * @param losses the representative's losses and accuracies
 * @param gradientNorm the representative's gradient norm (a Clarke residual for a point on kinks)
 * @param curvature the representative's Hessian spectrum
 * @param nearestDistance distance modulo the network's symmetries from this minimum's representative
 *     to the nearest other distinct minimum's representative, min over j != i of d(w_i, w_j), with d
 *     the distance the minima were clustered by; &gt;= 0, or NaN when the minimum is alone (or no
 *     distance to another could be computed)
 * @param parameterNorm ||w||_2 of the representative's parameters (NaN when there are none)
 * @param parameters the representative's parameters, length P, or null
 * @param canonical their canonical form, or null
 */
public record MinimumRecord(int minimumId, int representativeStart, int[] members, Losses losses, double gradientNorm,
    Curvature curvature, double nearestDistance, double parameterNorm, double[] parameters, double[] canonical) {

  public MinimumRecord {
    if (minimumId < 0) {
      throw new IllegalArgumentException("minimumId = " + minimumId + ": expected >= 0");
    }
    Objects.requireNonNull(losses, "losses");
    Objects.requireNonNull(curvature, "curvature");
    Objects.requireNonNull(members, "members");
    members = members.clone();
    Arrays.sort(members);
    if (members.length == 0) {
      throw new IllegalArgumentException("minimum " + minimumId + " has no members: expected at least one start");
    }
    for (int i = 1; i < members.length; i++) {
      if (members[i] == members[i - 1]) {
        throw new IllegalArgumentException("minimum " + minimumId + " lists start " + members[i] + " twice");
      }
    }
    if (Arrays.binarySearch(members, representativeStart) < 0) {
      throw new IllegalArgumentException("minimum " + minimumId + ": representative start " + representativeStart
          + " is not among its " + members.length + " members");
    }
    if (nearestDistance < 0) {
      throw new IllegalArgumentException("minimum " + minimumId + ": nearestDistance = " + nearestDistance
          + ": expected >= 0, or NaN when the minimum is alone");
    }
  }

  /** A minimum whose {@link #parameterNorm} is computed from {@code parameters}. */
  public MinimumRecord(int minimumId, int representativeStart, int[] members, Losses losses, double gradientNorm,
      Curvature curvature, double nearestDistance, double[] parameters, double[] canonical) {
    this(minimumId, representativeStart, members, losses, gradientNorm, curvature, nearestDistance,
        StartRecord.norm(parameters), parameters, canonical);
  }

  /**
   * The minimum represented by start {@code r}: its losses, gradient norm, curvature, parameters and
   * canonical form.
   */
  public static MinimumRecord of(int minimumId, StartRecord r, int[] members, double nearestDistance) {
    return new MinimumRecord(minimumId, r.startIndex(), members, r.losses(), r.gradientNorm(), r.curvature(),
        nearestDistance, r.parameterNorm(), r.parameters(), r.canonical());
  }

  /** How many starts ended in this minimum: the basin's weight. */
  public int hitCount() {
    return members.length;
  }

  /** The training objective including L2: an alias of {@code losses().objective()}. */
  public double trainLoss() {
    return losses.objective();
  }

  /** The test loss (no L2 term). */
  public double testLoss() {
    return losses.testLoss();
  }

  /** The test accuracy, NaN when unknown. */
  public double testAccuracy() {
    return losses.testAccuracy();
  }

  /** See {@link Curvature#zeroCount()}. */
  public int zeroCount() {
    return curvature.zeroCount();
  }

  /** See {@link Curvature#smallestEigenvalue()}. */
  public double smallestEigenvalue() {
    return curvature.smallestEigenvalue();
  }

  /** See {@link Curvature#largestEigenvalue()}. */
  public double largestEigenvalue() {
    return curvature.largestEigenvalue();
  }

  /** Equal field by field; doubles as by {@link Double#compare}, arrays by content. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MinimumRecord r)) {
      return false;
    }
    return minimumId == r.minimumId && representativeStart == r.representativeStart
        && Arrays.equals(members, r.members) && losses.equals(r.losses)
        && Double.compare(gradientNorm, r.gradientNorm) == 0 && curvature.equals(r.curvature)
        && Double.compare(nearestDistance, r.nearestDistance) == 0
        && Double.compare(parameterNorm, r.parameterNorm) == 0
        && Arrays.equals(parameters, r.parameters) && Arrays.equals(canonical, r.canonical);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(minimumId, representativeStart, losses, gradientNorm, curvature, nearestDistance, parameterNorm);
    return 31 * (31 * (31 * h + Arrays.hashCode(members)) + Arrays.hashCode(parameters)) + Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return "MinimumRecord[minimumId=" + minimumId + ", representativeStart=" + representativeStart + ", hitCount="
        + members.length + ", " + losses + ", gradientNorm=" + gradientNorm + ", " + curvature + ", nearestDistance="
        + nearestDistance + ", parameterNorm=" + parameterNorm + ", P=" + (parameters == null ? "null" : parameters.length)
        + "]";
  }
}

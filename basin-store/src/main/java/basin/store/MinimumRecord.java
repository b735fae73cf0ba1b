package basin.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One distinct minimum: a row of the catalog's {@code minima} table plus its rows in
 * {@code minimum_members}.
 *
 * <p>NaN numbers and {@link StartRecord#UNKNOWN_COUNT} are stored as NULL, as in
 * {@link StartRecord}. The member list is copied and sorted ascending by the constructor, so two
 * records built from the same members in any order are equal; the parameter arrays are owned by the
 * record (not copied; do not modify).
 *
 * @param minimumId id of the minimum, &gt;= 0; the key
 * @param representativeStart the start whose end point represents the minimum; one of the members
 * @param members start indices that ended in this minimum, ascending, without repeats, at least one
 * @param trainLoss training objective at the representative
 * @param testLoss test loss at the representative
 * @param trainAccuracy training accuracy, NaN when not a classifier
 * @param testAccuracy test accuracy, NaN when not a classifier
 * @param gradientNorm gradient norm at the representative
 * @param smallestEigenvalue smallest Hessian eigenvalue
 * @param largestEigenvalue largest Hessian eigenvalue (sharpness)
 * @param zeroCount number of (near-)zero Hessian eigenvalues, or {@link StartRecord#UNKNOWN_COUNT}
 * @param nearestDistance distance modulo the network's symmetries from this minimum's representative
 *     to the nearest other distinct minimum's representative, min over j != i of d(w_i, w_j), with d
 *     the distance the minima were clustered by; &gt;= 0, or NaN when the minimum is alone (or no
 *     distance to another could be computed)
 * @param parameters the representative's parameters, length P, or null
 * @param canonical their canonical form, or null
 */
public record MinimumRecord(
    int minimumId,
    int representativeStart,
    int[] members,
    double trainLoss,
    double testLoss,
    double trainAccuracy,
    double testAccuracy,
    double gradientNorm,
    double smallestEigenvalue,
    double largestEigenvalue,
    int zeroCount,
    double nearestDistance,
    double[] parameters,
    double[] canonical) {

  public MinimumRecord {
    if (minimumId < 0) {
      throw new IllegalArgumentException("minimumId = " + minimumId + ": expected >= 0");
    }
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
    if (zeroCount < StartRecord.UNKNOWN_COUNT) {
      throw new IllegalArgumentException("minimum " + minimumId + ": zeroCount = " + zeroCount
          + ": expected >= 0 or UNKNOWN_COUNT (-1)");
    }
    if (nearestDistance < 0) {
      throw new IllegalArgumentException("minimum " + minimumId + ": nearestDistance = " + nearestDistance
          + ": expected >= 0, or NaN when the minimum is alone");
    }
  }

  /** How many starts ended in this minimum: the basin's weight. */
  public int hitCount() {
    return members.length;
  }

  /** Equal field by field; doubles as by {@link Double#compare}, arrays by content. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MinimumRecord)) {
      return false;
    }
    MinimumRecord r = (MinimumRecord) o;
    return minimumId == r.minimumId && representativeStart == r.representativeStart
        && Arrays.equals(members, r.members)
        && Double.compare(trainLoss, r.trainLoss) == 0 && Double.compare(testLoss, r.testLoss) == 0
        && Double.compare(trainAccuracy, r.trainAccuracy) == 0 && Double.compare(testAccuracy, r.testAccuracy) == 0
        && Double.compare(gradientNorm, r.gradientNorm) == 0
        && Double.compare(smallestEigenvalue, r.smallestEigenvalue) == 0
        && Double.compare(largestEigenvalue, r.largestEigenvalue) == 0
        && zeroCount == r.zeroCount
        && Double.compare(nearestDistance, r.nearestDistance) == 0
        && Arrays.equals(parameters, r.parameters) && Arrays.equals(canonical, r.canonical);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(minimumId, representativeStart, trainLoss, testLoss, trainAccuracy, testAccuracy,
        gradientNorm, smallestEigenvalue, largestEigenvalue, zeroCount, nearestDistance);
    return 31 * (31 * (31 * h + Arrays.hashCode(members)) + Arrays.hashCode(parameters)) + Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return "MinimumRecord[minimumId=" + minimumId + ", representativeStart=" + representativeStart + ", hitCount="
        + members.length + ", trainLoss=" + trainLoss + ", testLoss=" + testLoss + ", smallestEigenvalue="
        + smallestEigenvalue + ", largestEigenvalue=" + largestEigenvalue + ", nearestDistance=" + nearestDistance + ", P="
        + (parameters == null ? "null" : parameters.length) + "]";
  }
}

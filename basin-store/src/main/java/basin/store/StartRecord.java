package basin.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of one start: one row of the catalog's {@code starts} table.
 *
 * <p>Unknown numbers are NaN (doubles) or {@link #UNKNOWN_COUNT} (the Hessian counts), stored as SQL
 * NULL; for example the accuracies of a regression model, or the eigenvalues of a start whose
 * critical point was not certified. Doubles are stored as IEEE 754 float64 and read back bit for
 * bit, except that -0.0 reads back as 0.0 (SQLite stores integral reals as integers). Arrays are
 * owned by the record: neither copied on the way in nor on the way out; do not modify them.
 *
 * @param startIndex index of the start, &gt;= 0; the key
 * @param seed the start's own seed, derived from (master seed, start index)
 * @param status how the run ended, for example an optimizer status name; not blank
 * @param criticalClass critical-point class from certification (minimum, saddle, degenerate, ...),
 *     or null when not certified; column {@code class}
 * @param trainLoss training objective at the end point
 * @param testLoss test loss at the end point
 * @param trainAccuracy training accuracy, NaN when not a classifier
 * @param testAccuracy test accuracy, NaN when not a classifier
 * @param gradientNorm Euclidean norm of the full gradient at the end point; for a point certified on
 *     ReLU kinks ({@code activeKinks > 0}) the Clarke stationarity residual ||(I - P_U) g||
 *     (docs/kinks.md)
 * @param iterations optimizer iterations
 * @param gradientEvaluations full-gradient evaluations
 * @param hvpEvaluations Hessian-vector products (optimizer and certification)
 * @param smallestEigenvalue smallest Hessian eigenvalue at the end point
 * @param largestEigenvalue largest Hessian eigenvalue at the end point
 * @param negativeCount number of negative Hessian eigenvalues, or {@link #UNKNOWN_COUNT}
 * @param zeroCount number of (near-)zero Hessian eigenvalues, or {@link #UNKNOWN_COUNT}
 * @param indexFraction negative eigenvalues / P
 * @param activeKinks (example, unit) pairs whose first-layer pre-activation is exactly zero at the
 *     certified point and whose kinks the certificate accounts for: 0 for a smooth certificate,
 *     &gt; 0 for a point certified on ReLU kinks (docs/kinks.md), {@link #UNKNOWN_COUNT} when there
 *     is no certificate (NOT_CONVERGED, DIVERGED) or the row predates schema version 2; column
 *     {@code active_kinks}
 * @param wallMillis wall-clock time of the start, milliseconds (a timing: left out of results-only
 *     exports)
 * @param parameters end point, length P, or null
 * @param canonical canonical form of the end point (symmetry representative), or null
 */
public record StartRecord(
    int startIndex,
    long seed,
    String status,
    String criticalClass,
    double trainLoss,
    double testLoss,
    double trainAccuracy,
    double testAccuracy,
    double gradientNorm,
    long iterations,
    long gradientEvaluations,
    long hvpEvaluations,
    double smallestEigenvalue,
    double largestEigenvalue,
    int negativeCount,
    int zeroCount,
    double indexFraction,
    int activeKinks,
    long wallMillis,
    double[] parameters,
    double[] canonical) {

  /** A Hessian count that was not computed; stored as NULL. */
  public static final int UNKNOWN_COUNT = -1;

  public StartRecord {
    if (startIndex < 0) {
      throw new IllegalArgumentException("startIndex = " + startIndex + ": expected >= 0");
    }
    Objects.requireNonNull(status, "status");
    if (status.isBlank()) {
      throw new IllegalArgumentException("start " + startIndex + ": status is blank");
    }
    if (negativeCount < UNKNOWN_COUNT || zeroCount < UNKNOWN_COUNT || activeKinks < UNKNOWN_COUNT) {
      throw new IllegalArgumentException("start " + startIndex + ": negativeCount = " + negativeCount
          + ", zeroCount = " + zeroCount + ", activeKinks = " + activeKinks
          + ": expected counts >= 0 or UNKNOWN_COUNT (-1)");
    }
    if (iterations < 0 || gradientEvaluations < 0 || hvpEvaluations < 0) {
      throw new IllegalArgumentException("start " + startIndex + ": negative evaluation count");
    }
  }

  /** Equal field by field; doubles as by {@link Double#compare} (NaN equals NaN), arrays by content. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StartRecord)) {
      return false;
    }
    StartRecord r = (StartRecord) o;
    return startIndex == r.startIndex && seed == r.seed && status.equals(r.status)
        && Objects.equals(criticalClass, r.criticalClass)
        && Double.compare(trainLoss, r.trainLoss) == 0 && Double.compare(testLoss, r.testLoss) == 0
        && Double.compare(trainAccuracy, r.trainAccuracy) == 0 && Double.compare(testAccuracy, r.testAccuracy) == 0
        && Double.compare(gradientNorm, r.gradientNorm) == 0
        && iterations == r.iterations && gradientEvaluations == r.gradientEvaluations
        && hvpEvaluations == r.hvpEvaluations
        && Double.compare(smallestEigenvalue, r.smallestEigenvalue) == 0
        && Double.compare(largestEigenvalue, r.largestEigenvalue) == 0
        && negativeCount == r.negativeCount && zeroCount == r.zeroCount
        && Double.compare(indexFraction, r.indexFraction) == 0 && activeKinks == r.activeKinks
        && wallMillis == r.wallMillis
        && Arrays.equals(parameters, r.parameters) && Arrays.equals(canonical, r.canonical);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(startIndex, seed, status, criticalClass, trainLoss, testLoss, trainAccuracy, testAccuracy,
        gradientNorm, iterations, gradientEvaluations, hvpEvaluations, smallestEigenvalue, largestEigenvalue,
        negativeCount, zeroCount, indexFraction, activeKinks, wallMillis);
    return 31 * (31 * h + Arrays.hashCode(parameters)) + Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return "StartRecord[startIndex=" + startIndex + ", seed=" + seed + ", status=" + status + ", class="
        + criticalClass + ", trainLoss=" + trainLoss + ", testLoss=" + testLoss + ", gradientNorm=" + gradientNorm
        + ", iterations=" + iterations + ", smallestEigenvalue=" + smallestEigenvalue + ", negativeCount="
        + negativeCount + ", activeKinks=" + activeKinks + ", wallMillis=" + wallMillis + ", P=" + (parameters == null ? "null" : parameters.length)
        + ", canonicalP=" + (canonical == null ? "null" : canonical.length) + "]";
  }
}

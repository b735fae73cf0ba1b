package basin.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of one start: one row of the catalog's {@code starts} table, grouped into named parts.
 *
 * <p>Unknown numbers are NaN (doubles) or {@link #UNKNOWN_COUNT} (counts), stored as SQL NULL; for
 * example the accuracies of a regression model, or the eigenvalues of a start whose critical point
 * was not certified. Doubles are stored as IEEE 754 float64 and read back bit for bit, except that
 * -0.0 reads back as 0.0 (SQLite stores integral reals as integers). Arrays are owned by the record:
 * neither copied on the way in nor on the way out; do not modify them. The columns are described
 * once, in {@code CatalogTables.STARTS} (docs/catalog.md lists them).
 *
 * @param startIndex index of the start, &gt;= 0; the key
 * @param seed the start's own seed, derived from (master seed, start index)
 * @param outcome how the run ended and what the certified point is
 * @param losses losses and accuracies at the certified point
 * @param curvature the Hessian spectrum at the certified point
 * @param effort iterations, evaluations and wall time
 * @param parameterNorm ||w||_2 of the parameters, derived from them (NaN when there are none);
 *     stored so that scans without vectors ({@link Catalog#starts(boolean)}) still have it
 * @param parameters end point, length P, or null
 * @param canonical canonical form of the end point (symmetry representative), or null
 */
public record StartRecord(int startIndex, long seed, Outcome outcome, Losses losses, Curvature curvature, Effort effort,
    double parameterNorm, double[] parameters, double[] canonical) {

  /** A count that was not computed (Hessian counts, kinks); stored as NULL. */
  public static final int UNKNOWN_COUNT = -1;

  /**
   * How a start ended.
   *
   * @param status how the run ended, for example an optimizer status name; not blank
   * @param criticalClass critical-point class from certification (STRICT_MINIMUM, SADDLE, ...), or
   *     null when not certified; column {@code class}
   * @param gradientNorm Euclidean norm of the full gradient of the objective at the point; for a
   *     point certified on ReLU kinks ({@code activeKinks > 0}) the Clarke stationarity residual
   *     ||(I - P_U) g|| (docs/kinks.md)
   * @param activeKinks (example, unit) pairs whose first-layer pre-activation is exactly zero at the
   *     certified point: 0 for a smooth certificate, &gt; 0 on kinks, {@link #UNKNOWN_COUNT} without
   *     a certificate or in rows written before schema version 2
   */
  public record Outcome(String status, String criticalClass, double gradientNorm, int activeKinks) {
    public Outcome {
      Objects.requireNonNull(status, "status");
      if (status.isBlank()) {
        throw new IllegalArgumentException("status is blank");
      }
      if (activeKinks < UNKNOWN_COUNT) {
        throw new IllegalArgumentException("activeKinks = " + activeKinks + ": expected >= 0 or UNKNOWN_COUNT (-1)");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Outcome r && status.equals(r.status) && Objects.equals(criticalClass, r.criticalClass)
          && Double.compare(gradientNorm, r.gradientNorm) == 0 && activeKinks == r.activeKinks;
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, criticalClass, gradientNorm, activeKinks);
    }
  }

  /**
   * Losses and accuracies at a point. With L2 weight lambda and parameters w, objective =
   * trainDataLoss + (lambda / 2) ||w||^2 (the L2 convention of the training objective); for lambda
   * = 0 the two are equal. The test loss has no L2 term, so {@code testLoss - trainDataLoss} is the
   * generalization gap.
   *
   * @param objective the training objective including the L2 term (what the optimizer minimized);
   *     column {@code objective} (named {@code train_loss} before schema version 3)
   * @param trainDataLoss the training data loss without the L2 term; NaN when unknown (rows migrated
   *     from schema version 2 of a study with L2 &gt; 0)
   * @param testLoss the test data loss (no L2 term), NaN without a test set
   * @param trainAccuracy training accuracy, NaN when not a classifier
   * @param testAccuracy test accuracy, NaN when not a classifier or without a test set
   */
  public record Losses(double objective, double trainDataLoss, double testLoss, double trainAccuracy,
      double testAccuracy) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Losses r && Double.compare(objective, r.objective) == 0
          && Double.compare(trainDataLoss, r.trainDataLoss) == 0 && Double.compare(testLoss, r.testLoss) == 0
          && Double.compare(trainAccuracy, r.trainAccuracy) == 0 && Double.compare(testAccuracy, r.testAccuracy) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(objective, trainDataLoss, testLoss, trainAccuracy, testAccuracy);
    }
  }

  /**
   * The Hessian spectrum at a point (on the kink manifold for points on kinks, docs/kinks.md). NaN
   * and {@link #UNKNOWN_COUNT} when not computed.
   *
   * @param smallestEigenvalue smallest Hessian eigenvalue
   * @param largestEigenvalue largest Hessian eigenvalue (sharpness)
   * @param negativeCount number of negative eigenvalues (plus concave kinks), or UNKNOWN_COUNT
   * @param zeroCount number of (near-)zero eigenvalues, or UNKNOWN_COUNT
   * @param indexFraction negativeCount / P
   */
  public record Curvature(double smallestEigenvalue, double largestEigenvalue, int negativeCount, int zeroCount,
      double indexFraction) {
    /** Nothing computed. */
    public static final Curvature UNKNOWN = new Curvature(Double.NaN, Double.NaN, UNKNOWN_COUNT, UNKNOWN_COUNT, Double.NaN);

    public Curvature {
      if (negativeCount < UNKNOWN_COUNT || zeroCount < UNKNOWN_COUNT) {
        throw new IllegalArgumentException("negativeCount = " + negativeCount + ", zeroCount = " + zeroCount
            + ": expected counts >= 0 or UNKNOWN_COUNT (-1)");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Curvature r && Double.compare(smallestEigenvalue, r.smallestEigenvalue) == 0
          && Double.compare(largestEigenvalue, r.largestEigenvalue) == 0 && negativeCount == r.negativeCount
          && zeroCount == r.zeroCount && Double.compare(indexFraction, r.indexFraction) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(smallestEigenvalue, largestEigenvalue, negativeCount, zeroCount, indexFraction);
    }
  }

  /**
   * What a start cost.
   *
   * @param iterations optimizer iterations
   * @param gradientEvaluations full-gradient evaluations
   * @param hvpEvaluations Hessian-vector products (optimizer and certification)
   * @param wallMillis wall-clock time of the start, milliseconds (a timing: left out of results-only
   *     exports)
   */
  public record Effort(long iterations, long gradientEvaluations, long hvpEvaluations, long wallMillis) {
    public Effort {
      if (iterations < 0 || gradientEvaluations < 0 || hvpEvaluations < 0) {
        throw new IllegalArgumentException("iterations = " + iterations + ", gradientEvaluations = "
            + gradientEvaluations + ", hvpEvaluations = " + hvpEvaluations + ": expected >= 0");
      }
    }
  }

  public StartRecord {
    if (startIndex < 0) {
      throw new IllegalArgumentException("startIndex = " + startIndex + ": expected >= 0");
    }
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(losses, "losses");
    Objects.requireNonNull(curvature, "curvature");
    Objects.requireNonNull(effort, "effort");
  }

  /** A start whose {@link #parameterNorm} is computed from {@code parameters}. */
  public StartRecord(int startIndex, long seed, Outcome outcome, Losses losses, Curvature curvature, Effort effort,
      double[] parameters, double[] canonical) {
    this(startIndex, seed, outcome, losses, curvature, effort, norm(parameters), parameters, canonical);
  }

  /**
   * ||v||_2 = sqrt(sum v_i^2), summed in index order (so a stored norm is reproducible bit for bit);
   * NaN for null; NaN or infinite when an entry is.
   */
  public static double norm(double[] v) {
    if (v == null) {
      return Double.NaN;
    }
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** This record without its vectors (what {@code starts(false)} reads). */
  public StartRecord withoutVectors() {
    return new StartRecord(startIndex, seed, outcome, losses, curvature, effort, parameterNorm, null, null);
  }

  /** The optimizer status. */
  public String status() {
    return outcome.status();
  }

  /** The critical-point class, or null. */
  public String criticalClass() {
    return outcome.criticalClass();
  }

  /** See {@link Outcome#gradientNorm()}. */
  public double gradientNorm() {
    return outcome.gradientNorm();
  }

  /** See {@link Outcome#activeKinks()}. */
  public int activeKinks() {
    return outcome.activeKinks();
  }

  /** The training objective including L2: an alias of {@code losses().objective()}. */
  public double trainLoss() {
    return losses.objective();
  }

  /** The test loss (no L2 term). */
  public double testLoss() {
    return losses.testLoss();
  }

  /** See {@link Curvature#smallestEigenvalue()}. */
  public double smallestEigenvalue() {
    return curvature.smallestEigenvalue();
  }

  /** See {@link Curvature#largestEigenvalue()}. */
  public double largestEigenvalue() {
    return curvature.largestEigenvalue();
  }

  /** See {@link Curvature#negativeCount()}. */
  public int negativeCount() {
    return curvature.negativeCount();
  }

  /** See {@link Curvature#zeroCount()}. */
  public int zeroCount() {
    return curvature.zeroCount();
  }

  /** See {@link Effort#iterations()}. */
  public long iterations() {
    return effort.iterations();
  }

  /** Equal part by part; doubles as by {@link Double#compare} (NaN equals NaN), arrays by content. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StartRecord r)) {
      return false;
    }
    return startIndex == r.startIndex && seed == r.seed && outcome.equals(r.outcome) && losses.equals(r.losses)
        && curvature.equals(r.curvature) && effort.equals(r.effort)
        && Double.compare(parameterNorm, r.parameterNorm) == 0
        && Arrays.equals(parameters, r.parameters) && Arrays.equals(canonical, r.canonical);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(startIndex, seed, outcome, losses, curvature, effort, parameterNorm);
    return 31 * (31 * h + Arrays.hashCode(parameters)) + Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return "StartRecord[startIndex=" + startIndex + ", seed=" + seed + ", " + outcome + ", " + losses + ", "
        + curvature + ", " + effort + ", parameterNorm=" + parameterNorm + ", P="
        + (parameters == null ? "null" : parameters.length) + ", canonicalP="
        + (canonical == null ? "null" : canonical.length) + "]";
  }
}

package basin.study;

import basin.store.Column;
import basin.store.Table;
import java.util.List;

/**
 * The result tables {@code basin study} writes into its main catalog: one row per scaling sweep
 * point, per regularization sweep point and per convex baseline. Each row summarizes a sub-catalog
 * (under {@code sweeps/} beside the main catalog, a catalog of its own that {@code basin minima}
 * reads); the report and the verdicts read these rows, never the sub-catalogs.
 */
public final class StudyTables {
  private StudyTables() {}

  /** One row per scaling sweep point, over every axis (sweep_point numbers them in the plan's order). */
  public static final Table SCALING = Table.bySweepPoint("scaling",
      "Distinct minima and richness estimates of the main configuration varied along one axis (width, depth or training-set size).",
      List.of(
          Column.required("axis", Column.Type.TEXT, "width, depth or train_size."),
          Column.required("value", Column.Type.REAL, "The axis value of this point."),
          Column.of("parameters", Column.Type.INTEGER, "Parameters P of the network at this point."),
          Column.of("starts", Column.Type.INTEGER, "Starts recorded."),
          Column.of("minimum_starts", Column.Type.INTEGER, "Starts that ended at a certified minimum (strict or degenerate)."),
          Column.of("distinct_minima", Column.Type.INTEGER, "Distinct minima modulo symmetry (observed: a lower bound)."),
          Column.of("chao1", Column.Type.REAL, "Bias-corrected Chao1 (a lower-bound estimator of the number of minima)."),
          Column.of("chao1_lower", Column.Type.REAL, "Chao1 95% interval, lower end."),
          Column.of("chao1_upper", Column.Type.REAL, "Chao1 95% interval, upper end."),
          Column.of("ace", Column.Type.REAL, "ACE (a lower-bound estimator)."),
          Column.of("coverage", Column.Type.REAL, "Sample coverage 1 - f1/N: the share of the starts' mass in the minima found."),
          Column.of("singletons", Column.Type.INTEGER, "Minima hit once (f1)."),
          Column.of("doubletons", Column.Type.INTEGER, "Minima hit twice (f2)."),
          Column.of("best_train_loss", Column.Type.REAL, "The lowest training objective among the minima."),
          Column.of("share_near_global", Column.Type.REAL, "Share of minimum-ending starts within near_global of the best."),
          Column.of("hits", Column.Type.VECTOR, "Hit counts of the distinct minima, most hit first (for richness estimators)."),
          Column.of("catalog", Column.Type.TEXT, "The sub-catalog, relative to the main catalog's directory.")));

  /** One row per L2 strength of the regularization sweep. */
  public static final Table REGULARIZATION = Table.bySweepPoint("regularization",
      "Train and test loss of the minima at each L2 strength: does the training optimum carry over to the test set?",
      List.of(
          Column.required("l2", Column.Type.REAL, "The L2 strength lambda."),
          Column.of("starts", Column.Type.INTEGER, "Starts recorded."),
          Column.of("minimum_starts", Column.Type.INTEGER, "Starts that ended at a certified minimum."),
          Column.of("distinct_minima", Column.Type.INTEGER, "Distinct minima modulo symmetry."),
          Column.of("best_train_minimum", Column.Type.INTEGER, "Id (in the sub-catalog) of the minimum with the lowest training objective."),
          Column.of("best_train_objective", Column.Type.REAL, "Its training objective (data loss plus L2)."),
          Column.of("best_train_test_loss", Column.Type.REAL, "Its test loss."),
          Column.of("best_test_loss", Column.Type.REAL, "The lowest test loss among the minima."),
          Column.of("lowest_train_is_best_test", Column.Type.INTEGER, "1 when the lowest-training minimum also has the lowest test loss."),
          Column.of("train_data_losses", Column.Type.VECTOR, "Training data loss (without L2) of each distinct minimum, in id order."),
          Column.of("test_losses", Column.Type.VECTOR, "Test loss of each distinct minimum, in id order."),
          Column.of("test_accuracies", Column.Type.VECTOR, "Test accuracy of each distinct minimum (NaN for regression), in id order."),
          Column.of("hits", Column.Type.VECTOR, "Hit count of each distinct minimum, in id order."),
          Column.of("catalog", Column.Type.TEXT, "The sub-catalog, relative to the main catalog's directory.")));

  /** One row per convex baseline (the model without hidden layers), at the main L2 strength and each swept one. */
  public static final Table BASELINE = Table.bySweepPoint("baseline",
      "The convex model (no hidden layer: logistic regression or least squares) on the same data, at its certified global minimum.",
      List.of(
          Column.required("l2", Column.Type.REAL, "The L2 strength lambda."),
          Column.of("model", Column.Type.TEXT, "What was fitted."),
          Column.of("starts", Column.Type.INTEGER, "Starts run; a convex objective has one minimum, so all must agree."),
          Column.of("distinct_minima", Column.Type.INTEGER, "Distinct minima the starts reached (1 for a certified convex fit)."),
          Column.of("classification", Column.Type.TEXT, "Certificate of the best start: STRICT_MINIMUM is the global minimum of a convex objective."),
          Column.of("objective", Column.Type.REAL, "Training objective (data loss plus L2) at the minimum."),
          Column.of("train_data_loss", Column.Type.REAL, "Training data loss."),
          Column.of("test_loss", Column.Type.REAL, "Test loss."),
          Column.of("train_accuracy", Column.Type.REAL, "Training accuracy (NaN for regression)."),
          Column.of("test_accuracy", Column.Type.REAL, "Test accuracy (NaN for regression)."),
          Column.of("gradient_norm", Column.Type.REAL, "||grad|| at the minimum."),
          Column.of("smallest_eigenvalue", Column.Type.REAL, "Smallest Hessian eigenvalue apart from the symmetry zero modes."),
          Column.of("catalog", Column.Type.TEXT, "The sub-catalog, relative to the main catalog's directory.")));
}

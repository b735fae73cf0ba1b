package basin.study;

import basin.core.Objective;
import basin.data.GlobalReference;
import basin.landscape.symmetry.SymmetryGroup;

/**
 * What a study samples: an objective with its symmetries, its seeded initial points, its global
 * reference and how a point is evaluated. An MLP on data ({@link StudyProblem}), a closed-form
 * objective or an analytic test function ({@link ClosedFormSubject}) are all subjects; the sampler,
 * the catalog and the summary see only this interface.
 *
 * <p>Implementations are immutable; {@link #newEvaluator()} hands each thread its own objective
 * copies.
 */
public interface StudySubject {

  /** One line for summaries and provenance, e.g. "2-8-2 tanh, bias, cross-entropy loss on spirals". */
  String describe();

  /** Number of parameters P. */
  int dimension();

  /** The symmetries of the training objective (the trivial group when it has none). */
  SymmetryGroup symmetry();

  /**
   * The symmetries of the data loss alone (without the L2 term, which breaks some of them): the
   * directions flatness measures set aside. The same as {@link #symmetry()} without regularization.
   */
  default SymmetryGroup dataSymmetry() {
    return symmetry();
  }

  /** The global minimum of the training objective when known, or unknown with the reason. */
  GlobalReference globalReference();

  /** The initial point of a start with this seed: a pure function of (subject, seed). */
  double[] initialPoint(long seed);

  /**
   * Warnings about the spec a user should see before a long run (for example a classification loss
   * without L2, which has no finite minimum on data the model separates); empty when none.
   */
  default java.util.List<String> warnings() {
    return java.util.List.of();
  }

  /** Objective copies and evaluation for the calling thread. */
  Evaluator newEvaluator();

  /** Where the subject's inputs come from (data set, preparation, files), for provenance. */
  String provenance();

  /**
   * A content hash (hex SHA-256) of everything the objective is built from: the prepared training
   * and test data, teacher weights, covariances. Two studies with the same spec but different
   * hashes read different inputs, so a catalog is never resumed across them.
   */
  String inputsHash();

  /** Objectives of one thread, and the numbers a start records besides its objective value. */
  interface Evaluator {
    /** The training objective (loss plus regularization), for this thread only. */
    Objective train();

    /** Data loss, accuracy and test numbers at w (NaN where they do not apply). */
    Evaluation evaluate(double[] w);
  }

  /**
   * @param trainDataLoss the training data loss without the L2 term; NaN when the objective has no
   *     regularization term (the data loss is then the objective value itself)
   * @param trainAccuracy training accuracy, NaN for regression and closed forms
   * @param testLoss data loss on the test set, NaN without one
   * @param testAccuracy test accuracy, NaN where it does not apply
   */
  record Evaluation(double trainDataLoss, double trainAccuracy, double testLoss, double testAccuracy) {
    public static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}

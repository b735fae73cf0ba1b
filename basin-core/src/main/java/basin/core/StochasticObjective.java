package basin.core;

/**
 * An objective that is a mean over examples (plus a regularizer), so that it can also be evaluated
 * on a subset of the examples: the minibatch estimate used by stochastic gradient descent.
 *
 * <p>For a subset B the minibatch objective is f_B(w) = (1/|B|) sum_{i in B} loss_i(w) + r(w), with
 * the same regularizer r as the full objective.
 */
public interface StochasticObjective extends Objective {

  /** Number of examples n. */
  int exampleCount();

  /**
   * f_B(w) and its gradient on the examples {@code batch[0..batchSize)}.
   *
   * @param w parameters (not modified)
   * @param gradient output (overwritten)
   * @param batch example indices (not modified); entries must be in [0, n)
   * @param batchSize number of leading entries of {@code batch} to use, at least 1
   * @return f_B(w)
   */
  double valueAndGradient(double[] w, double[] gradient, int[] batch, int batchSize);

  @Override
  StochasticObjective copy();
}

package basin.core.optim;

import basin.core.Objective;
import basin.core.StochasticObjective;

/**
 * Forwards to the objective being minimized and counts every call, so that a result's evaluation
 * counts are exact by construction. One instance per {@code minimize} call (not thread-safe, like
 * the objective it wraps).
 */
final class CountedObjective {
  private final Objective objective;
  private long valueEvaluations;
  private long gradientEvaluations;
  private long minibatchGradientEvaluations;
  private long hessianVectorProducts;

  CountedObjective(Objective objective) {
    this.objective = objective;
  }

  int dimension() {
    return objective.dimension();
  }

  /** {@link Objective#value}; counts one value evaluation. */
  double value(double[] w) {
    valueEvaluations++;
    return objective.value(w);
  }

  /** {@link Objective#valueAndGradient}; counts one gradient evaluation. */
  double valueAndGradient(double[] w, double[] gradient) {
    gradientEvaluations++;
    return objective.valueAndGradient(w, gradient);
  }

  /**
   * {@link StochasticObjective#valueAndGradient(double[], double[], int[], int)}; counts one minibatch
   * gradient evaluation. The caller has checked that the objective is stochastic.
   */
  double minibatchValueAndGradient(double[] w, double[] gradient, int[] batch, int batchSize) {
    minibatchGradientEvaluations++;
    return ((StochasticObjective) objective).valueAndGradient(w, gradient, batch, batchSize);
  }

  /** {@link Objective#hessianVectorProduct}; counts one product. */
  void hessianVectorProduct(double[] w, double[] v, double[] result) {
    hessianVectorProducts++;
    objective.hessianVectorProduct(w, v, result);
  }

  long valueEvaluations() {
    return valueEvaluations;
  }

  long gradientEvaluations() {
    return gradientEvaluations;
  }

  long minibatchGradientEvaluations() {
    return minibatchGradientEvaluations;
  }

  long hessianVectorProducts() {
    return hessianVectorProducts;
  }
}

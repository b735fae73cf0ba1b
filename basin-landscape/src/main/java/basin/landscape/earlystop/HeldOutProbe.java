package basin.landscape.earlystop;

import basin.core.Objective;
import java.util.Arrays;

/**
 * The "test objective" handed to an optimizer's trajectory recorder: each {@link #value} call (one
 * per recorded check, in order) evaluates the validation and the test loss at the check's point,
 * keeps both (and, when asked, a copy of every k-th point), and returns the validation loss (which
 * the trajectory rows then carry). Not a real
 * objective: it has no gradient and is never copied. Used by one run on one thread.
 */
final class HeldOutProbe implements Objective {
  private final Objective validation;
  private final Objective test;
  private double[] validationValues = new double[64];
  private double[] testValues = new double[64];
  private final int keepEvery;
  private final java.util.Map<Integer, double[]> kept = new java.util.HashMap<>();
  private int count;

  HeldOutProbe(Objective validation, Objective test) {
    this(validation, test, 0);
  }

  /**
   * @param keepEvery keep a copy of the point of every call whose index is a multiple of this (0: keep none), for
   *     measurements made after the run
   */
  HeldOutProbe(Objective validation, Objective test, int keepEvery) {
    this.validation = validation;
    this.test = test;
    this.keepEvery = keepEvery;
  }

  @Override
  public int dimension() {
    return validation.dimension();
  }

  @Override
  public double value(double[] w) {
    double v = validation.value(w);
    double t = test == null ? Double.NaN : test.value(w);
    if (count == validationValues.length) {
      validationValues = Arrays.copyOf(validationValues, 2 * count);
      testValues = Arrays.copyOf(testValues, 2 * count);
    }
    if (keepEvery > 0 && count % keepEvery == 0) kept.put(count, w.clone());
    validationValues[count] = v;
    testValues[count] = t;
    count++;
    return v;
  }

  /** Validation loss of call i. */
  double validationAt(int i) {
    return validationValues[i];
  }

  /** Test loss of call i. */
  double testAt(int i) {
    return testValues[i];
  }

  /** The point of call i, or null when it was not kept. */
  double[] pointAt(int i) {
    return kept.get(i);
  }

  int calls() {
    return count;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    throw new UnsupportedOperationException("a held-out probe is only evaluated");
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    throw new UnsupportedOperationException("a held-out probe is only evaluated");
  }

  @Override
  public Objective copy() {
    throw new UnsupportedOperationException("a held-out probe belongs to one run");
  }
}

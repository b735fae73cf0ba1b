package basin.landscape.earlystop;

import java.util.Arrays;

/**
 * The losses of one optimizer run at its checks (every {@code interval} iterations, plus the start
 * and the end): the training objective (what the optimizer minimizes, L2 term included), the
 * validation loss (data loss on examples held out of the training set) and the test loss (data
 * loss on the test set, NaN without one).
 *
 * @param iterations iteration of each check, strictly increasing, from 0
 * @param train training objective at each check
 * @param validation validation loss at each check
 * @param test test loss at each check
 * @param gradientNorm gradient norm of the training objective at each check
 * @param topEigenvalue largest eigenvalue of the training objective's Hessian at each check, NaN where not computed
 *     ({@link TopEigenvalue})
 */
public record LossTrajectory(long[] iterations, double[] train, double[] validation, double[] test, double[] gradientNorm,
    double[] topEigenvalue) {

  public LossTrajectory {
    int n = iterations.length;
    if (n == 0) throw new IllegalArgumentException("a trajectory has at least one check");
    if (train.length != n || validation.length != n || test.length != n || gradientNorm.length != n || topEigenvalue.length != n) {
      throw new IllegalArgumentException("trajectory arrays differ in length: " + n + " iterations, " + train.length + " train, "
          + validation.length + " validation, " + test.length + " test, " + gradientNorm.length + " gradient norms, "
          + topEigenvalue.length + " top eigenvalues");
    }
    for (int i = 1; i < n; i++) {
      if (iterations[i] <= iterations[i - 1]) {
        throw new IllegalArgumentException("trajectory iterations must increase, got " + iterations[i - 1] + " then " + iterations[i]);
      }
    }
    iterations = iterations.clone();
    train = train.clone();
    validation = validation.clone();
    test = test.clone();
    gradientNorm = gradientNorm.clone();
    topEigenvalue = topEigenvalue.clone();
  }

  /** A trajectory without eigenvalues (all NaN). */
  public LossTrajectory(long[] iterations, double[] train, double[] validation, double[] test, double[] gradientNorm) {
    this(iterations, train, validation, test, gradientNorm, nans(iterations.length));
  }

  private static double[] nans(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  /** Number of checks. */
  public int size() {
    return iterations.length;
  }

  /** The check with the lowest validation loss among checks 0..last (the first of ties; NaN never wins); -1 if all are NaN. */
  public int bestValidationUpTo(int last) {
    int best = -1;
    for (int i = 0; i <= last; i++) {
      if (!Double.isNaN(validation[i]) && (best < 0 || validation[i] < validation[best])) best = i;
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LossTrajectory t && Arrays.equals(iterations, t.iterations) && Arrays.equals(train, t.train)
        && Arrays.equals(validation, t.validation) && Arrays.equals(test, t.test) && Arrays.equals(gradientNorm, t.gradientNorm)
        && Arrays.equals(topEigenvalue, t.topEigenvalue);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(iterations) * 31 + Arrays.hashCode(validation);
  }

  @Override
  public String toString() {
    return "LossTrajectory[" + size() + " checks, iterations 0.." + iterations[size() - 1] + "]";
  }
}

package basin.data;

import basin.core.data.Dataset;
import java.util.Objects;

/**
 * A training set and the held-out test set that goes with it.
 *
 * @param train the examples the objective is built on
 * @param test held-out examples from the same source, or null when the problem has none (a test
 *     fraction of 0 on a data set without a predefined test set)
 */
public record Split(Dataset train, Dataset test) {

  public Split {
    Objects.requireNonNull(train, "train");
    if (test != null) {
      if (test.inputDim() != train.inputDim()) {
        throw new IllegalArgumentException("test has " + test.inputDim() + " features, train has " + train.inputDim());
      }
      if (test.isClassification() != train.isClassification() || test.classCount() != train.classCount()
          || test.targetDim() != train.targetDim()) {
        throw new IllegalArgumentException("test " + test + " and train " + train + " are different kinds of problem");
      }
    }
  }

  public boolean hasTest() {
    return test != null;
  }
}

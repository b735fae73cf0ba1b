package basin.data;

import basin.core.data.Dataset;
import java.util.List;
import java.util.Objects;

/**
 * A data set ready to build an objective on: training examples, an optional test set from the same
 * source, what each class is called, and what is known about the global minimum.
 *
 * @param train training examples
 * @param test test examples, or null when the source has no predefined test set (split one off with
 *     {@code basin.data.preprocess.Preparation})
 * @param classNames name of class i at index i (size {@code train.classCount()}); empty for regression
 * @param imageSide side s when each input is an s x s grayscale image stored row by row, 0 otherwise
 * @param globalReference the global minimum of the training loss, when known
 * @param provenance where the data came from and every step applied to it, for reports
 */
public record Problem(
    Dataset train,
    Dataset test,
    List<String> classNames,
    int imageSide,
    GlobalReference globalReference,
    String provenance) {

  public Problem {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(globalReference, "globalReference");
    Objects.requireNonNull(provenance, "provenance");
    classNames = List.copyOf(classNames);
    if (train.isClassification() ? classNames.size() != train.classCount() : !classNames.isEmpty()) {
      throw new IllegalArgumentException(train.name() + ": " + classNames.size() + " class names for " + train.classCount() + " classes");
    }
    if (imageSide < 0 || (imageSide > 0 && imageSide * imageSide != train.inputDim())) {
      throw new IllegalArgumentException(train.name() + ": image side " + imageSide + " does not fit " + train.inputDim() + " inputs");
    }
    new Split(train, test); // same checks of train/test compatibility
  }

  public String name() {
    return train.name();
  }

  public boolean hasTest() {
    return test != null;
  }

  /** The training and test sets as a {@link Split} (test null when there is none). */
  public Split split() {
    return new Split(train, test);
  }

  /** A copy with other data and one more provenance step; names and the image side are the caller's to keep consistent. */
  public Problem with(Dataset newTrain, Dataset newTest, List<String> newClassNames, int newImageSide,
      GlobalReference newReference, String step) {
    return new Problem(newTrain, newTest, newClassNames, newImageSide, newReference, provenance + " | " + step);
  }
}

package basin.core.data;

import java.util.Arrays;

/**
 * An in-memory data set: n examples with d input features, stored row-major in one flat array, and
 * either integer class labels (classification) or real-valued targets (regression).
 *
 * <p>Immutable by convention: the arrays are not copied for speed and must not be modified after
 * construction.
 *
 * @param name short name shown in reports
 * @param size number of examples n
 * @param inputDim number of input features d
 * @param inputs row-major n x d
 * @param classCount number of classes for classification, 0 for regression
 * @param labels class labels in [0, classCount), length n; null for regression
 * @param targetDim number of regression targets t (0 for classification)
 * @param targets row-major n x t regression targets; null for classification
 */
public record Dataset(
    String name,
    int size,
    int inputDim,
    double[] inputs,
    int classCount,
    int[] labels,
    int targetDim,
    double[] targets) {

  public Dataset {
    if (size < 1) throw new IllegalArgumentException(name + ": a data set needs at least one example, got " + size);
    if (inputDim < 1) throw new IllegalArgumentException(name + ": input dimension must be >= 1, got " + inputDim);
    if (inputs.length != (long) size * inputDim) {
      throw new IllegalArgumentException(name + ": inputs have length " + inputs.length + ", expected n*d = " + size + "*" + inputDim);
    }
    if (labels != null) {
      if (classCount < 2) throw new IllegalArgumentException(name + ": classification needs >= 2 classes, got " + classCount);
      if (labels.length != size) throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + size + " examples");
      for (int i = 0; i < size; i++) {
        if (labels[i] < 0 || labels[i] >= classCount) {
          throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i + " is outside [0, " + classCount + ")");
        }
      }
    } else {
      if (targets == null) throw new IllegalArgumentException(name + ": neither labels nor targets given");
      if (targetDim < 1 || targets.length != (long) size * targetDim) {
        throw new IllegalArgumentException(name + ": targets have length " + targets.length + ", expected n*t = " + size + "*" + targetDim);
      }
    }
    for (int i = 0; i < inputs.length; i++) {
      if (!Double.isFinite(inputs[i])) {
        throw new IllegalArgumentException(name + ": input of example " + (i / inputDim) + ", feature " + (i % inputDim) + " is " + inputs[i] + ", expected a finite number");
      }
    }
    if (targets != null) {
      for (int i = 0; i < targets.length; i++) {
        if (!Double.isFinite(targets[i])) {
          throw new IllegalArgumentException(name + ": target of example " + (i / targetDim) + " is " + targets[i] + ", expected a finite number");
        }
      }
    }
  }

  /** A classification data set. */
  public static Dataset classification(String name, int size, int inputDim, double[] inputs, int classCount, int[] labels) {
    return new Dataset(name, size, inputDim, inputs, classCount, labels, 0, null);
  }

  /** A regression data set. */
  public static Dataset regression(String name, int size, int inputDim, double[] inputs, int targetDim, double[] targets) {
    return new Dataset(name, size, inputDim, inputs, 0, null, targetDim, targets);
  }

  public boolean isClassification() {
    return labels != null;
  }

  /** The examples at the given indices, in that order (indices may repeat). */
  public Dataset subset(int[] indices, String newName) {
    int m = indices.length;
    double[] x = new double[m * inputDim];
    for (int r = 0; r < m; r++) {
      System.arraycopy(inputs, indices[r] * inputDim, x, r * inputDim, inputDim);
    }
    if (isClassification()) {
      int[] l = new int[m];
      for (int r = 0; r < m; r++) l[r] = labels[indices[r]];
      return classification(newName, m, inputDim, x, classCount, l);
    }
    double[] t = new double[m * targetDim];
    for (int r = 0; r < m; r++) {
      System.arraycopy(targets, indices[r] * targetDim, t, r * targetDim, targetDim);
    }
    return regression(newName, m, inputDim, x, targetDim, t);
  }

  @Override
  public String toString() {
    return name + " (" + size + " x " + inputDim + (isClassification() ? ", " + classCount + " classes" : ", " + targetDim + " targets") + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Dataset other)) return false;
    return size == other.size && inputDim == other.inputDim && classCount == other.classCount
        && targetDim == other.targetDim && name.equals(other.name)
        && Arrays.equals(inputs, other.inputs) && Arrays.equals(labels, other.labels)
        && Arrays.equals(targets, other.targets);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(inputs);
  }
}

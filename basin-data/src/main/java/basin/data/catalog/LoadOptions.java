package basin.data.catalog;

import basin.data.Task;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings for {@link DataSources#load}. Immutable; defaults in {@link #defaults(long)}, changes by
 * {@code withX} copies.
 *
 * @param seed seed of synthetic problems (user files and built-ins ignore it)
 * @param labelColumn CSV/ARFF label column: header name or 0-based index; null for the last column
 * @param task how to read the label column of a table or a label array
 * @param classCount 0 to infer the classes; k &gt;= 2 to require integer labels in [0, k)
 * @param labelsPath the labels file of an IDX images file or of a .npy inputs file; null to look
 *     for the IDX labels file next to the images (images to labels, idx3 to idx1 in the name)
 */
public record LoadOptions(long seed, String labelColumn, Task task, int classCount, Path labelsPath) {

  public LoadOptions {
    Objects.requireNonNull(task, "task");
    if (classCount < 0 || classCount == 1) {
      throw new IllegalArgumentException("classCount must be 0 (infer) or >= 2, got " + classCount);
    }
  }

  /** Last column is the label, task guessed, classes inferred, IDX labels found next to the images. */
  public static LoadOptions defaults(long seed) {
    return new LoadOptions(seed, null, Task.AUTO, 0, null);
  }

  public LoadOptions withSeed(long newSeed) {
    return new LoadOptions(newSeed, labelColumn, task, classCount, labelsPath);
  }

  public LoadOptions withLabelColumn(String column) {
    return new LoadOptions(seed, column, task, classCount, labelsPath);
  }

  public LoadOptions withTask(Task newTask) {
    return new LoadOptions(seed, labelColumn, newTask, classCount, labelsPath);
  }

  public LoadOptions withClassCount(int k) {
    return new LoadOptions(seed, labelColumn, task, k, labelsPath);
  }

  public LoadOptions withLabelsPath(Path path) {
    return new LoadOptions(seed, labelColumn, task, classCount, path);
  }
}

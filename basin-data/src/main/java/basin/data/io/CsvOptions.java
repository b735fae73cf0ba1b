package basin.data.io;

import basin.data.Task;
import java.util.Objects;

/**
 * How to read a delimited text file. Immutable; change one setting with a {@code withX} copy.
 *
 * @param labelColumn the label column: a header name, or a 0-based column index when no column has
 *     that name; null for the last column
 * @param task classification, regression, or guess from the label column ({@link Task#AUTO})
 * @param classCount for classification, 0 to map the distinct labels to 0..k-1 in sorted order
 *     (numeric order when every label is a number, string order otherwise); k &gt; 0 to require
 *     integer labels in [0, k) and keep them as they are
 * @param delimiter field separator, or 0 to take the most frequent of ',' ';' and tab in the header
 */
public record CsvOptions(String labelColumn, Task task, int classCount, char delimiter) {

  public CsvOptions {
    Objects.requireNonNull(task, "task");
    if (classCount < 0) throw new IllegalArgumentException("classCount must be >= 0, got " + classCount);
    if (classCount == 1) throw new IllegalArgumentException("classCount must be 0 (infer) or >= 2, got 1");
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
    }
  }

  /** Last column is the label, task guessed, classes inferred, delimiter detected. */
  public static CsvOptions defaults() {
    return new CsvOptions(null, Task.AUTO, 0, (char) 0);
  }

  public CsvOptions withLabelColumn(String column) {
    return new CsvOptions(column, task, classCount, delimiter);
  }

  public CsvOptions withTask(Task newTask) {
    return new CsvOptions(labelColumn, newTask, classCount, delimiter);
  }

  public CsvOptions withClassCount(int count) {
    return new CsvOptions(labelColumn, task, count, delimiter);
  }

  public CsvOptions withDelimiter(char newDelimiter) {
    return new CsvOptions(labelColumn, task, classCount, newDelimiter);
  }
}

package basin.data;

import basin.core.data.Dataset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;

/**
 * What {@code basin data show NAME} prints: shape, task, classes and their balance, source and
 * global reference of a loaded {@link Problem}.
 *
 * @param name data set name
 * @param task "classification" or "regression"
 * @param trainSize training examples
 * @param testSize test examples, 0 when there is no test set
 * @param inputDim features per example
 * @param imageSide side of square images, 0 when the inputs are not images
 * @param classNames class names in label order (empty for regression)
 * @param trainClassCounts examples of each class in the training set (empty for regression)
 * @param testClassCounts examples of each class in the test set (empty for regression or no test set)
 * @param targetDim regression targets per example, 0 for classification
 * @param globalReference what is known about the global minimum
 * @param provenance source and preprocessing steps
 */
public record DatasetDescription(
    String name,
    String task,
    int trainSize,
    int testSize,
    int inputDim,
    int imageSide,
    List<String> classNames,
    List<Integer> trainClassCounts,
    List<Integer> testClassCounts,
    int targetDim,
    GlobalReference globalReference,
    String provenance) {

  public DatasetDescription {
    classNames = List.copyOf(classNames);
    trainClassCounts = List.copyOf(trainClassCounts);
    testClassCounts = List.copyOf(testClassCounts);
  }

  public static DatasetDescription of(Problem problem) {
    Dataset train = problem.train();
    Dataset test = problem.test();
    return new DatasetDescription(
        problem.name(),
        train.isClassification() ? "classification" : "regression",
        train.size(),
        test == null ? 0 : test.size(),
        train.inputDim(),
        problem.imageSide(),
        problem.classNames(),
        classCounts(train),
        test == null ? List.of() : classCounts(test),
        train.targetDim(),
        problem.globalReference(),
        problem.provenance());
  }

  /** Examples per class, in label order; empty for regression. */
  public static List<Integer> classCounts(Dataset data) {
    if (!data.isClassification()) return List.of();
    int[] counts = new int[data.classCount()];
    for (int label : data.labels()) counts[label]++;
    Integer[] boxed = new Integer[counts.length];
    for (int c = 0; c < counts.length; c++) boxed[c] = counts[c];
    return List.of(boxed);
  }

  /** Human-readable lines for the terminal. */
  public String render() {
    StringBuilder s = new StringBuilder();
    s.append("name:       ").append(name).append('\n');
    s.append("task:       ").append(task);
    if (targetDim > 0) s.append(" (").append(targetDim).append(targetDim == 1 ? " target)" : " targets)");
    s.append('\n');
    s.append("shape:      train ").append(trainSize).append(" x ").append(inputDim);
    s.append(testSize > 0 ? ", test " + testSize + " x " + inputDim : ", no test set");
    if (imageSide > 0) s.append(" (images ").append(imageSide).append('x').append(imageSide).append(')');
    s.append('\n');
    if (!classNames.isEmpty()) {
      s.append("classes:    ").append(classNames.size()).append('\n');
      for (int c = 0; c < classNames.size(); c++) {
        s.append(String.format(Locale.ROOT, "  %3d %-16s train %7d (%5.1f%%)", c, classNames.get(c),
            trainClassCounts.get(c), 100.0 * trainClassCounts.get(c) / trainSize));
        if (!testClassCounts.isEmpty()) {
          s.append(String.format(Locale.ROOT, "  test %6d (%5.1f%%)", testClassCounts.get(c), 100.0 * testClassCounts.get(c) / testSize));
        }
        s.append('\n');
      }
    }
    s.append("global min: ").append(globalReference).append('\n');
    s.append("source:     ").append(provenance).append('\n');
    return s.toString();
  }

  /** The description as pretty-printed JSON, for {@code --json} output and exports. */
  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a description of plain values failed to serialize", e);
    }
  }
}

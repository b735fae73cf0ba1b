package basin.cli;

import basin.core.InputException;
import basin.data.Problem;
import basin.data.Task;
import basin.data.catalog.DataSources;
import basin.data.catalog.LoadOptions;
import basin.data.preprocess.Preparation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options that choose and prepare a data set: every command that takes data shares them. */
final class DataOptions {

  @Option(names = "--data", paramLabel = "NAME|PATH",
      description = "A built-in or synthetic data set (see 'basin data list'; synthetic ones take NAME:key=value,...) or a .csv, .tsv, .arff, IDX or .npy file.")
  String data;

  @Option(names = "--label", paramLabel = "COLUMN", description = "Label column of a table: header name or 0-based index. Default: the last column.")
  String label;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "auto",
      description = "How to read labels: auto, classification, regression. Default: ${DEFAULT-VALUE}.")
  String task;

  @Option(names = "--labels", paramLabel = "PATH", description = "Labels file of an IDX images file or a .npy inputs file.")
  Path labels;

  @Option(names = "--classes", paramLabel = "C1,C2,...", split = ",", description = "Keep only these classes (relabelled 0..k-1 in this order).")
  List<Integer> classes = new ArrayList<>();

  @Option(names = "--train-size", paramLabel = "N", defaultValue = "0", description = "Stratified subsample of the training set to N examples (0: all).")
  int trainSize;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = "0", description = "Stratified subsample of the test set to N examples (0: all).")
  int testSize;

  @Option(names = "--image-side", paramLabel = "S", defaultValue = "0", description = "Average-pool square images to S x S (0: as they are).")
  int imageSide;

  @Option(names = "--pca", paramLabel = "D", defaultValue = "0", description = "Project inputs onto D principal components fitted on the training set (0: off).")
  int pca;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share held out as the test set when the source has none. Default: ${DEFAULT-VALUE}.")
  double testFraction;

  @Option(names = "--standardize", description = "Standardize inputs with training-set mean and standard deviation.")
  boolean standardize;

  @Option(names = "--data-seed", paramLabel = "SEED", defaultValue = "0",
      description = "Seed of synthetic data, splits and subsamples. Default: ${DEFAULT-VALUE}.")
  long dataSeed;

  boolean given() {
    return data != null;
  }

  Problem load() {
    if (data == null) throw new InputException("--data: missing, expected a built-in name (see 'basin data list') or a file path");
    return load(data);
  }

  Problem load(String nameOrPath) {
    Task t;
    try {
      t = Task.valueOf(task.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--task: '" + task + "' is not one of auto, classification, regression");
    }
    LoadOptions options = LoadOptions.defaults(dataSeed).withTask(t).withLabelColumn(label).withLabelsPath(labels);
    Problem problem = DataSources.load(nameOrPath, options);
    Preparation prep = Preparation.defaults(dataSeed)
        .withClasses(classes)
        .withTrainSize(trainSize)
        .withTestSize(testSize)
        .withImageSide(imageSide)
        .withPcaDimensions(pca)
        .withTestFraction(testFraction)
        .withStandardize(standardize);
    return prep.apply(problem);
  }
}

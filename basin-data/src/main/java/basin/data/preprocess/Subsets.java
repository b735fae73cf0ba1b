package basin.data.preprocess;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.data.Split;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Subsets of a data set: by class, by stratified or plain random subsampling, and the seeded
 * train/test split. Selected examples keep their original relative order.
 */
public final class Subsets {
  private Subsets() {}

  /**
   * The examples whose label is one of {@code classes}, relabelled so that {@code classes[i]}
   * becomes label i.
   *
   * @param classes distinct labels of {@code data}, at least 2 (not modified)
   * @throws InputException when a class is out of range, repeated, fewer than 2 are given, or the
   *     data set is a regression problem
   */
  public static Dataset classSubset(Dataset data, int[] classes) {
    if (!data.isClassification()) {
      throw new InputException(data.name() + ": a class subset was asked of a regression data set, expected a classification data set");
    }
    if (classes.length < 2) {
      throw new InputException(data.name() + ": class subset " + Arrays.toString(classes) + " has fewer than 2 classes, expected at least 2");
    }
    int[] newLabel = new int[data.classCount()];
    Arrays.fill(newLabel, -1);
    for (int i = 0; i < classes.length; i++) {
      int c = classes[i];
      if (!(c >= 0 && c < data.classCount())) {
        throw new InputException(data.name() + ": class " + c + " in the class subset is out of range, expected a class in [0, " + data.classCount() + ")");
      }
      if (newLabel[c] >= 0) throw new InputException(data.name() + ": class " + c + " appears twice in the class subset, expected distinct classes");
      newLabel[c] = i;
    }
    int count = 0;
    for (int label : data.labels()) if (newLabel[label] >= 0) count++;
    if (count == 0) throw new InputException(data.name() + ": no example has a class in " + Arrays.toString(classes));
    int[] keep = new int[count];
    int[] labels = new int[count];
    int k = 0;
    for (int i = 0; i < data.size(); i++) {
      if (newLabel[data.labels()[i]] >= 0) {
        keep[k] = i;
        labels[k++] = newLabel[data.labels()[i]];
      }
    }
    Dataset rows = data.subset(keep, data.name());
    return Dataset.classification(data.name(), count, data.inputDim(), rows.inputs(), classes.length, labels);
  }

  /**
   * n examples drawn without replacement; for classification each class gets its share of n by
   * largest remainder (floor of n * count_k / N, the leftover examples to the largest fractional
   * parts, ties to the lower class), drawn uniformly within the class.
   *
   * @throws InputException when n is not in [1, size]
   */
  public static Dataset subsample(Dataset data, int n, SplittableRandom random) {
    if (!(n >= 1 && n <= data.size())) {
      throw new InputException(data.name() + ": subsample size " + n + " is not possible, expected 1 to " + data.size() + " (the examples available)");
    }
    if (n == data.size()) return data;
    int[] chosen = data.isClassification() ? stratifiedIndices(data.labels(), data.classCount(), n, random)
        : randomIndices(data.size(), n, random);
    return data.subset(chosen, data.name());
  }

  /**
   * Splits {@code data} into train and test; the test set gets round(testFraction * N) examples
   * (at least 1), stratified by class as in {@link #subsample} for classification.
   *
   * @param testFraction in [0, 1); 0 gives a split without a test set
   * @throws InputException when the fraction is out of range or leaves an empty training set
   */
  public static Split trainTestSplit(Dataset data, double testFraction, SplittableRandom random) {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new InputException(data.name() + ": test fraction " + testFraction + " is out of range, expected a number in [0, 1)");
    }
    if (testFraction == 0) return new Split(data, null);
    int testCount = Math.max(1, (int) Math.round(testFraction * data.size()));
    if (testCount >= data.size()) {
      throw new InputException(data.name() + ": test fraction " + testFraction + " of " + data.size()
          + " examples leaves no training examples, expected a smaller fraction");
    }
    int[] test = data.isClassification() ? stratifiedIndices(data.labels(), data.classCount(), testCount, random)
        : randomIndices(data.size(), testCount, random);
    boolean[] inTest = new boolean[data.size()];
    for (int i : test) inTest[i] = true;
    int[] train = new int[data.size() - testCount];
    int t = 0;
    for (int i = 0; i < data.size(); i++) if (!inTest[i]) train[t++] = i;
    return new Split(data.subset(train, data.name()), data.subset(test, data.name() + "-test"));
  }

  /** n of 0..size-1 uniformly without replacement, sorted. */
  static int[] randomIndices(int size, int n, SplittableRandom random) {
    int[] all = new int[size];
    for (int i = 0; i < size; i++) all[i] = i;
    partialShuffle(all, n, random);
    int[] out = Arrays.copyOf(all, n);
    Arrays.sort(out);
    return out;
  }

  /** Stratified choice of n indices by largest remainder, sorted. */
  static int[] stratifiedIndices(int[] labels, int classCount, int n, SplittableRandom random) {
    int size = labels.length;
    int[] counts = new int[classCount];
    for (int label : labels) counts[label]++;
    int[] quota = new int[classCount];
    double[] fraction = new double[classCount];
    int assigned = 0;
    for (int c = 0; c < classCount; c++) {
      double exact = (double) n * counts[c] / size;
      quota[c] = (int) Math.floor(exact);
      fraction[c] = exact - quota[c];
      assigned += quota[c];
    }
    while (assigned < n) {
      int best = -1;
      for (int c = 0; c < classCount; c++) {
        if (quota[c] < counts[c] && (best < 0 || fraction[c] > fraction[best])) best = c;
      }
      quota[best]++;
      fraction[best] = -1;
      assigned++;
    }
    int[][] members = new int[classCount][];
    int[] fill = new int[classCount];
    for (int c = 0; c < classCount; c++) members[c] = new int[counts[c]];
    for (int i = 0; i < size; i++) members[labels[i]][fill[labels[i]]++] = i;
    int[] out = new int[n];
    int k = 0;
    for (int c = 0; c < classCount; c++) {
      partialShuffle(members[c], quota[c], random);
      System.arraycopy(members[c], 0, out, k, quota[c]);
      k += quota[c];
    }
    Arrays.sort(out);
    return out;
  }

  /** Fisher-Yates on the first m positions: a[0..m) becomes a uniform sample without replacement. */
  private static void partialShuffle(int[] a, int m, SplittableRandom random) {
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(a.length - i);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }
}

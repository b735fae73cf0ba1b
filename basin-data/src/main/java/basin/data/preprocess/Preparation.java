package basin.data.preprocess;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The preprocessing pipeline run on a loaded {@link Problem}, in this fixed order:
 *
 * <ol>
 *   <li>class subset (train and test), relabelled 0..k-1 in the order given;
 *   <li>train/test split by {@code testFraction}, only when the source has no test set of its own;
 *   <li>stratified subsample of the training set to {@code trainSize} and of the test set to
 *       {@code testSize};
 *   <li>area-weighted average pooling of square images to {@code imageSide};
 *   <li>PCA to {@code pcaDimensions}, fitted on the training set;
 *   <li>standardization, fitted on the training set.
 * </ol>
 *
 * <p>Immutable; every setting has its default in {@link #defaults(long)} and is changed with a
 * {@code withX} copy. The random choices come from {@code seed}: one {@link SplittableRandom} split
 * into three sub-streams (split, train subsample, test subsample) in that order whatever steps are
 * enabled, so turning one step on does not change another's draws.
 *
 * <p>The global reference survives steps that keep distinct inputs distinct (subsets, subsamples,
 * standardization); pooling and PCA can merge inputs with different labels, so a REALIZABLE
 * reference becomes UNKNOWN after them.
 *
 * @param classes the classes to keep, in their new order; empty keeps all
 * @param trainSize training examples to keep, 0 for all
 * @param testSize test examples to keep, 0 for all
 * @param imageSide side to pool square images to, 0 to keep them as they are
 * @param pcaDimensions principal components to project onto, 0 for no projection
 * @param testFraction share of the data held out when the source has no test set; 0 for none
 * @param standardize whether to standardize the inputs with training statistics
 * @param seed master seed of every random choice
 */
public record Preparation(
    List<Integer> classes,
    int trainSize,
    int testSize,
    int imageSide,
    int pcaDimensions,
    double testFraction,
    boolean standardize,
    long seed) {

  /** Default share held out when a source has no test set of its own. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;

  public Preparation {
    classes = List.copyOf(classes);
    requireNonNegative("train size", trainSize);
    requireNonNegative("test size", testSize);
    requireNonNegative("image side", imageSide);
    requireNonNegative("PCA dimensions", pcaDimensions);
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new InputException("test fraction " + testFraction + " is out of range, expected a number in [0, 1)");
    }
  }

  private static void requireNonNegative(String what, int value) {
    if (value < 0) throw new InputException(what + " " + value + " is negative, expected 0 (off) or a positive number");
  }

  /** No class subset, no subsampling, pooling or PCA, a 20% test split where needed, no standardization. */
  public static Preparation defaults(long seed) {
    return new Preparation(List.of(), 0, 0, 0, 0, DEFAULT_TEST_FRACTION, false, seed);
  }

  public Preparation withClasses(List<Integer> newClasses) {
    return new Preparation(newClasses, trainSize, testSize, imageSide, pcaDimensions, testFraction, standardize, seed);
  }

  public Preparation withTrainSize(int n) {
    return new Preparation(classes, n, testSize, imageSide, pcaDimensions, testFraction, standardize, seed);
  }

  public Preparation withTestSize(int n) {
    return new Preparation(classes, trainSize, n, imageSide, pcaDimensions, testFraction, standardize, seed);
  }

  public Preparation withImageSide(int side) {
    return new Preparation(classes, trainSize, testSize, side, pcaDimensions, testFraction, standardize, seed);
  }

  public Preparation withPcaDimensions(int d) {
    return new Preparation(classes, trainSize, testSize, imageSide, d, testFraction, standardize, seed);
  }

  public Preparation withTestFraction(double fraction) {
    return new Preparation(classes, trainSize, testSize, imageSide, pcaDimensions, fraction, standardize, seed);
  }

  public Preparation withStandardize(boolean on) {
    return new Preparation(classes, trainSize, testSize, imageSide, pcaDimensions, testFraction, on, seed);
  }

  public Preparation withSeed(long newSeed) {
    return new Preparation(classes, trainSize, testSize, imageSide, pcaDimensions, testFraction, standardize, newSeed);
  }

  /**
   * Runs the pipeline.
   *
   * @throws InputException when a setting does not fit the problem (a class that does not exist,
   *     more examples than there are, pooling of data that are not square images, ...)
   */
  public Problem apply(Problem problem) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom splitStream = root.split();
    SplittableRandom trainStream = root.split();
    SplittableRandom testStream = root.split();

    Dataset train = problem.train();
    Dataset test = problem.test();
    List<String> classNames = problem.classNames();
    int side = problem.imageSide();
    GlobalReference reference = problem.globalReference();
    List<String> steps = new ArrayList<>();

    if (!classes.isEmpty()) {
      int[] keep = new int[classes.size()];
      for (int i = 0; i < keep.length; i++) keep[i] = classes.get(i);
      train = Subsets.classSubset(train, keep);
      if (test != null) test = Subsets.classSubset(test, keep);
      List<String> names = new ArrayList<>();
      for (int c : keep) names.add(classNames.get(c));
      classNames = names;
      steps.add("classes " + classes);
      reference = changesTrainingSet(reference, "the class subset");
    }
    if (test == null && testFraction > 0) {
      Split split = Subsets.trainTestSplit(train, testFraction, splitStream);
      train = split.train();
      test = split.test();
      steps.add(String.format(Locale.ROOT, "test split %.3g (seed %d)", testFraction, seed));
      reference = changesTrainingSet(reference, "the test split");
    }
    if (trainSize > 0 && trainSize != train.size()) {
      checkSize("train size", trainSize, train);
      train = Subsets.subsample(train, trainSize, trainStream);
      steps.add("train subsample " + trainSize + (train.isClassification() ? " stratified" : "") + " (seed " + seed + ")");
      reference = changesTrainingSet(reference, "the training subsample");
    }
    if (testSize > 0 && test != null && testSize != test.size()) {
      checkSize("test size", testSize, test);
      test = Subsets.subsample(test, testSize, testStream);
      steps.add("test subsample " + testSize + " (seed " + seed + ")");
    }
    if (imageSide > 0 && imageSide != side) {
      if (side == 0) {
        throw new InputException(problem.name() + ": pooling to " + imageSide + "x" + imageSide
            + " asked, but its inputs are not square images; expected an image data set such as mnist");
      }
      AreaPooling pooling = new AreaPooling(side, imageSide);
      train = pooling.apply(train);
      if (test != null) test = pooling.apply(test);
      steps.add("average pool " + side + "x" + side + " -> " + imageSide + "x" + imageSide);
      side = imageSide;
      reference = changesTrainingSet(mayMergeInputs(reference, "pooling"), "pooling");
    }
    if (pcaDimensions > 0) {
      PrincipalComponents pca = PrincipalComponents.fit(train, pcaDimensions);
      train = pca.project(train);
      if (test != null) test = pca.project(test);
      steps.add("PCA " + pcaDimensions + " (fitted on train)");
      side = 0;
      reference = changesTrainingSet(mayMergeInputs(reference, "PCA"), "PCA");
    }
    if (standardize) {
      Standardizer standardizer = Standardizer.fit(train);
      train = standardizer.apply(train);
      if (test != null) test = standardizer.apply(test);
      steps.add("standardized (fitted on train)");
      reference = changesTrainingSet(reference, "standardization");
    }
    if (steps.isEmpty()) return problem;
    return problem.with(train, test, classNames, side, reference, String.join(" | ", steps));
  }

  private static void checkSize(String what, int wanted, Dataset data) {
    if (wanted > data.size()) {
      throw new InputException(data.name() + ": " + what + " " + wanted + " is larger than the " + data.size()
          + " examples available, expected at most " + data.size());
    }
  }

  /**
   * A closed-form or convex reference is a number computed on the exact training set; any step that
   * changes the training examples makes it unknown. A realizable reference (loss 0) survives.
   */
  private static GlobalReference changesTrainingSet(GlobalReference reference, String step) {
    if (reference.basis() != GlobalReference.Basis.CLOSED_FORM && reference.basis() != GlobalReference.Basis.CONVEX) return reference;
    return GlobalReference.unknown("was " + reference + " before " + step + ", which changes the training set it was computed on");
  }

  private static GlobalReference mayMergeInputs(GlobalReference reference, String step) {
    if (reference.basis() != GlobalReference.Basis.REALIZABLE) return reference;
    return GlobalReference.unknown("was realizable before " + step + ", which can merge inputs of different classes");
  }
}

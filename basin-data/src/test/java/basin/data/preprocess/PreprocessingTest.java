package basin.data.preprocess;

import static basin.data.Messages.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import basin.data.DatasetDescription;
import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

  /** n examples, d features with feature j ~ (j + 1) * U(-1, 1) + 10 j, labels i mod k (or targets). */
  static Dataset synthetic(int n, int d, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i * d + j] = (j + 1) * random.nextDouble(-1, 1) + 10 * j;
    if (k == 0) {
      double[] t = new double[n];
      for (int i = 0; i < n; i++) t[i] = x[i * d];
      return Dataset.regression("synthetic", n, d, x, 1, t);
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = (i * 7 + i / 3) % k;
    return Dataset.classification("synthetic", n, d, x, k, y);
  }

  @Test
  void classSubsetRelabelsInTheOrderGiven() {
    Dataset data = synthetic(90, 3, 3, 1);
    Dataset sub = Subsets.classSubset(data, new int[] {2, 0});
    assertEquals(2, sub.classCount());
    int expected = 0;
    for (int label : data.labels()) if (label != 1) expected++;
    assertEquals(expected, sub.size());
    int s = 0;
    for (int i = 0; i < data.size(); i++) {
      if (data.labels()[i] == 1) continue;
      assertEquals(data.labels()[i] == 2 ? 0 : 1, sub.labels()[s]);
      assertEquals(data.inputs()[i * 3], sub.inputs()[s * 3], 0.0);
      s++;
    }
  }

  @Test
  void classSubsetRefusesBadClasses() {
    Dataset data = synthetic(30, 2, 3, 1);
    assertInputError(() -> Subsets.classSubset(data, new int[] {0, 3}), "synthetic", "class 3", "out of range", "[0, 3)");
    assertInputError(() -> Subsets.classSubset(data, new int[] {1, 1}), "class 1 appears twice");
    assertInputError(() -> Subsets.classSubset(data, new int[] {1}), "fewer than 2 classes");
    assertInputError(() -> Subsets.classSubset(synthetic(10, 2, 0, 1), new int[] {0, 1}), "regression");
  }

  @Test
  void stratifiedSubsampleKeepsClassShares() {
    // class sizes 500, 300, 200
    int[] y = new int[1000];
    for (int i = 0; i < 1000; i++) y[i] = i < 500 ? 0 : i < 800 ? 1 : 2;
    Dataset data = Dataset.classification("shares", 1000, 1, new double[1000], 3, y);
    Dataset sub = Subsets.subsample(data, 101, new SplittableRandom(9));
    assertEquals(101, sub.size());
    // exact shares 50.5, 30.3, 20.2: floors 50, 30, 20, the leftover one goes to the largest remainder (class 0)
    assertEquals(List.of(51, 30, 20), DatasetDescription.classCounts(sub));
  }

  @Test
  void subsampleDrawsDistinctExamples() {
    Dataset data = synthetic(200, 2, 4, 2);
    Dataset sub = Subsets.subsample(data, 150, new SplittableRandom(4));
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < sub.size(); i++) assertTrue(seen.add(sub.inputs()[i * 2]), "example drawn twice");
    assertInputError(() -> Subsets.subsample(data, 201, new SplittableRandom(4)), "subsample size 201", "1 to 200");
  }

  @Test
  void aSeedFixesEverySplit() {
    Dataset data = synthetic(300, 4, 3, 3);
    Split a = Subsets.trainTestSplit(data, 0.25, new SplittableRandom(17));
    Split b = Subsets.trainTestSplit(data, 0.25, new SplittableRandom(17));
    Split c = Subsets.trainTestSplit(data, 0.25, new SplittableRandom(18));
    assertEquals(a.train(), b.train());
    assertEquals(a.test(), b.test());
    assertNotEquals(a.test().inputs()[0] + a.test().inputs()[4], c.test().inputs()[0] + c.test().inputs()[4]);
    assertEquals(75, a.test().size());
    assertEquals(225, a.train().size());
    assertEquals(List.of(25, 25, 25), DatasetDescription.classCounts(a.test()));
    // train and test are disjoint and together hold every example
    Set<Double> all = new HashSet<>();
    for (int i = 0; i < 300; i++) all.add(data.inputs()[i * 4]);
    Set<Double> union = new HashSet<>();
    for (int i = 0; i < 225; i++) union.add(a.train().inputs()[i * 4]);
    for (int i = 0; i < 75; i++) assertTrue(union.add(a.test().inputs()[i * 4]), "example in train and test");
    assertEquals(all, union);

    Split regression = Subsets.trainTestSplit(synthetic(40, 2, 0, 1), 0.5, new SplittableRandom(1));
    assertEquals(20, regression.test().size());
    assertInputError(() -> Subsets.trainTestSplit(data, 1.0, new SplittableRandom(1)), "test fraction 1.0", "[0, 1)");
    assertInputError(() -> Subsets.trainTestSplit(data, Double.NaN, new SplittableRandom(1)), "test fraction NaN");
  }

  @Test
  void integerFactorPoolingIsTheBlockMean() {
    double[] image = new double[16];
    for (int i = 0; i < 16; i++) image[i] = i * i;
    Dataset one = Dataset.classification("img", 1, 16, image, 2, new int[] {1});
    Dataset pooled = new AreaPooling(4, 2).apply(one);
    // blocks of the 4x4 image 0..15 squared: mean of {0,1,16,25}, {4,9,36,49}, ...; weights 1/2 are exact
    assertArrayEquals(new double[] {(0 + 1 + 16 + 25) / 4.0, (4 + 9 + 36 + 49) / 4.0,
        (64 + 81 + 144 + 169) / 4.0, (100 + 121 + 196 + 225) / 4.0}, pooled.inputs(), 1e-12);
  }

  @Test
  void areaWeightsForNonIntegerFactors() {
    double[] r = AreaPooling.rowWeights(28, 10);
    for (int out = 0; out < 10; out++) {
      double sum = 0;
      for (int in = 0; in < 28; in++) sum += r[out * 28 + in];
      assertEquals(1.0, sum, 1e-14, "row " + out);
    }
    // output 0 covers [0, 2.8): pixels 0 and 1 whole, 0.8 of pixel 2
    assertEquals(1 / 2.8, r[0], 1e-15);
    assertEquals(0.8 / 2.8, r[2], 1e-15);
    assertEquals(0.0, r[3], 0.0);
    // independent check: area pooling 28 -> 10 equals nearest-neighbour upsampling by 5 (to 140)
    // followed by the plain 14 x 14 block mean, because 28 * 5 / 10 = 14 is an integer
    SplittableRandom random = new SplittableRandom(6);
    double[] image = new double[28 * 28];
    for (int i = 0; i < image.length; i++) image[i] = random.nextDouble();
    Dataset pooled = new AreaPooling(28, 10).apply(Dataset.classification("img", 1, 784, image, 2, new int[] {0}));
    for (int bi = 0; bi < 10; bi++) {
      for (int bj = 0; bj < 10; bj++) {
        double sum = 0;
        for (int u = bi * 14; u < (bi + 1) * 14; u++) for (int v = bj * 14; v < (bj + 1) * 14; v++) sum += image[(u / 5) * 28 + v / 5];
        // tolerance: different summation order over 196 terms in [0, 1]
        assertEquals(sum / 196, pooled.inputs()[bi * 10 + bj], 1e-14);
      }
    }
    assertInputError(() -> new AreaPooling(7, 14), "7x7 to 14x14", "between 1 and 7");
  }

  @Test
  void standardizationUsesTrainingStatisticsOnly() {
    Dataset data = synthetic(400, 3, 2, 8);
    Split split = Subsets.trainTestSplit(data, 0.5, new SplittableRandom(2));
    Standardizer s = Standardizer.fit(split.train());
    Dataset train = s.apply(split.train());
    Dataset test = s.apply(split.test());
    // tolerance: rounding of sums over 200 values of size ~20
    for (int j = 0; j < 3; j++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < train.size(); i++) {
        mean += train.inputs()[i * 3 + j];
        sq += train.inputs()[i * 3 + j] * train.inputs()[i * 3 + j];
      }
      assertEquals(0.0, mean / train.size(), 1e-12);
      assertEquals(1.0, sq / train.size(), 1e-12);
    }
    // the test set is transformed with the training mean and scale, not its own
    double testMean = 0;
    for (int i = 0; i < test.size(); i++) testMean += test.inputs()[i * 3 + 1];
    assertTrue(Math.abs(testMean / test.size()) > 1e-6, "test set standardized with its own statistics?");
    assertEquals((split.test().inputs()[4] - s.mean()[1]) / s.scale()[1], test.inputs()[4], 1e-15);
    // changing the test set does not change the fitted transform
    Dataset shifted = Dataset.classification("shifted", split.test().size(), 3, shift(split.test().inputs(), 100), 2, split.test().labels());
    Preparation prep = Preparation.defaults(1).withStandardize(true);
    Problem withTest = new Problem(split.train(), split.test(), List.of("a", "b"), 0, GlobalReference.unknown("test"), "t");
    Problem withShiftedTest = new Problem(split.train(), shifted, List.of("a", "b"), 0, GlobalReference.unknown("test"), "t");
    assertEquals(prep.apply(withTest).train(), prep.apply(withShiftedTest).train());
  }

  private static double[] shift(double[] x, double by) {
    double[] out = x.clone();
    for (int i = 0; i < out.length; i++) out[i] += by;
    return out;
  }

  @Test
  void constantFeatureIsOnlyCentred() {
    double[] x = {1, 5, 2, 5, 3, 5};
    Standardizer s = Standardizer.fit(Dataset.classification("c", 3, 2, x, 2, new int[] {0, 1, 0}));
    assertEquals(1.0, s.scale()[1], 0.0);
    assertEquals(5.0, s.mean()[1], 0.0);
  }

  @Test
  void pcaRecoversKnownAxes() {
    // points spread 10 along (1, 1)/sqrt 2, 1 along (1, -1)/sqrt 2, 0.1 along z
    SplittableRandom random = new SplittableRandom(12);
    int n = 3000;
    double[] x = new double[n * 3];
    for (int i = 0; i < n; i++) {
      double a = 10 * random.nextDouble(-1, 1);
      double b = random.nextDouble(-1, 1);
      x[i * 3] = (a + b) / Math.sqrt(2) + 4;
      x[i * 3 + 1] = (a - b) / Math.sqrt(2) - 2;
      x[i * 3 + 2] = 0.1 * random.nextDouble(-1, 1);
    }
    Dataset data = Dataset.regression("axes", n, 3, x, 1, new double[n]);
    PrincipalComponents pca = PrincipalComponents.fit(data, 2);
    double[] u = pca.components();
    // |<u, e>| against the true axes (sign-free comparison); sampling error of the axis ~ 1/sqrt(n) * (1/10)
    assertEquals(1.0, Math.abs(u[0] + u[1]) / Math.sqrt(2), 1e-3);
    assertEquals(1.0, Math.abs(u[3] - u[4]) / Math.sqrt(2), 1e-3);
    assertEquals(100.0 / 3, pca.variances()[0], 100.0 / 3 * 0.1);
    assertEquals(2, pca.project(data).inputDim());
    assertInputError(() -> PrincipalComponents.fit(data, 4), "PCA to 4 dimensions", "1 to 3");
  }

  @Test
  void preparationSplitsSourcesWithoutTestAndIsReproducible() {
    Dataset data = synthetic(500, 4, 3, 21);
    Problem p = new Problem(data, null, List.of("a", "b", "c"), 0, GlobalReference.realizable("by construction"), "synthetic");
    Preparation prep = Preparation.defaults(77).withTrainSize(200).withStandardize(true);
    Problem a = prep.apply(p);
    Problem b = prep.apply(p);
    Problem c = prep.withSeed(78).apply(p);
    assertEquals(100, a.test().size());
    assertEquals(200, a.train().size());
    assertEquals(a.train(), b.train());
    assertEquals(a.test(), b.test());
    assertNotEquals(a.test(), c.test());
    assertEquals(GlobalReference.Basis.REALIZABLE, a.globalReference().basis());
    assertTrue(a.provenance().startsWith("synthetic | test split"), a.provenance());

    Problem projected = Preparation.defaults(77).withPcaDimensions(2).apply(p);
    assertEquals(GlobalReference.Basis.UNKNOWN, projected.globalReference().basis());
    assertSame(p, Preparation.defaults(1).withTestFraction(0).apply(p));

    assertInputError(() -> Preparation.defaults(1).withTrainSize(1000).apply(p), "train size 1000 is larger than the 400 examples");
    assertInputError(() -> Preparation.defaults(1).withImageSide(2).apply(p), "not square images");
    assertInputError(() -> Preparation.defaults(1).withTrainSize(-3), "train size -3 is negative");
  }
}

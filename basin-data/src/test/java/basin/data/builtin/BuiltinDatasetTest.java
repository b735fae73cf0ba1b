package basin.data.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import basin.data.DatasetDescription;
import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.preprocess.AreaPooling;
import basin.data.preprocess.Preparation;
import basin.data.preprocess.PrincipalComponents;
import basin.data.preprocess.Subsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real data sets read from the rapaio-datasets jar; MNIST is parsed once for the class. */
@org.junit.jupiter.api.Tag("slow")
class BuiltinDatasetTest {
  private static Problem mnist;

  @BeforeAll
  static void loadMnist() {
    mnist = BuiltinDataset.MNIST.load();
  }

  @Test
  void mnistHasTheOriginalSplitAndLabels() {
    Dataset train = mnist.train();
    Dataset test = mnist.test();
    assertEquals(60000, train.size());
    assertEquals(10000, test.size());
    assertEquals(784, train.inputDim());
    assertEquals(28, mnist.imageSide());
    assertEquals(10, train.classCount());
    // first labels of the original files (LeCun et al.): train starts 5, 0, 4, 1; test starts 7, 2, 1, 0
    assertArrayEquals(new int[] {5, 0, 4, 1}, java.util.Arrays.copyOf(train.labels(), 4));
    assertArrayEquals(new int[] {7, 2, 1, 0}, java.util.Arrays.copyOf(test.labels(), 4));
    List<Integer> counts = DatasetDescription.classCounts(train);
    for (int c = 0; c < 10; c++) assertTrue(counts.get(c) > 5000, "class " + c + " has " + counts.get(c));
    // class counts of the MNIST training set, as published with the data
    assertEquals(List.of(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949), counts);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : train.inputs()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(0.0, min, 0.0);
    assertEquals(1.0, max, 0.0);
    assertEquals(GlobalReference.Basis.UNKNOWN, mnist.globalReference().basis());
  }

  @Test
  void mnistPoolsTo14And7And10() {
    Dataset sample = Subsets.subsample(mnist.train(), 500, new SplittableRandom(3));
    for (int side : new int[] {14, 7, 10}) {
      Dataset pooled = new AreaPooling(28, side).apply(sample);
      assertEquals(500, pooled.size());
      assertEquals(side * side, pooled.inputDim());
      assertArrayEquals(sample.labels(), pooled.labels());
      // area weights keep each image's mean intensity; tolerance: a few ulps of summing 784 values in [0, 1]
      for (int e = 0; e < 500; e += 50) {
        double meanIn = 0;
        for (int j = 0; j < 784; j++) meanIn += sample.inputs()[e * 784 + j];
        double meanOut = 0;
        for (int j = 0; j < side * side; j++) meanOut += pooled.inputs()[e * side * side + j];
        assertEquals(meanIn / 784, meanOut / (side * side), 1e-12);
      }
    }
  }

  @Test
  void mnistPreparationPipeline() {
    Preparation prep = Preparation.defaults(42).withClasses(List.of(3, 8)).withTrainSize(1000).withTestSize(200)
        .withImageSide(7).withPcaDimensions(10).withStandardize(true);
    Problem p = prep.apply(mnist);
    assertEquals(1000, p.train().size());
    assertEquals(200, p.test().size());
    assertEquals(10, p.train().inputDim());
    assertEquals(0, p.imageSide());
    assertEquals(List.of("3", "8"), p.classNames());
    assertEquals(2, p.train().classCount());
    assertTrue(p.provenance().startsWith("mnist: "), p.provenance());
    assertTrue(p.provenance().contains("classes [3, 8]") && p.provenance().contains("PCA 10"), p.provenance());
    // stratified: the 3:8 ratio of the training set (6131:5851) survives in 1000 draws to within one example
    int threes = DatasetDescription.classCounts(p.train()).get(0);
    assertEquals(1000.0 * 6131 / (6131 + 5851), threes, 1.0);
    // a second run with the same seed is identical, bit for bit
    assertEquals(p.train(), prep.apply(mnist).train());
    assertEquals(p.test(), prep.apply(mnist).test());
  }

  @Test
  void mnistPcaOnASubsample() {
    Dataset sample = Subsets.subsample(mnist.train(), 2000, new SplittableRandom(5));
    PrincipalComponents pca = PrincipalComponents.fit(sample, 50);
    Dataset z = pca.project(sample);
    assertEquals(50, z.inputDim());
    for (int k = 1; k < 50; k++) assertTrue(pca.variances()[k] <= pca.variances()[k - 1]);
    // the projected training coordinates have the eigenvalues as variances; relative tolerance covers
    // the different summation order of the two computations
    for (int k = 0; k < 5; k++) {
      double sum = 0;
      for (int i = 0; i < 2000; i++) sum += z.inputs()[i * 50 + k] * z.inputs()[i * 50 + k];
      assertEquals(pca.variances()[k], sum / 1999, 1e-9 * pca.variances()[k]);
    }
  }

  @Test
  void iris() {
    Problem p = BuiltinDataset.IRIS.load();
    assertEquals(150, p.train().size());
    assertEquals(4, p.train().inputDim());
    assertNull(p.test());
    assertEquals(List.of("setosa", "versicolor", "virginica"), p.classNames());
    assertEquals(List.of(50, 50, 50), DatasetDescription.classCounts(p.train()));
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, java.util.Arrays.copyOf(p.train().inputs(), 4), 0.0);
  }

  @Test
  void sonar() {
    Problem p = BuiltinDataset.SONAR.load();
    assertEquals(208, p.train().size());
    assertEquals(60, p.train().inputDim());
    assertEquals(List.of("Mine", "Rock"), p.classNames());
    assertEquals(List.of(111, 97), DatasetDescription.classCounts(p.train()));
    assertEquals(0.02, p.train().inputs()[0], 0.0);
  }

  @Test
  void spambase() {
    Problem p = BuiltinDataset.SPAMBASE.load();
    assertEquals(4601, p.train().size());
    assertEquals(57, p.train().inputDim());
    assertEquals(List.of("0", "1"), p.classNames());
    assertEquals(List.of(2788, 1813), DatasetDescription.classCounts(p.train()));
  }

  @Test
  void housing() {
    Problem p = BuiltinDataset.HOUSING.load();
    assertEquals(506, p.train().size());
    assertEquals(13, p.train().inputDim());
    assertFalse(p.train().isClassification());
    assertEquals(1, p.train().targetDim());
    assertEquals(24.0, p.train().targets()[0], 0.0);
    assertEquals(List.of(), p.classNames());
  }

  @Test
  void namesAndAliases() {
    assertEquals(BuiltinDataset.SPAMBASE, BuiltinDataset.find("spam-base").orElseThrow());
    assertEquals(BuiltinDataset.MNIST, BuiltinDataset.find("MNIST").orElseThrow());
    assertTrue(BuiltinDataset.find("cifar").isEmpty());
  }
}

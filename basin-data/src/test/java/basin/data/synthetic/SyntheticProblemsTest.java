package basin.data.synthetic;

import static basin.data.Messages.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import basin.core.data.Dataset;
import basin.data.DatasetDescription;
import basin.data.GlobalReference;
import basin.data.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticProblemsTest {

  @Test
  void xorCorners() {
    Problem p = SyntheticProblems.xor();
    assertEquals(4, p.train().size());
    assertSame(p.train(), p.test());
    assertArrayEquals(new int[] {0, 1, 1, 0}, p.train().labels());
    assertEquals(GlobalReference.Basis.REALIZABLE, p.globalReference().basis());
    assertEquals(0.0, p.globalReference().value(), 0.0);
  }

  @Test
  void noisyXorLabelsFollowTheSigns() {
    Problem p = SyntheticProblems.noisyXor(500, 0.4, 3);
    Dataset d = p.train();
    for (int i = 0; i < d.size(); i++) {
      boolean differ = (d.inputs()[2 * i] > 0) != (d.inputs()[2 * i + 1] > 0);
      assertEquals(differ ? 1 : 0, d.labels()[i]);
    }
    assertEquals(500, p.test().size());
    assertNotEquals(p.train().inputs()[0], p.test().inputs()[0]);
  }

  @Test
  void fullParityTable() {
    Problem p = SyntheticProblems.parity(5, 0, 0);
    Dataset d = p.train();
    assertEquals(32, d.size());
    assertEquals(5, d.inputDim());
    for (int r = 0; r < 32; r++) {
      int ones = 0;
      for (int j = 0; j < 5; j++) if (d.inputs()[r * 5 + j] > 0) ones++;
      assertEquals(ones % 2, d.labels()[r]);
    }
    assertEquals(List.of(16, 16), DatasetDescription.classCounts(d));
    assertInputError(() -> SyntheticProblems.parity(21, 0, 0), "parity", "bits=21", "at most 20");
  }

  @Test
  void sampledParityIsSeeded() {
    Problem a = SyntheticProblems.parity(30, 100, 5);
    Problem b = SyntheticProblems.parity(30, 100, 5);
    assertEquals(a.train(), b.train());
    assertEquals(a.test(), b.test());
    assertNotEquals(a.train(), SyntheticProblems.parity(30, 100, 6).train());
  }

  @Test
  void gaussianMixtureShapesAndSeeds() {
    Problem p = SyntheticProblems.gaussianMixture(3, 2, 300, 2.0, 9);
    assertEquals(300, p.train().size());
    assertEquals(300, p.test().size());
    assertEquals(List.of(100, 100, 100), DatasetDescription.classCounts(p.train()));
    assertEquals(GlobalReference.Basis.UNKNOWN, p.globalReference().basis());
    assertEquals(p.train(), SyntheticProblems.gaussianMixture(3, 2, 300, 2.0, 9).train());
    // class 0 has mean (+2, 0): its sample mean is within 5 standard errors (1/sqrt(100) each)
    double mean = 0;
    for (int i = 0; i < 300; i += 3) mean += p.train().inputs()[2 * i];
    assertEquals(2.0, mean / 100, 5 * 0.1);
    assertInputError(() -> SyntheticProblems.gaussianMixture(5, 2, 300, 2.0, 9), "gaussians", "classes=5", "classes <= 2*dim");
  }

  @Test
  void spiralsShapesAndSeeds() {
    Problem p = SyntheticProblems.twoSpirals(200, 1.5, 0.0, 4);
    assertEquals(200, p.train().size());
    assertEquals(List.of(100, 100), DatasetDescription.classCounts(p.train()));
    // without noise every point lies within the unit disc
    for (int i = 0; i < 200; i++) {
      double r = Math.hypot(p.train().inputs()[2 * i], p.train().inputs()[2 * i + 1]);
      assertEquals(0.5, r, 0.5 + 1e-12);
    }
    assertEquals(p.test(), SyntheticProblems.twoSpirals(200, 1.5, 0.0, 4).test());
    assertInputError(() -> SyntheticProblems.twoSpirals(200, -1, 0.0, 4), "spirals", "turns=-1.0");
  }
}

package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import basin.core.optim.OptimizationResult;
import basin.data.testfunctions.Himmelblau;
import basin.data.testfunctions.KnownCriticalPoint;
import org.junit.jupiter.api.Test;

/** The classification rules on Himmelblau's tabulated critical points and on bad points. */
class PointClassifierTest {

  /**
   * Each of Himmelblau's 9 critical points (17-digit literals, |g| about 1e-13) is a MINIMUM or a
   * SADDLE with the tabulated index (the maximum is a SADDLE of index 2 = P), nullity 0, and |H g|
   * about |H| |g|, so the flatness ratio is far above the 1e-6 threshold.
   */
  @Test
  void himmelblauTableIsClassified() {
    Himmelblau h = new Himmelblau();
    PointClassifier c = new PointClassifier(PointClassifier.Config.defaults());
    for (KnownCriticalPoint k : h.knownCriticalPoints()) {
      CriticalPointReport r = c.classify(h, null, k.point(), OptimizationResult.Status.CONVERGED);
      assertEquals(k.index() == 0 ? PointKind.MINIMUM : PointKind.SADDLE, r.kind(), r.toString());
      assertEquals(k.index(), r.index());
      assertEquals(0, r.nullity());
      assertEquals(k.index() / 2.0, r.indexFraction(), 0.0);
      assertEquals(k.value(), r.value(), 1e-9 * Math.max(1, Math.abs(k.value())));
      assertNotNull(r.certificate());
    }
  }

  @Test
  void nonFiniteAndDivergedPointsAreDiverged() {
    Himmelblau h = new Himmelblau();
    PointClassifier c = new PointClassifier(PointClassifier.Config.defaults());
    assertEquals(PointKind.DIVERGED, c.classify(h, null, new double[] {Double.NaN, 0}, null).kind());
    assertEquals(PointKind.DIVERGED, c.classify(h, null, new double[] {3, 2}, OptimizationResult.Status.DIVERGED).kind());
    assertEquals(PointKind.NOT_CONVERGED, c.classify(h, null, new double[] {1, 1}, null).kind());
    assertThrows(IllegalArgumentException.class, () -> c.classify(h, null, new double[3], null));
    assertThrows(IllegalArgumentException.class, () -> PointClassifier.Config.defaults().withFlatRatioTolerance(-1));
  }
}

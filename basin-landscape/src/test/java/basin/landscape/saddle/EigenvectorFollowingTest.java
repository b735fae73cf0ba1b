package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.data.testfunctions.KnownCriticalPoint;
import basin.data.testfunctions.MullerBrown;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eigenvector following on the Muller-Brown potential, whose two index-1 saddles are known to 17 digits. */
class EigenvectorFollowingTest {

  static final MullerBrown MB = new MullerBrown();
  static final List<KnownCriticalPoint> KNOWN = MB.knownCriticalPoints();
  /** Acceptance distance to the known saddle: 1e-6, far above the 1e-16 accuracy of the literals. */
  static final double DISTANCE = 1e-6;

  static double distance(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  static void assertCertifiedSaddle(Objective f, double[] point) {
    Certificate c = new Certifier(Certifier.Config.defaults()).certify(f, SymmetryGroup.trivial(2), point, null);
    assertEquals(CriticalPointClass.SADDLE, c.classification(), c.toString());
    assertEquals(1, c.index(), c.toString());
  }

  @Test
  void perturbedSaddleStartsConvergeToTheirSaddle() {
    EigenvectorFollowing ef = new EigenvectorFollowing(EigenvectorFollowing.Config.defaults());
    SplittableRandom random = new SplittableRandom(13);
    for (int s = 3; s <= 4; s++) {
      double[] saddle = KNOWN.get(s).point();
      for (int trial = 0; trial < 8; trial++) {
        double angle = 2 * Math.PI * random.nextDouble();
        double radius = 0.05 + 0.03 * random.nextDouble();
        double[] start = {saddle[0] + radius * Math.cos(angle), saddle[1] + radius * Math.sin(angle)};
        EigenvectorFollowing.Result r = ef.follow(MB, start, null);
        assertTrue(r.converged(), "saddle " + s + " trial " + trial + ": " + r);
        assertTrue(distance(r.point(), saddle) <= DISTANCE, "saddle " + s + " trial " + trial + ": " + r);
        assertCertifiedSaddle(MB, r.point());
      }
    }
  }

  /**
   * From each minimum with the straight direction to an adjacent saddle (the global minimum to the
   * upper saddle, the other two minima to the saddles next to them): the climb phase walks up the line,
   * P-RFO converges: defaults (maxStep 0.1, maximum-overlap), lowest-mode following, and lowest-mode
   * following with maxStep 0.2. (Maximum overlap with 0.2 goes from the global minimum to the other
   * saddle, and with maxStep 0.05 and below the walk from the global minimum is lost: see the class
   * comment of EigenvectorFollowing.)
   */
  @Test
  void fromEachMinimumTowardsItsSaddle() {
    int[][] pairs = {{0, 3}, {1, 4}, {2, 3}, {2, 4}};
    for (EigenvectorFollowing.Config config : new EigenvectorFollowing.Config[] {EigenvectorFollowing.Config.defaults(),
        EigenvectorFollowing.Config.defaults().withModeSelection(EigenvectorFollowing.ModeSelection.LOWEST),
        EigenvectorFollowing.Config.defaults().withModeSelection(EigenvectorFollowing.ModeSelection.LOWEST).withMaxStep(0.2)}) {
    EigenvectorFollowing ef = new EigenvectorFollowing(config);
    for (int[] pair : pairs) {
      double[] min = KNOWN.get(pair[0]).point();
      double[] saddle = KNOWN.get(pair[1]).point();
      double[] direction = {saddle[0] - min[0], saddle[1] - min[1]};
      EigenvectorFollowing.Result r = ef.follow(MB, min, direction);
      String where = config + ", minimum " + pair[0] + " towards saddle " + pair[1] + ": " + r;
      assertTrue(r.converged(), where);
      assertTrue(distance(r.point(), saddle) <= DISTANCE, where);
      assertTrue(r.followedEigenvalue() < 0, where);
      assertCertifiedSaddle(MB, r.point());
    }
    }
  }

  /** Above the dense limit (forced with denseLimit 0): Lanczos minimum-mode following from perturbed saddles. */
  @Test
  void lanczosPathConvergesFromPerturbedSaddles() {
    EigenvectorFollowing ef = new EigenvectorFollowing(EigenvectorFollowing.Config.defaults().withDenseLimit(0));
    for (int s = 3; s <= 4; s++) {
      double[] saddle = KNOWN.get(s).point();
      double[] start = {saddle[0] + 0.04, saddle[1] - 0.03};
      EigenvectorFollowing.Result r = ef.follow(MB, start, null);
      assertTrue(r.converged() && distance(r.point(), saddle) <= DISTANCE, "saddle " + s + ": " + r);
      assertTrue(r.hessianVectorProducts() > 0);
    }
  }

  @Test
  void rejectsBadConfigurationAndShapes() {
    assertThrows(IllegalArgumentException.class, () -> EigenvectorFollowing.Config.defaults().withMaxStep(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> EigenvectorFollowing.Config.defaults().withMaxIterations(-1));
    EigenvectorFollowing ef = new EigenvectorFollowing(EigenvectorFollowing.Config.defaults());
    assertThrows(IllegalArgumentException.class, () -> ef.follow(MB, new double[3], null));
    assertThrows(IllegalArgumentException.class, () -> ef.follow(MB, new double[2], new double[1]));
  }
}

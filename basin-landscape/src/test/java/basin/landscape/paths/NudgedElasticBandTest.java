package basin.landscape.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.data.testfunctions.KnownCriticalPoint;
import basin.data.testfunctions.MullerBrown;
import basin.landscape.certify.Certifier;
import basin.landscape.saddle.EigenvectorFollowing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acceptance test of issue 14: the band with a climbing image, refined, finds Muller-Brown's two saddles. */
class NudgedElasticBandTest {
  /** Location and energy tolerance of the acceptance criterion. */
  static final double ACCEPTANCE = 1e-6;

  /**
   * 5 starting images, k = 10, FIRE dt 1e-4 up to 1e-3, max move 0.01, plain band to |F| &lt;= 5, then
   * climbing to |F| &lt;= 0.5 (deliberately loose: the refinement, not the band, has to reach 1e-6).
   * Measured: 631 and 423 iterations, 2 images inserted in each band, climbing images 2.1e-5 and 2.4e-4
   * from the saddles, refined in 2 eigenvector-following steps each to |g| below 1e-11.
   */
  @Test
  void mullerBrownSaddlesBetweenConsecutiveMinima() {
    MullerBrown f = new MullerBrown();
    List<KnownCriticalPoint> known = f.knownCriticalPoints();
    double[] global = known.get(0).point();
    double[] right = known.get(1).point();
    double[] shallow = known.get(2).point();
    double[][][] pairs = {{global, shallow}, {shallow, right}};
    KnownCriticalPoint[] saddles = {known.get(3), known.get(4)};
    NudgedElasticBand neb = new NudgedElasticBand(NudgedElasticBand.Config.defaults().withImages(5).withSpringConstant(10)
        .withForceTolerance(0.5).withClimbTolerance(5).withTimeStep(1e-4, 1e-3).withMaxMove(0.01));
    for (int k = 0; k < 2; k++) {
      NudgedElasticBand.Result band = neb.run(f, pairs[k][0], pairs[k][1]);
      String which = "saddle " + k + " " + saddles[k];
      assertEquals(NudgedElasticBand.Status.CONVERGED, band.status(), which);
      assertTrue(band.insertedImages() > 0, which + ": images were inserted");
      assertEquals(band.images().length, band.energies().length);
      double[] top = band.climbingPoint();
      double[] s = saddles[k].point();
      assertTrue(PathProfiles.distance(top, s) < 1e-2, which + ": the climbing image is near the saddle, at " + PathProfiles.distance(top, s));
      TransitionStates.TransitionState ts = TransitionStates.refine(f, null, band, EigenvectorFollowing.Config.defaults(),
          new Certifier(Certifier.Config.defaults()));
      assertTrue(ts.certified(), which + ": " + ts.certificate());
      assertEquals(1, ts.certificate().index(), which);
      double[] x = ts.point();
      assertEquals(s[0], x[0], ACCEPTANCE, which + ": x");
      assertEquals(s[1], x[1], ACCEPTANCE, which + ": y");
      assertEquals(saddles[k].value(), ts.value(), ACCEPTANCE, which + ": energy");
    }
  }

  /** Without climbing the band's highest image stays below the saddle it crosses (it only bounds it). */
  @Test
  void withoutClimbingTheTopImageBoundsTheSaddleFromBelow() {
    MullerBrown f = new MullerBrown();
    List<KnownCriticalPoint> known = f.knownCriticalPoints();
    NudgedElasticBand.Result band = new NudgedElasticBand(NudgedElasticBand.Config.defaults().withImages(8).withSpringConstant(10)
        .withClimbing(false).withForceTolerance(0.5).withClimbTolerance(5).withTimeStep(1e-4, 1e-3).withMaxMove(0.01).withMaxImages(8))
        .run(f, known.get(0).point(), known.get(2).point());
    assertEquals(NudgedElasticBand.Status.CONVERGED, band.status());
    double top = band.energies()[band.climbingImage()];
    assertTrue(top < known.get(3).value(), "top image " + top + " vs saddle " + known.get(3).value());
    PathProfile p = PathProfiles.evaluate(band.path(), f, null, 50);
    assertEquals(band.energies()[0], p.trainLoss()[0], 0.0);
    assertTrue(p.train().maxLoss() >= top);
  }
}

package basin.landscape.paths;

import basin.core.Objective;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.saddle.EigenvectorFollowing;
import basin.landscape.symmetry.SymmetryGroup;

/**
 * Refines a band's climbing image to a transition state: eigenvector following ({@link
 * EigenvectorFollowing}, P-RFO, maximum-overlap mode selection) from the climbing image along the
 * band's tangent there, then a certificate ({@link Certifier}) of the point reached. The refined
 * point is a certified transition state when the certificate is a SADDLE of index exactly 1 with
 * |g| within the certifier's tolerance.
 *
 * <p>Cost: that of the eigenvector following (dense Hessians up to its dense limit) plus one
 * certificate.
 */
public final class TransitionStates {
  private TransitionStates() {}

  /**
   * @param search the eigenvector-following run
   * @param certificate the certificate of its end point
   * @param certified whether that point is a certified index-1 saddle
   */
  public record TransitionState(EigenvectorFollowing.Result search, Certificate certificate, boolean certified) {
    /** The refined point (a copy). */
    public double[] point() {
      return certificate.point();
    }

    /** f at the refined point. */
    public double value() {
      return certificate.value();
    }
  }

  /**
   * @param f the objective; used from the calling thread only
   * @param groupOrNull the symmetries of f (their zero modes are set aside by the certificate), or null
   * @param band a relaxed band (its climbing image and tangent are the start)
   * @param following the eigenvector-following configuration
   * @param certifier the certifier
   */
  public static TransitionState refine(Objective f, SymmetryGroup groupOrNull, NudgedElasticBand.Result band,
      EigenvectorFollowing.Config following, Certifier certifier) {
    return refine(f, groupOrNull, band.climbingPoint(), band.climbingTangent(), following, certifier);
  }

  /** As above, from any start and direction. */
  public static TransitionState refine(Objective f, SymmetryGroup groupOrNull, double[] start, double[] direction,
      EigenvectorFollowing.Config following, Certifier certifier) {
    EigenvectorFollowing.Result r = new EigenvectorFollowing(following).follow(f, start, direction);
    Certificate c = certifier.certify(f, groupOrNull, r.point(), null);
    boolean certified = c.classification() == CriticalPointClass.SADDLE && c.index() == 1 && c.gradientNorm() <= c.gradientTolerance();
    return new TransitionState(r, c, certified);
  }
}

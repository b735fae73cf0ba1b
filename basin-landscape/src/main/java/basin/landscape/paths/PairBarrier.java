package basin.landscape.paths;

import basin.core.Objective;
import basin.core.model.Mlp;

/**
 * The barrier on the straight line between two minima after aligning the second to the first: the
 * cheap, symmetric-enough edge weight of a landscape graph. With an MLP layout the second point is
 * aligned by {@link WeightMatching} (permutations, signs of odd units, and, when the loss allows it,
 * scales of positively homogeneous units); without one (an objective with no permutation symmetry)
 * the points are used as given. Scales must be aligned only when rescaling is a symmetry of the
 * loss: an L2 term breaks it, and a rescaled second point is then no longer the minimum it was (its
 * loss rises), so the line would not join the two minima.
 *
 * <p>Cost: one weight matching (see there) plus {@code points} values of f. Not thread-safe in f.
 */
public final class PairBarrier {
  private PairBarrier() {}

  /** Line profile points of {@link #alignedLine(Objective, Mlp, double[], double[])}. */
  public static final int DEFAULT_POINTS = 51;

  /**
   * @param alignment WEIGHT when a layout was given, NONE otherwise
   * @param alignedB the second point as used (aligned, or b itself)
   * @param profile the straight-line profile from a to alignedB (train loss only); {@code
   *     profile.train()} holds the barriers
   */
  public record Result(AlignmentMethod alignment, double[] alignedB, PathProfile profile) {
    /** The barrier above the higher end point (see {@link PathBarriers}). */
    public double barrier() {
      return profile.train().barrierAboveEndpoints();
    }

    /** The barrier above the chord of the end losses (Entezari et al.; see {@link PathBarriers}). */
    public double barrierAboveChord() {
      return profile.train().barrierAboveChord();
    }
  }

  /**
   * {@link #alignedLine(Objective, Mlp, boolean, double[], double[], int)} with {@link
   * #DEFAULT_POINTS}.
   */
  public static Result alignedLine(Objective f, Mlp layoutOrNull, boolean alignScales, double[] a, double[] b) {
    return alignedLine(f, layoutOrNull, alignScales, a, b, DEFAULT_POINTS);
  }

  /**
   * @param f the loss
   * @param layoutOrNull the MLP whose parameters a and b are, or null for no alignment
   * @param alignScales whether rescaling positively homogeneous units is a symmetry of f (false
   *     with an L2 term; see the class comment)
   * @param a first minimum (not modified)
   * @param b second minimum (not modified)
   * @param points K &gt;= 2 equally spaced points on the line
   */
  public static Result alignedLine(Objective f, Mlp layoutOrNull, boolean alignScales, double[] a, double[] b, int points) {
    double[] aligned = layoutOrNull == null
        ? b.clone()
        : new WeightMatching(WeightMatching.Config.defaults().withAlignScales(alignScales)).apply(layoutOrNull, a, b).alignedB();
    PathProfile profile = PathProfiles.evaluate(new StraightLine(a, aligned), f, null, points);
    return new Result(layoutOrNull == null ? AlignmentMethod.NONE : AlignmentMethod.WEIGHT, aligned, profile);
  }
}

package basin.study.verdict;

import basin.study.stats.GrowthLaw;
import java.util.Objects;

/**
 * One scaling sweep of a study: distinct minima against a sweep axis (hidden width, depth, training
 * examples), with its fitted growth law.
 *
 * @param axis the axis as the sentence names it, for example "width"
 * @param law the fit of the distinct minima (or a richness estimate) against the axis
 */
public record Sweep(String axis, GrowthLaw law) {
  public Sweep {
    Objects.requireNonNull(axis, "axis");
    Objects.requireNonNull(law, "law");
  }

  /**
   * Fits the counts of a sweep ({@link GrowthLaw#fit(double[], double[], long[])}: unweighted, 95%,
   * points whose count reached their starts flagged as saturated).
   *
   * @param axis the axis's name
   * @param values the axis's values, each &gt; 0
   * @param distinctMinima distinct minima at each value, each &gt; 0
   * @param starts minimum-ending starts behind each count
   */
  public static Sweep of(String axis, double[] values, double[] distinctMinima, long[] starts) {
    return new Sweep(axis, GrowthLaw.fit(values, distinctMinima, starts));
  }
}

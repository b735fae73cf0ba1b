package basin.study;

import basin.core.linalg.Vectors;
import basin.core.model.Mlp;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.symmetry.MlpSymmetryGroup;
import basin.landscape.symmetry.SymmetryDistance;
import basin.landscape.symmetry.SymmetryGroup;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups the certified minima of a study into distinct minima. Starts are visited in start-index
 * order; a minimum joins the first earlier distinct minimum whose loss agrees within
 * {@code loss * max(1, |loss|)} and whose distance modulo the network's symmetries
 * ({@link SymmetryDistance}: unit permutations solved as assignment problems, sign flips, ReLU
 * rescaling) is at most {@code parameter * max(1, ||w||)}; otherwise it founds a new one. The
 * result depends only on the set of recorded starts, never on the order they were computed in.
 *
 * <p>Each distinct minimum also records {@link MinimumRecord#nearestDistance()}: the distance, by the
 * same measure as the clustering, from its representative to the nearest other
 * representative.
 */
public final class MinimaClustering {
  private MinimaClustering() {}

  /**
   * The distinct minima of {@code starts}, numbered 0, 1, ... in order of discovery (start index).
   *
   * <p>Cost: at most one distance per (certified minimum, earlier distinct minimum) pair to cluster,
   * then k(k-1)/2 distances between the k representatives for the nearest distances.
   *
   * @param starts recorded starts with their parameter vectors (not modified); only certified minima count
   * @param model the study's network, which fixes the symmetry group of the distance
   *     ({@link MlpSymmetryGroup}: unit permutations, signs, rescaling; the end-to-end map for deep linear networks)
   * @param tol clustering tolerances
   */
  public static List<MinimumRecord> cluster(List<StartRecord> starts, Mlp model, StudySpec.Tolerances tol) {
    return cluster(starts, MlpSymmetryGroup.of(model), tol);
  }

  /**
   * The distinct minima of {@code starts} modulo any symmetry group (see {@link #cluster(List, Mlp,
   * StudySpec.Tolerances)}).
   *
   * @param starts recorded starts with their parameter vectors (not modified); only certified minima count
   * @param group the symmetries of the study's objective, which define the distance
   * @param tol clustering tolerances
   */
  public static List<MinimumRecord> cluster(List<StartRecord> starts, SymmetryGroup group, StudySpec.Tolerances tol) {
    Distance distance = group::distance;
    List<StartRecord> reps = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    List<StartRecord> sorted = new ArrayList<>(starts);
    sorted.sort((a, b) -> Integer.compare(a.startIndex(), b.startIndex()));
    for (StartRecord s : sorted) {
      if (!isMinimum(s)) continue;
      int found = -1;
      for (int k = 0; k < reps.size() && found < 0; k++) {
        StartRecord rep = reps.get(k);
        double lossTol = tol.loss() * Math.max(1.0, Math.abs(rep.trainLoss()));
        if (!(Math.abs(rep.trainLoss() - s.trainLoss()) <= lossTol)) continue;
        double paramTol = tol.parameter() * Math.max(1.0, Vectors.norm(rep.parameters()));
        if (distance.distance(rep.parameters(), s.parameters()) <= paramTol) found = k;
      }
      if (found < 0) {
        reps.add(s);
        List<Integer> m = new ArrayList<>();
        m.add(s.startIndex());
        members.add(m);
      } else {
        members.get(found).add(s.startIndex());
      }
    }
    double[] nearest = nearestDistances(reps, distance);
    List<MinimumRecord> out = new ArrayList<>();
    for (int k = 0; k < reps.size(); k++) {
      StartRecord r = reps.get(k);
      int[] ids = members.get(k).stream().mapToInt(Integer::intValue).toArray();
      out.add(MinimumRecord.of(k, r, ids, nearest[k]));
    }
    return out;
  }

  /**
   * nearest[i] = min over j != i of d(w_i, w_j) for the representatives' parameters w. Each pair is
   * computed once, as d(w_i, w_j) with i &lt; j, and serves both ends, so the two minima of the closest
   * pair carry the same number. Cost: k(k-1)/2 distance calls. A NaN distance is skipped; nearest[i]
   * is NaN when no other representative has a non-NaN distance to i (in particular when k = 1).
   */
  static double[] nearestDistances(List<StartRecord> reps, Distance distance) {
    int k = reps.size();
    double[] nearest = new double[k];
    Arrays.fill(nearest, Double.NaN);
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double d = distance.distance(reps.get(i).parameters(), reps.get(j).parameters());
        if (Double.isNaN(d)) continue;
        if (Double.isNaN(nearest[i]) || d < nearest[i]) nearest[i] = d;
        if (Double.isNaN(nearest[j]) || d < nearest[j]) nearest[j] = d;
      }
    }
    return nearest;
  }

  /** A distance between parameter vectors modulo the model's symmetries. */
  interface Distance {
    double distance(double[] a, double[] b);
  }

  static boolean isMinimum(StartRecord s) {
    return CriticalPointClass.STRICT_MINIMUM.name().equals(s.criticalClass())
        || CriticalPointClass.DEGENERATE_MINIMUM.name().equals(s.criticalClass());
  }
}

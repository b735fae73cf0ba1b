package basin.study;

import basin.core.linalg.Vectors;
import basin.core.model.Mlp;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.symmetry.SymmetryDistance;
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
 * same measure as the clustering ({@code distanceFor}), from its representative to the nearest other
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
   * @param tol clustering tolerances
   */
  public static List<MinimumRecord> cluster(List<StartRecord> starts, Mlp model, StudySpec.Tolerances tol) {
    Distance distance = distanceFor(model);
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

  /**
   * For a deep linear network the symmetry group is GL(d_l) on every hidden layer, which unit
   * permutations, signs and scales do not exhaust; there the end-to-end map W_L ... W_1 (with the
   * biases composed in) is the complete invariant, and the distance is the Frobenius distance of
   * the maps. Every other network uses {@link SymmetryDistance}.
   */
  static Distance distanceFor(Mlp model) {
    boolean linear = true;
    for (basin.core.model.Activation a : model.activations()) linear &= a == basin.core.model.Activation.LINEAR;
    if (linear && model.layerCount() > 1) {
      return (a, b) -> {
        double[] ma = endToEnd(model, a);
        double[] mb = endToEnd(model, b);
        double s = 0;
        for (int i = 0; i < ma.length; i++) s += (ma[i] - mb[i]) * (ma[i] - mb[i]);
        return Math.sqrt(s);
      };
    }
    SymmetryDistance d = new SymmetryDistance(model);
    return d::distance;
  }

  /** The affine map of a linear network as a d_L x (d_0 + 1) matrix [M | c], row-major. */
  static double[] endToEnd(Mlp model, double[] w) {
    int d0 = model.inputDim();
    int cols = d0 + 1;
    double[] m = new double[d0 * cols];
    for (int i = 0; i < d0; i++) m[i * cols + i] = 1.0; // identity map, zero offset

    for (int l = 1; l <= model.layerCount(); l++) {
      int o = model.width(l);
      int in = model.width(l - 1);
      double[] next = new double[o * cols];
      for (int j = 0; j < o; j++) {
        for (int c = 0; c < cols; c++) {
          double s = (c == d0 && model.bias()) ? w[model.biasOffset(l) + j] : 0.0;
          for (int k = 0; k < in; k++) s += w[model.weightOffset(l) + j * in + k] * m[k * cols + c];
          next[j * cols + c] = s;
        }
      }
      m = next;
    }
    return m;
  }

  static boolean isMinimum(StartRecord s) {
    return CriticalPointClass.STRICT_MINIMUM.name().equals(s.criticalClass())
        || CriticalPointClass.DEGENERATE_MINIMUM.name().equals(s.criticalClass());
  }
}

package basin.landscape.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Weight and activation matching: a permuted copy of a minimum is aligned back onto it (zero barrier
 * on the straight line), and planted permutations of perturbed copies are recovered on small networks,
 * with the measured failure rates where they are not.
 */
class AlignmentTest {
  /** Barrier tolerance: the aligned copy equals the minimum up to a few ULPs of its entries, losses ~1e-2. */
  static final double ROUNDING = 1e-12;

  @Test
  void alignedLineBetweenAMinimumAndItsPermutedCopyHasNoBarrier() {
    for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
      Mlp model = Mlp.of(act, true, 2, 6, 6, 1);
      MlpObjective f = PathFixtures.regression(model, 60, 3);
      double[] a = PathFixtures.minimum(f, 11);
      SplittableRandom r = new SplittableRandom(5);
      int[][] perm = PathFixtures.permutations(model, r);
      int[][] sign = UnitMoves.identity(model, 1);
      if (act.isOdd()) {
        for (int[] s : sign) for (int j = 0; j < s.length; j++) s[j] = r.nextBoolean() ? 1 : -1;
      }
      double[] b = UnitMoves.permute(model, a, perm, sign);
      if (act.isPositivelyHomogeneous()) {
        for (int l = 1; l < model.layerCount(); l++) {
          for (int j = 0; j < model.width(l); j++) UnitMoves.scaleUnit(model, l, j, Math.exp(r.nextDouble() - 0.5), b);
        }
      }
      assertEquals(f.value(a), f.value(b), 1e-12, act + ": the copy is the same network function");
      double unaligned = PathFixtures.lineBarrier(f, a, b, 50);
      assertTrue(unaligned > 1e-3, act + ": without alignment the line climbs, barrier " + unaligned);
      for (Alignment al : new Alignment[] {WeightMatching.align(model, a, b),
          ActivationMatching.align(model, f.data().inputs(), f.data().size(), a, b, true)}) {
        assertEquals(Alignment.Status.CONVERGED, al.status());
        double barrier = PathFixtures.lineBarrier(f, a, al.alignedB(), 50);
        assertEquals(0.0, barrier, ROUNDING, act + " " + al.method() + ": aligned barrier");
        assertArrayEquals(a, al.alignedB(), 1e-12, act + " " + al.method() + ": the copy is mapped back onto the minimum");
      }
    }
  }

  @Test
  void pairBarrierAlignsWhenGivenTheLayout() {
    Mlp model = Mlp.of(Activation.TANH, true, 2, 6, 1);
    MlpObjective f = PathFixtures.regression(model, 60, 4);
    double[] a = PathFixtures.minimum(f, 12);
    double[] b = UnitMoves.permute(model, a, PathFixtures.permutations(model, new SplittableRandom(9)), null);
    PairBarrier.Result aligned = PairBarrier.alignedLine(f, model, true, a, b);
    assertEquals(AlignmentMethod.WEIGHT, aligned.alignment());
    assertEquals(0.0, aligned.barrier(), ROUNDING);
    assertEquals(0.0, aligned.barrierAboveChord(), ROUNDING);
    assertEquals(PairBarrier.DEFAULT_POINTS, aligned.profile().size());
    PairBarrier.Result plain = PairBarrier.alignedLine(f, null, true, a, b);
    assertEquals(AlignmentMethod.NONE, plain.alignment());
    assertTrue(plain.barrier() > 1e-3, "unaligned barrier " + plain.barrier());
  }

  /** Noise 0.01 per entry on He-normal weights (entries of order 1), 100 seeded trials per network. */
  @Test
  void weightMatchingRecoversPlantedPermutationsOnSmallNetworks() {
    // Measured (seed 7): 2-16-1 relu 100 of 100, 2-64-64-1 relu 99 of 100.
    assertTrue(recoveries(Mlp.of(Activation.RELU, true, 2, 16, 1), 100, 7)[0] >= 95);
    assertTrue(recoveries(Mlp.of(Activation.RELU, true, 2, 64, 64, 1), 100, 7)[0] >= 95);
  }

  @Test
  void weightMatchingFailsWhereDocumented() {
    // One hidden layer is a single exact assignment; at width 256 the 256 normalized ReLU units (zero
    // He biases, so unit vectors on a circle, spacing ~0.025) lie closer together than the noise moves
    // them: measured 0 of 100 recovered (seed 7).
    int[] wide = recoveries(Mlp.of(Activation.RELU, true, 2, 256, 1), 100, 7);
    assertTrue(wide[0] <= 5, "2-256-1 relu recovered " + wide[0] + " of 100, measured 0");
    // Two narrow hidden layers: the identity start leads the layer-by-layer ascent into a local optimum
    // (measured 39 of 100 recovered; in all 61 failures the planted alignment is nearer to a than the
    // one found, so the planted permutation was the better optimum the iteration missed).
    int[] narrow = recoveries(Mlp.of(Activation.TANH, true, 2, 8, 8, 1), 100, 7);
    assertTrue(narrow[0] <= 60, "2-8-8-1 tanh recovered " + narrow[0] + " of 100, measured 39");
    assertTrue(narrow[1] >= 30, "2-8-8-1 tanh: local optima " + narrow[1] + ", measured 61");
  }

  /**
   * Planted-permutation trials: a = He-normal weights, b = a random hidden-unit permutation of a plus
   * N(0, 0.01^2) noise; recovered when weight matching's permutation undoes the planted one exactly.
   *
   * @return {recovered, failures in which the planted alignment is nearer to a than the one found}
   */
  static int[] recoveries(Mlp model, int trials, long seed) {
    int hits = 0;
    int local = 0;
    for (int trial = 0; trial < trials; trial++) {
      SplittableRandom r = new SplittableRandom(seed * 1000 + trial);
      double[] a = Initializer.heNormal().initialize(model, r.nextLong());
      double[] perturbed = a.clone();
      for (int i = 0; i < a.length; i++) perturbed[i] += 0.01 * Initializer.gaussian(r);
      int[][] planted = PathFixtures.permutations(model, r);
      double[] b = UnitMoves.permute(model, perturbed, planted, null);
      Alignment al = WeightMatching.align(model, a, b);
      boolean ok = true;
      for (int l = 0; l < planted.length; l++) {
        for (int j = 0; j < planted[l].length; j++) ok &= planted[l][al.permutations()[l][j]] == j;
      }
      if (ok) {
        hits++;
      } else if (squaredDistance(a, perturbed) < squaredDistance(a, al.alignedB())) {
        local++;
      }
    }
    return new int[] {hits, local};
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
  }
}

package basin.landscape.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Points with exactly duplicated hidden units (identical incoming weights, different outgoing), where
 * the canonical sort cannot order the duplicates consistently: the assignment-based distance still
 * finds the transformation.
 */
class TiedUnitsTest {

  /** As in SymmetryInvarianceTest: a few ulps of entries of size ~1; 1e-12 is the required bound. */
  static final double TOL = 1e-12;

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"TANH", "RELU", "LEAKY_RELU", "SOFTPLUS"})
  void duplicateUnitsStillAlignToZero(Activation act) {
    Mlp model = Mlp.of(act, true, 3, 6, 5, 2);
    double[] w = Initializer.normal(1.0).initialize(model, 4);
    // Units 1, 2 and 4 of layer 1 copy unit 0's incoming weights and bias (outgoing stay distinct);
    // units 0 and 3 of layer 2 are duplicates too.
    duplicate(model, w, 1, 0, new int[] {1, 2, 4});
    duplicate(model, w, 2, 0, new int[] {3});
    MlpObjective f = Fixtures.regression(model, 20, 0.0, 5);
    SymmetryDistance distance = new SymmetryDistance(model);
    Canonicalizer canonicalizer = new Canonicalizer(model);
    double worstCanonicalGap = 0;
    for (long seed = 40; seed < 50; seed++) {
      Fixtures.Transformation t = Fixtures.randomTransformation(model, seed);
      double[] v = Fixtures.apply(model, w, t);
      assertEquals(f.value(w), f.value(v), 1e-12 * Math.abs(f.value(w)), "the transformation is a symmetry");
      worstCanonicalGap = Math.max(worstCanonicalGap, Fixtures.maxAbsDiff(canonicalizer.canonicalize(w), canonicalizer.canonicalize(v)));
      SymmetryDistance.Alignment a = distance.align(w, v);
      assertTrue(a.distance() <= TOL * Math.max(1, Fixtures.maxAbs(a.canonicalFirst())),
          act + ": distance " + a.distance() + " after " + a.sweeps() + " sweeps, seed " + seed);
    }
    // The point of the test: sorting alone does not identify these copies.
    assertTrue(worstCanonicalGap > 0.1, act + ": expected the tie to defeat the canonical sort, gap " + worstCanonicalGap);
  }

  static void duplicate(Mlp model, double[] w, int l, int source, int[] copies) {
    int in = model.width(l - 1);
    for (int c : copies) {
      System.arraycopy(w, model.weightOffset(l) + source * in, w, model.weightOffset(l) + c * in, in);
      w[model.biasOffset(l) + c] = w[model.biasOffset(l) + source];
    }
  }
}

package basin.landscape.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transformations are true symmetries (the loss does not change), and Canonicalizer and
 * SymmetryDistance map every transformed copy of a minimum to the same point.
 */
class SymmetryInvarianceTest {

  /**
   * Relative tolerance on loss values: the transformed network computes the same sums with
   * rescaled factors, so values agree to a few hundred ulps of the loss; 1e-12 leaves room.
   */
  static final double VALUE_TOL = 1e-12;
  /**
   * Canonical forms and distances: rescaling by c then normalizing by ||c u|| reproduces u / ||u||
   * to a few ulps, so entries (of size ~1 to 10) agree to ~1e-15; 1e-12 is the brief's bound.
   */
  static final double FORM_TOL = 1e-12;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(Mlp.of(Activation.TANH, true, 3, 5, 4, 2)),
        Arguments.of(Mlp.of(Activation.RELU, true, 3, 5, 4, 2)),
        Arguments.of(Mlp.of(Activation.LEAKY_RELU, true, 3, 6, 2)),
        Arguments.of(Mlp.of(Activation.LINEAR, false, 3, 4, 3, 2)),
        Arguments.of(Mlp.of(Activation.SIGMOID, true, 2, 5, 1)),
        Arguments.of(new Mlp(new int[] {3, 4, 5, 2}, new Activation[] {Activation.RELU, Activation.TANH}, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void transformedMinimaShareCanonicalFormAndDistanceZero(Mlp model) {
    MlpObjective f = Fixtures.regression(model, 30, 0.0, 1);
    double[] w = Fixtures.minimum(f, 2);
    Canonicalizer canonicalizer = new Canonicalizer(model);
    SymmetryDistance distance = new SymmetryDistance(model);
    double[] canonical = canonicalizer.canonicalize(w);
    double value = f.value(w);
    for (long seed = 10; seed < 15; seed++) {
      Fixtures.Transformation t = Fixtures.randomTransformation(model, seed);
      double[] v = Fixtures.apply(model, w, t);
      assertEquals(value, f.value(v), VALUE_TOL * Math.abs(value), model + ": loss changed under transformation " + seed);
      double scale = Math.max(1, Fixtures.maxAbs(canonical));
      assertTrue(Fixtures.maxAbsDiff(canonical, canonicalizer.canonicalize(v)) <= FORM_TOL * scale,
          model + ": canonical forms differ, seed " + seed);
      SymmetryDistance.Alignment a = distance.align(w, v);
      assertTrue(a.distance() <= FORM_TOL * scale, model + ": distance " + a.distance() + ", seed " + seed);
    }
  }

  /**
   * Loss invariance at random (non-critical) points and with L2 = 0: checks the group action
   * itself, independently of the canonicalizer, for every activation.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void lossIsInvariantAtRandomPoints(Mlp model) {
    MlpObjective f = Fixtures.regression(model, 25, 0.0, 3);
    for (long seed = 20; seed < 25; seed++) {
      double[] w = Initializer.normal(1.0).initialize(model, seed);
      double[] v = Fixtures.apply(model, w, Fixtures.randomTransformation(model, seed + 100));
      double value = f.value(w);
      assertEquals(value, f.value(v), VALUE_TOL * Math.abs(value), model + " seed " + seed);
    }
  }

  /** Distinct minima (from different starts) and random points are at a positive distance. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void differentPointsHavePositiveDistance(Mlp model) {
    SymmetryDistance distance = new SymmetryDistance(model);
    Canonicalizer canonicalizer = new Canonicalizer(model);
    for (long seed = 30; seed < 33; seed++) {
      double[] a = Initializer.normal(1.0).initialize(model, seed);
      double[] b = Initializer.normal(1.0).initialize(model, seed + 50);
      SymmetryDistance.Alignment al = distance.align(a, b);
      double plain = Math.sqrt(squaredDiff(canonicalizer.canonicalize(a), canonicalizer.canonicalize(b)));
      assertTrue(al.distance() > 0.1, model + ": distance " + al.distance() + ", seed " + seed);
      assertTrue(al.distance() <= plain * (1 + 1e-12), model + ": alignment must not be worse than the identity");
      assertEquals(Math.sqrt(squaredDiff(al.canonicalFirst(), al.alignedSecond())), al.distance(), 1e-12 * plain);
      // A point at distance 0.05 along a random direction is at aligned distance <= 0.05 (the identity alignment).
      double[] near = a.clone();
      double[] dir = Initializer.normal(1.0).initialize(model, seed + 7);
      double norm = Math.sqrt(squaredDiff(dir, new double[dir.length]));
      for (int i = 0; i < near.length; i++) near[i] += 1e-3 * dir[i] / norm;
      double d = distance.distance(a, near);
      assertTrue(d > 0, model + ": a perturbed point is not equivalent");
    }
  }

  static double squaredDiff(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
  }
}

package basin.landscape.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generator counts, orbit dimensions, and that the orbit tangent really is a symmetry direction. */
class MlpSymmetryTest {

  /**
   * (model, l2, softmax, expected generator count, expected orbit dimension at a random point).
   * Linear 2-5-2 has the gl(5) kernel (5 - 2)(5 - 2) = 9, so 25 - 9 = 16.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Mlp.of(Activation.RELU, true, 2, 4, 3, 1), 0.0, false, 7, 7),
        Arguments.of(Mlp.of(Activation.LEAKY_RELU, false, 2, 4, 1), 0.0, false, 4, 4),
        Arguments.of(Mlp.of(Activation.TANH, true, 2, 4, 1), 0.0, false, 0, 0),
        Arguments.of(Mlp.of(Activation.LINEAR, false, 3, 2, 3), 0.0, false, 4, 4),
        Arguments.of(Mlp.of(Activation.LINEAR, true, 3, 2, 3), 0.0, false, 6, 6),
        Arguments.of(Mlp.of(Activation.LINEAR, false, 2, 5, 2), 0.0, false, 25, 16),
        Arguments.of(Mlp.of(Activation.LINEAR, false, 3, 3, 2, 3), 0.0, false, 13, 13),
        Arguments.of(Mlp.of(Activation.RELU, true, 2, 4, 3, 1), 0.1, false, 0, 0),
        Arguments.of(Mlp.of(Activation.LINEAR, true, 3, 3, 3), 0.1, false, 3, 3),
        Arguments.of(Mlp.of(Activation.RELU, true, 2, 4, 3), 0.0, true, 4 + 5, 9),
        Arguments.of(Mlp.of(Activation.TANH, false, 2, 4, 3), 0.0, true, 4, 4),
        Arguments.of(Mlp.of(Activation.RELU, true, 2, 3), 0.0, true, 3, 3));
  }

  static MlpObjective objective(Mlp model, double l2, boolean softmax, long seed) {
    return softmax ? Fixtures.classification(model, 30, seed) : Fixtures.regression(model, 30, l2, seed);
  }

  @ParameterizedTest(name = "{0}, l2 {1}, softmax {2}")
  @MethodSource("cases")
  void countsGeneratorsAndOrbitDimension(Mlp model, double l2, boolean softmax, int generators, int orbit) {
    MlpSymmetry s = MlpSymmetry.of(objective(model, l2, softmax, 1));
    assertEquals(generators, s.generatorCount(), s.toString());
    double[] w = Initializer.normal(1.0).initialize(model, 2);
    assertEquals(orbit, s.orbitDimension(w), s.toString());
  }

  /**
   * Every orbit tangent direction q is a symmetry: grad f(w) . q = 0 for all w (differentiate f(g w)
   * = f(w)). Checked at random points against the scale ||grad f||: 1e-12 relative, as the
   * directional derivative is a sum of P products that cancel exactly in exact arithmetic.
   */
  @ParameterizedTest(name = "{0}, l2 {1}, softmax {2}")
  @MethodSource("cases")
  void tangentDirectionsAreOrthogonalToTheGradient(Mlp model, double l2, boolean softmax, int generators, int orbit) {
    MlpObjective f = objective(model, l2, softmax, 3);
    MlpSymmetry s = MlpSymmetry.of(f);
    for (long seed = 5; seed < 8; seed++) {
      double[] w = Initializer.normal(1.0).initialize(model, seed);
      double[] g = new double[w.length];
      f.valueAndGradient(w, g);
      double gn = Math.sqrt(dot(g, g));
      OrbitTangent t = s.orbitTangent(w);
      double[] q = t.orthonormalBasis();
      int p = w.length;
      for (int c = 0; c < t.dimension(); c++) {
        double d = 0;
        double nq = 0;
        for (int i = 0; i < p; i++) {
          d += g[i] * q[c * p + i];
          nq += q[c * p + i] * q[c * p + i];
        }
        assertEquals(1.0, nq, 1e-10, "basis row " + c + " is unit");
        assertEquals(0.0, d, 1e-12 * Math.max(1, gn), s + ": tangent " + c + " seed " + seed);
      }
    }
  }

  /** projectOut: the result is orthogonal to the tangent space and projecting twice changes nothing. */
  @Test
  void projectOutIsAnOrthogonalProjection() {
    Mlp model = Mlp.of(Activation.LINEAR, true, 3, 3, 2, 3);
    MlpSymmetry s = MlpSymmetry.of(model);
    double[] w = Initializer.normal(1.0).initialize(model, 9);
    OrbitTangent t = s.orbitTangent(w);
    int p = w.length;
    double[] v = Initializer.normal(1.0).initialize(model, 10);
    double[] out = new double[p];
    t.projectOut(v, out);
    double[] q = t.orthonormalBasis();
    for (int c = 0; c < t.dimension(); c++) {
      double d = 0;
      for (int i = 0; i < p; i++) d += out[i] * q[c * p + i];
      assertEquals(0.0, d, 1e-12, "component along tangent " + c);
    }
    double[] again = out.clone();
    t.projectOut(again, again);
    assertTrue(Fixtures.maxAbsDiff(out, again) <= 1e-12, "idempotent");
    for (int a = 0; a < t.dimension(); a++) {
      for (int b = 0; b < t.dimension(); b++) {
        double d = 0;
        for (int i = 0; i < p; i++) d += q[a * p + i] * q[b * p + i];
        assertEquals(a == b ? 1.0 : 0.0, d, 1e-10, "orthonormal rows " + a + ", " + b);
      }
    }
  }

  /** A ReLU unit with all-zero weights has a zero rescaling generator and adds no direction. */
  @Test
  void deadZeroUnitsAddNothing() {
    Mlp model = Mlp.of(Activation.RELU, true, 2, 4, 1);
    double[] w = Initializer.normal(1.0).initialize(model, 11);
    for (int i = 0; i < 2; i++) w[model.weightOffset(1) + 3 * 2 + i] = 0;
    w[model.biasOffset(1) + 3] = 0;
    w[model.weightOffset(2) + 3] = 0;
    assertEquals(3, MlpSymmetry.of(model).orbitDimension(w));
  }

  @Test
  void rejectsBadPoints() {
    Mlp model = Mlp.of(Activation.RELU, true, 2, 4, 1);
    MlpSymmetry s = MlpSymmetry.of(model);
    assertThrows(IllegalArgumentException.class, () -> s.orbitTangent(new double[3]));
    double[] w = new double[model.parameterCount()];
    w[0] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> s.orbitTangent(w));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}

package basin.landscape.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Loss profiles of a quadratic against their closed forms. */
class LossProfilesTest {

  /** Values are sums of a few products: round-off 1e-13 absolute at these magnitudes. */
  static final double TOL = 1e-13;

  @Test
  void oneDimensionalProfilesAndBand() {
    double[] lambda = {3.0, 1.0, 0.5};
    double[] a = TestObjectives.withSpectrum(lambda, 1);
    Objective f = TestObjectives.quadratic(a, new double[3], 0.25);
    double[] q = TestObjectives.orthogonal(3, 1);
    double[] t = LossProfiles.grid(-1, 1, 21);
    LossProfiles.Band b = LossProfiles.oneDimensional(f, new double[3], q, 3, t, 0.25, 0.75);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < t.length; i++) {
        assertEquals(0.25 + 0.5 * lambda[k] * t[i] * t[i], b.values()[k * t.length + i], TOL);
      }
    }
    for (int i = 0; i < t.length; i++) {
      // Three directions: the median is the middle curvature 1.0; the quartiles (type 7) are the midpoints.
      double s = 0.5 * t[i] * t[i];
      assertEquals(0.25 + 1.0 * s, b.median()[i], TOL);
      assertEquals(0.25 + 0.75 * s, b.lower()[i], TOL);
      assertEquals(0.25 + 2.0 * s, b.upper()[i], TOL);
      assertTrue(b.lower()[i] <= b.median()[i] && b.median()[i] <= b.upper()[i]);
    }
  }

  @Test
  void surfaceMatchesClosedForm() {
    double[] lambda = {2.0, -1.0};
    double[] a = TestObjectives.withSpectrum(lambda, 6);
    Objective f = TestObjectives.quadratic(a, new double[2], 0.0);
    double[] q = TestObjectives.orthogonal(2, 6);
    double[] d1 = Arrays.copyOfRange(q, 0, 2);
    double[] d2 = Arrays.copyOfRange(q, 2, 4);
    double[] ga = LossProfiles.grid(-1, 1, 5);
    double[] gb = LossProfiles.grid(-2, 2, 7);
    LossProfiles.Surface s = LossProfiles.surface(f, new double[2], d1, d2, ga, gb);
    for (int i = 0; i < ga.length; i++) {
      for (int j = 0; j < gb.length; j++) {
        assertEquals(0.5 * (2.0 * ga[i] * ga[i] - gb[j] * gb[j]), s.values()[i * gb.length + j], TOL);
      }
    }
  }
}

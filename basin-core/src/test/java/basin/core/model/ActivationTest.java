package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationTest {

  /** The fast tanh against StrictMath.tanh: at most 2 ulps anywhere on a log-spaced sweep and random draws. */
  @Test
  void fastTanhIsWithinAFewUlps() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      double z = (r.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 14 * r.nextDouble());
      double exact = StrictMath.tanh(z);
      double fast = Activation.tanh(z);
      assertTrue(Math.abs(fast - exact) <= 2 * Math.ulp(exact), "z=" + z + " fast=" + fast + " exact=" + exact);
    }
    assertEquals(1.0, Activation.tanh(800.0));
    assertEquals(-1.0, Activation.tanh(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
    assertEquals(0.0, Activation.tanh(0.0));
  }

  /** Derivatives returned by forward() against central differences of apply() (h = 1e-6, tolerance 1e-8 absolute), away from kinks. */
  @Test
  void forwardDerivativesMatchDifferences() {
    double[] zs = {-3.1, -0.7, -0.05, 0.02, 0.4, 1.3, 4.0};
    double h = 1e-6;
    for (Activation act : Activation.values()) {
      double[] a = new double[zs.length];
      double[] d1 = new double[zs.length];
      double[] d2 = new double[zs.length];
      act.forward(zs, a, d1, d2, zs.length);
      for (int i = 0; i < zs.length; i++) {
        assertEquals(act.apply(zs[i]), a[i], 0.0, act + " value");
        assertEquals((act.apply(zs[i] + h) - act.apply(zs[i] - h)) / (2 * h), d1[i], 1e-8, act + " first derivative at " + zs[i]);
        double[] up = {zs[i] + h};
        double[] down = {zs[i] - h};
        double[] tmp = new double[1];
        double[] du = new double[1];
        double[] dd = new double[1];
        act.forward(up, tmp, du, null, 1);
        act.forward(down, tmp, dd, null, 1);
        assertEquals((du[0] - dd[0]) / (2 * h), d2[i], 1e-8, act + " second derivative at " + zs[i]);
      }
    }
  }
}

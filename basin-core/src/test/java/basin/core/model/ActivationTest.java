package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationTest {

  /**
   * The vectorizable tanh against StrictMath.tanh: at most 8 ulps on random log-spaced draws (the
   * bound documented on Activation.tanhForward; 98% within 3), exactly +-1 in saturation, and its
   * derivative 1 - tanh^2 = sech^2 within 2e-14 relative wherever sech^2 is representable, far
   * into saturation where 1 - t*t would have cancelled.
   */
  @Test
  void tanhIsWithinAFewUlpsAndItsDerivativeKeepsRelativeAccuracy() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 200_000;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) z[i] = (r.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 13.3 * r.nextDouble());
    double[] a = new double[n];
    double[] d1 = new double[n];
    Activation.TANH.forward(z, a, d1, null, n);
    int within3 = 0;
    for (int i = 0; i < n; i++) {
      double exact = StrictMath.tanh(z[i]);
      double err = Math.abs(a[i] - exact) / Math.ulp(exact);
      assertTrue(err <= 8, "z=" + z[i] + " tanh=" + a[i] + " exact=" + exact);
      if (err <= 3) within3++;
      double c = StrictMath.cosh(z[i]);
      double sech2 = 1.0 / (c * c);
      if (Math.abs(z[i]) < 19) {
        assertEquals(sech2, d1[i], 2e-14 * sech2, "tanh' at z=" + z[i]);
      }
    }
    assertTrue(within3 >= 0.97 * n, within3 + " of " + n + " within 3 ulps");
    assertEquals(1.0, Activation.tanh(19.1));
    assertEquals(1.0, Activation.tanh(800.0));
    assertEquals(-1.0, Activation.tanh(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
    assertEquals(0.0, Activation.tanh(0.0));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activation.tanh(-0.0)));
  }

  /** The scalar tanh and the chunked vector loop give the same bits, for lengths around the chunk size, aliased or not. */
  @Test
  void scalarAndVectorTanhAgreeBitForBit() {
    SplittableRandom r = new SplittableRandom(5);
    for (int len : new int[] {0, 1, 7, 511, 512, 513, 1500}) {
      double[] z = new double[len];
      for (int i = 0; i < len; i++) z[i] = r.nextDouble(-25, 25) * (r.nextInt(4) == 0 ? 1e-3 : 1);
      double[] a = new double[len];
      double[] d1 = new double[len];
      double[] d2 = new double[len];
      Activation.TANH.forward(z, a, d1, d2, len);
      double[] alias = z.clone();
      Activation.TANH.forward(alias, alias, new double[len], null, len);
      for (int i = 0; i < len; i++) {
        double t = Activation.tanh(z[i]);
        assertEquals(Double.doubleToRawLongBits(t), Double.doubleToRawLongBits(a[i]), "len " + len + " z=" + z[i]);
        assertEquals(Double.doubleToRawLongBits(t), Double.doubleToRawLongBits(alias[i]));
        assertEquals(-2 * a[i] * d1[i], d2[i], 0.0);
        assertTrue(d1[i] >= 0 && d1[i] <= 1);
      }
    }
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

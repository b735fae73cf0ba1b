package basin.landscape.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import org.junit.jupiter.api.Test;

class StraightLineBarrierTest {

  /** f(x, y) = (x^2 - 1)^2 + 0.3 x + y^2: a tilted double well. */
  static class TiltedDoubleWell implements Objective {
    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public double value(double[] w) {
      double x = w[0];
      return (x * x - 1) * (x * x - 1) + 0.3 * x + w[1] * w[1];
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
      double x = w[0];
      g[0] = 4 * x * (x * x - 1) + 0.3;
      g[1] = 2 * w[1];
      return value(w);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] r) {
      r[0] = (12 * w[0] * w[0] - 4) * v[0];
      r[1] = 2 * v[1];
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /**
   * Along y = 0 from x = -1 to 1 the maximum is at the root of 4x^3 - 4x + 0.3 = 0 near x = 0.0752
   * (found here by bisection to 1e-15). Four samples miss it (t = 1/3 and 2/3 are x = -1/3, 1/3);
   * golden section to a bracket of 1e-7 in t (2e-7 in x) finds the level to 1e-12 (the loss is
   * quadratic near its maximum, so an error of 2e-7 in x costs about 4 * (2e-7)^2 in level).
   */
  @Test
  void goldenSectionFindsTheMaximumBetweenSamples() {
    double lo = 0;
    double hi = 0.2;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (4 * mid * mid * mid - 4 * mid + 0.3 > 0) lo = mid;
      else hi = mid;
    }
    double xStar = (lo + hi) / 2;
    TiltedDoubleWell f = new TiltedDoubleWell();
    double expected = f.value(new double[] {xStar, 0});
    Barrier b = new StraightLineBarrier(f, new StraightLineBarrier.Config(4, 1e-7)).between(new double[] {-1, 0}, new double[] {1, 0});
    assertEquals(Barrier.Status.FOUND, b.status());
    assertEquals(expected, b.level(), 1e-12);
    assertEquals((xStar + 1) / 2, b.position(), 2e-7);
    assertEquals(f.value(new double[] {-1, 0}), b.lossA(), 0.0);
    assertEquals(f.value(new double[] {1, 0}), b.lossB(), 0.0);
    assertEquals(expected - 0.3, b.heightAboveHigher(), 1e-12);
    assertTrue(b.evaluations() > 4 && b.evaluations() < 60, "evaluations " + b.evaluations());
  }

  @Test
  void aPathThatOnlyDescendsHasZeroHeightAndItsHigherEndAsLevel() {
    TiltedDoubleWell f = new TiltedDoubleWell();
    Barrier b = new StraightLineBarrier(f, StraightLineBarrier.Config.defaults()).between(new double[] {-1, 1}, new double[] {-1, 0});
    assertEquals(f.value(new double[] {-1, 1}), b.level(), 0.0);
    assertEquals(0.0, b.position(), 0.0);
    assertEquals(0.0, b.heightAboveHigher(), 0.0);
  }

  @Test
  void aNonFiniteLossIsReportedNotHidden() {
    Objective f = new TiltedDoubleWell() {
      @Override
      public double value(double[] w) {
        return Math.abs(w[0]) < 0.05 ? Double.NaN : super.value(w);
      }
    };
    Barrier b = new StraightLineBarrier(f, new StraightLineBarrier.Config(21, 1e-4)).between(new double[] {-1, 0}, new double[] {1, 0});
    assertEquals(Barrier.Status.NOT_FINITE, b.status());
    assertTrue(Double.isNaN(b.level()));
  }
}

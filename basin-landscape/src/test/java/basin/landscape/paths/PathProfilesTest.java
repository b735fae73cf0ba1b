package basin.landscape.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.data.testfunctions.MullerBrown;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PathProfilesTest {

  @Test
  void barriersOfAHandProfile() {
    // s = 0, 1, 2; L = 0, 3, 1: max 3, above the higher end 3 - 1, above the chord 3 - 0.5, trapezoid 1.5 + 2.
    PathBarriers b = PathBarriers.of(new double[] {0, 1, 2}, new double[] {0, 3, 1});
    assertEquals(3.0, b.maxLoss(), 0.0);
    assertEquals(1, b.argMax());
    assertEquals(2.0, b.barrierAboveEndpoints(), 0.0);
    assertEquals(2.5, b.barrierAboveChord(), 0.0);
    assertEquals(3.5, b.integratedLoss(), 1e-15);
    assertEquals(2.0, b.length(), 0.0);
    PathBarriers nan = PathBarriers.of(new double[] {0, 1}, new double[] {Double.NaN, 1});
    assertTrue(Double.isNaN(nan.maxLoss()) && Double.isNaN(nan.barrierAboveChord()));
  }

  @Test
  void gaussLegendreIsExactToDegreeTwoMMinusOne() {
    for (int m : new int[] {2, 5, 16, 33}) {
      double[][] rule = GaussLegendre.rule(m);
      for (int degree = 0; degree <= 2 * m - 1; degree++) {
        double s = 0;
        for (int q = 0; q < m; q++) s += rule[1][q] * Math.pow(rule[0][q], degree);
        double exact = degree % 2 == 1 ? 0 : 2.0 / (degree + 1);
        // 1e-13: the sum of m terms of size <= 2 in double precision.
        assertEquals(exact, s, 1e-13, "m = " + m + ", degree " + degree);
      }
    }
  }

  @Test
  void straightLineProfileOnMullerBrown() {
    MullerBrown f = new MullerBrown();
    double[] a = {-0.5582236346330243, 1.4417258418046686};
    double[] b = {-0.0500108229982061, 0.4666941048719721};
    PathProfile p = PathProfiles.evaluate(new StraightLine(a, b), f, null, 101);
    assertEquals(101, p.size());
    assertEquals(PathProfiles.distance(a, b), p.train().length(), 1e-12);
    assertEquals(f.value(a), p.trainLoss()[0], 0.0);
    assertTrue(p.train().barrierAboveChord() >= p.train().barrierAboveEndpoints());
    assertTrue(!p.hasTest());
    // the straight line climbs above the saddle (-40.66) that the minimum energy path crosses
    assertTrue(p.train().maxLoss() > -40.66, "line maximum " + p.train().maxLoss());
  }

  /** The integrated loss's gradient and Hessian-vector product against central differences, h = 1e-6. */
  @Test
  void integratedLossDerivativesMatchFiniteDifferences() {
    MullerBrown f = new MullerBrown();
    double[] a = {-0.5582236346330243, 1.4417258418046686};
    double[] b = {-0.0500108229982061, 0.4666941048719721};
    SplittableRandom r = new SplittableRandom(3);
    for (BendCurve.Shape shape : BendCurve.Shape.values()) {
      Objective j = CurveTraining.integratedLoss(f, shape, a, b, 12);
      double[] theta = {-0.4 + 0.1 * r.nextDouble(), 0.9 + 0.1 * r.nextDouble()};
      double[] g = new double[2];
      j.valueAndGradient(theta, g);
      double[] v = {0.6, -0.8};
      double[] hv = new double[2];
      j.hessianVectorProduct(theta, v, hv);
      double h = 1e-6;
      for (int i = 0; i < 2; i++) {
        double[] p = theta.clone();
        double[] m = theta.clone();
        p[i] += h;
        m[i] -= h;
        double fd = (j.value(p) - j.value(m)) / (2 * h);
        // relative 1e-6: central difference error O(h^2 f''') plus rounding O(eps |J| / h) ~ 1e-8 of |J| ~ 100
        assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(g[i])), shape + " gradient " + i);
        double[] gp = new double[2];
        double[] gm = new double[2];
        double[] wp = theta.clone();
        double[] wm = theta.clone();
        for (int q = 0; q < 2; q++) {
          wp[q] += h * v[q];
          wm[q] -= h * v[q];
        }
        j.valueAndGradient(wp, gp);
        j.valueAndGradient(wm, gm);
        assertEquals((gp[i] - gm[i]) / (2 * h), hv[i], 1e-5 * Math.max(1, Math.abs(hv[i])), shape + " Hv " + i);
      }
    }
  }

  /** Measured: line maximum 3.386, trained Bezier -2.953, chain -1.428 (16 nodes, L-BFGS to 1e-6, CONVERGED). */
  @Test
  void trainedCurvesGoBelowTheStraightLine() {
    MullerBrown f = new MullerBrown();
    double[] a = {-0.5582236346330243, 1.4417258418046686};
    double[] b = {-0.0500108229982061, 0.4666941048719721};
    double line = PathProfiles.evaluate(new StraightLine(a, b), f, null, 201).train().maxLoss();
    for (BendCurve.Shape shape : BendCurve.Shape.values()) {
      CurveTraining.Result r = new CurveTraining(CurveTraining.Config.defaults()).train(f, shape, a, b);
      assertTrue(r.optimization().value() < r.initialObjective(), shape + ": J decreased");
      PathProfile p = PathProfiles.evaluate(r.curve(), f, null, 201);
      assertTrue(p.train().maxLoss() < line - 1, shape + ": trained maximum " + p.train().maxLoss() + " vs line " + line);
      // no one-bend curve can pass below the saddle the minimum energy path crosses
      assertTrue(p.train().maxLoss() >= -40.6648435086574 - 1e-9, shape + ": maximum " + p.train().maxLoss());
    }
  }
}

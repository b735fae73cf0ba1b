package basin.landscape.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.SymmetricOperator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Basin radii against the closed form sqrt(2 delta / d^T A d) of a quadratic, and the direction generators. */
class BasinRadiusTest {

  /** Bisection tolerance used below (relative bracket width). */
  static final double TOL = 1e-10;
  /**
   * Allowed relative error of a radius: the crossing lies in (lo, hi] with hi - lo &lt;= TOL hi, and
   * the rise near the crossing is computed with relative round-off ~1e-15, which moves t by ~1e-15 t;
   * 2 TOL covers both.
   */
  static final double RADIUS_REL = 2 * TOL;

  static final double[] LAMBDA = {4.0, 2.5, 1.0, 0.3, 0.0};

  @Test
  void topEigenvectorsBothSignsGiveClosedFormRadii() {
    int n = LAMBDA.length;
    double[] a = TestObjectives.withSpectrum(LAMBDA, 2);
    Objective f = TestObjectives.quadratic(a, new double[n], 1.0);
    ExtremeEigenpairs.Result e = ExtremeEigenpairs.compute(SymmetricOperator.dense(a, n), ExtremeEigenpairs.Options.defaults().withCount(2));
    double[] dirs = Directions.eigenvectors(e, 2);
    double delta = 0.2;
    BasinRadius.Options o = BasinRadius.Options.defaults().withDelta(delta).withTolerance(TOL);
    BasinRadius.Summary s = BasinRadius.over(f, new double[n], dirs, 4, o);
    double[] expected = {Math.sqrt(2 * delta / 4.0), Math.sqrt(2 * delta / 4.0), Math.sqrt(2 * delta / 2.5), Math.sqrt(2 * delta / 2.5)};
    for (int k = 0; k < 4; k++) {
      assertEquals(BasinRadius.Status.FOUND, s.statuses()[k]);
      assertEquals(expected[k], s.radii()[k], RADIUS_REL * expected[k], "direction " + k);
    }
    assertEquals(0, s.beyondCap());
    // Type-7 quantiles of {r1, r1, r2, r2}, r1 < r2: median (r1 + r2)/2, q05 = r1, q95 = r2.
    assertEquals(0.5 * (expected[0] + expected[2]), s.median(), RADIUS_REL * expected[2]);
    assertEquals(expected[0], s.q05(), RADIUS_REL * expected[0]);
    assertEquals(expected[2], s.q95(), RADIUS_REL * expected[2]);
  }

  @Test
  void gaussianDirectionsMatchClosedFormAndFlatDirectionIsBeyondCap() {
    int n = LAMBDA.length;
    double[] a = TestObjectives.withSpectrum(LAMBDA, 3);
    double[] x = {0.1, -0.2, 0.3, 0.0, 0.5};
    Objective f = TestObjectives.quadratic(a, x, 0.0); // minimum at x
    int count = 40;
    double[] dirs = Directions.gaussian(n, count, 5);
    double delta = 0.05;
    BasinRadius.Options o = BasinRadius.Options.defaults().withDelta(delta).withTolerance(TOL).withMaxDistance(1e4);
    BasinRadius.Summary s = BasinRadius.over(f, x, dirs, count, o);
    double[] expected = new double[count];
    for (int k = 0; k < count; k++) {
      double[] d = Arrays.copyOfRange(dirs, k * n, (k + 1) * n);
      assertEquals(1.0, Math.sqrt(TestObjectives.dot(d, d)), 1e-14);
      double[] ad = new double[n];
      SymmetricOperator.dense(a, n).apply(d, ad);
      expected[k] = Math.sqrt(2 * delta / TestObjectives.dot(d, ad));
      assertEquals(expected[k], s.radii()[k], RADIUS_REL * expected[k], "direction " + k);
    }
    Arrays.sort(expected);
    assertEquals(Quantiles.ofSorted(expected, count, 0.25), s.q25(), RADIUS_REL * expected[count - 1]);
    assertEquals(Quantiles.ofSorted(expected, count, 0.75), s.q75(), RADIUS_REL * expected[count - 1]);

    // The eigenvector of the zero eigenvalue: flat, so the search runs to the cap.
    double[] q = TestObjectives.orthogonal(n, 3);
    double[] flat = Arrays.copyOfRange(q, 4 * n, 5 * n);
    BasinRadius.Radius r = BasinRadius.along(f, x, flat, o.withMaxDistance(50));
    assertEquals(BasinRadius.Status.BEYOND_CAP, r.status());
    assertEquals(Double.POSITIVE_INFINITY, r.radius());
    assertEquals(50.0, r.lowerBound());
  }

  @Test
  void quantilesTreatBeyondCapAsInfinite() {
    int n = 2;
    Objective f = TestObjectives.quadratic(new double[] {2, 0, 0, 0}, new double[n], 0.0);
    double[] dirs = {1, 0, 0, 1, 1, 0}; // radii 0.1, beyond cap, 0.1 for delta = 0.01
    BasinRadius.Summary s = BasinRadius.over(f, new double[n], dirs, 3, BasinRadius.Options.defaults().withDelta(0.01).withMaxDistance(10));
    assertEquals(1, s.beyondCap());
    assertEquals(0.1, s.median(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, s.q95());
  }

  @Test
  void filterNormalizedRowsHaveTheNormsOfThePointsRows() {
    MlpObjective f = TestObjectives.mlp(Activation.RELU, 10, 0.0, 1, 3, 4, 2);
    Mlp m = f.model();
    double[] x = Initializer.normal(0.9).initialize(m, 3);
    double[] d = Directions.filterNormalized(m, x, 3, 8);
    int p = m.parameterCount();
    for (int k = 0; k < 3; k++) {
      for (int l = 1; l <= m.layerCount(); l++) {
        int in = m.width(l - 1);
        for (int j = 0; j < m.width(l); j++) {
          double nx = 0;
          double nd = 0;
          for (int i = 0; i < in; i++) {
            int idx = m.weightOffset(l) + j * in + i;
            nx += x[idx] * x[idx];
            nd += d[k * p + idx] * d[k * p + idx];
          }
          int b = m.biasOffset(l) + j;
          nx += x[b] * x[b];
          nd += d[k * p + b] * d[k * p + b];
          assertEquals(Math.sqrt(nx), Math.sqrt(nd), 1e-12 * Math.sqrt(nx), "direction " + k + " layer " + l + " unit " + j);
        }
      }
    }
    // Direction k does not depend on how many are drawn.
    double[] one = Directions.filterNormalized(m, x, 1, 8);
    for (int i = 0; i < p; i++) assertEquals(Double.doubleToLongBits(d[i]), Double.doubleToLongBits(one[i]));
    assertTrue(BasinRadius.along(f, x, Arrays.copyOf(d, p), BasinRadius.Options.defaults()).radius() > 0);
  }
}

package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.optim.OptimizationResult;
import basin.data.testfunctions.Himmelblau;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradient-flat points (g nonzero in the Hessian's null space) are found by gradient-norm minimization and never called critical. */
class GradientFlatTest {

  /**
   * f(x, y) = x^3 / 3 + x + y^2 / 2: g = (x^2 + 1, y), H = diag(2 x, 1). f has no critical point at
   * all (|g| &gt;= 1), but at (0, 0) g = (1, 0) is a null vector of H: phi = |g|^2 / 2 has its only
   * minimum there, with |g| = 1 and H g = 0.
   */
  static final class Inflection implements Objective {
    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public double value(double[] w) {
      return w[0] * w[0] * w[0] / 3 + w[0] + 0.5 * w[1] * w[1];
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
      g[0] = w[0] * w[0] + 1;
      g[1] = w[1];
      return value(w);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] out) {
      out[0] = 2 * w[0] * v[0];
      out[1] = v[1];
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  @Test
  void exactGradientFlatPointIsClassifiedSo() {
    PointClassifier c = new PointClassifier(PointClassifier.Config.defaults());
    CriticalPointReport r = c.classify(new Inflection(), null, new double[] {0, 0}, null);
    assertEquals(PointKind.GRADIENT_FLAT, r.kind(), r.toString());
    assertEquals(1.0, r.gradientNorm(), 0.0);
    assertEquals(0.0, r.hessianGradientNorm(), 0.0);
    assertEquals(0.0, r.flatnessRatio(), 0.0);
    assertEquals(-1, r.index());
    assertTrue(Double.isNaN(r.indexFraction()));
    assertNull(r.certificate());
    // off the flat point the ratio |Hg| / |g| = 2 |x| (x^2 + 1) / |g| is not tiny: not converged
    CriticalPointReport off = c.classify(new Inflection(), null, new double[] {0.1, 0}, null);
    assertEquals(PointKind.NOT_CONVERGED, off.kind(), off.toString());
  }

  /**
   * Gradient-norm minimization from 20 seeded starts in [-2, 2]^2 ends at the gradient-flat point
   * (0, 0) every time (within 1e-6: L-BFGS stops at |H g| &lt;= 1e-12, and near (0, 0) |H g| is about
   * 2 |x| + |y|), and every end point is reported GRADIENT_FLAT, none as critical.
   */
  @Test
  void gradientNormMinimizationEndsAtTheFlatPoint() {
    Objective f = new Inflection();
    CriticalPointSearch.Result r = new CriticalPointSearch(CriticalPointSearch.Config.defaults().withStarts(20)
        .withFinder(CriticalPointFinder.parse("gradient-norm"))).search(f, null, seed -> {
          SplittableRandom random = new SplittableRandom(seed);
          return new double[] {-2 + 4 * random.nextDouble(), -2 + 4 * random.nextDouble()};
        });
    assertEquals(20, r.kindCounts().get(PointKind.GRADIENT_FLAT), r.kindCounts().toString());
    assertEquals(1, r.distinct().size());
    CriticalPointReport flat = r.distinct().get(0).report();
    assertEquals(20, r.distinct().get(0).hits());
    assertEquals(0.0, flat.point()[0], 1e-6);
    assertEquals(0.0, flat.point()[1], 1e-6);
    assertEquals(1.0, flat.gradientNorm(), 1e-10);
  }

  /** On Himmelblau (no gradient-flat points) gradient-norm minimization ends at true critical points, certified. */
  @Test
  void gradientNormMinimizationFindsCriticalPointsOfAnyIndex() {
    CriticalPointFinder finder = CriticalPointFinder.parse("gradient-norm");
    PointClassifier c = new PointClassifier(PointClassifier.Config.defaults());
    Himmelblau h = new Himmelblau();
    // start next to the maximum (index 2) and a saddle: gradient-norm minimization goes to the nearest
    double[][] starts = {{-0.3, -0.9}, {0.1, 2.8}};
    int[] indices = {2, 1};
    for (int i = 0; i < starts.length; i++) {
      OptimizationResult res = finder.find(h, starts[i]);
      CriticalPointReport report = c.classify(h, null, res.point(), res.status());
      assertTrue(report.isCritical(), report.toString());
      assertEquals(indices[i], report.index(), report.toString());
      assertTrue(res.hessianVectorProducts() > 0 && res.gradientEvaluations() > res.hessianVectorProducts());
    }
  }

  /**
   * grad phi = H g against central differences of phi along seeded directions (relative 1e-6: step
   * 1e-5, error O(h^2) times the third derivatives of Himmelblau's quartic); the documented
   * finite-difference Hessian-vector product against differences of grad phi (relative 1e-5).
   */
  @Test
  void gradientNormObjectiveDerivatives() {
    GradientNormObjective phi = new GradientNormObjective(new Himmelblau());
    SplittableRandom random = new SplittableRandom(9);
    for (int t = 0; t < 10; t++) {
      double[] w = {-4 + 8 * random.nextDouble(), -4 + 8 * random.nextDouble()};
      double[] v = {random.nextDouble() - 0.5, random.nextDouble() - 0.5};
      double[] grad = new double[2];
      double value = phi.valueAndGradient(w, grad);
      assertEquals(value, phi.value(w), 0.0);
      double h = 1e-5;
      double fd = (phi.value(new double[] {w[0] + h * v[0], w[1] + h * v[1]}) - phi.value(new double[] {w[0] - h * v[0], w[1] - h * v[1]})) / (2 * h);
      double directional = grad[0] * v[0] + grad[1] * v[1];
      assertEquals(directional, fd, 1e-6 * Math.max(1, Math.abs(directional)), "trial " + t);
      double[] hv = new double[2];
      phi.hessianVectorProduct(w, v, hv);
      double[] gp = new double[2];
      double[] gm = new double[2];
      phi.valueAndGradient(new double[] {w[0] + h * v[0], w[1] + h * v[1]}, gp);
      phi.valueAndGradient(new double[] {w[0] - h * v[0], w[1] - h * v[1]}, gm);
      for (int i = 0; i < 2; i++) {
        double ref = (gp[i] - gm[i]) / (2 * h);
        assertEquals(ref, hv[i], 1e-5 * Math.max(1, Math.abs(ref)), "trial " + t + " component " + i);
      }
    }
  }
}

package basin.landscape.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.spectral.DenseSpectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Epsilon- and adaptive sharpness: constants, brute-force grids in 2-D, and ReLU rescaling invariance. */
class SharpnessTest {

  @ParameterizedTest
  @EnumSource(Sharpness.Kind.class)
  void constantFunctionHasZeroSharpness(Sharpness.Kind kind) {
    Objective f = TestObjectives.constant(7, 2.5);
    double[] x = {1, -2, 0.5, 3, 0, -1, 4};
    for (int p : new int[] {0, 3}) {
      Sharpness.Result r = Sharpness.compute(f, x, Sharpness.Options.defaults().withKind(kind).withSubspaceDimension(p));
      assertEquals(0.0, r.sharpness(), 0.0);
      assertEquals(Sharpness.Status.CONVERGED, r.status());
    }
  }

  /**
   * The brute-force reference: the maximum of f over a (k+1) x (k+1) grid of the box
   * [-s0, s0] x [-s1, s1] around x, and the largest gradient norm G seen on the grid. Every point of
   * the box is within half a cell diagonal h/2 of a grid point, so (with G bounding |grad f| on the
   * box up to grid effects) max_box f &lt;= gridMax + G h / 2.
   */
  record Grid(double max, double slack) {}

  static Grid bruteForce(Objective f, double[] x, double s0, double s1, int k, double[] e0, double[] e1) {
    double best = Double.NEGATIVE_INFINITY;
    double gmax = 0;
    double[] p = new double[x.length];
    double[] g = new double[x.length];
    for (int i = 0; i <= k; i++) {
      for (int j = 0; j <= k; j++) {
        double a = -s0 + 2 * s0 * i / k;
        double b = -s1 + 2 * s1 * j / k;
        for (int c = 0; c < x.length; c++) p[c] = x[c] + a * e0[c] + b * e1[c];
        double v = f.valueAndGradient(p, g);
        best = Math.max(best, v);
        // gradient along the grid plane
        double d0 = TestObjectives.dot(g, e0);
        double d1 = TestObjectives.dot(g, e1);
        gmax = Math.max(gmax, Math.hypot(d0, d1) * Math.max(Math.sqrt(TestObjectives.dot(e0, e0)), Math.sqrt(TestObjectives.dot(e1, e1))));
      }
    }
    double h = Math.hypot(2 * s0 / k, 2 * s1 / k);
    return new Grid(best, 1.5 * gmax * h / 2); // 1.5: G is sampled on the grid, not a true supremum
  }

  static void assertMatchesGrid(Sharpness.Result r, Grid grid, double f0) {
    double found = r.maximum();
    assertTrue(found >= grid.max() - 1e-9 * (1 + Math.abs(grid.max())), "ascent " + found + " below the grid maximum " + grid.max());
    assertTrue(found <= grid.max() + grid.slack(), "ascent " + found + " above grid maximum + slack " + (grid.max() + grid.slack()));
    assertEquals(100 * (found - f0) / (1 + Math.abs(f0)), r.sharpness(), 1e-12 * Math.abs(r.sharpness()) + 1e-14);
  }

  @Test
  void himmelblauMatchesBruteForceGrid() {
    Objective f = TestObjectives.himmelblau();
    double[] x = {3.0, 2.0}; // a global minimum, f = 0
    double eps = 0.3;
    Sharpness.Result r = Sharpness.compute(f, x, Sharpness.Options.defaults().withEpsilon(eps).withRestarts(8));
    Grid g = bruteForce(f, x, eps * (3 + 1), eps * (2 + 1), 800, new double[] {1, 0}, new double[] {0, 1});
    assertMatchesGrid(r, g, 0.0);
    assertTrue(r.sharpness() > 0);
  }

  @Test
  void adaptiveSharpnessOfIndefiniteQuadraticMatchesBruteForceGrid() {
    double[] a = {2.0, 1.5, 1.5, -3.0};
    Objective f = TestObjectives.quadratic(a, new double[] {0.2, -0.1}, 0.7);
    double[] x = {1.5, -2.0};
    double eps = 0.4;
    Sharpness.Result r = Sharpness.compute(f, x, Sharpness.Options.defaults().withKind(Sharpness.Kind.ADAPTIVE).withEpsilon(eps));
    Grid g = bruteForce(f, x, eps * 1.5, eps * 2.0, 800, new double[] {1, 0}, new double[] {0, 1});
    assertMatchesGrid(r, g, f.value(x));
  }

  /** Random subspace p = 2 in R^6: the box is on z, y = A z; the grid runs over z with A's columns as axes. */
  @Test
  void randomSubspaceMatchesBruteForceGridOverZ() {
    int n = 6;
    double[] lambda = {3, -1, 0.5, 2, -0.2, 1};
    Objective f = TestObjectives.quadratic(TestObjectives.withSpectrum(lambda, 4), new double[n], 0.1);
    double[] x = {0.3, -0.2, 0.5, 0.1, -0.4, 0.2};
    double eps = 0.05;
    long seed = 9;
    Sharpness.Result r = Sharpness.compute(f, x, Sharpness.Options.defaults().withEpsilon(eps).withSubspaceDimension(2).withSeed(seed));
    assertEquals(2, r.subspaceDimension());
    double[] amat = Sharpness.gaussianMatrix(n, 2, seed);
    double[] coords = Sharpness.leastSquares(amat, n, 2, x);
    double[] e0 = new double[n];
    double[] e1 = new double[n];
    for (int i = 0; i < n; i++) {
      e0[i] = amat[i * 2];
      e1[i] = amat[i * 2 + 1];
    }
    Grid g = bruteForce(f, x, eps * (Math.abs(coords[0]) + 1), eps * (Math.abs(coords[1]) + 1), 600, e0, e1);
    assertMatchesGrid(r, g, f.value(x));
  }

  /**
   * Rescaling hidden unit j of a ReLU network (incoming row and bias times c_j &gt; 0, outgoing column
   * divided by c_j) leaves the loss unchanged and maps the adaptive box onto itself, so adaptive
   * sharpness is unchanged: to 1e-10 relative (the ascent sees the same function of u up to
   * round-off in the rescaled arithmetic). The largest Hessian eigenvalue is not invariant and changes.
   */
  @Test
  void adaptiveSharpnessIsInvariantToReluRescalingWhileLambdaMaxIsNot() {
    MlpObjective f = TestObjectives.mlp(Activation.RELU, 20, 0.0, 3, 3, 4, 2);
    Mlp model = f.model();
    double[] x = Initializer.normal(0.8).initialize(model, 17);
    double[] c = {3.0, 0.7, 1.9, 0.45};
    double[] y = x.clone();
    int in = model.width(0);
    int hidden = model.width(1);
    int out = model.width(2);
    for (int j = 0; j < hidden; j++) {
      for (int i = 0; i < in; i++) y[model.weightOffset(1) + j * in + i] *= c[j];
      y[model.biasOffset(1) + j] *= c[j];
      for (int k = 0; k < out; k++) y[model.weightOffset(2) + k * hidden + j] /= c[j];
    }
    assertEquals(f.value(x), f.value(y), 1e-12 * f.value(x));
    Sharpness.Options o = Sharpness.Options.defaults().withKind(Sharpness.Kind.ADAPTIVE).withEpsilon(0.05);
    Sharpness.Result rx = Sharpness.compute(f, x, o);
    Sharpness.Result ry = Sharpness.compute(f, y, o);
    assertTrue(rx.sharpness() > 0);
    assertEquals(rx.sharpness(), ry.sharpness(), 1e-10 * rx.sharpness(), rx + " vs " + ry);
    int p = f.dimension();
    double[] h = new double[p * p];
    f.hessian(x, h);
    double lx = DenseSpectrum.eigenvalues(h, p)[p - 1];
    f.hessian(y, h);
    double ly = DenseSpectrum.eigenvalues(h, p)[p - 1];
    assertTrue(Math.abs(lx - ly) > 1e-2 * lx, "lambda_max " + lx + " vs " + ly);
    // Keskar's box |y_i| <= eps (|x_i| + 1) is not scale-aware: no invariance expected there.
  }

  @Test
  void nonFiniteValueIsReported() {
    Objective f = TestObjectives.constant(2, Double.NaN);
    Sharpness.Result r = Sharpness.compute(f, new double[] {1, 1}, Sharpness.Options.defaults());
    assertEquals(Sharpness.Status.NON_FINITE, r.status());
    assertTrue(Double.isNaN(r.sharpness()));
  }
}

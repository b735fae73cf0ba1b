package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Newton-MR: convergence to critical points of any index, polishing to 1e-12, its spec. */
class NewtonMrTest {

  /** The tolerance Newton-MR is asked for: its default, 1e-12. */
  static final double TIGHT_GRADIENT = NewtonMr.Config.defaults().gradientTolerance();

  /** f(x) = (1/2)(x - c)' A (x - c) + offset with A = Q diag(lambda) Q' (see MinimumResidualTest). */
  static final class ShiftedQuadratic implements Objective {
    final double[] a;
    final double[] center;
    final double offset;
    final int n;

    ShiftedQuadratic(double[] lambda, long seed, double offset) {
      this.n = lambda.length;
      this.a = MinimumResidualTest.symmetric(lambda, seed);
      this.center = MinimumResidualTest.gaussian(n, seed + 1000);
      this.offset = offset;
    }

    @Override
    public int dimension() {
      return n;
    }

    @Override
    public double value(double[] w) {
      return valueAndGradient(w, new double[n]);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      double[] d = w.clone();
      Vectors.axpy(-1, center, d);
      hessianVectorProduct(w, d, gradient);
      return 0.5 * Vectors.dot(d, gradient) + offset;
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[i * n + j] * v[j];
        result[i] = s;
      }
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /**
   * A saddle of index 4 in dimension 12 (eigenvalues -8, -2, -1, -0.5, then 0.25 .. 16), value 1e6:
   * from a Gaussian start MINRES solves the indefinite Newton system, the full step lands on the
   * saddle up to the MINRES tolerance: on a quadratic ||g_{k+1}|| = ||r_k|| &lt;= eta_k ||g_k||, eta_k =
   * min(0.1, sqrt(||g_k||)), which from ||g_0|| ~ 100 takes at most 10 iterations to 1e-12 (fewer, as
   * MINRES overshoots its tolerance); 12 allows two line-search corrections. The distance to the
   * saddle is at most ||g|| / min |lambda| = 1e-12 / 0.25.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void convergesToASaddleOfAQuadratic(long seed) {
    double[] lambda = {-8, -2, -1, -0.5, 0.25, 0.5, 1, 2, 4, 8, 12, 16};
    ShiftedQuadratic f = new ShiftedQuadratic(lambda, seed, 1e6);
    OptimizationResult r = new NewtonMr(NewtonMr.Config.defaults()).minimize(f, MinimumResidualTest.gaussian(12, seed + 7));
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= TIGHT_GRADIENT, r.toString());
    assertTrue(r.iterations() <= 12, r.toString());
    assertTrue(OptimizerContractTest.distance(r.point(), f.center) <= TIGHT_GRADIENT / 0.25, r.toString());
  }

  /**
   * f = x^2 - y^2 + y^4/2 from (0.3, 0.1): the Newton iteration on y is y -&gt; 4y^3 / (6y^2 - 2), so
   * Newton-MR goes to the saddle at the origin (where Newton-TR escapes to a minimum, see
   * NewtonTrustRegionTest), with the gradient norm decreasing every iteration.
   */
  @Test
  void convergesToTheSaddleOfANonQuadraticFunction() {
    TestObjectives.Saddle f = new TestObjectives.Saddle(1.0);
    OptimizationResult r = new NewtonMr(NewtonMr.Config.defaults()).minimize(f, new double[] {0.3, 0.1}, TrajectoryOptions.every(1));
    assertEquals(Status.CONVERGED, r.status(), r.toString());
    assertEquals(0.0, r.point()[0], 1e-12);
    assertEquals(0.0, r.point()[1], 1e-12);
    List<Trajectory.Row> rows = r.trajectory().rows();
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).gradientNorm() < rows.get(i - 1).gradientNorm(), "gradient norm decreases at row " + i);
    }
  }

  /**
   * Minima of nonsingular functions, to 1e-12: Rosenbrock 10 from the minimizer (1, ..., 1) plus a
   * seeded perturbation of norm 0.1 (inside the region where H is positive definite) and
   * L2-regularized logistic regression from 0 (strictly convex), each also with 1e6 added to the
   * value, which Newton-MR never compares. (Far from a critical point Newton-MR can stall where H g
   * = 0 with g != 0, a critical point of ||g||^2 only, e.g. on Rosenbrock from (-1.2, 1): it is a
   * polishing stage and saddle finder, not a global method.)
   */
  @Test
  void polishesNonsingularMinimaToTheTightTolerance() {
    TestObjectives.Rosenbrock r10 = new TestObjectives.Rosenbrock(10);
    double[] near = MinimumResidualTest.gaussian(10, 3);
    double scale = 0.1 / Vectors.norm(near);
    for (int i = 0; i < 10; i++) near[i] = 1 + scale * near[i];
    TestObjectives.LogisticRegression logistic = new TestObjectives.LogisticRegression(200, 10, 1e-2, 9);
    NewtonMr mr = new NewtonMr(NewtonMr.Config.defaults());
    Object[][] cases = {
        {"Rosenbrock 10", r10, near},
        {"Rosenbrock 10 + 1e6", new RoundingPolishTest.Shifted(r10), near},
        {"logistic regression", logistic, new double[10]},
        {"logistic regression + 1e6", new RoundingPolishTest.Shifted(logistic), new double[10]}};
    for (Object[] c : cases) {
      OptimizationResult r = mr.minimize((Objective) c[1], (double[]) c[2]);
      assertEquals(Status.CONVERGED, r.status(), c[0] + ": " + r);
      assertTrue(r.gradientNorm() <= TIGHT_GRADIENT, c[0] + ": " + r);
      assertTrue(r.iterations() <= 20, c[0] + ": " + r);
    }
    OptimizationResult rosenbrock = mr.minimize(r10, near);
    for (int i = 0; i < 10; i++) assertEquals(1.0, rosenbrock.point()[i], 1e-10, "coordinate " + i);
  }

  /**
   * Asked for an exactly zero gradient on logistic regression (whose gradient rounds at ~1e-16
   * relative to its O(1) terms, never exactly to 0), Newton-MR reaches the rounding floor in a few
   * iterations; then no step decreases ||g|| and the line search backtracks to the resolution of x:
   * STALLED, at a point with ||g|| &lt;= 1e-13 (observed ~1e-16).
   */
  @Test
  void stallsAtTheRoundingFloorOfTheGradient() {
    TestObjectives.LogisticRegression f = new TestObjectives.LogisticRegression(200, 10, 1e-2, 9);
    OptimizationResult r = new NewtonMr(NewtonMr.Config.defaults().withGradientTolerance(0.0)).minimize(f, new double[10]);
    assertEquals(Status.STALLED, r.status(), r.toString());
    assertTrue(r.gradientNorm() <= 1e-13, r.toString());
    assertTrue(r.iterations() <= 15, r.toString());
  }

  /** The spec name and keys; bad values give the config's message in one InputException line. */
  @Test
  void isParsedFromItsSpec() {
    assertTrue(OptimizerSpecs.NAMES.contains("newton-mr"));
    Optimizer o = OptimizerSpecs.parse("newton-mr:iterations=50,minres=20,rtol=0.01,armijo=0.001,backtrack=0.25,gtol=1e-9", 0);
    NewtonMr.Config c = assertInstanceOf(NewtonMr.class, o).config();
    assertEquals(new NewtonMr.Config(1e-9, 50, 0.01, 20, 0.001, 0.25, NewtonMr.Config.defaults().maxBacktracks()), c);
    assertEquals(NewtonMr.Config.defaults(), ((NewtonMr) OptimizerSpecs.parse("newton-mr", 0)).config());
    assertEquals("optimizer 'newton-mr:rtol=1': NewtonMr minresTolerance must be in (0, 1), got 1.0",
        assertThrows(InputException.class, () -> OptimizerSpecs.parse("newton-mr:rtol=1", 0)).getMessage());
    assertEquals("optimizer 'newton-mr:backtrack=0': NewtonMr backtrackingFactor must be in (0, 1), got 0.0",
        assertThrows(InputException.class, () -> OptimizerSpecs.parse("newton-mr:backtrack=0", 0)).getMessage());
    assertEquals("optimizer 'newton-mr:armijo=0.5': NewtonMr armijo must be in (0, 0.5), got 0.5",
        assertThrows(InputException.class, () -> OptimizerSpecs.parse("newton-mr:armijo=0.5", 0)).getMessage());
    assertEquals("optimizer 'newton-mr:minres=0': NewtonMr maxMinresIterations must be >= 1, got 0",
        assertThrows(InputException.class, () -> OptimizerSpecs.parse("newton-mr:minres=0", 0)).getMessage());
    assertEquals("optimizer 'newton-mr:radius=1': unknown key 'radius' for newton-mr",
        assertThrows(InputException.class, () -> OptimizerSpecs.parse("newton-mr:radius=1", 0)).getMessage());
    assertEquals("optimizer 'newton-mr:iterations=x': 'x' is not an integer",
        assertThrows(InputException.class, () -> OptimizerSpecs.parse("newton-mr:iterations=x", 0)).getMessage());
  }

  @Test
  void rejectsBadConfigurations() {
    NewtonMr.Config d = NewtonMr.Config.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withGradientTolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxIterations(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withMinresTolerance(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxMinresIterations(0));
    assertThrows(IllegalArgumentException.class, () -> d.withArmijo(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> d.withBacktrackingFactor(1));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxBacktracks(0));
    assertThrows(IllegalArgumentException.class, () -> new NewtonMr(null));
  }
}

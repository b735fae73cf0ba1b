package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.optim.OptimizationResult;
import org.junit.jupiter.api.Test;

/** Pure and saddle-free Newton on a quadratic saddle, where both have closed-form behaviour. */
class DenseNewtonTest {

  /**
   * f = 1/2 (x^2 - y^2 + 3 z^2): pure Newton reaches the saddle 0 in one step from anywhere (the
   * quadratic model is exact; coordinates to round-off, 1e-14); saddle-free Newton's step is
   * -|H|^-1 g = (-x, y, -z): the unit step (accepted by Armijo) lands on (0, 2 y, 0) and then doubles
   * y at every iteration (f decreases without bound), so it never converges to the saddle.
   */
  @Test
  void pureNewtonJumpsToTheSaddleSaddleFreeFleesIt() {
    RandomDirectionEscapeTest.Diagonal f = new RandomDirectionEscapeTest.Diagonal(new double[] {1, -1, 3});
    double[] start = {0.3, 0.2, -0.5};
    OptimizationResult pure = new DenseNewton(DenseNewton.Config.defaults(DenseNewton.Variant.PURE)).minimize(f, start);
    assertEquals(OptimizationResult.Status.CONVERGED, pure.status(), pure.toString());
    assertEquals(1, pure.iterations());
    for (double v : pure.point()) assertEquals(0.0, v, 1e-14);
    OptimizationResult free = new DenseNewton(DenseNewton.Config.defaults(DenseNewton.Variant.SADDLE_FREE).withMaxIterations(5)).minimize(f, start);
    assertEquals(OptimizationResult.Status.MAX_ITERATIONS, free.status(), free.toString());
    assertEquals(0.2 * 32, free.point()[1], 1e-12);
    assertEquals(0.0, free.point()[0], 1e-14);
    assertEquals(0.0, free.point()[2], 1e-14);
    assertTrue(free.value() < f.value(start));
  }
}

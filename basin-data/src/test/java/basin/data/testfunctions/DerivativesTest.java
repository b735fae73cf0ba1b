package basin.data.testfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.check.DerivativeCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact derivatives of every test function against finite differences and the dense Hessian. */
class DerivativesTest {
  /**
   * Relative error allowed by {@link DerivativeCheck} (fourth-order stencil, h = 1e-3): truncation
   * h^4 |f^(5)| / 30 relative to |f'| is at most ~1e-9 here (Rastrigin: (2 pi)^5 10 h^4 / 30 ~ 3e-9
   * against gradients of order 10; Muller-Brown: exponents up to ~20 |x|^2), rounding eps |f| / h ~
   * 1e-13 |f| / |f'|; 1e-6 leaves a wide margin without hiding a wrong term (those give O(1)).
   */
  private static final double TOLERANCE = 1e-6;
  /** H v against the dense Hessian times v: the same products summed in a different order, 1e-13 relative. */
  private static final double HVP_TOLERANCE = 1e-13;
  private static final int POINTS = 10;

  static Stream<Arguments> functions() {
    List<TestFunction> fs = new ArrayList<>();
    fs.add(new MullerBrown());
    fs.add(new Himmelblau());
    for (int n : new int[] {2, 3, 5, 8}) fs.add(new Rosenbrock(n));
    for (int n : new int[] {1, 3, 6}) fs.add(new Rastrigin(n));
    fs.add(SpectrumQuadratic.axisAligned(new double[] {-1, 2, 3}, 0.5));
    fs.add(SpectrumQuadratic.rotated(new double[] {-2, -1, 0, 0, 5}, -3, 9));
    fs.add(SpectrumQuadratic.rotated(new double[] {1, 10, 100, 1000, 0.1, -7, 3}, 0, 21));
    List<Arguments> args = new ArrayList<>();
    long seed = 100;
    for (TestFunction f : fs) args.add(Arguments.of(f.spec(), f, seed++));
    return args.stream();
  }

  /** Seeded uniform points in the function's box; the seed is in every message. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void derivativesMatchFiniteDifferences(String spec, TestFunction f, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DerivativeCheck check = new DerivativeCheck(DerivativeCheck.Options.defaults());
    double[] lower = f.lower();
    double[] upper = f.upper();
    double worst = 0;
    for (int trial = 0; trial < POINTS; trial++) {
      double[] x = new double[f.dimension()];
      for (int i = 0; i < x.length; i++) x[i] = lower[i] + (upper[i] - lower[i]) * random.nextDouble();
      DerivativeCheck.Result r = check.check(f, x, random);
      assertTrue(r.worst() <= TOLERANCE, spec + " seed " + seed + " trial " + trial + ": " + r);
      worst = Math.max(worst, r.worst());

      // H v against the dense Hessian, along a random direction
      double[] v = new double[x.length];
      for (int i = 0; i < v.length; i++) v[i] = random.nextDouble() - 0.5;
      double[] hv = new double[x.length];
      f.hessianVectorProduct(x, v, hv);
      double[] h = new double[x.length * x.length];
      f.hessian(x, h);
      double diff = 0;
      double size = 0;
      for (int i = 0; i < x.length; i++) {
        double dense = 0;
        for (int j = 0; j < x.length; j++) dense += h[i * x.length + j] * v[j];
        diff += (dense - hv[i]) * (dense - hv[i]);
        size += dense * dense;
      }
      assertTrue(Math.sqrt(diff) <= HVP_TOLERANCE * Math.max(Math.sqrt(size), 1e-300) + 1e-300,
          spec + " seed " + seed + " trial " + trial + ": |Hv - dense| = " + Math.sqrt(diff));

      // value() and valueAndGradient() agree to the bit (the same sums)
      assertEquals(f.value(x), f.valueAndGradient(x, new double[x.length]), 0.0, spec + " seed " + seed + " trial " + trial);
      // copy() behaves the same
      assertEquals(f.value(x), f.copy().value(x), 0.0);
    }
    System.out.println(spec + ": worst relative derivative error " + worst);
  }
}

package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.check.DerivativeCheck;
import basin.core.data.Dataset;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact derivatives of the MLP objective against finite differences, on seeded random
 * architectures covering every activation and loss, 0 to 4 hidden layers, bias on and off, L2 on
 * and off. A failing case prints its seed and architecture; rerun it by seed.
 */
class MlpObjectiveDerivativeTest {

  /**
   * Relative tolerance for gradients and Hessian-vector products against the fourth-order stencil
   * with h = 1e-3 (truncation error ~h^4 f^(5) ~ 1e-12, round-off ~1e-16 / h ~ 1e-13, amplified by
   * the deepest random networks): 1e-7 leaves two orders of margin.
   */
  static final double FD_TOLERANCE = 1e-7;
  /** <u, Hv> = <Hu, v> and dense-vs-HVP columns agree to round-off of sums over examples. */
  static final double EXACT_TOLERANCE = 1e-11;

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void derivativesMatchFiniteDifferences(long seed) {
    RandomProblems.Problem problem = RandomProblems.problem(seed, 7);
    MlpObjective f = problem.objective();
    double[] w = RandomProblems.point(problem.model(), seed + 1000, 0.8);
    DerivativeCheck.Result r = new DerivativeCheck(DerivativeCheck.Options.defaults()).check(f, w, new SplittableRandom(seed));
    String where = problem + " -> " + r;
    assertTrue(r.gradientError() <= FD_TOLERANCE, where);
    assertTrue(r.directionalError() <= FD_TOLERANCE, where);
    assertTrue(r.hvpError() <= FD_TOLERANCE, where);
    assertTrue(r.symmetryError() <= EXACT_TOLERANCE, where);
    assertTrue(r.hessianError() <= EXACT_TOLERANCE, where);
    assertEquals(0.0, r.hessianAsymmetry(), where);
  }

  /** The fast value equals a per-example loop over the definitions, to round-off (1e-13 relative). */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void valueMatchesReferenceImplementation(long seed) {
    RandomProblems.Problem problem = RandomProblems.problem(seed, 9);
    double[] w = RandomProblems.point(problem.model(), seed + 2000, 1.0);
    double fast = problem.objective().value(w);
    double naive = NaiveMlp.value(problem.model(), problem.data(), problem.loss(), problem.l2(), w);
    assertEquals(naive, fast, 1e-13 * Math.max(1, Math.abs(naive)), problem.toString());
  }

  /** The minibatch gradient equals the full gradient of the objective on the subset (bit for bit up to summation order: 1e-14). */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void minibatchGradientIsTheSubsetGradient(long seed) {
    RandomProblems.Problem problem = RandomProblems.problem(seed, 12);
    MlpObjective f = problem.objective();
    double[] w = RandomProblems.point(problem.model(), seed + 3000, 0.7);
    int[] batch = {3, 0, 11, 5, 5};
    double[] g = new double[f.dimension()];
    double v = f.valueAndGradient(w, g, batch, 4);
    Dataset sub = problem.data().subset(new int[] {3, 0, 11, 5}, "subset");
    MlpObjective fs = new MlpObjective(problem.model(), sub, problem.loss(), problem.l2());
    double[] gs = new double[f.dimension()];
    double vs = fs.valueAndGradient(w, gs);
    assertEquals(vs, v, 1e-14 * Math.max(1, Math.abs(vs)));
    for (int i = 0; i < g.length; i++) assertEquals(gs[i], g[i], 1e-14 * Math.max(1, Math.abs(gs[i])), "coordinate " + i);
  }
}

package basin.landscape.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import basin.core.model.MlpObjective;
import basin.core.model.RandomProblems;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inertia path (LDL^T factorizations of H -+ tau I) against the dense eigendecomposition on the
 * test points of the derivative tests: the 120 seeded random architectures of basin-core's
 * {@code MlpObjectiveDerivativeTest} (every activation and loss, 0 to 4 hidden layers, bias and L2
 * on and off; {@link RandomProblems}), at the same points. The points are not critical, so both
 * certifiers are told to treat them as critical (gradient tolerance 1e300) and do all their spectral
 * work there. Class, index (negative count), nullity (zero count) and the zero modes explained by
 * symmetry must agree exactly, on one thread and on two; networks with ReLU units (kinks) certify
 * by eigenvalues on both paths, so there the check is that they do.
 */
class CertifierRandomArchitecturesTest {

  static final double AT_ANY_POINT = 1e300;
  static final Certifier EIGEN = new Certifier(Certifier.Config.defaults().withGradientTolerance(AT_ANY_POINT)
      .withDenseMethod(Certifier.DenseMethod.EIGENVALUES).withKinkIterations(0));
  static final Certifier INERTIA = new Certifier(Certifier.Config.defaults().withGradientTolerance(AT_ANY_POINT)
      .withDenseMethod(Certifier.DenseMethod.INERTIA).withKinkIterations(0));

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void inertiaAndEigenvaluesAgree(long seed) {
    // the problem and point of MlpObjectiveDerivativeTest.derivativesMatchFiniteDifferences
    RandomProblems.Problem problem = RandomProblems.problem(seed, 7);
    MlpObjective f = problem.objective();
    double[] w = RandomProblems.point(problem.model(), seed + 1000, 0.8);
    Certificate eigen = EIGEN.certify(f, problem.model(), w, null);
    for (Certifier inertia : new Certifier[] {INERTIA, INERTIA.concurrent(true)}) {
      Certificate c = inertia.certify(f, problem.model(), w, null);
      String both = problem + ": " + eigen + " vs " + c;
      assertEquals(eigen.classification(), c.classification(), both);
      assertEquals(eigen.negativeCount(), c.negativeCount(), both);
      assertEquals(eigen.zeroCount(), c.zeroCount(), both);
      assertEquals(eigen.positiveCount(), c.positiveCount(), both);
      assertEquals(eigen.symmetryZeroModes(), c.symmetryZeroModes(), both);
    }
  }
}

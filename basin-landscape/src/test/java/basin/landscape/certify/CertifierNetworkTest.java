package basin.landscape.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizationResult;
import basin.landscape.spectral.HessianSpectrum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Certification of MLP minima and saddles, with the zero modes explained by symmetry. Every network
 * is certified twice: densely (exact counts) and by Lanczos on the Hessian with the symmetry
 * directions projected out (denseLimit 0); both must agree.
 *
 * <p>Tolerances are the certifier's defaults: gradient 1e-8 (the minima are polished to
 * {@link Networks#POLISH_TOLERANCE} = 1e-10) and relative eigenvalue tolerance 1e-6. The comments
 * give the margin of each case: the smallest unexplained eigenvalue over the zero threshold, and the
 * threshold over the symmetry modes' O(||grad||) size.
 */
class CertifierNetworkTest {

  static final Certifier DENSE = new Certifier(Certifier.Config.defaults());
  static final Certifier LANCZOS = new Certifier(Certifier.Config.defaults().withDenseLimit(0));
  static final Certifier EIGEN = new Certifier(Certifier.Config.defaults().withDenseMethod(Certifier.DenseMethod.EIGENVALUES));
  static final Certifier INERTIA = new Certifier(Certifier.Config.defaults().withDenseMethod(Certifier.DenseMethod.INERTIA));

  /**
   * The dense eigendecomposition and the inertia counts agree exactly on class, index and nullity
   * (both are exact counts; the zero thresholds differ by the Lanczos error of lambda_max, relTol /
   * 10 of ||H||, far from any eigenvalue here). Returns the eigendecomposition's certificate.
   */
  static Certificate assertDenseMethodsAgree(MlpObjective f, Mlp model, double[] w, OptimizationResult.Status status, String label) {
    Certificate eigen = EIGEN.certify(f, model, w, status);
    for (Certifier other : new Certifier[] {INERTIA}) {
      Certificate inertia = other.certify(f, model, w, status);
      String both = label + " (" + other.config().denseMethod() + "): " + eigen + " vs " + inertia;
      assertEquals(eigen.classification(), inertia.classification(), both);
      assertEquals(eigen.negativeCount(), inertia.negativeCount(), both);
      assertEquals(eigen.zeroCount(), inertia.zeroCount(), both);
      assertEquals(eigen.positiveCount(), inertia.positiveCount(), both);
    }
    return eigen;
  }

  static void assertBothPaths(MlpObjective f, double[] w, OptimizationResult.Status status, CriticalPointClass expected,
      int zeroCount, int explained, String label) {
    Certificate dense = DENSE.certify(f, f.model(), w, status);
    assertDenseMethodsAgree(f, f.model(), w, status, label);
    assertEquals(expected, dense.classification(), label + ": " + dense);
    assertEquals(HessianSpectrum.Method.DENSE, dense.method());
    assertEquals(explained, dense.symmetryZeroModes(), label + ": " + dense);
    assertEquals(zeroCount, dense.zeroCount(), label + ": " + dense);
    Certificate lanczos = LANCZOS.certify(f, f.model(), w, status);
    assertEquals(expected, lanczos.classification(), label + " (Lanczos): " + lanczos);
    assertTrue(lanczos.spectrumConverged(), label + " (Lanczos): " + lanczos);
    assertEquals(explained, lanczos.symmetryZeroModes());
    assertTrue(lanczos.zeroCount() <= dense.zeroCount() && lanczos.negativeCount() <= dense.negativeCount(),
        label + ": Lanczos counts are lower bounds: " + lanczos);
    // Same eigenvalues beyond the symmetry modes: Lanczos tolerance relTol/10 of ||H||.
    double tol = 1e-7 * Math.abs(dense.largestEigenvalue());
    assertEquals(dense.largestEigenvalue(), lanczos.largestEigenvalue(), tol, label);
    if (expected == CriticalPointClass.STRICT_MINIMUM) {
      assertEquals(dense.smallestEigenvalues()[0], lanczos.smallestEigenvalues()[0], tol, label);
    }
  }

  /**
   * Deep linear network 3-2-3 without biases on random regression data (n = 20): reduced-rank
   * regression, whose minimum has a full-rank (rank 2) product W_2 W_1. The set of factorizations of
   * that product is exactly one GL(2) orbit, and the Hessian is non-degenerate across it (Baldi &amp;
   * Hornik 1989; docs/linear-autoencoder-hessian.md derives nullity p^2 at the minimum), so there are
   * exactly d_1^2 = 4 zero eigenvalues and all are explained: STRICT. Hidden width 2 &lt;= min(3, 3)
   * keeps gl(2) free of a kernel. Observed margin: smallest unexplained eigenvalue >= 1e-2, threshold
   * ~2e-6.
   */
  @ParameterizedTest(name = "start seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void deepLinearMinimumIsStrictModuloGl(long seed) {
    Mlp model = Mlp.of(Activation.LINEAR, false, 3, 2, 3);
    MlpObjective f = Networks.regression(model, 20, 0.0, 1);
    OptimizationResult r = Networks.minimize(f, seed);
    assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
    assertBothPaths(f, r.point(), r.status(), CriticalPointClass.STRICT_MINIMUM, 4, 4, "linear seed " + seed);
  }

  /**
   * ReLU and leaky ReLU 2-4-1 (bias, no L2) on 60 inputs labelled by a teacher of the same
   * architecture. Random starts stop on kinks (minima of the non-smooth set, where the gradient does
   * not vanish), so the optimizer starts in the teacher's basin (teacher + 0.2 seeded noise) and
   * Lbfgs + NewtonTrustRegion converge to a point of the teacher's orbit with loss ~0. Zero modes:
   * exactly one rescaling per hidden unit, 4, all explained: STRICT. Observed margin: smallest
   * unexplained eigenvalue ~2.5e-4, threshold ~1e-5; symmetry modes ~1e-11.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Activation.class, names = {"RELU", "LEAKY_RELU"})
  void reluMinimumZeroModesAreTheRescalings(Activation act) {
    Mlp model = Mlp.of(act, true, 2, 4, 1);
    double[] teacher = Initializer.normal(1.0).initialize(model, 77);
    MlpObjective f = Networks.teacherStudent(model, 60, 0.0, 5, teacher);
    for (long seed = 1; seed <= 2; seed++) {
      OptimizationResult r = Networks.minimizeFrom(f, Networks.near(teacher, 0.2, seed));
      assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
      assertTrue(r.value() < 1e-15, "reached the teacher's orbit: " + r);
      assertBothPaths(f, r.point(), r.status(), CriticalPointClass.STRICT_MINIMUM, 4, 4, act + " seed " + seed);
    }
  }

  /**
   * ReLU 2-4-1 with L2 lambda = 1e-3: the penalty breaks the rescalings, so nothing is explained
   * (symmetryZeroModes 0) and the minimum is STRICT with no zero eigenvalue. Exactly where the zero
   * modes went: at a critical point of L + (lambda/2)||w||^2, grad L = -lambda w, and differentiating
   * L(g_t w) = L(w) gives H_L xi = -J_xi^T grad L = lambda D w = lambda xi for the rescaling xi = D w
   * (D diagonal with entries +1 on incoming, -1 on outgoing weights). So H xi = 2 lambda xi: the four
   * former zero modes are eigenvalues 2 lambda = 2e-3, 150x the zero threshold (~1.3e-5). Checked to
   * 1e-8 (the O(||grad||) ~ 1e-12 perturbation plus the dense solver's 1e-14).
   *
   * <p>With lambda &gt; 0 most teacher/data draws put the regularized minimum on a kink (the optimizer
   * stalls with ||grad|| ~ 1e-4); teacher seed 71 with data seed 6 has a smooth one.
   */
  @Test
  void l2BreaksTheRescalingSymmetry() {
    double lambda = 1e-3;
    Mlp model = Mlp.of(Activation.RELU, true, 2, 4, 1);
    double[] teacher = Initializer.normal(1.0).initialize(model, 71);
    MlpObjective f = Networks.teacherStudent(model, 60, lambda, 6, teacher);
    OptimizationResult r = Networks.minimizeFrom(f, Networks.near(teacher, 0.2, 1));
    assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
    assertBothPaths(f, r.point(), r.status(), CriticalPointClass.STRICT_MINIMUM, 0, 0, "relu l2");
    double[] smallest = EIGEN.certify(f, model, r.point(), r.status()).smallestEigenvalues();
    for (int i = 0; i < 4; i++) {
      assertEquals(2 * lambda, smallest[i], 1e-8, "former rescaling mode " + i);
    }
    assertTrue(smallest[4] > 4 * lambda, "the rest of the spectrum is elsewhere");
  }

  /**
   * Tanh 3-4-2 teacher-student (60 inputs): tanh has no continuous symmetry (its sign flips are
   * discrete), and with 120 residuals for 26 parameters the minimum is non-degenerate: STRICT, zero
   * count 0. Observed margin: smallest eigenvalue ~1.4e-3, threshold ~4e-6.
   */
  @Test
  void tanhMinimumIsStrict() {
    Mlp model = Mlp.of(Activation.TANH, true, 3, 4, 2);
    double[] teacher = Initializer.normal(1.0).initialize(model, 77);
    MlpObjective f = Networks.teacherStudent(model, 60, 0.0, 5, teacher);
    for (long seed = 1; seed <= 2; seed++) {
      OptimizationResult r = Networks.minimizeFrom(f, Networks.near(teacher, 0.2, seed));
      assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
      assertBothPaths(f, r.point(), r.status(), CriticalPointClass.STRICT_MINIMUM, 0, 0, "tanh seed " + seed);
    }
  }

  /**
   * A dead unit: the ReLU minimum above embedded in a 2-5-1 network whose fifth unit has bias -100
   * (inactive on every input). The point stays critical with the same loss; the dead unit's 3
   * incoming parameters and its outgoing weight have zero curvature (4 zero modes) of which only its
   * rescaling (1) is a symmetry: 4 + 4 = 8 zeros, 5 explained, DEGENERATE.
   */
  @Test
  void deadUnitMakesTheMinimumDegenerate() {
    Mlp small = Mlp.of(Activation.RELU, true, 2, 4, 1);
    double[] teacher = Initializer.normal(1.0).initialize(small, 77);
    MlpObjective fs = Networks.teacherStudent(small, 60, 0.0, 5, teacher);
    OptimizationResult r = Networks.minimizeFrom(fs, Networks.near(teacher, 0.2, 1));
    assertEquals(OptimizationResult.Status.CONVERGED, r.status(), r.toString());
    Mlp big = Mlp.of(Activation.RELU, true, 2, 5, 1);
    double[] w = new double[big.parameterCount()];
    double[] ws = r.point();
    System.arraycopy(ws, small.weightOffset(1), w, big.weightOffset(1), 8);
    w[big.weightOffset(1) + 8] = 0.3;
    w[big.weightOffset(1) + 9] = -0.2;
    System.arraycopy(ws, small.biasOffset(1), w, big.biasOffset(1), 4);
    w[big.biasOffset(1) + 4] = -100;
    System.arraycopy(ws, small.weightOffset(2), w, big.weightOffset(2), 4);
    w[big.weightOffset(2) + 4] = 0.7;
    w[big.biasOffset(2)] = ws[small.biasOffset(2)];
    MlpObjective fb = Networks.teacherStudent(big, 60, 0.0, 5, w); // same inputs, labels from the embedded point
    assertEquals(fs.value(ws), fb.value(w), 1e-15, "the dead unit changes nothing");
    assertBothPaths(fb, w, null, CriticalPointClass.DEGENERATE_MINIMUM, 8, 5, "dead unit");
  }

  /**
   * Tanh 2-3-1 at W = 0 with the output bias at the mean target: every hidden unit outputs 0, the
   * gradient vanishes, and the Hessian couples incoming and outgoing weights through the correlation
   * of inputs and residuals, c = (2/n) sum_i r_i x_i: for each unit j, the block of (w_j, v_j) is
   * [[0, -c], [-c^T, 0]], with eigenvalues +-||c||. A saddle with index = number of hidden units
   * (one negative eigenvalue per unit), by both paths.
   */
  @Test
  void zeroWeightsOfATanhNetworkAreASaddle() {
    Mlp model = Mlp.of(Activation.TANH, true, 2, 3, 1);
    MlpObjective f = Networks.regression(model, 30, 0.0, 9);
    double[] w = new double[model.parameterCount()];
    double mean = 0;
    double[] y = f.data().targets();
    for (double v : y) mean += v;
    w[model.biasOffset(2)] = mean / y.length;
    Certificate dense = DENSE.certify(f, model, w, null);
    assertDenseMethodsAgree(f, model, w, null, "tanh zero weights");
    assertEquals(CriticalPointClass.SADDLE, dense.classification(), dense.toString());
    assertEquals(3, dense.index(), dense.toString());
    assertEquals(3.0 / model.parameterCount(), dense.indexFraction(), 1e-15);
    Certificate lanczos = LANCZOS.certify(f, model, w, null);
    assertEquals(CriticalPointClass.SADDLE, lanczos.classification(), lanczos.toString());
    assertTrue(lanczos.index() >= 1 && lanczos.index() <= 3, lanczos.toString());
  }
}

package basin.landscape.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import basin.core.linalg.Vectors;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Lbfgs;
import basin.core.optim.OptimizationResult;
import basin.landscape.symmetry.MlpSymmetry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Certification of minima that sit on ReLU kinks (docs/kinks.md): an oracle with a provable kink
 * minimum, random probes around every certified kink minimum of seeded ReLU regressions, points
 * that are not minima, and determinism.
 */
class KinkCertificationTest {

  static final Certifier CERTIFIER = new Certifier(Certifier.Config.defaults());

  /**
   * One ReLU unit on six 1-D examples x = -2..3, f(x) = w2 relu(w1 x + b1) + b2, MSE. For w1 &gt; 0
   * the model is s relu(x - t) + b2 with t = -b1/w1; for t fixed it is linear least squares in (s,
   * b2), so the loss profile L(t) is exact. With these targets L(t) has a V-shaped minimum at the
   * data point t = 0 (one-sided slopes -0.114 and +0.008, computed by NumPy 1.26 from the closed
   * form; the test re-checks them): the minimum is on the kink of example 2. There s = 39/40, b2 =
   * 3/40, loss = 37/600; the residuals r_i = f(x_i) - y_i are 0.375 at x = 0 and (0.05, -0.175, 0.1)
   * at x = 1, 2, 3, so Clarke stationarity along u = (0, 1) (the b1 direction) gives lambda =
   * -sum_{x_i &gt; 0} r_i / r_2 = 1/15, and the jump is c = (2/n) r_2 w2 = w2 / 8.
   */
  static final double[] X = {-2, -1, 0, 1, 2, 3};
  static final double[] Y = {0.5, 0.0, -0.3, 1.0, 2.2, 2.9};

  static MlpObjective oracle() {
    Mlp model = Mlp.of(Activation.RELU, true, 1, 1, 1);
    return new MlpObjective(model, Dataset.regression("kink-oracle", X.length, 1, X.clone(), 1, Y.clone()), Loss.MSE, 0.0);
  }

  /** min over (s, b2) of the mean squared error of s relu(x - t) + b2: {loss, s, b2}. */
  static double[] profile(double t) {
    double sa = 0, saa = 0, sy = 0, say = 0;
    int n = X.length;
    for (int i = 0; i < n; i++) {
      double a = Math.max(X[i] - t, 0);
      sa += a;
      saa += a * a;
      sy += Y[i];
      say += a * Y[i];
    }
    double det = n * saa - sa * sa;
    double s = (n * say - sa * sy) / det;
    double b = (sy - s * sa) / n;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double r = s * Math.max(X[i] - t, 0) + b - Y[i];
      loss += r * r;
    }
    return new double[] {loss / n, s, b};
  }

  @Test
  void oracleKinkMinimumIsFoundWithPredictedLossAndMultiplier() {
    // The V shape of the profile at t = 0 (the proof that the minimum is on the kink).
    double h = 1e-6;
    assertTrue(profile(-h)[0] > profile(0)[0] && profile(h)[0] > profile(0)[0]);
    for (double t = -1.99; t < 2.99; t += 0.01) {
      assertTrue(profile(t)[0] >= profile(0)[0] - 1e-15, "profile below the kink minimum at t = " + t);
    }
    assertEquals(37.0 / 600, profile(0)[0], 1e-15);
    MlpObjective f = oracle();
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 5; trial++) {
      double w1 = 0.5 + random.nextDouble();
      // Parameters (w1, b1, w2, b2) at the minimum, then perturbed by 1e-3 so that the optimizer's
      // situation (near, not on, the kink) is reproduced.
      double[] w = {w1, 0.0, 0.975 / w1, 0.075};
      for (int i = 0; i < 4; i++) w[i] += 1e-3 * (random.nextDouble() - 0.5);
      Certificate c = CERTIFIER.certify(f, f.model(), w, null);
      String label = "trial " + trial + ": " + c;
      assertEquals(CriticalPointClass.STRICT_MINIMUM, c.classification(), label);
      assertEquals(1, c.activeKinks(), label);
      double[] p = c.point();
      // Tolerances: the refined point is a Newton solution, exact to ~1e-15 relative.
      assertEquals(0.0, p[1] / p[0], 1e-13, label); // the kink at x = 0
      assertEquals(37.0 / 600, c.value(), 1e-14, label);
      assertEquals(0.975, p[0] * p[2], 1e-12, label);
      assertEquals(0.075, p[3], 1e-12, label);
      assertTrue(c.gradientNorm() <= 1e-12, label);
      assertEquals(1, c.symmetryZeroModes(), label);
      KinkRefinement.Result k = new KinkRefinement(f, MlpSymmetry.of(f), 1e-8, 1e-6, 100).refine(w);
      assertEquals(1.0 / 15, k.multipliers()[0], 1e-10, label);
      assertEquals(p[2] / 8, k.jumps()[0], 1e-9, label);
    }
  }

  /**
   * The kink placed on each data point in turn, with (s, b2) optimal for that placement: a point on
   * the kink manifold that is stationary along it. Only t = 0 is a minimum; at the others the
   * multiplier leaves [0, 1] (or the kink is concave). The certifier must never certify such a
   * point as a minimum where it stands: either it refuses, or it moves to a genuine minimum (checked
   * by probing) whose loss is not below the profile's minimum.
   */
  @Test
  void kinkPointsThatAreNotMinimaAreNotCertifiedAsMinima() {
    MlpObjective f = oracle();
    for (int m = 1; m < 4; m++) {
      double t = X[m];
      double[] sb = profile(t);
      double w1 = 1.3;
      double[] w = {w1, -w1 * t, sb[1] / w1, sb[2]};
      Certificate c = CERTIFIER.certify(f, f.model(), w, null);
      String label = "kink at x = " + t + ": " + c;
      if (m == 2) {
        assertEquals(CriticalPointClass.STRICT_MINIMUM, c.classification(), label);
        continue;
      }
      if (c.isMinimum()) {
        double[] p = c.point();
        assertTrue(Math.abs(-p[1] / p[0] - t) > 1e-6, label + ": certified a minimum at a point that is not one");
        assertTrue(c.value() >= 37.0 / 600 - 1e-14, label);
        assertProbedMinimum(f, p, c.value(), 200, 5L + m, label);
      } else if (c.classification() == CriticalPointClass.SADDLE) {
        assertTrue(hasDescent(f, c.point(), c.value(), 400, 7L + m), label);
      }
    }
  }

  /**
   * A concave kink: w2 &lt; 0 flips the sign of the jump (c = (2/n) r w2) at every kink; the
   * manifold-stationary point with the kink at x = 0 is then not a local minimum (descent on one
   * side of the kink), and must not be certified as one where it stands.
   */
  @Test
  void concaveKinkIsNotAMinimum() {
    double[] y = Y.clone();
    for (int i = 0; i < y.length; i++) y[i] = -y[i];
    Mlp model = Mlp.of(Activation.RELU, true, 1, 1, 1);
    MlpObjective f = new MlpObjective(model, Dataset.regression("kink-concave", X.length, 1, X.clone(), 1, y), Loss.MSE, 0.0);
    // The mirrored problem's minimum mirrors the oracle's (w2 -> -w2, b2 -> -b2): a convex kink
    // again, since the residual flips with w2. A concave one: the kink at x = 1 with w2 < 0.
    double[] sb = profile(1.0);
    double w1 = 1.1;
    double[] w = {w1, -w1, -sb[1] / w1, -sb[2]};
    Certificate c = CERTIFIER.certify(f, f.model(), w, null);
    if (c.isMinimum()) {
      assertTrue(Math.abs(-c.point()[1] / c.point()[0] - 1.0) > 1e-6, "certified the non-minimum in place: " + c);
      assertProbedMinimum(f, c.point(), c.value(), 200, 3L, c.toString());
    }
    // The point itself has a descent direction: off the kink on its descending side.
    assertTrue(hasDescent(f, w, f.value(w), 400, 9L));
  }

  /**
   * Seeded ReLU regressions (Gaussian inputs and targets, so the minima are not interpolating and
   * sit on kinks): L-BFGS, then certification. Every point certified as a minimum is probed along
   * 300 seeded random unit directions at steps 1e-3 .. 1e-6 times max(1, ||theta||): the loss never
   * drops below the certified loss by more than rounding (1e-13 relative: the loss is a mean of
   * O(1) terms accumulated in double). Saddles must exhibit a descent direction.
   */
  @Test
  void certifiedKinkMinimaSurviveRandomProbes() {
    Mlp model = Mlp.of(Activation.RELU, true, 4, 5, 1);
    MlpObjective f = Networks.regression(model, 200, 0.0, 4242L);
    int kinkMinima = 0;
    for (int s = 0; s < 6; s++) {
      long seed = 1000L + s;
      double[] start = Initializer.glorotNormal().initialize(model, seed);
      OptimizationResult r = new Lbfgs(Lbfgs.Config.defaults().withMaxIterations(3000)).minimize(f, start);
      Certificate c = CERTIFIER.certify(f, model, r.point(), r.status());
      String label = "seed " + seed + ": " + c;
      if (c.isMinimum()) {
        if (c.onKinks()) kinkMinima++;
        assertTrue(c.gradientNorm() <= 1e-8, label);
        // Every pair outside K keeps its side in the recorded ball, which is at least the minimum clearance.
        assertTrue(c.clearance() >= KinkRefinement.MIN_CLEARANCE * Math.max(1.0, Vectors.norm(c.point())), label);
        assertTrue(c.clearance() <= clearanceAt(f, c), label);
        assertEquals(f.value(c.point()), c.value(), 0.0, label);
        assertProbedMinimum(f, c.point(), c.value(), 300, seed, label);
      } else if (c.classification() == CriticalPointClass.SADDLE) {
        assertTrue(hasDescent(f, c.point(), c.value(), 2000, seed), label);
      }
    }
    assertTrue(kinkMinima >= 2, "expected kink minima among 6 starts, got " + kinkMinima);
  }

  /**
   * The reviewer's reproducer (docs/kinks.md, "Clearance"): 10-10-1 ReLU, MSE, n = 1000 Gaussian
   * inputs with Gaussian targets, every second input a copy of the previous one plus 1e-7 N(0, I).
   * Each near-duplicate pair of examples puts two kink hyperplanes 1e-7 apart in angle, so L-BFGS
   * (capped at 1000 iterations) ends with inactive pairs 1e-11..1e-9 (times ||theta||) from their
   * kinks. With the former 1e-12 clearance, starts 1, 3 and 4 of data seed 7 were certified
   * STRICT_MINIMUM with the nearest inactive pair 2.6e-10, 3.6e-10 and 3.5e-11 (times ||theta||)
   * away, and a restart from 1e-6 away found a lower loss. Now a near pair joins K, where its normal
   * is numerically dependent on its twin's, so these starts are not certified (NOT_CONVERGED).
   */
  @Test
  void nearDuplicateInputsAreNotCertifiedInsideTheirMicroBasins() {
    MlpObjective f = nearDuplicates(7L);
    for (int s : new int[] {1, 3, 4}) {
      double[] start = Initializer.glorotNormal().initialize(f.model(), 100 + s);
      OptimizationResult r = new Lbfgs(Lbfgs.Config.defaults().withMaxIterations(1000)).minimize(f, start);
      Certificate c = CERTIFIER.certify(f, f.model(), r.point(), r.status());
      assertFalse(c.isMinimum(), "start " + s + ": " + c);
    }
  }

  /** Identical duplicate inputs: the twin kinks have parallel normals, which is refused, never certified wrongly. */
  @Test
  void exactDuplicateKinksAreRefused() {
    MlpObjective f = nearDuplicates(7L, 0.0);
    double[] start = Initializer.glorotNormal().initialize(f.model(), 101L);
    OptimizationResult r = new Lbfgs(Lbfgs.Config.defaults().withMaxIterations(1000)).minimize(f, start);
    Certificate c = CERTIFIER.certify(f, f.model(), r.point(), r.status());
    if (c.isMinimum()) {
      assertTrue(c.clearance() >= KinkRefinement.MIN_CLEARANCE * Math.max(1.0, Vectors.norm(c.point())), c.toString());
      assertProbedMinimum(f, c.point(), c.value(), 200, 3L, c.toString());
    }
  }

  @Test
  void clearanceIsRecorded() {
    // No kinks at all: +Inf. No spectrum: NaN.
    Mlp linear = Mlp.of(Activation.LINEAR, false, 3, 2, 3);
    MlpObjective smooth = Networks.regression(linear, 20, 0.0, 1);
    OptimizationResult r = Networks.minimize(smooth, 1L);
    Certificate c = CERTIFIER.certify(smooth, linear, r.point(), r.status());
    assertEquals(CriticalPointClass.STRICT_MINIMUM, c.classification(), c.toString());
    assertEquals(Double.POSITIVE_INFINITY, c.clearance(), c.toString());
    Certificate far = CERTIFIER.certify(smooth, linear, Networks.near(r.point(), 0.5, 9L), null);
    assertEquals(CriticalPointClass.NOT_CONVERGED, far.classification(), far.toString());
    assertTrue(Double.isNaN(far.clearance()), far.toString());
    // A smooth minimum of a ReLU network (inside one piece): the distance to the nearest kink.
    Mlp relu = Mlp.of(Activation.RELU, true, 2, 4, 1);
    double[] teacher = Initializer.normal(1.0).initialize(relu, 77);
    MlpObjective student = Networks.teacherStudent(relu, 60, 0.0, 5, teacher);
    OptimizationResult t = Networks.minimizeFrom(student, Networks.near(teacher, 0.2, 1));
    Certificate s = CERTIFIER.certify(student, relu, t.point(), t.status());
    assertEquals(CriticalPointClass.STRICT_MINIMUM, s.classification(), s.toString());
    assertEquals(0, s.activeKinks(), s.toString());
    assertEquals(clearanceAt(student, s), s.clearance(), 1e-15 * Math.max(1.0, Vectors.norm(s.point())), s.toString());
    assertTrue(s.clearance() >= KinkRefinement.MIN_CLEARANCE * Math.max(1.0, Vectors.norm(s.point())), s.toString());
    MlpObjective f = oracle();
    Certificate k = CERTIFIER.certify(f, f.model(), new double[] {1.0, 0.0, 0.975, 0.075}, null);
    assertEquals(CriticalPointClass.STRICT_MINIMUM, k.classification(), k.toString());
    // The nearest other kinks are those of x = -1 and x = 1, at distance |w1| / sqrt(1 + 1) from p.
    double[] p = k.point();
    assertEquals(Math.abs(p[0]) / Math.sqrt(2), k.clearance(), 1e-12, k.toString());
  }

  /** min over the pairs with |z_q| above 1e-13 ||u_q|| of |z_q| / ||u_q||: the kinks outside K, recomputed independently. */
  static double clearanceAt(MlpObjective f, Certificate c) {
    Mlp model = f.model();
    double[] p = c.point();
    double[] x = f.data().inputs();
    int d = model.inputDim();
    int h = model.width(1);
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < f.data().size(); i++) {
      double nn = model.bias() ? 1.0 : 0.0;
      for (int k = 0; k < d; k++) nn += x[i * d + k] * x[i * d + k];
      for (int j = 0; j < h; j++) {
        double z = model.bias() ? p[model.biasOffset(1) + j] : 0.0;
        for (int k = 0; k < d; k++) z += p[model.weightOffset(1) + j * d + k] * x[i * d + k];
        double dist = Math.abs(z) / Math.sqrt(nn);
        if (dist > 1e-13) best = Math.min(best, dist);
      }
    }
    return best;
  }

  static MlpObjective nearDuplicates(long seed) {
    return nearDuplicates(seed, 1e-7);
  }

  /** The reproducer's data: 1000 Gaussian inputs in R^10, input 2i + 1 = input 2i + noise N(0, I); Gaussian targets. */
  static MlpObjective nearDuplicates(long seed, double noise) {
    Mlp model = Mlp.of(Activation.RELU, true, 10, 10, 1);
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1000;
    int d = 10;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x[i * d + k] = i % 2 == 0 ? Initializer.gaussian(r) : x[(i - 1) * d + k] + noise * Initializer.gaussian(r);
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = Initializer.gaussian(r);
    return new MlpObjective(model, Dataset.regression("near-duplicates-" + seed, n, d, x, 1, y), Loss.MSE, 0.0);
  }

  @Test
  void refinementIsDeterministic() {
    Mlp model = Mlp.of(Activation.RELU, true, 4, 5, 1);
    MlpObjective f = Networks.regression(model, 200, 0.0, 4242L);
    double[] start = Initializer.glorotNormal().initialize(model, 77L);
    double[] w = new Lbfgs(Lbfgs.Config.defaults().withMaxIterations(3000)).minimize(f, start).point();
    Certificate a = CERTIFIER.certify(f, model, w, null);
    Certificate b = CERTIFIER.certify(f.copy(), model, w, null);
    assertEquals(a.classification(), b.classification());
    assertArrayEquals(a.point(), b.point(), 0.0);
    assertEquals(a.activeKinks(), b.activeKinks());
  }

  @Test
  void smoothActivationsAndDisabledRefinementKeepTheSmoothVerdict() {
    Mlp relu = Mlp.of(Activation.RELU, true, 4, 5, 1);
    MlpObjective f = Networks.regression(relu, 200, 0.0, 4242L);
    double[] start = Initializer.glorotNormal().initialize(relu, 5L);
    double[] w = new Lbfgs(Lbfgs.Config.defaults().withMaxIterations(3000)).minimize(f, start).point();
    Certificate off = new Certifier(Certifier.Config.defaults().withKinkIterations(0)).certify(f, relu, w, null);
    assertEquals(0, off.activeKinks());
    assertArrayEquals(w, off.point(), 0.0);
    Mlp tanh = Mlp.of(Activation.TANH, true, 4, 5, 1);
    assertFalse(KinkRefinement.applies(Networks.regression(tanh, 50, 0.0, 1L), 2500));
    assertFalse(KinkRefinement.applies(Networks.regression(Mlp.of(Activation.RELU, true, 3, 4, 4, 1), 50, 0.0, 1L), 2500));
    assertTrue(KinkRefinement.applies(Networks.regression(Mlp.of(Activation.LEAKY_RELU, false, 3, 4, 1), 50, 0.0, 1L), 2500));
  }

  /** L(p + eps d) &gt;= value - 1e-13 max(1, |value|) for random unit d and eps in 1e-3..1e-6 max(1, ||p||). */
  static void assertProbedMinimum(MlpObjective f, double[] p, double value, int directions, long seed, String label) {
    SplittableRandom random = new SplittableRandom(seed);
    double scale = Math.max(1.0, Vectors.norm(p));
    double tol = 1e-13 * Math.max(1.0, Math.abs(value));
    double[] q = new double[p.length];
    for (int k = 0; k < directions; k++) {
      double[] d = unit(random, p.length);
      for (double eps = 1e-3; eps >= 1e-6; eps /= 10) {
        for (int i = 0; i < p.length; i++) q[i] = p[i] + eps * scale * d[i];
        double v = f.value(q);
        assertTrue(v >= value - tol, label + ": loss " + v + " below " + value + " at step " + eps + ", direction " + k + " (seed " + seed + ")");
      }
    }
  }

  /** Whether some random direction at steps 1e-2..1e-6 lowers the loss by more than rounding. */
  static boolean hasDescent(MlpObjective f, double[] p, double value, int directions, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double scale = Math.max(1.0, Vectors.norm(p));
    double tol = 1e-13 * Math.max(1.0, Math.abs(value));
    double[] q = new double[p.length];
    for (int k = 0; k < directions; k++) {
      double[] d = unit(random, p.length);
      for (double eps = 1e-2; eps >= 1e-6; eps /= 10) {
        for (int i = 0; i < p.length; i++) q[i] = p[i] + eps * scale * d[i];
        if (f.value(q) < value - tol) return true;
      }
    }
    return false;
  }

  static double[] unit(SplittableRandom random, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = Initializer.gaussian(random);
    double norm = Vectors.norm(d);
    for (int i = 0; i < n; i++) d[i] /= norm;
    return d;
  }
}

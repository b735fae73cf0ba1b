package basin.data.closedform;

import static basin.data.closedform.Derivatives.centralDifference;
import static basin.data.closedform.Derivatives.dot;
import static basin.data.closedform.Derivatives.gaussianVector;
import static basin.data.closedform.Derivatives.gradientDifference;
import static basin.data.closedform.Derivatives.norm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinearAutoencoderObjectiveTest {
  /** Finite-difference step; L is a quartic polynomial so the errors are rounding ~eps |L| / h. */
  private static final double STEP = 1e-5;
  private static final double FD_TOLERANCE = 1e-6;

  static Stream<Arguments> sizes() {
    return Stream.of(Arguments.of(2, 1, 11L), Arguments.of(3, 1, 12L), Arguments.of(3, 2, 13L), Arguments.of(4, 2, 14L),
        Arguments.of(5, 2, 15L), Arguments.of(5, 3, 16L), Arguments.of(6, 3, 17L), Arguments.of(6, 4, 18L));
  }

  /** S = U diag(lambda) U^T with U Haar-like orthogonal (Gram-Schmidt of a Gaussian matrix) and lambda_i = n - i + U(0, 0.5). */
  static LinearAutoencoderObjective randomObjective(int n, int p, SplittableRandom random) {
    double[] g = gaussianVector(n * n, random);
    double[] q = new double[n * n];
    for (int col = 0; col < n; col++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) v[i] = g[i * n + col];
      for (int prev = 0; prev < col; prev++) {
        double proj = 0;
        for (int i = 0; i < n; i++) proj += v[i] * q[i * n + prev];
        for (int i = 0; i < n; i++) v[i] -= proj * q[i * n + prev];
      }
      double len = norm(v);
      for (int i = 0; i < n; i++) q[i * n + col] = v[i] / len;
    }
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) lambda[i] = n - i + 0.5 * random.nextDouble();
    return LinearAutoencoderObjective.withSpectrum(q, lambda, p);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void criticalPointsHaveThePredictedLossGradientAndIndex(int n, int p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LinearAutoencoderObjective f = randomObjective(n, p, random);
    double[] lambda = f.eigenvalues();
    double scale = lambda[0];
    List<LinearAutoencoderCriticalPoint> points = f.criticalPoints();
    long expectedCount = 0;
    for (int r = 0; r <= p; r++) expectedCount += binomial(n, r);
    assertEquals(expectedCount, points.size());
    int minima = 0;
    for (LinearAutoencoderCriticalPoint cp : points) {
      String where = "n=" + n + " p=" + p + " seed " + seed + " " + cp;
      double[] g = new double[f.dimension()];

      // the representative C = I: loss, gradient and the whole predicted spectrum
      double value = f.valueAndGradient(cp.parameters(), g);
      // tolerances: rounding in O(n^3) sums of terms of size lambda_max
      assertEquals(cp.loss(), value, 1e-12 * n * scale, where);
      assertTrue(norm(g) <= 1e-12 * n * scale, where + ": |grad| = " + norm(g));
      double[] spectrum = Derivatives.hessianSpectrum(f, cp.parameters());
      assertArrayEquals(cp.hessianSpectrum(), spectrum, 1e-10 * n * scale, where);

      // another point of the same orbit (C^-1 A, B C): same loss, still critical, same inertia
      double[] c = gaussianVector(p * p, random);
      for (int i = 0; i < p * p; i++) c[i] *= 0.3;
      for (int i = 0; i < p; i++) c[i * p + i] += 1;
      double[] moved = f.applySymmetry(cp.parameters(), c);
      value = f.valueAndGradient(moved, g);
      assertEquals(cp.loss(), value, 1e-10 * n * scale, where);
      assertTrue(norm(g) <= 1e-10 * n * scale, where + ": |grad| after symmetry = " + norm(g));
      double[] movedSpectrum = Derivatives.hessianSpectrum(f, moved);
      // zero eigenvalues are exact zeros up to rounding ~1e-15 |H|; nonzero ones are at least
      // ~lambda_min (n - 1)-gaps / cond(C)^2, far above this threshold
      double tolerance = 1e-8 * Math.max(Math.abs(movedSpectrum[0]), movedSpectrum[movedSpectrum.length - 1]);
      int negative = 0;
      int zero = 0;
      for (double mu : movedSpectrum) {
        if (mu < -tolerance) negative++;
        else if (mu <= tolerance) zero++;
      }
      assertEquals(cp.negativeEigenvalues(), negative, where);
      assertEquals(cp.zeroEigenvalues(), zero, where);
      if (cp.isMinimum()) {
        minima++;
        assertEquals(f.globalReference().value(), cp.loss(), 1e-12 * n * scale, where);
        int[] top = new int[p];
        for (int i = 0; i < p; i++) top[i] = i;
        assertArrayEquals(top, cp.eigenIndices(), where);
      }
    }
    assertEquals(1, minima, "exactly one minimum (Baldi and Hornik): n=" + n + " p=" + p);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void derivativesMatchFiniteDifferences(int n, int p, long seed) {
    SplittableRandom random = new SplittableRandom(seed + 100);
    LinearAutoencoderObjective f = randomObjective(n, p, random);
    for (int trial = 0; trial < 5; trial++) {
      double[] w = gaussianVector(f.dimension(), random);
      double[] u = gaussianVector(f.dimension(), random);
      double[] g = new double[f.dimension()];
      f.valueAndGradient(w, g);
      double expected = dot(g, u);
      assertEquals(expected, centralDifference(f, w, u, STEP), FD_TOLERANCE * (1 + Math.abs(expected)),
          "n=" + n + " p=" + p + " seed " + seed + " trial " + trial);
      double[] hu = new double[f.dimension()];
      f.copy().hessianVectorProduct(w, u, hu);
      double[] diff = Derivatives.axpy(-1, gradientDifference(f, w, u, STEP), hu);
      assertTrue(norm(diff) <= FD_TOLERANCE * (1 + norm(hu)), "n=" + n + " p=" + p + " seed " + seed + " trial " + trial);
    }
  }

  @Test
  void repeatedEigenvaluesHaveNoIsolatedCriticalPoints() {
    double[] s = {2, 0, 0, 0, 2, 0, 0, 0, 1};
    LinearAutoencoderObjective f = new LinearAutoencoderObjective(s, 3, 1);
    assertThrows(IllegalStateException.class, f::criticalPoints);
    assertEquals(3.0, f.globalReference().value(), 1e-12); // lambda = 2, 2, 1 and p = 1: 2 + 1
  }

  private static long binomial(int n, int k) {
    long b = 1;
    for (int i = 0; i < k; i++) b = b * (n - i) / (i + 1);
    return b;
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void predictedZeroCountMatchesTheCriticalPointsAndTheGlobalMinimumHasNullityPSquared(int n, int p, long seed) {
    LinearAutoencoderObjective f = randomObjective(n, p, new SplittableRandom(seed));
    for (LinearAutoencoderCriticalPoint cp : f.criticalPoints()) {
      assertEquals(cp.zeroEigenvalues(), f.predictedZeroEigenvalues(cp.eigenIndices(), LinearAutoencoderObjective.DEGENERACY_TOLERANCE),
          "n=" + n + " p=" + p + " " + cp);
    }
    LinearAutoencoderCriticalPoint min = f.globalMinimum();
    assertEquals(p * p, min.zeroEigenvalues());
    assertEquals(0, min.negativeEigenvalues());
    // the closed form and the sum computed in criticalPoint add the same eigenvalues in the same order
    assertEquals(f.globalMinimumLoss(), min.loss(), 0.0);
    assertEquals(f.globalReference().value(), f.globalMinimumLoss(), 0.0);
  }

  /**
   * Repeated and zero eigenvalues of S: the dense Hessian at BA = P_I (A = rows e_i, i in I, then
   * zero rows; B = A^T) has exactly the predicted number of zero eigenvalues. S is diagonal, so the
   * eigenvector of the l-th largest eigenvalue is e_l. Eigenvalues below 1e-9 |H| count as zero:
   * rounding is ~1e-15 |H|, the smallest nonzero eigenvalue here is >= 0.5 (2 (lambda_i - lambda_l)
   * type gaps of 1 and 2 lambda_l >= 2).
   */
  @ParameterizedTest
  @MethodSource("degenerate")
  void predictedZeroCountHoldsForRepeatedAndZeroEigenvalues(double[] diagonal, int p, int[] indices, int expectedZeros) {
    int n = diagonal.length;
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) s[i * n + i] = diagonal[i];
    LinearAutoencoderObjective f = new LinearAutoencoderObjective(s, n, p);
    String where = java.util.Arrays.toString(diagonal) + " p=" + p + " I=" + java.util.Arrays.toString(indices);
    assertEquals(expectedZeros, f.predictedZeroEigenvalues(indices, LinearAutoencoderObjective.DEGENERACY_TOLERANCE), where);
    double[] w = new double[2 * n * p];
    for (int h = 0; h < indices.length; h++) {
      w[h * n + indices[h]] = 1.0;
      w[n * p + indices[h] * p + h] = 1.0;
    }
    double[] g = new double[w.length];
    f.valueAndGradient(w, g);
    assertEquals(0.0, norm(g), 1e-14, where + ": a critical point");
    double[] spectrum = Derivatives.hessianSpectrum(f, w);
    double tolerance = 1e-9 * Math.max(-spectrum[0], spectrum[spectrum.length - 1]);
    int zeros = 0;
    for (double mu : spectrum) if (Math.abs(mu) <= tolerance) zeros++;
    assertEquals(expectedZeros, zeros, where + ": spectrum " + java.util.Arrays.toString(spectrum));
  }

  static Stream<Arguments> degenerate() {
    double[] tie = {3, 2, 2, 1};
    double[] singular = {3, 2, 1, 0};
    return Stream.of(
        // global minimum with a tie across the boundary: p^2 + one tied pair
        Arguments.of(tie, 2, new int[] {0, 1}, 5),
        // global minimum of a singular S: p^2 + p per zero eigenvalue
        Arguments.of(singular, 2, new int[] {0, 1}, 6),
        // rank-1 saddles: r^2 + 2 r (p - r) = 3, plus the tie (1, 2) for I = {1}
        Arguments.of(tie, 2, new int[] {0}, 3),
        Arguments.of(tie, 2, new int[] {1}, 4),
        // rank 0 (the origin) of the singular S: the unused units' zero-eigenvalue blocks, 2 each
        Arguments.of(singular, 2, new int[] {}, 4),
        Arguments.of(tie, 3, new int[] {0, 1, 2}, 9));
  }

  @Test
  void gaussianStartIsAFunctionOfSeedAndScale() {
    LinearAutoencoderObjective f = randomObjective(4, 2, new SplittableRandom(3));
    double[] a = f.gaussianStart(5, 0.1);
    assertEquals(f.dimension(), a.length);
    assertArrayEquals(a, f.gaussianStart(5, 0.1), 0.0);
    double[] b = f.gaussianStart(5, 0.2);
    // the same draws, scaled: exact because multiplying by 0.1 and 0.2 differ by a power of two
    for (int i = 0; i < a.length; i++) assertEquals(2 * a[i], b[i], 0.0);
    assertTrue(norm(Derivatives.axpy(-1, a, f.gaussianStart(6, 0.1))) > 0);
    assertThrows(IllegalArgumentException.class, () -> f.gaussianStart(5, 0.0));
  }
}

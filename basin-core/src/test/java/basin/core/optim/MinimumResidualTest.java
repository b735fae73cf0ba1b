package basin.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.linalg.Vectors;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MINRES against dense solves (EJML's LU solve and SVD pseudo-inverse) on small symmetric systems
 * A = Q diag(lambda) Q' with a seeded orthogonal Q: definite, indefinite, singular compatible and
 * singular incompatible; and its recurrences (residual vector, nonpositive-curvature test) against
 * direct computation.
 */
class MinimumResidualTest {
  static final int N = 12;
  /** Residual tolerance of the solves, relative to ||b||. */
  static final double SOLVE_TOLERANCE = 1e-13;
  /**
   * Solution error relative to ||p*||: condition number (at most 100 here) times the residual
   * tolerance, plus rounding of the recurrences (~1e-14 per iteration, ~100 iterations), with 100x slack.
   */
  static final double SOLUTION_TOLERANCE = 1e-9;

  /** Dense symmetric matrix Q diag(lambda) Q' from a seeded Gaussian Q (Gram-Schmidt). */
  static double[] symmetric(double[] lambda, long seed) {
    int n = lambda.length;
    Random r = new Random(seed);
    double[] q = new double[n * n];
    for (int i = 0; i < q.length; i++) q[i] = r.nextGaussian();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double dot = 0;
        for (int k = 0; k < n; k++) dot += q[i * n + k] * q[j * n + k];
        for (int k = 0; k < n; k++) q[i * n + k] -= dot * q[j * n + k];
      }
      double norm = 0;
      for (int k = 0; k < n; k++) norm += q[i * n + k] * q[i * n + k];
      for (int k = 0; k < n; k++) q[i * n + k] /= Math.sqrt(norm);
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += q[k * n + i] * lambda[k] * q[k * n + j];
        a[i * n + j] = s;
        a[j * n + i] = s;
      }
    }
    return a;
  }

  static MinimumResidual.SymmetricOperator operator(double[] a, int n) {
    return (v, out) -> {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[i * n + j] * v[j];
        out[i] = s;
      }
    };
  }

  static double[] multiply(double[] a, double[] v) {
    double[] out = new double[v.length];
    operator(a, v.length).apply(v, out);
    return out;
  }

  static double[] gaussian(int n, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
    return v;
  }

  static double[] pseudoInverseSolve(double[] a, double[] b) {
    int n = b.length;
    DMatrixRMaj pinv = new DMatrixRMaj(n, n);
    CommonOps_DDRM.pinv(new DMatrixRMaj(n, n, true, a), pinv);
    DMatrixRMaj x = new DMatrixRMaj(n, 1);
    CommonOps_DDRM.mult(pinv, new DMatrixRMaj(n, 1, true, b), x);
    return x.data;
  }

  static double relativeError(double[] x, double[] expected) {
    double[] d = expected.clone();
    Vectors.axpy(-1, x, d);
    return Vectors.norm(d) / Vectors.norm(expected);
  }

  static double[] spectrum(String kind) {
    double[] lambda = new double[N];
    for (int i = 0; i < N; i++) lambda[i] = Math.pow(100, i / (double) (N - 1)); // [1, 100]
    switch (kind) {
      case "definite" -> { }
      case "indefinite" -> {
        for (int i = 0; i < N; i += 3) lambda[i] = -lambda[i];
      }
      case "singular" -> {
        lambda[2] = 0;
        lambda[7] = 0;
        lambda[4] = -lambda[4];
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return lambda;
  }

  @ParameterizedTest
  @ValueSource(strings = {"definite", "indefinite"})
  void solvesNonsingularSystemsLikeADenseSolve(String kind) {
    for (long seed = 1; seed <= 5; seed++) {
      double[] a = symmetric(spectrum(kind), seed);
      double[] b = gaussian(N, 100 + seed);
      DMatrixRMaj expected = new DMatrixRMaj(N, 1);
      assertTrue(CommonOps_DDRM.solve(new DMatrixRMaj(N, N, true, a), new DMatrixRMaj(N, 1, true, b), expected));
      MinimumResidual minres = new MinimumResidual(N, 10 * N);
      MinimumResidual.Outcome outcome = minres.solve(operator(a, N), b, SOLVE_TOLERANCE * Vectors.norm(b), NewtonMr.INCOMPATIBILITY_TOLERANCE);
      assertEquals(MinimumResidual.Outcome.CONVERGED, outcome, kind + " seed " + seed);
      assertTrue(relativeError(minres.solution(), expected.data) <= SOLUTION_TOLERANCE,
          kind + " seed " + seed + ": error " + relativeError(minres.solution(), expected.data));
      assertEquals(kind.equals("indefinite"), minres.nonpositiveCurvature(), kind + " seed " + seed + ": curvature flag");
    }
  }

  /** b = A y in the range of a singular A: MINRES from 0 gives the minimum-norm solution A^+ b. */
  @Test
  void givesTheMinimumNormSolutionOfACompatibleSingularSystem() {
    for (long seed = 1; seed <= 5; seed++) {
      double[] a = symmetric(spectrum("singular"), seed);
      double[] b = multiply(a, gaussian(N, 100 + seed));
      MinimumResidual minres = new MinimumResidual(N, 10 * N);
      MinimumResidual.Outcome outcome = minres.solve(operator(a, N), b, SOLVE_TOLERANCE * Vectors.norm(b), NewtonMr.INCOMPATIBILITY_TOLERANCE);
      assertEquals(MinimumResidual.Outcome.CONVERGED, outcome, "seed " + seed);
      double error = relativeError(minres.solution(), pseudoInverseSolve(a, b));
      assertTrue(error <= SOLUTION_TOLERANCE, "seed " + seed + ": error " + error);
    }
  }

  /**
   * b with a part outside the range of A: MINRES detects the incompatibility and the lifted solution
   * is A^+ b. The detection stops when ||A r|| &lt;= 2^-26 ||A|| ||r||, so the least-squares residual
   * is reached to about that relative accuracy: 1e-6 relative error allows a factor ~100 for the
   * condition number.
   */
  @Test
  void liftsTheLeastSquaresSolutionOfAnIncompatibleSystemToThePseudoInverseSolution() {
    for (long seed = 1; seed <= 5; seed++) {
      double[] a = symmetric(spectrum("singular"), seed);
      double[] b = gaussian(N, 100 + seed);
      MinimumResidual minres = new MinimumResidual(N, 10 * N);
      MinimumResidual.Outcome outcome = minres.solve(operator(a, N), b, SOLVE_TOLERANCE * Vectors.norm(b), NewtonMr.INCOMPATIBILITY_TOLERANCE);
      assertEquals(MinimumResidual.Outcome.INCOMPATIBLE, outcome, "seed " + seed);
      double error = relativeError(minres.solution(), pseudoInverseSolve(a, b));
      assertTrue(error <= 1e-6, "seed " + seed + ": error " + error);
    }
  }

  /**
   * Runs capped at t = 1, 2, ... iterations are the prefixes of one solve. The carried residual
   * equals b - A p_t (to 1e-12 ||b||: rounding of ~N recurrence steps), and the first iteration t at
   * which r_{t-1}' A r_{t-1} &lt;= 0 (computed densely) is the one the solver reports.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void residualAndCurvatureRecurrencesMatchDirectComputation(long seed) {
    double[] a = symmetric(spectrum("indefinite"), seed);
    double[] b = gaussian(N, 200 + seed);
    int expectedFirst = -1;
    double[] previousResidual = b.clone();
    for (int t = 1; t <= N; t++) {
      double[] r = previousResidual;
      if (expectedFirst < 0 && Vectors.dot(r, multiply(a, r)) <= 0) expectedFirst = t;
      MinimumResidual capped = new MinimumResidual(N, t);
      capped.solve(operator(a, N), b, 0.0, 0.0);
      double[] direct = b.clone();
      Vectors.axpy(-1, multiply(a, capped.solution()), direct);
      double[] carried = capped.residual();
      double[] difference = direct.clone();
      Vectors.axpy(-1, carried, difference);
      assertTrue(Vectors.norm(difference) <= 1e-12 * Vectors.norm(b), "seed " + seed + ", t " + t + ": " + Vectors.norm(difference));
      assertEquals(Vectors.norm(direct), capped.residualNorm(), 1e-12 * Vectors.norm(b), "seed " + seed + ", t " + t + ": phi");
      previousResidual = direct;
    }
    MinimumResidual full = new MinimumResidual(N, N);
    full.solve(operator(a, N), b, 0.0, 0.0);
    assertTrue(expectedFirst > 0, "an indefinite A with a Gaussian b meets nonpositive curvature");
    assertEquals(expectedFirst, full.firstNonpositiveCurvature(), "seed " + seed);
  }

  @Test
  void stopsOnANonFiniteProduct() {
    MinimumResidual minres = new MinimumResidual(3, 10);
    MinimumResidual.Outcome outcome = minres.solve((v, out) -> java.util.Arrays.fill(out, Double.NaN), new double[] {1, 2, 3}, 1e-10, 1e-8);
    assertEquals(MinimumResidual.Outcome.NON_FINITE, outcome);
  }

  @Test
  void returnsZeroForAZeroRightHandSide() {
    MinimumResidual minres = new MinimumResidual(3, 10);
    assertEquals(MinimumResidual.Outcome.CONVERGED, minres.solve((v, out) -> System.arraycopy(v, 0, out, 0, 3), new double[3], 0.0, 1e-8));
    assertEquals(0, minres.iterations());
    assertEquals(0.0, Vectors.norm(minres.solution()), 0.0);
  }
}

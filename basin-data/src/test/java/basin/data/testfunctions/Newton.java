package basin.data.testfunctions;

import basin.core.Objective;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Newton's method and dense Hessian spectra for the reference values of the test functions. */
final class Newton {
  private Newton() {}

  /**
   * Pure Newton x &lt;- x - H^-1 g from {@code start}, to full double precision: it stops when a
   * small step (below 1e-6 (1 + |x|)) is no longer smaller than the one before (the iterates then
   * move at the rounding level), when a step is zero, or after 200 steps. Converges quadratically
   * to a nearby nondegenerate critical point of any index.
   */
  static double[] solve(Objective f, double[] start) {
    int n = f.dimension();
    double[] x = start.clone();
    double[] g = new double[n];
    double[] h = new double[n * n];
    double previous = Double.POSITIVE_INFINITY;
    for (int iteration = 0; iteration < 200; iteration++) {
      double[] step = step(f, x, g, h, 0.0);
      double size = norm(step);
      if (!(size < previous) && size < 1e-6 * (1 + norm(x))) break;
      if (!Double.isFinite(size)) break;
      for (int i = 0; i < n; i++) x[i] -= step[i];
      previous = size;
      if (size == 0) break;
    }
    return x;
  }

  /**
   * A minimum near {@code start}: Levenberg-Marquardt damped Newton steps (H + mu I)^-1 g, accepted
   * when f decreases (mu / 4) and rejected otherwise (mu * 4), until |g| &lt; 1e-8; then {@link
   * #solve} to full precision.
   */
  static double[] minimize(Objective f, double[] start) {
    int n = f.dimension();
    double[] x = start.clone();
    double[] g = new double[n];
    double[] h = new double[n * n];
    double mu = 1.0;
    double fx = f.valueAndGradient(x, g);
    for (int iteration = 0; iteration < 10_000 && norm(g) >= 1e-8; iteration++) {
      double[] step = step(f, x, g, h, mu);
      double[] trial = x.clone();
      for (int i = 0; i < n; i++) trial[i] -= step[i];
      double ft = f.value(trial);
      if (ft < fx) {
        x = trial;
        fx = f.valueAndGradient(x, g);
        mu = Math.max(mu / 4, 1e-12);
      } else {
        mu *= 4;
      }
    }
    return solve(f, x);
  }

  /** (H + mu I)^-1 g at x; fills g and h. */
  private static double[] step(Objective f, double[] x, double[] g, double[] h, double mu) {
    int n = f.dimension();
    f.valueAndGradient(x, g);
    f.hessian(x, h);
    DMatrixRMaj a = new DMatrixRMaj(n, n, true, h);
    for (int i = 0; i < n; i++) a.add(i, i, mu);
    DMatrixRMaj b = new DMatrixRMaj(n, 1, true, g);
    DMatrixRMaj out = new DMatrixRMaj(n, 1);
    if (!CommonOps_DDRM.solve(a, b, out)) throw new AssertionError("singular Hessian at " + java.util.Arrays.toString(x));
    return out.data;
  }

  /** Eigenvalues of the dense Hessian at x, increasing. */
  static double[] hessianSpectrum(Objective f, double[] x) {
    int n = f.dimension();
    double[] h = new double[n * n];
    f.hessian(x, h);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
    if (!eig.decompose(new DMatrixRMaj(n, n, true, h))) throw new AssertionError("eigendecomposition failed");
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = eig.getEigenvalue(i).real;
    java.util.Arrays.sort(values);
    return values;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}

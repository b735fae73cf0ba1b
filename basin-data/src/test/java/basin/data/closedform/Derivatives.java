package basin.data.closedform;

import basin.core.Objective;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Finite-difference and dense-spectrum helpers for derivative tests. */
final class Derivatives {
  private Derivatives() {}

  static double[] gaussianVector(int n, SplittableRandom random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i += 2) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      double r = Math.sqrt(-2 * Math.log(1 - u1));
      v[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) v[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double[] axpy(double alpha, double[] x, double[] y) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) out[i] += alpha * x[i];
    return out;
  }

  /** (f(w + h u) - f(w - h u)) / 2h. */
  static double centralDifference(Objective f, double[] w, double[] u, double h) {
    return (f.value(axpy(h, u, w)) - f.value(axpy(-h, u, w))) / (2 * h);
  }

  /** (grad f(w + h u) - grad f(w - h u)) / 2h. */
  static double[] gradientDifference(Objective f, double[] w, double[] u, double h) {
    int p = f.dimension();
    double[] plus = new double[p];
    double[] minus = new double[p];
    f.valueAndGradient(axpy(h, u, w), plus);
    f.valueAndGradient(axpy(-h, u, w), minus);
    double[] out = new double[p];
    for (int i = 0; i < p; i++) out[i] = (plus[i] - minus[i]) / (2 * h);
    return out;
  }

  /** Eigenvalues of the dense Hessian at w, increasing. */
  static double[] hessianSpectrum(Objective f, double[] w) {
    int p = f.dimension();
    double[] h = new double[p * p];
    f.hessian(w, h);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, false, true);
    if (!eig.decompose(new DMatrixRMaj(p, p, true, h))) throw new AssertionError("eigendecomposition failed");
    double[] values = new double[p];
    for (int i = 0; i < p; i++) values[i] = eig.getEigenvalue(i).real;
    Arrays.sort(values);
    return values;
  }
}

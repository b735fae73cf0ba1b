package basin.data.preprocess;

import basin.core.InputException;
import basin.core.data.Dataset;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Projection onto the top d principal components of a training set: z = U_d^T (x - mean), with
 * U_d the eigenvectors of the sample covariance C = X_c^T X_c / (n - 1) for its d largest
 * eigenvalues (symmetric eigendecomposition from EJML). Each component's sign is fixed so that its
 * entry of largest magnitude is positive, which makes the projection reproducible.
 *
 * <p>Cost: O(n D^2) for the covariance and O(D^3) for the eigendecomposition (D = input dimension;
 * about 20 s for all 60000 MNIST images, so subsample first where possible).
 *
 * @param mean training mean of each input feature (length D)
 * @param components d x D row-major, row k = k-th principal direction (unit length)
 * @param variances the d largest covariance eigenvalues, decreasing
 */
public record PrincipalComponents(double[] mean, double[] components, double[] variances) {

  public PrincipalComponents {
    if (variances.length == 0 || components.length != variances.length * mean.length) {
      throw new IllegalArgumentException("components " + components.length + " != " + variances.length + " x " + mean.length);
    }
  }

  public int dimensions() {
    return variances.length;
  }

  /**
   * Fits the top {@code d} components of {@code train}.
   *
   * @throws InputException when d is not in [1, D] or the training set has fewer than 2 examples
   */
  public static PrincipalComponents fit(Dataset train, int d) {
    int n = train.size();
    int dim = train.inputDim();
    if (!(d >= 1 && d <= dim)) {
      throw new InputException(train.name() + ": PCA to " + d + " dimensions is not possible, expected 1 to " + dim + " (the input dimension)");
    }
    if (n < 2) throw new InputException(train.name() + ": PCA needs at least 2 training examples, got " + n);
    double[] x = train.inputs();
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) mean[j] += x[i * dim + j];
    for (int j = 0; j < dim; j++) mean[j] /= n;
    DMatrixRMaj centered = new DMatrixRMaj(n, dim);
    double[] c = centered.data;
    for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) c[i * dim + j] = x[i * dim + j] - mean[j];
    DMatrixRMaj covariance = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.multInner(centered, covariance);
    CommonOps_DDRM.scale(1.0 / (n - 1), covariance);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, true, true);
    if (!eig.decompose(covariance)) {
      throw new IllegalStateException(train.name() + ": symmetric eigendecomposition of the " + dim + "x" + dim + " covariance failed");
    }
    Integer[] order = new Integer[dim];
    for (int k = 0; k < dim; k++) order[k] = k;
    Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
    double[] components = new double[d * dim];
    double[] variances = new double[d];
    for (int k = 0; k < d; k++) {
      DMatrixRMaj v = eig.getEigenVector(order[k]);
      variances[k] = Math.max(0.0, eig.getEigenvalue(order[k]).real);
      int largest = 0;
      for (int j = 1; j < dim; j++) if (Math.abs(v.data[j]) > Math.abs(v.data[largest])) largest = j;
      double sign = v.data[largest] < 0 ? -1.0 : 1.0;
      double norm = 0;
      for (int j = 0; j < dim; j++) norm += v.data[j] * v.data[j];
      norm = Math.sqrt(norm);
      for (int j = 0; j < dim; j++) components[k * dim + j] = sign * v.data[j] / norm;
    }
    return new PrincipalComponents(mean, components, variances);
  }

  /** {@code data} projected onto the components; labels or targets unchanged. */
  public Dataset project(Dataset data) {
    int dim = mean.length;
    int d = variances.length;
    if (data.inputDim() != dim) {
      throw new IllegalArgumentException(data.name() + " has " + data.inputDim() + " features, PCA was fitted on " + dim);
    }
    double[] in = data.inputs();
    double[] out = new double[data.size() * d];
    double[] centered = new double[dim];
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < dim; j++) centered[j] = in[i * dim + j] - mean[j];
      for (int k = 0; k < d; k++) {
        double sum = 0;
        int row = k * dim;
        for (int j = 0; j < dim; j++) sum += components[row + j] * centered[j];
        out[i * d + k] = sum;
      }
    }
    return data.isClassification()
        ? Dataset.classification(data.name(), data.size(), d, out, data.classCount(), data.labels())
        : Dataset.regression(data.name(), data.size(), d, out, data.targetDim(), data.targets());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrincipalComponents other && Arrays.equals(mean, other.mean)
        && Arrays.equals(components, other.components) && Arrays.equals(variances, other.variances);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(components);
  }

  @Override
  public String toString() {
    return "PrincipalComponents(" + mean.length + " -> " + variances.length + ")";
  }
}

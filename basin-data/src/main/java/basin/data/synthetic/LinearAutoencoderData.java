package basin.data.synthetic;

import basin.core.data.Dataset;
import basin.core.model.Initializer;
import basin.data.GlobalReference;
import basin.data.Problem;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Data for a linear autoencoder: Gaussian inputs with covariance diag(d, d-1, ..., 1) (distinct
 * eigenvalues), targets equal to the inputs. A linear network d-p-d without biases trained with
 * mse on it minimizes (1/d) tr[(I - BA) S (I - BA)^T] with S the empirical second moment X^T X / n,
 * the loss of Baldi and Hornik (1989): every local minimum is global, its value
 * (1/d) sum_{i > p} mu_i over the eigenvalues mu_1 >= ... >= mu_d of S, and every other critical
 * point is a saddle. That closed form is this problem's global reference.
 */
public final class LinearAutoencoderData {
  private LinearAutoencoderData() {}

  public static Problem create(int dim, int bottleneck, int n, int testSize, long seed) {
    if (dim < 2) throw new basin.core.InputException("autoencoder: dim must be >= 2, got " + dim);
    if (bottleneck < 1 || bottleneck >= dim) {
      throw new basin.core.InputException("autoencoder: bottleneck must be in [1, dim), got " + bottleneck + " with dim " + dim);
    }
    if (n < dim) throw new basin.core.InputException("autoencoder: n must be >= dim = " + dim + ", got " + n);
    SplittableRandom root = new SplittableRandom(seed);
    Dataset train = sample(dim, n, root.split(), "autoencoder");
    Dataset test = testSize > 0 ? sample(dim, testSize, root.split(), "autoencoder-test") : null;
    DMatrixRMaj x = new DMatrixRMaj(n, dim, true, train.inputs());
    DMatrixRMaj s = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.multTransA(x, x, s);
    CommonOps_DDRM.scale(1.0 / n, s);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, false, true);
    if (!eig.decompose(s)) throw new IllegalStateException("eigendecomposition of a covariance failed");
    double[] mu = new double[dim];
    for (int i = 0; i < dim; i++) mu[i] = eig.getEigenvalue(i).getReal();
    java.util.Arrays.sort(mu);
    double tail = 0;
    for (int i = 0; i < dim - bottleneck; i++) tail += mu[i]; // the dim - p smallest
    GlobalReference reference = GlobalReference.closedForm(tail / dim, "linear autoencoder " + dim + "-" + bottleneck + "-" + dim
        + " without biases (Baldi and Hornik 1989): every local minimum is global, loss (1/d) x the sum of the d - p smallest eigenvalues of X^T X / n");
    return new Problem(train, test, List.of(), 0, reference,
        "linear autoencoder data: Gaussian, covariance diag(" + dim + ", ..., 1), n " + n + ", seed " + seed);
  }

  private static Dataset sample(int dim, int n, SplittableRandom r, String name) {
    double[] x = new double[n * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) x[i * dim + j] = Math.sqrt(dim - j) * Initializer.gaussian(r);
    }
    return Dataset.regression(name, n, dim, x, dim, x.clone());
  }
}

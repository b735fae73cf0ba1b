package basin.data.preprocess;

import basin.core.data.Dataset;
import java.util.Arrays;

/**
 * Per-feature standardization x_j -&gt; (x_j - mean_j) / scale_j with the mean and population
 * standard deviation (divisor n) of a training set. A feature that is constant on the training set
 * gets scale 1, so it is only centred (MNIST's border pixels, for example) instead of divided by 0.
 * Labels and regression targets are left as they are.
 *
 * <p>Fit on the training split only and apply the same instance to the test split: the test set
 * must not leak into the preprocessing.
 *
 * @param mean training mean of each feature
 * @param scale training standard deviation of each feature, 1 for constant features
 */
public record Standardizer(double[] mean, double[] scale) {

  public Standardizer {
    if (mean.length != scale.length) throw new IllegalArgumentException(mean.length + " means for " + scale.length + " scales");
    for (double s : scale) {
      if (!(s > 0 && Double.isFinite(s))) throw new IllegalArgumentException("scales must be positive and finite, got " + s);
    }
  }

  /** Mean and population standard deviation of each feature of {@code train}, two passes. */
  public static Standardizer fit(Dataset train) {
    int n = train.size();
    int d = train.inputDim();
    double[] x = train.inputs();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int j = 0; j < d; j++) mean[j] += x[row + j];
    }
    for (int j = 0; j < d; j++) mean[j] /= n;
    double[] variance = new double[d];
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int j = 0; j < d; j++) {
        double c = x[row + j] - mean[j];
        variance[j] += c * c;
      }
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(variance[j] / n);
      // below this a feature is constant up to rounding of its mean; dividing would amplify noise
      scale[j] = s > 1e-12 * Math.max(1.0, Math.abs(mean[j])) ? s : 1.0;
    }
    return new Standardizer(mean, scale);
  }

  /** {@code data} with every feature standardized by this instance's training statistics. */
  public Dataset apply(Dataset data) {
    int d = mean.length;
    if (data.inputDim() != d) {
      throw new IllegalArgumentException(data.name() + " has " + data.inputDim() + " features, the standardizer was fitted on " + d);
    }
    double[] in = data.inputs();
    double[] out = new double[in.length];
    for (int i = 0; i < data.size(); i++) {
      int row = i * d;
      for (int j = 0; j < d; j++) out[row + j] = (in[row + j] - mean[j]) / scale[j];
    }
    return data.isClassification()
        ? Dataset.classification(data.name(), data.size(), d, out, data.classCount(), data.labels())
        : Dataset.regression(data.name(), data.size(), d, out, data.targetDim(), data.targets());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardizer other && Arrays.equals(mean, other.mean) && Arrays.equals(scale, other.scale);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return "Standardizer(" + mean.length + " features)";
  }
}

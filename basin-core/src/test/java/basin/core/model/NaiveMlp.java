package basin.core.model;

import basin.core.data.Dataset;

/**
 * The reference implementation the fast objective is tested against: the loss computed example by
 * example with plain loops straight from the definitions, no workspaces, no matrix products.
 */
final class NaiveMlp {
  private NaiveMlp() {}

  static double value(Mlp model, Dataset data, Loss loss, double l2, double[] w) {
    int n = data.size();
    int k = model.outputDim();
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] a = new double[model.inputDim()];
      System.arraycopy(data.inputs(), i * a.length, a, 0, a.length);
      for (int l = 1; l <= model.layerCount(); l++) {
        int in = model.width(l - 1);
        int o = model.width(l);
        double[] z = new double[o];
        for (int j = 0; j < o; j++) {
          double s = model.bias() ? w[model.biasOffset(l) + j] : 0.0;
          for (int q = 0; q < in; q++) s += w[model.weightOffset(l) + j * in + q] * a[q];
          z[j] = l < model.layerCount() ? model.activation(l).apply(s) : s;
        }
        a = z;
      }
      switch (loss) {
        case MSE:
          for (int c = 0; c < k; c++) {
            double y = data.isClassification() ? (data.labels()[i] == c ? 1 : 0) : data.targets()[i * k + c];
            total += (a[c] - y) * (a[c] - y) / k;
          }
          break;
        case SOFTMAX_CROSS_ENTROPY: {
          double s = 0;
          for (int c = 0; c < k; c++) s += Math.exp(a[c]);
          total += Math.log(s) - a[data.labels()[i]];
          break;
        }
        case BINARY_LOGISTIC: {
          double prob = 1 / (1 + Math.exp(-a[0]));
          total += data.labels()[i] == 1 ? -Math.log(prob) : -Math.log(1 - prob);
          break;
        }
        default:
          throw new AssertionError(loss);
      }
    }
    double sq = 0;
    for (double v : w) sq += v * v;
    return total / n + 0.5 * l2 * sq;
  }
}

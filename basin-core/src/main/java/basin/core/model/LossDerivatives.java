package basin.core.model;

/**
 * The loss terms shared by the row-major and the feature-major passes ({@link RowMajorPasses},
 * {@link FeatureMajorPasses}): the mean loss of m examples' outputs f (m x k, row-major), its
 * derivative delta = d(mean loss)/df, and the product of its second derivative with directions.
 * <pre>
 *   mse            L = (1/(m k)) sum_ic (f_ic - y_ic)^2        delta = 2 (f - y)/(m k)       d^2L/df^2 = 2 I/(m k)
 *   cross-entropy  L = (1/m) sum_i logsumexp(f_i) - f_i,y_i     delta_i = (p_i - e_y_i)/m     (diag(p_i) - p_i p_i^T)/m
 *   logistic       L = (1/m) sum_i softplus(f_i) - y_i f_i      delta_i = (s_i - y_i)/m       s_i (1 - s_i)/m
 * </pre>
 * with p_i = softmax(f_i), s_i = sigmoid(f_i). Cost: O(m k) per call (O(m k dirs) for the
 * second-order product); no allocation. What each method modifies is stated on it.
 */
final class LossDerivatives {

  private LossDerivatives() {}

  /**
   * Mean loss of the m x k row-major outputs f; when {@code withDelta}, writes delta = d(mean
   * loss)/d f and, into aux, what the loss Hessian needs (softmax probabilities or sigmoids).
   * y: mse targets (m x k); labels: class labels. Modified: delta, aux.
   */
  static double lossAndDelta(Loss loss, int m, int k, double[] f, double[] y, int[] labels, double[] delta, double[] aux,
      boolean withDelta) {
    double sum = 0.0;
    double inv = 1.0 / m;
    switch (loss) {
      case MSE: {
        double scale = 2.0 / ((double) m * k);
        for (int i = 0, len = m * k; i < len; i++) {
          double r = f[i] - y[i];
          sum += r * r;
          if (withDelta) delta[i] = scale * r;
        }
        return sum / ((double) m * k);
      }
      case SOFTMAX_CROSS_ENTROPY: {
        for (int i = 0; i < m; i++) {
          int row = i * k;
          double max = f[row];
          for (int c = 1; c < k; c++) max = Math.max(max, f[row + c]);
          double s = 0.0;
          for (int c = 0; c < k; c++) {
            double e = Math.exp(f[row + c] - max);
            aux[row + c] = e;
            s += e;
          }
          sum += max + Math.log(s) - f[row + labels[i]];
          if (withDelta) {
            double invS = 1.0 / s;
            for (int c = 0; c < k; c++) {
              double pc = aux[row + c] * invS;
              aux[row + c] = pc;
              delta[row + c] = inv * pc;
            }
            delta[row + labels[i]] -= inv;
          }
        }
        return sum * inv;
      }
      case BINARY_LOGISTIC: {
        for (int i = 0; i < m; i++) {
          double z = f[i];
          sum += Activation.softplus(z) - (labels[i] == 1 ? z : 0.0);
          if (withDelta) {
            double s = Activation.sigmoid(z);
            aux[i] = s;
            delta[i] = inv * (s - labels[i]);
          }
        }
        return sum * inv;
      }
      default:
        throw new AssertionError(loss);
    }
  }

  /**
   * out = (d^2 mean loss / df^2) rf for m examples of k outputs, row (i, d) of rf belonging to
   * example i; aux as left by {@link #lossAndDelta}. Modified: out.
   */
  static void lossHessianTimes(Loss loss, int m, int k, double[] aux, double[] rf, double[] out, int dirs) {
    double inv = 1.0 / m;
    switch (loss) {
      case MSE: {
        double scale = 2.0 / ((double) m * k);
        for (int i = 0, len = m * dirs * k; i < len; i++) out[i] = scale * rf[i];
        break;
      }
      case SOFTMAX_CROSS_ENTROPY: {
        double[] prob = aux;
        for (int i = 0; i < m; i++) {
          int pr = i * k;
          for (int d = 0; d < dirs; d++) {
            int r = (i * dirs + d) * k;
            double dot = 0.0;
            for (int c = 0; c < k; c++) dot += prob[pr + c] * rf[r + c];
            for (int c = 0; c < k; c++) out[r + c] = inv * prob[pr + c] * (rf[r + c] - dot);
          }
        }
        break;
      }
      case BINARY_LOGISTIC: {
        double[] s = aux;
        for (int i = 0; i < m; i++) {
          double c = inv * s[i] * (1.0 - s[i]);
          for (int d = 0; d < dirs; d++) out[i * dirs + d] = c * rf[i * dirs + d];
        }
        break;
      }
      default:
        throw new AssertionError(loss);
    }
  }
}

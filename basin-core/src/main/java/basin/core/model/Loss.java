package basin.core.model;

import java.util.Locale;

/**
 * Losses on the network output f (the last layer is affine, no activation), averaged over the
 * examples of the (mini)batch.
 *
 * <ul>
 *   <li>{@link #MSE}: (1/(n k)) sum_i ||f_i - y_i||^2, the mean over all n k output entries, as in
 *       PyTorch's {@code MSELoss}. Classification labels are taken as one-hot targets.
 *   <li>{@link #SOFTMAX_CROSS_ENTROPY}: (1/n) sum_i (logsumexp(f_i) - f_{i, y_i}), PyTorch's
 *       {@code CrossEntropyLoss}; k outputs for k classes.
 *   <li>{@link #BINARY_LOGISTIC}: (1/n) sum_i (softplus(f_i) - y_i f_i) with y_i in {0, 1}, PyTorch's
 *       {@code BCEWithLogitsLoss}; one output, two classes.
 * </ul>
 */
public enum Loss {
  MSE,
  SOFTMAX_CROSS_ENTROPY,
  BINARY_LOGISTIC;

  /** Parses "mse", "cross-entropy"/"softmax-cross-entropy"/"ce", "logistic"/"binary-logistic"/"bce". */
  public static Loss parse(String name) {
    String k = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    switch (k) {
      case "mse": case "squared": case "mean-squared-error": return MSE;
      case "ce": case "cross-entropy": case "softmax-cross-entropy": case "softmax": return SOFTMAX_CROSS_ENTROPY;
      case "logistic": case "binary-logistic": case "bce": return BINARY_LOGISTIC;
      default:
        throw new IllegalArgumentException("unknown loss '" + name + "', expected one of mse, cross-entropy, logistic");
    }
  }

  /** The lower-case name used in specs and on the command line. */
  public String label() {
    switch (this) {
      case MSE: return "mse";
      case SOFTMAX_CROSS_ENTROPY: return "cross-entropy";
      case BINARY_LOGISTIC: return "logistic";
      default: throw new AssertionError(this);
    }
  }
}

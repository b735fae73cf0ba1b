package basin.cli;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.List;

/**
 * The built-in models: one per model family Basin studies, each on a built-in data set, covering
 * every activation and loss. {@code basin gradcheck --builtin} checks them all.
 */
final class BuiltinModels {
  private BuiltinModels() {}

  /** A named model on a named data set. */
  record Entry(String name, String data, int[] hidden, Activation activation, Loss loss, boolean bias, double l2) {
    MlpObjective objective(DataOptions options) {
      Dataset train = options.load(data).train();
      int outputs = loss == Loss.BINARY_LOGISTIC ? 1 : train.isClassification() ? train.classCount() : train.targetDim();
      int[] widths = new int[hidden.length + 2];
      widths[0] = train.inputDim();
      System.arraycopy(hidden, 0, widths, 1, hidden.length);
      widths[widths.length - 1] = outputs;
      return new MlpObjective(Mlp.of(activation, bias, widths), train, loss, l2);
    }
  }

  static final List<Entry> ENTRIES = List.of(
      new Entry("linear-regression", "housing", new int[0], Activation.LINEAR, Loss.MSE, true, 0.0),
      new Entry("logistic-regression", "sonar", new int[0], Activation.LINEAR, Loss.BINARY_LOGISTIC, true, 1e-3),
      new Entry("softmax-regression", "iris", new int[0], Activation.LINEAR, Loss.SOFTMAX_CROSS_ENTROPY, true, 0.0),
      new Entry("deep-linear", "housing", new int[] {6, 4}, Activation.LINEAR, Loss.MSE, false, 0.0),
      new Entry("mlp-tanh", "iris", new int[] {8}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, true, 1e-3),
      new Entry("mlp-sigmoid", "xor", new int[] {4}, Activation.SIGMOID, Loss.BINARY_LOGISTIC, true, 0.0),
      new Entry("mlp-relu", "spirals", new int[] {10, 10}, Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY, true, 0.0),
      new Entry("mlp-leaky-relu", "gaussians", new int[] {8, 6, 4}, Activation.LEAKY_RELU, Loss.MSE, true, 1e-2),
      new Entry("mlp-softplus", "parity", new int[] {6}, Activation.SOFTPLUS, Loss.SOFTMAX_CROSS_ENTROPY, false, 0.0),
      new Entry("mlp-tanh-deep", "sonar", new int[] {8, 8, 8, 8}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, true, 0.0));

  static Entry find(String name) {
    for (Entry e : ENTRIES) {
      if (e.name().equals(name)) return e;
    }
    throw new basin.core.InputException("model '" + name + "' is not built in; built-in models: "
        + String.join(", ", ENTRIES.stream().map(Entry::name).toList()));
  }
}

package basin.cli;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that choose a model and its objective; input and output widths come from the data. */
final class ModelOptions {

  @Option(names = "--hidden", paramLabel = "W1,W2,...", split = ",",
      description = "Hidden layer widths, comma-separated; 0 or none for no hidden layer (linear or logistic regression). Default: ${DEFAULT-VALUE}.",
      defaultValue = "10")
  List<Integer> hidden = new ArrayList<>();

  @Option(names = "--activation", paramLabel = "NAME",
      description = "Hidden activation: linear, tanh, sigmoid, relu, leaky-relu, softplus. Default: ${DEFAULT-VALUE}.",
      defaultValue = "tanh")
  String activation;

  @Option(names = "--loss", paramLabel = "NAME",
      description = "Loss: mse, cross-entropy, logistic. Default: cross-entropy for classification, mse for regression.")
  String loss;

  @Option(names = "--bias", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Bias in every layer (--no-bias to turn off). Default: on.")
  boolean bias;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
      description = "L2 coefficient lambda; the objective adds (lambda/2)||w||^2. Default: ${DEFAULT-VALUE}.")
  double l2;

  @Option(names = "--init", paramLabel = "SCHEME", defaultValue = "glorot",
      description = "Initializer: glorot, glorot-uniform, he, he-uniform, normal:SCALE, uniform:SCALE. Default: ${DEFAULT-VALUE}.")
  String init;

  Loss resolveLoss(Dataset data) {
    if (loss == null) {
      return data.isClassification() ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MSE;
    }
    try {
      return Loss.parse(loss);
    } catch (IllegalArgumentException e) {
      throw new InputException("--loss: " + e.getMessage());
    }
  }

  Mlp model(Dataset data) {
    Loss l = resolveLoss(data);
    List<Integer> h = new ArrayList<>();
    for (Integer w : hidden) {
      if (w == null || w < 0) throw new InputException("--hidden: widths must be >= 1 (or a single 0 for no hidden layer), got " + hidden);
      if (w > 0) h.add(w);
    }
    int outputs;
    switch (l) {
      case SOFTMAX_CROSS_ENTROPY:
        if (!data.isClassification()) throw new InputException("--loss cross-entropy needs class labels, but " + data.name() + " has real-valued targets");
        outputs = data.classCount();
        break;
      case BINARY_LOGISTIC:
        outputs = 1;
        break;
      default:
        outputs = data.isClassification() ? data.classCount() : data.targetDim();
    }
    int[] widths = new int[h.size() + 2];
    widths[0] = data.inputDim();
    for (int i = 0; i < h.size(); i++) widths[i + 1] = h.get(i);
    widths[widths.length - 1] = outputs;
    Activation act;
    try {
      act = Activation.parse(activation);
    } catch (IllegalArgumentException e) {
      throw new InputException("--activation: " + e.getMessage());
    }
    return Mlp.of(act, bias, widths);
  }

  MlpObjective objective(Dataset data) {
    if (!(l2 >= 0 && Double.isFinite(l2))) throw new InputException("--l2: expected a finite number >= 0, got " + l2);
    return new MlpObjective(model(data), data, resolveLoss(data), l2);
  }

  Initializer initializer() {
    try {
      return Initializer.parse(init);
    } catch (IllegalArgumentException e) {
      throw new InputException("--init: " + e.getMessage());
    }
  }
}

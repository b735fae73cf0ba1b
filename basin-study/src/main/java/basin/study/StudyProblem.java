package basin.study;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Optimizer;
import basin.core.optim.OptimizerSpecs;
import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.Task;
import basin.data.catalog.DataSources;
import basin.data.catalog.LoadOptions;
import basin.data.preprocess.Preparation;
import basin.landscape.certify.Certifier;
import java.util.List;

/**
 * A study spec resolved into the things a start needs: the data, the training and test
 * objectives, the initializer, the optimizer for a given start seed, the certifier, and the
 * global reference. Immutable; objectives handed out are copies for the calling thread.
 */
public final class StudyProblem {

  private final StudySpec spec;
  private final Problem problem;
  private final MlpObjective train;
  private final MlpObjective test;
  private final Initializer initializer;
  private final Certifier certifier;

  public StudyProblem(StudySpec spec) {
    this.spec = spec;
    StudySpec.PreparationSpec p = spec.preparation();
    Problem loaded = DataSources.load(spec.data(), LoadOptions.defaults(p.dataSeed()).withTask(Task.AUTO));
    this.problem = Preparation.defaults(p.dataSeed())
        .withClasses(p.classes())
        .withTrainSize(p.trainSize())
        .withTestSize(p.testSize())
        .withImageSide(p.imageSide())
        .withPcaDimensions(p.pca())
        .withTestFraction(p.testFraction())
        .withStandardize(p.standardize())
        .apply(loaded);
    Dataset data = problem.train();
    StudySpec.ModelSpec m = spec.model();
    Loss loss;
    try {
      loss = m.loss() == null ? (data.isClassification() ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MSE) : Loss.parse(m.loss());
    } catch (IllegalArgumentException e) {
      throw new InputException("spec field model.loss: " + e.getMessage());
    }
    Activation act;
    try {
      act = Activation.parse(m.activation());
    } catch (IllegalArgumentException e) {
      throw new InputException("spec field model.activation: " + e.getMessage());
    }
    int outputs = loss == Loss.BINARY_LOGISTIC ? 1 : data.isClassification() ? data.classCount() : data.targetDim();
    List<Integer> hidden = m.hidden();
    int[] widths = new int[hidden.size() + 2];
    widths[0] = data.inputDim();
    for (int i = 0; i < hidden.size(); i++) widths[i + 1] = hidden.get(i);
    widths[widths.length - 1] = outputs;
    this.train = new MlpObjective(Mlp.of(act, m.bias(), widths), data, loss, spec.l2());
    this.test = problem.hasTest() ? train.onData(problem.test()).withL2(0.0) : null;
    try {
      this.initializer = Initializer.parse(spec.init());
    } catch (IllegalArgumentException e) {
      throw new InputException("spec field init: " + e.getMessage());
    }
    OptimizerSpecs.parseChain(spec.optimizer(), 0); // validates every stage now, not in a worker
    StudySpec.Tolerances t = spec.tolerances();
    this.certifier = new Certifier(Certifier.Config.defaults()
        .withGradientTolerance(t.gradient())
        .withRelativeEigenvalueTolerance(t.eigenvalue()));
  }

  public StudySpec spec() {
    return spec;
  }

  public Problem problem() {
    return problem;
  }

  public Mlp model() {
    return train.model();
  }

  /** A fresh copy of the training objective (loss + L2) for the calling thread. */
  public MlpObjective trainObjective() {
    return train.copy();
  }

  /** A fresh copy of the test objective (loss without L2), or null when there is no test set. */
  public MlpObjective testObjective() {
    return test == null ? null : test.copy();
  }

  public Initializer initializer() {
    return initializer;
  }

  public Certifier certifier() {
    return certifier;
  }

  /** The optimizer pipeline of one start; stochastic stages draw from the start's seed. */
  public Optimizer optimizer(long startSeed) {
    return OptimizerSpecs.parseChain(spec.optimizer(), startSeed);
  }

  /**
   * The global reference of the training objective: the problem's exact value when it applies to
   * this objective (it refers to the data loss, so only without L2), otherwise unknown (the summary
   * then falls back to the best minimum found, labelled so).
   */
  public GlobalReference globalReference() {
    GlobalReference r = problem.globalReference();
    if (r.isKnown() && spec.l2() > 0) {
      return GlobalReference.unknown("the problem's reference (" + r + ") is for the unregularized loss; this study has l2 = " + spec.l2());
    }
    return r;
  }
}

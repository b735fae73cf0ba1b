package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizerSpecs;
import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.Task;
import basin.data.catalog.DataSources;
import basin.data.catalog.LoadOptions;
import basin.data.preprocess.Preparation;
import basin.landscape.certify.Certifier;
import basin.landscape.symmetry.MlpSymmetryGroup;
import java.util.List;

/**
 * The subject of a study of an MLP on data: a spec with objective {@code mlp} resolved into the
 * data, the training and test objectives, the initializer, the symmetries and the global reference. Immutable; objectives handed out are
 * copies for the calling thread.
 */
public final class StudyProblem implements StudySubject {

  private final StudySpec spec;
  private final Problem problem;
  private final MlpObjective train;
  private final MlpObjective test;
  private final Initializer initializer;

  private final MlpSymmetryGroup symmetry;
  private final String inputsHash;

  public StudyProblem(StudySpec spec) {
    this(spec, null);
  }

  /**
   * @param spec a spec with objective {@code mlp}
   * @param baseDirectory the spec file's directory: a relative data file name resolves from it when
   *     the file is there (so a spec runs the same from any working directory); null for the working directory
   */
  public StudyProblem(StudySpec spec, java.nio.file.Path baseDirectory) {
    if (!spec.isMlp()) throw new IllegalArgumentException("StudyProblem is the subject of objective mlp, got " + spec.objective());
    this.spec = spec;
    StudySpec.PreparationSpec p = spec.preparation();
    Problem loaded = DataSources.load(resolve(spec.data(), baseDirectory), LoadOptions.defaults(p.dataSeed()).withTask(Task.AUTO));
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
    requireMemory(widths, m.bias(), data.size());
    this.train = new MlpObjective(Mlp.of(act, m.bias(), widths), data, loss, spec.l2());
    this.test = problem.hasTest() ? train.onData(problem.test()).withL2(0.0) : null;
    try {
      this.initializer = Initializer.parse(spec.init());
    } catch (IllegalArgumentException e) {
      throw new InputException("spec field init: " + e.getMessage());
    }
    OptimizerSpecs.parseChain(spec.optimizer(), 0); // validates every stage now, not in a worker
    this.symmetry = MlpSymmetryGroup.of(train);
    this.inputsHash = new InputsHash().text("mlp").dataset(problem.train()).dataset(problem.hasTest() ? problem.test() : null).hex();
  }

  /**
   * Refuses, before anything is allocated or written, a network that cannot fit in this JVM: one
   * worker holds about 30 parameter-length vectors (the optimizers' memory and workspaces) and four
   * activation-sized arrays per example (forward, backward and their R-operator passes).
   */
  static void requireMemory(int[] widths, boolean bias, int examples) {
    long parameters = 0;
    long units = 0;
    for (int l = 1; l < widths.length; l++) {
      parameters += (long) widths[l - 1] * widths[l] + (bias ? widths[l] : 0);
      units += widths[l];
    }
    double bytes = 8.0 * (30.0 * parameters + 4.0 * examples * (double) units);
    long available = Runtime.getRuntime().maxMemory();
    if (parameters > Integer.MAX_VALUE - 8 || bytes > available) {
      throw new InputException(String.format(java.util.Locale.ROOT,
          "spec field model.hidden: a %s network has %d parameters and needs about %.1f GB per worker, but this JVM may use %.1f GB "
              + "(raise it with BASIN_JAVA_OPTS=-Xmx...)", java.util.Arrays.toString(widths), parameters, bytes / 1e9, available / 1e9));
    }
  }

  /** The data argument with a relative file name resolved from the spec's directory when the file is there. */
  static String resolve(String data, java.nio.file.Path baseDirectory) {
    if (baseDirectory == null || data.indexOf(':') >= 0) return data; // built-in or synthetic with parameters
    try {
      java.nio.file.Path path = java.nio.file.Path.of(data);
      if (path.isAbsolute()) return data;
      java.nio.file.Path candidate = baseDirectory.resolve(path);
      return java.nio.file.Files.exists(candidate) ? candidate.toString() : data;
    } catch (java.nio.file.InvalidPathException e) {
      return data;
    }
  }

  @Override
  public java.util.List<String> warnings() {
    if (spec.l2() == 0 && (train.loss() == Loss.SOFTMAX_CROSS_ENTROPY || train.loss() == Loss.BINARY_LOGISTIC)) {
      return java.util.List.of("l2 is 0 with a " + train.loss().label() + " loss: where the model separates the training data there is "
          + "no finite minimum (the weights grow without bound while the gradient vanishes), so starts end NOT_CONVERGED; "
          + "set l2 > 0 (for example 1e-4) to study minima");
    }
    return java.util.List.of();
  }

  @Override
  public String describe() {
    return train.model().describe() + ", " + train.loss().label() + " loss" + (spec.l2() > 0 ? ", l2 " + spec.l2() : "") + " on " + problem.name();
  }

  @Override
  public int dimension() {
    return train.dimension();
  }

  @Override
  public MlpSymmetryGroup symmetry() {
    return symmetry;
  }

  /** Unit permutations, signs, ReLU rescaling and the softmax logit shift of the unregularized loss. */
  @Override
  public MlpSymmetryGroup dataSymmetry() {
    return new MlpSymmetryGroup(new basin.landscape.symmetry.MlpSymmetry(train.model(), false, train.loss() == Loss.SOFTMAX_CROSS_ENTROPY));
  }

  @Override
  public double[] initialPoint(long seed) {
    return initializer.initialize(train.model(), seed);
  }

  @Override
  public String provenance() {
    return problem.provenance();
  }

  @Override
  public String inputsHash() {
    return inputsHash;
  }

  @Override
  public Evaluator newEvaluator() {
    MlpObjective f = train.copy();
    MlpObjective dataLoss = spec.l2() > 0 ? f.withL2(0.0) : null;
    MlpObjective t = test == null ? null : test.copy();
    return new Evaluator() {
      @Override
      public Objective train() {
        return f;
      }

      @Override
      public Evaluation evaluate(double[] w) {
        return new Evaluation(dataLoss == null ? Double.NaN : dataLoss.value(w), f.accuracy(w),
            t == null ? Double.NaN : t.value(w), t == null ? Double.NaN : t.accuracy(w));
      }
    };
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

  /** The certifier of this study's starts (the one {@link StudyRunner#pipeline} builds from the tolerances). */
  public Certifier certifier() {
    return StudyRunner.pipeline(spec).certifier();
  }

  /**
   * The global reference of the training objective: the problem's exact value when it applies to
   * this objective (it refers to the data loss, so only without L2), otherwise unknown (the summary
   * then falls back to the best minimum found, labelled so).
   */
  @Override
  public GlobalReference globalReference() {
    GlobalReference r = problem.globalReference();
    if (r.isKnown() && spec.l2() > 0) {
      return GlobalReference.unknown("the problem's reference (" + r + ") is for the unregularized loss; this study has l2 = " + spec.l2());
    }
    return r;
  }
}

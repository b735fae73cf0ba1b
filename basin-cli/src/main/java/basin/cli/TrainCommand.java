package basin.cli;

import basin.core.InputException;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizationResult;
import basin.core.optim.Trajectory;
import basin.core.optim.TrajectoryOptions;
import basin.data.Problem;
import basin.data.model.ModelFiles;
import basin.landscape.certify.Certifier;
import basin.landscape.pipeline.StartPipeline;
import basin.landscape.symmetry.MlpSymmetryGroup;
import basin.study.StudySpec;
import basin.study.StudySubject;
import basin.study.StudySubjects;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin train}: one optimization run, a summary on stdout and a JSON result. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Trains one model on one data set from one seeded start with an optimizer (or a chain of them), prints a summary and writes a JSON result.",
      "%nOptimizers (repeat --optimizer for a chain, each stage starting where the previous ended): "
          + "gd, gd-armijo, momentum, nesterov, adam, sgd, lbfgs, newton, newton-mr; keys as NAME:key=value,... "
          + "(gtol, iterations for all; step; lr, momentum; beta1, beta2, eps; batch, decay, epochs, seed; memory; radius, cg).",
      "%nExample: basin train --data iris --hidden 8 --activation tanh --optimizer adam:lr=0.01,iterations=500 --optimizer lbfgs --optimizer newton"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the run finished (whatever its status)", "1:internal error", "2:bad input"})
final class TrainCommand implements Callable<Integer> {

  /** Largest P certified without --certify: a dense certificate costs well under a second up to here. */
  static final int AUTO_CERTIFY_LIMIT = 2500;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  DataOptions data = new DataOptions();

  @Mixin
  ModelOptions model = new ModelOptions();

  @Option(names = "--optimizer", paramLabel = "SPEC", description = "An optimizer stage; repeat for a chain. Default: lbfgs then newton.")
  List<String> optimizers = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the initial point and of stochastic optimizers. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--trajectory-every", paramLabel = "K", defaultValue = "0",
      description = "Record train loss, test loss and gradient norm every K iterations in the JSON (0: no trajectory).")
  int trajectoryEvery;

  @Option(names = "--init-from", paramLabel = "MODEL.json",
      description = "Start from the architecture and weights of a saved model (basin-mlp JSON + .npy, see docs/model-files.md) instead of a random initialization; the model options are then ignored.")
  Path initFrom;

  @Option(names = "--save-model", paramLabel = "DIR", description = "Save the final model to DIR/model.json and DIR/layerL.{weight,bias}.npy.")
  Path saveModel;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON result here. Default: print only the summary.")
  Path outFile;

  @Option(names = "--with-parameters", description = "Include the final parameter vector in the JSON result.")
  boolean withParameters;

  @Option(names = "--objective", paramLabel = "NAME",
      description = "What to train: mlp (a network on --data, the default), or a closed-form objective or test function such as "
          + "relu-population:k=8 or muller-brown (see basin objectives list); the data and model options then do not apply.")
  String objective = "mlp";

  @Option(names = "--certify", negatable = true,
      description = "Certify the end point as basin sample does (gradient norm, Hessian spectrum modulo symmetry, kinks). "
          + "Default: on up to 2500 parameters, off above (a dense certificate of P = 10000 takes about 20 s).")
  Boolean certify;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() throws IOException {
    if (trajectoryEvery < 0) throw new InputException("--trajectory-every: expected >= 0, got " + trajectoryEvery);
    List<String> stages = optimizers.isEmpty() ? List.of("lbfgs", "newton") : optimizers;
    StartPipeline pipeline = new StartPipeline(stages, new Certifier(Certifier.Config.defaults()));
    if (!objective.trim().equalsIgnoreCase("mlp")) return closedForm(stages, pipeline);
    Problem problem = data.load();
    ModelFiles.LoadedModel loaded = initFrom == null ? null : ModelFiles.read(initFrom);
    MlpObjective train = loaded == null ? model.objective(problem.train())
        : new MlpObjective(loaded.model(), problem.train(), model.resolveLoss(problem.train()), model.l2);
    MlpObjective test = problem.hasTest() ? train.onData(problem.test()).withL2(0.0) : null;
    Mlp mlp = train.model();
    double[] start = loaded == null ? model.initializer().initialize(mlp, seed) : loaded.parameters();
    TrajectoryOptions trajectory = trajectoryEvery > 0 ? new TrajectoryOptions(trajectoryEvery, test) : null;

    boolean certifying = certify != null ? certify : train.dimension() <= AUTO_CERTIFY_LIMIT;
    StartPipeline.Outcome outcome = certifying ? pipeline.run(train, MlpSymmetryGroup.of(train), start, seed, trajectory) : null;
    OptimizationResult r = certifying ? outcome.optimization() : pipeline.optimizer(seed).minimize(train, start, trajectory);

    double[] w = r.point();
    double dataLoss = train.withL2(0.0).value(w);
    double trainAccuracy = train.accuracy(w);
    double testLoss = test == null ? Double.NaN : test.value(w);
    double testAccuracy = test == null ? Double.NaN : test.accuracy(w);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "data       %s: %d train, %d test, %d inputs%n", problem.name(), problem.train().size(),
        problem.hasTest() ? problem.test().size() : 0, problem.train().inputDim());
    out.printf(Locale.ROOT, "model      %s, %s loss, l2 %s, %d parameters, init %s, seed %d%n", mlp.describe(), train.loss().label(),
        fmt(train.l2()), train.dimension(), loaded == null ? model.initializer().label() : "from " + initFrom, seed);
    out.printf(Locale.ROOT, "optimizer  %s%n", String.join(" -> ", stages));
    out.printf(Locale.ROOT, "status     %s after %d iterations (%d values, %d gradients, %d minibatch gradients, %d Hessian-vector products) in %.3f s%n",
        r.status(), r.iterations(), r.valueEvaluations(), r.gradientEvaluations(), r.minibatchGradientEvaluations(),
        r.hessianVectorProducts(), r.wallNanos() / 1e9);
    for (int i = 0; i < r.stages().size(); i++) {
      OptimizationResult s = r.stages().get(i);
      out.printf(Locale.ROOT, "  stage %d  %-28s %-18s %7d iterations, loss %.10g, |grad| %.3e%n", i + 1, stages.get(i), s.status(),
          s.iterations(), s.value(), s.gradientNorm());
    }
    out.printf(Locale.ROOT, "objective  %.12g (data loss %.12g), gradient norm %.3e%n", r.value(), dataLoss, r.gradientNorm());
    if (!Double.isNaN(trainAccuracy)) out.printf(Locale.ROOT, "train      accuracy %.4f%n", trainAccuracy);
    if (test != null) {
      out.printf(Locale.ROOT, "test       loss %.12g%s%n", testLoss, Double.isNaN(testAccuracy) ? "" : String.format(Locale.ROOT, ", accuracy %.4f", testAccuracy));
    }

    if (outcome != null) printCertificate(out, outcome);
    if (saveModel != null) {
      out.printf(Locale.ROOT, "saved      %s%n", ModelFiles.write(saveModel, mlp, w));
    }
    if (outFile != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("data", data.data);
      run.put("dataset", problem.name());
      run.put("provenance", problem.provenance());
      run.put("train_size", problem.train().size());
      run.put("test_size", problem.hasTest() ? problem.test().size() : 0);
      run.put("widths", mlp.widths());
      run.put("activations", java.util.Arrays.stream(mlp.activations()).map(a -> a.label()).toList());
      run.put("bias", mlp.bias());
      run.put("loss", train.loss().label());
      run.put("l2", train.l2());
      run.put("init", loaded == null ? model.initializer().label() : "from " + initFrom);
      run.put("seed", seed);
      run.put("optimizer", stages);
      json.put("run", run);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("status", r.status().name());
      result.put("iterations", r.iterations());
      result.put("value_evaluations", r.valueEvaluations());
      result.put("gradient_evaluations", r.gradientEvaluations());
      result.put("minibatch_gradient_evaluations", r.minibatchGradientEvaluations());
      result.put("hessian_vector_products", r.hessianVectorProducts());
      result.put("objective", finite(r.value()));
      result.put("train_loss", finite(dataLoss));
      result.put("gradient_norm", finite(r.gradientNorm()));
      result.put("train_accuracy", finite(trainAccuracy));
      result.put("test_loss", finite(testLoss));
      result.put("test_accuracy", finite(testAccuracy));
      result.put("wall_seconds", r.wallNanos() / 1e9);
      List<Map<String, Object>> stageList = new ArrayList<>();
      for (int i = 0; i < r.stages().size(); i++) {
        OptimizationResult s = r.stages().get(i);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("optimizer", stages.get(i));
        st.put("status", s.status().name());
        st.put("iterations", s.iterations());
        st.put("objective", finite(s.value()));
        st.put("gradient_norm", finite(s.gradientNorm()));
        stageList.add(st);
      }
      result.put("stages", stageList);
      if (outcome != null) result.put("certificate", certificateJson(outcome));
      json.put("result", result);
      if (r.trajectory() != null) json.put("trajectory", trajectoryJson(r.trajectory()));
      if (withParameters) json.put("parameters", w);
      writeJson(json);
      out.printf(Locale.ROOT, "wrote      %s%n", outFile);
    }
    return ExitCodes.OK;
  }

  /** {@code basin train --objective NAME}: one start of a closed-form objective or test function through the same pipeline. */
  private int closedForm(List<String> stages, StartPipeline pipeline) throws IOException {
    if (initFrom != null || saveModel != null || trajectoryEvery > 0) {
      throw new InputException("--objective " + objective + ": --init-from, --save-model and --trajectory-every apply to mlp only");
    }
    String init = spec.commandLine().getParseResult().hasMatchedOption("--init") ? model.init : null;
    StudySpec study = new StudySpec("train", objective, null, null, null, model.l2, init, stages, 1, seed, null).withDefaults();
    StudySubject subject = StudySubjects.of(study, null);
    StudySubject.Evaluator evaluator = subject.newEvaluator();
    double[] start = subject.initialPoint(seed);
    StartPipeline.Outcome outcome = pipeline.run(evaluator.train(), subject.symmetry(), start, seed);
    OptimizationResult r = outcome.optimization();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "objective  %s, %d parameters, init %s, seed %d%n", subject.describe(), subject.dimension(), study.init(), seed);
    out.printf(Locale.ROOT, "optimizer  %s%n", String.join(" -> ", stages));
    out.printf(Locale.ROOT, "status     %s after %d iterations (%d values, %d gradients, %d Hessian-vector products) in %.3f s%n",
        r.status(), r.iterations(), r.valueEvaluations(), r.gradientEvaluations(), r.hessianVectorProducts(), r.wallNanos() / 1e9);
    for (int i = 0; i < r.stages().size(); i++) {
      OptimizationResult s = r.stages().get(i);
      out.printf(Locale.ROOT, "  stage %d  %-28s %-18s %7d iterations, loss %.10g, |grad| %.3e%n", i + 1, stages.get(i), s.status(),
          s.iterations(), s.value(), s.gradientNorm());
    }
    out.printf(Locale.ROOT, "value      %.15g, gradient norm %.3e%n", outcome.point().value(), outcome.point().gradientNorm());
    double gap = outcome.point().value() - subject.globalReference().value();
    if (subject.globalReference().isKnown()) out.printf(Locale.ROOT, "gap        %.3e above the global minimum %.15g%n", gap, subject.globalReference().value());
    printCertificate(out, outcome);
    if (outFile != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("objective", objective);
      run.put("describe", subject.describe());
      run.put("init", study.init());
      run.put("seed", seed);
      run.put("optimizer", stages);
      json.put("run", run);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("status", r.status().name());
      result.put("iterations", r.iterations());
      result.put("objective", finite(outcome.point().value()));
      result.put("gradient_norm", finite(outcome.point().gradientNorm()));
      result.put("global_reference", finite(subject.globalReference().value()));
      result.put("certificate", certificateJson(outcome));
      json.put("result", result);
      if (withParameters) json.put("parameters", outcome.point().parameters());
      writeJson(json);
      out.printf(Locale.ROOT, "wrote      %s%n", outFile);
    }
    return ExitCodes.OK;
  }

  private static void printCertificate(PrintWriter out, StartPipeline.Outcome o) {
    var c = o.certificate();
    if (c.method() == null) {
      out.printf(Locale.ROOT, "certified  %s (|grad| %.3e above the tolerance %.1e: no spectrum)%n", c.classification(), c.gradientNorm(),
          c.gradientTolerance());
      return;
    }
    double smallest = c.smallestEigenvalues().length > 0 ? c.smallestEigenvalues()[0] : Double.NaN;
    out.printf(Locale.ROOT, "certified  %s: %d negative, %d zero (%d explained by symmetry), smallest %.4e, largest %.4e%s%n",
        c.classification(), c.negativeCount(), c.zeroCount(), c.symmetryZeroModes(), smallest, c.largestEigenvalue(),
        c.activeKinks() > 0 ? ", on " + c.activeKinks() + " kinks" : "");
  }

  private static Map<String, Object> certificateJson(StartPipeline.Outcome o) {
    var c = o.certificate();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("class", c.classification().name());
    m.put("gradient_norm", finite(c.gradientNorm()));
    m.put("negative_count", c.method() == null ? null : c.negativeCount());
    m.put("zero_count", c.method() == null ? null : c.zeroCount());
    m.put("smallest_eigenvalue", c.smallestEigenvalues().length > 0 ? finite(c.smallestEigenvalues()[0]) : null);
    m.put("largest_eigenvalue", finite(c.largestEigenvalue()));
    m.put("active_kinks", c.activeKinks());
    return m;
  }

  private void writeJson(Map<String, Object> json) {
    try {
      Path parent = outFile.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outFile.toFile(), json);
    } catch (IOException e) {
      throw new InputException("--out " + outFile + ": cannot write (" + e.getMessage() + ")");
    }
  }

  private static Map<String, Object> trajectoryJson(Trajectory t) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Long> it = new ArrayList<>();
    List<Double> loss = new ArrayList<>();
    List<Double> testLoss = new ArrayList<>();
    List<Double> grad = new ArrayList<>();
    for (Trajectory.Row row : t.rows()) {
      it.add(row.iteration());
      loss.add(finite(row.trainLoss()));
      testLoss.add(finite(row.testLoss()));
      grad.add(finite(row.gradientNorm()));
    }
    m.put("iteration", it);
    m.put("train_objective", loss);
    m.put("test_loss", testLoss);
    m.put("gradient_norm", grad);
    return m;
  }

  /** JSON has no NaN or Inf: they become null. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String fmt(double v) {
    return v == 0 ? "0" : String.format(Locale.ROOT, "%g", v);
  }
}

package basin.cli;

import basin.core.InputException;
import basin.core.linalg.Vectors;
import basin.core.model.MlpObjective;
import basin.data.Problem;
import basin.data.model.ModelFiles;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.spectral.HessianSpectrum;
import basin.landscape.symmetry.MlpSymmetry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin spectrum}: the Hessian spectrum and certificate of a saved (or PyTorch-exported) model. */
@Command(name = "spectrum", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Certifies a model's parameters on a data set: loss, gradient norm, the Hessian's smallest and largest eigenvalues "
          + "(dense up to --dense-limit parameters, Lanczos on exact Hessian-vector products beyond), trace, the counts of "
          + "negative and (near-)zero eigenvalues, the zero modes the network's symmetries explain, and the class "
          + "(strict or degenerate minimum, saddle with its index, not converged).",
      "Example: basin spectrum --data iris --model my-model/model.json (docs/model-files.md shows the PyTorch export).",
      "With --objective NAME --point W.npy, the same for a closed-form objective or test function (basin objectives list) at a point, "
          + "such as a minimum saved by basin export --minimum ID --model DIR."})
final class SpectrumCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  DataOptions data = new DataOptions();

  @Option(names = "--model", paramLabel = "MODEL.json", description = "A basin-mlp model file (JSON + .npy).")
  Path modelFile;

  @Option(names = "--objective", paramLabel = "NAME", description = "A closed-form objective or test function instead of a network (with --point).")
  String objective;

  @Option(names = "--point", paramLabel = "W.npy", description = "The point (a 1-D .npy of P parameters) for --objective.")
  Path pointFile;

  @Option(names = "--loss", paramLabel = "NAME", description = "mse, cross-entropy, logistic. Default: cross-entropy for classification, mse for regression.")
  String loss;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0", description = "L2 coefficient of the objective. Default: ${DEFAULT-VALUE}.")
  double l2;

  @Option(names = "--smallest", paramLabel = "K", defaultValue = "10", description = "Smallest eigenvalues to print. Default: ${DEFAULT-VALUE}.")
  int smallest;

  @Option(names = "--dense-limit", paramLabel = "P", defaultValue = "2500", description = "Largest P for the dense Hessian. Default: ${DEFAULT-VALUE}.")
  int denseLimit;

  @Option(names = "--gradient-tolerance", paramLabel = "TOL", defaultValue = "1e-8", description = "Critical when the gradient norm is at most this. Default: ${DEFAULT-VALUE}.")
  double gradientTolerance;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    if (smallest < 1) throw new InputException("--smallest: expected >= 1, got " + smallest);
    if (objective != null || pointFile != null) return closedForm();
    if (modelFile == null) throw new InputException("give --model MODEL.json (a network on --data) or --objective NAME --point W.npy");
    if (denseLimit < 0) throw new InputException("--dense-limit: expected >= 0, got " + denseLimit);
    Problem problem = data.load();
    ModelFiles.LoadedModel m = ModelFiles.read(modelFile);
    ModelOptions lossOnly = new ModelOptions();
    lossOnly.loss = loss;
    MlpObjective f = new MlpObjective(m.model(), problem.train(), lossOnly.resolveLoss(problem.train()), l2);
    double[] w = m.parameters();
    double[] g = new double[f.dimension()];
    double value = f.valueAndGradient(w, g);
    HessianSpectrum.Result s = HessianSpectrum.of(f, w, HessianSpectrum.Options.defaults().withDenseLimit(denseLimit).withSmallestCount(smallest));
    Certificate c;
    try {
      c = new Certifier(Certifier.Config.defaults().withGradientTolerance(gradientTolerance).withDenseLimit(denseLimit))
          .certify(f, MlpSymmetry.of(f), w, null);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "model      %s, %s loss, l2 %s, %d parameters (%s)%n", m.model().describe(), f.loss().label(),
        l2 == 0 ? "0" : String.format(Locale.ROOT, "%g", l2), f.dimension(), modelFile);
    out.printf(Locale.ROOT, "data       %s: %d examples%n", problem.name(), problem.train().size());
    out.printf(Locale.ROOT, "loss       %.12g, gradient norm %.3e%n", value, Vectors.norm(g));
    print(out, s, c);
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, HessianSpectrum.Result s, Certificate c) {
    out.printf(Locale.ROOT, "hessian    %s%s: largest %.6e%s%n", s.method(), s.method() == HessianSpectrum.Method.LANCZOS
        ? String.format(Locale.ROOT, " (%d Hessian-vector products, %s)", s.hessianVectorProducts(), s.converged() ? "converged" : "NOT converged") : "",
        s.largest(), Double.isNaN(s.trace()) ? "" : String.format(Locale.ROOT, ", trace %.6e", s.trace()));
    StringBuilder sb = new StringBuilder();
    for (double v : s.smallest()) sb.append(String.format(Locale.ROOT, " %.4e", v));
    out.printf(Locale.ROOT, "smallest  %s%n", sb);
    if (c.method() == null) {
      out.printf(Locale.ROOT, "counts     not certified: the gradient norm %.3e is above the tolerance %.1e, so the point is not critical%n",
          c.gradientNorm(), c.gradientTolerance());
    } else {
      out.printf(Locale.ROOT, "counts     %d negative, %d zero (%d explained by symmetries), %d positive%s; zero means |lambda| <= %.2e%n",
          c.negativeCount(), c.zeroCount(), c.symmetryZeroModes(), c.positiveCount(), c.countsAreBounds() ? " (Lanczos bounds)" : "",
          c.eigenvalueTolerance());
    }
    out.printf(Locale.ROOT, "class      %s%s%n", c.classification(), c.classification().name().equals("SADDLE")
        ? String.format(Locale.ROOT, " of index %d (%.4f of P)", c.index(), c.indexFraction()) : "");
    out.flush();
  }

  /** The spectrum and certificate of a closed-form objective or test function at a point. */
  private int closedForm() {
    if (objective == null || pointFile == null) throw new InputException("--objective NAME and --point W.npy go together");
    if (modelFile != null) throw new InputException("--model applies to networks; with --objective give the point with --point");
    basin.study.StudySpec study = new basin.study.StudySpec("spectrum", objective, null, null, null, l2, null, null, 1, 1L, null)
        .withDefaults();
    basin.study.StudySubject subject = basin.study.StudySubjects.of(study, null);
    basin.core.io.NpyArray a = basin.core.io.Npy.read(pointFile);
    double[] w = a.data();
    if (w.length != subject.dimension()) {
      throw new InputException(pointFile + ": holds " + w.length + " numbers, objective " + objective + " has " + subject.dimension()
          + " parameters");
    }
    basin.core.Objective f = subject.newEvaluator().train();
    double[] g = new double[f.dimension()];
    double value = f.valueAndGradient(w, g);
    HessianSpectrum.Result s = HessianSpectrum.of(f, w, HessianSpectrum.Options.defaults().withDenseLimit(denseLimit).withSmallestCount(smallest));
    Certificate c = new Certifier(Certifier.Config.defaults().withGradientTolerance(gradientTolerance).withDenseLimit(denseLimit))
        .certify(f, subject.symmetry(), w, null);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "objective  %s, %d parameters (%s); symmetry: %s%n", subject.describe(), f.dimension(), pointFile,
        subject.symmetry().describe());
    if (subject.globalReference().isKnown()) {
      out.printf(Locale.ROOT, "loss       %.15g (global minimum %.15g), gradient norm %.3e%n", value, subject.globalReference().value(), Vectors.norm(g));
    } else {
      out.printf(Locale.ROOT, "loss       %.15g, gradient norm %.3e%n", value, Vectors.norm(g));
    }
    print(out, s, c);
    return ExitCodes.OK;
  }
}

package basin.cli;

import basin.core.InputException;
import basin.core.linalg.Vectors;
import basin.core.model.MlpObjective;
import basin.data.Problem;
import basin.data.model.ModelFiles;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.HessianSpectrum;
import basin.landscape.spectral.SpectralAnalysis;
import basin.landscape.spectral.SpectralDensity;
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
          + "such as a minimum saved by basin export --minimum ID --model DIR.",
      "With CATALOG --minimum ID (or --point W.npy with CATALOG or --spec SPEC), the same for a study's minimum or any point of its objective.",
      "Estimates for large P (docs/flatness.md): --top K / --bottom K eigenpairs by one Lanczos run with their residuals and status, "
          + "--trace-probes N for the trace by Hutchinson and Hutch++ with standard errors, --density for the spectral density by "
          + "stochastic Lanczos quadrature (--slq-probes x --slq-steps, broadening sigma reported; --density-out writes t,density as CSV)."})
final class SpectrumCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "CATALOG", description = "A study's catalog (with --minimum, or the objective of --point).")
  Path catalog;

  @Option(names = "--minimum", paramLabel = "ID", description = "A distinct minimum of CATALOG.")
  Integer minimum;

  @Option(names = "--spec", paramLabel = "SPEC", description = "A study spec file whose objective --point belongs to.")
  Path studySpecFile;

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

  @Option(names = "--top", paramLabel = "K", defaultValue = "0", description = "Largest eigenpairs by Lanczos, with residuals. Default: ${DEFAULT-VALUE}.")
  int top;

  @Option(names = "--bottom", paramLabel = "K", defaultValue = "0", description = "Smallest eigenpairs by the same Lanczos run. Default: ${DEFAULT-VALUE}.")
  int bottom;

  @Option(names = "--lanczos-iterations", paramLabel = "N", defaultValue = "3000", description = "Lanczos budget of Hessian-vector products. Default: ${DEFAULT-VALUE}.")
  int lanczosIterations;

  @Option(names = "--trace-probes", paramLabel = "N", defaultValue = "0",
      description = "Trace by Hutchinson (N probes) and Hutch++ (budget N), 0: skip. Default: ${DEFAULT-VALUE}.")
  int traceProbes;

  @Option(names = "--density", description = "The spectral density by stochastic Lanczos quadrature.")
  boolean density;

  @Option(names = "--slq-probes", paramLabel = "L", defaultValue = "10", description = "SLQ probe vectors. Default: ${DEFAULT-VALUE}.")
  int slqProbes;

  @Option(names = "--slq-steps", paramLabel = "M", defaultValue = "80", description = "Lanczos steps per SLQ probe. Default: ${DEFAULT-VALUE}.")
  int slqSteps;

  @Option(names = "--sigma", paramLabel = "S", description = "SLQ Gaussian broadening. Default: (largest - smallest node) / steps.")
  Double sigma;

  @Option(names = "--density-out", paramLabel = "FILE.csv", description = "Write the density (t,density) to this CSV file.")
  Path densityOut;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the Lanczos start and the probes. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (smallest < 1) throw new InputException("--smallest: expected >= 1, got " + smallest);
    SpectralAnalysis.Options estimates = estimateOptions();
    if (catalog != null || minimum != null || studySpecFile != null) return studyPoint(estimates);
    if (objective != null || pointFile != null) return closedForm(estimates);
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
          .concurrent(Runtime.getRuntime().availableProcessors() > 1)
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
    estimates(out, f, w, estimates);
    out.flush();
    return ExitCodes.OK;
  }

  /** The estimator options, validated; null when no estimate was asked for. */
  private SpectralAnalysis.Options estimateOptions() {
    if (top < 0) throw new InputException("--top: expected >= 0, got " + top);
    if (bottom < 0) throw new InputException("--bottom: expected >= 0, got " + bottom);
    if (lanczosIterations < 1) throw new InputException("--lanczos-iterations: expected >= 1, got " + lanczosIterations);
    if (traceProbes < 0 || traceProbes == 1 || traceProbes == 2) throw new InputException("--trace-probes: expected 0 or >= 3 (Hutch++ splits them in three), got " + traceProbes);
    if (slqProbes < 1) throw new InputException("--slq-probes: expected >= 1, got " + slqProbes);
    if (slqSteps < 1) throw new InputException("--slq-steps: expected >= 1, got " + slqSteps);
    if (sigma != null && !(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) throw new InputException("--sigma: expected a finite number > 0, got " + sigma);
    if (densityOut != null && !density) throw new InputException("--density-out needs --density");
    if (densityOut != null && java.nio.file.Files.isDirectory(densityOut)) throw new InputException("--density-out " + densityOut + " is a directory, expected a file name");
    if (top == 0 && bottom == 0 && traceProbes == 0 && !density) return null;
    return new SpectralAnalysis.Options(Math.max(top, bottom), 1e-10, lanczosIterations, traceProbes, density ? slqProbes : 0, slqSteps,
        sigma == null ? Double.NaN : sigma, 1000, seed);
  }

  /** Prints the Lanczos, trace and SLQ estimates asked for (nothing when options is null). */
  private void estimates(PrintWriter out, basin.core.Objective f, double[] w, SpectralAnalysis.Options options) {
    if (options == null) return;
    SpectralAnalysis.Result r = SpectralAnalysis.compute(f, w, options);
    if (r.extremes() != null) {
      ExtremeEigenpairs.Result e = r.extremes();
      out.printf(Locale.ROOT, "lanczos    %s after %d iterations (%d restarts), %d Hessian-vector products with the residual checks%n", e.status(),
          e.lanczosIterations(), e.restarts(), e.hessianVectorProducts());
      for (int i = 0; i < Math.min(top, e.largest().length); i++) {
        out.printf(Locale.ROOT, "top %-6d %.10e  residual %.2e%n", i + 1, e.largest()[i], e.largestResiduals()[i]);
      }
      for (int i = 0; i < Math.min(bottom, e.smallest().length); i++) {
        out.printf(Locale.ROOT, "bottom %-3d %.10e  residual %.2e%n", i + 1, e.smallest()[i], e.smallestResiduals()[i]);
      }
    }
    if (r.hutchinson() != null) {
      out.printf(Locale.ROOT, "trace      Hutchinson %.6e +- %.2e (%d probes); Hutch++ %.6e +- %.2e (budget %d)%n", r.hutchinson().estimate(),
          r.hutchinson().standardError(), r.hutchinson().probes(), r.hutchPlusPlus().estimate(), r.hutchPlusPlus().standardError(),
          r.hutchPlusPlus().hessianVectorProducts());
    }
    if (r.density() != null) {
      SpectralDensity.Result d = r.density();
      out.printf(Locale.ROOT, "density    SLQ %s, %d probes x %d steps, sigma %.3e (%s), nodes in [%.4e, %.4e]%n", d.status(), options.slqProbes(),
          options.slqSteps(), d.sigma(), sigma == null ? "width rule: node range / steps" : "given", d.lower(), d.upper());
      if (densityOut != null) {
        try {
          java.nio.file.Files.writeString(densityOut, r.densityCsv());
        } catch (java.io.IOException ex) {
          throw new InputException("--density-out " + densityOut + ": cannot write (" + ex.getMessage() + ")");
        }
        out.printf(Locale.ROOT, "written    %s (t,density; plot density on a log axis)%n", densityOut);
      }
    }
  }

  /** A catalog's minimum, or a point with a catalog's or a spec's objective. */
  private int studyPoint(SpectralAnalysis.Options estimates) {
    if (modelFile != null) throw new InputException("--model applies to a saved network; with CATALOG or --spec give --minimum ID or --point W.npy");
    PointOptions p = new PointOptions();
    p.minimum = minimum;
    p.point = pointFile;
    p.specFile = studySpecFile;
    p.objective = objective;
    basin.study.AnalysisPoint ap = p.resolve(catalog);
    basin.core.Objective f = ap.subject().newEvaluator().train();
    double[] w = ap.parameters();
    double[] g = new double[f.dimension()];
    double value = f.valueAndGradient(w, g);
    HessianSpectrum.Result s = HessianSpectrum.of(f, w, HessianSpectrum.Options.defaults().withDenseLimit(denseLimit).withSmallestCount(smallest));
    Certificate c = new Certifier(Certifier.Config.defaults().withGradientTolerance(gradientTolerance).withDenseLimit(denseLimit))
          .concurrent(Runtime.getRuntime().availableProcessors() > 1)
        .certify(f, ap.subject().symmetry(), w, null);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "point      %s: %s, %d parameters%n", ap.label(), ap.subject().describe(), f.dimension());
    out.printf(Locale.ROOT, "loss       %.15g, gradient norm %.3e%n", value, Vectors.norm(g));
    print(out, s, c);
    estimates(out, f, w, estimates);
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
  private int closedForm(SpectralAnalysis.Options estimates) {
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
          .concurrent(Runtime.getRuntime().availableProcessors() > 1)
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
    estimates(out, f, w, estimates);
    out.flush();
    return ExitCodes.OK;
  }
}

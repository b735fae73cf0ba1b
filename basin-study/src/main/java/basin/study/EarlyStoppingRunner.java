package basin.study;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.core.optim.OptimizerSpecs;
import basin.core.model.MlpObjective;
import basin.data.Split;
import basin.data.preprocess.Subsets;
import basin.landscape.earlystop.RecordedStart;
import basin.landscape.earlystop.StopGap;
import basin.landscape.earlystop.StoppingRule;
import basin.landscape.pipeline.StartPipeline;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What stopping early costs, over the starts of a study (docs/flatness.md, "Early stopping").
 *
 * <p>The training set of the study's spec is split once into a part that trains and a held-out
 * validation part (stratified for classification, {@link Subsets#trainTestSplit} with the seed
 * {@code data_seed XOR VALIDATION_STREAM}). Start i then runs exactly as in the study (initial
 * point and seed {@link StartSeeds#of}(master seed, i), the spec's optimizer stages and certifier)
 * but on the training part, with its first stage checked every {@code interval} iterations
 * ({@link RecordedStart}); each stopping rule is applied to the checks and compared with the
 * certified end point of that start ({@link StopGap}). Since the training set is smaller, the end
 * points are minima of the reduced training objective, not the catalog's.
 *
 * <p>Rows go into two result tables of the catalog: {@link #TABLE} (one per start and rule) and
 * {@link #CHECKS} (one per start and check). Resumable: starts with rows are skipped, each start
 * is written when it finishes. Every row is a pure function of (spec, start index, options
 * except the thread count): the thread count and interruptions never change a row (tested).
 */
public final class EarlyStoppingRunner {
  private EarlyStoppingRunner() {}

  /** Seed stream of the validation split, apart from the data seed's other uses. */
  static final long VALIDATION_STREAM = 0x5EA1DA7A5E7L;

  /**
   * What to run.
   *
   * @param starts starts 0..starts-1 of the spec (0: as many as the spec has)
   * @param rules the stopping rules, in the order of the table's {@code rule} index
   * @param validationFraction share of the training set held out for validation, in (0, 1)
   * @param interval optimizer iterations between checks, &gt;= 1
   * @param threads worker threads, &gt;= 1 (never changes a result)
   * @param replace recompute when the tables hold results made with other options
   * @param firstStage an optimizer stage ({@code OptimizerSpecs} text, e.g. {@code gd:step=0.5,iterations=2000}) recorded
   *     first, before the spec's own stages carry the start on to its certified minimum; null: record the spec's first stage
   * @param eigenEvery the top Hessian eigenvalue of the training objective at every eigenEvery-th check and the last
   *     ({@link basin.landscape.earlystop.TopEigenvalue}); 0: none
   */
  public record Options(int starts, List<StoppingRule> rules, double validationFraction, int interval, int threads, boolean replace,
      String firstStage, int eigenEvery) {
    public Options {
      if (starts < 0) throw new InputException("--starts must be >= 0 (0: all of the spec's), got " + starts);
      if (rules == null || rules.isEmpty()) throw new InputException("--rules: at least one stopping rule is needed");
      rules = List.copyOf(rules);
      if (!(validationFraction > 0 && validationFraction < 1)) {
        throw new InputException("--validation-fraction must be a number in (0, 1), got " + validationFraction);
      }
      if (interval < 1) throw new InputException("--interval must be >= 1 iteration, got " + interval);
      if (threads < 1) throw new InputException("--threads must be >= 1, got " + threads);
      if (firstStage != null) {
        firstStage = firstStage.trim();
        if (firstStage.isEmpty()) throw new InputException("--optimizer is empty, expected a stage such as gd:step=0.5,iterations=2000");
        OptimizerSpecs.parse(firstStage, 0L); // validates it now, one line naming the stage
      }
      if (eigenEvery < 0) throw new InputException("--eigen-every must be >= 0 checks (0: no eigenvalues), got " + eigenEvery);
    }

    /** All starts, {@link StoppingRule#defaults()}, 20% validation, a check every 5 iterations, one thread, the spec's stages, no eigenvalues. */
    public static Options defaults() {
      return new Options(0, StoppingRule.defaults(), 0.2, 5, 1, false, null, 0);
    }

    public Options withStarts(int n) {
      return new Options(n, rules, validationFraction, interval, threads, replace, firstStage, eigenEvery);
    }

    public Options withRules(List<StoppingRule> r) {
      return new Options(starts, r, validationFraction, interval, threads, replace, firstStage, eigenEvery);
    }

    public Options withValidationFraction(double f) {
      return new Options(starts, rules, f, interval, threads, replace, firstStage, eigenEvery);
    }

    public Options withInterval(int k) {
      return new Options(starts, rules, validationFraction, k, threads, replace, firstStage, eigenEvery);
    }

    public Options withThreads(int t) {
      return new Options(starts, rules, validationFraction, interval, t, replace, firstStage, eigenEvery);
    }

    public Options withReplace(boolean r) {
      return new Options(starts, rules, validationFraction, interval, threads, r, firstStage, eigenEvery);
    }

    public Options withFirstStage(String stage) {
      return new Options(starts, rules, validationFraction, interval, threads, replace, stage, eigenEvery);
    }

    public Options withEigenEvery(int k) {
      return new Options(starts, rules, validationFraction, interval, threads, replace, firstStage, k);
    }

    /** The optimizer stages of a start: the first stage (when given) and then the spec's. */
    List<String> stages(StudySpec spec) {
      if (firstStage == null) return spec.optimizer();
      List<String> all = new ArrayList<>();
      all.add(firstStage);
      all.addAll(spec.optimizer());
      return all;
    }
  }

  /** One row per start and stopping rule. */
  public static final Table TABLE = Table.byStartAndIndex("early_stopping",
      "Prechelt's stopping rules on the first optimizer stage of each start, trained without a held-out validation part, "
          + "against the certified point the start reaches.",
      "rule", "Position of the rule in the list the run was given, from 0.",
      List.of(
          Column.required("rule_text", Column.Type.TEXT, "The rule: gl:ALPHA, pq:ALPHA:K, up:S:K or patience:P (Prechelt 1998)."),
          Column.required("fired", Column.Type.INTEGER, "1 when the rule fired before the first stage ended, 0 when it stopped at its end."),
          Column.required("stop_iteration", Column.Type.INTEGER, "Iteration of the check where the rule fired (the stage's last when it did not)."),
          Column.required("selected_iteration", Column.Type.INTEGER, "Iteration of the check of lowest validation loss up to the stop: the weights kept."),
          Column.required("first_stage_iterations", Column.Type.INTEGER, "Iterations of the whole first stage."),
          Column.required("total_iterations", Column.Type.INTEGER, "Iterations of all optimizer stages to the end point."),
          Column.of("train_at_selected", Column.Type.REAL, "Training objective (data loss on the training part plus L2) at the selected check."),
          Column.of("validation_at_selected", Column.Type.REAL, "Validation loss at the selected check."),
          Column.of("test_at_selected", Column.Type.REAL, "Test loss at the selected check."),
          Column.of("minimum_train", Column.Type.REAL, "Training objective at the certified end point of the start."),
          Column.of("minimum_validation", Column.Type.REAL, "Validation loss at the end point."),
          Column.of("minimum_test", Column.Type.REAL, "Test loss at the end point."),
          Column.of("train_gap", Column.Type.REAL, "train_at_selected - minimum_train: what stopping early costs in training loss."),
          Column.of("test_gap", Column.Type.REAL, "test_at_selected - minimum_test: negative when stopping early gave a better test loss."),
          Column.of("train_gap_at_stop", Column.Type.REAL, "The train gap at the stop check itself."),
          Column.of("test_gap_at_stop", Column.Type.REAL, "The test gap at the stop check itself."),
          Column.required("end_class", Column.Type.TEXT, "Certificate of the end point (STRICT_MINIMUM, DEGENERATE_MINIMUM, SADDLE, NOT_CONVERGED, ...)."),
          Column.required("validation_fraction", Column.Type.REAL, "Share of the training set held out for validation."),
          Column.required("check_interval", Column.Type.INTEGER, "Optimizer iterations between checks."),
          Column.of("first_stage", Column.Type.TEXT, "The stage given with --optimizer, recorded before the spec's own stages; empty (or NULL, in rows of a version without the option) when the spec's first stage was recorded."),
          Column.of("eigen_every", Column.Type.INTEGER, "Checks between top Hessian eigenvalues in early_stopping_checks (0, or NULL in rows of a version without the option: none)."),
          Column.of("wall_ms", Column.Type.INTEGER, "Wall time of this start (recording and certification), milliseconds.")
              .exported(Column.Export.TIMING)));

  /** One row per start and check of its first stage. */
  public static final Table CHECKS = Table.byStartAndIndex("early_stopping_checks",
      "The first optimizer stage of each start of an early-stopping run, at its checks.",
      "check_index", "Number of the check, from 0 (the initial point); the last is the stage's end point.",
      List.of(
          Column.required("iteration", Column.Type.INTEGER, "Optimizer iteration of the check."),
          Column.of("train_loss", Column.Type.REAL, "Training objective (data loss on the training part plus L2)."),
          Column.of("validation_loss", Column.Type.REAL, "Data loss on the held-out validation part."),
          Column.of("test_loss", Column.Type.REAL, "Data loss on the test set."),
          Column.of("gradient_norm", Column.Type.REAL, "Norm of the training objective's gradient."),
          Column.of("top_eigenvalue", Column.Type.REAL, "Largest eigenvalue of the training objective's Hessian (Lanczos, tolerance 1e-6, "
              + "at most 500 Hessian-vector products, seeded by the start): at every --eigen-every-th check and the last, NULL elsewhere.")));

  /** What one call did. */
  public record RunStats(int starts, int alreadyDone, int ran, int trainExamples, int validationExamples, long wallNanos) {}

  /** The objectives of an early-stopping run: the study's network on the training part, the validation part and the test set. */
  record Objectives(MlpObjective train, MlpObjective validation, MlpObjective test) {
    Objectives copy() {
      return new Objectives(train.copy(), validation.copy(), test == null ? null : test.copy());
    }
  }

  /** The split of the study's training set and the three objectives; a pure function of (spec, fraction). */
  static Objectives objectives(StudyProblem problem, double validationFraction) {
    Dataset all = problem.problem().train();
    Split split = Subsets.trainTestSplit(all, validationFraction,
        new SplittableRandom(problem.spec().preparation().dataSeed() ^ VALIDATION_STREAM));
    MlpObjective train = problem.trainObjective().onData(split.train());
    return new Objectives(train, train.onData(split.test()).withL2(0.0), problem.testObjective());
  }

  /**
   * Runs (or resumes) early stopping on starts 0..n-1 of a catalog's study.
   *
   * @param catalogFile a study's catalog (only its spec and provenance are read; its starts need not exist)
   * @param baseDirectory where relative file names of the spec resolve (the catalog's directory when null)
   * @param options what to run
   * @param progress called after each finished start (from the calling thread), or null
   */
  public static RunStats run(Path catalogFile, Path baseDirectory, Options options, StudyRunner.Progress progress) {
    long t0 = System.nanoTime();
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
      if (!spec.isMlp()) {
        throw new InputException("catalog " + catalogFile + " samples objective " + spec.objective()
            + "; early stopping needs a network on data (objective mlp) with a training set to hold a validation part out of");
      }
      Path base = baseDirectory != null ? baseDirectory : catalogFile.toAbsolutePath().getParent();
      StudyProblem problem = (StudyProblem) StudySubjects.of(spec, base);
      String stored = catalog.provenance().get(StudyRunner.INPUTS_HASH);
      if (stored != null && !stored.equals(problem.inputsHash())) {
        throw new InputException("catalog " + catalogFile + " was made from different inputs than the spec now reads (data \""
            + spec.data() + "\" changed)");
      }
      Objectives objectives = objectives(problem, options.validationFraction());
      int n = options.starts() == 0 ? spec.starts() : options.starts();
      catalog.ensureTable(TABLE);
      catalog.ensureTable(CHECKS);
      List<Integer> pending = StartWork.pending(catalog, catalogFile, TABLE, n, options.rules().size(), r -> differs(r, options),
          options.replace(), "early-stopping", CHECKS);
      int already = n - pending.size();
      StartPipeline pipeline;
      try {
        pipeline = new StartPipeline(options.stages(spec), StudyRunner.pipeline(spec).certifier());
      } catch (IllegalArgumentException e) {
        throw new InputException("--optimizer: " + e.getMessage());
      }
      ThreadLocal<Objectives> perThread = ThreadLocal.withInitial(objectives::copy);
      StartWork.run(pending, options.threads(), "basin-early-stopping",
          index -> startRows(problem, perThread.get(), pipeline, spec.seed(), index, options),
          rows -> {
            catalog.putRows(CHECKS, rows.checks());
            catalog.putRows(TABLE, rows.rules());
          }, already, n, progress);
      return new RunStats(n, already, pending.size(), objectives.train().exampleCount(), objectives.validation().exampleCount(),
          System.nanoTime() - t0);
    }
  }

  /** Why a stored row was made with other options than these, or null when it was not. */
  private static String differs(Row r, Options options) {
    int rule = (int) r.getLong("rule");
    if (rule >= options.rules().size()) return "rule " + rule + " is " + r.getText("rule_text") + ", now " + options.rules().size() + " rules";
    if (!r.getText("rule_text").equals(options.rules().get(rule).label())) {
      return "rule " + rule + " was " + r.getText("rule_text") + ", now " + options.rules().get(rule).label();
    }
    if (r.getDouble("validation_fraction") != options.validationFraction()) {
      return "validation fraction " + r.getDouble("validation_fraction") + ", now " + options.validationFraction();
    }
    if (r.getLong("check_interval") != options.interval()) return "check interval " + r.getLong("check_interval") + ", now " + options.interval();
    // NULL in both: rows written before the options existed, which recorded the spec's first stage and no eigenvalues
    String stage = options.firstStage() != null ? options.firstStage() : "";
    String storedStage = r.isNull("first_stage") ? "" : r.getText("first_stage");
    if (!storedStage.equals(stage)) {
      return "first stage " + (storedStage.isEmpty() ? "the spec's" : storedStage) + ", now " + (stage.isEmpty() ? "the spec's" : stage);
    }
    long storedEvery = r.isNull("eigen_every") ? 0 : r.getLong("eigen_every");
    if (storedEvery != options.eigenEvery()) return "eigen-every " + storedEvery + ", now " + options.eigenEvery();
    return null;
  }

  /** The rows of one start. */
  record StartRows(List<Row> rules, List<Row> checks) {}

  /** Start {@code index}: a pure function of (problem, spec seed, index, options minus threads). */
  static StartRows startRows(StudyProblem problem, Objectives f, StartPipeline pipeline, long masterSeed, int index, Options options) {
    long t0 = System.nanoTime();
    long seed = StartSeeds.of(masterSeed, index);
    RecordedStart r = RecordedStart.run(pipeline, f.train(), f.validation(), f.test(), problem.symmetry(), problem.initialPoint(seed), seed,
        options.interval(), options.eigenEvery());
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    List<Row> checks = new ArrayList<>();
    var t = r.trajectory();
    for (int c = 0; c < t.size(); c++) {
      checks.add(CHECKS.row().set("start_index", index).set("check_index", c).set("iteration", t.iterations()[c])
          .set("train_loss", t.train()[c]).set("validation_loss", t.validation()[c]).set("test_loss", t.test()[c])
          .set("gradient_norm", t.gradientNorm()[c]).set("top_eigenvalue", t.topEigenvalue()[c]).build());
    }
    List<Row> rules = new ArrayList<>();
    List<StopGap> gaps = r.stopGaps(options.rules());
    for (int k = 0; k < gaps.size(); k++) {
      StopGap g = gaps.get(k);
      rules.add(TABLE.row().set("start_index", index).set("rule", k).set("rule_text", g.rule().label()).set("fired", g.fired() ? 1 : 0)
          .set("stop_iteration", g.stopIteration()).set("selected_iteration", g.selectedIteration())
          .set("first_stage_iterations", r.firstStageIterations()).set("total_iterations", r.outcome().optimization().iterations())
          .set("train_at_selected", g.train()).set("validation_at_selected", g.validation()).set("test_at_selected", g.test())
          .set("minimum_train", r.minimumTrain()).set("minimum_validation", r.minimumValidation()).set("minimum_test", r.minimumTest())
          .set("train_gap", g.trainGap()).set("test_gap", g.testGap())
          .set("train_gap_at_stop", g.trainGapAtStop()).set("test_gap_at_stop", g.testGapAtStop())
          .set("end_class", r.outcome().certificate().classification().name())
          .set("validation_fraction", options.validationFraction()).set("check_interval", options.interval())
          .set("first_stage", options.firstStage() != null ? options.firstStage() : "").set("eigen_every", options.eigenEvery())
          .set("wall_ms", wallMs).build());
    }
    return new StartRows(rules, checks);
  }
}

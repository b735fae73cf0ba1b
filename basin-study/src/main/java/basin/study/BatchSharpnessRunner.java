package basin.study;

import basin.core.InputException;
import basin.core.model.MlpObjective;
import basin.core.optim.MinibatchSgd;
import basin.core.optim.OptimizationResult;
import basin.core.optim.Optimizer;
import basin.core.optim.OptimizerSpecs;
import basin.landscape.earlystop.PointSharpness;
import basin.landscape.hopping.BasinHopping;
import basin.landscape.pipeline.StartPipeline;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Small batch against large batch (Keskar et al., ICLR 2017): the sharpness of the points that
 * minibatch SGD reaches from the same starts with each batch size, on a study's problem
 * (docs/flatness.md, "Small batch against large batch").
 *
 * <p>Start i of the study (initial point {@code initialPoint(StartSeeds.of(seed, i))}) is trained
 * with each batch size for the same number of epochs by {@code sgd} ({@link MinibatchSgd}: the
 * given learning rate, momentum and decay; shuffles seeded by the start's seed, the same for every
 * batch size; no gradient-norm stop, so every batch size runs its whole budget of epochs). At the end
 * point: the data loss (training set, no L2) with its top Hessian eigenvalue and epsilon-sharpness
 * ({@link PointSharpness}), the test loss and both accuracies. With {@code polish} the spec's own
 * optimizer stages and certifier then carry the end point to the critical point it flows to, which
 * is matched against the catalog's minima (the clustering's rule: loss, then distance modulo
 * symmetry) and measured the same way, with the distance travelled.
 *
 * <p>Rows go into {@link #TABLE} (one per start and batch size). Resumable: starts with all their
 * rows are skipped, each start is written when it finishes. Every row is a pure function of (spec,
 * start index, options except the thread count).
 */
public final class BatchSharpnessRunner {
  private BatchSharpnessRunner() {}

  /** Seed stream of the Lanczos start vectors and the sharpness ascents, apart from the starts' seeds. */
  static final long MEASURE_STREAM = 0xBA7C45A4E55L;

  /** A batch size as given: a number of examples, or the whole training set. */
  public record BatchSize(String text, int examples) {
    /** "full": the whole training set. */
    public static final String FULL = "full";

    /** The size for a training set of n examples. */
    public int resolve(int n) {
      return text.equals(FULL) ? n : examples;
    }

    /**
     * Batch sizes from a comma-separated list such as {@code 16,full}.
     *
     * @throws InputException naming the bad entry and what was expected
     */
    public static List<BatchSize> parseList(String text) {
      List<BatchSize> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      String expected = "expected batch sizes >= 1 or 'full', comma-separated, such as 16,full";
      for (String part : (text == null ? "" : text).split(",")) {
        String p = part.trim().toLowerCase(Locale.ROOT);
        if (p.isEmpty()) continue;
        BatchSize b;
        if (p.equals(FULL)) {
          b = new BatchSize(FULL, 0);
        } else {
          int v;
          try {
            v = Integer.parseInt(p);
          } catch (NumberFormatException e) {
            throw new InputException("--batch-sizes " + text + ": '" + part.trim() + "' is not a number, " + expected);
          }
          if (v < 1) throw new InputException("--batch-sizes " + text + ": " + v + " is not a batch size, " + expected);
          b = new BatchSize(Integer.toString(v), v);
        }
        if (!seen.add(b.text())) throw new InputException("--batch-sizes " + text + ": " + b.text() + " is given twice");
        out.add(b);
      }
      if (out.isEmpty()) throw new InputException("--batch-sizes '" + text + "': none given, " + expected);
      return out;
    }
  }

  /**
   * What to run.
   *
   * @param starts starts 0..starts-1 of the spec (0: as many as the spec has)
   * @param batchSizes the batch sizes, in the order of the table's {@code batch} index (at least one)
   * @param optimizer an {@code sgd} stage without batch and epochs (e.g. {@code sgd:lr=0.05,momentum=0.9})
   * @param epochs epochs of training for every batch size, &gt;= 1
   * @param epsilon box half-width of epsilon-sharpness, finite and &gt; 0
   * @param polish carry each end point on to its certified critical point with the spec's stages
   * @param threads worker threads, &gt;= 1 (never changes a result)
   * @param replace recompute when the table holds results made with other options
   */
  public record Options(int starts, List<BatchSize> batchSizes, String optimizer, int epochs, double epsilon, boolean polish,
      int threads, boolean replace) {
    public Options {
      if (starts < 0) throw new InputException("--starts must be >= 0 (0: all of the spec's), got " + starts);
      if (batchSizes == null || batchSizes.isEmpty()) throw new InputException("--batch-sizes: at least one batch size is needed");
      batchSizes = List.copyOf(batchSizes);
      if (optimizer == null || !optimizer.trim().toLowerCase(Locale.ROOT).matches("sgd(:.*)?")) {
        throw new InputException("--optimizer " + optimizer + ": expected an sgd stage such as sgd:lr=0.05,momentum=0.9 "
            + "(minibatch SGD; Basin's adam and the other optimizers take full-batch steps)");
      }
      optimizer = optimizer.trim();
      for (String key : List.of("batch", "epochs", "iterations", "gtol")) {
        if (optimizer.matches("(?i).*[:,]\\s*" + key + "\\s*=.*")) {
          throw new InputException("--optimizer " + optimizer + ": leave out " + key + "= (the batch comes from --batch-sizes, the "
              + "epochs from --epochs, and every batch size runs all its epochs)");
        }
      }
      OptimizerSpecs.parse(optimizer, 0L); // validates the rest now
      if (epochs < 1) throw new InputException("--epochs must be >= 1, got " + epochs);
      if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) throw new InputException("--epsilon must be a finite number > 0, got " + epsilon);
      if (threads < 1) throw new InputException("--threads must be >= 1, got " + threads);
    }

    /** All starts, batch 16 and full, sgd:lr=0.05,momentum=0.9, 50 epochs, epsilon 1e-3, no polish, one thread. */
    public static Options defaults() {
      return new Options(0, BatchSize.parseList("16,full"), "sgd:lr=0.05,momentum=0.9", 50, 1e-3, false, 1, false);
    }

    public Options withStarts(int n) {
      return new Options(n, batchSizes, optimizer, epochs, epsilon, polish, threads, replace);
    }

    public Options withBatchSizes(List<BatchSize> b) {
      return new Options(starts, b, optimizer, epochs, epsilon, polish, threads, replace);
    }

    public Options withOptimizer(String o) {
      return new Options(starts, batchSizes, o, epochs, epsilon, polish, threads, replace);
    }

    public Options withEpochs(int e) {
      return new Options(starts, batchSizes, optimizer, e, epsilon, polish, threads, replace);
    }

    public Options withEpsilon(double e) {
      return new Options(starts, batchSizes, optimizer, epochs, e, polish, threads, replace);
    }

    public Options withPolish(boolean p) {
      return new Options(starts, batchSizes, optimizer, epochs, epsilon, p, threads, replace);
    }

    public Options withThreads(int t) {
      return new Options(starts, batchSizes, optimizer, epochs, epsilon, polish, t, replace);
    }

    public Options withReplace(boolean r) {
      return new Options(starts, batchSizes, optimizer, epochs, epsilon, polish, threads, r);
    }

    /** The stage that trains with batch size b (examples): the given sgd stage with batch, epochs and no gradient-norm stop. */
    String stage(int b) {
      return optimizer + (optimizer.contains(":") ? "," : ":") + "batch=" + b + ",epochs=" + epochs + ",gtol=0";
    }
  }

  /** One row per start and batch size. */
  public static final Table TABLE = Table.byStartAndIndex("batch_sharpness",
      "Small batch against large batch (Keskar et al. 2017): each start trained by minibatch SGD with each batch size for the same "
          + "epochs, and the sharpness of the point reached (and, with --polish, of the minimum it flows to).",
      "batch", "Position of the batch size in the list the run was given, from 0.",
      List.of(
          Column.required("batch_text", Column.Type.TEXT, "The batch size as given: a number or full."),
          Column.required("batch_size", Column.Type.INTEGER, "Examples per minibatch."),
          Column.required("optimizer", Column.Type.TEXT, "The sgd stage that trained, with batch, epochs and gtol=0 filled in."),
          Column.required("epochs", Column.Type.INTEGER, "Epochs of training."),
          Column.required("iterations", Column.Type.INTEGER, "Minibatch steps taken."),
          Column.required("status", Column.Type.TEXT, "How the training stopped (MAX_ITERATIONS: the epochs ran out; DIVERGED)."),
          Column.of("train_objective", Column.Type.REAL, "Training objective (data loss plus L2) at the end point."),
          Column.of("train_loss", Column.Type.REAL, "Data loss on the training set at the end point."),
          Column.of("test_loss", Column.Type.REAL, "Data loss on the test set at the end point."),
          Column.of("train_accuracy", Column.Type.REAL, "Share of training examples classified right at the end point."),
          Column.of("test_accuracy", Column.Type.REAL, "Share of test examples classified right."),
          Column.of("gradient_norm", Column.Type.REAL, "Norm of the training objective's gradient at the end point."),
          Column.of("lambda_max", Column.Type.REAL, "Largest eigenvalue of the data loss's Hessian at the end point (Lanczos, relative tolerance 1e-8, at most 500 products)."),
          Column.of("lambda_max_residual", Column.Type.REAL, "Lanczos residual of lambda_max: some eigenvalue lies within it."),
          Column.required("epsilon", Column.Type.REAL, "Box half-width of epsilon-sharpness."),
          Column.of("epsilon_sharpness", Column.Type.REAL,
              "Keskar et al. 2017, Metric 2.1: 100 max (f(x + y) - f(x)) / (1 + f(x)) over |y_i| <= epsilon (|x_i| + 1), f the data loss, full space (a lower bound)."),
          Column.required("polished", Column.Type.INTEGER, "1 when the end point was carried on to a certified critical point (--polish)."),
          Column.of("minimum_class", Column.Type.TEXT, "Certificate of the polished point (STRICT_MINIMUM, DEGENERATE_MINIMUM, SADDLE, NOT_CONVERGED, ...)."),
          Column.of("minimum_id", Column.Type.INTEGER, "The catalog minimum the polished point is (loss, then distance modulo symmetry); NULL for none."),
          Column.of("same_minimum_as", Column.Type.INTEGER, "The first batch index of this start whose polished point is the same minimum as this one's (its own index when none is)."),
          Column.of("minimum_train_loss", Column.Type.REAL, "Data loss on the training set at the polished point."),
          Column.of("minimum_test_loss", Column.Type.REAL, "Test loss there."),
          Column.of("minimum_lambda_max", Column.Type.REAL, "Largest eigenvalue of the data loss's Hessian there."),
          Column.of("minimum_epsilon_sharpness", Column.Type.REAL, "Epsilon-sharpness of the data loss there."),
          Column.of("distance_to_minimum", Column.Type.REAL, "Euclidean distance from the end point to the polished point."),
          Column.of("wall_ms", Column.Type.INTEGER, "Wall time of this row (training and measures), milliseconds.").exported(Column.Export.TIMING)));

  /** What one call did. */
  public record RunStats(int starts, int alreadyDone, int ran, int trainExamples, long wallNanos) {}

  /** A thread's objectives: the training objective, its data loss without L2, and the test loss (or null). */
  record Objectives(MlpObjective train, MlpObjective data, MlpObjective test) {
    Objectives copy() {
      return new Objectives(train.copy(), data.copy(), test == null ? null : test.copy());
    }
  }

  /**
   * Runs (or resumes) the comparison on starts 0..n-1 of a catalog's study.
   *
   * @param catalogFile a study's catalog (its spec, provenance and, with polish, minima are read)
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
            + "; batch-size sharpness needs a network on data (objective mlp) to take minibatches of");
      }
      Path base = baseDirectory != null ? baseDirectory : catalogFile.toAbsolutePath().getParent();
      StudyProblem problem = (StudyProblem) StudySubjects.of(spec, base);
      String stored = catalog.provenance().get(StudyRunner.INPUTS_HASH);
      if (stored != null && !stored.equals(problem.inputsHash())) {
        throw new InputException("catalog " + catalogFile + " was made from different inputs than the spec now reads (data \""
            + spec.data() + "\" changed)");
      }
      MlpObjective train = problem.trainObjective();
      int examples = train.exampleCount();
      for (BatchSize b : options.batchSizes()) {
        if (b.resolve(examples) > examples) {
          throw new InputException("--batch-sizes: " + b.text() + " is larger than the training set of " + examples + " examples");
        }
      }
      Objectives objectives = new Objectives(train, train.withL2(0.0), problem.testObjective());
      int n = options.starts() == 0 ? spec.starts() : options.starts();
      catalog.ensureTable(TABLE);
      List<Integer> pending = StartWork.pending(catalog, catalogFile, TABLE, n, options.batchSizes().size(),
          r -> differs(r, options, examples), options.replace(), "batch-sharpness");
      int already = n - pending.size();
      StartPipeline pipeline = StudyRunner.pipeline(spec);
      List<MinimumRecord> minima = options.polish() ? StudyMinima.current(catalog).minima() : List.of();
      ThreadLocal<Objectives> perThread = ThreadLocal.withInitial(objectives::copy);
      StartWork.run(pending, options.threads(), "basin-batch-sharpness",
          index -> startRows(problem, perThread.get(), pipeline, minima, spec.seed(), index, options),
          rows -> catalog.putRows(TABLE, rows), already, n, progress);
      return new RunStats(n, already, pending.size(), examples, System.nanoTime() - t0);
    }
  }

  /** Why a stored row was made with other options than these, or null when it was not. */
  private static String differs(Row r, Options options, int examples) {
    int batch = (int) r.getLong("batch");
    if (batch >= options.batchSizes().size()) return "batch " + batch + " is " + r.getText("batch_text") + ", now " + options.batchSizes().size() + " batch sizes";
    BatchSize b = options.batchSizes().get(batch);
    if (!r.getText("batch_text").equals(b.text())) return "batch " + batch + " was " + r.getText("batch_text") + ", now " + b.text();
    String stage = options.stage(b.resolve(examples));
    if (!r.getText("optimizer").equals(stage)) return "optimizer " + r.getText("optimizer") + ", now " + stage;
    if (r.getDouble("epsilon") != options.epsilon()) return "epsilon " + r.getDouble("epsilon") + ", now " + options.epsilon();
    if ((r.getLong("polished") == 1) != options.polish()) return options.polish() ? "not polished, now --polish" : "polished, now not";
    return null;
  }

  /** The rows of start {@code index}, in batch order: a pure function of (problem, spec seed, minima, index, options minus threads). */
  static List<Row> startRows(StudyProblem problem, Objectives f, StartPipeline pipeline, List<MinimumRecord> minima, long masterSeed, int index,
      Options options) {
    long seed = StartSeeds.of(masterSeed, index);
    long measureSeed = seed ^ MEASURE_STREAM;
    double[] start = problem.initialPoint(seed);
    int examples = f.train().exampleCount();
    List<Row> rows = new ArrayList<>();
    List<double[]> polishedPoints = new ArrayList<>();
    List<Boolean> polishedMinimum = new ArrayList<>();
    StudySpec.Tolerances tol = problem.spec().tolerances();
    for (int k = 0; k < options.batchSizes().size(); k++) {
      long t0 = System.nanoTime();
      BatchSize b = options.batchSizes().get(k);
      int size = b.resolve(examples);
      String stage = options.stage(size);
      Optimizer sgd = OptimizerSpecs.parse(stage, seed);
      OptimizationResult r = sgd.minimize(f.train(), start, null);
      double[] w = r.point();
      Row.Builder row = TABLE.row().set("start_index", index).set("batch", k).set("batch_text", b.text()).set("batch_size", size)
          .set("optimizer", stage).set("epochs", options.epochs()).set("iterations", r.iterations()).set("status", r.status().name())
          .set("train_objective", r.value()).set("gradient_norm", r.gradientNorm()).set("epsilon", options.epsilon())
          .set("polished", options.polish() ? 1 : 0);
      if (basin.core.linalg.Vectors.allFinite(w)) {
        PointSharpness s = PointSharpness.measure(f.data(), w, options.epsilon(), measureSeed);
        row.set("train_loss", s.loss()).set("train_accuracy", f.data().accuracy(w))
            .set("lambda_max", s.top().value()).set("lambda_max_residual", s.top().residual())
            .set("epsilon_sharpness", s.sharpness().sharpness());
        if (f.test() != null) row.set("test_loss", f.test().value(w)).set("test_accuracy", f.test().accuracy(w));
        if (options.polish()) {
          StartPipeline.Outcome o = pipeline.run(f.train(), problem.symmetry(), w, seed);
          double[] m = o.point().parameters();
          row.set("minimum_class", o.certificate().classification().name());
          int same = k;
          if (o.point().isFinite()) {
            PointSharpness ms = PointSharpness.measure(f.data(), m, options.epsilon(), measureSeed);
            row.set("minimum_train_loss", ms.loss()).set("minimum_lambda_max", ms.top().value())
                .set("minimum_epsilon_sharpness", ms.sharpness().sharpness()).set("distance_to_minimum", distance(w, m));
            if (f.test() != null) row.set("minimum_test_loss", f.test().value(m));
            if (o.isMinimum()) {
              int id = HopRunner.match(minima, new BasinHopping.Local(m, o.point().value(), true, o.certificate().classification().name(),
                  o.point().gradientNorm(), o.point().canonical()), problem.symmetry(), tol);
              if (id >= 0) row.set("minimum_id", id);
              for (int j = 0; j < polishedPoints.size(); j++) {
                if (polishedMinimum.get(j) && sameMinimum(polishedPoints.get(j), m, f.train(), problem, tol)) {
                  same = j;
                  break;
                }
              }
            }
          }
          row.set("same_minimum_as", same);
          polishedPoints.add(m);
          polishedMinimum.add(o.isMinimum() && o.point().isFinite());
        }
      } else if (options.polish()) {
        polishedPoints.add(w);
        polishedMinimum.add(false);
      }
      rows.add(row.set("wall_ms", (System.nanoTime() - t0) / 1_000_000).build());
    }
    return rows;
  }

  /** The clustering's rule: training objectives within the loss tolerance, then distance modulo symmetry within the parameter tolerance. */
  private static boolean sameMinimum(double[] a, double[] b, MlpObjective train, StudyProblem problem, StudySpec.Tolerances tol) {
    double fa = train.value(a);
    double fb = train.value(b);
    if (!(Math.abs(fa - fb) <= tol.loss() * Math.max(1.0, Math.abs(fa)))) return false;
    return problem.symmetry().distance(a, b) <= tol.parameter() * Math.max(1.0, basin.core.linalg.Vectors.norm(a));
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}

package basin.study;

import basin.core.optim.OptimizationResult;
import basin.data.GlobalReference;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.pipeline.StartPipeline;
import basin.store.Catalog;
import basin.store.StartRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the starts of a study into its catalog: every start i not yet in the catalog is optimized
 * from its own seeded initial point, certified, canonicalized and recorded in its own transaction;
 * then the distinct minima are recomputed from all recorded starts. Running the same study again
 * resumes: starts already recorded are skipped, so a killed run loses only the starts in flight and
 * the final catalog equals an uninterrupted run's.
 *
 * <p>Each start is a pure function of (spec, master seed, start index): its seed is
 * {@link StartSeeds#of}, its initial point {@link StudySubject#initialPoint} of that seed, its
 * objective a per-thread copy, and its work the {@link StartPipeline}; so thread count, executor
 * and scheduling never change a result. The subject may be an MLP on data, a closed-form objective
 * or a test function ({@link StudySubjects}).
 */
public final class StudyRunner {
  private StudyRunner() {}

  /** Called after each recorded start, from worker threads (serialized). */
  public interface Progress {
    void update(int done, int total);
  }

  /** What one call did. */
  public record RunStats(int starts, int alreadyDone, int ran, int distinctMinima, long wallNanos) {}

  /** Called once before any start runs, with the subject's warnings ({@link StudySubject#warnings}). */
  public interface Warnings {
    void warn(String message);
  }

  /** Provenance keys that record the global reference in the catalog. */
  public static final String REFERENCE_BASIS = "global_reference_basis";
  public static final String REFERENCE_VALUE = "global_reference_value";
  public static final String REFERENCE_DETAIL = "global_reference_detail";

  /** How often a running study rewrites its minima table from the starts recorded so far. */
  static final long MINIMA_REFRESH_NANOS = 60_000_000_000L;

  /** Provenance key of the content hash of the subject's inputs ({@link StudySubject#inputsHash}). */
  public static final String INPUTS_HASH = "inputs_sha256";

  /** {@link #run(StudySpec, Path, Path, StartExecutor, Progress, Map)} on local threads, relative files from the working directory. */
  public static RunStats run(StudySpec spec, Path catalogFile, int threads, Progress progress, Map<String, String> provenance) {
    return run(spec, null, catalogFile, new LocalStartExecutor(threads), progress, provenance);
  }

  /**
   * Runs (or resumes, or extends) a study.
   *
   * @param spec the study, defaults filled
   * @param baseDirectory the spec file's directory (relative file names in the spec resolve from it), or null
   * @param catalogFile the catalog to create or resume
   * @param executor where the starts run
   * @param progress called after each recorded start (serialized), or null
   * @param provenance key/value pairs stored with a new catalog
   * @throws basin.core.InputException when the catalog holds another study, or the same spec over
   *     different inputs (a data or teacher file that changed since the catalog was made)
   */
  public static RunStats run(StudySpec spec, Path baseDirectory, Path catalogFile, StartExecutor executor, Progress progress,
      Map<String, String> provenance) {
    return run(spec, baseDirectory, catalogFile, executor, progress, null, provenance);
  }

  /** As {@link #run(StudySpec, Path, Path, StartExecutor, Progress, Map)}, reporting the subject's warnings first. */
  public static RunStats run(StudySpec spec, Path baseDirectory, Path catalogFile, StartExecutor executor, Progress progress,
      Warnings warnings, Map<String, String> provenance) {
    long t0 = System.nanoTime();
    StudySubject subject = StudySubjects.of(spec, baseDirectory);
    if (warnings != null) subject.warnings().forEach(warnings::warn);
    StartPipeline pipeline = pipeline(spec);
    Map<String, String> prov = new LinkedHashMap<>(provenance);
    GlobalReference ref = subject.globalReference();
    prov.put(REFERENCE_BASIS, ref.basis().name());
    prov.put(REFERENCE_VALUE, Double.toString(ref.value()));
    prov.put(REFERENCE_DETAIL, ref.detail());
    prov.put("data_provenance", subject.provenance());
    prov.put("model", subject.describe());
    prov.put("symmetry", subject.symmetry().describe());
    prov.put(StudyMinima.SYMMETRY_SPEC, subject.symmetry().spec());
    prov.put(INPUTS_HASH, subject.inputsHash());
    prov.put("engine", executor.describe());
    // A study may be extended: the same spec with more starts resumes the catalog (start i does not
    // depend on how many starts there are), keeping the spec the catalog was created with.
    String identity = spec.toCanonicalJson();
    if (java.nio.file.Files.isRegularFile(catalogFile)) {
      String stored;
      try (Catalog existing = Catalog.open(catalogFile)) {
        stored = existing.specJson();
      }
      StudySpec old = StudySpec.fromCanonicalJson(stored);
      if (old.withStarts(spec.starts()).equals(spec)) {
        identity = stored;
      }
    }
    try (Catalog catalog = Catalog.openOrCreate(catalogFile, identity, spec.seed(), prov)) {
      String storedHash = catalog.provenance().get(INPUTS_HASH);
      if (storedHash != null && !storedHash.equals(subject.inputsHash())) {
        throw new basin.core.InputException("catalog " + catalogFile + " was made from different inputs: " + inputsName(spec)
            + " changed since (inputs sha256 " + storedHash.substring(0, 12) + " then, " + subject.inputsHash().substring(0, 12)
            + " now); restore it, or run into a new catalog");
      }
      SortedSet<Integer> done = catalog.completedStarts();
      List<Integer> pending = new ArrayList<>();
      for (int i = 0; i < spec.starts(); i++) {
        if (!done.contains(i)) pending.add(i);
      }
      int already = spec.starts() - pending.size();
      AtomicInteger counter = new AtomicInteger(already);
      if (progress != null) progress.update(already, spec.starts());
      long masterSeed = spec.seed();
      executor.execute(() -> {
        StudySubject.Evaluator evaluator = subject.newEvaluator();
        return index -> record(subject, evaluator, pipeline, masterSeed, index);
      }, pending, new java.util.function.Consumer<>() {
        private long lastRefresh = System.nanoTime();

        @Override
        public void accept(StartRecord record) {
          catalog.recordStart(record);
          int d = counter.incrementAndGet();
          if (progress != null) progress.update(d, spec.starts());
          // keep the stored minima near the recorded starts, so a killed run leaves a usable table
          // (readers recompute them anyway when stale: StudyMinima); timing decides only when
          if (System.nanoTime() - lastRefresh > MINIMA_REFRESH_NANOS) {
            catalog.replaceMinima(MinimaClustering.cluster(catalog.starts(true), subject.symmetry(), spec.tolerances()));
            lastRefresh = System.nanoTime();
          }
        }
      });
      var minima = MinimaClustering.cluster(catalog.starts(true), subject.symmetry(), spec.tolerances());
      catalog.replaceMinima(minima);
      return new RunStats(spec.starts(), already, pending.size(), minima.size(), System.nanoTime() - t0);
    }
  }

  /** What a changed-inputs message names: the data or objective the spec reads. */
  private static String inputsName(StudySpec spec) {
    return spec.isMlp() ? "the data \"" + spec.data() + "\"" : "the inputs of objective \"" + spec.objective() + "\"";
  }

  /** The start pipeline of a spec: its optimizer chain and a certifier with its tolerances. */
  public static StartPipeline pipeline(StudySpec spec) {
    StudySpec.Tolerances t = spec.tolerances();
    Certifier certifier = new Certifier(Certifier.Config.defaults()
        .withGradientTolerance(t.gradient())
        .withRelativeEigenvalueTolerance(t.eigenvalue()));
    try {
      return new StartPipeline(spec.optimizer(), certifier);
    } catch (IllegalArgumentException e) {
      throw new basin.core.InputException("spec field optimizer: " + e.getMessage());
    }
  }

  /**
   * Start {@code index} of a study: a pure function of (subject, pipeline, master seed, index).
   * Public for engines in other modules (basin-spark), which must call this same function.
   */
  public static StartRecord record(StudySubject subject, StudySubject.Evaluator evaluator, StartPipeline pipeline, long masterSeed, int index) {
    long t0 = System.nanoTime();
    long seed = StartSeeds.of(masterSeed, index);
    StartPipeline.Outcome o = pipeline.run(evaluator.train(), subject.symmetry(), subject.initialPoint(seed), seed);
    OptimizationResult r = o.optimization();
    Certificate c = o.certificate();
    StartPipeline.Point point = o.point();
    StudySubject.Evaluation e = point.isFinite() ? evaluator.evaluate(point.parameters()) : StudySubject.Evaluation.NONE;
    // without a regularization term the data loss is the objective itself
    double trainDataLoss = !point.isFinite() ? Double.NaN : Double.isNaN(e.trainDataLoss()) ? point.value() : e.trainDataLoss();
    double smallest = c.smallestEigenvalues().length > 0 ? c.smallestEigenvalues()[0] : Double.NaN;
    boolean spectrum = c.method() != null;
    return new StartRecord(index, seed,
        new StartRecord.Outcome(r.status().name(), c.classification().name(), point.gradientNorm(),
            spectrum ? c.activeKinks() : StartRecord.UNKNOWN_COUNT),
        new StartRecord.Losses(point.value(), trainDataLoss, e.testLoss(), e.trainAccuracy(), e.testAccuracy()),
        spectrum ? new StartRecord.Curvature(smallest, c.largestEigenvalue(), c.negativeCount(), c.zeroCount(), c.indexFraction())
            : new StartRecord.Curvature(smallest, c.largestEigenvalue(), StartRecord.UNKNOWN_COUNT, StartRecord.UNKNOWN_COUNT, Double.NaN),
        new StartRecord.Effort(r.iterations(), r.gradientEvaluations() + r.minibatchGradientEvaluations(),
            r.hessianVectorProducts() + c.hessianVectorProducts(), (System.nanoTime() - t0) / 1_000_000),
        point.parameters(), point.canonical());
  }
}

package basin.study;

import basin.core.Parallel;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizationResult;
import basin.data.GlobalReference;
import basin.landscape.certify.Certificate;
import basin.landscape.symmetry.Canonicalizer;
import basin.landscape.symmetry.MlpSymmetry;
import basin.store.Catalog;
import basin.store.StartRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the starts of a study into its catalog: every start i not yet in the catalog is optimized
 * from its own seeded initial point, certified, canonicalized and recorded in its own transaction;
 * then the distinct minima are recomputed from all recorded starts. Running the same study again
 * resumes: starts already recorded are skipped, so a killed run loses only the starts in flight and
 * the final catalog equals an uninterrupted run's.
 *
 * <p>Each start is a pure function of (spec, master seed, start index): its seed is
 * {@link StartSeeds#of}, its objective a per-thread copy, so thread count and scheduling never
 * change a result.
 */
public final class StudyRunner {
  private StudyRunner() {}

  /** Called after each recorded start, from worker threads (serialized). */
  public interface Progress {
    void update(int done, int total);
  }

  /** What one call did. */
  public record RunStats(int starts, int alreadyDone, int ran, int distinctMinima, long wallNanos) {}

  /** Provenance keys that record the global reference in the catalog. */
  public static final String REFERENCE_BASIS = "global_reference_basis";
  public static final String REFERENCE_VALUE = "global_reference_value";
  public static final String REFERENCE_DETAIL = "global_reference_detail";

  public static RunStats run(StudySpec spec, Path catalogFile, int threads, Progress progress, Map<String, String> provenance) {
    if (threads < 1) throw new basin.core.InputException("--threads must be >= 1, got " + threads);
    long t0 = System.nanoTime();
    StudyProblem problem = new StudyProblem(spec);
    Map<String, String> prov = new LinkedHashMap<>(provenance);
    GlobalReference ref = problem.globalReference();
    prov.put(REFERENCE_BASIS, ref.basis().name());
    prov.put(REFERENCE_VALUE, Double.toString(ref.value()));
    prov.put(REFERENCE_DETAIL, ref.detail());
    prov.put("data_provenance", problem.problem().provenance());
    prov.put("model", problem.model().describe());
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
      SortedSet<Integer> done = catalog.completedStarts();
      List<Integer> pending = new ArrayList<>();
      for (int i = 0; i < spec.starts(); i++) {
        if (!done.contains(i)) pending.add(i);
      }
      int already = spec.starts() - pending.size();
      AtomicInteger counter = new AtomicInteger(already);
      if (progress != null) progress.update(already, spec.starts());
      ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(problem));
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        // one start per worker: the starts are the parallelism, so objectives run their example
        // shards in the worker itself instead of competing for the same cores (same results)
        Thread t = new Thread(() -> {
          Parallel.sequentialInThisThread();
          r.run();
        }, "basin-start");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int index : pending) {
          futures.add(pool.submit(() -> {
            StartRecord record = workers.get().run(index);
            catalog.recordStart(record);
            int d = counter.incrementAndGet();
            if (progress != null) {
              synchronized (progress) {
                progress.update(d, spec.starts());
              }
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            pool.shutdownNow();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
          }
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted; recorded starts are kept and the study resumes from them", e);
      } finally {
        pool.shutdownNow();
      }
      var minima = MinimaClustering.cluster(catalog.starts(true), problem.model(), spec.tolerances());
      catalog.replaceMinima(minima);
      return new RunStats(spec.starts(), already, pending.size(), minima.size(), System.nanoTime() - t0);
    }
  }

  /** One thread's objectives and the per-start pipeline. */
  static final class Worker {
    private final StudyProblem problem;
    private final MlpObjective train;
    private final MlpObjective test;
    private final MlpObjective trainData;
    private final MlpSymmetry symmetry;
    private final Canonicalizer canonicalizer;
    private final long masterSeed;

    Worker(StudyProblem problem) {
      this.problem = problem;
      this.train = problem.trainObjective();
      this.test = problem.testObjective();
      this.trainData = train.withL2(0.0);
      this.symmetry = MlpSymmetry.of(train);
      this.canonicalizer = new Canonicalizer(problem.model());
      this.masterSeed = problem.spec().seed();
    }

    StartRecord run(int index) {
      long t0 = System.nanoTime();
      long seed = StartSeeds.of(masterSeed, index);
      Mlp model = problem.model();
      double[] start = problem.initializer().initialize(model, seed);
      OptimizationResult r = problem.optimizer(seed).minimize(train, start);
      Certificate c = problem.certifier().certify(train, symmetry, r.point(), r.status());
      // The catalog describes the certified point: for a ReLU network the certifier may have refined
      // the optimizer's end point onto the kink manifold it stopped near (docs/kinks.md). Smooth
      // certificates carry the end point itself, whose optimizer-reported numbers are kept as they were.
      double[] w = r.point();
      double value = r.value();
      double gradientNorm = r.gradientNorm();
      if (!java.util.Arrays.equals(c.point(), w)) {
        w = c.point();
        value = c.value();
        gradientNorm = c.gradientNorm();
      }
      boolean finite = basin.core.linalg.Vectors.allFinite(w) && Double.isFinite(value);
      double trainAccuracy = finite ? train.accuracy(w) : Double.NaN;
      double testLoss = finite && test != null ? test.value(w) : Double.NaN;
      double testAccuracy = finite && test != null ? test.accuracy(w) : Double.NaN;
      double[] canonical = finite ? canonicalizer.canonicalize(w) : new double[0];
      double smallest = c.smallestEigenvalues().length > 0 ? c.smallestEigenvalues()[0] : Double.NaN;
      boolean spectrum = c.method() != null;
      double trainDataLoss = !finite ? Double.NaN : train.l2() == 0 ? value : trainData.value(w);
      return new StartRecord(index, seed,
          new StartRecord.Outcome(r.status().name(), c.classification().name(), gradientNorm,
              spectrum ? c.activeKinks() : StartRecord.UNKNOWN_COUNT),
          new StartRecord.Losses(value, trainDataLoss, testLoss, trainAccuracy, testAccuracy),
          spectrum ? new StartRecord.Curvature(smallest, c.largestEigenvalue(), c.negativeCount(), c.zeroCount(),
              c.indexFraction()) : new StartRecord.Curvature(smallest, c.largestEigenvalue(), StartRecord.UNKNOWN_COUNT,
              StartRecord.UNKNOWN_COUNT, Double.NaN),
          new StartRecord.Effort(r.iterations(), r.gradientEvaluations() + r.minibatchGradientEvaluations(),
              r.hessianVectorProducts() + c.hessianVectorProducts(), (System.nanoTime() - t0) / 1_000_000),
          w, canonical);
    }
  }
}

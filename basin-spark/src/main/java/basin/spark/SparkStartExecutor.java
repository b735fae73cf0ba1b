package basin.spark;

import basin.core.Parallel;
import basin.landscape.pipeline.StartPipeline;
import basin.store.StartRecord;
import basin.study.StartExecutor;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import basin.study.StudySubject;
import basin.study.StudySubjects;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs the starts of a study on Apache Spark, one start per Spark task; the records stream back to
 * the driver (the calling thread), which alone hands them to the sink (the catalog writer).
 *
 * <p>A task ships the spec's canonical JSON, the base directory and the subject's inputs hash; each
 * executor JVM rebuilds the subject and start pipeline once per spec (a static cache) and one
 * evaluator per task thread, and calls {@link StudyRunner#record}, the function the local engine
 * calls, with the seed derived from (master seed, start index) only. So a start's record is the
 * same bits as in a local run (wall time aside), whichever executor, partition or attempt ran it.
 * Each task runs its objective single-threaded ({@link Parallel#sequentialInThisThread}), and {@link
 * #configure} sets {@code OPENBLAS_NUM_THREADS=1} for the executors: the starts are the parallelism.
 *
 * <p>Failures. A start whose function throws an exception comes back as a {@link
 * StartRecordCodec.Failed} result: the task itself succeeds, so Spark does not retry it and the
 * rest of the job goes on. A task that dies otherwise (an {@link Error}, a lost executor) is retried
 * by Spark up to {@code spark.task.maxFailures} (1 in {@code local[N]}, F in {@code local[N,F]});
 * once those are used up the job fails, and the starts whose results did not arrive are run again
 * in a next job. A start fails when it threw, or when its result is missing from a round in which
 * no start came back (a job aborted for another task's sake does not count against the starts it
 * did not reach), so rounds end: each one records a start or counts a failure for every start left.
 * A start that fails twice is not recorded (no made-up record enters the catalog): every other
 * start is, and {@link #execute} then throws an {@link IllegalStateException} naming the failed
 * starts and the first error, so the study stays resumable and a rerun retries just those starts,
 * as after a failure of the local engine. The driver records each start at most once, whatever
 * arrives.
 *
 * <p>The {@link StartExecutor.StartTask} that {@link StudyRunner} passes to {@link #execute} is not
 * used (it is not serializable): the spec given to the constructor defines the work, so it must be
 * the spec of the run ({@link #runStudy} guarantees that).
 */
public final class SparkStartExecutor implements StartExecutor {
  /** Starts per job round at most, so that a huge study does not create one huge job. */
  static final int MAX_TASKS_PER_JOB = 10_000;
  /** How the error of a start that threw begins. */
  static final String THREW = "threw ";

  private final JavaSparkContext sc;
  private final String specJson;
  private final String baseDirectory;
  private final Consumer<String> log;
  private String inputsHash;
  private Faults faults = Faults.NONE;

  /**
   * @param sc the Spark context (not stopped here)
   * @param spec the study whose starts run; must be the spec given to {@link StudyRunner#run}
   * @param baseDirectory the spec file's directory, or null; relative data files must resolve from it
   *     on every executor too (a shared file system)
   * @param log receives one line per failed attempt (null: standard error)
   */
  public SparkStartExecutor(JavaSparkContext sc, StudySpec spec, Path baseDirectory, Consumer<String> log) {
    this.sc = Objects.requireNonNull(sc, "sc");
    this.specJson = spec.toCanonicalJson();
    if (!StudySpec.fromCanonicalJson(specJson).equals(spec)) {
      throw new IllegalStateException("the spec does not survive its canonical JSON; it cannot be shipped to executors");
    }
    this.baseDirectory = baseDirectory == null ? null : baseDirectory.toAbsolutePath().toString();
    this.log = log != null ? log : line -> System.err.println(line);
  }

  /**
   * Runs (or resumes) a study on Spark: {@link StudyRunner#run} with a {@link SparkStartExecutor}
   * for the same spec.
   */
  public static StudyRunner.RunStats runStudy(JavaSparkContext sc, StudySpec spec, Path baseDirectory, Path catalogFile,
      StudyRunner.Progress progress, StudyRunner.Warnings warnings, Map<String, String> provenance) {
    Consumer<String> log = warnings == null ? null : warnings::warn;
    return StudyRunner.run(spec, baseDirectory, catalogFile, new SparkStartExecutor(sc, spec, baseDirectory, log), progress,
        warnings, provenance);
  }

  /** Sets what a Basin study needs of a Spark configuration: one BLAS thread per executor core. */
  public static org.apache.spark.SparkConf configure(org.apache.spark.SparkConf conf) {
    return conf.set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
  }

  /** Test hook: injected faults (package-private). */
  SparkStartExecutor withFaults(Faults f) {
    this.faults = Objects.requireNonNull(f);
    return this;
  }

  @Override
  public String describe() {
    return "spark " + sc.version() + ", master " + sc.master() + ", default parallelism " + sc.defaultParallelism()
        + ", one start per task";
  }

  @Override
  public void execute(StartTask task, List<Integer> pending, Consumer<StartRecord> sink) {
    if (pending.isEmpty()) return;
    if (inputsHash == null) {
      // what the executors must find too; built here once (the runner built its own for the catalog)
      inputsHash = StudySubjects.of(StudySpec.fromCanonicalJson(specJson), baseDirectory == null ? null : Path.of(baseDirectory))
          .inputsHash();
    }
    Set<Integer> recorded = new HashSet<>();
    Map<Integer, Integer> failures = new TreeMap<>();
    Map<Integer, String> firstErrors = new TreeMap<>();
    List<Integer> round = new ArrayList<>(pending);
    List<Integer> givenUp = new ArrayList<>();
    for (int r = 1; !round.isEmpty(); r++) {
      Map<Integer, String> errors = new TreeMap<>();
      int before = recorded.size();
      for (int from = 0; from < round.size(); from += MAX_TASKS_PER_JOB) {
        runJob(round.subList(from, Math.min(round.size(), from + MAX_TASKS_PER_JOB)), r, recorded, errors, sink);
      }
      boolean progress = recorded.size() > before;
      List<Integer> again = new ArrayList<>();
      for (int i : round) {
        if (recorded.contains(i)) continue;
        String error = errors.getOrDefault(i, "did not come back");
        // a start that threw failed; a start whose result is missing failed only when nothing came
        // back (else another task's death may have aborted the job before it ran: local mode)
        boolean failed = error.startsWith(THREW) || !progress;
        if (failed) {
          firstErrors.putIfAbsent(i, error);
          failures.merge(i, 1, Integer::sum);
        }
        if (failures.getOrDefault(i, 0) >= 2) {
          givenUp.add(i);
        } else {
          again.add(i);
        }
      }
      if (!again.isEmpty()) {
        log.accept("running " + again.size() + " start(s) " + brief(again) + " again after round " + r + "; start "
            + again.get(0) + ": " + firstLine(errors.getOrDefault(again.get(0), "did not come back")));
      }
      round = again;
    }
    if (!givenUp.isEmpty()) {
      java.util.Collections.sort(givenUp);
      int first = givenUp.get(0);
      throw new IllegalStateException(givenUp.size() + " start(s) " + brief(givenUp) + " failed twice and are not recorded (the "
          + "other starts are; rerun to retry them). Start " + first + " " + firstErrors.get(first));
    }
  }

  /** Runs one job over {@code indices}, one start per task, recording results as they arrive. */
  private void runJob(List<Integer> indices, int attempt, Set<Integer> recorded, Map<Integer, String> errors,
      Consumer<StartRecord> sink) {
    JavaRDD<Integer> rdd = sc.parallelize(indices, indices.size());
    List<Object> partitions = new ArrayList<>(indices.size());
    for (int p = 0; p < indices.size(); p++) partitions.add(p);
    BlockingQueue<byte[][]> arrived = new LinkedBlockingQueue<>();
    sc.setJobDescription("basin: " + indices.size() + " start(s), round " + attempt);
    SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd.rdd(),
        new RunStarts(specJson, baseDirectory, inputsHash, faults),
        scala.jdk.javaapi.CollectionConverters.asScala(partitions).toList(),
        new Collect(arrived), new Unit());
    Set<Integer> wanted = new HashSet<>(indices);
    try {
      boolean done = false;
      while (!done) {
        done = job.isCompleted(); // the result handler has run for every task once this is true
        byte[][] batch = done ? arrived.poll() : arrived.poll(100, TimeUnit.MILLISECONDS);
        while (batch != null) {
          for (byte[] bytes : batch) {
            StartRecordCodec.Result r = StartRecordCodec.decode(bytes);
            int i = r.startIndex();
            if (!wanted.contains(i) || recorded.contains(i)) continue;
            if (r instanceof StartRecordCodec.Recorded rec) {
              sink.accept(rec.record());
              recorded.add(i);
            } else {
              errors.putIfAbsent(i, ((StartRecordCodec.Failed) r).error());
            }
          }
          batch = arrived.poll();
        }
      }
      Try<BoxedUnit> outcome = job.value().get();
      if (outcome.isFailure()) {
        String why = "did not come back: its task or job failed: " + firstLine(outcome.failed().get().toString());
        for (int i : indices) {
          if (!recorded.contains(i)) errors.putIfAbsent(i, why);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; recorded starts are kept and the study resumes from them", e);
    } finally {
      if (!job.isCompleted()) job.cancel();
      sc.setJobDescription(null);
    }
  }

  private static String brief(List<Integer> indices) {
    return indices.size() <= 10 ? indices.toString() : indices.subList(0, 10).toString().replace("]", ", ...]");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Driver side: queues each task's result for the calling thread (runs on Spark's scheduler thread). */
  private static final class Collect extends AbstractFunction2<Object, byte[][], BoxedUnit> {
    private final BlockingQueue<byte[][]> queue;

    Collect(BlockingQueue<byte[][]> queue) {
      this.queue = queue;
    }

    @Override
    public BoxedUnit apply(Object partition, byte[][] results) {
      queue.add(results);
      return BoxedUnit.UNIT;
    }
  }

  private static final class Unit extends AbstractFunction0<BoxedUnit> implements Serializable {
    @Override
    public BoxedUnit apply() {
      return BoxedUnit.UNIT;
    }
  }

  /**
   * Executor side: the starts of one partition (one, as the driver partitions), each encoded as a
   * record or, when its function threw an exception, as a failure.
   */
  static final class RunStarts extends AbstractFunction1<Iterator<Integer>, byte[][]> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String specJson;
    private final String baseDirectory;
    private final String inputsHash;
    private final Faults faults;

    RunStarts(String specJson, String baseDirectory, String inputsHash, Faults faults) {
      this.specJson = specJson;
      this.baseDirectory = baseDirectory;
      this.inputsHash = inputsHash;
      this.faults = faults;
    }

    @Override
    public byte[][] apply(Iterator<Integer> indices) {
      Parallel.sequentialInThisThread();
      List<byte[]> out = new ArrayList<>();
      while (indices.hasNext()) {
        int index = indices.next();
        byte[] result;
        try {
          faults.beforeStart(index);
          Built b = Built.of(specJson, baseDirectory, inputsHash);
          StartRecord record = StudyRunner.record(b.subject, b.evaluators.get(), b.pipeline, b.masterSeed, index);
          faults.afterStart(index);
          result = StartRecordCodec.encode(record);
        } catch (RuntimeException e) {
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          result = StartRecordCodec.encodeFailure(index, THREW + trace);
        }
        out.add(result);
      }
      return out.toArray(new byte[0][]);
    }
  }

  /** A subject and pipeline rebuilt in an executor JVM, once per (spec, base directory). */
  static final class Built {
    private static final int MAX_CACHED = 4;
    private static final Map<String, Built> CACHE = new ConcurrentHashMap<>();

    final StudySubject subject;
    final StartPipeline pipeline;
    final long masterSeed;
    final ThreadLocal<StudySubject.Evaluator> evaluators;

    private Built(StudySubject subject, StartPipeline pipeline, long masterSeed) {
      this.subject = subject;
      this.pipeline = pipeline;
      this.masterSeed = masterSeed;
      this.evaluators = ThreadLocal.withInitial(subject::newEvaluator);
    }

    static Built of(String specJson, String baseDirectory, String inputsHash) {
      String key = baseDirectory + "\n" + specJson;
      Built b = CACHE.get(key);
      if (b != null) return b;
      synchronized (CACHE) {
        b = CACHE.get(key);
        if (b != null) return b;
        StudySpec spec = StudySpec.fromCanonicalJson(specJson);
        StudySubject subject = StudySubjects.of(spec, baseDirectory == null ? null : Path.of(baseDirectory));
        if (!subject.inputsHash().equals(inputsHash)) {
          throw new basin.core.InputException("this executor reads other inputs than the driver (inputs sha256 "
              + subject.inputsHash().substring(0, 12) + " here, " + inputsHash.substring(0, 12) + " on the driver): "
              + "the spec's files must be the same on every node");
        }
        b = new Built(subject, StudyRunner.pipeline(spec), spec.seed());
        if (CACHE.size() >= MAX_CACHED) CACHE.clear();
        CACHE.put(key, b);
        return b;
      }
    }
  }

  /**
   * Injected faults for tests: throw an exception before start i's work ({@code exceptionOnce},
   * {@code exceptionAlways}), or an {@link Error} after it, killing the task with its result
   * ({@code errorOnce}). "Once" is once per JVM and per Faults instance (local mode).
   */
  static final class Faults implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Faults NONE = new Faults(Set.of(), Set.of(), Set.of());
    private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();

    private final Set<Integer> exceptionOnce;
    private final Set<Integer> exceptionAlways;
    private final Set<Integer> errorOnce;
    private final String id = UUID.randomUUID().toString();

    Faults(Set<Integer> exceptionOnce, Set<Integer> exceptionAlways, Set<Integer> errorOnce) {
      this.exceptionOnce = Set.copyOf(exceptionOnce);
      this.exceptionAlways = Set.copyOf(exceptionAlways);
      this.errorOnce = Set.copyOf(errorOnce);
    }

    void beforeStart(int index) {
      if (exceptionAlways.contains(index)) throw new IllegalStateException("injected fault: start " + index + " always fails");
      if (exceptionOnce.contains(index) && FIRED.add(id + " exception " + index)) {
        throw new IllegalStateException("injected fault: start " + index + " fails on its first attempt");
      }
    }

    void afterStart(int index) {
      if (errorOnce.contains(index) && FIRED.add(id + " error " + index)) {
        throw new InjectedError("injected fault: the task of start " + index + " dies after its work");
      }
    }
  }

  /** A task killed by a test (an Error that Spark treats as a task failure, not as fatal to the JVM). */
  static final class InjectedError extends Error {
    private static final long serialVersionUID = 1L;

    InjectedError(String message) {
      super(message);
    }
  }
}

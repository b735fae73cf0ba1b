package basin.spark;

import basin.core.InputException;
import basin.store.Catalog;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import basin.study.StudySummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code basin sample} on Apache Spark: the main class of basin-spark.jar, for {@code spark-submit}
 * (or {@code java -cp basin-spark.jar:$SPARK_HOME/jars/*} in local mode; docs/spark.md). The driver
 * writes the catalog; the starts run as Spark tasks ({@link SparkStartExecutor}). The catalog is the
 * one a local {@code basin sample} writes (wall times and the "engine" provenance aside), and either
 * engine resumes it.
 */
@Command(name = "basin-spark sample", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs the starts of a study spec (YAML or JSON) on Apache Spark, one start per task, into a resumable SQLite catalog "
          + "on the driver; then counts and summarizes the distinct minima, as basin sample does.",
      "The records equal those of a local run: a start is a pure function of (spec, seed, index)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every start recorded", "1:internal error or starts that failed twice (recorded starts are kept)",
      "2:bad input"})
public final class SparkSample implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int BAD_INPUT = 2;

  @Spec
  CommandLine.Model.CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The study spec, .yaml/.yml or .json (see examples/ and docs/study-spec.md); "
      + "its data files must be readable at the same path on every executor.")
  Path specFile;

  @Option(names = "--catalog", paramLabel = "PATH", required = true, description = "The study's SQLite catalog on the driver (created, or resumed when it exists).")
  Path catalog;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] or spark://host:7077. Default: spark-submit's --master, else local[*].")
  String master;

  @Option(names = "--starts", paramLabel = "N", description = "Override the spec's number of starts; a larger number extends an existing catalog of the same spec.")
  Integer starts;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Option(names = "--verbose", description = "Print stack traces of errors and Spark's INFO log.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new SparkSample());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("basin-spark sample: " + ex.getMessage() + " (see --help)");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      boolean verbose = ((SparkSample) c.getCommand()).verbose;
      if (ex instanceof InputException) {
        c.getErr().println("basin-spark sample: " + ex.getMessage());
        return BAD_INPUT;
      }
      c.getErr().println("basin-spark sample: " + (ex instanceof IllegalStateException ? "" : "internal error: ") + ex.getMessage()
          + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
      if (verbose) ex.printStackTrace(c.getErr());
      return FAILURE;
    });
    return cl.execute(args);
  }

  /** The Spark configuration of a run: the given master (else spark-submit's, else local[*]). */
  static SparkConf conf(String master, boolean verbose) {
    SparkConf conf = new SparkConf().setAppName("basin sample");
    if (master != null) conf.setMaster(master);
    conf.setIfMissing("spark.master", "local[*]");
    if (!verbose) conf.setIfMissing("spark.log.level", "WARN");
    return SparkStartExecutor.configure(conf);
  }

  @Override
  public Integer call() {
    StudySpec s = StudySpec.read(specFile);
    if (starts != null) s = s.withStarts(starts);
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    Path base = specFile.toAbsolutePath().getParent();
    long t0 = System.nanoTime();
    try (JavaSparkContext sc = new JavaSparkContext(conf(master, verbose))) {
      double startup = (System.nanoTime() - t0) / 1e9;
      if (!quiet) err.printf(Locale.ROOT, "spark      %s, master %s, context started in %.1f s%n", sc.version(), sc.master(), startup);
      if (sc.master().startsWith("local") && !"1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) {
        // local-mode tasks run in this JVM, whose environment spark.executorEnv does not change
        err.println("basin-spark sample: warning: OPENBLAS_NUM_THREADS is not 1 in this local-mode driver, so each start's "
            + "BLAS calls may compete for the cores; export OPENBLAS_NUM_THREADS=1 (as bin/basin does)");
      }
      StudyRunner.Progress progress = quiet ? null : new Lines(err);
      StudyRunner.RunStats stats = SparkStartExecutor.runStudy(sc, s, base, catalog, progress,
          message -> err.println("basin-spark sample: warning: " + message), provenance(sc));
      out.printf(Locale.ROOT, "sampled    %d starts (%d already recorded) on Spark %s in %.1f s; %d distinct minima%n",
          stats.ran(), stats.alreadyDone(), sc.master(), stats.wallNanos() / 1e9, stats.distinctMinima());
    }
    try (Catalog c = Catalog.open(catalog)) {
      out.print(StudySummary.of(c).render(20));
    }
    out.flush();
    return OK;
  }

  private static Map<String, String> provenance(JavaSparkContext sc) {
    Map<String, String> p = new LinkedHashMap<>();
    String v = SparkSample.class.getPackage().getImplementationVersion();
    p.put("basin_version", v == null ? "development build" : v);
    p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    p.put("spark", sc.version() + ", master " + sc.master() + ", default parallelism " + sc.defaultParallelism());
    p.put("blas", basin.core.linalg.NativeBlas.description() + " (driver)");
    p.put("started_utc", java.time.Instant.now().toString());
    String commit = System.getenv("BASIN_GIT_COMMIT");
    p.put("git_commit", commit == null ? "unknown" : commit);
    return p;
  }

  /** Progress as plain lines, every 10% or 30 s. */
  private static final class Lines implements StudyRunner.Progress {
    private final PrintWriter err;
    private final long t0 = System.nanoTime();
    private int first = -1;
    private int lastDecile = -1;
    private long lastLine;

    Lines(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void update(int done, int total) {
      if (first < 0) first = done;
      long now = System.nanoTime();
      int decile = total == 0 ? 10 : (int) (10L * done / total);
      if (decile == lastDecile && now - lastLine < 30_000_000_000L) return;
      lastDecile = decile;
      lastLine = now;
      double secs = (now - t0) / 1e9;
      double rate = secs > 0 ? (done - first) / secs : 0;
      String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - done) / rate) : "?";
      err.printf(Locale.ROOT, "progress %d/%d starts, %.1f starts/min, ETA %s%n", done, total, 60 * rate, eta);
      err.flush();
    }
  }
}

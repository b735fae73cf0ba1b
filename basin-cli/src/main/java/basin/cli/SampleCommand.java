package basin.cli;

import basin.study.LocalStartExecutor;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import basin.study.StudySummary;
import basin.store.Catalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin sample}: sample minima from many random starts into a resumable catalog. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs the starts of a study spec (YAML or JSON): each start is optimized from its own seeded initial point, certified "
          + "(gradient norm and Hessian spectrum), canonicalized modulo the network's symmetries and recorded in the catalog (SQLite). "
          + "Distinct minima are then counted and summarized.",
      "Running the same command again resumes: recorded starts are skipped. A start is a pure function of (spec, seed, index), "
          + "so the thread count never changes a result."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every start recorded", "1:internal error (recorded starts are kept)", "2:bad input"})
final class SampleCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The study spec, .yaml/.yml or .json (see examples/ and docs/study-spec.md).")
  Path specFile;

  @Option(names = "--catalog", paramLabel = "PATH", required = true, description = "The study's SQLite catalog (created, or resumed when it exists).")
  Path catalog;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
  Integer threads;

  @Option(names = "--starts", paramLabel = "N", description = "Override the spec's number of starts; a larger number extends an existing catalog of the same spec.")
  Integer starts;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
      description = "local (threads on this machine, the default) or spark: the Spark engine lives in basin-spark.jar, "
          + "run with spark-submit (docs/spark.md) so that this launcher stays free of Spark.")
  String engine;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (!"local".equalsIgnoreCase(engine)) {
      throw new basin.core.InputException("spark".equalsIgnoreCase(engine)
          ? "--engine spark: the Spark engine is in basin-spark.jar; run spark-submit --master URL --class basin.spark.SparkSample "
              + "basin-spark/target/basin-spark.jar " + specFile + " --catalog " + catalog + " (docs/spark.md)"
          : "--engine " + engine + ": expected local or spark");
    }
    StudySpec s = StudySpec.read(specFile);
    if (starts != null) {
      s = s.withStarts(starts);
    }
    int n = SharedOptions.threadsOrAllCores(threads);
    if (n < 1) throw new basin.core.InputException("--threads must be >= 1, got " + n);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressDisplay progress = quiet.on ? null : new ProgressDisplay(err, System.console() != null);
    LocalStartExecutor executor = new LocalStartExecutor(n);
    Path base = specFile.toAbsolutePath().getParent();
    StudyRunner.RunStats stats = StudyRunner.run(s, base, catalog, executor, progress == null ? null : progress::update,
        message -> err.println("basin sample: warning: " + message), provenance(n));
    if (progress != null) progress.finish();
    out.printf(Locale.ROOT, "sampled    %d starts (%d already recorded) on %d %s in %.1f s; %d distinct minima%n",
        stats.ran(), stats.alreadyDone(), n, n == 1 ? "thread" : "threads", stats.wallNanos() / 1e9, stats.distinctMinima());
    try (Catalog c = Catalog.open(catalog)) {
      out.print(StudySummary.of(c).render(20));
    }
    out.flush();
    return ExitCodes.OK;
  }

  static Map<String, String> provenance(int threads) {
    Map<String, String> p = new LinkedHashMap<>();
    String v = SampleCommand.class.getPackage().getImplementationVersion();
    p.put("basin_version", v == null ? "development build" : v);
    p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    p.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    p.put("threads", Integer.toString(threads));
    p.put("blas", basin.core.linalg.NativeBlas.description());
    p.put("started_utc", java.time.Instant.now().toString());
    String commit = System.getenv("BASIN_GIT_COMMIT");
    p.put("git_commit", commit == null ? "unknown" : commit);
    return p;
  }

  /** A progress bar with rate and ETA on a terminal; plain lines every 10% or 30 s otherwise. */
  static final class ProgressDisplay {
    private final PrintWriter err;
    private final boolean terminal;
    private final long t0 = System.nanoTime();
    private int first = -1;
    private long lastLine;
    private int lastDecile = -1;

    private final String unit;

    ProgressDisplay(PrintWriter err, boolean terminal) {
      this(err, terminal, "starts");
    }

    /** @param unit what is counted, plural ("starts", "minima") */
    ProgressDisplay(PrintWriter err, boolean terminal, String unit) {
      this.err = err;
      this.terminal = terminal;
      this.unit = unit;
    }

    void update(int done, int total) {
      if (first < 0) first = done;
      long now = System.nanoTime();
      double secs = (now - t0) / 1e9;
      int fresh = done - first;
      double rate = secs > 0 ? fresh / secs : 0;
      String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - done) / rate) : "?";
      if (terminal) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d %s  %.1f/min  ETA %s   ", "#".repeat(filled), ".".repeat(width - filled), done, total, unit, 60 * rate, eta);
        err.flush();
      } else {
        int decile = total == 0 ? 10 : (int) (10L * done / total);
        if (decile != lastDecile || now - lastLine > 30_000_000_000L) {
          lastDecile = decile;
          lastLine = now;
          err.printf(Locale.ROOT, "progress %d/%d %s, %.1f %s/min, ETA %s%n", done, total, unit, 60 * rate, unit, eta);
          err.flush();
        }
      }
    }

    void finish() {
      if (terminal) {
        err.println();
        err.flush();
      }
    }
  }
}

package basin.cli;

import basin.report.StudyReport;
import basin.store.Catalog;
import basin.study.LocalStartExecutor;
import basin.study.StudyDriver;
import basin.study.StudyPlan;
import basin.study.StudyRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin study}: the whole investigation in one command, ending in a report. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs a whole study and writes its report: minima of the main configuration (many minima? near-global?), scaling sweeps over "
          + "width, depth and training-set size, a regularization sweep, the convex baseline, flatness and saddles, all in one study "
          + "directory (the main catalog catalog.db, sub-catalogs under sweeps/, report.html).",
      "With no SPEC, a built-in study on MNIST (about ten minutes on two cores; --quick: about a minute). Before it starts it prints "
          + "each stage with a time estimate from a short calibration. Running the same command again resumes where it stopped.",
      "A study file is a study spec (docs/study-spec.md) with an optional 'study:' block of sweeps (docs/study.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the study ran and its report was written", "1:internal error (everything recorded is kept)", "2:bad input"})
final class StudyCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "A study file (.yaml/.yml/.json). Default: the built-in MNIST study.")
  Path specFile;

  @Option(names = "--quick", description = "The built-in quick study (about a minute): same questions, fewer starts and sweep points.")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", description = "The study directory (created, or resumed). Default: study-NAME in the working directory.")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
  Integer threads;

  @Option(names = "--show-spec", description = "Print the study file that would run (the built-in one with no SPEC) and exit.")
  boolean showSpec;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (specFile != null && quick) throw new basin.core.InputException("--quick selects the built-in quick study; give it without SPEC");
    String builtin = quick ? StudyPlan.QUICK : StudyPlan.DEFAULT;
    if (showSpec) {
      stdout.print(specFile != null ? java.nio.file.Files.readString(specFile) : StudyPlan.builtinText(builtin));
      stdout.flush();
      return ExitCodes.OK;
    }
    StudyPlan plan = specFile != null ? StudyPlan.read(specFile) : StudyPlan.builtin(builtin);
    StudyDriver.validate(plan);
    int n = SharedOptions.threadsOrAllCores(threads);
    if (n < 1) throw new basin.core.InputException("--threads must be >= 1, got " + n);
    Path dir = out != null ? out : Path.of("study-" + plan.main().name().replaceAll("[^A-Za-z0-9._-]+", "_"));
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      throw new basin.core.InputException("--out " + dir + " is a file, expected a study directory");
    }
    LocalStartExecutor executor = new LocalStartExecutor(n);
    stdout.printf(Locale.ROOT, "study      %s (%s) into %s on %d %s%n", plan.main().name(), plan.source(), dir, n, n == 1 ? "thread" : "threads");
    stdout.flush();
    if (!quiet.on) {
      err.println("calibrating ...");
      err.flush();
    }
    StudyDriver.Schedule schedule = StudyDriver.schedule(plan, dir, executor, n, Math.max(24, 8 * n));
    stdout.println("plan       " + schedule.calibration());
    int k = 0;
    for (StudyDriver.Stage s : schedule.stages()) {
      stdout.printf(Locale.ROOT, "  %d. %-70s ~%s%n", ++k, s.title(), duration(s.estimatedSeconds()));
    }
    stdout.printf(Locale.ROOT, "  estimated total ~%s (a first guess: sweeps scale by parameters x examples)%n", duration(schedule.totalSeconds()));
    stdout.flush();
    SampleCommand.ProgressDisplay[] current = {null};
    long[] stageStart = {System.nanoTime()};
    StudyDriver.Listener listener = new StudyDriver.Listener() {
      @Override
      public StudyRunner.Progress stage(int number, int total, String title, String unit) {
        if (current[0] != null) current[0].finish();
        stageStart[0] = System.nanoTime();
        if (quiet.on) return null;
        err.printf(Locale.ROOT, "[%d/%d] %s%n", number, total, title);
        err.flush();
        SampleCommand.ProgressDisplay d = new SampleCommand.ProgressDisplay(err, System.console() != null, unit);
        current[0] = d;
        return d::update;
      }

      @Override
      public void done(String line) {
        if (current[0] != null) {
          current[0].finish();
          current[0] = null;
        }
        stdout.println("done       " + line + " (" + duration((System.nanoTime() - stageStart[0]) / 1e9) + ")");
        stdout.flush();
      }

      @Override
      public void warn(String message) {
        err.println("basin study: warning: " + message);
        err.flush();
      }
    };
    StudyDriver.Result result = StudyDriver.run(plan, dir, executor, listener, SampleCommand.provenance(n));
    Path report = dir.resolve("report.html");
    try (Catalog c = Catalog.open(result.mainCatalog())) {
      StudyReport.write(c, report);
      for (basin.study.verdict.Verdict v : StudyReport.verdicts(c)) {
        stdout.printf(Locale.ROOT, "verdict    %s: %s%n", v.status().label(), v.sentence());
      }
    }
    stdout.printf(Locale.ROOT, "finished   in %s%n", duration(result.wallNanos() / 1e9));
    stdout.println("report     " + report);
    stdout.flush();
    return ExitCodes.OK;
  }

  static String duration(double seconds) {
    if (seconds < 60) return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
    if (seconds < 3600) return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}

package basin.bench;

import basin.core.Parallel;
import basin.core.model.MlpObjective;
import basin.core.optim.Optimizer;
import basin.landscape.certify.Certifier;
import basin.landscape.pipeline.StartPipeline;
import basin.landscape.symmetry.MlpSymmetryGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certified-minimum}: the sampler's per-start pipeline (Glorot start from the start's seed,
 * the optimizer chain, certification with the dense Hessian spectrum) on a benchmark problem, timed
 * per start. Prints the median time per start, the share of starts certified as minima (smooth, and
 * on ReLU kinks after the certifier's kink refinement, docs/kinks.md), the time per certified
 * minimum, and the throughput with one worker per core (independent starts, the way
 * {@code basin sample} runs them).
 */
@Command(name = "certified-minimum", mixinStandardHelpOptions = true,
    description = "Times the sampler's per-start pipeline (optimize + certify) on a benchmark configuration.")
final class CertifiedMinimumCommand implements Callable<Integer> {

  @Option(names = "--config", defaultValue = "A", description = "A, B or C. Default: ${DEFAULT-VALUE}.")
  BenchConfig config;

  @Option(names = "--starts", defaultValue = "40", description = "Starts to time. Default: ${DEFAULT-VALUE}.")
  int starts;

  @Option(names = "--threads", defaultValue = "2", description = "Workers for the throughput run. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--optimizer", split = ";", defaultValue = "lbfgs:iterations=1000",
      description = "Optimizer stages separated by ';'. Default: ${DEFAULT-VALUE} (the chain docs/study-spec.md recommends for ReLU studies; "
          + "the sampler's default is lbfgs;newton).")
  List<String> optimizer;

  @Option(names = "--json", description = "Print only one JSON line for bench/compare: {side, round, threads, config, op, ms (per start), certified, starts}.")
  boolean json;

  /** One start's outcome. */
  record Outcome(double millis, boolean minimum, int activeKinks) {}

  @Override
  public Integer call() throws Exception {
    BenchProblem problem = BenchProblem.create(config, BenchProblem.DEFAULT_SEED);
    // sequential: per-start times without contention
    Outcome[] sequential = new Outcome[starts];
    MlpObjective f = problem.objective();
    for (int i = 0; i < starts; i++) sequential[i] = runStart(problem, f, i, optimizer);
    double[] ms = Arrays.stream(sequential).mapToDouble(Outcome::millis).sorted().toArray();
    long certified = Arrays.stream(sequential).filter(Outcome::minimum).count();
    long onKinks = Arrays.stream(sequential).filter(o -> o.minimum() && o.activeKinks() > 0).count();
    int[] kinkCounts = Arrays.stream(sequential).filter(o -> o.minimum() && o.activeKinks() > 0).mapToInt(Outcome::activeKinks).sorted().toArray();
    double total = Arrays.stream(sequential).mapToDouble(Outcome::millis).sum();
    // throughput: one independent start per worker, as basin sample runs them
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<Outcome>> futures = new ArrayList<>();
    ThreadLocal<MlpObjective> objectives = ThreadLocal.withInitial(problem::objective);
    for (int i = 0; i < starts; i++) {
      int index = i;
      futures.add(pool.submit(() -> {
        Parallel.sequentialInThisThread(); // one start per core, as basin sample runs them
        return runStart(problem, objectives.get(), index, optimizer);
      }));
    }
    for (Future<Outcome> fu : futures) fu.get();
    double wall = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    if (json) {
      double[] perStart = Arrays.stream(sequential).mapToDouble(Outcome::millis).toArray();
      System.out.println(BasinTimings.sampleLine(1, config.name(), "certified-minimum", perStart, String.format(Locale.ROOT,
          ",\"certified\":%d,\"starts\":%d,\"on_kinks\":%d,\"optimizer\":\"%s\",\"workers\":%d,\"starts_per_minute\":%.1f",
          certified, starts, onKinks, String.join(";", optimizer), threads, 60 * starts / wall)));
      return 0;
    }
    System.out.printf(Locale.ROOT, "config %s, %d parameters, optimizer %s, %d starts%n", config, problem.parameterCount(),
        String.join(" -> ", optimizer), starts);
    System.out.printf(Locale.ROOT, "per start: median %.1f ms (p10 %.1f, p90 %.1f)%n", ms[ms.length / 2], ms[ms.length / 10],
        ms[Math.min(ms.length - 1, (ms.length * 9) / 10)]);
    System.out.printf(Locale.ROOT, "certified minima: %d of %d starts (%.0f%%); %.1f ms of pipeline per certified minimum%n",
        certified, starts, 100.0 * certified / starts, certified == 0 ? Double.NaN : total / certified);
    System.out.printf(Locale.ROOT, "  smooth %d, on kinks %d%s%n", certified - onKinks, onKinks,
        kinkCounts.length == 0 ? "" : " (active kinks: median " + kinkCounts[kinkCounts.length / 2] + ", range " + kinkCounts[0] + " to "
            + kinkCounts[kinkCounts.length - 1] + ")");
    System.out.printf(Locale.ROOT, "throughput with %d workers: %.1f starts per minute%n", threads, 60 * starts / wall);
    return 0;
  }

  /**
   * One start of the sampler's pipeline ({@link StartPipeline}, the one {@code basin sample} runs):
   * {@link BenchProblem#start} (the start PyTorch also gets), the optimizer chain, certification
   * with the default {@link Certifier} (dense spectrum, kink-aware) and the canonical form.
   */
  static Outcome runStart(BenchProblem problem, MlpObjective f, int index, List<String> optimizer) {
    StartPipeline pipeline = new StartPipeline(optimizer, new Certifier(Certifier.Config.defaults()));
    StartPipeline.Outcome o = pipeline.run(f, MlpSymmetryGroup.of(f), problem.start(index), 0x9E3779B97F4A7C15L * (index + 1));
    return new Outcome(o.wallNanos() / 1e6, o.isMinimum(), o.certificate().activeKinks());
  }
}

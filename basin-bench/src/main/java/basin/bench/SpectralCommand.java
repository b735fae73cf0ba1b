package basin.bench;

import basin.core.model.MlpObjective;
import basin.landscape.spectral.SpectralDensity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the spectral rows ({@link SpectralRuns}) at w0 and prints one JSON line of samples per
 * (configuration, operation), with {@code products} and {@code probes} fields; writes each
 * operation's result next to the problem files for the agreement check of bench/compare_report.py:
 * {@code basin_top5.f64} (5 values, descending), {@code basin_trace.f64} (1 value),
 * {@code basin_slq_nodes.f64} and {@code basin_slq_weights.f64} (L x m, probe after probe).
 *
 * <p>Each sample is one full run (a fresh objective, so its own forward/backward pass); the
 * warm-up runs the same method with {@link SpectralRuns#WARMUP_PRODUCTS} products, so that a
 * run of a minute (C) is not done twice.
 */
@Command(name = "spectral", mixinStandardHelpOptions = true,
    description = "Times top-5 Lanczos, Hutchinson trace and SLQ at w0 and writes their results for the agreement check.")
final class SpectralCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "problem directory of `export` (results go to DIR/CONFIG/basin_*.f64)")
  Path dir;

  @Option(names = "--seed", description = "master seed of the problems (default ${DEFAULT-VALUE})")
  long seed = BenchProblem.DEFAULT_SEED;

  @Option(names = "--configs", split = ",", description = "configurations (default B,C)")
  List<BenchConfig> configs = List.of(BenchConfig.B, BenchConfig.C);

  @Option(names = "--ops", split = ",", description = "operations, from lanczos_top5, hutchinson_trace, slq_density (default all)")
  List<String> ops = SpectralRuns.OPERATIONS;

  @Option(names = "--slq-probes", description = "SLQ probes (default ${DEFAULT-VALUE})")
  int slqProbes = SpectralRuns.SLQ_PROBES;

  @Option(names = "--round", description = "round number written to every line (default ${DEFAULT-VALUE})")
  int round = 1;

  @Option(names = "--warmup", description = "warm-up seconds per operation, of short runs (default ${DEFAULT-VALUE})")
  double warmup = 1.0;

  @Option(names = "--measure", description = "measurement seconds per operation; 0: one run (default ${DEFAULT-VALUE})")
  double measure = 1.5;

  @Option(names = "--max-samples", description = "maximum samples per operation (default ${DEFAULT-VALUE})")
  int maxSamples = 20;

  @Override
  public Integer call() throws IOException {
    for (String op : ops) {
      if (!SpectralRuns.OPERATIONS.contains(op)) {
        System.err.println("basin-bench spectral: unknown operation '" + op + "' in --ops, expected one of " + String.join(", ", SpectralRuns.OPERATIONS));
        return 2;
      }
    }
    if (slqProbes < 1 || slqProbes > SpectralRuns.TRACE_PROBES) {
      System.err.println("basin-bench spectral: --slq-probes must be in [1, " + SpectralRuns.TRACE_PROBES + "], got " + slqProbes);
      return 2;
    }
    WallClockSampler sampler = new WallClockSampler(warmup, measure, 0, maxSamples);
    for (BenchConfig config : configs) {
      BenchProblem problem = BenchProblem.create(config, seed);
      MlpObjective f = problem.objective();
      double[] w0 = problem.w0();
      Path sub = dir.resolve(config.name());
      Files.createDirectories(sub);
      String name = config.name();
      if (ops.contains("lanczos_top5")) {
        double[][] last = new double[1][];
        double[] ms = sampler.sample(() -> SpectralRuns.top(f, w0, SpectralRuns.WARMUP_PRODUCTS),
            () -> last[0] = SpectralRuns.top(f, w0, SpectralRuns.LANCZOS_PRODUCTS));
        emit(name, "lanczos_top5", ms, SpectralRuns.LANCZOS_PRODUCTS, 1);
        RawArrayFiles.writeDoubles(sub.resolve("basin_top5.f64"), last[0]);
      }
      if (ops.contains("hutchinson_trace")) {
        double[] last = new double[1];
        double[] ms = sampler.sample(() -> SpectralRuns.trace(f, w0, SpectralRuns.WARMUP_PRODUCTS),
            () -> last[0] = SpectralRuns.trace(f, w0, SpectralRuns.TRACE_PROBES));
        emit(name, "hutchinson_trace", ms, SpectralRuns.TRACE_PROBES, SpectralRuns.TRACE_PROBES);
        RawArrayFiles.writeDoubles(sub.resolve("basin_trace.f64"), last);
      }
      if (ops.contains("slq_density")) {
        SpectralDensity.Result[] last = new SpectralDensity.Result[1];
        double[] ms = sampler.sample(() -> SpectralRuns.slq(f, w0, 1, SpectralRuns.WARMUP_PRODUCTS),
            () -> last[0] = SpectralRuns.slq(f, w0, slqProbes, SpectralRuns.SLQ_STEPS));
        emit(name, "slq_density", ms, (long) slqProbes * SpectralRuns.SLQ_STEPS, slqProbes);
        RawArrayFiles.writeDoubles(sub.resolve("basin_slq_nodes.f64"), SpectralRuns.nodes(last[0]));
        RawArrayFiles.writeDoubles(sub.resolve("basin_slq_weights.f64"), SpectralRuns.weights(last[0]));
      }
    }
    return 0;
  }

  private void emit(String config, String op, double[] ms, long products, int probes) {
    System.out.println(BasinTimings.sampleLine(round, config, op, ms, String.format(Locale.ROOT, ",\"products\":%d,\"probes\":%d", products, probes)));
    System.out.flush();
  }
}

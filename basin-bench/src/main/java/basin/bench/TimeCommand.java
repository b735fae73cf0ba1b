package basin.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times Basin on the benchmark problems and prints JSON lines of samples (ms per call) to
 * standard output; see {@link BasinTimings} for what each operation measures and
 * {@link WallClockSampler} for the protocol.
 */
@Command(name = "time", mixinStandardHelpOptions = true, description = "Times Basin on problems A, B, C and a DGEMM.")
final class TimeCommand implements Callable<Integer> {

  @Option(names = "--seed", description = "master seed (default ${DEFAULT-VALUE})")
  long seed = BenchProblem.DEFAULT_SEED;

  @Option(names = "--configs", split = ",", description = "configurations (default A,B,C)")
  List<BenchConfig> configs = List.of(BenchConfig.values());

  @Option(names = "--ops", split = ",", description = "operations to time, from grad, hvp, hvp_same, hessian, eigvalsh, neb, certify (default all)")
  List<String> ops = BasinTimings.OPERATIONS;

  @Option(names = "--no-gemm", description = "skip the DGEMM benchmark")
  boolean noGemm;

  @Option(names = "--round", description = "round number written to every line (default ${DEFAULT-VALUE})")
  int round = 1;

  @Option(names = "--warmup", description = "warm-up seconds per operation (default ${DEFAULT-VALUE})")
  double warmup = 1.0;

  @Option(names = "--measure", description = "measurement seconds per operation (default ${DEFAULT-VALUE})")
  double measure = 1.5;

  @Option(names = "--sample-ms", description = "minimum duration of one sample in ms (default ${DEFAULT-VALUE})")
  double sampleMillis = 20;

  @Option(names = "--max-samples", description = "maximum samples per operation (default ${DEFAULT-VALUE})")
  int maxSamples = 50;

  @Override
  public Integer call() {
    for (String op : ops) {
      if (!BasinTimings.OPERATIONS.contains(op)) {
        System.err.println("basin-bench time: unknown operation '" + op + "' in --ops, expected one of " + String.join(", ", BasinTimings.OPERATIONS));
        return 2;
      }
    }
    BasinTimings timings = new BasinTimings(new WallClockSampler(warmup, measure, sampleMillis, maxSamples), System.out, round, ops);
    timings.printMeta();
    for (BenchConfig config : configs) {
      timings.time(BenchProblem.create(config, seed));
    }
    if (!noGemm) {
      timings.timeGemm();
    }
    return 0;
  }
}

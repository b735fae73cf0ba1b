package basin.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -cp basin-benchmarks.jar basin.bench.BenchCommand (export|time|certified-minimum|spectral|certify-large) ...}: the Java side
 * of {@code bench/compare}. The JMH benchmarks are run through the jar's main class instead.
 *
 * <p>Exit codes: 0 success, 1 I/O failure, 2 bad command line.
 */
@Command(name = "basin-bench", mixinStandardHelpOptions = true,
    description = "Writes the benchmark problems for PyTorch and times Basin on them.",
    subcommands = {ExportCommand.class, TimeCommand.class, CertifiedMinimumCommand.class, SpectralCommand.class, CertifyLargeCommand.class})
public final class BenchCommand implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required: export, time, certified-minimum, spectral or certify-large");
  }
}

package basin.cli;

import picocli.CommandLine.Option;

/**
 * Options that many commands share, as picocli mixins ({@code @Mixin SharedOptions.Quiet quiet;}):
 * declared once, so their names and help texts cannot drift apart between commands.
 */
final class SharedOptions {
  private SharedOptions() {}

  /** A command's {@code --threads} value, or every core when it was not given. */
  static int threadsOrAllCores(Integer threads) {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /**
   * {@code --verbose}: stack traces of errors. Nothing reads the field: {@link BasinCommand}'s
   * exception handler asks the command that ran whether the option was given.
   */
  static final class Verbose {
    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean on;
  }

  /** {@code --quiet}: no progress output on stderr (results still go to stdout). */
  static final class Quiet {
    @Option(names = "--quiet", description = "No progress output.")
    boolean on;
  }
}

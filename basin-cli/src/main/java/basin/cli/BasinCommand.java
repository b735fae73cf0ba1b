package basin.cli;

import basin.core.InputException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code basin} command. Exit codes: 0 success, 1 internal error (or a failed check), 2 bad
 * input (one line on stderr naming the file, field or value and what was expected).
 */
@Command(
    name = "basin",
    mixinStandardHelpOptions = true,
    versionProvider = BasinCommand.Version.class,
    description = "Maps the loss landscapes of neural networks: samples minima from many seeded starts, certifies them, counts them modulo symmetry and compares them with the global minimum.",
    subcommands = {StudyCommand.class, SampleCommand.class, MinimaCommand.class, FlatnessCommand.class, SaddlesCommand.class, EscapeCommand.class, ExportCommand.class, ReportCommand.class, BackupCommand.class, TrainCommand.class, SpectrumCommand.class, GradcheckCommand.class, DataCommand.class, ObjectivesCommand.class, DoctorCommand.class, TopologyCommand.class, HopCommand.class, MethodsCommand.class, PathCommand.class, EarlyStoppingCommand.class, SurfaceCommand.class, BatchSharpnessCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error or a failed check", "2:bad input (a file, option or value)"})
public final class BasinCommand implements Runnable {

  /** Exit code for bad input ({@link ExitCodes#BAD_INPUT}). */
  public static final int BAD_INPUT = ExitCodes.BAD_INPUT;
  /** Exit code for internal errors and failed checks ({@link ExitCodes#FAILURE}). */
  public static final int FAILURE = ExitCodes.FAILURE;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
  private static final Logger NETLIB_LOGGER = Logger.getLogger("dev.ludovic.netlib");

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests in-process). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    NETLIB_LOGGER.setLevel(Level.SEVERE); // its fallback notices are not the user's concern; --version names the BLAS
    CommandLine cl = new CommandLine(new BasinCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      String name = c.getCommandSpec().qualifiedName();
      c.getErr().println(name + ": " + ex.getMessage() + " (see " + name + " --help)");
      c.getErr().flush();
      return ExitCodes.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      // --verbose belongs to the subcommand that ran, not to the top-level command
      CommandLine.ParseResult deepest = parseResult;
      while (deepest.hasSubcommand()) deepest = deepest.subcommand();
      boolean verbose = deepest.hasMatchedOption("--verbose");
      if (ex instanceof InputException) {
        c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        if (verbose) ex.printStackTrace(c.getErr());
        c.getErr().flush();
        return ExitCodes.BAD_INPUT;
      }
      c.getErr().println(c.getCommandSpec().qualifiedName() + ": internal error: " + ex + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
      if (verbose) ex.printStackTrace(c.getErr());
      c.getErr().flush();
      return ExitCodes.FAILURE;
    });
    return cl.execute(args);
  }

  /** Version and runtime, for {@code basin --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BasinCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "basin " + (v == null ? "(development build)" : v),
        "JVM: ${java.version} (${java.vendor} ${java.vm.name})",
        "BLAS: " + basin.core.linalg.NativeBlas.description()
      };
    }
  }
}

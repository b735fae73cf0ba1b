package basin.cli;

import basin.data.testfunctions.TestFunctions;
import basin.study.StudySubjects;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code basin objectives}: what a study spec's {@code objective} field (and {@code train --objective}) can name. */
@Command(name = "objectives", mixinStandardHelpOptions = true,
    description = "Lists what a study can sample: an MLP on data, closed-form objectives and analytic test functions with known critical points.",
    subcommands = {ObjectivesCommand.List.class})
final class ObjectivesCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the objectives with their parameters and defaults.")
  static final class List implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("objective (spec field objective, basin train --objective); parameters as name:key=value,key=value, lists with ';'");
      out.println();
      for (String line : StudySubjects.closedFormHelp()) out.println(line);
      for (TestFunctions.Description d : TestFunctions.list()) out.println(d.render());
      return ExitCodes.OK;
    }
  }
}

package basin.cli;

import basin.data.DatasetDescription;
import basin.data.catalog.CatalogEntry;
import basin.data.catalog.DataSources;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin data}: list and describe data sets. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Lists the built-in and synthetic data sets, or describes one (shape, classes, class balance, source).",
    subcommands = {DataCommand.List.class, DataCommand.Show.class})
final class DataCommand implements Runnable {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the built-in and synthetic data sets.")
  static final class List implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (CatalogEntry e : DataSources.catalog()) out.println(e.render());
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Describes a data set after the given preparation: shape, classes, class balance, source, global reference.")
  static final class Show implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|PATH", description = "A built-in name or a data file.")
    String name;

    @Mixin
    DataOptions options = new DataOptions();

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin SharedOptions.Verbose verbose;

    @Override
    public Integer call() {
      if (options.data != null && !options.data.equals(name)) {
        throw new basin.core.InputException("basin data show takes the data set once: as NAME (" + name + ") or --data (" + options.data + "), not both");
      }
      DatasetDescription d = DatasetDescription.of(options.load(name));
      spec.commandLine().getOut().println(json ? d.toJson() : d.render());
      return ExitCodes.OK;
    }
  }
}

package basin.cli;

import basin.study.StudySummary;
import basin.store.Catalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin minima}: the summary of a catalog and its distinct minima. */
@Command(name = "minima", mixinStandardHelpOptions = true,
    description = "Prints a study's summary (critical-point classes, distinct minima, richness estimates, discovery curve, "
        + "gaps to the global reference with confidence intervals) and lists its distinct minima by hit count.")
final class MinimaCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study catalog written by basin sample.")
  Path catalog;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "50", description = "Minima to list. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    try (Catalog c = Catalog.open(catalog)) {
      spec.commandLine().getOut().print(StudySummary.of(c).render(rows));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}

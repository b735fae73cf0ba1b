package basin.cli;

import basin.core.InputException;
import basin.study.StudySummary;
import basin.study.SummaryJson;
import basin.study.SummaryText;
import basin.store.Catalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--rows", paramLabel = "N", defaultValue = "50", description = "Minima to list, >= 0. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--json", description = "Print the summary as one JSON document (snake_case fields, NaN as null, every "
      + "distinct minimum; --rows does not apply) for reports and scripts.")
  boolean json;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (rows < 0) {
      throw new InputException("--rows = " + rows + ": expected a number of minima to list >= 0");
    }
    StudySummary summary;
    try (Catalog c = Catalog.open(catalog)) {
      summary = StudySummary.of(c);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(SummaryJson.write(summary));
    } else {
      out.print(SummaryText.render(summary, rows));
    }
    out.flush();
    return 0;
  }
}

package basin.cli;

import basin.report.StudyReport;
import basin.store.Catalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin report}: a self-contained HTML report of a study catalog. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes one self-contained HTML file (Apache ECharts inlined once, interactive figures, nothing fetched) that answers "
        + "the three claims for a study catalog: many minima (distinct minima, Chao1 with its interval, the discovery curve, basin "
        + "weights), near-global (gaps to the reference, the loss histogram, the near-global share with Wilson and Clopper-Pearson "
        + "intervals), flat (the flatness table, when basin flatness ran), saddles (index against loss, when basin saddles ran), and "
        + "the provenance (docs/report.md).",
        "Figures show values on hover, zoom, toggle series from the legend and save as PNG or SVG; every table has a CSV link.",
        "Rebuilds the report from the catalog without recomputing; reads the catalog only, so it works on a catalog a study is "
            + "still writing."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study catalog written by basin sample.")
  Path catalog;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html", description = "The HTML file. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    try (Catalog c = Catalog.open(catalog)) {
      try {
        StudyReport.write(c, out);
      } catch (java.io.UncheckedIOException e) {
        throw new basin.core.InputException("--out " + out + ": cannot write the report (" + e.getCause().getMessage() + ")");
      }
    }
    spec.commandLine().getOut().println("wrote " + out);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

package basin.cli;

import basin.core.InputException;
import basin.store.Catalog;
import basin.store.CatalogExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin export}: a catalog's results as CSV, JSON or NumPy files. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a study's starts and distinct minima for pandas or numpy: csv (OUT-starts.csv, OUT-minima.csv), "
        + "json (OUT.json) or npy (OUT-minima-parameters.npy, OUT-minima-canonical.npy, OUT-minima.csv).",
        "Results only, byte-identical for identical results; wall times and provenance only with --with-timings."})
final class ExportCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study catalog written by basin sample.")
  Path catalog;

  @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "csv, json or npy.")
  String format;

  @Option(names = "--out", paramLabel = "OUT", required = true, description = "Output path prefix (or file for json).")
  Path out;

  @Option(names = "--with-timings", description = "Also export wall times and provenance.")
  boolean withTimings;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    CatalogExport.Format f;
    try {
      f = CatalogExport.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--format: '" + format + "' is not one of csv, json, npy");
    }
    try (Catalog c = Catalog.open(catalog)) {
      List<Path> written = CatalogExport.write(c, f, out, withTimings);
      for (Path p : written) spec.commandLine().getOut().println("wrote " + p);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package basin.cli;

import basin.core.InputException;
import basin.store.Catalog;
import basin.store.CatalogExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin export}: a catalog's results as CSV, JSON or NumPy files. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a study's starts and distinct minima for pandas or numpy: csv (OUT-starts.csv, OUT-minima.csv), "
        + "json (OUT.json) or npy (OUT-minima-parameters.npy, OUT-minima-canonical.npy, OUT-minima.csv).",
        "Results only, byte-identical for identical results; wall times and provenance only with --with-timings.",
        "With --minimum ID --model DIR, writes one distinct minimum instead: a network as a model file (DIR/model.json and .npy "
            + "weights, the format of basin train --save-model, readable by basin spectrum, basin train --init-from and PyTorch), "
            + "any other objective as DIR/parameters.npy."})
final class ExportCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study catalog written by basin sample.")
  Path catalog;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json or npy.")
  String format;

  @Option(names = "--out", paramLabel = "OUT", description = "Output path prefix (json: OUT.json; a given .json suffix is not doubled).")
  Path out;

  @Option(names = "--minimum", paramLabel = "ID", description = "Export this distinct minimum as a model (with --model).")
  Integer minimum;

  @Option(names = "--model", paramLabel = "DIR", description = "Directory for the minimum's model files (with --minimum).")
  Path modelDir;

  @Option(names = "--with-timings", description = "Also export wall times and provenance.")
  boolean withTimings;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (minimum != null || modelDir != null) return exportMinimum();
    if (format == null || out == null) throw new InputException("give --format and --out (or --minimum ID --model DIR)");
    CatalogExport.Format f;
    try {
      f = CatalogExport.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--format: '" + format + "' is not one of csv, json, npy");
    }
    Path prefix = out;
    String name = out.getFileName() == null ? "" : out.getFileName().toString();
    if (f == CatalogExport.Format.JSON && name.toLowerCase(Locale.ROOT).endsWith(".json") && name.length() > 5) {
      prefix = out.resolveSibling(name.substring(0, name.length() - 5));
    }
    try (Catalog c = Catalog.open(catalog)) {
      List<Path> written = CatalogExport.write(c, f, prefix, withTimings);
      for (Path p : written) spec.commandLine().getOut().println("wrote " + p);
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private int exportMinimum() {
    if (minimum == null || modelDir == null) throw new InputException("--minimum ID and --model DIR go together");
    if (format != null || out != null) throw new InputException("--minimum exports a model: --format and --out do not apply");
    try (Catalog c = Catalog.open(catalog)) {
      basin.store.MinimumRecord m = null;
      for (basin.store.MinimumRecord r : basin.study.StudyMinima.current(c).minima()) {
        if (r.minimumId() == minimum) m = r;
      }
      if (m == null) throw new InputException("--minimum " + minimum + ": catalog " + catalog + " has no distinct minimum with that id");
      String group = c.provenance().get(basin.study.StudyMinima.SYMMETRY_SPEC);
      basin.landscape.symmetry.SymmetryGroup g = group == null ? null : basin.landscape.symmetry.SymmetryGroups.parse(group);
      java.nio.file.Path written;
      try {
        java.nio.file.Files.createDirectories(modelDir);
      } catch (java.io.IOException e) {
        throw new InputException("--model " + modelDir + ": cannot create the directory (" + e.getMessage() + ")");
      }
      if (g instanceof basin.landscape.symmetry.MlpSymmetryGroup mlp) {
        written = basin.data.model.ModelFiles.write(modelDir, mlp.model(), m.parameters());
      } else {
        written = modelDir.resolve("parameters.npy");
        basin.core.io.Npy.write(written, m.parameters(), m.parameters().length);
      }
      spec.commandLine().getOut().println("wrote " + written + " (minimum " + minimum + ", train loss " + m.trainLoss() + ")");
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

package basin.cli;

import basin.core.InputException;
import basin.store.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin backup}: a consistent single-file copy of a catalog, even while a study writes it. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Writes a consistent, compact single-file copy of a catalog (SQLite's VACUUM INTO) with everything committed so far, "
        + "without stopping a basin sample that is writing it. Copying the .db file alone is safe only when no study is running.",
        "The source is only read; the target must not exist."})
final class BackupCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "The catalog to copy.")
  Path catalog;

  @Parameters(index = "1", paramLabel = "TARGET", description = "The new file.")
  Path target;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (Files.exists(target)) throw new InputException("backup target " + target + " exists; choose a new file");
    try (Catalog c = Catalog.open(catalog)) {
      c.backup(target);
      spec.commandLine().getOut().println("wrote " + target + " (" + c.completedStarts().size() + " starts, " + c.minima().size() + " minima)");
    }
    return ExitCodes.OK;
  }
}

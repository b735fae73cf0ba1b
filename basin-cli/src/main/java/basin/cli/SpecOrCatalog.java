package basin.cli;

import basin.core.InputException;
import basin.study.LocalStartExecutor;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CATALOG-or-SPEC argument of analyses that work on a study's catalog (basin hop, basin
 * batch-sharpness): a catalog is used as it is; a study spec is first sampled into {@code --catalog}
 * as {@code basin sample} would (resumable: starts already there are kept), and that catalog is used.
 */
final class SpecOrCatalog {
  private SpecOrCatalog() {}

  /**
   * @param input the positional argument
   * @param catalogOption --catalog, required with a spec and refused with another catalog
   * @param startsOrNull with a spec, sample only this many starts (as {@code basin sample --starts});
   *     null: the spec's own
   * @param threads --threads for the sampling, or null for all cores
   * @param quiet whether to show the sampling's progress bar
   * @param command the command's name, for warnings ("basin hop")
   * @return the catalog to work on
   */
  static Path resolve(Path input, Path catalogOption, Integer startsOrNull, Integer threads, boolean quiet, PrintWriter out, PrintWriter err, String command) {
    if (!isSqlite(input)) {
      if (catalogOption == null) throw new InputException(input + " is not a catalog; with a study spec give --catalog PATH to sample into");
      StudySpec s = StudySpec.read(input);
      if (startsOrNull != null) s = s.withStarts(startsOrNull);
      int n = SharedOptions.threadsOrAllCores(threads);
      if (n < 1) throw new InputException("--threads must be >= 1, got " + n);
      SampleCommand.ProgressDisplay sampling = quiet ? null : new SampleCommand.ProgressDisplay(err, System.console() != null);
      StudyRunner.RunStats stats = StudyRunner.run(s, input.toAbsolutePath().getParent(), catalogOption, new LocalStartExecutor(n),
          sampling == null ? null : sampling::update, message -> err.println(command + ": warning: " + message), SampleCommand.provenance(n));
      if (sampling != null) sampling.finish();
      out.printf(Locale.ROOT, "sampled    %d starts (%d already recorded) in %.1f s; %d distinct minima%n", stats.ran(), stats.alreadyDone(),
          stats.wallNanos() / 1e9, stats.distinctMinima());
      return catalogOption;
    }
    if (catalogOption != null && !catalogOption.equals(input)) {
      throw new InputException("--catalog " + catalogOption + ": give it only with a spec; " + input + " is already a catalog");
    }
    return input;
  }

  /** Whether the file starts with SQLite's 16-byte header. */
  static boolean isSqlite(Path p) {
    if (!Files.isRegularFile(p)) return false;
    byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    byte[] head = new byte[16];
    try (InputStream in = Files.newInputStream(p)) {
      int n = in.readNBytes(head, 0, 16);
      return n == 16 && Arrays.equals(head, magic);
    } catch (IOException e) {
      throw new InputException(p + ": cannot be read (" + e.getMessage() + ")");
    }
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests through the real CLI in a real process: closed-form objectives as study
 * subjects, a resumed study whose data file changed, relative paths in a spec, and --verbose on a
 * subcommand.
 */
@org.junit.jupiter.api.Tag("slow")
class SubjectCliTest {

  @Test
  void linearAutoencoderStudyRunsFromASpecFile(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("lae.yaml");
    Files.writeString(spec, "objective: \"linear-autoencoder:n=4,p=2,spectrum=4;3;2;1\"\nstarts: 6\n");
    ProcessCli.Result r = ProcessCli.run(null, "sample", spec.toString(), "--catalog", dir.resolve("lae.db").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    // the only minimum is global: loss 2 + 1 = 3, every start ends there
    assertTrue(r.out().contains("strict minimum 6 (100.0%)"), r.out());
    assertTrue(r.out().contains("reference  3.000000000, closed form"), r.out());
  }

  /** Issue 10 defect 1: the same spec over a changed data file must not resume into the old catalog. */
  @Test
  void resumeRefusesADataFileThatChanged(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("ok.csv");
    StringBuilder rows = new StringBuilder("x1,x2,label\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 40; i++) {
      double a = random.nextDouble() * 2 - 1;
      double b = random.nextDouble() * 2 - 1;
      rows.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f,%d%n", a, b, a * b > 0 ? 1 : 0));
    }
    Files.writeString(csv, rows);
    Path sub = Files.createDirectory(dir.resolve("specs"));
    Files.copy(csv, sub.resolve("ok.csv"));
    Path spec = sub.resolve("study.yaml");
    // a relative data path resolves from the spec's directory, not the working directory
    Files.writeString(spec, "data: \"ok.csv\"\nmodel: {hidden: [2], activation: tanh}\nl2: 0.001\nstarts: 3\n");
    Path db = dir.resolve("study.db");
    ProcessCli.Result first = ProcessCli.run(dir, "sample", spec.toString(), "--catalog", db.toString(), "--quiet");
    assertEquals(0, first.code(), first.err());

    Files.writeString(sub.resolve("ok.csv"), rows + "0.5,0.5,1\n");
    ProcessCli.Result second = ProcessCli.run(dir, "sample", spec.toString(), "--catalog", db.toString(), "--starts", "5", "--quiet");
    assertEquals(2, second.code(), second.out() + second.err());
    assertTrue(second.err().contains("ok.csv") && second.err().contains("changed"), second.err());
    assertEquals(1, second.err().strip().lines().count(), second.err());
  }

  /** Issue 10 defect 6: --verbose given to a subcommand prints the stack trace of an error. */
  @Test
  void verboseOnASubcommandPrintsTheStackTrace(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.yaml");
    Files.writeString(spec, "objective: \"relu-population:k=0\"\n");
    ProcessCli.Result quiet = ProcessCli.run(null, "sample", spec.toString(), "--catalog", dir.resolve("a.db").toString());
    assertEquals(2, quiet.code(), quiet.err());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    ProcessCli.Result verbose = ProcessCli.run(null, "sample", spec.toString(), "--catalog", dir.resolve("b.db").toString(), "--verbose");
    assertEquals(2, verbose.code(), verbose.err());
    assertTrue(verbose.err().contains("\tat basin."), verbose.err());
  }

  /** A closed-form minimum saved by export --minimum is certified again by spectrum --objective. */
  @Test
  void closedFormMinimumRoundTripsThroughSpectrum(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("mb.yaml");
    Files.writeString(spec, "objective: muller-brown\nstarts: 12\n");
    Path db = dir.resolve("mb.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());
    ProcessCli.Result saved = ProcessCli.run(null, "export", db.toString(), "--minimum", "0", "--model", dir.resolve("m0").toString());
    assertEquals(0, saved.code(), saved.err());
    ProcessCli.Result r = ProcessCli.run(null, "spectrum", "--objective", "muller-brown", "--point", dir.resolve("m0/parameters.npy").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("counts     0 negative, 0 zero (0 explained by symmetries), 2 positive"), r.out());
    assertTrue(r.out().contains("class      STRICT_MINIMUM"), r.out());
  }
}

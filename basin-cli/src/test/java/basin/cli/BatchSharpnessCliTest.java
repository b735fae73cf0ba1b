package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin batch-sharpness} through the real CLI in its own process, on examples/spirals-quick.yaml:
 * the summary printed and written as CSV, a rerun that resumes from the stored rows, the table
 * exported by {@code basin export}, and bad input answered with exit code 2 and one line on stderr.
 */
@org.junit.jupiter.api.Tag("slow")
class BatchSharpnessCliTest {

  @Test
  void runsSummarizesResumesExportsAndRefusesBadInput(@TempDir Path dir) throws Exception {
    Path spec = Path.of("..", "examples", "spirals-quick.yaml").toAbsolutePath().normalize();
    Path catalog = dir.resolve("bs.db");
    assertEquals(0, CliTest.run("sample", spec.toString(), "--catalog", catalog.toString(), "--quiet", "--starts", "2").code());

    Path csv = dir.resolve("summary.csv");
    ProcessCli.Result r = ProcessCli.run(dir, "batch-sharpness", catalog.toString(), "--starts", "3", "--batch-sizes", "4,full",
        "--epochs", "5", "--polish", "--threads", "2", "--csv", csv.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("batch-sharpness  3 starts run (0 already)"), r.out());
    assertTrue(r.out().contains("\n4           4       3      75  "), "batch 4: 5 epochs of 15 steps (60 examples)\n" + r.out());
    assertTrue(r.out().contains("\nfull       60       3       5  "), r.out());
    assertTrue(r.out().contains("paired, batch 4 minus batch full over 3 starts:"), r.out());
    assertTrue(r.out().contains("same minimum after polishing: "), r.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(1 + 2 * 4 + 6, lines.size(), "header, four measures per batch size, six paired measures");
    assertTrue(lines.get(0).startsWith("group,measure,n,median,lower,upper"), lines.get(0));

    ProcessCli.Result again = ProcessCli.run(dir, "batch-sharpness", catalog.toString(), "--starts", "3", "--batch-sizes", "4,full",
        "--epochs", "5", "--polish", "--quiet");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("0 starts run (3 already)"), again.out());
    assertEquals(r.out().lines().skip(1).filter(l -> !l.startsWith("summary written")).toList(), again.out().lines().skip(1).toList(),
        "the stored rows, the same summary");

    assertEquals(0, CliTest.run("export", catalog.toString(), "--format", "csv", "--out", dir.resolve("x").toString()).code());
    List<String> rows = Files.readAllLines(dir.resolve("x-batch_sharpness.csv"));
    assertEquals(1 + 3 * 2, rows.size(), "one row per start and batch size");
    assertTrue(rows.get(0).startsWith("start_index,batch,batch_text,batch_size,"), rows.get(0));

    // a spec instead of a catalog: its first --starts starts are sampled into --catalog first
    Path fresh = dir.resolve("fresh.db");
    ProcessCli.Result fromSpec = ProcessCli.run(dir, "batch-sharpness", spec.toString(), "--catalog", fresh.toString(), "--starts", "2",
        "--batch-sizes", "4,full", "--epochs", "2", "--quiet");
    assertEquals(0, fromSpec.code(), fromSpec.err());
    assertTrue(fromSpec.out().startsWith("sampled    2 starts (0 already recorded)"), fromSpec.out());
    assertTrue(fromSpec.out().contains("batch-sharpness  2 starts run (0 already)"), fromSpec.out());

    String[][] bad = {
      {"batch-sharpness", catalog.toString(), "--batch-sizes", "16,0"},
      {"batch-sharpness", catalog.toString(), "--batch-sizes", "61,full"},
      {"batch-sharpness", spec.toString()},
    }; // other refusals (adam, other options without --replace) are tested in BatchSharpnessRunnerTest
    String[] expected = {"--batch-sizes 16,0: 0 is not a batch size", "61 is larger than the training set of 60 examples",
        "is not a catalog; with a study spec give --catalog PATH to sample into"};
    for (int i = 0; i < bad.length; i++) {
      ProcessCli.Result b = ProcessCli.run(dir, bad[i]);
      assertEquals(2, b.code(), String.join(" ", bad[i]) + "\n" + b.err());
      assertEquals(1, b.err().strip().lines().count(), "one line: " + b.err());
      assertTrue(b.err().startsWith("basin batch-sharpness: ") && b.err().contains(expected[i]), b.err());
    }
  }

  /** Regression: a bare '%' in the description made picocli print a format warning on stderr for --help. */
  @Test
  void helpIsCleanInARealProcess(@TempDir Path dir) throws Exception {
    ProcessCli.Result h = ProcessCli.run(dir, "batch-sharpness", "--help");
    assertEquals(0, h.code(), h.err());
    assertEquals("", h.err().strip(), "nothing on stderr");
    assertTrue(h.out().replaceAll("\\s+", " ").contains("95% order-statistic intervals"), h.out());
  }
}

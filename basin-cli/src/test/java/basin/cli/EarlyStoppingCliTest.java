package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin early-stopping} through the real CLI in its own process: a small noisy-spirals study,
 * the summary printed and written as CSV, the tables exported by {@code basin export}, and bad input
 * answered with exit code 2 and one line on stderr.
 */
@org.junit.jupiter.api.Tag("slow")
class EarlyStoppingCliTest {

  static final String SPEC = String.join("\n",
      "name: es",
      "data: \"spirals:n=50,noise=0.3\"",
      "preparation: {test_fraction: 0.25, standardize: true}",
      "model: {hidden: [8], activation: tanh, loss: cross-entropy}",
      "l2: 0.0001",
      "optimizer: [\"lbfgs:iterations=100\", newton]",
      "starts: 3",
      "seed: 2",
      "");

  @Test
  void runsSummarizesExportsAndRefusesBadInput(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("es.yaml");
    Files.writeString(spec, SPEC);
    Path catalog = dir.resolve("es.db");
    assertEquals(0, CliTest.run("sample", spec.toString(), "--catalog", catalog.toString(), "--quiet", "--starts", "1").code());

    Path csv = dir.resolve("summary.csv");
    ProcessCli.Result r = ProcessCli.run(dir, "early-stopping", catalog.toString(), "--starts", "3", "--threads", "2", "--rules", "gl:5,up:2,patience:10",
        "--csv", csv.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("early-stopping  3 starts run (0 already)"), r.out());
    for (String rule : List.of("gl:5 ", "up:2:5 ", "patience:10 ")) assertTrue(r.out().contains("\n" + rule), rule + " in\n" + r.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(4, lines.size(), "header and three rules");
    assertTrue(lines.get(0).startsWith("rule,starts,fired,train_gap_median,"), lines.get(0));

    assertEquals(0, CliTest.run("export", catalog.toString(), "--format", "csv", "--out", dir.resolve("x").toString()).code());
    List<String> rows = Files.readAllLines(dir.resolve("x-early_stopping.csv"));
    assertEquals(1 + 3 * 3, rows.size(), "one row per start and rule");
    assertTrue(rows.get(0).startsWith("start_index,rule,rule_text,fired,"), rows.get(0));
    assertTrue(Files.readAllLines(dir.resolve("x-early_stopping_checks.csv")).size() > 3 * 10, "the checks of three starts");

    // a gradient-descent first stage with the top eigenvalue every 2nd check, in a second catalog
    Path gd = dir.resolve("gd.db");
    java.nio.file.Files.copy(catalog, gd);
    ProcessCli.Result g = ProcessCli.run(dir, "early-stopping", gd.toString(), "--starts", "2", "--threads", "1", "--rules", "gl:5",
        "--optimizer", "gd:step=0.3,iterations=40", "--interval", "4", "--eigen-every", "2", "--replace", "--quiet");
    assertEquals(0, g.code(), g.err());
    assertTrue(g.out().contains("sharpness along the first stage (top Hessian eigenvalue of the training objective; 2 starts)"), g.out());
    assertTrue(g.out().contains("\n         8      2 "), "iteration 8 = check 2, both starts:\n" + g.out());
    assertTrue(g.out().contains("\n       end      2 "), g.out());
    assertEquals(0, CliTest.run("export", gd.toString(), "--format", "csv", "--out", dir.resolve("g").toString()).code());
    List<String> checks = Files.readAllLines(dir.resolve("g-early_stopping_checks.csv"));
    assertTrue(checks.get(0).endsWith(",gradient_norm,top_eigenvalue"), checks.get(0));
    assertTrue(checks.get(2).endsWith(","), "check 1 has no eigenvalue: " + checks.get(2));

    String[][] bad = {
      {"early-stopping", catalog.toString(), "--rules", "gl:x"},
      {"early-stopping", catalog.toString(), "--validation-fraction", "1.5"},
      {"early-stopping", catalog.toString(), "--interval", "0"},
      {"early-stopping", catalog.toString(), "--rules", "gl:3"}, // other rules than the stored ones, no --replace
      {"early-stopping", dir.resolve("missing.db").toString()},
      {"early-stopping", catalog.toString(), "--eigen-every", "-1"},
      {"early-stopping", catalog.toString(), "--optimizer", "gd:stepp=1"},
    };
    String[] expected = {"stopping rule 'gl:x'", "--validation-fraction must be a number in (0, 1), got 1.5", "--interval must be >= 1",
        "holds early-stopping results made with other options (rule 0 was gl:5, now gl:3); pass --replace", "missing.db",
        "--eigen-every must be >= 0", "optimizer 'gd:stepp=1': unknown key 'stepp'"};
    for (int i = 0; i < bad.length; i++) {
      ProcessCli.Result b = ProcessCli.run(dir, bad[i]);
      assertEquals(2, b.code(), String.join(" ", bad[i]) + "\n" + b.err());
      assertEquals(1, b.err().strip().lines().count(), "one line: " + b.err());
      assertTrue(b.err().startsWith("basin early-stopping: ") && b.err().contains(expected[i]), b.err());
    }
  }

  /** Regression: a bare '%' in the description made picocli print a format warning on stderr for --help. */
  @Test
  void helpIsCleanInARealProcess(@TempDir Path dir) throws Exception {
    ProcessCli.Result h = ProcessCli.run(dir, "early-stopping", "--help");
    assertEquals(0, h.code(), h.err());
    assertEquals("", h.err().strip(), "nothing on stderr");
    assertTrue(h.out().replaceAll("\\s+", " ").contains("95% order-statistic intervals"), h.out());
  }
}

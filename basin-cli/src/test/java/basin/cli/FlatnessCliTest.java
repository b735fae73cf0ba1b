package basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.FlatnessRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 acceptance: {@code basin flatness} on a spirals study fills the flatness table for
 * every minimum, exports it, and, killed with SIGKILL part way (a real process), resumes to the
 * same table as an uninterrupted run, byte for byte in the export.
 */
@Tag("slow")
class FlatnessCliTest {

  static final String SPEC = String.join("\n",
      "name: flat",
      "data: \"spirals:n=100,noise=0.05\"",
      "model: {hidden: [4], activation: tanh, loss: cross-entropy}",
      "l2: 0.001",
      "optimizer: [lbfgs, newton]",
      "starts: 200",
      "seed: 2",
      "");

  @Test
  void fillsTheTableAndResumesAfterKill(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("flat.yaml");
    Files.writeString(spec, SPEC);
    Path clean = dir.resolve("clean.db");
    assertEquals(0, CliTest.run("sample", spec.toString(), "--catalog", clean.toString(), "--quiet").code());
    Path killed = dir.resolve("killed.db");
    Files.copy(clean, killed);

    CliTest.Run full = CliTest.run("flatness", clean.toString(), "--directions", "2000", "--quiet");
    assertEquals(0, full.code(), full.err());
    int minima;
    try (Catalog c = Catalog.open(clean)) {
      minima = c.minima().size();
      List<Row> rows = c.rows(FlatnessRunner.TABLE);
      assertEquals(minima, rows.size(), "one flatness row per minimum");
      for (Row r : rows) {
        assertEquals("DENSE", r.getText("method"));
        // the softmax logit shift is a symmetry of the data loss: it is set aside
        assertTrue(r.getLong("symmetry_directions") >= 1, r.toString());
        assertTrue(r.getDouble("lambda_max") > 0 && r.getDouble("trace") > 0, r.toString());
        assertTrue(r.getDouble("epsilon_sharpness") >= 0 && r.getDouble("adaptive_sharpness") >= 0, r.toString());
      }
    }
    assertTrue(minima >= 3, minima + " minima");
    assertTrue(full.out().startsWith("flatness   " + minima + " minima measured (0 already)"), full.out());

    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), BasinCommand.class.getName(), "flatness", killed.toString(), "--directions", "2000")
        .redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("progress ") && !line.startsWith("progress 0/")) break;
      }
    }
    p.toHandle().destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    int before;
    try (Catalog c = Catalog.open(killed)) {
      before = c.rows(FlatnessRunner.TABLE).size();
    }
    assertTrue(before > 0 && before < minima, before + " of " + minima + " minima measured before the kill");
    CliTest.Run resumed = CliTest.run("flatness", killed.toString(), "--directions", "2000", "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().startsWith("flatness   " + (minima - before) + " minima measured (" + before + " already)"), resumed.out());

    assertEquals(0, CliTest.run("export", clean.toString(), "--format", "csv", "--out", dir.resolve("c").toString()).code());
    assertEquals(0, CliTest.run("export", killed.toString(), "--format", "csv", "--out", dir.resolve("k").toString()).code());
    Path cleanCsv = dir.resolve("c-flatness.csv");
    assertTrue(Files.exists(cleanCsv), "the flatness table is exported");
    assertArrayEquals(Files.readAllBytes(cleanCsv), Files.readAllBytes(dir.resolve("k-flatness.csv")));
  }
}

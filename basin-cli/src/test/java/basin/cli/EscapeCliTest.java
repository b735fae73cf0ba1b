package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.EscapeRunner;
import basin.study.SaddleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escape lab through the real CLI on Muller-Brown: from each certified index-1 saddle pure
 * Newton never escapes, saddle-free Newton and the eigenvector step always do; the rows land in the
 * escape_lab table and the CSV, and a second run on the same point replaces its rows.
 */
@Tag("slow")
class EscapeCliTest {

  /** The help of escape, methods and saddles formats cleanly (a bare '%' in a description made picocli warn). */
  @Test
  void helpHasNoFormatWarnings() throws Exception {
    for (String command : List.of("escape", "methods", "saddles")) {
      ProcessCli.Result h = ProcessCli.run(null, command, "--help");
      assertEquals(0, h.code(), h.err());
      assertTrue(!h.err().contains("picocli WARN") && !h.out().contains("picocli WARN"), command + ": " + h.err());
      assertTrue(h.out().contains("95% Wilson") || command.equals("saddles"), command + ": " + h.out());
    }
  }

  @Test
  void mullerBrownSaddles(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("mb.yaml");
    Files.writeString(spec, "objective: muller-brown\nl2: 0\noptimizer: [lbfgs, newton]\nstarts: 10\nseed: 1\n");
    Path db = dir.resolve("mb.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());
    ProcessCli.Result s = ProcessCli.run(null, "saddles", db.toString(), "--starts", "60", "--quiet");
    assertEquals(0, s.code(), s.err());
    List<Long> saddles;
    try (Catalog c = Catalog.open(db)) {
      saddles = c.rows(SaddleRunner.TABLE).stream().filter(r -> "SADDLE".equals(r.getText("kind"))).map(r -> r.getLong("point_id")).toList();
    }
    assertEquals(2, saddles.size(), s.out());
    for (long id : saddles) {
      Path csv = dir.resolve("escape-" + id + ".csv");
      ProcessCli.Result e = ProcessCli.run(null, "escape", db.toString(), "--point", Long.toString(id), "--radius", "0.02", "--tries", "100",
          "--strategy", "newton,sfn,eigenvector,random", "--trials", "20", "--budget", "300", "--csv", csv.toString(), "--quiet");
      assertEquals(0, e.code(), e.err());
      assertTrue(e.out().lines().anyMatch(l -> l.matches("newton\\s+0/20 .*")), e.out());
      assertTrue(e.out().lines().anyMatch(l -> l.matches("sfn\\s+20/20 .*")), e.out());
      assertTrue(e.out().lines().anyMatch(l -> l.matches("eigenvector\\s+20/20 .*")), e.out());
      List<String> lines = Files.readAllLines(csv);
      assertEquals(5, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).startsWith("sweep_point,critical_point,strategy,"), lines.get(0));
    }
    // a rerun of one strategy replaces its row and keeps the others
    ProcessCli.Result again = ProcessCli.run(null, "escape", db.toString(), "--point", Long.toString(saddles.get(0)), "--radius", "0.02",
        "--strategy", "newton", "--trials", "5", "--budget", "300", "--quiet");
    assertEquals(0, again.code(), again.err());
    try (Catalog c = Catalog.open(db)) {
      List<Row> rows = c.rows(EscapeRunner.TABLE);
      assertEquals(8, rows.size());
      for (int i = 0; i < rows.size(); i++) assertEquals(i, rows.get(i).getLong("sweep_point"));
      Row newton = rows.stream().filter(r -> r.getLong("critical_point") == saddles.get(0) && "newton".equals(r.getText("strategy")))
          .findFirst().orElseThrow();
      assertEquals(5, newton.getLong("trials"));
    }
    ProcessCli.Result bad = ProcessCli.run(null, "escape", db.toString(), "--point", "0", "--strategy", "gd,newtn");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("'newtn'"), bad.err());
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.PathRunner;
import basin.study.StudySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin path} through the real CLI: on a Muller-Brown catalog the band between the global
 * and the shallow minimum is refined to the known saddle (-0.8220015587, 0.6243128028; V =
 * -40.6648435087) and stored with its profile; bad input ends with one line and exit code 2.
 */
@Tag("slow")
class PathCliTest {

  @Test
  void nebBetweenMullerBrownMinimaFindsTheSaddle(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("mb.yaml");
    Files.writeString(spec, "objective: muller-brown\nstarts: 40\n");
    Path db = dir.resolve("mb.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());
    int global = -1;
    int shallow = -1;
    try (Catalog c = Catalog.open(db)) {
      for (var m : c.minima()) {
        if (Math.abs(m.trainLoss() + 146.699517209954) < 1e-6) global = m.minimumId();
        if (Math.abs(m.trainLoss() + 80.767818129659) < 1e-6) shallow = m.minimumId();
      }
    }
    assertTrue(global >= 0 && shallow >= 0, "the sample found both minima");
    Path csv = dir.resolve("profile.csv");
    ProcessCli.Result r = ProcessCli.run(null, "path", db.toString(), "--a", Integer.toString(global), "--b", Integer.toString(shallow),
        "--method", "neb", "--align", "none", "--csv", csv.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("saddle     certified index-1: loss -40.66484351"), r.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("t,arc_length,train_loss,test_loss", lines.get(0));
    assertTrue(lines.size() > 100, lines.size() + " lines");
    try (Catalog c = Catalog.open(db)) {
      List<Row> rows = c.rows(PathRunner.TABLE);
      assertEquals(1, rows.size());
      Row row = rows.get(0);
      assertEquals("neb/none", row.getText("variant"));
      assertEquals(1, row.getLong("saddle_certified"));
      // 1e-6: the acceptance tolerance of issue 14 (the refinement reaches |g| ~ 1e-13)
      double[] saddle = row.getVector("saddle");
      assertEquals(-0.8220015587327321, saddle[0], 1e-6);
      assertEquals(0.6243128028148713, saddle[1], 1e-6);
      assertEquals(-40.6648435086574, row.getDouble("saddle_loss"), 1e-6);
    }
    // a second method on the same pair is a second row; --align auto (the default) is none on a test function
    ProcessCli.Result line = ProcessCli.run(null, "path", db.toString(), "--a", Integer.toString(global), "--b", Integer.toString(shallow));
    assertEquals(0, line.code(), line.err());
    assertTrue(line.out().contains("stored     table paths, variant line/none"), line.out());
    try (Catalog c = Catalog.open(db)) {
      assertEquals(2, c.rows(PathRunner.TABLE).size());
    }
    // regression: the two rows' profiles differ in length (the band's images join the grid), which
    // once made basin export --format npy fail with an internal error
    ProcessCli.Result export = ProcessCli.run(null, "export", db.toString(), "--format", "npy", "--out", dir.resolve("e").toString());
    assertEquals(0, export.code(), export.err());
    assertTrue(Files.exists(dir.resolve("e-paths.csv")), "the npy export writes the table's scalar columns as CSV beside the matrices");
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("mb.yaml");
    Files.writeString(spec, "objective: muller-brown\nstarts: 12\n");
    Path db = dir.resolve("mb.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());
    Path empty = dir.resolve("empty.db");
    try (Catalog c = Catalog.create(empty, StudySpec.read(spec).toCanonicalJson(), 1L, Map.of())) {
      assertTrue(c.minima().isEmpty());
    }
    String[][] cases = {
        {"path", db.toString(), "--a", "0", "--b", "99"},
        {"path", db.toString(), "--a", "1", "--b", "1"},
        {"path", empty.toString(), "--a", "0", "--b", "1"},
        {"path", db.toString(), "--a", "0", "--b", "1", "--align", "weight"},
    };
    String[] expected = {"has no minimum 99", "both 1: expected two different minima", "has no minima", "has no MLP hidden-unit permutations"};
    for (int i = 0; i < cases.length; i++) {
      ProcessCli.Result r = ProcessCli.run(null, cases[i]);
      assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertTrue(r.err().contains(expected[i]), r.err());
    }
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.store.Table;
import basin.study.StudyTables;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin study} through the real CLI in real processes: a study killed with SIGKILL part way
 * and run again (on another thread count) ends with the same tables as an uninterrupted run; bad
 * study files get one line naming the field and exit code 2.
 */
@org.junit.jupiter.api.Tag("slow")
class StudyCliTest {

  static final String SPEC = String.join("\n",
      "name: tiny-study",
      "data: \"spirals:n=60,noise=0.05\"",
      "model: {hidden: [3], activation: tanh, loss: cross-entropy}",
      "l2: 0.001",
      "optimizer: [lbfgs, newton]",
      "starts: 24",
      "seed: 3",
      "study:",
      "  sweep_starts: 16",
      "  width: [2, 3]",
      "  train_size: [30, 60]",
      "  l2: [0.001, 0.01]",
      "  baseline: true",
      "  flatness: false",
      "  saddles: 0",
      "  topology: 0",
      "  early_stopping: 0",
      "  methods: 0",
      "");

  @Test
  void killedStudyResumesToTheUninterruptedTables(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("tiny.yaml");
    Files.writeString(spec, SPEC);
    Path killed = dir.resolve("killed");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BasinCommand.class.getName(),
        "study", spec.toString(), "--out", killed.toString(), "--threads", "2");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        seen.add(line);
        // kill inside the width sweep, after its first sweep point has started
        if (line.startsWith("[2/") ) {
          String next;
          while ((next = r.readLine()) != null) {
            seen.add(next);
            if (next.startsWith("progress ") && !next.startsWith("progress 0/")) break;
          }
          break;
        }
      }
    }
    assertTrue(p.isAlive(), "the study finished before it could be killed: " + seen);
    p.toHandle().destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(seen.stream().anyMatch(l -> l.startsWith("plan ")), "the plan is printed before the study starts: " + seen);

    CliTest.Run resumed = CliTest.run("study", spec.toString(), "--out", killed.toString(), "--threads", "1", "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("main: 24 starts (24 already recorded)"), resumed.out());
    assertTrue(Files.isRegularFile(killed.resolve("report.html")));

    Path clean = dir.resolve("clean");
    CliTest.Run uninterrupted = CliTest.run("study", spec.toString(), "--out", clean.toString(), "--threads", "2", "--quiet");
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    for (Table t : List.of(StudyTables.SCALING, StudyTables.REGULARIZATION, StudyTables.BASELINE)) {
      List<Row> a;
      List<Row> b;
      try (Catalog c = Catalog.open(killed.resolve("catalog.db"))) {
        assertEquals("ok", c.integrityCheck());
        a = c.rows(t);
      }
      try (Catalog c = Catalog.open(clean.resolve("catalog.db"))) {
        b = c.rows(t);
      }
      assertEquals(b, a, t.name());
      assertEquals(t == StudyTables.SCALING ? 4 : t == StudyTables.REGULARIZATION ? 2 : 2, a.size(), t.name());
    }
    try (Catalog c = Catalog.open(clean.resolve("catalog.db"))) {
      for (Row r : c.rows(StudyTables.BASELINE)) {
        assertEquals("STRICT_MINIMUM", r.getText("classification"), "the convex baseline is certified: " + r);
        assertEquals(1, r.getLong("distinct_minima"), "a convex objective has one minimum: " + r);
      }
    }
  }

  @Test
  void badStudyFilesGetOneLineAndExitCode2(@TempDir Path dir) throws Exception {
    String[][] cases = {
        {"  width: [0, 2]", "study.width"},
        {"  widht: [2, 4]", "study.widht"},
        {"  l2: [-1]", "study.l2"},
        {"  sweep_starts: 0", "study.sweep_starts"},
        {"  depth: two", "study.depth"},
        // a sweep point the data cannot supply fails before the main configuration runs
        {"  train_size: [30, 500]", "study.train_size 500"},
    };
    for (String[] c : cases) {
      Path spec = dir.resolve("bad.yaml");
      Files.writeString(spec, SPEC.substring(0, SPEC.indexOf("study:")) + "study:\n" + c[0] + "\n");
      ProcessCli.Result r = ProcessCli.run(dir, "study", spec.toString(), "--out", dir.resolve("out").toString());
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[1]) && (r.err().contains("bad.yaml") || c[1].startsWith("study.train_size ")), c[0] + ": " + r.err());
      assertFalse(Files.exists(dir.resolve("out").resolve("catalog.db")), c[0] + ": nothing ran");
    }
    ProcessCli.Result both = ProcessCli.run(dir, "study", dir.resolve("bad.yaml").toString(), "--quick");
    assertEquals(2, both.code(), both.err());
    assertTrue(both.err().contains("--quick"), both.err());
  }
}

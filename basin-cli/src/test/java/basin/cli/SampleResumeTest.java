package basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
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
 * A sampling process killed with SIGKILL part way, then resumed, ends with the same export as an
 * uninterrupted run: no start lost or counted twice, SQLite's integrity check passes.
 */
@org.junit.jupiter.api.Tag("slow")
class SampleResumeTest {

  static final String SPEC = String.join("\n",
      "name: resume",
      "data: \"spirals:n=60,noise=0.05\"",
      "model: {hidden: [4], activation: tanh, loss: cross-entropy}",
      "l2: 0.001",
      "optimizer: [\"adam:lr=0.02,iterations=300\", lbfgs, newton]",
      "starts: 120",
      "seed: 5",
      "");

  @Test
  void killedRunResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("resume.yaml");
    Files.writeString(spec, SPEC);
    Path killed = dir.resolve("killed.db");

    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BasinCommand.class.getName(),
        "sample", spec.toString(), "--catalog", killed.toString(), "--threads", "2");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        seen.add(line);
        // non-terminal progress lines come every 10%: kill after 20% and before the end
        if (line.startsWith("progress 24/120") || line.startsWith("progress 36/120")) break;
      }
    }
    assertTrue(p.isAlive(), "the sampler finished before it could be killed: " + seen);
    p.toHandle().destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));

    int before;
    try (Catalog c = Catalog.open(killed)) {
      before = c.completedStarts().size();
      assertEquals("ok", c.integrityCheck());
    }
    assertTrue(before > 0 && before < 120, before + " starts recorded before the kill");

    CliTest.Run resumed = CliTest.run("sample", spec.toString(), "--catalog", killed.toString(), "--threads", "1", "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("(" + before + " already recorded)"), resumed.out());

    Path clean = dir.resolve("clean.db");
    CliTest.Run uninterrupted = CliTest.run("sample", spec.toString(), "--catalog", clean.toString(), "--threads", "2", "--quiet");
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    try (Catalog c = Catalog.open(killed)) {
      assertEquals("ok", c.integrityCheck());
      assertEquals(120, c.starts(false).size());
    }
    for (String format : new String[] {"csv", "json", "npy"}) {
      assertEquals(0, CliTest.run("export", killed.toString(), "--format", format, "--out", dir.resolve("k-" + format).toString()).code());
      assertEquals(0, CliTest.run("export", clean.toString(), "--format", format, "--out", dir.resolve("c-" + format).toString()).code());
    }
    try (var files = Files.list(dir)) {
      for (Path k : files.filter(f -> f.getFileName().toString().startsWith("k-")).toList()) {
        Path c = dir.resolve("c-" + k.getFileName().toString().substring(2));
        assertArrayEquals(Files.readAllBytes(c), Files.readAllBytes(k), k.getFileName().toString());
      }
    }
  }

  @Test
  void secondWriterIsRefusedAndMinimaPrints(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("small.yaml");
    Files.writeString(spec, SPEC.replace("starts: 120", "starts: 10"));
    Path db = dir.resolve("s.db");
    CliTest.Run r = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    int distinct;
    try (Catalog c = Catalog.open(db)) {
      distinct = c.minima().size();
    }
    assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("; " + distinct + " distinct minima"), r.out());
    CliTest.Run m = CliTest.run("minima", db.toString());
    assertEquals(0, m.code(), m.err());
    assertTrue(m.out().contains("\ndistinct   " + distinct + " minima\nrichness   Chao1 "), m.out());
    try (Catalog held = Catalog.openForWriting(db)) {
      CliTest.Run second = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet");
      assertEquals(2, second.code(), second.err());
      assertTrue(second.err().contains("s.db"), second.err());
    }
    Files.writeString(spec, SPEC.replace("seed: 5", "seed: 6"));
    CliTest.Run other = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet");
    assertEquals(2, other.code(), other.err());
  }

  /** More starts of the same spec extend the catalog; the first starts are not recomputed and equal a fresh run's. */
  @Test
  void moreStartsExtendTheStudy(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("grow.yaml");
    Files.writeString(spec, SPEC.replace("starts: 120", "starts: 6"));
    Path grown = dir.resolve("grown.db");
    assertEquals(0, CliTest.run("sample", spec.toString(), "--catalog", grown.toString(), "--quiet").code());
    CliTest.Run more = CliTest.run("sample", spec.toString(), "--catalog", grown.toString(), "--starts", "12", "--quiet");
    assertEquals(0, more.code(), more.err());
    assertTrue(more.out().contains("(6 already recorded)"), more.out());
    Path fresh = dir.resolve("fresh.db");
    assertEquals(0, CliTest.run("sample", spec.toString(), "--catalog", fresh.toString(), "--starts", "12", "--quiet").code());
    assertEquals(0, CliTest.run("export", grown.toString(), "--format", "csv", "--out", dir.resolve("g").toString()).code());
    assertEquals(0, CliTest.run("export", fresh.toString(), "--format", "csv", "--out", dir.resolve("f").toString()).code());
    assertArrayEquals(Files.readAllBytes(dir.resolve("f-starts.csv")), Files.readAllBytes(dir.resolve("g-starts.csv")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("f-minima.csv")), Files.readAllBytes(dir.resolve("g-minima.csv")));
  }

  @Test
  void badSpecNamesTheFieldAndExitsTwo(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.yaml");
    Files.writeString(spec, SPEC.replace("starts: 120", "startz: 120"));
    CliTest.Run r = CliTest.run("sample", spec.toString(), "--catalog", dir.resolve("x.db").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("bad.yaml") && r.err().contains("startz"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}

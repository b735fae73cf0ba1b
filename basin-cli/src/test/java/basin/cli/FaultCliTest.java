package basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.landscape.symmetry.SymmetryGroups;
import basin.store.Catalog;
import basin.store.StartRecord;
import basin.study.MinimaClustering;
import basin.study.StudyMinima;
import basin.study.StudySpec;
import basin.study.StudySummary;
import basin.study.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 acceptance, with real processes: a sample killed with SIGKILL at 10 seeded random
 * moments, with {@code basin minima} and {@code basin export} run against the catalog while it
 * writes. Every summary printed is correct for the starts recorded so far (its classes and distinct
 * minima equal those of the same starts in an uninterrupted run, which are identical records), and
 * the final export, after resuming, is byte-identical to the uninterrupted run's.
 */
@Tag("slow")
class FaultCliTest {

  static final String SPEC = String.join("\n",
      "name: faults",
      "data: \"spirals:n=80,noise=0.05\"",
      "model: {hidden: [5], activation: tanh, loss: cross-entropy}",
      "l2: 0.001",
      "optimizer: [\"adam:lr=0.02,iterations=400\", lbfgs, newton]",
      "starts: 80",
      "seed: 9",
      "");

  @Test
  void killedTenTimesWhileReadResumesToTheUninterruptedExport(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("faults.yaml");
    Files.writeString(spec, SPEC);
    Path reference = dir.resolve("reference.db");
    CliTest.Run clean = CliTest.run("sample", spec.toString(), "--catalog", reference.toString(), "--quiet");
    assertEquals(0, clean.code(), clean.err());
    Map<Integer, StartRecord> referenceStarts = new TreeMap<>();
    String groupSpec;
    StudySpec studySpec;
    try (Catalog c = Catalog.open(reference)) {
      for (StartRecord s : c.starts(true)) referenceStarts.put(s.startIndex(), s);
      groupSpec = c.provenance().get(StudyMinima.SYMMETRY_SPEC);
      studySpec = StudySpec.fromCanonicalJson(c.specJson());
    }

    Path killed = dir.resolve("killed.db");
    SplittableRandom random = new SplittableRandom(2026);
    int reads = 0;
    for (int round = 0; round < 10; round++) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), BasinCommand.class.getName(), "sample", spec.toString(), "--catalog",
          killed.toString(), "--threads", "2", "--quiet").redirectErrorStream(true).redirectOutput(dir.resolve("log-" + round).toFile()).start();
      // the kill comes a random 0.5 to 2.5 s after the catalog holds a start (not after the process
      // started: on a loaded machine JVM start-up and data loading alone can take seconds), or after
      // 60 s of waiting for one
      long started = System.nanoTime();
      long afterFirst = (long) ((0.5 + 2.0 * random.nextDouble()) * 1e9);
      long deadline = Long.MAX_VALUE;
      while (System.nanoTime() < deadline && p.isAlive()) {
        if (System.nanoTime() - started > 60_000_000_000L) break;
        if (Files.exists(killed)) {
          List<Integer> before = recorded(killed);
          if (deadline == Long.MAX_VALUE && before != null && !before.isEmpty()) deadline = System.nanoTime() + afterFirst;
          CliTest.Run m = CliTest.run("minima", killed.toString(), "--json");
          if (m.code() == 0) {
            // the summary is checked against the starts on disk when no start landed while it was read
            // (the same indices before and after it; they, not a later read, are what it must describe)
            List<Integer> after = recorded(killed);
            if (before != null && before.equals(after)) {
              checkSummary(SummaryJson.read(m.out()), before, referenceStarts, groupSpec, studySpec);
              reads++;
            }
          } else {
            // only a catalog that is still being created may be refused
            assertEquals(2, m.code(), m.err());
          }
          CliTest.Run e = CliTest.run("export", killed.toString(), "--format", "csv", "--out", dir.resolve("during").toString());
          assertTrue(e.code() == 0 || e.code() == 2, e.err());
        }
        Thread.sleep(150);
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      CliTest.Run after = CliTest.run("minima", killed.toString(), "--json");
      List<Integer> stable = Files.exists(killed) ? recorded(killed) : null;
      if (stable != null && !stable.isEmpty()) {
        assertEquals(0, after.code(), "round " + round + ": " + after.err());
        checkSummary(SummaryJson.read(after.out()), stable, referenceStarts, groupSpec, studySpec);
        reads++;
      }
    }
    assertTrue(reads >= 5, "only " + reads + " summaries were read during the kills");
    CliTest.Run resumed = CliTest.run("sample", spec.toString(), "--catalog", killed.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    for (String format : new String[] {"csv", "json", "npy"}) {
      assertEquals(0, CliTest.run("export", killed.toString(), "--format", format, "--out", dir.resolve("k-" + format).toString()).code());
      assertEquals(0, CliTest.run("export", reference.toString(), "--format", format, "--out", dir.resolve("r-" + format).toString()).code());
    }
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.filter(f -> f.getFileName().toString().startsWith("r-")).forEach(files::add);
    }
    assertTrue(files.size() >= 3, files.toString());
    for (Path r : files) {
      Path k = dir.resolve("k-" + r.getFileName().toString().substring(2));
      assertArrayEquals(Files.readAllBytes(r), Files.readAllBytes(k), r.getFileName() + " differs after ten kills");
    }
  }

  /** The start indices recorded in the catalog now, or null when it cannot be read yet (being created). */
  private static List<Integer> recorded(Path catalog) {
    try (Catalog c = Catalog.open(catalog)) {
      return new ArrayList<>(c.completedStarts());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The summary's counts against the uninterrupted run's records of the same starts. */
  private static void checkSummary(StudySummary summary, List<Integer> recorded, Map<Integer, StartRecord> reference, String groupSpec,
      StudySpec spec) {
    List<StartRecord> same = new ArrayList<>();
    for (int i : recorded) same.add(reference.get(i));
    assertEquals(same.size(), summary.study().startsRecorded());
    long minimumEnding = same.stream().filter(s -> s.criticalClass().endsWith("MINIMUM")).count();
    List<StartRecord> withVectors = new ArrayList<>();
    for (StartRecord s : same) withVectors.add(s);
    int distinct = MinimaClustering.cluster(withVectors, SymmetryGroups.parse(groupSpec), spec.tolerances()).size();
    if (summary.distinct() != null) {
      assertEquals(distinct, summary.distinct().count(), "distinct minima of " + same.size() + " recorded starts");
    }
    assertEquals(minimumEnding, summary.minimaTable().minimumEndingStarts());
    assertTrue(summary.minimaTable().current(), "a summary of " + same.size() + " starts used a stale minima table");
  }
}

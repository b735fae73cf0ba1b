package basin.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.CatalogExport;
import basin.study.LocalStartExecutor;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine (local[2], one SparkContext for the class) against the local engine: the exports
 * of their catalogs (results only, without wall times and provenance) are compared byte for byte, no
 * tolerance, clean, under injected faults, and when resuming.
 */
@Tag("slow")
class SparkEngineTest {

  static final String MULLER_BROWN = """
      name: muller-brown-spark
      objective: muller-brown
      l2: 0
      optimizer: [lbfgs, newton]
      starts: 30
      seed: 7
      tolerances:
        near_global: 1.0e-9
      """;

  static final String SPIRALS = """
      name: spirals-spark
      data: "spirals:n=40,noise=0.05"
      preparation:
        standardize: true
      model:
        hidden: [3]
        activation: tanh
        bias: true
        loss: cross-entropy
      l2: 0.001
      init: glorot
      optimizer: [lbfgs, newton]
      starts: 24
      seed: 3
      """;

  static JavaSparkContext sc;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    sc = new JavaSparkContext(SparkStartExecutor.configure(new SparkConf().setMaster("local[2]").setAppName("basin-spark test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")));
  }

  @AfterAll
  static void stopSpark() {
    if (sc != null) sc.stop();
  }

  private StudySpec spec(String yaml) throws IOException {
    Path f = dir.resolve("spec.yaml");
    Files.writeString(f, yaml);
    return StudySpec.read(f);
  }

  private StudyRunner.RunStats local(StudySpec spec, Path catalog) {
    return StudyRunner.run(spec, dir, catalog, new LocalStartExecutor(2), null, Map.of());
  }

  private StudyRunner.RunStats spark(StudySpec spec, Path catalog, SparkStartExecutor.Faults faults, List<String> log) {
    SparkStartExecutor executor = new SparkStartExecutor(sc, spec, dir, log::add).withFaults(faults);
    return StudyRunner.run(spec, dir, catalog, executor, null, Map.of());
  }

  /** Every file of the CSV, JSON and NPY results exports, by name without the prefix. */
  static Map<String, byte[]> exports(Path catalogFile) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Path out = Files.createTempDirectory(catalogFile.getParent(), "export");
    try (Catalog c = Catalog.open(catalogFile)) {
      for (CatalogExport.Format f : CatalogExport.Format.values()) {
        for (Path p : CatalogExport.write(c, f, out.resolve("x"), false)) {
          files.put(f + " " + p.getFileName(), Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  static void assertSameExports(Path expected, Path actual) throws IOException {
    Map<String, byte[]> e = exports(expected);
    Map<String, byte[]> a = exports(actual);
    assertEquals(e.keySet(), a.keySet());
    assertTrue(e.containsKey("CSV x-starts.csv"), e.keySet().toString());
    for (String name : e.keySet()) {
      assertArrayEquals(e.get(name), a.get(name), name + " differs byte for byte");
    }
  }

  static int recordedStarts(Path catalogFile) {
    try (Catalog c = Catalog.open(catalogFile)) {
      return c.completedStarts().size();
    }
  }

  @Test
  void closedFormStudyMatchesLocalRunByteForByte() throws IOException {
    StudySpec s = spec(MULLER_BROWN);
    local(s, dir.resolve("local.db"));
    List<String> log = new ArrayList<>();
    StudyRunner.RunStats stats = spark(s, dir.resolve("spark.db"), SparkStartExecutor.Faults.NONE, log);
    assertEquals(30, stats.ran());
    assertEquals(List.of(), log);
    assertSameExports(dir.resolve("local.db"), dir.resolve("spark.db"));
  }

  @Test
  void mlpStudyMatchesLocalRunByteForByte() throws IOException {
    StudySpec s = spec(SPIRALS);
    local(s, dir.resolve("local.db"));
    spark(s, dir.resolve("spark.db"), SparkStartExecutor.Faults.NONE, new ArrayList<>());
    assertSameExports(dir.resolve("local.db"), dir.resolve("spark.db"));
  }

  @Test
  void failedAttemptsAndKilledTasksAreRerunOnceNothingLostOrDuplicated() throws IOException {
    StudySpec s = spec(MULLER_BROWN);
    local(s, dir.resolve("clean.db"));
    List<String> log = new ArrayList<>();
    var faults = new SparkStartExecutor.Faults(Set.of(0, 13, 29), Set.of(), Set.of(5, 21));
    StudyRunner.RunStats stats = spark(s, dir.resolve("faulty.db"), faults, log);
    assertEquals(30, stats.ran());
    assertEquals(30, recordedStarts(dir.resolve("faulty.db")));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("running ")), log.toString());
    assertSameExports(dir.resolve("clean.db"), dir.resolve("faulty.db"));
  }

  @Test
  void startFailingTwiceIsNotRecordedAndTheRerunCompletesTheStudy() throws IOException {
    StudySpec s = spec(MULLER_BROWN);
    local(s, dir.resolve("clean.db"));
    var faults = new SparkStartExecutor.Faults(Set.of(), Set.of(4), Set.of());
    List<String> log = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> spark(s, dir.resolve("resumed.db"), faults, log));
    assertTrue(e.getMessage().startsWith("1 start(s) [4] failed twice"), e.getMessage());
    assertTrue(e.getMessage().contains("injected fault: start 4 always fails"), e.getMessage());
    assertEquals(29, recordedStarts(dir.resolve("resumed.db")));
    StudyRunner.RunStats again = spark(s, dir.resolve("resumed.db"), SparkStartExecutor.Faults.NONE, log);
    assertEquals(1, again.ran());
    assertSameExports(dir.resolve("clean.db"), dir.resolve("resumed.db"));
  }

  @Test
  void resumesALocalCatalogWithOnlyTheMissingStarts() throws IOException {
    StudySpec s = spec(MULLER_BROWN);
    // an extended catalog keeps the spec it was made with (12 starts): the reference is extended too
    local(s.withStarts(12), dir.resolve("local.db"));
    local(s, dir.resolve("local.db"));
    local(s.withStarts(12), dir.resolve("mixed.db"));
    StudyRunner.RunStats stats = spark(s, dir.resolve("mixed.db"), SparkStartExecutor.Faults.NONE, new ArrayList<>());
    assertEquals(12, stats.alreadyDone());
    assertEquals(18, stats.ran());
    assertEquals(0, spark(s, dir.resolve("mixed.db"), SparkStartExecutor.Faults.NONE, new ArrayList<>()).ran());
    assertEquals(30, recordedStarts(dir.resolve("mixed.db")));
    assertSameExports(dir.resolve("local.db"), dir.resolve("mixed.db"));
  }
}

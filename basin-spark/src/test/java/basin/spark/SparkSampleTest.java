package basin.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.study.LocalStartExecutor;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code basin-spark sample}, the main class of basin-spark.jar. */
class SparkSampleTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return SparkSample.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void missingSpecIsOneLineOfBadInputBeforeSparkStarts() {
    int rc = run(dir.resolve("nope.yaml").toString(), "--catalog", dir.resolve("c.db").toString(), "--master", "local[2]");
    assertEquals(SparkSample.BAD_INPUT, rc, err.toString());
    assertTrue(err.toString().startsWith("basin-spark sample: "), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void missingCatalogOptionIsBadInput() {
    assertEquals(SparkSample.BAD_INPUT, run("spec.yaml"));
    assertTrue(err.toString().contains("--catalog"), err.toString());
  }

  @Tag("slow")
  @Test
  void samplesOnLocalSparkIntoTheCatalogALocalRunWrites() throws Exception {
    Path spec = dir.resolve("mb.yaml");
    Files.writeString(spec, SparkEngineTest.MULLER_BROWN);
    System.setProperty("spark.ui.enabled", "false");
    try {
      int rc = run(spec.toString(), "--catalog", dir.resolve("spark.db").toString(), "--master", "local[2]", "--starts", "20",
          "--quiet");
      assertEquals(SparkSample.OK, rc, err.toString());
      assertTrue(out.toString().startsWith("sampled    20 starts (0 already recorded) on Spark local[2]"), out.toString());
      // extend to the spec's 30 starts: only the missing 10 run
      rc = run(spec.toString(), "--catalog", dir.resolve("spark.db").toString(), "--master", "local[2]", "--quiet");
      assertEquals(SparkSample.OK, rc, err.toString());
      assertTrue(out.toString().contains("sampled    10 starts (20 already recorded)"), out.toString());
    } finally {
      System.clearProperty("spark.ui.enabled");
    }
    // the Spark catalog was made with 20 starts and extended: so is the reference
    StudyRunner.run(StudySpec.read(spec).withStarts(20), dir, dir.resolve("ref.db"), new LocalStartExecutor(2), null, Map.of());
    StudyRunner.run(StudySpec.read(spec), dir, dir.resolve("ref.db"), new LocalStartExecutor(2), null, Map.of());
    SparkEngineTest.assertSameExports(dir.resolve("ref.db"), dir.resolve("spark.db"));
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, through the real CLI in real processes: {@code export --format json --out out.json}
 * writes out.json (not out.json.json), and a catalog minimum saved as a model file
 * ({@code export --minimum ID --model DIR}) is certified again by {@code basin spectrum} with the
 * catalog's numbers.
 */
@Tag("slow")
class ExportMinimumCliTest {

  static final String SPEC = "data: \"spirals:n=40,noise=0.05\"\npreparation: {standardize: true}\n"
      + "model: {hidden: [3], activation: tanh, loss: cross-entropy}\nl2: 0.001\nstarts: 6\nseed: 4\n";

  @Test
  void jsonSuffixIsNotDoubledAndAMinimumRoundTripsThroughAModelFile(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, SPEC);
    Path db = dir.resolve("s.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());

    ProcessCli.Result json = ProcessCli.run(null, "export", db.toString(), "--format", "json", "--out", dir.resolve("out.json").toString());
    assertEquals(0, json.code(), json.err());
    assertTrue(Files.exists(dir.resolve("out.json")), json.out());
    assertFalse(Files.exists(dir.resolve("out.json.json")), json.out());

    ProcessCli.Result model = ProcessCli.run(null, "export", db.toString(), "--minimum", "0", "--model", dir.resolve("m0").toString());
    assertEquals(0, model.code(), model.err());
    ProcessCli.Result spectrum = ProcessCli.run(null, "spectrum", "--model", dir.resolve("m0/model.json").toString(), "--data",
        "spirals:n=40,noise=0.05", "--standardize", "--l2", "0.001");
    assertEquals(0, spectrum.code(), spectrum.err());
    assertTrue(spectrum.out().contains("class      STRICT_MINIMUM"), spectrum.out());

    ProcessCli.Result missing = ProcessCli.run(null, "export", db.toString(), "--minimum", "999", "--model", dir.resolve("x").toString());
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("no distinct minimum with that id"), missing.err());
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10 defects 7 to 9, through the real CLI in a real process: specs that used to be coerced or
 * accepted (a fractional seed, a string count, duplicate keys), a model too large for memory, a
 * directory as spec, and option slips. Each is exit 2 with one line naming the field or option, and
 * no catalog is left behind.
 */
@org.junit.jupiter.api.Tag("slow")
class SpecInputCliTest {

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("bad.yaml", "seed: 1.5\n", "field 'seed' has value 1.5 (line 1), expected an integer"),
        Arguments.of("bad.json", "{\"starts\": \"5\"}\n", "field 'starts' (line 1) has the wrong type, expected an integer"),
        Arguments.of("bad.yaml", "starts: 5\nstarts: 6\n", "Duplicate field 'starts'"),
        Arguments.of("bad.yaml", "optimizer: lbfgs\n", "field 'optimizer' (line 1) has the wrong type, expected a list"),
        Arguments.of("bad.yaml", "[1, 2]\n", "expected a mapping of study fields"),
        Arguments.of("bad.yaml", "model: {hidden: [100000000]}\n", "500000002 parameters and needs about"),
        Arguments.of("bad.yaml", "objective: \"relu-population:k=4\"\ndata: iris\n", "spec field data does not apply to objective"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badSpecs")
  void badSpecIsOneLineAndExitTwo(String fileName, String text, String expected, @TempDir Path dir) throws Exception {
    Path spec = dir.resolve(fileName);
    Files.writeString(spec, text);
    Path db = dir.resolve("study.db");
    ProcessCli.Result r = ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(db), "a catalog was left behind for a bad spec");
  }

  @Test
  void directoryAsSpecIsNamedAsSuch(@TempDir Path dir) throws Exception {
    ProcessCli.Result r = ProcessCli.run(null, "sample", dir.toString(), "--catalog", dir.resolve("x.db").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("is a directory, expected a YAML or JSON study spec file"), r.err());
  }

  @Test
  void optionSlipsAreBadInput() throws Exception {
    ProcessCli.Result tolerance = ProcessCli.run(null, "gradcheck", "--data", "xor", "--hidden", "2", "--tolerance", "-1");
    assertEquals(2, tolerance.code(), tolerance.err());
    assertTrue(tolerance.err().startsWith("basin gradcheck: --tolerance: expected a finite number > 0, got -1.0"), tolerance.err());

    ProcessCli.Result twice = ProcessCli.run(null, "data", "show", "iris", "--data", "sonar");
    assertEquals(2, twice.code(), twice.err());
    // the message names the full command, not "basin show"
    assertTrue(twice.err().startsWith("basin data show: basin data show takes the data set once"), twice.err());
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line, run in-process: exit codes, messages, outputs. */
class CliTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BasinCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpOnEveryCommand() {
    for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"gradcheck", "--help"}, {"data", "--help"}, {"data", "list", "--help"}}) {
      Run r = run(args);
      assertEquals(0, r.code(), String.join(" ", args));
      assertTrue(r.out().startsWith("Usage: basin"), r.out());
    }
  }

  /** Acceptance: gradcheck reports relative errors <= 1e-6 on every built-in model. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void gradcheckPassesOnEveryBuiltinModel() {
    Run r = run("gradcheck", "--builtin", "--points", "2");
    assertEquals(0, r.code(), r.out() + r.err());
    for (BuiltinModels.Entry e : BuiltinModels.ENTRIES) assertTrue(r.out().contains("\n" + e.name() + " "), e.name());
    String verdict = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(verdict.matches("largest relative error \\S+: PASS \\(tolerance 1\\.0e-06\\)"), verdict);
    assertTrue(Double.parseDouble(verdict.split(" ")[3].replace(":", "")) <= 1e-6, verdict);
  }

  @Test
  void trainWritesJsonResult(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("sub/result.json");
    Run r = run("train", "--data", "iris", "--hidden", "5", "--l2", "1e-3", "--trajectory-every", "10", "--out", json.toString(), "--with-parameters");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("CONVERGED"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("CONVERGED", root.at("/result/status").asText());
    assertTrue(root.at("/result/gradient_norm").asDouble() <= 1e-10);
    assertEquals(4 * 5 + 5 + 5 * 3 + 3, root.at("/parameters").size());
    assertTrue(root.at("/trajectory/iteration").size() > 2);
    assertTrue(root.at("/trajectory/test_loss/0").isNumber());
  }

  /** The same run twice gives the same JSON results (wall time aside): a run is a function of its seed. */
  @Test
  void trainIsReproducible(@TempDir Path dir) throws Exception {
    String[] base = {"train", "--data", "spirals:n=100", "--hidden", "6", "--activation", "relu", "--optimizer", "sgd:batch=16,epochs=20", "--optimizer", "lbfgs:iterations=200", "--with-parameters", "--out"};
    String[] a = append(base, dir.resolve("a.json").toString());
    String[] b = append(base, dir.resolve("b.json").toString());
    assertEquals(0, run(a).code());
    assertEquals(0, run(b).code());
    ObjectMapper m = new ObjectMapper();
    JsonNode ja = m.readTree(dir.resolve("a.json").toFile());
    JsonNode jb = m.readTree(dir.resolve("b.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) ja.get("result")).remove("wall_seconds");
    ((com.fasterxml.jackson.databind.node.ObjectNode) jb.get("result")).remove("wall_seconds");
    assertEquals(ja, jb);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown data set        | train --data nosuchset                     | unknown name",
      "missing file            | train --data /no/such/file.csv             | /no/such/file.csv",
      "bad hidden width        | train --data iris --hidden x               | --hidden",
      "negative l2             | train --data iris --l2 -1                  | --l2",
      "bad activation          | train --data iris --activation swish       | swish",
      "bad optimizer           | train --data iris --optimizer bfgs         | bfgs",
      "bad optimizer key       | train --data iris --optimizer adam:foo=1   | foo",
      "bad optimizer value     | train --data iris --optimizer adam:lr=-1   | adam",
      "cross-entropy on regr.  | train --data housing --loss cross-entropy  | cross-entropy",
      "unknown option          | train --data iris --frobnicate             | --frobnicate",
      "no data                 | train                                      | --data"})
  void badInputIsOneLineAndExitCodeTwo(String name, String args, String mentioned) {
    Run r = run(args.trim().split("\\s+"));
    assertEquals(2, r.code(), name + ": " + r.err());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), name + ": expected one line, got: " + err);
    assertTrue(err.contains(mentioned), name + ": " + err);
  }

  @Test
  void dataListAndShow() {
    Run list = run("data", "list");
    assertEquals(0, list.code());
    assertTrue(list.out().contains("mnist") && list.out().contains("spirals"), list.out());
    Run show = run("data", "show", "iris");
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().contains("\nshape:      train 120 x 4, test 30 x 4\n"), show.out());
  }

  private static String[] append(String[] a, String x) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = x;
    return r;
  }

  @Test
  void emptyCsvIsBadInput(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("empty.csv");
    Files.writeString(csv, "");
    Run r = run("train", "--data", csv.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("empty.csv"), r.err());
  }
}

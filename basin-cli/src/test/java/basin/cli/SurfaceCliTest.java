package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code basin surface} in a real process: a closed-form point exported for numpy, and bad input answered with exit 2 and one line. */
@org.junit.jupiter.api.Tag("slow")
class SurfaceCliTest {

  @Test
  void writesProfilesAndRefusesBadInput(@TempDir Path dir) throws Exception {
    Path w = dir.resolve("w.npy");
    Npy.write(w, new double[] {0.1, -0.2});
    String objective = "quadratic:spectrum=1;4";
    ProcessCli.Result ok = ProcessCli.run(dir, "surface", "--point", w.toString(), "--objective", objective, "--count", "4", "--grid", "11",
        "--out", dir.resolve("s").toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("4 random unit Gaussian directions"), ok.out());
    assertEquals(4 * 11, Npy.read(dir.resolve("s-train.npy"), 4, 11).data().length);
    assertEquals(12, Files.readAllLines(dir.resolve("s-profile.csv")).size());

    String[][] bad = {
      {"surface"},
      {"surface", "--point", w.toString()},
      {"surface", "--point", dir.resolve("missing.npy").toString(), "--objective", objective},
      {"surface", "--point", w.toString(), "--objective", objective, "--dims", "3"},
      {"surface", "--point", w.toString(), "--objective", objective, "--directions", "sideways"},
      {"surface", "--point", w.toString(), "--objective", objective, "--directions", "filter"},
      {"surface", "--point", w.toString(), "--objective", "quadratic:spectrum=1;4;9"},
      {"surface", "--point", w.toString(), "--objective", objective, "--range", "-1"},
    };
    String[] expected = {"give CATALOG --minimum ID", "--point needs exactly one objective", "missing.npy", "--dims must be 1 or 2",
        "--directions sideways: expected random, filter, eigen", "--directions filter needs a network", "holds 2 numbers",
        "--range must be a finite number > 0"};
    for (int i = 0; i < bad.length; i++) {
      // the first three in their own process, as a user meets them; the rest in this JVM (same code path), to keep the test short
      int code;
      String err;
      if (i < 3) {
        ProcessCli.Result b = ProcessCli.run(dir, bad[i]);
        code = b.code();
        err = b.err();
      } else {
        CliTest.Run b = CliTest.run(bad[i]);
        code = b.code();
        err = b.err();
      }
      assertEquals(2, code, String.join(" ", bad[i]) + "\n" + err);
      assertEquals(1, err.strip().lines().count(), "one line: " + err);
      assertTrue(err.startsWith("basin surface: ") && err.contains(expected[i]), err);
    }
  }
}

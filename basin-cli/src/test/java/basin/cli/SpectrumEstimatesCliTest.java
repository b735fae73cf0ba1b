package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin spectrum --top/--bottom/--trace-probes/--density} on the quadratic with spectrum 1, 2,
 * ..., 8 (exact answers known), at a point of a study spec's network, and bad input in a real process.
 */
class SpectrumEstimatesCliTest {

  static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(m.find(), regex + " in\n" + out);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void estimatesMatchAKnownSpectrum(@TempDir Path dir) throws Exception {
    Path w = dir.resolve("w.npy");
    Npy.write(w, new double[8]);
    Path csv = dir.resolve("density.csv");
    CliTest.Run r = CliTest.run("spectrum", "--objective", "quadratic:spectrum=1;2;3;4;5;6;7;8,seed=2", "--point", w.toString(), "--top", "2",
        "--bottom", "2", "--trace-probes", "30", "--density", "--slq-steps", "8", "--density-out", csv.toString());
    assertEquals(0, r.code(), r.err());
    // Lanczos on an 8 x 8 operator: exact to 1e-10 relative (its tolerance) times the norm 8
    assertEquals(8.0, number(r.out(), "top 1\\s+(\\S+)"), 1e-9);
    assertEquals(7.0, number(r.out(), "top 2\\s+(\\S+)"), 1e-9);
    assertEquals(1.0, number(r.out(), "bottom 1\\s+(\\S+)"), 1e-9);
    assertEquals(2.0, number(r.out(), "bottom 2\\s+(\\S+)"), 1e-9);
    // Hutch++ with budget 30 >= 3 P sketches all of the operator: exact up to round-off
    assertEquals(36.0, number(r.out(), "Hutch\\+\\+ (\\S+)"), 1e-10);
    double hutchinson = number(r.out(), "Hutchinson (\\S+)");
    double se = number(r.out(), "Hutchinson \\S+ \\+- (\\S+)");
    assertTrue(Math.abs(hutchinson - 36) <= 3 * se, hutchinson + " +- " + se);
    assertTrue(r.out().contains("sigma 8.750e-01 (width rule"), "(8 - 1) / 8 steps: " + r.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("t,density", lines.get(0));
    assertEquals(1001, lines.size());
  }

  @Test
  void aPointOfASpecsNetworkAndBadInput(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, "data: iris\nmodel: {hidden: [3], activation: tanh, loss: cross-entropy}\nl2: 0.001\n");
    Path w = dir.resolve("w.npy");
    double[] point = new double[4 * 3 + 3 + 3 * 3 + 3];
    for (int i = 0; i < point.length; i++) point[i] = Math.sin(i + 1.0);
    Npy.write(w, point);
    CliTest.Run r = CliTest.run("spectrum", "--spec", spec.toString(), "--point", w.toString(), "--top", "1", "--smallest", "1");
    assertEquals(0, r.code(), r.err());
    // the dense path's largest eigenvalue and Lanczos' agree; the dense one is printed with 7 digits (5e-7 relative)
    double dense = number(r.out(), "largest ([-+.0-9e]+)");
    assertEquals(dense, number(r.out(), "top 1\\s+(\\S+)"), 1e-6 * Math.abs(dense));

    ProcessCli.Result bad = ProcessCli.run(dir, "spectrum", "--objective", "quadratic:spectrum=1;2", "--point", w.toString(), "--trace-probes", "2");
    assertEquals(2, bad.code(), bad.err());
    assertEquals("basin spectrum: --trace-probes: expected 0 or >= 3 (Hutch++ splits them in three), got 2", bad.err().strip());
    CliTest.Run wrong = CliTest.run("spectrum", "--objective", "quadratic:spectrum=1;2", "--point", w.toString());
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("holds 27 numbers"), wrong.err());
  }
}

package basin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/compare_report.py, run by Debian's python3 in a real process on samples written here:
 * pooling the samples of several runs (medians over all samples, ratio range over the rounds of
 * every run, rounds of different runs kept apart although they share round numbers) and the
 * reproduction check against a reference table ({@code --expect}). Skipped where /usr/bin/python3
 * cannot import numpy (.ci/run installs python3-numpy).
 */
class CompareReportTest {

  private static final Path SCRIPT = Path.of("..", "bench", "compare_report.py").toAbsolutePath().normalize();
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir
  static Path dir;

  @BeforeAll
  static void problems() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import numpy")).exit == 0,
        "needs /usr/bin/python3 with numpy");
    Path a = Files.createDirectories(dir.resolve("problems").resolve("A"));
    Files.writeString(dir.resolve("problems").resolve("problems.json"),
        "{\"configs\": {\"A\": {\"dense_hessian\": false}}}", StandardCharsets.UTF_8);
    for (String side : new String[] {"basin", "torch"}) {
      writeDoubles(a.resolve(side + "_loss.f64"), 0.5);
      writeDoubles(a.resolve(side + "_grad.f64"), 1.0, -2.0, 3.0);
      writeDoubles(a.resolve(side + "_hvp.f64"), 0.25, 0.5, 0.75);
    }
    // run 1: rounds 1 and 2; run 2: rounds 1 and 2 again (the same numbers, other runs)
    Files.writeString(dir.resolve("run1.jsonl"), String.join("\n",
        line("basin", 1, "A", "grad", 1.0, 1.0, 1.0),
        line("torch", 1, "A", "grad", 4.0, 4.0, 4.0),
        line("basin", 2, "A", "grad", 2.0, 2.0, 2.0),
        line("torch", 2, "A", "grad", 4.0, 4.0, 4.0)) + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("run2.jsonl"), String.join("\n",
        line("basin", 1, "A", "grad", 3.0, 3.0, 3.0),
        line("torch", 1, "A", "grad", 4.0, 4.0, 4.0),
        line("basin", 2, "A", "grad", 1.0, 1.0, 1.0),
        line("torch", 2, "A", "grad", 5.0, 5.0, 5.0)) + "\n", StandardCharsets.UTF_8);
    // runs 3 and 4, one round each: ratios 1/4 and 2/5
    Files.writeString(dir.resolve("run3.jsonl"), String.join("\n",
        line("basin", 1, "A", "grad", 1.0, 1.0, 1.0),
        line("torch", 1, "A", "grad", 4.0, 4.0, 4.0)) + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("run4.jsonl"), String.join("\n",
        line("basin", 1, "A", "grad", 2.0, 2.0, 2.0),
        line("torch", 1, "A", "grad", 5.0, 5.0, 5.0)) + "\n", StandardCharsets.UTF_8);
    // one run with two rows, A grad (ratio 1/4) and A hvp (ratio 1/2), for the coverage verdict
    Files.writeString(dir.resolve("tworows.jsonl"), String.join("\n",
        line("basin", 1, "A", "grad", 1.0, 1.0, 1.0),
        line("torch", 1, "A", "grad", 4.0, 4.0, 4.0),
        line("basin", 1, "A", "hvp", 1.0, 1.0, 1.0),
        line("torch", 1, "A", "hvp", 2.0, 2.0, 2.0)) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Two runs of two rounds pooled: the per-round ratios are 1/4, 2/4, 3/4 and 1/5, so the range is
   * 0.2 to 0.75 over 4 rounds (had the runs' round numbers been merged, 3 or 2 rounds with other
   * values), and the ratio is median(1 x 6, 2 x 3, 3 x 3) / median(4 x 9, 5 x 3) = 1.5 / 4.
   */
  @Test
  void poolsTheRoundsOfSeveralRuns() throws Exception {
    Path json = dir.resolve("pooled.jsonl");
    Result r = run(List.of(PYTHON, SCRIPT.toString(), "--samples", dir.resolve("run1.jsonl").toString(),
        dir.resolve("run2.jsonl").toString(), "--dir", dir.resolve("problems").toString(), "--json", json.toString()));
    assertEquals(0, r.exit, r.output);
    assertTrue(r.output.contains("4 rounds in 2 runs"), r.output);
    JsonNode row = new ObjectMapper().readTree(Files.readString(json).lines().findFirst().orElseThrow());
    assertEquals("grad", row.get("op").asText());
    assertEquals(4, row.get("rounds").asInt());
    assertEquals(0.2, row.get("ratio_min").asDouble(), 1e-12);
    assertEquals(0.75, row.get("ratio_max").asDouble(), 1e-12);
    assertEquals(0.375, row.get("ratio").asDouble(), 1e-12);
  }

  /**
   * Run 1 alone (ratio median(1,1,1,2,2,2) / 4 = 0.375) against references whose range holds it,
   * excludes it, or comes from one round; and a reference file that does not exist (exit 2).
   */
  @Test
  void saysWhichRowsFallOutsideTheReferenceRange() throws Exception {
    Path inside = dir.resolve("inside.jsonl");
    Files.writeString(inside, "{\"config\": \"A\", \"op\": \"grad\", \"ratio\": 0.4, \"ratio_min\": 0.3, \"ratio_max\": 0.45, \"rounds\": 6}\n");
    Path outside = dir.resolve("outside.jsonl");
    Files.writeString(outside, "{\"config\": \"A\", \"op\": \"grad\", \"ratio\": 0.2, \"ratio_min\": 0.1, \"ratio_max\": 0.3, \"rounds\": 6}\n");
    Path single = dir.resolve("single.jsonl");
    Files.writeString(single, "{\"config\": \"A\", \"op\": \"grad\", \"ratio\": 0.375, \"ratio_min\": 0.375, \"ratio_max\": 0.375, \"rounds\": 1}\n");
    List<String> base = List.of(PYTHON, SCRIPT.toString(), "--samples", dir.resolve("run1.jsonl").toString(),
        "--dir", dir.resolve("problems").toString(), "--expect");

    Result in = run(concat(base, inside.toString()));
    assertEquals(0, in.exit, in.output);
    assertTrue(in.output.contains("1 of 1 rows have this run's ratio within the reference's range."), in.output);

    Result out = run(concat(base, outside.toString()));
    assertEquals(0, out.exit, out.output);
    assertTrue(out.output.contains("0 of 1 rows have this run's ratio within the reference's range; outside:"), out.output);
    assertTrue(out.output.contains("- A grad: 0.375, reference 0.100-0.300"), out.output);

    Result one = run(concat(base, single.toString()));
    assertEquals(0, one.exit, one.output);
    assertTrue(one.output.contains("0 of 0 rows") && one.output.contains("not comparable (no ratio, or one round in the reference): A grad"),
        one.output);

    Result missing = run(concat(base, dir.resolve("no-such.jsonl").toString()));
    assertEquals(2, missing.exit, missing.output);
    assertTrue(missing.output.contains("--expect " + dir.resolve("no-such.jsonl")), missing.output);
  }

  /**
   * The 95% run interval: the runs' ratios are 0.375 (run 1: median(1,1,1,2,2,2) / 4), 2/4.5 (run 2:
   * median(3,3,3,1,1,1) / median(4,4,4,5,5,5)), 1/4 and 2/5; the interval is exp(mean +- t sd
   * sqrt(1 + 1/R)) of their logs, with Student's t at 0.975 for R - 1 degrees of freedom: for 2, in
   * closed form 0.95 sqrt(2 / (1 - 0.95^2)); for 3, the tabulated 3.182446305284263. Two runs give
   * none (and the table has no such column).
   */
  @Test
  void statesWhereTheRatioOfOneMoreRunFalls() throws Exception {
    double[] ratios = {0.375, 2.0 / 4.5, 0.25, 0.4};
    double t2 = 0.95 * Math.sqrt(2.0 / (1.0 - 0.95 * 0.95));
    double t3 = 3.182446305284263;
    for (int runs = 2; runs <= 4; runs++) {
      List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), "--samples"));
      for (int k = 1; k <= runs; k++) command.add(dir.resolve("run" + k + ".jsonl").toString());
      Path json = dir.resolve("interval" + runs + ".jsonl");
      command.addAll(List.of("--dir", dir.resolve("problems").toString(), "--json", json.toString()));
      Result r = run(command);
      assertEquals(0, r.exit, r.output);
      JsonNode row = new ObjectMapper().readTree(Files.readString(json).lines().findFirst().orElseThrow());
      assertEquals(runs, row.get("runs").asInt());
      if (runs == 2) {
        assertTrue(row.get("interval_lo").isNull() && row.get("interval_hi").isNull(), row.toString());
        assertTrue(!r.output.contains("95% run interval |"), r.output);
        continue;
      }
      assertTrue(r.output.contains("| 95% run interval |"), r.output);
      double mean = 0;
      for (int k = 0; k < runs; k++) mean += Math.log(ratios[k]) / runs;
      double ss = 0;
      for (int k = 0; k < runs; k++) ss += (Math.log(ratios[k]) - mean) * (Math.log(ratios[k]) - mean);
      double half = (runs == 3 ? t2 : t3) * Math.sqrt(ss / (runs - 1)) * Math.sqrt(1.0 + 1.0 / runs);
      assertEquals(Math.exp(mean - half), row.get("interval_lo").asDouble(), 1e-12, row.toString());
      assertEquals(Math.exp(mean + half), row.get("interval_hi").asDouble(), 1e-12, row.toString());
      assertEquals(0.25, row.get("run_min").asDouble(), 1e-12);
      assertEquals(2.0 / 4.5, row.get("run_max").asDouble(), 1e-12);
    }
  }

  /**
   * Against run intervals the check says whether the rows outside are what a 95% interval leaves
   * by chance: one of two outside happens with probability 1 - 0.95^2 = 0.0975 (reproduced), both
   * with 0.05^2 = 0.0025 (not reproduced).
   */
  @Test
  void judgesRowsOutsideAgainstTheStatedCoverage() throws Exception {
    Path oneOut = dir.resolve("one-out.jsonl");
    Files.writeString(oneOut, String.join("\n",
        "{\"config\": \"A\", \"op\": \"grad\", \"interval_lo\": 0.2, \"interval_hi\": 0.3, \"rounds\": 9, \"runs\": 3}",
        "{\"config\": \"A\", \"op\": \"hvp\", \"interval_lo\": 0.1, \"interval_hi\": 0.4, \"rounds\": 9, \"runs\": 3}") + "\n");
    Path bothOut = dir.resolve("both-out.jsonl");
    Files.writeString(bothOut, String.join("\n",
        "{\"config\": \"A\", \"op\": \"grad\", \"interval_lo\": 0.3, \"interval_hi\": 0.4, \"rounds\": 9, \"runs\": 3}",
        "{\"config\": \"A\", \"op\": \"hvp\", \"interval_lo\": 0.1, \"interval_hi\": 0.4, \"rounds\": 9, \"runs\": 3}") + "\n");
    List<String> base = List.of(PYTHON, SCRIPT.toString(), "--samples", dir.resolve("tworows.jsonl").toString(),
        "--dir", dir.resolve("problems").toString(), "--expect");

    Result one = run(concat(base, oneOut.toString()));
    assertEquals(0, one.exit, one.output);
    assertTrue(one.output.contains("1 of 2 rows have this run's ratio within the reference's 95% run interval; outside:"), one.output);
    assertTrue(one.output.contains("- A hvp: 0.500, reference 0.100-0.400"), one.output);
    assertTrue(one.output.contains("1 or more happen with probability 0.098") && one.output.contains("reproduced."), one.output);
    assertTrue(!one.output.contains("NOT reproduced"), one.output);

    Result both = run(concat(base, bothOut.toString()));
    assertEquals(0, both.exit, both.output);
    assertTrue(both.output.contains("0 of 2 rows"), both.output);
    assertTrue(both.output.contains("2 or more happen with probability 0.003") && both.output.contains("NOT reproduced"), both.output);
  }

  private static List<String> concat(List<String> base, String last) {
    List<String> all = new ArrayList<>(base);
    all.add(last);
    return all;
  }

  private static String line(String side, int round, String config, String op, double... ms) {
    StringBuilder sb = new StringBuilder();
    for (double m : ms) sb.append(sb.length() == 0 ? "" : ",").append(m);
    return "{\"side\":\"" + side + "\",\"round\":" + round + ",\"threads\":\"1\",\"config\":\"" + config + "\",\"op\":\"" + op
        + "\",\"ms\":[" + sb + "]}";
  }

  private static void writeDoubles(Path file, double... values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) b.putDouble(v);
    Files.write(file, b.array());
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
    return new Result(p.exitValue(), output);
  }
}

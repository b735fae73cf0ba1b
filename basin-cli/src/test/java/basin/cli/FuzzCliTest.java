package basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 acceptance: seeded mutations of valid study specs and CSV files fed to the CLI (in
 * process, so a thousand cases take seconds): never a stack trace, never an exit code other than 0
 * or 2, and a read command never changes its input. A failure prints the seed and the mutated input
 * so it can be replayed.
 */
@Tag("slow")
class FuzzCliTest {

  private static final String[] SPECS = {
    "name: fuzz\ndata: xor\nmodel:\n  hidden: [2]\n  activation: tanh\n  loss: mse\nl2: 0.001\noptimizer: [lbfgs, newton]\nstarts: 2\nseed: 3\n",
    "{\"name\": \"fuzz\", \"data\": \"spirals:n=20,noise=0.1\", \"model\": {\"hidden\": [3], \"activation\": \"relu\"}, \"l2\": 0.01, \"starts\": 2}\n",
    "objective: \"relu-population:k=3,teacher=identity\"\nl2: 0\noptimizer: [lbfgs, newton]\nstarts: 2\n",
    "objective: \"linear-autoencoder:n=3,p=1,spectrum=3;2;1\"\nstarts: 2\ntolerances: {gradient: 1.0e-8, near_global: 1.0e-6}\n",
    "objective: muller-brown\ninit: default\nstarts: 2\nseed: 7\n",
    "objective: \"quadratic:spectrum=-1;2;3,seed=4\"\nstarts: 2\n",
  };

  private static final String[] TOKENS = {"-1", "0", "1", "2", "1.5", "x", "1e308", "-1e308", "NaN", ".nan", ".inf", "[1, 2]", "[]", "{}",
    "null", "\"\"", "\"5\"", "true", "[0]", "[-3]", "relu", "lbfgs:iterations=-1", "\"k=0\"", "::", "{a: 1}", "'", "\""};

  private static final String ALPHABET = "abcxyz0123456789:-[]{}\",.; \n\t#&*!|>'=";

  static String mutate(String text, SplittableRandom r) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int op = r.nextInt(6);
      int at = s.length() == 0 ? 0 : r.nextInt(s.length());
      switch (op) {
        case 0 -> { if (s.length() > 0) s.deleteCharAt(at); }
        case 1 -> s.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 2 -> {
          // replace the token after a ':' or '=' with a hostile value
          int colon = s.indexOf(r.nextBoolean() ? ":" : "=", at);
          if (colon < 0) colon = s.indexOf(":");
          if (colon >= 0) {
            int end = colon + 1;
            while (end < s.length() && ",}\n]".indexOf(s.charAt(end)) < 0) end++;
            s.replace(colon + 1, end, " " + TOKENS[r.nextInt(TOKENS.length)]);
          }
        }
        case 3 -> {
          List<String> lines = new ArrayList<>(List.of(s.toString().split("\n", -1)));
          int i = r.nextInt(lines.size());
          lines.add(r.nextInt(lines.size() + 1), lines.get(i)); // duplicate a line (duplicate keys)
          s = new StringBuilder(String.join("\n", lines));
        }
        case 4 -> {
          List<String> lines = new ArrayList<>(List.of(s.toString().split("\n", -1)));
          if (lines.size() > 1) lines.remove(r.nextInt(lines.size()));
          s = new StringBuilder(String.join("\n", lines));
        }
        default -> s.setLength(at); // truncate
      }
    }
    return s.toString();
  }

  private static void check(CliTest.Run run, long seed, String what, String input) {
    String context = "seed " + seed + ", " + what + ":\n" + input + "\n--- exit " + run.code() + ", stderr:\n" + run.err();
    assertTrue(run.code() == 0 || run.code() == 2, context);
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception") || run.err().contains("internal error"), context);
    if (run.code() == 2) assertTrue(run.err().strip().lines().count() <= 2, "more than a line or two of error: " + context);
  }

  @Test
  void mutatedSpecsAreSampledOrRefusedInOneLine(@TempDir Path dir) throws Exception {
    int cases = 0;
    for (long seed = 1; seed <= 700; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      String base = SPECS[r.nextInt(SPECS.length)];
      boolean json = base.startsWith("{");
      String text = mutate(base, r);
      Path spec = dir.resolve("spec-" + seed + (json ? ".json" : ".yaml"));
      Files.writeString(spec, text);
      Path db = dir.resolve("c-" + seed + ".db");
      CliTest.Run run = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--starts", "2", "--threads", "1", "--quiet");
      check(run, seed, "sample " + spec.getFileName(), text);
      if (run.code() == 0) {
        byte[] before = Files.readAllBytes(db);
        check(CliTest.run("minima", db.toString()), seed, "minima", text);
        assertArrayEquals(before, Files.readAllBytes(db), "seed " + seed + ": basin minima changed the catalog");
      }
      cases++;
    }
    assertTrue(cases == 700);
  }

  @Test
  void mutatedCsvFilesAreDescribedOrRefusedInOneLine(@TempDir Path dir) throws Exception {
    StringBuilder base = new StringBuilder("x1,x2,label\n");
    SplittableRandom data = new SplittableRandom(11);
    for (int i = 0; i < 12; i++) {
      base.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n", data.nextGaussian(), data.nextGaussian(), i % 2 == 0 ? "a" : "b"));
    }
    for (long seed = 1; seed <= 300; seed++) {
      SplittableRandom r = new SplittableRandom(1000 + seed);
      String text = mutate(base.toString(), r);
      Path csv = dir.resolve("data-" + seed + ".csv");
      Files.write(csv, text.getBytes(StandardCharsets.UTF_8));
      byte[] before = Files.readAllBytes(csv);
      check(CliTest.run("data", "show", csv.toString()), seed, "data show", text);
      check(CliTest.run("train", "--data", csv.toString(), "--hidden", "2", "--optimizer", "lbfgs:iterations=50", "--no-certify"), seed, "train",
          text);
      assertArrayEquals(before, Files.readAllBytes(csv), "seed " + seed + ": a read changed the CSV file");
    }
  }

  /** Damaged catalogs (byte flips, truncation, zeroed pages): read commands exit 0 or 2 and change nothing. */
  @Test
  void mutatedCatalogsAreReadOrRefusedAndNeverChanged(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, SPECS[0]);
    Path good = dir.resolve("good.db");
    assertTrue(CliTest.run("sample", spec.toString(), "--catalog", good.toString(), "--starts", "4", "--quiet").code() == 0);
    byte[] original = Files.readAllBytes(good);
    for (long seed = 1; seed <= 120; seed++) {
      SplittableRandom r = new SplittableRandom(5000 + seed);
      byte[] bytes = original.clone();
      int kind = r.nextInt(3);
      if (kind == 0) {
        for (int f = 0; f < 1 + r.nextInt(8); f++) bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
      } else if (kind == 1) {
        bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
      } else {
        int page = r.nextInt(Math.max(1, bytes.length / 4096));
        java.util.Arrays.fill(bytes, page * 4096, Math.min(bytes.length, (page + 1) * 4096), (byte) 0);
      }
      Path db = dir.resolve("m-" + seed + ".db");
      Files.write(db, bytes);
      String what = "catalog mutation " + kind + " of seed " + seed;
      check(CliTest.run("minima", db.toString()), seed, "minima", what);
      check(CliTest.run("export", db.toString(), "--format", "csv", "--out", dir.resolve("e-" + seed).toString()), seed, "export", what);
      assertArrayEquals(bytes, Files.readAllBytes(db), "seed " + seed + ": a read command changed the catalog");
      assertFalse(Files.exists(dir.resolve("m-" + seed + ".db.lock")), "seed " + seed + ": a read left a lock file");
    }
  }
}

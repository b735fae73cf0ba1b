package basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import basin.store.Catalog;
import basin.store.MinimumRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 through the real command line, each command in a process of its own (a JVM started with
 * this test's classpath running {@link BasinCommand}): reading a catalog that another process is
 * writing, refusing bad files without touching them, refusing an export into a read-only directory,
 * and detecting a damaged parameter vector. Bad input is exit code 2 with one line on stderr.
 */
class CatalogIntegrityCliTest {

  static final String SPEC = String.join("\n",
      "name: integrity",
      "data: \"spirals:n=60,noise=0.05\"",
      "model: {hidden: [4], activation: tanh, loss: cross-entropy}",
      "l2: 0.001",
      "optimizer: [\"adam:lr=0.02,iterations=300\", lbfgs, newton]",
      "starts: 120",
      "seed: 5",
      "");

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static ProcessBuilder basin(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BasinCommand.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** Runs one basin command in its own process to the end. */
  Run run(String... args) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = basin(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "basin " + String.join(" ", args) + " did not finish");
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  private Path study(String name, int starts) throws Exception {
    Path spec = dir.resolve(name + ".yaml");
    Files.writeString(spec, SPEC.replace("starts: 120", "starts: " + starts));
    Path db = dir.resolve(name + ".db");
    CliTest.Run r = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet", "--threads", "1");
    assertEquals(0, r.code(), r.err());
    return db;
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      Set<String> names = new TreeSet<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  private static void assertOneLine(Run r, String... mentioned) {
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), "one line expected: " + err);
    for (String m : mentioned) {
      assertTrue(err.contains(m), "'" + m + "' missing from: " + err);
    }
  }

  /**
   * minima and export run while a sample process writes the catalog: they take no lock, exit 0, and
   * report the starts committed so far.
   */
  @Test
  void minimaAndExportWhileSampleIsWriting() throws Exception {
    Path spec = dir.resolve("running.yaml");
    Files.writeString(spec, SPEC.replace("starts: 120", "starts: 5000")); // minutes on one thread: killed below
    Path db = dir.resolve("running.db");
    Process sampler = basin("sample", spec.toString(), "--catalog", db.toString(), "--threads", "1")
        .redirectErrorStream(true).start();
    try {
      List<String> seen = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(sampler.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          seen.add(line);
          Matcher progress = Pattern.compile("progress (\\d+)/5000").matcher(line);
          if (progress.lookingAt() && Integer.parseInt(progress.group(1)) >= 20) {
            break;
          }
        }
        assertTrue(sampler.isAlive(), "the sampler finished before the readers ran: " + seen);

        Run minima = run("minima", db.toString());
        assertEquals(0, minima.code(), minima.err());
        Matcher m = Pattern.compile("(\\d+) of 5000 starts recorded").matcher(minima.out());
        assertTrue(m.find(), minima.out());
        int recorded = Integer.parseInt(m.group(1));
        assertTrue(recorded >= 20 && recorded < 5000, recorded + " starts recorded while sampling");

        Run export = run("export", db.toString(), "--format", "csv", "--out", dir.resolve("live").toString());
        assertEquals(0, export.code(), export.err());
        long rows = Files.readAllLines(dir.resolve("live-starts.csv")).size() - 1;
        assertTrue(rows >= recorded && rows < 5000, rows + " rows exported, " + recorded + " recorded before");
        assertTrue(sampler.isAlive(), "the sampler must still be writing for this test to mean anything");
      }
    } finally {
      sampler.toHandle().destroyForcibly();
      assertTrue(sampler.waitFor(30, TimeUnit.SECONDS));
    }
  }

  /** minima on a 0-byte file: exit 2, one line, the file unchanged and nothing created beside it. */
  @Test
  void minimaOnAnEmptyFileChangesNothing() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("empty"));
    Path empty = Files.createFile(sub.resolve("study.db"));
    Run r = run("minima", empty.toString());
    assertEquals(2, r.code(), r.err());
    assertOneLine(r, empty.toString(), "is not a Basin catalog (empty file)");
    assertArrayEquals(new byte[0], Files.readAllBytes(empty));
    assertEquals(Set.of("study.db"), files(sub), "no .lock, -wal or -shm file may be left");
  }

  /** A directory and a truncated catalog given to minima and export: exit 2, one line with the reason. */
  @Test
  void directoryAndTruncatedCatalogAreBadInput() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("folder.db"));
    Run r = run("minima", folder.toString());
    assertEquals(2, r.code(), r.err());
    assertOneLine(r, folder + " is a directory, not a Basin catalog file");

    Path db = study("cut", 3);
    byte[] whole = Files.readAllBytes(db);
    Files.write(db, java.util.Arrays.copyOf(whole, whole.length / 2));
    Run cut = run("export", db.toString(), "--format", "csv", "--out", dir.resolve("cut").toString());
    assertEquals(2, cut.code(), cut.err());
    assertOneLine(cut, "catalog " + db + " is truncated");
  }

  /** export into a directory that cannot be written: exit 2, one line naming the file. */
  @Test
  void exportIntoAReadOnlyDirectoryIsBadInput() throws Exception {
    Path db = study("small", 4);
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (Files.isWritable(readOnly) || !cannotCreateIn(readOnly)) {
      readOnly = Path.of("/sys"); // root ignores the mode bits; no one may create files in sysfs
      assumeTrue(Files.isDirectory(readOnly) && cannotCreateIn(readOnly), "no directory this process cannot write");
    }
    Path out = readOnly.resolve("basin-export");
    Run r = run("export", db.toString(), "--format", "csv", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertOneLine(r, readOnly.toString());
  }

  private static boolean cannotCreateIn(Path dir) {
    Path probe = dir.resolve("basin-write-probe");
    try {
      Files.createFile(probe);
      Files.delete(probe);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * One bit flipped in the file where a minimum's parameters are stored (as a failing disk would):
   * export refuses with one line naming the catalog, table, row and column instead of writing wrong
   * numbers.
   */
  @Test
  void bitFlipInAParameterBlobIsDetectedOnExport() throws Exception {
    Path db = study("flip", 6);
    MinimumRecord first;
    try (Catalog c = Catalog.open(db)) {
      first = c.minima().get(0);
    }
    byte[] pattern = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putDouble(first.parameters()[0]).putDouble(first.parameters()[1]).array();
    byte[] bytes = Files.readAllBytes(db);
    int flipped = 0;
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        bytes[i] ^= 0x01; // lowest mantissa bit of parameters[0]
        flipped++;
      }
    }
    assertTrue(flipped >= 1, "the minimum's parameters were not found in the file");
    Files.write(db, bytes);
    Run r = run("export", db.toString(), "--format", "json", "--out", dir.resolve("flip-export").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertOneLine(r, db.toString(), "table minima", "row minimum_id=" + first.minimumId(), "column parameters",
        "checksum mismatch");
    assertTrue(!Files.exists(dir.resolve("flip-export.json")), "nothing exported");
  }
}

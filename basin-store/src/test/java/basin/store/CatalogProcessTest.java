package basin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import basin.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog against real second processes: a JVM started with this test's classpath running
 * {@link CatalogChildProcess}, and killed with SIGKILL ({@link Process#destroyForcibly}).
 */
@org.junit.jupiter.api.Tag("slow")
class CatalogProcessTest {
  static final int WRITER_THREADS = 4;
  /** 2 x 8 KB of BLOBs per row, so a kill often lands inside a transaction's WAL frames. */
  static final int DIMENSION = 1024;
  static final int KILL_AFTER_COMMITS = 300;

  @TempDir Path dir;

  static Process child(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CatalogChildProcess.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  /** Reads one '\n'-terminated line; null at end of stream (a trailing partial line is dropped). */
  static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        return line.toString();
      }
      line.append((char) c);
    }
    return null;
  }

  static String describe(Process p, Path log) throws IOException {
    return "child exit " + (p.isAlive() ? "alive" : p.exitValue()) + ", stderr:\n" + Files.readString(log);
  }

  @Test
  void secondProcessIsRefusedUntilTheHolderIsKilled() throws Exception {
    Path file = dir.resolve("held.basin");
    Catalog.create(file, TestRecords.SPEC, 1, TestRecords.PROVENANCE).close();
    Path log = dir.resolve("hold.log");
    Process holder = child(log, "hold", file.toString());
    try {
      String line = readLine(holder.getInputStream());
      if (!"locked".equals(line)) {
        fail("holder did not lock: " + line + "; " + describe(holder, log));
      }
      String expected = "catalog " + file + " is in use by another basin process (pid " + holder.pid() + ")";
      InputException open = assertThrows(InputException.class, () -> Catalog.openForWriting(file));
      assertEquals(expected, open.getMessage());
      InputException resume = assertThrows(InputException.class,
          () -> Catalog.openOrCreate(file, TestRecords.SPEC, 1, TestRecords.PROVENANCE));
      assertEquals(expected, resume.getMessage());
    } finally {
      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    try (Catalog c = Catalog.open(file)) {
      assertEquals("ok", c.integrityCheck());
    }
  }

  /**
   * The other direction: this JVM holds the catalog, has refused a second instance of its own (which
   * must not have cost it the operating-system lock), and a second process is refused naming this
   * JVM's pid.
   */
  @Test
  void otherProcessIsRefusedWhileThisOneHoldsTheCatalog() throws Exception {
    Path file = dir.resolve("mine.basin");
    try (Catalog mine = Catalog.create(file, TestRecords.SPEC, 1, TestRecords.PROVENANCE)) {
      assertThrows(InputException.class, () -> Catalog.openForWriting(file));
      Path log = dir.resolve("try.log");
      Process other = child(log, "try", file.toString());
      String line = readLine(other.getInputStream());
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
      assertEquals("refused: catalog " + file + " is in use by another basin process (pid "
          + ProcessHandle.current().pid() + ")", line, () -> "stderr: " + readQuietly(log));
      mine.recordStart(TestRecords.start(1, 0, 3));
      assertEquals(Set.of(0), mine.completedStarts());
    }
  }

  static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * kill -9 while four threads of another process write rows: every start the child reported as
   * committed is present, every present row is exactly the row that was written (no partial rows),
   * at most one row per writer thread was committed without being reported, and the file passes
   * integrity_check. The run then resumes to a complete, correct catalog.
   */
  @Test
  void killDuringWritesLosesOnlyStartsInFlight() throws Exception {
    Path file = dir.resolve("crash.basin");
    long seed = CatalogChildProcess.STUDY_SEED;
    Catalog.create(file, TestRecords.SPEC, seed, TestRecords.PROVENANCE).close();
    Path log = dir.resolve("write.log");
    Process writer = child(log, "write", file.toString(), Integer.toString(WRITER_THREADS), Integer.toString(DIMENSION));
    Set<Integer> reported = new TreeSet<>();
    InputStream out = writer.getInputStream();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (reported.size() < KILL_AFTER_COMMITS) {
        String line = readLine(out);
        if (line == null || System.nanoTime() > deadline) {
          fail("writer stopped after " + reported.size() + " commits; " + describe(writer, log));
        }
        reported.add(Integer.parseInt(line.substring("committed ".length())));
      }
    } finally {
      // SIGKILL through the process handle: Process.destroyForcibly would also close our end of the
      // pipe, and the lines still in it are reports of commits that must be checked.
      writer.toHandle().destroyForcibly();
      assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
    }
    for (String line = readLine(out); line != null; line = readLine(out)) {
      reported.add(Integer.parseInt(line.substring("committed ".length())));
    }
    assertTrue(Files.exists(file.resolveSibling(file.getFileName() + "-wal")), "the kill left a WAL to recover");

    try (Catalog c = Catalog.openForWriting(file)) {
      assertEquals("ok", c.integrityCheck());
      List<StartRecord> rows = c.starts();
      Set<Integer> present = new TreeSet<>();
      for (StartRecord r : rows) {
        assertEquals(TestRecords.start(seed, r.startIndex(), DIMENSION), r, "row " + r.startIndex());
        present.add(r.startIndex());
      }
      assertTrue(present.containsAll(reported), "a reported commit is missing");
      int unreported = present.size() - reported.size();
      assertTrue(unreported >= 0 && unreported <= WRITER_THREADS, unreported + " rows committed but not reported");

      int max = present.isEmpty() ? 0 : ((TreeSet<Integer>) present).last();
      for (int i = 0; i <= max + WRITER_THREADS; i++) {
        if (!c.completedStarts().contains(i)) {
          c.recordStart(TestRecords.start(seed, i, DIMENSION));
        }
      }
      List<StartRecord> resumed = c.starts();
      assertEquals(max + WRITER_THREADS + 1, resumed.size());
      for (int i = 0; i < resumed.size(); i++) {
        assertEquals(TestRecords.start(seed, i, DIMENSION), resumed.get(i), "resumed row " + i);
      }
      assertEquals("ok", c.integrityCheck());
    }
  }
}

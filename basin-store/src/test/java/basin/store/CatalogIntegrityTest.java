package basin.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import basin.core.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10: bad files refused without being touched, read-only use, checkpoints, backups, checksums. */
class CatalogIntegrityTest {
  static final long SEED = 3L;
  static final int P = 9;

  @TempDir Path dir;

  Path catalogWith(String name, int starts) {
    Path file = dir.resolve(name);
    try (Catalog c = Catalog.create(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i = 0; i < starts; i++) {
        c.recordStart(TestRecords.start(SEED, i, P));
      }
      c.replaceMinima(TestRecords.minima(SEED, starts, Math.min(3, starts), P));
    }
    return file;
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      Set<String> names = new TreeSet<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  /** Every way of opening refuses the file with one line, and the directory is left exactly as it was. */
  private void assertRefusedUntouched(Path file, String expected) throws IOException {
    byte[] before = Files.readAllBytes(file);
    Set<String> filesBefore = files(dir);
    List<Function<Path, Catalog>> openers = List.of(Catalog::open, Catalog::openForWriting,
        f -> Catalog.openOrCreate(f, TestRecords.SPEC, SEED, TestRecords.PROVENANCE));
    for (Function<Path, Catalog> opener : openers) {
      InputException e = assertThrows(InputException.class, () -> opener.apply(file).close());
      assertEquals(expected, e.getMessage());
      assertArrayEquals(before, Files.readAllBytes(file), "the file changed");
      assertEquals(filesBefore, files(dir), "files were created (lock, -wal, -shm)");
    }
  }

  @Test
  void emptyFileIsRefusedUntouched() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.db"));
    assertRefusedUntouched(file, file + " is not a Basin catalog (empty file)");
  }

  @Test
  void textFileIsRefusedUntouched() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.db"), "not a database\n".repeat(50));
    assertRefusedUntouched(file, file + " is not a Basin catalog (not an SQLite database)");
  }

  /** Another program's SQLite file in rollback-journal mode: not switched to WAL, no lock file. */
  @Test
  void foreignSqliteFileIsRefusedUntouched() throws Exception {
    Path file = dir.resolve("other.sqlite");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = raw.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
      s.execute("INSERT INTO t VALUES (1)");
    }
    assertRefusedUntouched(file, file + " is not a Basin catalog (it has no schema_version table)");
    byte[] header = Files.readAllBytes(file);
    assertEquals(1, header[18], "still a rollback-journal database (no WAL switch)");
  }

  @Test
  void directoryIsRefused() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("catalog.db"));
    for (Function<Path, Catalog> opener : List.<Function<Path, Catalog>>of(Catalog::open, Catalog::openForWriting)) {
      InputException e = assertThrows(InputException.class, () -> opener.apply(sub));
      assertEquals(sub + " is a directory, not a Basin catalog file", e.getMessage());
    }
    InputException create = assertThrows(InputException.class,
        () -> Catalog.openOrCreate(sub, TestRecords.SPEC, SEED, TestRecords.PROVENANCE));
    assertEquals(sub + " is a directory, not a Basin catalog file", create.getMessage());
  }

  @Test
  void truncatedCatalogIsRefused() throws IOException {
    Path file = catalogWith("t.db", 60);
    long size = Files.size(file);
    assertTrue(size > 4 * 4096, size + " bytes");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    InputException e = assertThrows(InputException.class, () -> Catalog.open(file));
    assertTrue(e.getMessage().startsWith("catalog " + file + " is truncated (" + size / 2 + " bytes; its header states "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(50);
    }
    InputException header = assertThrows(InputException.class, () -> Catalog.open(file));
    assertEquals("catalog " + file + " is truncated (50 bytes, shorter than the 100-byte SQLite header)", header.getMessage());
  }

  @Test
  void newCatalogInReadOnlyDirectoryIsRefused() throws IOException {
    Path readOnly = ReadOnlyDirectories.readOnlyDirectory(dir);
    assumeTrue(readOnly != null, "no directory this process cannot write to");
    Path file = readOnly.resolve("new-basin-catalog.db");
    InputException e = assertThrows(InputException.class,
        () -> Catalog.create(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not writable"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void exportIntoReadOnlyDirectoryIsRefused() throws IOException {
    Path file = catalogWith("e.db", 6);
    Path readOnly = ReadOnlyDirectories.readOnlyDirectory(dir);
    assumeTrue(readOnly != null, "no directory this process cannot write to");
    try (Catalog c = Catalog.open(file)) {
      InputException e = assertThrows(InputException.class,
          () -> CatalogExport.write(c, CatalogExport.Format.CSV, readOnly.resolve("out"), false));
      assertTrue(e.getMessage().contains(readOnly.resolve("out").toString().replace("/out", "")), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  /** A catalog in a directory nobody may write: readable, nothing created. */
  @Test
  void readOnlyDirectoryIsReadable() throws IOException {
    Path file = catalogWith("r.db", 8);
    Path sealed = Files.createDirectory(dir.resolve("sealed"));
    Path inside = Files.move(file, sealed.resolve("r.db"));
    Files.deleteIfExists(dir.resolve("r.db.lock"));
    Files.setPosixFilePermissions(sealed, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(sealed), "chmod has no effect for this user (root)");
      try (Catalog c = Catalog.open(inside)) {
        assertEquals(8, c.starts().size());
      }
      assertEquals(Set.of("r.db"), files(sealed));
      InputException e = assertThrows(InputException.class, () -> Catalog.openForWriting(inside));
      assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(sealed, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** A reader opens a catalog while a writer holds it, without its lock, and sees what is committed. */
  @Test
  void readerWorksWhileWriterHoldsTheCatalog() {
    Path file = dir.resolve("w.db");
    try (Catalog writer = Catalog.create(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      writer.recordStart(TestRecords.start(SEED, 0, P));
      try (Catalog reader = Catalog.open(file)) {
        assertEquals(Set.of(0), reader.completedStarts());
        writer.recordStart(TestRecords.start(SEED, 1, P));
        assertEquals(Set.of(0, 1), reader.completedStarts(), "a new read transaction sees the new commit");
        assertThrows(IllegalStateException.class, () -> reader.replaceMinima(List.of()));
      }
      writer.recordStart(TestRecords.start(SEED, 2, P));
    }
  }

  /**
   * A reader opened when no writer ran (immutable, no -wal) sees the starts a writer commits later:
   * it switches to the WAL protocol as soon as the writer's -wal file appears.
   */
  @Test
  void readerOpenedBeforeTheWriterSeesItsCommits() throws IOException {
    Path file = catalogWith("late.db", 3);
    assertFalse(Files.exists(dir.resolve("late.db-wal")));
    try (Catalog reader = Catalog.open(file)) {
      assertEquals(Set.of(0, 1, 2), reader.completedStarts());
      try (Catalog writer = Catalog.openOrCreate(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
        writer.recordStart(TestRecords.start(SEED, 3, P));
        assertEquals(Set.of(0, 1, 2, 3), reader.completedStarts());
        assertEquals(TestRecords.start(SEED, 3, P), reader.starts().get(3));
      }
    }
  }

  /** After a writing session the .db file alone holds every start: the WAL was checkpointed on close. */
  @Test
  void closingCheckpointsSoTheDbFileAloneHoldsEveryStart() throws IOException {
    Path file = catalogWith("c.db", 25);
    Path wal = dir.resolve("c.db-wal");
    assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "WAL left with content");
    Path copy = Files.createDirectory(dir.resolve("copy")).resolve("c.db");
    Files.copy(file, copy);
    try (Catalog c = Catalog.open(copy)) {
      assertEquals(25, c.starts().size());
      assertEquals(TestRecords.start(SEED, 24, P), c.starts().get(24));
    }
  }

  /**
   * A crash leaves committed starts in the WAL only; resuming checkpoints them into the .db file at
   * once, so a copy of the .db alone taken during the resumed session has them.
   */
  @Test
  void resumeCheckpointsTheWalOfACrashedWriter() throws Exception {
    Path file = catalogWith("crash.db", 2);
    Path crashed = Files.createDirectory(dir.resolve("crashed"));
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = raw.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA wal_autocheckpoint = 0");
      try (Catalog staging = Catalog.create(dir.resolve("staging.db"), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
        staging.recordStart(TestRecords.start(SEED, 2, P));
      }
      // copy row 2 through SQL, so it sits in the WAL of file, then snapshot .db and -wal as a crash would
      s.execute("ATTACH '" + dir.resolve("staging.db") + "' AS staging");
      s.execute("INSERT INTO starts SELECT * FROM staging.starts");
      s.execute("DETACH staging");
      for (String suffix : new String[] {"", "-wal"}) {
        Files.copy(dir.resolve("crash.db" + suffix), crashed.resolve("crash.db" + suffix));
      }
    }
    Path copy = crashed.resolve("crash.db");
    assertTrue(Files.size(crashed.resolve("crash.db-wal")) > 0);
    try (Catalog resumed = Catalog.openOrCreate(copy, TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      Path alone = Files.createDirectory(dir.resolve("alone")).resolve("crash.db");
      Files.copy(copy, alone);
      try (Catalog c = Catalog.open(alone)) {
        assertEquals(Set.of(0, 1, 2), c.completedStarts(), "the .db alone has the start that was only in the WAL");
      }
      assertEquals(Set.of(0, 1, 2), resumed.completedStarts());
    }
  }

  @Test
  void backupIsAConsistentSingleFileCopy() throws IOException {
    Path file = dir.resolve("b.db");
    try (Catalog writer = Catalog.create(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i = 0; i < 10; i++) {
        writer.recordStart(TestRecords.start(SEED, i, P));
      }
      Path target = Files.createDirectory(dir.resolve("backups")).resolve("b-copy.db");
      try (Catalog reader = Catalog.open(file)) {
        reader.backup(target);
        InputException exists = assertThrows(InputException.class, () -> reader.backup(target));
        assertEquals("backup of catalog " + file + ": " + target + " already exists", exists.getMessage());
      }
      assertEquals(Set.of("b-copy.db"), files(target.getParent()));
      try (Catalog copy = Catalog.open(target)) {
        assertEquals(10, copy.starts().size());
        assertEquals(writer.starts(), copy.starts());
        assertEquals("ok", copy.integrityCheck());
      }
      Path second = target.resolveSibling("from-writer.db");
      writer.backup(second);
      try (Catalog copy = Catalog.open(second)) {
        assertEquals(writer.starts(), copy.starts());
      }
    }
  }

  /** Flips one bit of a stored vector through SQL, keeping the stored checksum. */
  private static void flipBit(Path file, String table, String key, int id, String column) throws Exception {
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      byte[] bytes;
      try (PreparedStatement p = raw.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + key + " = ?")) {
        p.setInt(1, id);
        bytes = p.executeQuery().getBytes(1);
      }
      bytes[3] ^= 0x10;
      try (PreparedStatement p = raw.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
        p.setBytes(1, bytes);
        p.setInt(2, id);
        assertEquals(1, p.executeUpdate());
      }
    }
  }

  @Test
  void bitFlipInAVectorIsDetectedOnReadAndExport() throws Exception {
    Path file = catalogWith("x.db", 12);
    flipBit(file, "minima", "minimum_id", 2, "parameters");
    try (Catalog c = Catalog.open(file)) {
      InputException read = assertThrows(InputException.class, c::minima);
      assertTrue(read.getMessage().startsWith("catalog " + file + ": table minima, row minimum_id=2, column parameters:"
          + " checksum mismatch (stored crc32c "), read.getMessage());
      assertFalse(read.getMessage().contains("\n"));
      for (CatalogExport.Format format : CatalogExport.Format.values()) {
        InputException export = assertThrows(InputException.class,
            () -> CatalogExport.write(c, format, dir.resolve("out"), false));
        assertEquals(read.getMessage(), export.getMessage(), format.toString());
      }
      assertEquals(12, c.starts(false).size(), "a scan without vectors does not read the damaged one");
    }
    Path other = catalogWith("y.db", 12);
    int damaged = -1;
    try (Catalog c = Catalog.open(other)) {
      for (StartRecord s : c.starts()) {
        if (s.canonical() != null && s.canonical().length > 0) {
          damaged = s.startIndex();
          break;
        }
      }
    }
    flipBit(other, "starts", "start_index", damaged, "canonical");
    try (Catalog c = Catalog.open(other)) {
      InputException read = assertThrows(InputException.class, c::starts);
      assertTrue(read.getMessage().contains("table starts, row start_index=" + damaged + ", column canonical: checksum mismatch"),
          read.getMessage());
    }
  }

  /** The checksum is CRC32C of the BLOB bytes (RFC 3720 B.4 check value of "123456789": 0xE3069283). */
  @Test
  void checksumIsCrc32c() {
    assertEquals(0xE3069283L, Blobs.crc32c("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }
}

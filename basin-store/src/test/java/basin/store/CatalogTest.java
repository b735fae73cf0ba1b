package basin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog within one JVM. Rows must come back exactly as written (record equality compares
 * doubles bit for bit through Double.compare and arrays by content): there is no tolerance, since
 * SQLite stores IEEE float64 and the BLOBs are raw bytes.
 */
class CatalogTest {
  static final long SEED = 42L;
  static final int P = 17;

  @TempDir Path dir;

  Path file() {
    return dir.resolve("study.basin");
  }

  @Test
  void createRecordReopen() {
    List<StartRecord> written = new ArrayList<>();
    try (Catalog c = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i = 0; i < 40; i++) {
        StartRecord r = TestRecords.start(SEED, i, P);
        c.recordStart(r);
        written.add(r);
      }
      assertEquals(written, c.starts());
    }
    try (Catalog c = Catalog.open(file())) {
      assertEquals(written, c.starts());
      assertEquals(TestRecords.SPEC, c.specJson());
      assertEquals(SEED, c.masterSeed());
      assertEquals(new java.util.TreeMap<>(TestRecords.PROVENANCE), c.provenance());
      assertEquals(Schema.CURRENT_VERSION, c.schemaVersion());
      assertEquals("ok", c.integrityCheck());
      assertTrue(c.createdUtc().endsWith("Z"), c.createdUtc());
      List<StartRecord> scalars = c.starts(false);
      for (int i = 0; i < written.size(); i++) {
        StartRecord w = written.get(i);
        StartRecord r = scalars.get(i);
        assertTrue(r.parameters() == null && r.canonical() == null);
        assertEquals(w.withoutVectors(), r);
        assertEquals(StartRecord.norm(w.parameters()), r.parameterNorm(), 0.0, "the stored norm without the vectors");
      }
    }
  }

  /** The generator's awkward values really occur, so the round trip above exercises them. */
  @Test
  void testRowsCoverNullsAndInfinities() {
    boolean nan = false;
    boolean inf = false;
    boolean nullVector = false;
    boolean unknownCount = false;
    boolean nullClass = false;
    boolean smooth = false;
    boolean onKinks = false;
    boolean unknownKinks = false;
    for (int i = 0; i < 40; i++) {
      StartRecord r = TestRecords.start(SEED, i, P);
      nan |= Double.isNaN(r.losses().trainAccuracy());
      inf |= Double.isInfinite(r.trainLoss());
      nullVector |= r.parameters() == null || r.canonical() == null;
      unknownCount |= r.negativeCount() == StartRecord.UNKNOWN_COUNT;
      nullClass |= r.criticalClass() == null;
      smooth |= r.activeKinks() == 0;
      onKinks |= r.activeKinks() > 0;
      unknownKinks |= r.activeKinks() == StartRecord.UNKNOWN_COUNT;
    }
    assertTrue(nan && inf && nullVector && unknownCount && nullClass);
    assertTrue(smooth && onKinks && unknownKinks, "kink counts 0, > 0 and unknown");
  }

  @Test
  void emptyVectorAndNegativeZero() {
    StartRecord empty = new StartRecord(0, 1, new StartRecord.Outcome("CONVERGED", "minimum", 0, 0),
        new StartRecord.Losses(-0.0, -0.0, 1, 1, 1), new StartRecord.Curvature(0, 0, 0, 0, 0),
        new StartRecord.Effort(1, 1, 0, 5), new double[0], new double[] {-0.0, Double.MIN_VALUE, -Double.MAX_VALUE});
    try (Catalog c = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      c.recordStart(empty);
      StartRecord back = c.starts().get(0);
      assertEquals(0, back.parameters().length, "an empty vector stays empty, not null");
      assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.canonical()[0]),
          "BLOBs keep the sign of zero");
      assertEquals(Double.MIN_VALUE, back.canonical()[1], 0.0);
      assertEquals(0.0, back.trainLoss(), 0.0, "a REAL column reads -0.0 back as 0.0, as documented");
    }
  }

  @Test
  void resumeSkipsCompletedStarts() {
    try (Catalog c = Catalog.openOrCreate(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i : new int[] {6, 0, 4, 2}) {
        c.recordStart(TestRecords.start(SEED, i, P));
      }
    }
    try (Catalog c = Catalog.openOrCreate(file(), TestRecords.SPEC_REFORMATTED, SEED, TestRecords.PROVENANCE)) {
      assertEquals(Set.of(0, 2, 4, 6), c.completedStarts());
      for (int i = 0; i < 7; i++) {
        if (!c.completedStarts().contains(i)) {
          c.recordStart(TestRecords.start(SEED, i, P));
        }
      }
      List<StartRecord> starts = c.starts();
      for (int i = 0; i < 7; i++) {
        assertEquals(TestRecords.start(SEED, i, P), starts.get(i));
      }
      assertEquals(TestRecords.SPEC, c.specJson(), "the stored spec is the original text");
    }
  }

  @Test
  void differentSpecIsRefused() {
    Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE).close();
    String other = TestRecords.SPEC.replace("0.1", "0.2");
    InputException e = assertThrows(InputException.class,
        () -> Catalog.openOrCreate(file(), other, SEED, TestRecords.PROVENANCE));
    assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("different study spec (/optimizer/lr: 0.1 in the catalog, 0.2 given)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
    InputException seed = assertThrows(InputException.class,
        () -> Catalog.openOrCreate(file(), TestRecords.SPEC, SEED + 1, TestRecords.PROVENANCE));
    assertTrue(seed.getMessage().contains("master seed 42, not 43"), seed.getMessage());
    Catalog.openForWriting(file()).close(); // the refusals released the lock
  }

  @Test
  void badFilesAreRefusedWithTheirName() throws Exception {
    InputException missing = assertThrows(InputException.class, () -> Catalog.open(file()));
    assertEquals("catalog " + file() + " does not exist", missing.getMessage());
    Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE).close();
    InputException exists = assertThrows(InputException.class,
        () -> Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());

    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "this is not a database, just some text that is long enough to be read\n".repeat(20));
    InputException notSqlite = assertThrows(InputException.class, () -> Catalog.open(text));
    assertEquals(text + " is not a Basin catalog (not an SQLite database)", notSqlite.getMessage());

    Path foreign = dir.resolve("other.sqlite");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement s = raw.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    InputException notBasin = assertThrows(InputException.class, () -> Catalog.open(foreign));
    assertTrue(notBasin.getMessage().contains("is not a Basin catalog"), notBasin.getMessage());

    InputException badJson = assertThrows(InputException.class,
        () -> Catalog.create(dir.resolve("new.basin"), "{\"a\": ", SEED, TestRecords.PROVENANCE));
    assertTrue(badJson.getMessage().contains("is not valid JSON"), badJson.getMessage());
    assertFalse(Files.exists(dir.resolve("new.basin")));
  }

  @Test
  void secondInstanceInThisJvmIsRefusedAndTheFirstKeepsItsLock() throws Exception {
    try (Catalog first = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      long pid = ProcessHandle.current().pid();
      assertEquals(pid + "\n", Files.readString(CatalogLock.lockFileOf(file()), StandardCharsets.US_ASCII));
      InputException e = assertThrows(InputException.class, () -> Catalog.openForWriting(file()));
      assertEquals("catalog " + file() + " is already open in this basin process (pid " + pid + ")", e.getMessage());
      assertThrows(InputException.class, () -> Catalog.openOrCreate(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE));
      first.recordStart(TestRecords.start(SEED, 0, P));
      try (Catalog reader = Catalog.open(file())) {
        assertEquals(Set.of(0), reader.completedStarts(), "a reader takes no lock and sees the committed start");
        assertFalse(reader.isWritable());
        assertThrows(IllegalStateException.class, () -> reader.recordStart(TestRecords.start(SEED, 1, P)));
      }
      first.recordStart(TestRecords.start(SEED, 1, P));
    }
    try (Catalog again = Catalog.open(file())) {
      assertEquals(Set.of(0, 1), again.completedStarts());
    }
  }

  @Test
  void startRecordedTwiceIsRefused() {
    try (Catalog c = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      c.recordStart(TestRecords.start(SEED, 3, P));
      CatalogException e = assertThrows(CatalogException.class, () -> c.recordStart(TestRecords.start(SEED, 3, P)));
      assertEquals("start 3 is already recorded in catalog " + file(), e.getMessage());
      assertEquals(1, c.starts().size());
    }
  }

  /** Many threads recording in arbitrary order give exactly the rows of a sequential run. */
  @Test
  void concurrentRecordingMatchesSequential() throws Exception {
    int n = 200;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(5));
    try (Catalog c = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int i : order) {
        futures.add(pool.submit(() -> c.recordStart(TestRecords.start(SEED, i, P))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      List<StartRecord> starts = c.starts();
      assertEquals(n, starts.size());
      for (int i = 0; i < n; i++) {
        assertEquals(TestRecords.start(SEED, i, P), starts.get(i));
      }
    }
  }

  @Test
  void minimaAreReplacedAtomically() {
    try (Catalog c = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i = 0; i < 12; i++) {
        c.recordStart(TestRecords.start(SEED, i, P));
      }
      List<MinimumRecord> first = TestRecords.minima(SEED, 12, 4, P);
      c.replaceMinima(first);
      assertEquals(first, c.minima());
      assertEquals(3, c.minima().get(0).hitCount());
      for (int m = 0; m < first.size(); m++) {
        assertEquals(Double.doubleToRawLongBits(first.get(m).nearestDistance()),
            Double.doubleToRawLongBits(c.minima().get(m).nearestDistance()), "nearest_distance of minimum " + m);
      }
      assertTrue(Double.isNaN(c.minima().get(1).nearestDistance()), "a NaN nearest distance reads back as NaN");

      List<MinimumRecord> second = TestRecords.minima(SEED + 1, 12, 3, P);
      c.replaceMinima(second);
      assertEquals(second, c.minima());

      List<MinimumRecord> unknownStart = new ArrayList<>(second);
      unknownStart.add(minimum(9, 99, Double.NaN));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.replaceMinima(unknownStart));
      assertTrue(e.getMessage().contains("lists start 99, which is not recorded"), e.getMessage());
      List<MinimumRecord> shared = new ArrayList<>(second);
      shared.add(minimum(9, 0, 1.0));
      assertThrows(IllegalArgumentException.class, () -> c.replaceMinima(shared));
      assertEquals(second, c.minima(), "a refused replacement leaves the minima unchanged");
      c.replaceMinima(List.of());
      assertEquals(List.of(), c.minima());
      assertEquals("ok", c.integrityCheck());
    }
  }

  /** A minimum of one start, without vectors. */
  static MinimumRecord minimum(int id, int start, double nearestDistance) {
    return new MinimumRecord(id, start, new int[] {start}, new StartRecord.Losses(0, 0, 0, 0, 0), 0,
        new StartRecord.Curvature(0, 0, 0, 0, 0), nearestDistance, null, null);
  }

  @Test
  void negativeNearestDistanceIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> minimum(0, 0, -1e-3));
    assertTrue(e.getMessage().contains("nearestDistance = -0.001"), e.getMessage());
  }

  @Test
  void newerSchemaIsRefused() throws SQLException {
    Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE).close();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = raw.createStatement()) {
      s.execute("INSERT INTO schema_version (version, applied_utc) VALUES (99, 'future')");
    }
    InputException e = assertThrows(InputException.class, () -> Catalog.open(file()));
    assertEquals("catalog " + file() + " has schema version 99, newer than the " + Schema.CURRENT_VERSION
        + " this basin reads: use a newer basin", e.getMessage());
  }

  /**
   * The migration hook on a file at the current version: taken one version further by a migration,
   * and a failing migration rolled back.
   */
  @Test
  void migrationHookUpgradesInOneTransaction() throws SQLException {
    Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE).close();
    int current = Schema.CURRENT_VERSION;
    List<Schema.Migration> upToNow = new ArrayList<>(Schema.MIGRATIONS);
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      Schema.Migration failing = c -> {
        try (Statement s = c.createStatement()) {
          s.execute("ALTER TABLE starts ADD COLUMN note TEXT");
          s.execute("SELECT * FROM no_such_table");
        }
      };
      List<Schema.Migration> withFailing = new ArrayList<>(upToNow);
      withFailing.add(failing);
      assertThrows(SQLException.class, () -> Schema.upgrade(raw, file(), current + 1, withFailing));
      assertEquals(current, Schema.version(raw));
      assertFalse(columns(raw).contains("note"), "the failed migration was rolled back");

      Schema.Migration addNote = c -> {
        try (Statement s = c.createStatement()) {
          s.execute("ALTER TABLE starts ADD COLUMN note TEXT");
        }
      };
      List<Schema.Migration> withNote = new ArrayList<>(upToNow);
      withNote.add(addNote);
      Schema.upgrade(raw, file(), current + 1, withNote);
      assertEquals(current + 1, Schema.version(raw));
      assertTrue(columns(raw).contains("note"));
    }
  }

  /**
   * A version-1 catalog (the tables as version 1 created them, written here by hand since no code
   * writes that version any more) opens at the current version: its starts read back with an unknown
   * kink count, the other columns unchanged; a start recorded after the migration keeps its count,
   * and the migration is recorded in schema_version.
   */
  @Test
  void versionOneCatalogIsMigrated() throws SQLException {
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = raw.createStatement()) {
      for (String ddl : VERSION_1_DDL) {
        s.execute(ddl);
      }
      s.execute("INSERT INTO schema_version (version, applied_utc) VALUES (1, '2026-11-01T00:00:00Z')");
      s.execute("INSERT INTO study (id, spec_json, master_seed, created_utc) VALUES (1, '" + TestRecords.SPEC + "', "
          + SEED + ", '2026-11-01T00:00:00Z')");
      s.execute("INSERT INTO starts (start_index, seed, status, class, train_loss, gradient_norm, iterations,"
          + " gradient_evaluations, hvp_evaluations, smallest_eigenvalue, negative_count, zero_count, index_fraction, wall_ms)"
          + " VALUES (0, 99, 'CONVERGED', 'STRICT_MINIMUM', 0.25, 1e-9, 10, 11, 0, 0.5, 0, 2, 0.0, 7)");
    }
    try (Catalog c = Catalog.openForWriting(file())) {
      assertEquals(Schema.CURRENT_VERSION, c.schemaVersion());
      StartRecord old = c.starts().get(0);
      assertEquals(StartRecord.UNKNOWN_COUNT, old.activeKinks(), "a version-1 row does not know its kinks");
      assertEquals(0.25, old.trainLoss(), 0.0);
      assertEquals(2, old.zeroCount());
      assertEquals("STRICT_MINIMUM", old.criticalClass());
      StartRecord fresh = TestRecords.start(SEED, 1, P);
      c.recordStart(fresh);
      assertEquals(fresh, c.starts().get(1));
      assertEquals("ok", c.integrityCheck());
    }
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = raw.createStatement();
        ResultSet rs = s.executeQuery("SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)")) {
      StringBuilder expected = new StringBuilder("1");
      for (int v = 2; v <= Schema.CURRENT_VERSION; v++) {
        expected.append(',').append(v);
      }
      assertEquals(expected.toString(), rs.getString(1), "each version the file reached has its row");
    }
  }

  /** The schema of version 1, frozen: what a catalog written before active_kinks holds. */
  private static final List<String> VERSION_1_DDL = List.of(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL)",
      "CREATE TABLE study (id INTEGER PRIMARY KEY CHECK (id = 1), spec_json TEXT NOT NULL,"
          + " master_seed INTEGER NOT NULL, created_utc TEXT NOT NULL)",
      "CREATE TABLE provenance (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      "CREATE TABLE starts ("
          + " start_index INTEGER PRIMARY KEY CHECK (start_index >= 0),"
          + " seed INTEGER NOT NULL,"
          + " status TEXT NOT NULL,"
          + " class TEXT,"
          + " train_loss REAL, test_loss REAL, train_accuracy REAL, test_accuracy REAL, gradient_norm REAL,"
          + " iterations INTEGER NOT NULL, gradient_evaluations INTEGER NOT NULL, hvp_evaluations INTEGER NOT NULL,"
          + " smallest_eigenvalue REAL, largest_eigenvalue REAL, negative_count INTEGER, zero_count INTEGER,"
          + " index_fraction REAL,"
          + " wall_ms INTEGER NOT NULL,"
          + " parameters BLOB, canonical BLOB)",
      "CREATE TABLE minima ("
          + " minimum_id INTEGER PRIMARY KEY,"
          + " representative_start INTEGER NOT NULL REFERENCES starts (start_index),"
          + " hit_count INTEGER NOT NULL CHECK (hit_count >= 1),"
          + " train_loss REAL, test_loss REAL, train_accuracy REAL, test_accuracy REAL, gradient_norm REAL,"
          + " smallest_eigenvalue REAL, largest_eigenvalue REAL, zero_count INTEGER,"
          + " nearest_distance REAL,"
          + " parameters BLOB, canonical BLOB)",
      "CREATE TABLE minimum_members ("
          + " start_index INTEGER PRIMARY KEY REFERENCES starts (start_index),"
          + " minimum_id INTEGER NOT NULL REFERENCES minima (minimum_id))",
      "CREATE INDEX minimum_members_by_minimum ON minimum_members (minimum_id, start_index)");

  private static Set<String> columns(Connection raw) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(starts)")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
      }
    }
    return names;
  }

  @Test
  void pragmasAreSet() throws SQLException {
    try (Catalog c = Catalog.create(file(), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      c.recordStart(TestRecords.start(SEED, 0, P));
    }
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = raw.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      assertEquals("wal", rs.getString(1), "WAL is a property of the file");
    }
  }
}

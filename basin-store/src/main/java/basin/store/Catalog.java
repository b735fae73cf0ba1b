package basin.store;

import basin.core.InputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The catalog of one study: a SQLite database holding the study's spec and seed, provenance, one row
 * per finished start, the distinct minima, and the result tables of later analyses (schema in
 * docs/catalog.md, derived from the table descriptions in {@code CatalogTables} and {@link Table}).
 *
 * <p>Readers and writers. {@link #open} is the read path: the file is opened read-only (SQLite
 * {@code SQLITE_OPEN_READONLY} and {@code PRAGMA query_only}), takes no lock and creates or changes
 * nothing, so it works on a catalog another process is writing (WAL: it sees what is committed), on
 * read-only directories and media, and on copies. A file at an older schema version is migrated in
 * memory for reading, the file untouched. {@link #create}, {@link #openOrCreate} and
 * {@link #openForWriting} are the write path: they take the single-writer lock and migrate an older
 * file in place, in one transaction.
 *
 * <p>Durability. The database runs in WAL journal mode with {@code synchronous = FULL}, and
 * {@link #recordStart} commits each start in its own transaction, so a start is on disk (WAL fsynced)
 * when the call returns. A kill -9 at any moment loses only starts whose {@code recordStart} had not
 * returned; the next open replays the WAL. A writer checkpoints the WAL into the database file
 * ({@code PRAGMA wal_checkpoint(TRUNCATE)}) when it opens an existing file and when it closes, so
 * that after a writing session the .db file alone holds every recorded start; {@link #backup} copies
 * a consistent snapshot at any time.
 *
 * <p>Single writer. A writer takes an exclusive lock on the sidecar file {@code <catalog>.lock}
 * ({@link java.nio.channels.FileChannel#tryLock}, released by the operating system when the process
 * dies) and writes the pid into it. A second writer, in another process or this JVM, is refused with
 * an {@link InputException} naming the file and the holder's pid.
 *
 * <p>Integrity. Each vector is stored with its CRC32C; every read verifies it, and a mismatch is an
 * {@link InputException} naming the catalog, table, row and column.
 *
 * <p>Threads. One instance may be shared by many threads; calls are serialized on the instance.
 *
 * <p>Errors. Bad input (a missing file, a directory, an empty, truncated or foreign file, a different
 * spec, a catalog in use, a damaged vector, a directory that is not writable) throws
 * {@link InputException} with a one-line message naming the file; storage failures (a full disk, an
 * I/O error, a start recorded twice) throw {@link CatalogException}.
 */
public final class Catalog implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Path file;
  private final CatalogLock lock;
  private Connection connection; // a reader's immutable connection is replaced once a writer appears
  /** A file-backed reader opened immutable (no -wal file then): reconnects when a -wal appears. */
  private boolean immutableReader;
  private final boolean writable;
  private final int fileVersion;
  private final PreparedStatement insertStart;
  private final String specJson;
  private final long masterSeed;
  private final String createdUtc;
  private boolean closed;

  private Catalog(Path file, CatalogLock lock, Connection connection, boolean writable, int fileVersion)
      throws SQLException {
    this.file = file;
    this.lock = lock;
    this.connection = connection;
    this.writable = writable;
    this.fileVersion = fileVersion;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT spec_json, master_seed, created_utc FROM study WHERE id = 1")) {
      if (!rs.next()) {
        throw new InputException(file + " is not a Basin catalog (it has no study row)");
      }
      this.specJson = rs.getString(1);
      this.masterSeed = rs.getLong(2);
      this.createdUtc = rs.getString(3);
    }
    this.insertStart = writable ? connection.prepareStatement(CatalogTables.STARTS.table.insertSql(false)) : null;
  }

  /**
   * Creates a new catalog file.
   *
   * @param file the database file; must not exist, its directory must and must be writable
   * @param specJson the study spec as JSON text (stored verbatim; compared as parsed JSON)
   * @param masterSeed the study's master seed
   * @param provenance key/value pairs (basin version, git commit, JDK, OS, cores, start time, ...)
   * @throws InputException if the file exists, the directory is missing or not writable, the spec
   *     is not JSON, or the catalog is locked
   */
  public static Catalog create(Path file, String specJson, long masterSeed, Map<String, String> provenance) {
    parseSpec(file, specJson);
    Objects.requireNonNull(provenance, "provenance");
    if (Files.exists(file) || Files.isSymbolicLink(file)) {
      throw new InputException("catalog " + file + " already exists: resume it with the same spec, or choose a new file");
    }
    CatalogFiles.checkCreatable(file);
    CatalogLock lock = CatalogLock.acquire(file);
    try {
      if (Files.exists(file)) {
        throw new InputException("catalog " + file + " already exists: resume it with the same spec, or choose a new file");
      }
      return createLocked(file, specJson, masterSeed, provenance, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens an existing catalog for reading only. Takes no lock and writes nothing: no WAL switch, no
   * lock file, no migration on disk (an older schema is migrated in a private in-memory copy, which
   * costs memory of the size of the file). Writing calls on the result throw
   * {@link IllegalStateException}.
   *
   * @throws InputException if the file does not exist, is a directory, is not readable, is empty,
   *     truncated or not a Basin catalog, or has a newer schema
   */
  public static Catalog open(Path file) {
    CatalogFiles.checkExisting(file);
    Connection connection = null;
    try {
      boolean immutable = !Files.exists(CatalogConnections.walOf(file));
      connection = CatalogConnections.connectReadOnly(file, immutable);
      int version = Schema.version(connection);
      CatalogConnections.checkVersion(file, version);
      if (version < Schema.CURRENT_VERSION) {
        Connection memory = CatalogConnections.migratedInMemory(file, connection);
        CatalogConnections.closeQuietly(connection);
        connection = memory;
        immutable = false;
      }
      Catalog catalog = new Catalog(file, null, connection, false, version);
      catalog.immutableReader = immutable;
      return catalog;
    } catch (SQLException e) {
      CatalogConnections.closeQuietly(connection);
      throw CatalogConnections.translate(file, "open", e);
    } catch (RuntimeException e) {
      CatalogConnections.closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Opens an existing catalog for reading and writing (for example to add an analysis's result
   * tables): takes the single-writer lock, migrates an older schema in place in one transaction, and
   * checkpoints the WAL.
   *
   * @throws InputException for the reasons of {@link #open}, or if the catalog is in use by another
   *     writer
   */
  public static Catalog openForWriting(Path file) {
    CatalogFiles.checkExisting(file);
    // A foreign or newer file is refused before the lock file is created.
    try (Connection probe = CatalogConnections.connectReadOnly(file)) {
      CatalogConnections.checkVersion(file, Schema.version(probe));
    } catch (SQLException e) {
      throw CatalogConnections.translate(file, "open", e);
    }
    CatalogLock lock = CatalogLock.acquire(file);
    try {
      return openLocked(file, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens the catalog to resume a study, or creates it. An existing catalog must hold the same spec
   * (equal as parsed JSON: key order and white space do not matter) and the same master seed; its
   * stored provenance is kept. Opening an existing catalog migrates an older schema in place and
   * checkpoints the WAL.
   *
   * @throws InputException if an existing catalog holds a different spec or seed, or for the reasons
   *     of {@link #create} and {@link #openForWriting}
   */
  public static Catalog openOrCreate(Path file, String specJson, long masterSeed, Map<String, String> provenance) {
    JsonNode spec = parseSpec(file, specJson);
    Objects.requireNonNull(provenance, "provenance");
    if (!Files.exists(file)) {
      return create(file, specJson, masterSeed, provenance);
    }
    Catalog catalog = openForWriting(file);
    try {
      String difference = firstDifference("", parseSpec(file, catalog.specJson), spec);
      if (difference != null) {
        throw new InputException("catalog " + file + " holds a different study spec (" + difference
            + "): resume with the spec it was created with, or choose a new catalog file");
      }
      if (catalog.masterSeed != masterSeed) {
        throw new InputException("catalog " + file + " was created with master seed " + catalog.masterSeed
            + ", not " + masterSeed + ": resume with the same seed, or choose a new catalog file");
      }
      return catalog;
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  private static Catalog createLocked(Path file, String specJson, long masterSeed, Map<String, String> provenance,
      CatalogLock lock) {
    Connection connection = null;
    try {
      connection = CatalogConnections.connectForWriting(file);
      connection.setAutoCommit(false);
      Schema.create(connection);
      try (PreparedStatement p = connection.prepareStatement(
          "INSERT INTO study (id, spec_json, master_seed, created_utc) VALUES (1, ?, ?, ?)")) {
        p.setString(1, specJson);
        p.setLong(2, masterSeed);
        p.setString(3, Instant.now().toString());
        p.executeUpdate();
      }
      try (PreparedStatement p = connection.prepareStatement("INSERT INTO provenance (key, value) VALUES (?, ?)")) {
        for (Map.Entry<String, String> e : new TreeMap<>(provenance).entrySet()) {
          p.setString(1, Objects.requireNonNull(e.getKey(), "provenance key"));
          p.setString(2, Objects.requireNonNull(e.getValue(), () -> "provenance value of " + e.getKey()));
          p.executeUpdate();
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      return new Catalog(file, lock, connection, true, Schema.CURRENT_VERSION);
    } catch (SQLException | RuntimeException e) {
      CatalogConnections.closeQuietly(connection);
      CatalogConnections.deleteQuietly(file);
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw CatalogConnections.translate(file, "create", (SQLException) e);
    }
  }

  private static Catalog openLocked(Path file, CatalogLock lock) {
    Connection connection = null;
    try {
      // Read-only first: a foreign or newer file is refused before anything is written to it.
      try (Connection probe = CatalogConnections.connectReadOnly(file)) {
        CatalogConnections.checkVersion(file, Schema.version(probe));
      }
      connection = CatalogConnections.connectForWriting(file);
      int version = Schema.version(connection);
      Schema.upgrade(connection, file, Schema.CURRENT_VERSION, Schema.MIGRATIONS);
      CatalogConnections.checkpoint(connection);
      return new Catalog(file, lock, connection, true, version);
    } catch (SQLException e) {
      CatalogConnections.closeQuietly(connection);
      throw CatalogConnections.translate(file, "open", e);
    } catch (RuntimeException e) {
      CatalogConnections.closeQuietly(connection);
      throw e;
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Whether this instance may write (opened by create, openOrCreate or openForWriting). */
  public boolean isWritable() {
    return writable;
  }

  /** The study spec exactly as stored at creation. */
  public String specJson() {
    return specJson;
  }

  /** The study's master seed. */
  public long masterSeed() {
    return masterSeed;
  }

  /** When the catalog was created, ISO-8601 UTC. */
  public String createdUtc() {
    return createdUtc;
  }

  /** The provenance recorded at creation, sorted by key. */
  public synchronized SortedMap<String, String> provenance() {
    ensureOpen();
    TreeMap<String, String> map = new TreeMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM provenance")) {
      while (rs.next()) {
        map.put(rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw failure("read provenance", e);
    }
    return Collections.unmodifiableSortedMap(map);
  }

  /**
   * The schema version of the file: for a writer, after its migration on open; for a reader of an
   * older file, the file's own version (the reader sees it migrated in memory).
   */
  public synchronized int schemaVersion() {
    ensureOpen();
    if (!writable) {
      return fileVersion;
    }
    try {
      return Schema.version(connection);
    } catch (SQLException e) {
      throw failure("read schema version", e);
    }
  }

  /** Start indices with a row in the catalog, whatever their status, ascending. */
  public synchronized SortedSet<Integer> completedStarts() {
    ensureOpen();
    TreeSet<Integer> done = new TreeSet<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT start_index FROM starts")) {
      while (rs.next()) {
        done.add(rs.getInt(1));
      }
    } catch (SQLException e) {
      throw failure("read completed starts", e);
    }
    return Collections.unmodifiableSortedSet(done);
  }

  /**
   * Records one start in its own transaction, committed (and fsynced) before the call returns.
   *
   * @throws CatalogException if the start is already recorded, or the write fails
   * @throws IllegalStateException if the catalog was opened for reading
   */
  public synchronized void recordStart(StartRecord r) {
    ensureWritable();
    try {
      TableIo.bind(insertStart, CatalogTables.STARTS.toRow(r));
      insertStart.executeUpdate();
    } catch (SQLException e) {
      if (isRecorded(r.startIndex())) {
        throw new CatalogException("start " + r.startIndex() + " is already recorded in catalog " + file);
      }
      throw failure("record start " + r.startIndex(), e);
    }
  }

  /** Every recorded start with its vectors, ordered by start index. */
  public List<StartRecord> starts() {
    return starts(true);
  }

  /**
   * Every recorded start, ordered by start index.
   *
   * @param withVectors whether to read the parameter and canonical vectors (checksums verified);
   *     without them (null in the records; {@code parameterNorm} is still there) a scan of a large
   *     study needs memory for the scalars only
   * @throws InputException if a vector does not match its checksum
   */
  public synchronized List<StartRecord> starts(boolean withVectors) {
    ensureOpen();
    Table t = CatalogTables.STARTS.table;
    List<StartRecord> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(t.selectSql(withVectors))) {
      while (rs.next()) {
        out.add(CatalogTables.STARTS.fromRow(TableIo.read(rs, t, file)));
      }
    } catch (SQLException e) {
      throw failure("read starts", e);
    }
    return out;
  }

  /**
   * Replaces all minima and their memberships in one transaction: readers see the old set or the new
   * one, never a mix. Result tables keyed by minimum id are not touched.
   *
   * @param minima distinct minima with unique ids; every member must be a recorded start, and no start
   *     may belong to two minima
   * @throws IllegalArgumentException for repeated ids, unknown starts or shared members (nothing is
   *     written)
   */
  public synchronized void replaceMinima(List<MinimumRecord> minima) {
    ensureWritable();
    Set<Integer> recorded = completedStarts();
    Set<Integer> ids = new HashSet<>();
    Map<Integer, Integer> owner = new HashMap<>();
    for (MinimumRecord m : minima) {
      if (!ids.add(m.minimumId())) {
        throw new IllegalArgumentException("minimum id " + m.minimumId() + " appears twice");
      }
      for (int start : m.members()) {
        if (!recorded.contains(start)) {
          throw new IllegalArgumentException("minimum " + m.minimumId() + " lists start " + start
              + ", which is not recorded in catalog " + file);
        }
        Integer previous = owner.put(start, m.minimumId());
        if (previous != null) {
          throw new IllegalArgumentException("start " + start + " belongs to both minimum " + previous + " and minimum "
              + m.minimumId());
        }
      }
    }
    inTransaction("replace minima", () -> {
      try (Statement s = connection.createStatement();
          PreparedStatement insertMinimum = connection.prepareStatement(CatalogTables.MINIMA.table.insertSql(false));
          PreparedStatement insertMember = connection.prepareStatement(CatalogTables.MEMBERS.insertSql(false))) {
        s.execute("DELETE FROM minimum_members");
        s.execute("DELETE FROM minima");
        for (MinimumRecord m : minima) {
          TableIo.bind(insertMinimum, CatalogTables.MINIMA.toRow(m));
          insertMinimum.executeUpdate();
          for (int start : m.members()) {
            TableIo.bind(insertMember, CatalogTables.MEMBERS.row().set("start_index", start)
                .set("minimum_id", m.minimumId()).build());
            insertMember.executeUpdate();
          }
        }
      }
    });
  }

  /**
   * Every distinct minimum with its members, ordered by minimum id.
   *
   * @throws InputException if a vector does not match its checksum
   * @throws CatalogException if a minimum's hit count disagrees with its member rows
   */
  public synchronized List<MinimumRecord> minima() {
    ensureOpen();
    Map<Integer, List<Integer>> members = new HashMap<>();
    List<MinimumRecord> out = new ArrayList<>();
    Table t = CatalogTables.MINIMA.table;
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT minimum_id, start_index FROM minimum_members ORDER BY minimum_id, start_index")) {
        while (rs.next()) {
          members.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getInt(2));
        }
      }
      try (ResultSet rs = s.executeQuery(t.selectSql(true))) {
        while (rs.next()) {
          Row row = TableIo.read(rs, t, file);
          int id = (int) row.getLong("minimum_id");
          List<Integer> list = members.getOrDefault(id, List.of());
          int[] starts = list.stream().mapToInt(Integer::intValue).toArray();
          if (starts.length != row.getLong("hit_count")) {
            throw new CatalogException("catalog " + file + ": minimum " + id + " has hit_count " + row.getLong("hit_count")
                + " but " + starts.length + " member rows");
          }
          out.add(CatalogTables.minimum(row, starts));
        }
      }
    } catch (SQLException e) {
      throw failure("read minima", e);
    }
    return out;
  }

  /**
   * Creates a result table if the catalog does not have it yet, and registers it (so that exports
   * and {@link #resultTables} find it without the analysis's code). An existing table must have the
   * same name, key, and column names, types and nullability.
   *
   * @throws InputException if a table of that name exists with another shape
   * @throws IllegalArgumentException if {@code table} is one of the catalog's own tables
   */
  public synchronized void ensureTable(Table table) {
    ensureWritable();
    if (Table.RESERVED.contains(table.name())) {
      throw new IllegalArgumentException("table " + table.name() + " is one of the catalog's own tables");
    }
    Table stored = storedResultTable(table.name());
    if (stored != null) {
      if (table.extendsShape(stored)) {
        // a table written by an older version: add the new (nullable) columns, its rows read NULL there
        inTransaction("add columns to table " + table.name(), () -> {
          try (Statement s = connection.createStatement();
              PreparedStatement p = connection.prepareStatement("UPDATE result_tables SET description = ?, columns_json = ? WHERE name = ?")) {
            for (String column : table.columnsMissingFrom(stored)) {
              for (String sql : table.addColumnSql(column)) s.execute(sql);
            }
            p.setString(1, table.description());
            p.setString(2, ResultTableRegistry.columnsJson(table));
            p.setString(3, table.name());
            p.executeUpdate();
          }
        });
        return;
      }
      requireSameShape(table, stored);
      return;
    }
    inTransaction("create table " + table.name(), () -> {
      try (Statement s = connection.createStatement();
          PreparedStatement p = connection.prepareStatement(
              "INSERT INTO result_tables (name, key, description, columns_json) VALUES (?, ?, ?, ?)")) {
        s.execute(table.createSql());
        p.setString(1, table.name());
        p.setString(2, table.key().name());
        p.setString(3, table.description());
        p.setString(4, ResultTableRegistry.columnsJson(table));
        p.executeUpdate();
      }
    });
  }

  /**
   * Inserts or replaces (by key) rows of a result table, all in one transaction.
   *
   * @throws IllegalStateException if the table was not created with {@link #ensureTable}
   * @throws IllegalArgumentException if a row belongs to another table
   */
  public synchronized void putRows(Table table, List<Row> rows) {
    checkRows(table, rows);
    inTransaction("write table " + table.name(), () -> {
      try (PreparedStatement p = connection.prepareStatement(table.insertSql(true))) {
        for (Row r : rows) {
          TableIo.bind(p, r);
          p.executeUpdate();
        }
      }
    });
  }

  /** The checks of putRows and replaceRows: writable, the table registered with this shape, rows of it. */
  private void checkRows(Table table, List<Row> rows) {
    ensureWritable();
    Table stored = storedResultTable(table.name());
    if (stored == null) {
      throw new IllegalStateException("catalog " + file + " has no table " + table.name() + ": call ensureTable first");
    }
    requireSameShape(table, stored);
    for (Row r : rows) {
      if (!r.table().sameShape(table)) {
        throw new IllegalArgumentException("a row of table " + r.table().name() + " given for table " + table.name());
      }
    }
  }

  /**
   * Replaces every row of a result table with {@code rows}, in one transaction (an analysis whose
   * result is a whole set, such as the critical points a search found).
   *
   * @throws IllegalStateException if the table was not created with {@link #ensureTable}
   * @throws IllegalArgumentException if a row belongs to another table
   */
  public synchronized void replaceRows(Table table, List<Row> rows) {
    checkRows(table, rows);
    inTransaction("replace table " + table.name(), () -> {
      try (java.sql.Statement d = connection.createStatement()) {
        d.executeUpdate("DELETE FROM " + table.name());
      }
      try (PreparedStatement p = connection.prepareStatement(table.insertSql(true))) {
        for (Row r : rows) {
          TableIo.bind(p, r);
          p.executeUpdate();
        }
      }
    });
  }

  /**
   * Every row of a result table, ordered by its key; empty when the catalog does not have the table.
   *
   * @throws InputException if the catalog's table of that name has another shape, or a vector does
   *     not match its checksum
   */
  public synchronized List<Row> rows(Table table) {
    ensureOpen();
    Table stored = storedResultTable(table.name());
    if (stored == null) {
      return List.of();
    }
    if (table.extendsShape(stored)) {
      return readRows(table, table.columnsMissingFrom(stored)); // an older table, read as it stands (new columns NULL)
    }
    requireSameShape(table, stored);
    return readRows(table, java.util.Set.of());
  }

  /** The result tables present in the catalog, as registered by {@link #ensureTable}, by name. */
  public synchronized List<Table> resultTables() {
    ensureOpen();
    List<Table> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM result_tables ORDER BY name")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      for (String name : names) {
        out.add(storedResultTable(name));
      }
    } catch (SQLException e) {
      throw failure("read result tables", e);
    }
    return out;
  }

  private List<Row> readRows(Table table, java.util.Set<String> absent) {
    List<Row> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(table.selectSql(true, absent))) {
      while (rs.next()) {
        out.add(TableIo.read(rs, table, file));
      }
    } catch (SQLException e) {
      throw failure("read table " + table.name(), e);
    }
    return out;
  }

  private void requireSameShape(Table given, Table stored) {
    if (!given.sameShape(stored)) {
      throw new InputException("catalog " + file + " has a table " + stored.name() + " with columns "
          + ResultTableRegistry.shape(stored) + ", not " + ResultTableRegistry.shape(given));
    }
  }

  private Table storedResultTable(String name) {
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT key, description, columns_json FROM result_tables WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return ResultTableRegistry.tableFromJson(file, name, rs.getString(1), rs.getString(2), rs.getString(3));
      }
    } catch (SQLException e) {
      throw failure("read the description of table " + name, e);
    }
  }

  /**
   * Writes a consistent snapshot of the catalog to a new file with {@code VACUUM INTO}: a compact
   * single-file copy (no -wal) holding every committed row, safe while this or another process
   * writes. The copy has this catalog's schema as seen by this instance (a reader of an older file
   * writes the migrated schema).
   *
   * @param target the new file; must not exist, its directory must and must be writable
   * @throws InputException if the target exists or its directory is missing or not writable
   */
  public synchronized void backup(Path target) {
    ensureOpen();
    if (Files.exists(target)) {
      throw new InputException("backup of catalog " + file + ": " + target + " already exists");
    }
    Path directory = target.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new InputException("backup of catalog " + file + ": directory " + directory + " does not exist");
    }
    if (!Files.isWritable(directory)) {
      throw new InputException("backup of catalog " + file + ": directory " + directory + " is not writable");
    }
    // A writer backs up through a reader's connection of its own (VACUUM refuses a connection with
    // prepared statements); VACUUM INTO writes only the target, so query_only is lifted for it.
    Connection source = null;
    try {
      source = writable ? CatalogConnections.connectReadOnly(file) : connection;
      try (Statement s = source.createStatement()) {
        s.execute("PRAGMA query_only = 0");
        try {
          s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        } finally {
          s.execute("PRAGMA query_only = 1");
        }
      }
    } catch (SQLException e) {
      throw failure("back up to " + target, e);
    } finally {
      if (writable) {
        CatalogConnections.closeQuietly(source);
      }
    }
  }

  /**
   * Runs {@code PRAGMA integrity_check}: "ok" for a sound file, otherwise its messages, one per line.
   */
  public synchronized String integrityCheck() {
    ensureOpen();
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw failure("check integrity", e);
    }
    return String.join("\n", rows);
  }

  /**
   * Closes the database and releases the lock; idempotent. A writer first checkpoints the WAL into
   * the database file ({@code wal_checkpoint(TRUNCATE)}), so that the .db file alone holds every
   * recorded start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (writable) {
        insertStart.close();
        CatalogConnections.checkpoint(connection);
      }
      connection.close();
    } catch (SQLException e) {
      throw failure("close", e);
    } finally {
      CatalogConnections.closeQuietly(connection);
      if (lock != null) {
        lock.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Catalog[" + file + (writable ? "" : ", read-only") + "]";
  }

  @FunctionalInterface
  private interface SqlWork {
    void run() throws SQLException;
  }

  private void inTransaction(String what, SqlWork work) {
    try {
      connection.setAutoCommit(false);
      try {
        work.run();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private boolean isRecorded(int startIndex) {
    try (PreparedStatement p = connection.prepareStatement("SELECT count(*) FROM starts WHERE start_index = ?")) {
      p.setInt(1, startIndex);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && rs.getInt(1) > 0;
      }
    } catch (SQLException e) {
      return false;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("catalog " + file + " is closed");
    }
    if (immutableReader && Files.exists(CatalogConnections.walOf(file))) {
      try {
        Connection fresh = CatalogConnections.connectReadOnly(file, false);
        CatalogConnections.closeQuietly(connection);
        connection = fresh;
        immutableReader = false;
      } catch (SQLException e) {
        throw CatalogConnections.translate(file, "reopen", e);
      }
    }
  }

  private void ensureWritable() {
    ensureOpen();
    if (!writable) {
      throw new IllegalStateException("catalog " + file + " is open for reading only: open it with openForWriting");
    }
  }

  private RuntimeException failure(String what, SQLException e) {
    return CatalogConnections.translate(file, what, e);
  }

  static JsonNode parseSpec(Path file, String specJson) {
    Objects.requireNonNull(specJson, "specJson");
    try {
      JsonNode node = JSON.readTree(specJson);
      if (node == null || node.isMissingNode()) {
        throw new InputException("study spec for catalog " + file + " is empty: expected a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InputException("study spec for catalog " + file + " is not valid JSON: "
          + e.getOriginalMessage().replace('\n', ' '));
    }
  }

  /** A short description of the first place where two JSON trees differ, or null when they are equal. */
  private static String firstDifference(String path, JsonNode stored, JsonNode given) {
    if (stored.equals(given)) {
      return null;
    }
    if (stored.isObject() && given.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      stored.fieldNames().forEachRemaining(names::add);
      given.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode a = stored.get(name);
        JsonNode b = given.get(name);
        if (a == null) {
          return path + "/" + name + " is new";
        }
        if (b == null) {
          return path + "/" + name + " is missing";
        }
        String inner = firstDifference(path + "/" + name, a, b);
        if (inner != null) {
          return inner;
        }
      }
    }
    if (stored.isArray() && given.isArray() && stored.size() == given.size()) {
      for (int i = 0; i < stored.size(); i++) {
        String inner = firstDifference(path + "/" + i, stored.get(i), given.get(i));
        if (inner != null) {
          return inner;
        }
      }
    }
    String where = path.isEmpty() ? "/" : path;
    return where + ": " + abbreviate(stored) + " in the catalog, " + abbreviate(given) + " given";
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

}

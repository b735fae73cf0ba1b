package basin.store;

import basin.core.InputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The catalog of one study: a SQLite database holding the study's spec and seed, provenance, one row
 * per finished start and the distinct minima (schema in docs/catalog.md).
 *
 * <p>Durability. The database runs in WAL journal mode with {@code synchronous = FULL}, and
 * {@link #recordStart} commits each start in its own transaction, so a start is on disk (WAL fsynced)
 * when the call returns. A kill -9 at any moment loses only starts whose {@code recordStart} had not
 * returned, and a power cut loses nothing that was committed either; the next open replays the WAL.
 * Starts are independent and keyed by start index, so the order in which threads record them does
 * not matter and a resumed run skips {@link #completedStarts()}.
 *
 * <p>Single writer. Opening takes an exclusive lock on the sidecar file {@code <catalog>.lock}
 * ({@link java.nio.channels.FileChannel#tryLock}, released by the operating system when the process
 * dies) and writes the pid into it. A second process, or a second {@code Catalog} in this JVM, is
 * refused with an {@link InputException} naming the file and the holder's pid.
 *
 * <p>Threads. One instance may be shared by many threads; calls are serialized on the instance.
 *
 * <p>Errors. Bad input (a missing file, a file that is not a catalog, a different spec, a catalog in
 * use) throws {@link InputException} with a one-line message naming the file; storage failures throw
 * {@link CatalogException}.
 */
public final class Catalog implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  static final String START_COLUMNS = "start_index, seed, status, class, train_loss, test_loss, train_accuracy,"
      + " test_accuracy, gradient_norm, iterations, gradient_evaluations, hvp_evaluations, smallest_eigenvalue,"
      + " largest_eigenvalue, negative_count, zero_count, index_fraction, active_kinks, wall_ms, parameters, canonical";
  static final String MINIMUM_COLUMNS = "minimum_id, representative_start, hit_count, train_loss, test_loss,"
      + " train_accuracy, test_accuracy, gradient_norm, smallest_eigenvalue, largest_eigenvalue, zero_count,"
      + " nearest_distance, parameters, canonical";

  private final Path file;
  private final CatalogLock lock;
  private final Connection connection;
  private final PreparedStatement insertStart;
  private final String specJson;
  private final long masterSeed;
  private final String createdUtc;
  private boolean closed;

  private Catalog(Path file, CatalogLock lock, Connection connection) throws SQLException {
    this.file = file;
    this.lock = lock;
    this.connection = connection;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT spec_json, master_seed, created_utc FROM study WHERE id = 1")) {
      if (!rs.next()) {
        throw new InputException("catalog " + file + " has no study row: it was not created by basin or is damaged");
      }
      this.specJson = rs.getString(1);
      this.masterSeed = rs.getLong(2);
      this.createdUtc = rs.getString(3);
    }
    this.insertStart = connection.prepareStatement("INSERT INTO starts (" + START_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /**
   * Creates a new catalog file.
   *
   * @param file the database file; must not exist, its directory must
   * @param specJson the study spec as JSON text (stored verbatim; compared as parsed JSON)
   * @param masterSeed the study's master seed
   * @param provenance key/value pairs (basin version, git commit, JDK, OS, cores, start time, ...)
   * @throws InputException if the file exists, the spec is not JSON, or the catalog is locked
   */
  public static Catalog create(Path file, String specJson, long masterSeed, Map<String, String> provenance) {
    parseSpec(file, specJson);
    Objects.requireNonNull(provenance, "provenance");
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
   * Opens an existing catalog for reading and writing, migrating an older schema.
   *
   * @throws InputException if the file does not exist, is not a basin catalog, has a newer schema, or
   *     is in use by another process
   */
  public static Catalog open(Path file) {
    CatalogLock lock = CatalogLock.acquire(file);
    try {
      if (!Files.isRegularFile(file)) {
        throw new InputException("catalog " + file + " does not exist");
      }
      return openLocked(file, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens the catalog to resume a study, or creates it. An existing catalog must hold the same spec
   * (equal as parsed JSON: key order and white space do not matter) and the same master seed; its
   * stored provenance is kept.
   *
   * @throws InputException if an existing catalog holds a different spec or seed, or for the reasons
   *     of {@link #create} and {@link #open}
   */
  public static Catalog openOrCreate(Path file, String specJson, long masterSeed, Map<String, String> provenance) {
    JsonNode spec = parseSpec(file, specJson);
    Objects.requireNonNull(provenance, "provenance");
    CatalogLock lock = CatalogLock.acquire(file);
    try {
      if (!Files.exists(file)) {
        return createLocked(file, specJson, masterSeed, provenance, lock);
      }
      Catalog catalog = openLocked(file, lock);
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
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static Catalog createLocked(Path file, String specJson, long masterSeed, Map<String, String> provenance,
      CatalogLock lock) {
    Connection connection = null;
    try {
      connection = connect(file);
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
      return new Catalog(file, lock, connection);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      deleteQuietly(file);
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new CatalogException("cannot create catalog " + file + ": " + e.getMessage(), e);
    }
  }

  private static Catalog openLocked(Path file, CatalogLock lock) {
    Connection connection = null;
    try {
      connection = connect(file);
      Schema.upgrade(connection, file, Schema.CURRENT_VERSION, Schema.MIGRATIONS);
      return new Catalog(file, lock, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      if (e instanceof SQLiteException && ((SQLiteException) e).getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
        throw new InputException(file + " is not a basin catalog (not an SQLite database)");
      }
      throw new CatalogException("cannot open catalog " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** A connection with the catalog's pragmas: WAL, synchronous FULL, foreign keys, busy timeout. */
  private static Connection connect(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "unknown";
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new CatalogException("catalog " + file + " cannot use WAL journal mode (got " + mode
              + "); is it on a network file system?");
        }
      }
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = ON");
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  /** The database file. */
  public Path file() {
    return file;
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

  /** The schema version of the file (after any migration on open). */
  public synchronized int schemaVersion() {
    ensureOpen();
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
   */
  public synchronized void recordStart(StartRecord r) {
    ensureOpen();
    try {
      PreparedStatement p = insertStart;
      p.setInt(1, r.startIndex());
      p.setLong(2, r.seed());
      p.setString(3, r.status());
      p.setString(4, r.criticalClass());
      setReal(p, 5, r.trainLoss());
      setReal(p, 6, r.testLoss());
      setReal(p, 7, r.trainAccuracy());
      setReal(p, 8, r.testAccuracy());
      setReal(p, 9, r.gradientNorm());
      p.setLong(10, r.iterations());
      p.setLong(11, r.gradientEvaluations());
      p.setLong(12, r.hvpEvaluations());
      setReal(p, 13, r.smallestEigenvalue());
      setReal(p, 14, r.largestEigenvalue());
      setCount(p, 15, r.negativeCount());
      setCount(p, 16, r.zeroCount());
      setReal(p, 17, r.indexFraction());
      setCount(p, 18, r.activeKinks());
      p.setLong(19, r.wallMillis());
      setBlob(p, 20, r.parameters());
      setBlob(p, 21, r.canonical());
      p.executeUpdate();
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
   * @param withVectors whether to read the parameter and canonical vectors; without them (null in the
   *     records) a scan of a large study needs memory for the scalars only
   */
  public synchronized List<StartRecord> starts(boolean withVectors) {
    ensureOpen();
    List<StartRecord> out = new ArrayList<>();
    String columns = withVectors ? START_COLUMNS : START_COLUMNS.replace("parameters, canonical", "NULL, NULL");
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + columns + " FROM starts ORDER BY start_index")) {
      while (rs.next()) {
        int index = rs.getInt(1);
        out.add(new StartRecord(index, rs.getLong(2), rs.getString(3), rs.getString(4), real(rs, 5), real(rs, 6),
            real(rs, 7), real(rs, 8), real(rs, 9), rs.getLong(10), rs.getLong(11), rs.getLong(12), real(rs, 13),
            real(rs, 14), count(rs, 15), count(rs, 16), real(rs, 17), count(rs, 18), rs.getLong(19),
            blob(rs, 20, "parameters of start " + index), blob(rs, 21, "canonical of start " + index)));
      }
    } catch (SQLException e) {
      throw failure("read starts", e);
    }
    return out;
  }

  /**
   * Replaces all minima and their memberships in one transaction: readers see the old set or the new
   * one, never a mix.
   *
   * @param minima distinct minima with unique ids; every member must be a recorded start, and no start
   *     may belong to two minima
   * @throws IllegalArgumentException for repeated ids, unknown starts or shared members (nothing is
   *     written)
   */
  public synchronized void replaceMinima(List<MinimumRecord> minima) {
    ensureOpen();
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
    try {
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement();
          PreparedStatement insertMinimum = connection.prepareStatement("INSERT INTO minima (" + MINIMUM_COLUMNS + ")"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement insertMember = connection.prepareStatement(
              "INSERT INTO minimum_members (start_index, minimum_id) VALUES (?, ?)")) {
        s.execute("DELETE FROM minimum_members");
        s.execute("DELETE FROM minima");
        for (MinimumRecord m : minima) {
          insertMinimum.setInt(1, m.minimumId());
          insertMinimum.setInt(2, m.representativeStart());
          insertMinimum.setInt(3, m.hitCount());
          setReal(insertMinimum, 4, m.trainLoss());
          setReal(insertMinimum, 5, m.testLoss());
          setReal(insertMinimum, 6, m.trainAccuracy());
          setReal(insertMinimum, 7, m.testAccuracy());
          setReal(insertMinimum, 8, m.gradientNorm());
          setReal(insertMinimum, 9, m.smallestEigenvalue());
          setReal(insertMinimum, 10, m.largestEigenvalue());
          setCount(insertMinimum, 11, m.zeroCount());
          setReal(insertMinimum, 12, m.nearestDistance());
          setBlob(insertMinimum, 13, m.parameters());
          setBlob(insertMinimum, 14, m.canonical());
          insertMinimum.executeUpdate();
          for (int start : m.members()) {
            insertMember.setInt(1, start);
            insertMember.setInt(2, m.minimumId());
            insertMember.executeUpdate();
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("replace minima", e);
    }
  }

  /** Every distinct minimum with its members, ordered by minimum id. */
  public synchronized List<MinimumRecord> minima() {
    ensureOpen();
    Map<Integer, List<Integer>> members = new HashMap<>();
    List<MinimumRecord> out = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT minimum_id, start_index FROM minimum_members ORDER BY minimum_id, start_index")) {
        while (rs.next()) {
          members.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getInt(2));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT " + MINIMUM_COLUMNS + " FROM minima ORDER BY minimum_id")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          List<Integer> list = members.getOrDefault(id, List.of());
          int[] starts = new int[list.size()];
          Iterator<Integer> it = list.iterator();
          for (int i = 0; i < starts.length; i++) {
            starts[i] = it.next();
          }
          if (starts.length != rs.getInt(3)) {
            throw new CatalogException("catalog " + file + ": minimum " + id + " has hit_count " + rs.getInt(3)
                + " but " + starts.length + " member rows");
          }
          out.add(new MinimumRecord(id, rs.getInt(2), starts, real(rs, 4), real(rs, 5), real(rs, 6), real(rs, 7),
              real(rs, 8), real(rs, 9), real(rs, 10), count(rs, 11), real(rs, 12),
              blob(rs, 13, "parameters of minimum " + id), blob(rs, 14, "canonical of minimum " + id)));
        }
      }
    } catch (SQLException e) {
      throw failure("read minima", e);
    }
    return out;
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

  /** Closes the database (checkpointing the WAL) and releases the lock; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      insertStart.close();
      connection.close();
    } catch (SQLException e) {
      throw failure("close", e);
    } finally {
      lock.close();
    }
  }

  @Override
  public String toString() {
    return "Catalog[" + file + "]";
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
  }

  private CatalogException failure(String what, SQLException e) {
    return new CatalogException("cannot " + what + " in catalog " + file + ": " + e.getMessage(), e);
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

  private static void setReal(PreparedStatement p, int index, double v) throws SQLException {
    if (Double.isNaN(v)) {
      p.setNull(index, Types.REAL);
    } else {
      p.setDouble(index, v);
    }
  }

  private static void setCount(PreparedStatement p, int index, int v) throws SQLException {
    if (v == StartRecord.UNKNOWN_COUNT) {
      p.setNull(index, Types.INTEGER);
    } else {
      p.setInt(index, v);
    }
  }

  private static void setBlob(PreparedStatement p, int index, double[] v) throws SQLException {
    if (v == null) {
      p.setNull(index, Types.BLOB);
    } else {
      p.setBytes(index, Blobs.encode(v));
    }
  }

  private static double real(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static int count(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? StartRecord.UNKNOWN_COUNT : v;
  }

  private double[] blob(ResultSet rs, int column, String what) throws SQLException {
    byte[] bytes = rs.getBytes(column);
    if (bytes == null && !rs.wasNull()) {
      bytes = new byte[0];
    }
    try {
      return Blobs.decode(bytes, what);
    } catch (IllegalArgumentException e) {
      throw new CatalogException("catalog " + file + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Reporting the original failure matters more.
      }
    }
  }

  private static void deleteQuietly(Path file) {
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      try {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      } catch (IOException ignored) {
        // A leftover partial file is reported by the next create as "already exists".
      }
    }
  }
}

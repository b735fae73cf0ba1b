package basin.store;

import basin.core.InputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The catalog's tables (documented in docs/catalog.md), its version and the migration hook.
 *
 * <p>{@code schema_version} holds one row per version the file has been at, with the time it got
 * there; the file's version is the largest. Opening a file at an older version runs
 * {@link #MIGRATIONS} in order inside one transaction; a newer version is refused.
 */
final class Schema {
  private Schema() {}

  /**
   * The version this code writes. History: 1, the first; 2 adds {@code starts.active_kinks} (kink-aware
   * certification, docs/kinks.md).
   */
  static final int CURRENT_VERSION = 2;

  /** One schema change, from version v to v + 1, run inside the migration transaction. */
  @FunctionalInterface
  interface Migration {
    void apply(Connection connection) throws SQLException;
  }

  /**
   * MIGRATIONS.get(v - 1) takes a file from version v to v + 1; size CURRENT_VERSION - 1.
   *
   * <p>1 -&gt; 2: {@code starts.active_kinks}, NULL in the rows already there. A version-1 file may
   * have been written by a basin that already refined ReLU end points onto kinks without recording
   * how many, so NULL (unknown) is the only honest value; the starts' other columns are unchanged and
   * new starts of a resumed study get the count.
   */
  static final List<Migration> MIGRATIONS = List.of(
      connection -> {
        try (Statement s = connection.createStatement()) {
          s.execute("ALTER TABLE starts ADD COLUMN active_kinks INTEGER CHECK (active_kinks >= 0)");
        }
      });

  static final List<String> CREATE = List.of(
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
          + " active_kinks INTEGER CHECK (active_kinks >= 0),"
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

  /** Creates every table and records CURRENT_VERSION; the caller owns the transaction. */
  static void create(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String ddl : CREATE) {
        s.execute(ddl);
      }
    }
    recordVersion(connection, CURRENT_VERSION);
  }

  /** The file's version: the largest in schema_version, or 0 when the table is missing or empty. */
  static int version(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet tables = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
      if (!tables.next() || tables.getInt(1) == 0) {
        return 0;
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Brings the file to {@code target} with {@code migrations} (entry v - 1 goes from v to v + 1), all
   * in one transaction: a failure leaves the file at its old version.
   *
   * @throws InputException if the file is not a basin catalog or is newer than {@code target}
   */
  static void upgrade(Connection connection, Path file, int target, List<Migration> migrations) throws SQLException {
    int version = version(connection);
    if (version == 0) {
      throw new InputException(file + " is not a basin catalog (it has no schema_version table)");
    }
    if (version > target) {
      throw new InputException("catalog " + file + " has schema version " + version + ", newer than the "
          + target + " this basin reads: use a newer basin");
    }
    if (version == target) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      for (int v = version; v < target; v++) {
        migrations.get(v - 1).apply(connection);
        recordVersion(connection, v + 1);
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void recordVersion(Connection connection, int version) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO schema_version (version, applied_utc) VALUES (?, ?)")) {
      p.setInt(1, version);
      p.setString(2, Instant.now().toString());
      p.executeUpdate();
    }
  }
}

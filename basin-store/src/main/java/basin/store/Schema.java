package basin.store;

import basin.core.InputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
   * certification, docs/kinks.md); 3 renames {@code train_loss} to {@code objective}, adds
   * {@code train_data_loss}, {@code parameter_norm} and the vectors' CRC32C checksums, the minima's
   * {@code negative_count} and {@code index_fraction}, and the {@code result_tables} registry.
   */
  static final int CURRENT_VERSION = 3;

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
   *
   * <p>2 -&gt; 3: see {@link #toVersion3}.
   */
  static final List<Migration> MIGRATIONS = List.of(
      connection -> {
        try (Statement s = connection.createStatement()) {
          s.execute("ALTER TABLE starts ADD COLUMN active_kinks INTEGER CHECK (active_kinks >= 0)");
        }
      },
      Schema::toVersion3);

  /** The registry of result tables added by analyses ({@link Catalog#ensureTable}). */
  static final String RESULT_TABLES = "CREATE TABLE result_tables (name TEXT PRIMARY KEY, key TEXT NOT NULL,"
      + " description TEXT NOT NULL, columns_json TEXT NOT NULL)";

  static final List<String> CREATE = List.of(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL)",
      "CREATE TABLE study (id INTEGER PRIMARY KEY CHECK (id = 1), spec_json TEXT NOT NULL,"
          + " master_seed INTEGER NOT NULL, created_utc TEXT NOT NULL)",
      "CREATE TABLE provenance (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      CatalogTables.STARTS.table.createSql(),
      CatalogTables.MINIMA.table.createSql(),
      CatalogTables.MEMBERS.createSql(),
      "CREATE INDEX minimum_members_by_minimum ON minimum_members (minimum_id, start_index)",
      RESULT_TABLES);

  /**
   * Version 2 to 3, in the migration's transaction.
   *
   * <ul>
   *   <li>{@code train_loss} (starts and minima) is renamed {@code objective}: it always held the
   *       training objective including the L2 term.
   *   <li>{@code train_data_loss} is the objective where the stored spec has {@code l2} = 0 (then
   *       the two are the same number), and NULL otherwise (unknown: version 2 did not store the data
   *       loss, and subtracting (lambda/2)||w||^2 from the objective would not reproduce what the
   *       data loss evaluates to).
   *   <li>{@code parameter_norm} and the CRC32C columns are computed from the stored vectors.
   *   <li>The minima's {@code negative_count} and {@code index_fraction} are copied from their
   *       representative start, like their other curvature columns.
   *   <li>The {@code result_tables} registry is created, empty.
   * </ul>
   */
  static void toVersion3(Connection connection) throws SQLException {
    boolean l2IsZero;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT spec_json FROM study WHERE id = 1")) {
      l2IsZero = rs.next() && specHasZeroL2(rs.getString(1));
    }
    try (Statement s = connection.createStatement()) {
      for (String table : new String[] {"starts", "minima"}) {
        s.execute("ALTER TABLE " + table + " RENAME COLUMN train_loss TO objective");
        s.execute("ALTER TABLE " + table + " ADD COLUMN train_data_loss REAL");
        s.execute("ALTER TABLE " + table + " ADD COLUMN parameter_norm REAL");
        s.execute("ALTER TABLE " + table + " ADD COLUMN parameters_crc32c INTEGER");
        s.execute("ALTER TABLE " + table + " ADD COLUMN canonical_crc32c INTEGER");
        if (l2IsZero) {
          s.execute("UPDATE " + table + " SET train_data_loss = objective");
        }
      }
      s.execute("ALTER TABLE minima ADD COLUMN negative_count INTEGER");
      s.execute("ALTER TABLE minima ADD COLUMN index_fraction REAL");
      s.execute("UPDATE minima SET"
          + " negative_count = (SELECT negative_count FROM starts WHERE start_index = minima.representative_start),"
          + " index_fraction = (SELECT index_fraction FROM starts WHERE start_index = minima.representative_start)");
      s.execute(RESULT_TABLES);
    }
    fillDerived(connection, "starts", "start_index");
    fillDerived(connection, "minima", "minimum_id");
  }

  /** Sets parameter_norm and the checksums of every row from its stored vectors. */
  private static void fillDerived(Connection connection, String table, String key) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + key + ", parameters, canonical FROM " + table);
        PreparedStatement update = connection.prepareStatement("UPDATE " + table
            + " SET parameter_norm = ?, parameters_crc32c = ?, canonical_crc32c = ? WHERE " + key + " = ?")) {
      while (rs.next()) {
        long id = rs.getLong(1);
        byte[] parameters = rs.getBytes(2);
        byte[] canonical = rs.getBytes(3);
        double norm = parameters == null || parameters.length % 8 != 0 ? Double.NaN
            : StartRecord.norm(Blobs.decode(parameters, table + " " + id));
        if (Double.isNaN(norm)) {
          update.setNull(1, java.sql.Types.REAL);
        } else {
          update.setDouble(1, norm);
        }
        setCrc(update, 2, parameters);
        setCrc(update, 3, canonical);
        update.setLong(4, id);
        update.executeUpdate();
      }
    }
  }

  private static void setCrc(PreparedStatement p, int index, byte[] bytes) throws SQLException {
    if (bytes == null) {
      p.setNull(index, java.sql.Types.INTEGER);
    } else {
      p.setLong(index, Blobs.crc32c(bytes));
    }
  }

  /** Whether a stored spec says {@code "l2": 0}; false when it is not JSON or has no numeric l2. */
  static boolean specHasZeroL2(String specJson) {
    try {
      JsonNode l2 = Catalog.JSON.readTree(specJson).get("l2");
      return l2 != null && l2.isNumber() && l2.decimalValue().signum() == 0;
    } catch (JsonProcessingException | RuntimeException e) {
      return false;
    }
  }

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

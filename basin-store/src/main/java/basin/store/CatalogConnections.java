package basin.store;

import basin.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The catalog's SQLite connections: a writer's (WAL, synchronous FULL, foreign keys), a reader's
 * (read-only, query_only, immutable without a WAL), a reader's in-memory migrated copy of an older
 * file, checkpoints, and the translation of SQLite errors into bad input or storage failures.
 */
final class CatalogConnections {
  private CatalogConnections() {}

  static void checkVersion(Path file, int version) {
    if (version == 0) {
      throw new InputException(file + " is not a Basin catalog (it has no schema_version table)");
    }
    if (version > Schema.CURRENT_VERSION) {
      throw new InputException("catalog " + file + " has schema version " + version + ", newer than the "
          + Schema.CURRENT_VERSION + " this basin reads: use a newer basin");
    }
  }

  /** A writer's connection: WAL, synchronous FULL, foreign keys, busy timeout. */
  static Connection connectForWriting(Path file) throws SQLException {
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

  /**
   * A reader's connection: SQLITE_OPEN_READONLY and query_only, busy timeout.
   *
   * <p>While a writer runs (or after one crashed) the catalog has a -wal file, and the reader opens
   * it through SQLite's WAL protocol, which sees every committed transaction (and shares the -shm
   * file). Without a -wal file every row is in the .db file; the reader then opens it with
   * {@code immutable=1}, so that SQLite creates no -wal or -shm file (a read-only connection could
   * not delete them again) and needs none on read-only media. The price: a writer that starts during
   * such a read and checkpoints more than 1000 WAL pages into the file before the read ends could make
   * the reader fail with a "damaged" error; rerun the read then. Every later call of such a reader
   * first looks for a -wal file and, when a writer has appeared, reconnects through the WAL protocol,
   * so only a read already running when the writer checkpoints is exposed.
   */
  static Connection connectReadOnly(Path file, boolean immutable) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10000);
    String url = "jdbc:sqlite:file:" + uriPath(file) + (immutable ? "?immutable=1" : "");
    Connection connection = DriverManager.getConnection(url, config.toProperties());
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA query_only = 1");
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  /** The absolute path as a file: URI path, percent-encoding what URIs reserve. */
  static String uriPath(Path file) {
    String path = file.toAbsolutePath().toString();
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (c == '%' || c == '?' || c == '#' || c == ' ') {
        b.append('%').append(String.format("%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A private in-memory copy of an older file, migrated to the current schema: the image is read
   * through the read-only connection (WAL content included), marked as a rollback-journal database
   * (header bytes 18 and 19, which SQLite requires of an in-memory image) and migrated.
   */
  static Connection migratedInMemory(Path file, Connection readOnly) throws SQLException {
    byte[] image = ((SQLiteConnection) readOnly).serialize("main");
    if (image.length >= 20) {
      image[18] = 1;
      image[19] = 1;
    }
    Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:");
    try {
      ((SQLiteConnection) memory).deserialize("main", image);
      Schema.upgrade(memory, file, Schema.CURRENT_VERSION, Schema.MIGRATIONS);
      try (Statement s = memory.createStatement()) {
        s.execute("PRAGMA query_only = 1");
      }
      return memory;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(memory);
      throw e;
    }
  }

  static void checkpoint(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      rs.next(); // (busy, log frames, checkpointed frames): busy when a reader holds an old snapshot
    }
  }

  static Path walOf(Path file) {
    return file.resolveSibling(file.getFileName() + "-wal");
  }

  /** A reader's connection, immutable exactly when the catalog has no -wal file now. */
  static Connection connectReadOnly(Path file) throws SQLException {
    return connectReadOnly(file, !Files.exists(walOf(file)));
  }

  /** Damage and foreign files are bad input (one line, exit 2 in the CLI); the rest storage failures. */
  static RuntimeException translate(Path file, String what, SQLException e) {
    if (e instanceof SQLiteException) {
      SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
      if (code == SQLiteErrorCode.SQLITE_NOTADB) {
        return new InputException(file + " is not a Basin catalog (not an SQLite database)");
      }
      if (code == SQLiteErrorCode.SQLITE_CORRUPT || code.code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
        return new InputException("catalog " + file + " is damaged (" + firstLine(e.getMessage())
            + "): restore it from a backup");
      }
      if (code.code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
        return new InputException("catalog " + file + " cannot be opened (" + firstLine(e.getMessage()) + ")");
      }
    }
    return new CatalogException("cannot " + what + " in catalog " + file + ": " + firstLine(e.getMessage()), e);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Reporting the original failure matters more.
      }
    }
  }

  static void deleteQuietly(Path file) {
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      try {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      } catch (IOException ignored) {
        // A leftover partial file is reported by the next create as "already exists".
      }
    }
  }
}

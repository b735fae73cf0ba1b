package basin.store;

import basin.core.InputException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Rows to and from SQL through a {@link Table}'s description: NaN and unknown counts as NULL,
 * vectors as float64 BLOBs with their CRC32C beside them, verified on every read.
 */
final class TableIo {
  private TableIo() {}

  /** Binds the row's values to the parameters of {@link Table#insertSql}. */
  static void bind(PreparedStatement p, Row row) throws SQLException {
    Table t = row.table();
    int parameter = 1;
    for (int i = 0; i < t.columns().size(); i++) {
      Object v = row.value(i);
      switch (t.columns().get(i).type()) {
        case INTEGER -> {
          if (v == null) {
            p.setNull(parameter++, Types.INTEGER);
          } else {
            p.setLong(parameter++, (Long) v);
          }
        }
        case REAL -> {
          if (v == null || Double.isNaN((Double) v)) {
            p.setNull(parameter++, Types.REAL);
          } else {
            p.setDouble(parameter++, (Double) v);
          }
        }
        case TEXT -> {
          if (v == null) {
            p.setNull(parameter++, Types.VARCHAR);
          } else {
            p.setString(parameter++, (String) v);
          }
        }
        case VECTOR -> {
          if (v == null) {
            p.setNull(parameter++, Types.BLOB);
            p.setNull(parameter++, Types.INTEGER);
          } else {
            byte[] bytes = Blobs.encode((double[]) v);
            p.setBytes(parameter++, bytes);
            p.setLong(parameter++, Blobs.crc32c(bytes));
          }
        }
      }
    }
  }

  /**
   * The row at the cursor of a {@link Table#selectSql} query.
   *
   * @throws InputException naming the catalog, table, row and column when a vector's checksum does
   *     not match its bytes, or its length is not a multiple of 8
   */
  static Row read(ResultSet rs, Table t, Path file) throws SQLException {
    Object[] values = new Object[t.columns().size()];
    int sqlColumn = 1;
    int vectorColumns = 0;
    int[] vectorIndex = new int[t.columns().size()];
    long[] storedCrc = new long[t.columns().size()];
    byte[][] blobs = new byte[t.columns().size()][];
    for (int i = 0; i < values.length; i++) {
      switch (t.columns().get(i).type()) {
        case INTEGER -> {
          long v = rs.getLong(sqlColumn++);
          values[i] = rs.wasNull() ? null : v;
        }
        case REAL -> {
          double v = rs.getDouble(sqlColumn++);
          values[i] = rs.wasNull() ? null : v;
        }
        case TEXT -> values[i] = rs.getString(sqlColumn++);
        case VECTOR -> {
          byte[] bytes = rs.getBytes(sqlColumn++);
          if (bytes == null && !rs.wasNull()) {
            bytes = new byte[0];
          }
          long crc = rs.getLong(sqlColumn++);
          storedCrc[vectorColumns] = rs.wasNull() ? -1 : crc;
          blobs[vectorColumns] = bytes;
          vectorIndex[vectorColumns++] = i;
        }
      }
    }
    Row keyOnly = new Row(t, values.clone(), false);
    for (int k = 0; k < vectorColumns; k++) {
      int i = vectorIndex[k];
      byte[] bytes = blobs[k];
      if (bytes == null) {
        continue;
      }
      String where = "catalog " + file + ": table " + t.name() + ", row " + keyOnly.keyText() + ", column "
          + t.columns().get(i).name();
      long computed = Blobs.crc32c(bytes);
      if (storedCrc[k] != computed) {
        throw new InputException(where + ": checksum mismatch (stored crc32c "
            + (storedCrc[k] < 0 ? "NULL" : Long.toString(storedCrc[k])) + ", computed " + computed
            + "): the file is damaged; restore it from a backup");
      }
      try {
        values[i] = Blobs.decode(bytes, where);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      }
    }
    return new Row(t, values);
  }
}

package basin.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a catalog table: its SQL name and type, whether it may be NULL, its name in the
 * exports, when it is exported, and the sentence that documents it (docs/catalog.md and the export
 * column docs are generated from it).
 *
 * <p>Types and their Java values in a {@link Row}: {@link Type#INTEGER} a {@code long},
 * {@link Type#REAL} a {@code double} (NaN is stored as NULL), {@link Type#TEXT} a {@code String},
 * {@link Type#VECTOR} a {@code double[]} stored as a BLOB of little-endian float64 with a CRC32C
 * checksum column {@code <name>_crc32c} beside it (docs/catalog.md, "Integrity").
 *
 * @param name the SQL column name: lower case letters, digits and '_', starting with a letter
 * @param type the SQL type
 * @param nullable whether NULL (NaN, an unknown count, a missing vector) is allowed
 * @param exportName the column's name in CSV headers and JSON keys
 * @param export when the column appears in exports
 * @param description one sentence: what the value is, its unit and its NULL meaning
 */
public record Column(String name, Type type, boolean nullable, String exportName, Export export, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** SQL type of a column. */
  public enum Type {
    /** 64-bit integer, SQL {@code INTEGER}. */
    INTEGER("INTEGER"),
    /** IEEE float64, SQL {@code REAL}; NaN is NULL. */
    REAL("REAL"),
    /** UTF-8 text, SQL {@code TEXT}. */
    TEXT("TEXT"),
    /** A float64 vector, SQL {@code BLOB} (8 bytes per entry, little-endian) plus a CRC32C column. */
    VECTOR("BLOB");

    final String sql;

    Type(String sql) {
      this.sql = sql;
    }
  }

  /** When a column is written to exports. */
  public enum Export {
    /** In every export (vectors: JSON arrays and .npy files, never CSV). */
    RESULT,
    /** Only in exports with timings (it differs between runs of the same study). */
    TIMING,
    /** Never: kept in the catalog only (for example the P numbers of every start). */
    NEVER
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(exportName, "exportName");
    Objects.requireNonNull(export, "export");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches() || !NAME.matcher(exportName).matches()) {
      throw new IllegalArgumentException("column name '" + name + "' / export name '" + exportName
          + "': expected lower case letters, digits and '_', starting with a letter, at most 63 characters");
    }
    if (name.endsWith(CHECKSUM_SUFFIX)) {
      throw new IllegalArgumentException("column name '" + name + "' ends with " + CHECKSUM_SUFFIX
          + ", which is reserved for the checksums of vector columns");
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException("column " + name + " has no description");
    }
  }

  /** Suffix of the checksum column stored beside each vector column. */
  public static final String CHECKSUM_SUFFIX = "_crc32c";

  /** A nullable result column exported under its own name. */
  public static Column of(String name, Type type, String description) {
    return new Column(name, type, true, name, Export.RESULT, description);
  }

  /** A NOT NULL result column exported under its own name. */
  public static Column required(String name, Type type, String description) {
    return new Column(name, type, false, name, Export.RESULT, description);
  }

  /** This column exported as {@code export}. */
  public Column exported(Export when) {
    return new Column(name, type, nullable, exportName, when, description);
  }

  /** This column with another export name. */
  public Column exportedAs(String newExportName) {
    return new Column(name, type, nullable, newExportName, export, description);
  }

  /** Name of the checksum column of a vector column. */
  String checksumName() {
    return name + CHECKSUM_SUFFIX;
  }

  /** The column's SQL definition, without constraints beyond NOT NULL. */
  String definition() {
    return name + " " + type.sql + (nullable ? "" : " NOT NULL");
  }
}

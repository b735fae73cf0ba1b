package basin.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The description of one catalog table: its name, what a row is, its key and its columns. The
 * CREATE TABLE, INSERT and SELECT statements, the row mapping, the export headers and the column
 * documentation in docs/catalog.md are all derived from it, so each column is written down once.
 *
 * <p>The catalog's own tables ({@code starts}, {@code minima}) are described in
 * {@code CatalogTables}. Later analyses (flatness, saddles, paths, sweeps) add <em>result
 * tables</em> of their own, keyed by a minimum ({@link #byMinimum}), by a pair of minima
 * ({@link #byMinimumPair}) or by a sweep point ({@link #bySweepPoint}), through
 * {@link Catalog#ensureTable}, {@link Catalog#putRows} and {@link Catalog#rows}; the exports write
 * every result table present.
 *
 * <p>Vector columns get a CRC32C checksum column {@code <name>_crc32c} beside them, verified on
 * every read.
 */
public final class Table {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  /** Names result tables may not take: the catalog's own tables and SQLite's. */
  static final Set<String> RESERVED = Set.of("schema_version", "study", "provenance", "starts", "minima",
      "minimum_members", "result_tables");

  /** What a row of the table is about. */
  public enum Key {
    /** One row per start: key {@code start_index} (the catalog's {@code starts}). */
    START,
    /** One row per distinct minimum: key {@code minimum_id}. */
    MINIMUM,
    /**
     * One row per ordered pair of minima: key ({@code minimum_a}, {@code minimum_b}); an analysis
     * whose result is symmetric stores each pair once with {@code minimum_a < minimum_b}.
     */
    MINIMUM_PAIR,
    /**
     * One row per ordered pair of minima and variant of the analysis: key ({@code minimum_a},
     * {@code minimum_b}, {@code variant}), the variant a TEXT label saying how the pair was analysed
     * (for paths: method and alignment, e.g. {@code neb/weight}), so that several analyses of the
     * same pair live side by side in one table.
     */
    MINIMUM_PAIR_VARIANT,
    /** One row per point of a sweep: key {@code sweep_point}, the point's index in the sweep. */
    SWEEP_POINT,
    /** One row per critical point an analysis found (saddles as well as minima): key {@code point_id}. */
    CRITICAL_POINT,
    /**
     * Several rows per start: key ({@code start_index}, a second integer column the table names,
     * for example a stopping rule's position or a check's number along a trajectory).
     */
    START_AND_INDEX;

    /** The number of key columns: 3 for MINIMUM_PAIR_VARIANT, 2 for MINIMUM_PAIR and START_AND_INDEX, 1 otherwise. */
    public int columnCount() {
      return this == MINIMUM_PAIR_VARIANT ? 3 : this == MINIMUM_PAIR || this == START_AND_INDEX ? 2 : 1;
    }
  }

  private final String name;
  private final String description;
  private final Key key;
  private final List<Column> keyColumns;
  private final List<Column> columns;
  private final List<String> constraints;
  private final Map<String, Integer> index = new HashMap<>();

  Table(String name, String description, Key key, List<Column> keyColumns, List<Column> valueColumns,
      List<String> constraints) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.key = Objects.requireNonNull(key, "key");
    if (!NAME.matcher(name).matches() || name.startsWith("sqlite_")) {
      throw new IllegalArgumentException("table name '" + name
          + "': expected lower case letters, digits and '_', starting with a letter, not sqlite_");
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException("table " + name + " has no description");
    }
    List<Column> all = new ArrayList<>(keyColumns);
    all.addAll(valueColumns);
    Set<String> sqlNames = new LinkedHashSet<>();
    Set<String> exportNames = new LinkedHashSet<>();
    for (Column c : all) {
      if (!sqlNames.add(c.name()) || (c.type() == Column.Type.VECTOR && !sqlNames.add(c.checksumName()))) {
        throw new IllegalArgumentException("table " + name + ": column " + c.name() + " appears twice");
      }
      if (!exportNames.add(c.exportName())) {
        throw new IllegalArgumentException("table " + name + ": export name " + c.exportName() + " appears twice");
      }
    }
    for (Column c : keyColumns) {
      boolean variant = key == Key.MINIMUM_PAIR_VARIANT && c.name().equals("variant");
      if (c.nullable() || c.type() != (variant ? Column.Type.TEXT : Column.Type.INTEGER)) {
        throw new IllegalArgumentException("table " + name + ": key column " + c.name() + " must be " + (variant ? "TEXT" : "INTEGER")
            + " NOT NULL");
      }
    }
    this.keyColumns = List.copyOf(keyColumns);
    this.columns = List.copyOf(all);
    this.constraints = List.copyOf(constraints);
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name(), i);
    }
  }

  /**
   * A result table with one row per distinct minimum, keyed by {@code minimum_id} (the id in the
   * catalog's {@code minima}).
   *
   * @param name table name: lower case letters, digits and '_'; not one of the catalog's own tables
   * @param description one sentence: what the analysis computed
   * @param columns the value columns (the key column is added)
   */
  public static Table byMinimum(String name, String description, List<Column> columns) {
    return result(name, description, Key.MINIMUM,
        List.of(Column.required("minimum_id", Column.Type.INTEGER, "Id of the minimum (catalog table minima).")), columns);
  }

  /** A result table with one row per ordered pair of minima, keyed by ({@code minimum_a}, {@code minimum_b}). */
  public static Table byMinimumPair(String name, String description, List<Column> columns) {
    return result(name, description, Key.MINIMUM_PAIR, List.of(
        Column.required("minimum_a", Column.Type.INTEGER, "Id of the first minimum of the pair."),
        Column.required("minimum_b", Column.Type.INTEGER, "Id of the second minimum of the pair.")), columns);
  }

  /**
   * A result table with one row per ordered pair of minima and variant, keyed by ({@code minimum_a},
   * {@code minimum_b}, {@code variant}); the variant is TEXT.
   *
   * @param variantDescription one sentence: what the variant label names and how it is written
   */
  public static Table byMinimumPairAndVariant(String name, String description, String variantDescription, List<Column> columns) {
    return result(name, description, Key.MINIMUM_PAIR_VARIANT, List.of(
        Column.required("minimum_a", Column.Type.INTEGER, "Id of the first minimum of the pair."),
        Column.required("minimum_b", Column.Type.INTEGER, "Id of the second minimum of the pair."),
        Column.required("variant", Column.Type.TEXT, variantDescription)), columns);
  }

  /** A result table with one row per point of a sweep, keyed by {@code sweep_point} (the point's index). */
  public static Table bySweepPoint(String name, String description, List<Column> columns) {
    return result(name, description, Key.SWEEP_POINT,
        List.of(Column.required("sweep_point", Column.Type.INTEGER, "Index of the point in the sweep, from 0.")), columns);
  }

  /** A result table with one row per critical point found by an analysis, keyed by {@code point_id} (numbered from 0). */
  public static Table byCriticalPoint(String name, String description, List<Column> columns) {
    return result(name, description, Key.CRITICAL_POINT,
        List.of(Column.required("point_id", Column.Type.INTEGER, "Id of the critical point in this table, from 0.")), columns);
  }

  /**
   * A result table with several rows per start, keyed by ({@code start_index}, {@code indexName}).
   *
   * @param indexName the second key column (lower case, e.g. {@code rule} or {@code check})
   * @param indexDescription what that index counts
   */
  public static Table byStartAndIndex(String name, String description, String indexName, String indexDescription, List<Column> columns) {
    return result(name, description, Key.START_AND_INDEX, List.of(
        Column.required("start_index", Column.Type.INTEGER, "Index of the start (catalog table starts)."),
        Column.required(indexName, Column.Type.INTEGER, indexDescription)), columns);
  }

  private static Table result(String name, String description, Key key, List<Column> keyColumns, List<Column> columns) {
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException("table name '" + name + "' is one of the catalog's own tables");
    }
    return new Table(name, description, key, keyColumns, columns, List.of());
  }

  /** The SQL table name. */
  public String name() {
    return name;
  }

  /** What a row is, one sentence. */
  public String description() {
    return description;
  }

  /** What a row is about. */
  public Key key() {
    return key;
  }

  /** The key columns, in key order. */
  public List<Column> keyColumns() {
    return keyColumns;
  }

  /** Every column: the key first, then the values, in table order (checksum columns not included). */
  public List<Column> columns() {
    return columns;
  }

  /** The column named {@code columnName}. */
  public Column column(String columnName) {
    return columns.get(indexOf(columnName));
  }

  /** A builder of a row of this table; unset columns are NULL. */
  public Row.Builder row() {
    return new Row.Builder(this);
  }

  int indexOf(String columnName) {
    Integer i = index.get(columnName);
    if (i == null) {
      throw new IllegalArgumentException("table " + name + " has no column " + columnName);
    }
    return i;
  }

  boolean hasColumn(String columnName) {
    return index.containsKey(columnName);
  }

  /** The SQL column names in storage order: each vector column followed by its checksum column. */
  List<String> sqlColumns() {
    List<String> out = new ArrayList<>();
    for (Column c : columns) {
      out.add(c.name());
      if (c.type() == Column.Type.VECTOR) {
        out.add(c.checksumName());
      }
    }
    return Collections.unmodifiableList(out);
  }

  String createSql() {
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(name).append(" (");
    for (Column c : columns) {
      b.append(c.definition()).append(", ");
      if (c.type() == Column.Type.VECTOR) {
        b.append(c.checksumName()).append(" INTEGER, ");
      }
    }
    b.append("PRIMARY KEY (");
    for (int i = 0; i < keyColumns.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(keyColumns.get(i).name());
    }
    b.append(')');
    for (String c : constraints) {
      b.append(", ").append(c);
    }
    return b.append(')').toString();
  }

  String insertSql(boolean replace) {
    List<String> sql = sqlColumns();
    return "INSERT " + (replace ? "OR REPLACE " : "") + "INTO " + name + " (" + String.join(", ", sql) + ") VALUES ("
        + String.join(", ", Collections.nCopies(sql.size(), "?")) + ")";
  }

  /** SELECT of every column ordered by the key; vectors replaced by NULL unless {@code withVectors}. */
  String selectSql(boolean withVectors) {
    return selectSql(withVectors, Set.of());
  }

  /**
   * As {@link #selectSql(boolean)}, with the columns named in {@code absent} (not stored: a table
   * made by an older version, see {@link #extendsShape}) read as NULL.
   */
  String selectSql(boolean withVectors, Set<String> absent) {
    List<String> out = new ArrayList<>();
    for (String c : sqlColumns()) {
      String base = c.endsWith(Column.CHECKSUM_SUFFIX) && isVector(c.substring(0, c.length() - Column.CHECKSUM_SUFFIX.length()))
          ? c.substring(0, c.length() - Column.CHECKSUM_SUFFIX.length())
          : c;
      boolean vectorPart = !withVectors && isVector(base);
      out.add(vectorPart || absent.contains(base) ? "NULL" : c);
    }
    StringBuilder order = new StringBuilder();
    for (Column k : keyColumns) {
      order.append(order.length() == 0 ? "" : ", ").append(k.name());
    }
    return "SELECT " + String.join(", ", out) + " FROM " + name + " ORDER BY " + order;
  }

  private boolean isVector(String columnName) {
    Integer i = index.get(columnName);
    return i != null && columns.get(i).type() == Column.Type.VECTOR;
  }

  /** Same name, key and column names and types (descriptions and export settings may differ). */
  /**
   * Whether this table is {@code stored} with nullable columns added, the one change a catalog
   * accepts in place: same name and key, every stored column here with the same type and
   * nullability (in any position), at least one more column, and every column {@code stored} lacks
   * nullable (so its rows read NULL there: not measured by the version that wrote them).
   */
  boolean extendsShape(Table stored) {
    if (!name.equals(stored.name) || key != stored.key || columns.size() <= stored.columns.size()) return false;
    for (Column b : stored.columns) {
      Integer i = index.get(b.name());
      if (i == null) return false;
      Column a = columns.get(i);
      if (a.type() != b.type() || a.nullable() != b.nullable()) return false;
    }
    for (Column a : columns) {
      if (!stored.hasColumn(a.name()) && !a.nullable()) return false;
    }
    return true;
  }

  /** The names of this table's columns that {@code stored} lacks, in this table's order. */
  Set<String> columnsMissingFrom(Table stored) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Column a : columns) {
      if (!stored.hasColumn(a.name())) out.add(a.name());
    }
    return out;
  }

  /** ALTER TABLE statements adding the column (and its checksum column for a vector). */
  List<String> addColumnSql(String columnName) {
    Column c = column(columnName);
    List<String> out = new ArrayList<>();
    out.add("ALTER TABLE " + name + " ADD COLUMN " + c.definition());
    if (c.type() == Column.Type.VECTOR) out.add("ALTER TABLE " + name + " ADD COLUMN " + c.checksumName() + " INTEGER");
    return out;
  }

  boolean sameShape(Table other) {
    if (!name.equals(other.name) || key != other.key || columns.size() != other.columns.size()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      Column a = columns.get(i);
      Column b = other.columns.get(i);
      if (!a.name().equals(b.name()) || a.type() != b.type() || a.nullable() != b.nullable()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Table[" + name + ", " + key + ", " + columns.size() + " columns]";
  }
}

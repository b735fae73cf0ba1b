package basin.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a {@link Table}: a value per column, read and written by column name.
 *
 * <p>Values by column type: INTEGER a {@code long} (or NULL), REAL a {@code double} (NaN is NULL),
 * TEXT a {@code String} (or null), VECTOR a {@code double[]} (or null; not copied, do not modify).
 * Two rows are equal when their tables have the same name and their values are equal (doubles as by
 * {@link Double#compare}, vectors by content).
 */
public final class Row {
  private final Table table;
  private final Object[] values;

  Row(Table table, Object[] values) {
    this(table, values, true);
  }

  Row(Table table, Object[] values, boolean validate) {
    this.table = table;
    this.values = values;
    for (int i = 0; i < values.length; i++) {
      Column c = table.columns().get(i);
      if (validate && isNull(values[i]) && !c.nullable()) {
        throw new IllegalArgumentException("table " + table.name() + ": column " + c.name() + " is NOT NULL but "
            + (values[i] == null ? "was not set" : "is NaN"));
      }
      if (values[i] instanceof Double && Double.isNaN((Double) values[i])) {
        values[i] = null; // NaN is NULL: one representation, so equal rows are equal
      }
    }
  }

  private static boolean isNull(Object v) {
    return v == null || v instanceof Double && Double.isNaN((Double) v);
  }

  /** The table this row belongs to. */
  public Table table() {
    return table;
  }

  /** Whether the column holds NULL (a NaN REAL counts as NULL). */
  public boolean isNull(String column) {
    return isNull(values[table.indexOf(column)]);
  }

  /**
   * An INTEGER column's value.
   *
   * @throws IllegalStateException if it is NULL
   */
  public long getLong(String column) {
    Object v = typed(column, Column.Type.INTEGER);
    if (v == null) {
      throw new IllegalStateException("table " + table.name() + ": column " + column + " is NULL");
    }
    return (Long) v;
  }

  /** An INTEGER column's value as an int, or {@code ifNull} when NULL. */
  public int getInt(String column, int ifNull) {
    Object v = typed(column, Column.Type.INTEGER);
    return v == null ? ifNull : Math.toIntExact((Long) v);
  }

  /** A REAL column's value; NaN for NULL. */
  public double getDouble(String column) {
    Object v = typed(column, Column.Type.REAL);
    return v == null ? Double.NaN : (Double) v;
  }

  /** A TEXT column's value, or null. */
  public String getText(String column) {
    return (String) typed(column, Column.Type.TEXT);
  }

  /** A VECTOR column's value, or null (not copied: do not modify). */
  public double[] getVector(String column) {
    return (double[]) typed(column, Column.Type.VECTOR);
  }

  Object value(int i) {
    return values[i];
  }

  private Object typed(String column, Column.Type type) {
    int i = table.indexOf(column);
    Column c = table.columns().get(i);
    if (c.type() != type) {
      throw new IllegalArgumentException("table " + table.name() + ": column " + column + " is " + c.type() + ", not " + type);
    }
    return values[i];
  }

  /** Key values as text, for messages: {@code start_index=3} or {@code minimum_a=1, minimum_b=4}. */
  String keyText() {
    StringBuilder b = new StringBuilder();
    for (Column k : table.keyColumns()) {
      b.append(b.length() == 0 ? "" : ", ").append(k.name()).append('=').append(values[table.indexOf(k.name())]);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Row)) {
      return false;
    }
    Row r = (Row) o;
    if (!table.name().equals(r.table.name()) || values.length != r.values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      Object a = values[i];
      Object b = r.values[i];
      boolean same = a instanceof double[] && b instanceof double[] ? Arrays.equals((double[]) a, (double[]) b)
          : a instanceof Double && b instanceof Double ? Double.compare((Double) a, (Double) b) == 0
          : Objects.equals(a, b);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = table.name().hashCode();
    for (Object v : values) {
      h = 31 * h + (v instanceof double[] ? Arrays.hashCode((double[]) v) : Objects.hashCode(v));
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(table.name()).append('[');
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      b.append(i == 0 ? "" : ", ").append(table.columns().get(i).name()).append('=')
          .append(v instanceof double[] ? "double[" + ((double[]) v).length + "]" : String.valueOf(v));
    }
    return b.append(']').toString();
  }

  /** Sets the values of a row by column name; each {@code set} checks the column's type. */
  public static final class Builder {
    private final Table table;
    private final Object[] values;

    Builder(Table table) {
      this.table = table;
      this.values = new Object[table.columns().size()];
    }

    /** Sets an INTEGER column. */
    public Builder set(String column, long value) {
      return put(column, Column.Type.INTEGER, value);
    }

    /** Sets a REAL column; NaN is stored as NULL. */
    public Builder set(String column, double value) {
      return put(column, Column.Type.REAL, value);
    }

    /** Sets a TEXT column; null is NULL. */
    public Builder set(String column, String value) {
      return put(column, Column.Type.TEXT, value);
    }

    /** Sets a VECTOR column (not copied); null is NULL. */
    public Builder set(String column, double[] value) {
      return put(column, Column.Type.VECTOR, value);
    }

    /** Sets an INTEGER column to NULL. */
    public Builder setNull(String column) {
      values[table.indexOf(column)] = null;
      return this;
    }

    /** Sets any column from a value of its Java type (Long, Integer, Double, String, double[]) or null. */
    Builder setValue(int i, Object value) {
      if (value instanceof Integer) {
        value = ((Integer) value).longValue();
      }
      Column c = table.columns().get(i);
      Object checked = value;
      boolean ok = checked == null || switch (c.type()) {
        case INTEGER -> checked instanceof Long;
        case REAL -> checked instanceof Double;
        case TEXT -> checked instanceof String;
        case VECTOR -> checked instanceof double[];
      };
      if (!ok) {
        throw new IllegalArgumentException("table " + table.name() + ": column " + c.name() + " is " + c.type()
            + ", given a " + value.getClass().getSimpleName());
      }
      values[i] = value;
      return this;
    }

    private Builder put(String column, Column.Type type, Object value) {
      int i = table.indexOf(column);
      Column c = table.columns().get(i);
      if (c.type() != type) {
        throw new IllegalArgumentException("table " + table.name() + ": column " + column + " is " + c.type()
            + ", not " + type);
      }
      values[i] = value;
      return this;
    }

    /**
     * The row.
     *
     * @throws IllegalArgumentException if a NOT NULL column is unset or NaN
     */
    public Row build() {
      return new Row(table, values.clone());
    }
  }
}

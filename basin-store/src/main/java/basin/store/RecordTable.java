package basin.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Table} bound to a record type: each column comes with the accessor that reads its value
 * from a record, and one function builds a record from a row. The column list is written once, in
 * the builder calls of {@link CatalogTables}.
 */
final class RecordTable<R> {
  final Table table;
  private final List<Function<R, Object>> accessors;
  private final Function<Row, R> reader;

  private RecordTable(Table table, List<Function<R, Object>> accessors, Function<Row, R> reader) {
    this.table = table;
    this.accessors = List.copyOf(accessors);
    this.reader = reader;
  }

  Row toRow(R record) {
    Row.Builder b = table.row();
    for (int i = 0; i < accessors.size(); i++) {
      b.setValue(i, accessors.get(i).apply(record));
    }
    return b.build();
  }

  R fromRow(Row row) {
    if (reader == null) {
      throw new UnsupportedOperationException("table " + table.name() + " rows are read with their related rows");
    }
    return reader.apply(row);
  }

  /** Accessor of a count: {@link StartRecord#UNKNOWN_COUNT} is NULL. */
  static Long count(int v) {
    return v == StartRecord.UNKNOWN_COUNT ? null : (long) v;
  }

  static final class Builder<R> {
    private final List<Column> columns = new ArrayList<>();
    private final List<Function<R, Object>> accessors = new ArrayList<>();

    Builder<R> column(Column column, Function<R, Object> accessor) {
      columns.add(column);
      accessors.add(accessor);
      return this;
    }

    RecordTable<R> build(String name, String description, Table.Key key, int keyColumns, List<String> constraints,
        Function<Row, R> reader) {
      Table table = new Table(name, description, key, columns.subList(0, keyColumns),
          columns.subList(keyColumns, columns.size()), constraints);
      return new RecordTable<>(table, accessors, reader);
    }
  }
}

package basin.cli;

import basin.core.InputException;
import basin.store.Column;
import basin.store.Row;
import basin.store.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV files of a command's own results: the scalar columns of a result table's rows (vectors left
 * out, as in {@code basin export}), or a plain table of numbers. Numbers are "%.17g" in Locale.ROOT,
 * NaN an empty field; text is quoted when it holds a comma, a quote or a line break.
 */
final class ResultCsv {
  private ResultCsv() {}

  /** Writes the rows' scalar columns under a header of column names. */
  static void writeRows(Path file, Table table, List<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (Column c : table.columns()) {
      if (c.type() != Column.Type.VECTOR) columns.add(c);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) b.append(i == 0 ? "" : ",").append(columns.get(i).name());
    b.append('\n');
    for (Row r : rows) {
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        if (i > 0) b.append(',');
        if (r.isNull(c.name())) continue;
        switch (c.type()) {
          case INTEGER -> b.append(r.getLong(c.name()));
          case REAL -> b.append(number(r.getDouble(c.name())));
          case TEXT -> b.append(text(r.getText(c.name())));
          default -> { }
        }
      }
      b.append('\n');
    }
    write(file, b.toString());
  }

  /** Writes a header and rows of fields (numbers as Double, text as String, null as empty). */
  static void writeTable(Path file, List<String> header, List<List<Object>> rows) {
    StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
    for (List<Object> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) b.append(',');
        Object v = row.get(i);
        if (v instanceof Double d) {
          b.append(number(d));
        } else if (v instanceof Number n) {
          b.append(n);
        } else if (v != null) {
          b.append(text(v.toString()));
        }
      }
      b.append('\n');
    }
    write(file, b.toString());
  }

  static String number(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.17g", v);
  }

  private static String text(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static void write(Path file, String content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) throw new InputException("--csv " + file + ": directory " + parent + " does not exist");
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("--csv " + file + ": cannot write (" + e.getMessage() + ")");
    }
  }
}

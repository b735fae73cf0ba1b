package basin.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of a report section, rendered as an HTML table with a "CSV" download link beside it (a
 * {@code data:} URI made at render time, no file written). Each cell has the text shown and the text
 * written to the CSV: numbers are shown rounded ({@link Cell#num}: 4 significant digits) and written
 * in full ({@link Double#toString}), so the CSV keeps every digit the catalog holds.
 *
 * <p>Two layouts: columns with a header row ({@link #builder}), and key/value rows
 * ({@link #keyValues}), whose CSV has the columns {@code key,value}. Immutable once built.
 */
public final class ReportTable {
  private final String id;
  private final List<String> header;
  private final List<List<Cell>> rows;
  private final boolean keyValue;
  private final String note;

  private ReportTable(String id, List<String> header, List<List<Cell>> rows, boolean keyValue, String note) {
    this.id = id;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
    this.keyValue = keyValue;
    this.note = note;
  }

  /**
   * One cell: the text shown and the CSV text.
   *
   * @param text what the page shows (plain text, escaped when rendered)
   * @param csv what the CSV holds; empty for an undefined number
   */
  public record Cell(String text, String csv) {
    public Cell {
      text = text == null ? "-" : text;
      csv = csv == null ? "" : csv;
    }

    /** Text shown and written as it is ("-" for null). */
    public static Cell text(String s) {
      return new Cell(s == null ? "-" : s, s == null ? "" : s);
    }

    /** A number shown with 4 significant digits ("-" for NaN, "inf"), written in full. */
    public static Cell num(double x) {
      return new Cell(Html.num(x), raw(x));
    }

    /** A number shown as {@code %.3e}, written in full. */
    public static Cell sci(double x) {
      return new Cell(Html.sci(x), raw(x));
    }

    /** A number shown with fixed decimals, written in full. */
    public static Cell fixed(double x, int decimals) {
      return new Cell(Html.fixed(x, decimals), raw(x));
    }

    /** A share shown as a percentage with one decimal, written as the share (0 to 1) in full. */
    public static Cell percent(double share) {
      return new Cell(Html.percent(share), raw(share));
    }

    /** A whole number. */
    public static Cell count(long n) {
      return new Cell(Long.toString(n), Long.toString(n));
    }

    /** A whole number that may be unknown (null: "-", empty in the CSV). */
    public static Cell count(Integer n) {
      return n == null ? new Cell("-", "") : count((long) n);
    }

    private static String raw(double x) {
      if (Double.isNaN(x)) return "";
      if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
      return Double.toString(x);
    }
  }

  /** A table with the given column headers; its id names the CSV file ({@code id.csv}) and must match {@code [a-z0-9-]+}. */
  public static Builder builder(String id, String... header) {
    return new Builder(id, Arrays.asList(header), false);
  }

  /** A two-column table of key/value rows (headers "key", "value" in the CSV, none on the page). */
  public static Builder keyValues(String id) {
    return new Builder(id, List.of("key", "value"), true);
  }

  public String id() {
    return id;
  }

  public List<String> header() {
    return header;
  }

  public List<List<Cell>> rows() {
    return rows;
  }

  public boolean isKeyValue() {
    return keyValue;
  }

  /** A line printed under the table (for example how many rows were left out), or null. */
  public String note() {
    return note;
  }

  /** The CSV text: the header, then each row's CSV cells. */
  public String csv() {
    List<List<String>> out = new ArrayList<>(rows.size());
    for (List<Cell> r : rows) {
      List<String> line = new ArrayList<>(r.size());
      for (Cell c : r) line.add(c.csv());
      out.add(line);
    }
    return Csv.of(header, out);
  }

  /** Collects the rows of a {@link ReportTable}. */
  public static final class Builder {
    private final String id;
    private final List<String> header;
    private final boolean keyValue;
    private final List<List<Cell>> rows = new ArrayList<>();
    private String note;

    private Builder(String id, List<String> header, boolean keyValue) {
      this.id = Ids.check(id, "table");
      for (String h : header) Objects.requireNonNull(h, "header");
      this.header = List.copyOf(header);
      this.keyValue = keyValue;
    }

    /** Adds a row of as many cells as there are columns. */
    public Builder row(Cell... cells) {
      if (cells.length != header.size()) {
        throw new IllegalArgumentException("table " + id + ": a row of " + cells.length + " cells, expected " + header.size());
      }
      rows.add(List.of(cells));
      return this;
    }

    /** Adds a key/value row (key/value tables only). */
    public Builder kv(String key, String value) {
      return kv(key, Cell.text(value));
    }

    /** Adds a key/value row whose value is a number or other cell (key/value tables only). */
    public Builder kv(String key, Cell value) {
      if (!keyValue) throw new IllegalStateException("table " + id + ": kv rows need ReportTable.keyValues");
      rows.add(List.of(Cell.text(key), value));
      return this;
    }

    /** A line to print under the table. */
    public Builder note(String text) {
      this.note = text;
      return this;
    }

    public int size() {
      return rows.size();
    }

    public ReportTable build() {
      return new ReportTable(id, header, rows, keyValue, note);
    }
  }
}

package basin.store;

import basin.core.InputException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Exports of a catalog for other tools: CSV, JSON and NumPy .npy, of the starts, the minima and every
 * result table present, each driven by its table description (docs/catalog.md, "Exports").
 *
 * <p>Files, for an output base path {@code out} (a path whose last element is the stem; the
 * directory must exist and be writable):
 * <table>
 *   <caption>files per format</caption>
 *   <tr><th>format</th><th>files</th></tr>
 *   <tr><td>CSV</td><td>{@code out-starts.csv}, {@code out-minima.csv}, {@code out-<table>.csv} per
 *       result table</td></tr>
 *   <tr><td>JSON</td><td>{@code out.json}: spec, seed, starts, minima (with members and vectors) and
 *       result tables in one document</td></tr>
 *   <tr><td>NPY</td><td>per table with exported vector columns (the minima, result tables) one
 *       {@code out-<table>-<column>.npy} (k x P float64, row i = the i-th row by key; a row without
 *       the vector is a row of NaN) per vector column and {@code out-<table>.csv} with the scalars
 *       in the same row order</td></tr>
 * </table>
 * Columns: a table's result columns in table order, then the columns the export derives
 * ({@code minimum_id} of a start; {@code active_kinks} of a minimum's representative and its
 * {@code dimension}), then, with {@code withTimings}, its timing columns; vectors never in CSV.
 * With {@code withTimings} provenance is added too ({@code out-provenance.csv} for CSV and NPY;
 * {@code created_utc} and {@code provenance} in JSON). Without it the exports hold results only, so
 * two runs of the same study export byte-identical files whatever their timing, machine or the order
 * in which starts were recorded.
 *
 * <p>Determinism: rows by key, members ascending, provenance by key, result tables by name; numbers
 * as {@code String.format(Locale.ROOT, "%.17g", x)} (17 significant digits: enough to read back the
 * same double, and the same text on every JDK), integers in decimal; UTF-8, '\n' line ends. NaN is an
 * empty CSV field or JSON null; infinities are {@code inf} / {@code -inf} in CSV and the strings
 * "Infinity" / "-Infinity" in JSON.
 *
 * <p>Every vector read is verified against its CRC32C, so a damaged catalog fails the export with one
 * line instead of exporting wrong numbers. Each file is written to a temporary sibling and moved into
 * place, so a reader never sees half a file.
 */
public final class CatalogExport {
  private CatalogExport() {}

  /** Export format. */
  public enum Format {
    CSV,
    JSON,
    NPY
  }

  /** A column an export adds to a table's own: described once, like the table's columns. */
  record Derived(Column column, java.util.function.Function<Row, Object> value) {}

  /** Exported with each start: the minimum it belongs to. */
  static Derived minimumOfStart(Map<Integer, Integer> owner) {
    return new Derived(MINIMUM_ID_OF_START, row -> {
      Integer m = owner.get((int) row.getLong("start_index"));
      return m == null ? null : (long) m;
    });
  }

  static final Column MINIMUM_ID_OF_START = Column.of("minimum_id", Column.Type.INTEGER,
      "Export only: id of the distinct minimum the start belongs to; empty when it belongs to none.");
  static final Column ACTIVE_KINKS_OF_MINIMUM = Column.of("active_kinks", Column.Type.INTEGER,
      "Export only: active_kinks of the representative start (> 0: a minimum on ReLU kinks, whose gradient_norm is "
          + "the Clarke residual).");
  static final Column DIMENSION = Column.of("dimension", Column.Type.INTEGER,
      "Export only: P, the length of the parameter vector; empty when the minimum has none.");

  /**
   * Writes the export files of {@code catalog}: its starts, minima and every result table present.
   *
   * @param catalog an open catalog (read only)
   * @param format what to write
   * @param out base path of the files (see the class documentation for the names)
   * @param withTimings whether to add wall times and provenance
   * @return the files written, in a fixed order
   * @throws InputException if the directory of {@code out} does not exist or is not writable, or a
   *     vector in the catalog does not match its checksum
   */
  public static List<Path> write(Catalog catalog, Format format, Path out, boolean withTimings) {
    Path directory = out.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new InputException("export " + out + ": directory " + directory + " does not exist");
    }
    if (!Files.isWritable(directory)) {
      throw new InputException("export " + out + ": directory " + directory + " is not writable");
    }
    List<StartRecord> starts = catalog.starts(false);
    List<MinimumRecord> minima = catalog.minima();
    Map<Integer, Integer> owner = new HashMap<>();
    for (MinimumRecord m : minima) {
      for (int start : m.members()) {
        owner.put(start, m.minimumId());
      }
    }
    Map<Integer, Integer> kinks = new HashMap<>();
    List<Row> startRows = new ArrayList<>();
    for (StartRecord r : starts) {
      kinks.put(r.startIndex(), r.activeKinks());
      startRows.add(CatalogTables.STARTS.toRow(r));
    }
    List<Row> minimumRows = new ArrayList<>();
    for (MinimumRecord m : minima) {
      minimumRows.add(CatalogTables.MINIMA.toRow(m));
    }
    List<Derived> startExtras = List.of(minimumOfStart(owner));
    List<Derived> minimumExtras = List.of(
        new Derived(ACTIVE_KINKS_OF_MINIMUM, row -> {
          int k = kinks.getOrDefault((int) row.getLong("representative_start"), StartRecord.UNKNOWN_COUNT);
          return k == StartRecord.UNKNOWN_COUNT ? null : (long) k;
        }),
        new Derived(DIMENSION, row -> {
          double[] w = row.getVector("parameters");
          return w == null ? null : (long) w.length;
        }));
    Table startsTable = CatalogTables.STARTS.table;
    Table minimaTable = CatalogTables.MINIMA.table;
    Map<Table, List<Row>> results = new LinkedHashMap<>();
    for (Table t : catalog.resultTables()) {
      results.put(t, catalog.rows(t));
    }
    List<Path> written = new ArrayList<>();
    switch (format) {
      case CSV:
        written.add(write(sibling(out, "-starts.csv"), csv(startsTable, startRows, startExtras, withTimings)));
        written.add(write(sibling(out, "-minima.csv"), csv(minimaTable, minimumRows, minimumExtras, withTimings)));
        for (Map.Entry<Table, List<Row>> e : results.entrySet()) {
          written.add(write(sibling(out, "-" + e.getKey().name() + ".csv"), csv(e.getKey(), e.getValue(), List.of(), withTimings)));
        }
        break;
      case JSON:
        written.add(write(sibling(out, ".json"), json(catalog, startRows, startExtras, minimumRows, minimumExtras, minima,
            results, withTimings)));
        break;
      case NPY:
        written.addAll(npy(out, minimaTable, minimumRows, minimumExtras, withTimings));
        for (Map.Entry<Table, List<Row>> e : results.entrySet()) {
          written.addAll(npy(out, e.getKey(), e.getValue(), List.of(), withTimings));
        }
        break;
      default:
        throw new IllegalArgumentException("format " + format);
    }
    if (withTimings && format != Format.JSON) {
      written.add(write(sibling(out, "-provenance.csv"), provenanceCsv(catalog)));
    }
    return written;
  }

  /** Whether a column goes into an export: RESULT always, TIMING only with timings, NEVER never. */
  static boolean exported(Column c, boolean withTimings) {
    return c.export() == Column.Export.RESULT || c.export() == Column.Export.TIMING && withTimings;
  }

  /**
   * The CSV columns of a table: its exported scalar result columns in table order, then the
   * export's derived ones, then (with timings) its timing columns.
   */
  static List<String> csvHeader(Table table, List<Column> extras, boolean withTimings) {
    List<String> header = new ArrayList<>();
    for (int i : scalars(table, Column.Export.RESULT)) {
      header.add(table.columns().get(i).exportName());
    }
    for (Column c : extras) {
      header.add(c.exportName());
    }
    if (withTimings) {
      for (int i : scalars(table, Column.Export.TIMING)) {
        header.add(table.columns().get(i).exportName());
      }
    }
    return header;
  }

  /** Indices of the table's scalar (non-vector) columns exported as {@code when}. */
  private static List<Integer> scalars(Table table, Column.Export when) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      Column c = table.columns().get(i);
      if (c.export() == when && c.type() != Column.Type.VECTOR) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Path> npy(Path out, Table table, List<Row> rows, List<Derived> extras, boolean withTimings) {
    List<Path> files = new ArrayList<>();
    for (Column c : table.columns()) {
      if (c.type() == Column.Type.VECTOR && exported(c, withTimings)) {
        files.add(write(sibling(out, "-" + table.name() + "-" + c.exportName() + ".npy"), matrix(table, rows, c)));
      }
    }
    files.add(write(sibling(out, "-" + table.name() + ".csv"), csv(table, rows, extras, withTimings)));
    return files;
  }

  /** A double as export text: "%.17g" with Locale.ROOT; NaN and infinities are the caller's business. */
  static String number(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }

  private static String csvNumber(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return number(v);
  }

  private static String csvText(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String csvValue(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double) {
      return csvNumber((Double) v);
    }
    if (v instanceof String) {
      return csvText((String) v);
    }
    return v.toString();
  }

  private static byte[] csv(Table table, List<Row> rows, List<Derived> extras, boolean withTimings) {
    List<Column> extraColumns = new ArrayList<>();
    for (Derived d : extras) {
      extraColumns.add(d.column());
    }
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", csvHeader(table, extraColumns, withTimings))).append('\n');
    List<Integer> results = scalars(table, Column.Export.RESULT);
    List<Integer> timings = withTimings ? scalars(table, Column.Export.TIMING) : List.of();
    for (Row row : rows) {
      List<String> fields = new ArrayList<>();
      for (int i : results) {
        fields.add(csvValue(row.value(i)));
      }
      for (Derived d : extras) {
        fields.add(csvValue(d.value().apply(row)));
      }
      for (int i : timings) {
        fields.add(csvValue(row.value(i)));
      }
      b.append(String.join(",", fields)).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] provenanceCsv(Catalog catalog) {
    SortedMap<String, String> entries = new TreeMap<>(catalog.provenance());
    entries.put("created_utc", catalog.createdUtc());
    StringBuilder b = new StringBuilder("key,value\n");
    for (Map.Entry<String, String> e : entries.entrySet()) {
      b.append(csvText(e.getKey())).append(',').append(csvText(e.getValue())).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The vectors of one column as a k x P matrix; a row without a vector is a row of NaN. */
  private static byte[] matrix(Table table, List<Row> rows, Column column) {
    int index = table.indexOf(column.name());
    double[][] vectors = new double[rows.size()][];
    int columns = -1;
    String first = null;
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = (double[]) rows.get(i).value(index);
      if (vectors[i] == null) {
        continue;
      }
      if (columns < 0) {
        columns = vectors[i].length;
        first = rows.get(i).keyText();
      } else if (vectors[i].length != columns) {
        throw new IllegalStateException("table " + table.name() + ", row " + rows.get(i).keyText() + " has "
            + vectors[i].length + " entries in " + column.name() + " but row " + first + " has " + columns
            + ": cannot form one matrix");
      }
    }
    int width = Math.max(columns, 0);
    double[] flat = new double[vectors.length * width];
    for (int i = 0; i < vectors.length; i++) {
      for (int j = 0; j < width; j++) {
        flat[i * width + j] = vectors[i] == null ? Double.NaN : vectors[i][j];
      }
    }
    return basin.core.io.Npy.encode(flat, vectors.length, width);
  }

  private static byte[] json(Catalog catalog, List<Row> starts, List<Derived> startExtras, List<Row> minima,
      List<Derived> minimumExtras, List<MinimumRecord> minimumRecords, Map<Table, List<Row>> results,
      boolean withTimings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        JsonGenerator g = Catalog.JSON.createGenerator(writer)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      g.writeStartObject();
      g.writeStringField("format", "basin-catalog");
      g.writeNumberField("schema_version", Schema.CURRENT_VERSION);
      g.writeNumberField("master_seed", catalog.masterSeed());
      g.writeFieldName("spec");
      writeSortedTree(g, Catalog.parseSpec(catalog.file(), catalog.specJson()));
      if (withTimings) {
        g.writeStringField("created_utc", catalog.createdUtc());
        g.writeObjectFieldStart("provenance");
        for (Map.Entry<String, String> e : catalog.provenance().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeArrayFieldStart("starts");
      for (Row row : starts) {
        g.writeStartObject();
        jsonFields(g, row, startExtras, withTimings);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("minima");
      for (int i = 0; i < minima.size(); i++) {
        g.writeStartObject();
        jsonFields(g, minima.get(i), minimumExtras, withTimings);
        int[] members = minimumRecords.get(i).members();
        g.writeFieldName("members");
        g.writeArray(members, 0, members.length);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("result_tables");
      for (Map.Entry<Table, List<Row>> e : results.entrySet()) {
        g.writeArrayFieldStart(e.getKey().name());
        for (Row row : e.getValue()) {
          g.writeStartObject();
          jsonFields(g, row, List.of(), withTimings);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
      g.flush();
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The row's fields in CSV order (results, derived, timings), then its exported vectors as arrays. */
  private static void jsonFields(JsonGenerator g, Row row, List<Derived> extras, boolean withTimings) throws IOException {
    Table table = row.table();
    for (int i : scalars(table, Column.Export.RESULT)) {
      jsonValue(g, table.columns().get(i).exportName(), row.value(i));
    }
    for (Derived d : extras) {
      jsonValue(g, d.column().exportName(), d.value().apply(row));
    }
    if (withTimings) {
      for (int i : scalars(table, Column.Export.TIMING)) {
        jsonValue(g, table.columns().get(i).exportName(), row.value(i));
      }
    }
    for (int i = 0; i < table.columns().size(); i++) {
      Column c = table.columns().get(i);
      if (c.type() == Column.Type.VECTOR && exported(c, withTimings)) {
        jsonValue(g, c.exportName(), row.value(i));
      }
    }
  }

  private static void jsonValue(JsonGenerator g, String name, Object v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Double) {
      jsonNumber(g, (Double) v);
    } else if (v instanceof Long) {
      g.writeNumber((Long) v);
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else {
      g.writeStartArray();
      for (double x : (double[]) v) {
        jsonNumber(g, x);
      }
      g.writeEndArray();
    }
  }

  /**
   * A JSON tree with object keys in sorted order, so that specs that are equal as parsed JSON (which
   * {@link Catalog#openOrCreate} accepts as the same study) export to the same bytes.
   */
  private static void writeSortedTree(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        fields.put(e.getKey(), e.getValue());
      }
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
        g.writeFieldName(e.getKey());
        writeSortedTree(g, e.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        writeSortedTree(g, element);
      }
      g.writeEndArray();
    } else {
      g.writeTree(node);
    }
  }

  private static void jsonNumber(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeNull();
    } else if (Double.isInfinite(v)) {
      g.writeString(v > 0 ? "Infinity" : "-Infinity");
    } else {
      g.writeNumber(number(v));
    }
  }

  private static Path sibling(Path out, String suffix) {
    return out.resolveSibling(out.getFileName() + suffix);
  }

  private static Path write(Path target, byte[] content) {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.write(temporary, content);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InputException("cannot write export " + target + ": permission denied");
    } catch (IOException e) {
      throw new CatalogException("cannot write export " + target + ": " + e.getMessage(), e);
    }
  }
}

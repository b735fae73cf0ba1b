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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Exports of a catalog for other tools: CSV, JSON and NumPy .npy.
 *
 * <p>Files, for an output base path {@code out} (a path whose last element is the stem; the
 * directory must exist):
 * <table>
 *   <caption>files per format</caption>
 *   <tr><th>format</th><th>files</th></tr>
 *   <tr><td>CSV</td><td>{@code out-starts.csv} (one row per start, with the id of its minimum),
 *       {@code out-minima.csv} (one row per distinct minimum)</td></tr>
 *   <tr><td>JSON</td><td>{@code out.json}: spec, seed, starts and minima (with members, parameters
 *       and canonical vectors) in one document</td></tr>
 *   <tr><td>NPY</td><td>{@code out-minima-parameters.npy} and {@code out-minima-canonical.npy}
 *       (k x P float64, row i = the i-th minimum by id; a minimum without a vector is a row of NaN),
 *       and {@code out-minima.csv}, the per-minimum scalars in the same row order</td></tr>
 * </table>
 * With {@code withTimings}, wall times (column {@code wall_ms}) and provenance ({@code
 * out-provenance.csv} for CSV and NPY; {@code created_utc} and {@code provenance} in JSON) are
 * added. Without it the exports hold results only, so two runs of the same study export
 * byte-identical files whatever their timing, machine or the order in which starts were recorded.
 *
 * <p>{@code active_kinks} (starts: the certificate's count of pre-activations on their kink, empty /
 * null when unknown; minima: that of the representative start) tells smooth minima from minima on
 * ReLU kinks, whose {@code gradient_norm} is the Clarke stationarity residual (docs/kinks.md).
 *
 * <p>Determinism: rows by start index and minimum id, members ascending, provenance by key; numbers
 * as {@code String.format(Locale.ROOT, "%.17g", x)} (17 significant digits: enough to read back the
 * same double, and the same text on every JDK), integers in decimal; UTF-8, '\n' line ends. NaN is an
 * empty CSV field or JSON null; infinities are {@code inf} / {@code -inf} in CSV and the strings
 * "Infinity" / "-Infinity" in JSON. Start parameter vectors stay in the catalog (they are P numbers
 * per start); the minima's vectors are exported.
 *
 * <p>Each file is written to a temporary sibling and moved into place, so a reader never sees half a
 * file.
 */
public final class CatalogExport {
  private CatalogExport() {}

  /** Export format. */
  public enum Format {
    CSV,
    JSON,
    NPY
  }

  private static final String[] START_HEADER = {"start_index", "seed", "status", "class", "train_loss", "test_loss",
      "train_accuracy", "test_accuracy", "gradient_norm", "iterations", "gradient_evaluations", "hvp_evaluations",
      "smallest_eigenvalue", "largest_eigenvalue", "negative_count", "zero_count", "index_fraction", "active_kinks",
      "minimum_id"};
  private static final String[] MINIMUM_HEADER = {"minimum_id", "representative_start", "hit_count", "train_loss",
      "test_loss", "train_accuracy", "test_accuracy", "gradient_norm", "smallest_eigenvalue", "largest_eigenvalue",
      "zero_count", "nearest_distance", "active_kinks", "dimension"};

  /**
   * Writes the export files of {@code catalog}.
   *
   * @param catalog an open catalog (read only)
   * @param format what to write
   * @param out base path of the files (see the class documentation for the names)
   * @param withTimings whether to add wall times and provenance
   * @return the files written, in a fixed order
   * @throws InputException if the directory of {@code out} does not exist
   */
  public static List<Path> write(Catalog catalog, Format format, Path out, boolean withTimings) {
    Path directory = out.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new InputException("export " + out + ": directory " + directory + " does not exist");
    }
    List<StartRecord> starts = catalog.starts(false);
    List<MinimumRecord> minima = catalog.minima();
    Map<Integer, Integer> kinks = activeKinksOfStart(starts);
    List<Path> written = new ArrayList<>();
    switch (format) {
      case CSV:
        written.add(write(sibling(out, "-starts.csv"), startsCsv(starts, minima, withTimings)));
        written.add(write(sibling(out, "-minima.csv"), minimaCsv(minima, kinks)));
        break;
      case JSON:
        written.add(write(sibling(out, ".json"), json(catalog, starts, minima, kinks, withTimings)));
        break;
      case NPY:
        written.add(write(sibling(out, "-minima-parameters.npy"), matrix(minima, true)));
        written.add(write(sibling(out, "-minima-canonical.npy"), matrix(minima, false)));
        written.add(write(sibling(out, "-minima.csv"), minimaCsv(minima, kinks)));
        break;
      default:
        throw new IllegalArgumentException("format " + format);
    }
    if (withTimings && format != Format.JSON) {
      written.add(write(sibling(out, "-provenance.csv"), provenanceCsv(catalog)));
    }
    return written;
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

  private static String csvCount(int v) {
    return v == StartRecord.UNKNOWN_COUNT ? "" : Integer.toString(v);
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

  private static Map<Integer, Integer> minimumOfStart(List<MinimumRecord> minima) {
    Map<Integer, Integer> owner = new HashMap<>();
    for (MinimumRecord m : minima) {
      for (int start : m.members()) {
        owner.put(start, m.minimumId());
      }
    }
    return owner;
  }

  /** Start index to its active kink count, for the minima's column (that of their representative start). */
  private static Map<Integer, Integer> activeKinksOfStart(List<StartRecord> starts) {
    Map<Integer, Integer> kinks = new HashMap<>();
    for (StartRecord r : starts) {
      kinks.put(r.startIndex(), r.activeKinks());
    }
    return kinks;
  }

  private static int representativeKinks(Map<Integer, Integer> kinks, MinimumRecord m) {
    return kinks.getOrDefault(m.representativeStart(), StartRecord.UNKNOWN_COUNT);
  }

  private static byte[] startsCsv(List<StartRecord> starts, List<MinimumRecord> minima, boolean withTimings) {
    Map<Integer, Integer> owner = minimumOfStart(minima);
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", START_HEADER)).append(withTimings ? ",wall_ms\n" : "\n");
    for (StartRecord r : starts) {
      Integer minimum = owner.get(r.startIndex());
      b.append(r.startIndex()).append(',').append(r.seed()).append(',').append(csvText(r.status())).append(',')
          .append(csvText(r.criticalClass())).append(',')
          .append(csvNumber(r.trainLoss())).append(',').append(csvNumber(r.testLoss())).append(',')
          .append(csvNumber(r.trainAccuracy())).append(',').append(csvNumber(r.testAccuracy())).append(',')
          .append(csvNumber(r.gradientNorm())).append(',')
          .append(r.iterations()).append(',').append(r.gradientEvaluations()).append(',').append(r.hvpEvaluations())
          .append(',').append(csvNumber(r.smallestEigenvalue())).append(',').append(csvNumber(r.largestEigenvalue()))
          .append(',').append(csvCount(r.negativeCount())).append(',').append(csvCount(r.zeroCount())).append(',')
          .append(csvNumber(r.indexFraction())).append(',').append(csvCount(r.activeKinks())).append(',')
          .append(minimum == null ? "" : minimum.toString());
      if (withTimings) {
        b.append(',').append(r.wallMillis());
      }
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] minimaCsv(List<MinimumRecord> minima, Map<Integer, Integer> kinks) {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", MINIMUM_HEADER)).append('\n');
    for (MinimumRecord m : minima) {
      b.append(m.minimumId()).append(',').append(m.representativeStart()).append(',').append(m.hitCount()).append(',')
          .append(csvNumber(m.trainLoss())).append(',').append(csvNumber(m.testLoss())).append(',')
          .append(csvNumber(m.trainAccuracy())).append(',').append(csvNumber(m.testAccuracy())).append(',')
          .append(csvNumber(m.gradientNorm())).append(',').append(csvNumber(m.smallestEigenvalue())).append(',')
          .append(csvNumber(m.largestEigenvalue())).append(',').append(csvCount(m.zeroCount())).append(',')
          .append(csvNumber(m.nearestDistance())).append(',').append(csvCount(representativeKinks(kinks, m))).append(',')
          .append(m.parameters() == null ? "" : Integer.toString(m.parameters().length)).append('\n');
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

  private static byte[] matrix(List<MinimumRecord> minima, boolean parameters) {
    double[][] rows = new double[minima.size()][];
    int columns = -1;
    int first = -1;
    for (int i = 0; i < rows.length; i++) {
      MinimumRecord m = minima.get(i);
      rows[i] = parameters ? m.parameters() : m.canonical();
      if (rows[i] == null) {
        continue;
      }
      if (columns < 0) {
        columns = rows[i].length;
        first = m.minimumId();
      } else if (rows[i].length != columns) {
        throw new IllegalStateException("minimum " + m.minimumId() + " has " + rows[i].length + " "
            + (parameters ? "parameters" : "canonical entries") + " but minimum " + first + " has " + columns
            + ": cannot form one matrix");
      }
    }
    int width = Math.max(columns, 0);
    double[] flat = new double[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < width; j++) flat[i * width + j] = rows[i] == null ? Double.NaN : rows[i][j]; // a null row is written as NaN
    }
    return basin.core.io.Npy.encode(flat, rows.length, width);
  }

  private static byte[] json(Catalog catalog, List<StartRecord> starts, List<MinimumRecord> minima,
      Map<Integer, Integer> kinks, boolean withTimings) {
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
      Map<Integer, Integer> owner = minimumOfStart(minima);
      g.writeArrayFieldStart("starts");
      for (StartRecord r : starts) {
        g.writeStartObject();
        g.writeNumberField("start_index", r.startIndex());
        g.writeNumberField("seed", r.seed());
        g.writeStringField("status", r.status());
        g.writeStringField("class", r.criticalClass());
        jsonNumber(g, "train_loss", r.trainLoss());
        jsonNumber(g, "test_loss", r.testLoss());
        jsonNumber(g, "train_accuracy", r.trainAccuracy());
        jsonNumber(g, "test_accuracy", r.testAccuracy());
        jsonNumber(g, "gradient_norm", r.gradientNorm());
        g.writeNumberField("iterations", r.iterations());
        g.writeNumberField("gradient_evaluations", r.gradientEvaluations());
        g.writeNumberField("hvp_evaluations", r.hvpEvaluations());
        jsonNumber(g, "smallest_eigenvalue", r.smallestEigenvalue());
        jsonNumber(g, "largest_eigenvalue", r.largestEigenvalue());
        jsonCount(g, "negative_count", r.negativeCount());
        jsonCount(g, "zero_count", r.zeroCount());
        jsonNumber(g, "index_fraction", r.indexFraction());
        jsonCount(g, "active_kinks", r.activeKinks());
        Integer minimum = owner.get(r.startIndex());
        if (minimum == null) {
          g.writeNullField("minimum_id");
        } else {
          g.writeNumberField("minimum_id", minimum);
        }
        if (withTimings) {
          g.writeNumberField("wall_ms", r.wallMillis());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("minima");
      for (MinimumRecord m : minima) {
        g.writeStartObject();
        g.writeNumberField("minimum_id", m.minimumId());
        g.writeNumberField("representative_start", m.representativeStart());
        g.writeNumberField("hit_count", m.hitCount());
        jsonNumber(g, "train_loss", m.trainLoss());
        jsonNumber(g, "test_loss", m.testLoss());
        jsonNumber(g, "train_accuracy", m.trainAccuracy());
        jsonNumber(g, "test_accuracy", m.testAccuracy());
        jsonNumber(g, "gradient_norm", m.gradientNorm());
        jsonNumber(g, "smallest_eigenvalue", m.smallestEigenvalue());
        jsonNumber(g, "largest_eigenvalue", m.largestEigenvalue());
        jsonCount(g, "zero_count", m.zeroCount());
        jsonNumber(g, "nearest_distance", m.nearestDistance());
        jsonCount(g, "active_kinks", representativeKinks(kinks, m));
        g.writeFieldName("members");
        g.writeArray(m.members(), 0, m.members().length);
        jsonVector(g, "parameters", m.parameters());
        jsonVector(g, "canonical", m.canonical());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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

  private static void jsonNumber(JsonGenerator g, String name, double v) throws IOException {
    g.writeFieldName(name);
    jsonValue(g, v);
  }

  private static void jsonValue(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeNull();
    } else if (Double.isInfinite(v)) {
      g.writeString(v > 0 ? "Infinity" : "-Infinity");
    } else {
      g.writeNumber(number(v));
    }
  }

  private static void jsonCount(JsonGenerator g, String name, int v) throws IOException {
    if (v == StartRecord.UNKNOWN_COUNT) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  private static void jsonVector(JsonGenerator g, String name, double[] v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
      return;
    }
    g.writeStartArray();
    for (double x : v) {
      jsonValue(g, x);
    }
    g.writeEndArray();
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write export " + target + ": " + e.getMessage(), e);
    }
  }
}

package basin.report;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.FlatnessRunner;
import basin.study.SaddleRunner;
import basin.study.StudySummary;
import basin.study.StudySummary.MinimumRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The self-contained HTML report of a study catalog: one XHTML file (inline CSS, inline SVG
 * figures, no scripts, fonts or network) that sets out the evidence for the three claims, many
 * minima, near-global and flat, with the saddles and the provenance. docs/report.md describes each
 * section and how to read it.
 *
 * <p>Output is a pure function of the catalog, the generation time and the version string given:
 * rendering the same catalog twice gives the same string. Cost: one {@link StudySummary#of} and one
 * read of the flatness and critical-point tables (their parameter vectors are not used).
 */
public final class StudyReport {
  /** Rows of the minima and flatness tables shown; the rest are counted in a line under them. */
  static final int MAX_TABLE_ROWS = 100;
  /** Bars of the hit-count chart; the rest are counted in its caption. */
  static final int MAX_BARS = 200;

  private StudyReport() {}

  /**
   * Writes the report of the catalog to {@code out}, generated now, with the Basin version of this
   * build ("development build" when the jar carries none). The file is written beside {@code out} and
   * moved over it, so a reader never sees half a report.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Catalog catalog, Path out) {
    write(catalog, out, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), buildVersion());
  }

  /**
   * Writes the report to {@code out} (see {@link #render}).
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Catalog catalog, Path out, String generatedUtc, String basinVersion) {
    String html = render(catalog, generatedUtc, basinVersion);
    Path target = out.toAbsolutePath();
    Path dir = target.getParent();
    try {
      if (dir != null) Files.createDirectories(dir);
      Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
      try {
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * The report as a string of XHTML (well-formed XML, served or opened as HTML).
   *
   * @param catalog the catalog (read only)
   * @param generatedUtc when the report was made, as the caller wants it printed (for example an
   *     ISO 8601 instant); passed in so that output can be reproduced
   * @param basinVersion the version of Basin that makes the report
   */
  public static String render(Catalog catalog, String generatedUtc, String basinVersion) {
    Objects.requireNonNull(catalog, "catalog");
    StudySummary summary = StudySummary.of(catalog);
    List<Row> flatness = catalog.rows(FlatnessRunner.TABLE);
    List<Row> critical = catalog.rows(SaddleRunner.TABLE);
    String catalogName = catalog.file() == null || catalog.file().getFileName() == null ? "CATALOG"
        : catalog.file().getFileName().toString();
    ReportSections s = new ReportSections(summary, catalogName);
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    b.append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    b.append("<title>Basin report: ").append(Html.escape(summary.study().name())).append("</title>\n");
    b.append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    s.header(b);
    s.manyMinima(b);
    s.nearGlobal(b);
    s.flatness(b, flatness);
    s.saddles(b, critical);
    s.minimaTable(b);
    provenance(b, catalog, generatedUtc, basinVersion);
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static void provenance(StringBuilder b, Catalog catalog, String generatedUtc, String basinVersion) {
    b.append("<section id=\"provenance\">\n<h2>6. Provenance</h2>\n<table class=\"kv\">\n");
    ReportSections.kv(b, "report generated (UTC)", generatedUtc);
    ReportSections.kv(b, "report made by Basin", basinVersion);
    ReportSections.kv(b, "catalog created (UTC)", catalog.createdUtc());
    ReportSections.kv(b, "master seed", Long.toString(catalog.masterSeed()));
    ReportSections.kv(b, "catalog schema version", Integer.toString(catalog.schemaVersion()));
    b.append("</table>\n<h3>Provenance recorded with the catalog</h3>\n<table class=\"kv\">\n");
    for (Map.Entry<String, String> e : new TreeMap<>(catalog.provenance()).entrySet()) {
      ReportSections.kv(b, e.getKey(), e.getValue());
    }
    b.append("</table>\n<h3>Study spec (canonical JSON)</h3>\n<pre class=\"spec\">").append(Html.escape(catalog.specJson()))
        .append("</pre>\n</section>\n");
  }

  private static String buildVersion() {
    String v = StudyReport.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }

  /** Minimum ids to their summary rows. */
  static Map<Integer, MinimumRow> byId(List<MinimumRow> rows) {
    Map<Integer, MinimumRow> m = new HashMap<>();
    for (MinimumRow r : rows) m.put(r.id(), r);
    return m;
  }

  static List<String> strings(int n, java.util.function.IntFunction<String> f) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(f.apply(i));
    return out;
  }

  private static final String CSS = String.join("\n", "",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}",
      "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}",
      "table{border-collapse:collapse;margin:.8em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right}",
      "th{background:#f3f3f3}table.kv th{text-align:left}table.kv td{text-align:left}",
      ".claim{font-size:1.05em;background:#f6f8fa;border-left:4px solid #4a7ab5;padding:.5em 1em}",
      ".notrun{background:#fff8e5;border-left:4px solid #d9a400;padding:.5em 1em}",
      ".warn{background:#fdecea;border-left:4px solid #c0392b;padding:.5em 1em}",
      "figure{margin:1.2em 0}figcaption{font-size:.88em;color:#444;max-width:800px}",
      "svg.chart{width:100%;max-width:800px;height:auto;background:#fff;border:1px solid #eee}",
      "svg text{font-family:inherit;font-size:12px;fill:#222}svg text.title{font-size:15px;font-weight:600}",
      "svg text.label{font-size:13px}svg text.nodata{font-size:16px;fill:#888}svg text.reflabel{fill:#b03a2e}",
      ".axis{stroke:#333;stroke-width:1}.grid{stroke:#e6e6e6;stroke-width:1}",
      ".line{fill:none;stroke:#2e6da4;stroke-width:2}.diagonal{fill:none;stroke:#999;stroke-width:1.5;stroke-dasharray:6 4}",
      ".point{fill:#2e6da4;fill-opacity:.55;stroke:#1c4a75}.point2{fill:#c0392b;fill-opacity:.55;stroke:#7b241c}",
      ".bar{fill:#4a7ab5}.ref{stroke:#b03a2e;stroke-width:1.5;stroke-dasharray:5 4}",
      ".interval{stroke:#222;stroke-width:2}.estimate{fill:#c0392b}",
      ".key.line{fill:#2e6da4}.key.diagonal{fill:#999}.key.point{fill:#2e6da4}.key.point2{fill:#c0392b}",
      "pre.spec{background:#f6f8fa;padding:.8em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}",
      "code{background:#f3f3f3;padding:0 .2em}", "");
}

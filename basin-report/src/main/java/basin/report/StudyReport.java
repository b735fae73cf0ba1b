package basin.report;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.FlatnessRunner;
import basin.study.SaddleRunner;
import basin.study.StudySummary;
import basin.study.StudySummary.MinimumRow;
import basin.study.verdict.Verdict;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report of a study catalog: one self-contained HTML file (inline CSS, Apache ECharts inlined
 * once, interactive figures, tables with CSV links, no network) that sets out the evidence for the
 * three claims, many minima, near-global and flat, with the saddles and the provenance.
 * docs/report.md describes each section and how to read it.
 *
 * <p>The standard sections come from {@link #sections}; {@link #builder} starts a
 * {@link ReportDocument} holding them, to which a caller (the study) adds its verdicts and sections.
 * Output is a pure function of the catalog, the generation time and the version string given (and
 * the verdicts and sections a caller adds): rendering the same catalog twice gives the same string.
 * Cost: one {@link StudySummary#of} and one read of the flatness and critical-point tables (their
 * parameter vectors are not used).
 */
public final class StudyReport {
  /** Rows of the minima and flatness tables shown; the rest are counted in a line under them. */
  static final int MAX_TABLE_ROWS = 100;
  /** Bars of the hit-count chart; the rest are counted in its caption. */
  static final int MAX_BARS = 200;

  private StudyReport() {}

  /**
   * Writes the report of the catalog to {@code out}, generated now, with the Basin version of this
   * build ("development build" when the jar carries none).
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Catalog catalog, Path out) {
    write(catalog, out, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), buildVersion());
  }

  /**
   * Writes the report to {@code out} (see {@link #render}) through a temporary file beside it.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Catalog catalog, Path out, String generatedUtc, String basinVersion) {
    builder(catalog, generatedUtc, basinVersion).build().write(out);
  }

  /**
   * The report as a string of HTML5.
   *
   * @param catalog the catalog (read only)
   * @param generatedUtc when the report was made, as the caller wants it printed (for example an
   *     ISO 8601 instant); passed in so that output can be reproduced
   * @param basinVersion the version of Basin that makes the report
   */
  public static String render(Catalog catalog, String generatedUtc, String basinVersion) {
    return builder(catalog, generatedUtc, basinVersion).build().render();
  }

  /**
   * A report document holding the catalog's title, introduction, standard sections and provenance,
   * ready for a caller to add verdicts ({@link ReportDocument.Builder#verdicts}) and more sections
   * (added after the standard ones) before {@code build()}.
   */
  public static ReportDocument.Builder builder(Catalog catalog, String generatedUtc, String basinVersion) {
    Objects.requireNonNull(catalog, "catalog");
    StudySummary summary = StudySummary.of(catalog);
    ReportSections s = new ReportSections(summary, Provenance.catalogName(catalog));
    StudySections study = new StudySections(catalog, summary);
    List<Section> all = new ArrayList<>(sections(catalog, summary));
    all.addAll(all.size() - 1, study.sections()); // the study's sections before the table of minima
    return ReportDocument.builder("Basin report: " + summary.study().name())
        .intro(s.intro())
        .verdicts(study.verdicts())
        .sections(all)
        .provenance(Provenance.of(catalog, generatedUtc, basinVersion));
  }

  /** The same with verdicts shown first. */
  public static ReportDocument.Builder builder(Catalog catalog, String generatedUtc, String basinVersion, List<Verdict> verdicts) {
    return builder(catalog, generatedUtc, basinVersion).verdicts(verdicts);
  }

  /**
   * The catalog's standard sections, in order: how the starts ended, many minima, near-global, flat
   * (or "not run"), saddles (or "not run"), the distinct minima.
   */
  public static List<Section> sections(Catalog catalog) {
    return sections(catalog, StudySummary.of(catalog));
  }

  private static List<Section> sections(Catalog catalog, StudySummary summary) {
    List<Row> flatness = catalog.rows(FlatnessRunner.TABLE);
    List<Row> critical = catalog.rows(SaddleRunner.TABLE);
    ReportSections s = new ReportSections(summary, Provenance.catalogName(catalog));
    return List.of(s.starts(), s.manyMinima(), s.nearGlobal(), s.flatness(flatness), s.saddles(critical), s.minimaTable());
  }

  /** The verdicts on the three claims from everything the catalog holds (as the report shows them first). */
  public static List<Verdict> verdicts(Catalog catalog) {
    return new StudySections(catalog, StudySummary.of(catalog)).verdicts();
  }

  /** The version of this build, "development build" when the jar carries none. */
  public static String buildVersion() {
    String v = StudyReport.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }

  /** Minimum ids to their summary rows. */
  static Map<Integer, MinimumRow> byId(List<MinimumRow> rows) {
    Map<Integer, MinimumRow> m = new HashMap<>();
    for (MinimumRow r : rows) m.put(r.id(), r);
    return m;
  }
}

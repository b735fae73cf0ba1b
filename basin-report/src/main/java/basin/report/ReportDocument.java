package basin.report;

import basin.study.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole report: a title, an optional introduction, the verdicts (first, when given), the
 * sections in order (numbered 1, 2, ...) and the provenance (last). {@link #render} makes one
 * self-contained HTML5 file: inline CSS, Apache ECharts inlined once, each figure's option as JSON
 * in a {@code <script type="application/json">} beside it, tables with CSV download links, and a
 * Content-Security-Policy that forbids every network request. Rendering is a pure function of the
 * document: the same document gives the same bytes.
 *
 * <pre>{@code
 * ReportDocument doc = ReportDocument.builder("Basin study: mnist-mlp")
 *     .verdicts(verdicts)                      // List<Verdict>, may be empty
 *     .sections(StudyReport.sections(catalog)) // the catalog's standard sections
 *     .section(mySection)
 *     .provenance(Provenance.of(catalog, now, version).with("sampling time", "312 s"))
 *     .build();
 * doc.write(Path.of("report.html"));
 * }</pre>
 */
public final class ReportDocument {
  private final String title;
  private final Section intro;
  private final List<Verdict> verdicts;
  private final List<Section> sections;
  private final Provenance provenance;

  private ReportDocument(Builder b) {
    this.title = b.title;
    this.intro = b.intro;
    this.verdicts = List.copyOf(b.verdicts);
    this.sections = List.copyOf(b.sections);
    this.provenance = b.provenance;
    Set<String> ids = new HashSet<>(Set.of("verdicts", "contents", "provenance", "table-provenance-run", "table-provenance-recorded"));
    for (Section s : sections) {
      if (!ids.add(s.id())) throw new IllegalArgumentException("two sections with the id " + s.id());
      for (Figure f : s.figures()) {
        if (!ids.add("fig-" + f.id())) throw new IllegalArgumentException("two figures with the id " + f.id());
      }
      for (ReportTable t : s.tables()) {
        if (!ids.add("table-" + t.id())) throw new IllegalArgumentException("two tables with the id " + t.id());
      }
    }
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public String title() {
    return title;
  }

  public List<Verdict> verdicts() {
    return verdicts;
  }

  public List<Section> sections() {
    return sections;
  }

  /** The report as one HTML5 page (see docs/report.md). */
  public String render() {
    return new HtmlPage(this).render();
  }

  /**
   * Writes the report to {@code out}: to a hidden temporary file beside it, then moved over it, so a
   * reader never sees half a report.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public void write(Path out) {
    String html = render();
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

  Section intro() {
    return intro;
  }

  Provenance provenance() {
    return provenance;
  }

  /** Collects the parts of a {@link ReportDocument}. */
  public static final class Builder {
    private final String title;
    private Section intro;
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private Provenance provenance;

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /** Blocks shown under the title, before the verdicts (the section's own title is not shown). */
    public Builder intro(Section intro) {
      this.intro = intro;
      return this;
    }

    /** The verdicts, shown first; none (the default) leaves the verdicts section out. */
    public Builder verdicts(List<Verdict> verdicts) {
      this.verdicts.clear();
      this.verdicts.addAll(verdicts);
      return this;
    }

    public Builder section(Section section) {
      sections.add(Objects.requireNonNull(section, "section"));
      return this;
    }

    public Builder sections(List<Section> sections) {
      for (Section s : sections) section(s);
      return this;
    }

    /** The provenance, shown last; null leaves it out. */
    public Builder provenance(Provenance provenance) {
      this.provenance = provenance;
      return this;
    }

    public ReportDocument build() {
      return new ReportDocument(this);
    }
  }
}

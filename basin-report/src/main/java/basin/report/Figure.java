package basin.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One figure of a report: either an interactive ECharts chart, described by an ECharts option
 * (JSON, made by {@link Figures}), or a block of SVG markup drawn elsewhere (the disconnectivity
 * graph). Either way it has an id (its anchor {@code fig-ID} and the name of the files it saves as),
 * a title, a caption, and the data it plots as CSV (offered as a download beside the caption and
 * the fallback of a reader without JavaScript). Immutable; make one with {@link Figures}.
 */
public final class Figure {
  private final String id;
  private final String title;
  private final String caption;
  private final ObjectNode option;
  private final String svg;
  private final String dataCsv;

  Figure(String id, String title, String caption, ObjectNode option, String svg, String dataCsv) {
    this.id = Ids.check(id, "figure");
    this.title = Objects.requireNonNull(title, "title");
    this.caption = caption == null ? "" : caption;
    if ((option == null) == (svg == null)) throw new IllegalArgumentException("figure " + id + ": needs an option or SVG, not both");
    this.option = option;
    this.svg = svg;
    this.dataCsv = dataCsv;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String caption() {
    return caption;
  }

  /** Whether this is an ECharts chart (else a block of SVG). */
  public boolean isChart() {
    return option != null;
  }

  /** The ECharts option as JSON safe inside a script element ({@link Json#forScript}); null for an SVG figure. */
  public String optionJson() {
    return option == null ? null : Json.forScript(option);
  }

  /** The SVG markup of an SVG figure; null for a chart. */
  public String svg() {
    return svg;
  }

  /** The plotted data as CSV, or null when the figure has none to offer. */
  public String dataCsv() {
    return dataCsv;
  }

  /** The option itself, for tests in this package. */
  ObjectNode option() {
    return option;
  }
}

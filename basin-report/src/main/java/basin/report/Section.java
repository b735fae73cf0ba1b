package basin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One section of a report: a titled list of blocks (claim lines, paragraphs, warnings, bullet
 * lists, code, tables and figures), or a "not run" box naming the command that would fill it.
 * {@link ReportDocument} numbers the sections in order and lists them in its contents. Text is plain
 * text: it is escaped when rendered, so names and labels print as written. Immutable once built.
 *
 * <pre>{@code
 * Section s = Section.builder("growth", "Growth of the number of minima")
 *     .claim(Inline.text("count grows ~ width^"), Inline.bold("2.3"), Inline.text(" (95% CI 1.9 to 2.7)"))
 *     .figure(Figures.growthLaw("growth-width", axes, observed, fit, band, "..."))
 *     .table(table)
 *     .build();
 * Section later = Section.notRun("saddles", "Saddles", "critical points of every index", "basin saddles study.db");
 * }</pre>
 */
public final class Section {
  private final String id;
  private final String title;
  private final List<Block> blocks;

  private Section(String id, String title, List<Block> blocks) {
    this.id = Ids.check(id, "section");
    this.title = Objects.requireNonNull(title, "title");
    this.blocks = List.copyOf(blocks);
  }

  /** A part of a line of text: plain, bold or code. */
  public record Inline(Kind kind, String text) {
    public enum Kind {
      TEXT,
      BOLD,
      CODE
    }

    public Inline {
      Objects.requireNonNull(kind, "kind");
      text = text == null ? "" : text;
    }

    public static Inline text(String s) {
      return new Inline(Kind.TEXT, s);
    }

    public static Inline bold(String s) {
      return new Inline(Kind.BOLD, s);
    }

    public static Inline code(String s) {
      return new Inline(Kind.CODE, s);
    }
  }

  /** The blocks a section holds, in order. */
  sealed interface Block permits Text, Bullets, Code, TableBlock, FigureBlock, NotRun {}

  /** A paragraph; its style is one of "p" (plain), "claim" (the section's answer), "warn" (a red box). */
  record Text(String style, List<Inline> parts) implements Block {}

  record Bullets(String lead, List<String> items) implements Block {}

  record Code(String text) implements Block {}

  record TableBlock(ReportTable table) implements Block {}

  record FigureBlock(Figure figure) implements Block {}

  record NotRun(String what, String command) implements Block {}

  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /**
   * A section whose analysis has not run: a yellow box saying what would be reported and the exact
   * command that runs it.
   *
   * @param what what the section would show, for example "the Hessian spectrum of each minimum"
   * @param command the command to run, for example "basin flatness study.db"
   */
  public static Section notRun(String id, String title, String what, String command) {
    return builder(id, title).notRun(what, command).build();
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** Whether this section is only a "not run" box. */
  public boolean isNotRun() {
    return blocks.size() == 1 && blocks.get(0) instanceof NotRun;
  }

  /** The figures of this section, in order. */
  public List<Figure> figures() {
    List<Figure> out = new ArrayList<>();
    for (Block b : blocks) if (b instanceof FigureBlock f) out.add(f.figure());
    return out;
  }

  /** The tables of this section, in order. */
  public List<ReportTable> tables() {
    List<ReportTable> out = new ArrayList<>();
    for (Block b : blocks) if (b instanceof TableBlock t) out.add(t.table());
    return out;
  }

  List<Block> blocks() {
    return blocks;
  }

  /** Collects the blocks of a {@link Section}. */
  public static final class Builder {
    private final String id;
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String id, String title) {
      this.id = id;
      this.title = title;
    }

    /** The section's answer in one line, highlighted. */
    public Builder claim(Inline... parts) {
      blocks.add(new Text("claim", List.of(parts)));
      return this;
    }

    public Builder claim(String text) {
      return claim(Inline.text(text));
    }

    public Builder paragraph(Inline... parts) {
      blocks.add(new Text("p", List.of(parts)));
      return this;
    }

    public Builder paragraph(String text) {
      return paragraph(Inline.text(text));
    }

    /** A warning in a red box (an interrupted run, numbers left out). */
    public Builder warning(Inline... parts) {
      blocks.add(new Text("warn", List.of(parts)));
      return this;
    }

    /** A bullet list under a lead line (the lead may be null). */
    public Builder bullets(String lead, List<String> items) {
      blocks.add(new Bullets(lead, List.copyOf(items)));
      return this;
    }

    /** Preformatted text: a command, a spec. */
    public Builder code(String text) {
      blocks.add(new Code(Objects.requireNonNull(text, "text")));
      return this;
    }

    public Builder table(ReportTable table) {
      blocks.add(new TableBlock(Objects.requireNonNull(table, "table")));
      return this;
    }

    public Builder figure(Figure figure) {
      blocks.add(new FigureBlock(Objects.requireNonNull(figure, "figure")));
      return this;
    }

    /** A "not run" box: what would be reported, and the exact command that runs it. */
    public Builder notRun(String what, String command) {
      blocks.add(new NotRun(Objects.requireNonNull(what, "what"), Objects.requireNonNull(command, "command")));
      return this;
    }

    public Section build() {
      return new Section(id, title, blocks);
    }
  }
}

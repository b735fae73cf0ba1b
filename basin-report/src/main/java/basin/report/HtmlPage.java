package basin.report;

import basin.study.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link ReportDocument} as HTML5. Every piece of text goes through {@link Html#escape};
 * figure options go into {@code <script type="application/json">} through {@link Json#forScript};
 * the only scripts are ECharts and the report's own script, both read from the classpath. Apart from
 * those two script elements the markup is well-formed XML (tests parse it so).
 */
final class HtmlPage {
  /** No network at all: only inline scripts and styles, images from data: and blob: URLs. */
  static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
      + "font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'";

  private final ReportDocument doc;
  private final StringBuilder b = new StringBuilder(1 << 20);

  HtmlPage(ReportDocument doc) {
    this.doc = doc;
  }

  String render() {
    boolean charts = false;
    for (Section s : sections()) for (Figure f : s.figures()) charts |= f.isChart();
    b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n");
    b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\"/>\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    b.append("<title>").append(Html.escape(doc.title())).append("</title>\n");
    b.append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>").append(Html.escape(doc.title())).append("</h1>\n");
    if (doc.intro() != null) blocks(doc.intro());
    contents();
    if (!doc.verdicts().isEmpty()) verdicts();
    int n = 0;
    for (Section s : doc.sections()) section(s, ++n);
    if (doc.provenance() != null) section(doc.provenance().section(), ++n);
    if (charts) {
      b.append("<script id=\"echarts-lib\">").append(EChartsBundle.echarts()).append("</script>\n");
    }
    b.append("<script id=\"basin-report-js\">").append(EChartsBundle.reportJs()).append("</script>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private List<Section> sections() {
    List<Section> all = new ArrayList<>(doc.sections());
    if (doc.intro() != null) all.add(doc.intro());
    return all;
  }

  private void contents() {
    b.append("<nav id=\"contents\"><b>Contents</b>\n");
    if (!doc.verdicts().isEmpty()) b.append("<p class=\"toc-verdicts\"><a href=\"#verdicts\">Verdicts</a></p>\n");
    b.append("<ol>\n");
    for (Section s : doc.sections()) {
      b.append("<li><a href=\"#").append(s.id()).append("\">").append(Html.escape(s.title())).append("</a>")
          .append(s.isNotRun() ? " <span class=\"dim\">(not run)</span>" : "").append("</li>\n");
    }
    if (doc.provenance() != null) b.append("<li><a href=\"#provenance\">Provenance</a></li>\n");
    b.append("</ol></nav>\n");
  }

  private void verdicts() {
    b.append("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n");
    for (Verdict v : doc.verdicts()) {
      String status = v.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
      b.append("<div class=\"verdict\" data-claim=\"").append(v.claim().name()).append("\" data-status=\"").append(v.status().name())
          .append("\">\n<p><span class=\"status status-").append(status).append("\">").append(Html.escape(v.status().label()))
          .append("</span> <b>").append(Html.escape(v.claim().title())).append("</b>: ").append(Html.escape(withoutLead(v))).append("</p>\n");
      if (!v.evidence().isEmpty()) {
        b.append("<ul class=\"evidence\">\n");
        for (String e : v.evidence()) b.append("<li>").append(Html.escape(e)).append("</li>\n");
        b.append("</ul>\n");
      }
      b.append("</div>\n");
    }
    b.append("</section>\n");
  }

  private void section(Section s, int number) {
    b.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(number).append(". ").append(Html.escape(s.title())).append("</h2>\n");
    blocks(s);
    b.append("</section>\n");
  }

  private void blocks(Section s) {
    for (Section.Block block : s.blocks()) {
      if (block instanceof Section.Text t) text(t);
      else if (block instanceof Section.Bullets l) bullets(l);
      else if (block instanceof Section.Code c) b.append("<pre class=\"code\">").append(Html.escape(c.text())).append("</pre>\n");
      else if (block instanceof Section.TableBlock t) table(t.table());
      else if (block instanceof Section.FigureBlock f) figure(f.figure());
      else if (block instanceof Section.NotRun r) notRun(r);
    }
  }

  private void text(Section.Text t) {
    b.append("<p").append("p".equals(t.style()) ? "" : " class=\"" + t.style() + "\"").append('>');
    inline(t.parts());
    b.append("</p>\n");
  }

  private void inline(List<Section.Inline> parts) {
    for (Section.Inline i : parts) {
      switch (i.kind()) {
        case TEXT -> b.append(Html.escape(i.text()));
        case BOLD -> b.append("<b>").append(Html.escape(i.text())).append("</b>");
        case CODE -> b.append("<code>").append(Html.escape(i.text())).append("</code>");
      }
    }
  }

  private void bullets(Section.Bullets l) {
    if (l.lead() != null) b.append("<p>").append(Html.escape(l.lead())).append("</p>\n");
    b.append("<ul>\n");
    for (String item : l.items()) b.append("<li>").append(Html.escape(item)).append("</li>\n");
    b.append("</ul>\n");
  }

  private void notRun(Section.NotRun r) {
    b.append("<div class=\"notrun\"><p><b>Not run.</b> ").append(Html.escape(r.what()))
        .append(" would be reported here. Run</p>\n<pre class=\"command\">").append(Html.escape(r.command()))
        .append("</pre>\n<p>and make the report again.</p></div>\n");
  }

  private void table(ReportTable t) {
    b.append("<div class=\"table\" id=\"table-").append(t.id()).append("\">\n<table").append(t.isKeyValue() ? " class=\"kv\"" : "").append(">\n");
    if (!t.isKeyValue()) {
      b.append("<tr>");
      for (String h : t.header()) b.append("<th>").append(Html.escape(h)).append("</th>");
      b.append("</tr>\n");
    }
    for (List<ReportTable.Cell> row : t.rows()) {
      b.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String tag = t.isKeyValue() && i == 0 ? "th" : "td";
        b.append('<').append(tag).append('>').append(Html.escape(row.get(i).text())).append("</").append(tag).append('>');
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<p class=\"downloads\"><a class=\"csv\" download=\"").append(t.id()).append(".csv\" href=\"")
        .append(Csv.dataUri(t.csv())).append("\">CSV</a>");
    if (t.note() != null) b.append(" <span class=\"note\">").append(Html.escape(t.note())).append("</span>");
    b.append("</p>\n</div>\n");
  }

  private void figure(Figure f) {
    b.append("<figure id=\"fig-").append(f.id()).append("\" class=\"").append(f.isChart() ? "chart" : "svg").append("\">\n");
    if (f.isChart()) {
      b.append("<div class=\"chart\" id=\"chart-").append(f.id()).append("\" data-figure=\"").append(f.id()).append("\" role=\"img\" aria-label=\"")
          .append(Html.escape(f.title())).append("\"></div>\n");
      b.append("<noscript><p class=\"nojs\">Figure: <b>").append(Html.escape(f.title()))
          .append("</b>. It is drawn by JavaScript, which is off: the data it plots is in the CSV below.</p></noscript>\n");
      b.append("<script type=\"application/json\" id=\"option-").append(f.id()).append("\">").append(f.optionJson()).append("</script>\n");
    } else {
      b.append("<div class=\"svgfigure\">").append(f.svg()).append("</div>\n");
    }
    b.append("<figcaption>");
    if (!f.isChart()) b.append("<b>").append(Html.escape(f.title())).append(".</b> ");
    b.append(Html.escape(f.caption()));
    b.append(" <span class=\"downloads\">");
    if (f.dataCsv() != null) {
      b.append("<a class=\"csv\" download=\"").append(f.id()).append("-data.csv\" href=\"").append(Csv.dataUri(f.dataCsv()))
          .append("\">data (CSV)</a>");
    }
    if (!f.isChart()) {
      b.append(" <button type=\"button\" hidden=\"hidden\" data-svg-figure=\"").append(f.id()).append("\" data-format=\"svg\">save as SVG</button>")
          .append(" <button type=\"button\" hidden=\"hidden\" data-svg-figure=\"").append(f.id()).append("\" data-format=\"png\">save as PNG</button>");
    }
    b.append("</span></figcaption>\n</figure>\n");
  }

  static final String CSS = String.join("\n", "",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}",
      "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}",
      "nav#contents{background:#f6f8fa;padding:.5em 1em;font-size:.92em}nav#contents ol{margin:.3em 0}p.toc-verdicts{margin:.3em 0 0 2.5em}",
      ".dim{color:#888}",
      "table{border-collapse:collapse;margin:.8em 0 .2em;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right}",
      "th{background:#f3f3f3}table.kv th{text-align:left}table.kv td{text-align:left}",
      ".downloads{font-size:.85em}.downloads a,.downloads button{margin-right:.6em}.note{color:#444}",
      ".claim{font-size:1.05em;background:#f6f8fa;border-left:4px solid #4a7ab5;padding:.5em 1em}",
      ".notrun{background:#fff8e5;border-left:4px solid #d9a400;padding:.5em 1em}",
      ".warn{background:#fdecea;border-left:4px solid #c0392b;padding:.5em 1em}",
      ".verdict{border:1px solid #ddd;border-radius:4px;padding:.2em 1em;margin:.8em 0}.verdict ul{margin-top:0}",
      ".status{display:inline-block;padding:.05em .5em;border-radius:3px;color:#fff;font-weight:600;font-size:.9em}",
      ".status-supported{background:#1e7e34}.status-not-supported{background:#b03a2e}.status-inconclusive{background:#b9770e}",
      ".status-not-run{background:#7f8c8d}",
      "figure{margin:1.4em 0}figcaption{font-size:.88em;color:#444;max-width:900px}",
      "div.chart{width:100%;max-width:900px;height:440px;border:1px solid #eee}",
      ".svgfigure svg{width:100%;max-width:900px;height:auto;border:1px solid #eee}",
      ".nojs{background:#f6f8fa;padding:1em}",
      "pre.code,pre.command{background:#f6f8fa;padding:.8em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}",
      "code{background:#f3f3f3;padding:0 .2em}",
      "@media print{div.chart{break-inside:avoid}nav#contents{display:none}}", "");

  /** The verdict's sentence without a lead that repeats the claim and status the label already shows ("Many minima: supported. "). */
  static String withoutLead(basin.study.verdict.Verdict v) {
    String lead = v.claim().title() + ": " + v.status().label() + ". ";
    String s = v.sentence();
    return s.startsWith(lead) && s.length() > lead.length() ? Character.toUpperCase(s.charAt(lead.length())) + s.substring(lead.length() + 1) : s;
  }
}

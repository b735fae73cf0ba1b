/**
 * The self-contained HTML report of a study catalog. {@link basin.report.StudyReport} builds the
 * standard sections from {@link basin.study.StudySummary} and the flatness and saddle tables;
 * {@link basin.report.ReportDocument} assembles verdicts, {@link basin.report.Section}s (blocks of
 * text, {@link basin.report.ReportTable}s with CSV links, {@link basin.report.Figure}s made by
 * {@link basin.report.Figures}) and the {@link basin.report.Provenance} into one HTML5 page with
 * Apache ECharts inlined once; each figure is a JSON option (written by Jackson, script-safe) drawn
 * by the page's script. No network. docs/report.md describes each section and the Java API.
 * ({@code SvgChart}, {@code Scale}, {@code Ticks}: Basin's own static SVG plotting, kept for SVG
 * figures drawn in Java.)
 */
package basin.report;

/**
 * The self-contained HTML report of a study catalog ({@link basin.report.StudyReport}): the numbers
 * of {@link basin.study.StudySummary} and of the flatness and saddle tables, with figures drawn as
 * inline SVG by the package's own small plotting code ({@code SvgChart}, {@code Ticks}); no
 * external CSS, scripts, fonts or network. docs/report.md describes each section.
 */
package basin.report;

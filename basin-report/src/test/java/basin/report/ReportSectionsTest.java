package basin.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.study.StudySummary;
import basin.study.StudySummary.MinimumRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sections rendered from summaries built by hand, for the cases a small study does not produce: no
 * minimum at all, a stale minima table, degenerate minima, a best-found reference and NaN values.
 */
class ReportSectionsTest {

  /** The page of the sections, the inlined libraries left out; checked to be well-formed. */
  private static String render(StudySummary s) throws Exception {
    ReportSections r = new ReportSections(s, "c.db");
    String html = ReportDocument.builder("t").intro(r.intro()).section(r.starts()).section(r.manyMinima()).section(r.nearGlobal())
        .section(r.flatness(List.of())).section(r.saddles(List.of())).section(r.minimaTable()).build().render();
    Pages.parse(html);
    return Pages.withoutLibraries(html);
  }

  private static StudySummary.RichnessEstimates richness(int observed, double chao1) {
    return new StudySummary.RichnessEstimates(observed, chao1, observed, 2 * chao1, 0.95, Double.NaN, 0.5, 2, 0,
        List.of("no doubletons: <Chao1> uses f1(f1-1)/2"));
  }

  @Test
  void noMinimumAtAll() throws Exception {
    StudySummary s = new StudySummary(new StudySummary.Study("none", 1, "t", 5, 5),
        List.of(new StudySummary.ClassCount("SADDLE", 5, 1.0, 0, 0)), List.of(new StudySummary.SaddleIndex(1, 5)),
        new StudySummary.MinimaTable(0, 0, 0, true), new StudySummary.Distinct(0, 0, 0, 0, -1), null, null,
        new StudySummary.Reference("none", false, Double.NaN, "no minimum found yet"), null, null, List.of(), null, null);
    String html = render(s);
    assertTrue(html.contains("No distinct minima to report: no start ended in a certified minimum."));
    assertTrue(html.contains("No gap distribution"));
    assertTrue(html.contains("<td>none</td>"), "reference none");
    assertTrue(html.contains("index 1: 5"));
    assertTrue(html.contains("<p>None.</p>"));
    assertTrue(html.contains("basin flatness c.db") && html.contains("basin saddles c.db"));
    assertFalse(html.contains("NaN"), "NaN is printed as -");
    assertFalse(html.contains("<figure"), "no figure without data");
  }

  @Test
  void staleMinimaTableIsFlagged() throws Exception {
    StudySummary s = new StudySummary(new StudySummary.Study("stale", 1, "t", 10, 8),
        List.of(new StudySummary.ClassCount("STRICT_MINIMUM", 8, 1.0, 0, 0)), List.of(), new StudySummary.MinimaTable(8, 6, 0, false),
        null, null, null, new StudySummary.Reference("best_found", false, 0.25, "best found (start 3)"), null, null, List.of(), null,
        null);
    String html = render(s);
    assertTrue(html.contains("class=\"warn\"") && html.contains("cover 6 of 8 minimum-ending starts"));
    assertTrue(html.contains("<td>best found</td>"), "a best-found reference is labelled so");
  }

  @Test
  void degenerateMinimaAreCountedApart() throws Exception {
    List<MinimumRow> rows = List.of(
        new MinimumRow(0, 3, 0.1, 0.0, Double.NaN, Double.NaN, Double.NaN, 1e-9, 1e-3, 4.0, null, Double.NaN, null),
        new MinimumRow(1, 1, 0.2, 0.1, 0.3, 0.05, 0.9, 1e-9, 1e-3, 5.0, 2, 0.7, 0),
        new MinimumRow(2, 1, 0.4, 0.3, 0.5, 0.25, 0.8, 1e-9, 0.0, 6.0, 5, 0.7, 0));
    StudySummary s = new StudySummary(new StudySummary.Study("deg", 7, "t", 5, 5),
        List.of(new StudySummary.ClassCount("STRICT_MINIMUM", 4, 0.8, 0, 0), new StudySummary.ClassCount("DEGENERATE_MINIMUM", 1, 0.2, 0, 0)),
        List.of(), new StudySummary.MinimaTable(5, 5, 0, true), new StudySummary.Distinct(3, 3, 0, 0, 0), richness(3, 4.5),
        new StudySummary.Discovery(List.of(1, 1, 1, 2, 3)), new StudySummary.Reference("best_found", false, 0.1, "best found (minimum 0)"),
        new StudySummary.Gap(0.0, 0.3, 0.3), new StudySummary.NearGlobal(1e-3, 3, 5, 0.6, 0.95, new StudySummary.Interval(0.23, 0.88),
            new StudySummary.Interval(0.15, 0.95)), rows, new StudySummary.Degenerate(1, 1, 12.5, 12.5), richness(2, 2.5));
    String html = render(s);
    assertTrue(html.contains("Degenerate minima, counted apart: <b>1</b>"));
    assertTrue(html.contains("<th>strict minima</th><td>2</td>"));
    assertFalse(html.contains("no strict minima"));
    assertTrue(html.contains("Chao1 estimates <b>4.5</b> minima in all (95% CI 3.0 to 9.0)"));
    assertTrue(html.contains("<th>ACE</th><td>-</td>"), "undefined ACE is -");
    assertTrue(html.contains("no doubletons: &lt;Chao1&gt;"), "caveats escaped");
    assertTrue(html.contains("of the best minimum found"));
    assertTrue(html.contains("1 minimum with a gap at or below epsilon / 10 (1.000e-04), the reference itself included, is drawn"), "the reference itself is drawn on the floor");
    assertFalse(html.contains("NaN"));
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.StartRecord;
import basin.study.StudySummary;
import basin.study.SummaryJson;
import basin.study.SummaryText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code basin minima}: the text and the JSON of the same summary, the row limit, a stale minima table. */
class SummaryCommandTest {
  @TempDir static Path dir;
  static Path db;

  /** One small study shared by the tests: 10 starts of SampleResumeTest's spirals spec, L-BFGS and Newton only. */
  @BeforeAll
  static void sample() throws Exception {
    Path spec = dir.resolve("small.yaml");
    Files.writeString(spec, SampleResumeTest.SPEC.replace("starts: 120", "starts: 10")
        .replace("optimizer: [\"adam:lr=0.02,iterations=300\", lbfgs, newton]", "optimizer: [lbfgs, newton]"));
    db = dir.resolve("small.db");
    CliTest.Run r = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet", "--threads", "1");
    assertEquals(0, r.code(), r.err());
  }

  private static StudySummary summaryOf(Path catalog) {
    try (Catalog c = Catalog.open(catalog)) {
      return StudySummary.of(c);
    }
  }

  @Test
  void jsonIsTheSummaryTheTextPrints() {
    CliTest.Run json = CliTest.run("minima", db.toString(), "--json");
    assertEquals(0, json.code(), json.err());
    StudySummary summary = SummaryJson.read(json.out());
    assertEquals(summaryOf(db), summary);
    assertTrue(summary.minima().size() >= 2, "spec seed 5 gives " + summary.minima().size() + " distinct minima; the test needs 2");
    CliTest.Run text = CliTest.run("minima", db.toString());
    assertEquals(0, text.code(), text.err());
    assertEquals(SummaryText.render(summary, 50), text.out());
    assertTrue(text.out().contains("\ndistinct   " + summary.distinct().count() + " minima\n"), text.out());
  }

  @Test
  void rowsLimitTheListAndCountTheRest() {
    int k = summaryOf(db).minima().size();
    CliTest.Run one = CliTest.run("minima", db.toString(), "--rows", "1");
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("\n... " + (k - 1) + " more (basin export for all)\n"), one.out());
    CliTest.Run none = CliTest.run("minima", db.toString(), "--rows", "0");
    assertTrue(none.out().contains("\n... " + k + " more (basin export for all)\n"), none.out());
  }

  @Test
  void negativeRowsIsBadInput() {
    CliTest.Run r = CliTest.run("minima", db.toString(), "--rows", "-1");
    assertEquals(BasinCommand.BAD_INPUT, r.code(), r.err());
    assertEquals("basin minima: --rows = -1: expected a number of minima to list >= 0", r.err().strip());
    assertEquals("", r.out());
  }

  /**
   * Issue 10 defect 3: a run interrupted after recording starts but before clustering them (its
   * minima table empty) is summarized from the starts it holds: the same summary as the complete
   * catalog, never "distinct 0 minima" beside minimum-ending starts.
   */
  @Test
  void staleMinimaTableIsRecomputedFromTheRecordedStarts() throws Exception {
    Path stale = dir.resolve("stale.db");
    Files.copy(db, stale, StandardCopyOption.REPLACE_EXISTING);
    long minimumEnding;
    try (Catalog c = Catalog.openForWriting(stale)) {
      List<StartRecord> starts = c.starts(false);
      minimumEnding = starts.stream().filter(s -> s.criticalClass() != null && s.criticalClass().endsWith("MINIMUM")).count();
      c.replaceMinima(List.of());
    }
    assertTrue(minimumEnding > 0);
    CliTest.Run complete = CliTest.run("minima", db.toString());
    CliTest.Run r = CliTest.run("minima", stale.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(complete.out(), r.out());
    CliTest.Run json = CliTest.run("minima", stale.toString(), "--json");
    StudySummary summary = SummaryJson.read(json.out());
    assertEquals(new StudySummary.MinimaTable((int) minimumEnding, (int) minimumEnding, 0, true), summary.minimaTable());
  }
}

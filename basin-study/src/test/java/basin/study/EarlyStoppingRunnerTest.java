package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.landscape.earlystop.StoppingRule;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping over the starts of a small noisy-spirals study: one thread and two threads, and a
 * run resumed after a part of the starts, give the same rows bit for bit (wall times aside); other
 * options are refused unless replaced; the summary counts what the rows say.
 */
class EarlyStoppingRunnerTest {
  @TempDir Path dir;

  static final StudySpec SPEC = new StudySpec("es", null, "spirals:n=80,noise=0.3",
      new StudySpec.PreparationSpec(null, null, null, null, null, 0.25, true, 3L),
      new StudySpec.ModelSpec(List.of(10), "tanh", true, "cross-entropy"), 1e-4, "glorot",
      List.of("lbfgs:iterations=200", "newton"), 6, 5L, null).withDefaults();

  Path catalog(String name) {
    Path file = dir.resolve(name);
    StudyRunner.run(SPEC.withStarts(1), file, 1, null, Map.of());
    return file;
  }

  static List<String> bits(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder b = new StringBuilder();
      for (Column c : r.table().columns()) {
        if (c.name().equals("wall_ms")) continue;
        b.append(c.name()).append('=');
        if (r.isNull(c.name())) b.append("null");
        else if (c.type() == Column.Type.REAL) b.append(Long.toHexString(Double.doubleToRawLongBits(r.getDouble(c.name()))));
        else if (c.type() == Column.Type.INTEGER) b.append(r.getLong(c.name()));
        else b.append(r.getText(c.name()));
        b.append(' ');
      }
      out.add(b.toString());
    }
    return out;
  }

  static List<String> rows(Path file, Table table) {
    try (Catalog c = Catalog.open(file)) {
      return bits(c.rows(table));
    }
  }

  @Test
  void threadsAndResumptionNeverChangeARow() {
    EarlyStoppingRunner.Options options = EarlyStoppingRunner.Options.defaults().withStarts(4).withInterval(2);
    Path one = catalog("one.db");
    Path two = catalog("two.db");
    Path resumed = catalog("resumed.db");
    EarlyStoppingRunner.RunStats s = EarlyStoppingRunner.run(one, null, options, null);
    assertEquals(4, s.ran());
    assertEquals(Math.round(0.2 * (s.trainExamples() + s.validationExamples())), s.validationExamples(), "20% of the training set");
    EarlyStoppingRunner.run(two, null, options.withThreads(2), null);
    EarlyStoppingRunner.run(resumed, null, options.withStarts(2), null);
    EarlyStoppingRunner.RunStats rest = EarlyStoppingRunner.run(resumed, null, options, null);
    assertEquals(2, rest.alreadyDone());
    for (Table t : List.of(EarlyStoppingRunner.TABLE, EarlyStoppingRunner.CHECKS)) {
      List<String> a = rows(one, t);
      assertEquals(a, rows(two, t), t.name() + ": 1 vs 2 threads");
      assertEquals(a, rows(resumed, t), t.name() + ": resumed");
    }
    assertEquals(4 * StoppingRule.defaults().size(), rows(one, EarlyStoppingRunner.TABLE).size());

    InputException e = assertThrows(InputException.class,
        () -> EarlyStoppingRunner.run(one, null, options.withRules(List.of(StoppingRule.gl(3))), null));
    assertTrue(e.getMessage().contains("rule 0 was gl:2, now gl:3") && e.getMessage().contains("--replace"), e.getMessage());
    EarlyStoppingRunner.run(one, null, options.withRules(List.of(StoppingRule.gl(3))).withReplace(true), null);
    assertEquals(4, rows(one, EarlyStoppingRunner.TABLE).size(), "replaced: one rule, four starts");
  }

  /**
   * A catalog whose early-stopping tables were written before --optimizer and --eigen-every existed
   * (their columns dropped here with SQLite's ALTER TABLE DROP COLUMN, and the registered description
   * rewritten to match): a later run with default options adds the columns in place, keeps the older
   * rows (NULL there, read as the spec's first stage and no eigenvalues) and measures the rest, giving
   * the same rows as a run that never stopped, the new columns aside.
   */
  @Test
  void tablesOfAnEarlierVersionGainTheNewColumns() throws Exception {
    EarlyStoppingRunner.Options options = EarlyStoppingRunner.Options.defaults().withStarts(3).withInterval(2);
    Path whole = catalog("whole.db");
    Path older = catalog("older.db");
    EarlyStoppingRunner.run(whole, null, options, null);
    EarlyStoppingRunner.run(older, null, options.withStarts(1), null);
    Map<String, List<String>> dropped = Map.of("early_stopping", List.of("first_stage", "eigen_every"),
        "early_stopping_checks", List.of("top_eigenvalue"));
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + older);
        java.sql.Statement st = c.createStatement()) {
      for (Map.Entry<String, List<String>> e : dropped.entrySet()) {
        for (String column : e.getValue()) st.execute("ALTER TABLE " + e.getKey() + " DROP COLUMN " + column);
        String columns;
        try (java.sql.ResultSet rs = st.executeQuery("SELECT columns_json FROM result_tables WHERE name = '" + e.getKey() + "'")) {
          assertTrue(rs.next());
          columns = rs.getString(1);
        }
        com.fasterxml.jackson.databind.node.ArrayNode array = (com.fasterxml.jackson.databind.node.ArrayNode) json.readTree(columns);
        for (int i = array.size() - 1; i >= 0; i--) {
          if (e.getValue().contains(array.get(i).get("name").asText())) array.remove(i);
        }
        try (java.sql.PreparedStatement p = c.prepareStatement("UPDATE result_tables SET columns_json = ? WHERE name = ?")) {
          p.setString(1, json.writeValueAsString(array));
          p.setString(2, e.getKey());
          assertEquals(1, p.executeUpdate());
        }
      }
    }
    try (Catalog c = Catalog.open(older)) {
      assertTrue(c.rows(EarlyStoppingRunner.TABLE).stream().allMatch(r -> r.isNull("first_stage") && r.isNull("eigen_every")),
          "a reader sees the older rows with NULL in the new columns");
    }
    EarlyStoppingRunner.RunStats rest = EarlyStoppingRunner.run(older, null, options, null);
    assertEquals(1, rest.alreadyDone(), "the older rows count as done");
    for (Table t : List.of(EarlyStoppingRunner.TABLE, EarlyStoppingRunner.CHECKS)) {
      List<String> expected = new ArrayList<>();
      List<String> actual = new ArrayList<>();
      for (String row : rows(whole, t)) expected.add(withoutNewColumns(row));
      for (String row : rows(older, t)) actual.add(withoutNewColumns(row));
      assertEquals(expected, actual, t.name());
    }
  }

  private static String withoutNewColumns(String bits) {
    return bits.replaceAll("(first_stage|eigen_every|top_eigenvalue)=\\S* ", "");
  }

  /**
   * A gradient-descent first stage given with --optimizer, with eigenvalues every 3rd check: the rows
   * name the stage, eigenvalues sit at checks 0, 3, 6, ... and the last (NULL elsewhere), the spec's
   * own stages still end the start at a certified point, 2 threads give the same bits as 1, and
   * another stage or eigen interval is refused without --replace. The curve counts what the rows say.
   */
  @Test
  void aGivenFirstStageWithEigenvaluesIsRecordedAndResumable() {
    EarlyStoppingRunner.Options options = EarlyStoppingRunner.Options.defaults().withStarts(2).withInterval(5)
        .withFirstStage("gd:step=0.5,iterations=60").withEigenEvery(3);
    Path one = catalog("gd1.db");
    Path two = catalog("gd2.db");
    EarlyStoppingRunner.run(one, null, options, null);
    EarlyStoppingRunner.run(two, null, options.withThreads(2), null);
    for (Table t : List.of(EarlyStoppingRunner.TABLE, EarlyStoppingRunner.CHECKS)) assertEquals(rows(one, t), rows(two, t), t.name());
    List<Row> checks;
    List<Row> rules;
    try (Catalog c = Catalog.open(one)) {
      checks = c.rows(EarlyStoppingRunner.CHECKS);
      rules = c.rows(EarlyStoppingRunner.TABLE);
    }
    for (Row r : rules) {
      assertEquals("gd:step=0.5,iterations=60", r.getText("first_stage"));
      assertEquals(60, r.getLong("first_stage_iterations"), "fixed-step GD runs its whole budget");
      assertTrue(r.getLong("total_iterations") > 60, "the spec's stages go on: " + r.getLong("total_iterations"));
    }
    int withEigen = 0;
    for (Row r : checks) {
      long c = r.getLong("check_index");
      boolean last = c == 12; // 60 iterations every 5: checks 0..12
      assertEquals(c % 3 == 0 || last, !r.isNull("top_eigenvalue"), "check " + c);
      if (!r.isNull("top_eigenvalue")) {
        withEigen++;
        assertTrue(r.getDouble("top_eigenvalue") > 0, "GD from a Glorot start: a positive top curvature " + r.getDouble("top_eigenvalue"));
      }
    }
    assertEquals(2 * 5, withEigen, "checks 0, 3, 6, 9, 12 of two starts");
    SharpnessCurve curve = SharpnessCurve.of(checks);
    assertEquals(List.of("0", "15", "30", "45", "end"), curve.points().stream().map(SharpnessCurve.Point::label).toList());
    for (SharpnessCurve.Point p : curve.points()) {
      assertEquals(2, p.starts());
      assertTrue(p.min() <= p.median() && p.median() <= p.max());
    }
    InputException e = assertThrows(InputException.class, () -> EarlyStoppingRunner.run(one, null, options.withEigenEvery(2), null));
    assertTrue(e.getMessage().contains("eigen-every 3, now 2"), e.getMessage());
    e = assertThrows(InputException.class, () -> EarlyStoppingRunner.run(one, null, options.withFirstStage(null), null));
    assertTrue(e.getMessage().contains("first stage gd:step=0.5,iterations=60, now the spec's"), e.getMessage());
    e = assertThrows(InputException.class, () -> options.withFirstStage("gd:stepp=1"));
    assertTrue(e.getMessage().contains("unknown key 'stepp'"), e.getMessage());
  }

  @Test
  void theSummaryCountsWhatTheRowsSay() {
    Path file = catalog("s.db");
    EarlyStoppingRunner.run(file, null, EarlyStoppingRunner.Options.defaults().withStarts(5).withThreads(2), null);
    List<Row> rows;
    try (Catalog c = Catalog.open(file)) {
      rows = c.rows(EarlyStoppingRunner.TABLE);
    }
    EarlyStoppingSummary summary = EarlyStoppingSummary.of(rows);
    assertEquals(StoppingRule.defaults().size(), summary.rules().size());
    for (int k = 0; k < summary.rules().size(); k++) {
      EarlyStoppingSummary.RuleSummary s = summary.rules().get(k);
      assertEquals(StoppingRule.defaults().get(k).label(), s.rule());
      assertEquals(5, s.starts() + summary.excluded());
      int fired = 0;
      int better = 0;
      for (Row r : rows) {
        if (r.getLong("rule") != k || !r.getText("end_class").endsWith("MINIMUM")) continue;
        fired += (int) r.getLong("fired");
        if (r.getDouble("test_gap") < 0) better++;
        assertTrue(r.getDouble("train_gap") >= 0, "L-BFGS and the trust region only descend: " + r);
      }
      assertEquals(fired, s.fired());
      assertEquals(better, s.testBetter().successes());
      assertTrue(s.trainGap().lower() <= s.trainGap().estimate() && s.trainGap().estimate() <= s.trainGap().upper());
    }
    assertTrue(summary.toCsv().lines().count() == 1 + summary.rules().size());
  }

  @Test
  void aClosedFormStudyIsRefused() throws Exception {
    Path file = dir.resolve("mb.db");
    StudySpec mb = new StudySpec("mb", "muller-brown", null, null, null, null, null, List.of("lbfgs"), 1, 1L, null).withDefaults();
    StudyRunner.run(mb, file, 1, null, Map.of());
    InputException e = assertThrows(InputException.class, () -> EarlyStoppingRunner.run(file, null, EarlyStoppingRunner.Options.defaults(), null));
    assertTrue(e.getMessage().contains("needs a network on data"), e.getMessage());
    assertTrue(Files.exists(file));
  }
}

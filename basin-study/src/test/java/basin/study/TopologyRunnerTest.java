package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.landscape.topology.DisconnectivityGraph;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barriers} on the population ReLU loss with k = 8 (200 starts find its 3 minima, docs/objectives.md):
 * nearest-neighbour pairs, rows that re-evaluate to their stored numbers, resumption, and thread
 * count never changing a row.
 */
class TopologyRunnerTest {

  private static StudySpec spec() {
    return new StudySpec("topology", "relu-population:k=8,teacher=identity", null, null, null, 0.0, null, null, 200, 1L, null).withDefaults();
  }

  private static final String[] RESULT_COLUMNS = {"distance", "method", "points", "status", "level", "barrier", "position", "loss_a", "loss_b", "evaluations"};

  @Test
  void barriersAreStoredResumedAndIndependentOfThreads(@TempDir Path dir) throws Exception {
    Path one = dir.resolve("one.db");
    StudyRunner.run(spec(), one, 2, null, Map.of());
    Path two = dir.resolve("two.db");
    Files.copy(one, two);

    TopologyRunner.Result r = TopologyRunner.run(one, null, new TopologyRunner.Options(1, 11, 1), null);
    int n = r.stats().minima();
    assertEquals(3, n, "the k = 8 study of docs/objectives.md has 3 minima");
    assertTrue(r.stats().pairs() >= 2 && r.stats().pairs() <= 3, "one nearest neighbour each: 2 or 3 pairs, got " + r.stats().pairs());
    assertEquals(r.stats().pairs(), r.stats().measured());

    // more neighbours: the earlier pairs are kept, only the new one is measured
    TopologyRunner.Result again = TopologyRunner.run(one, null, new TopologyRunner.Options(2, 11, 1), null);
    assertEquals(3, again.stats().pairs());
    assertEquals(r.stats().pairs(), again.stats().alreadyDone());
    assertEquals(3 - r.stats().pairs(), again.stats().measured());
    TopologyRunner.Result parallel = TopologyRunner.run(two, null, new TopologyRunner.Options(2, 11, 2), null);
    assertEquals(3, parallel.stats().measured());

    StudySubject subject = StudySubjects.of(spec(), null);
    Objective f = subject.newEvaluator().train();
    try (Catalog a = Catalog.open(one); Catalog b = Catalog.open(two)) {
      List<Row> ra = a.rows(TopologyRunner.TABLE);
      List<Row> rb = b.rows(TopologyRunner.TABLE);
      assertEquals(3, ra.size());
      for (int k = 0; k < 3; k++) {
        for (String c : RESULT_COLUMNS) {
          assertEquals(String.valueOf(ra.get(k).isNull(c) ? null : value(ra.get(k), c)), String.valueOf(rb.get(k).isNull(c) ? null : value(rb.get(k), c)),
              "column " + c + " of pair " + k + ": 1 thread and 2 threads must agree bit for bit");
        }
      }
      List<MinimumRecord> minima = a.minima();
      for (Row row : ra) {
        MinimumRecord ma = minima.get((int) row.getLong("minimum_a"));
        MinimumRecord mb = minima.get((int) row.getLong("minimum_b"));
        assertEquals("FOUND", row.getText("status"));
        double level = row.getDouble("level");
        // the stored level is the loss at the stored position, re-evaluated bit for bit
        double t = row.getDouble("position");
        double[] w = new double[ma.canonical().length];
        for (int i = 0; i < w.length; i++) w[i] = t == 1.0 ? mb.canonical()[i] : ma.canonical()[i] + t * (mb.canonical()[i] - ma.canonical()[i]);
        assertEquals(level, f.value(w), 0.0);
        // endpoints are the minima: their losses agree with the catalog's to round-off (1e-12 absolute)
        assertEquals(ma.trainLoss(), row.getDouble("loss_a"), 1e-12);
        assertEquals(mb.trainLoss(), row.getDouble("loss_b"), 1e-12);
        assertTrue(row.getDouble("barrier") > 0.1, "the three minima are separated by ridges: " + row);
        assertEquals(level - Math.max(row.getDouble("loss_a"), row.getDouble("loss_b")), row.getDouble("barrier"), 0.0);
      }
      TopologyRunner.Topology topo = TopologyRunner.read(a);
      DisconnectivityGraph g = topo.graph();
      assertEquals(1, g.roots().length);
      assertEquals(2, g.spanningTree().size());
      assertEquals(0, g.node(g.roots()[0]).lowest(), "minimum 0 is the global one");
    }
  }

  private static Object value(Row r, String c) {
    return switch (c) {
      case "method", "status" -> r.getText(c);
      case "points", "evaluations" -> r.getLong(c);
      default -> Double.doubleToLongBits(r.getDouble(c));
    };
  }
}

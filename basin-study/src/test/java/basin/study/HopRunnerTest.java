package basin.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.landscape.hopping.BasinHopping;
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
 * Issue 14 acceptance: on the realizable teacher-student problem (population ReLU loss, k = 6
 * students, identity teacher; Safran and Shamir 2018), basin hopping started at a spurious minimum
 * reaches the global one (loss 0).
 */
class HopRunnerTest {

  /** 60 seeded starts of k = 6 find the global minimum and one spurious minimum (loss 0.0251; start 50 or so). */
  private static StudySpec spec() {
    return new StudySpec("hop", "relu-population:k=6,teacher=identity", null, null, null, 0.0, null, null, 60, 1L, null).withDefaults();
  }

  private static int spurious(Path db) {
    try (Catalog c = Catalog.open(db)) {
      for (MinimumRecord m : c.minima()) if (m.trainLoss() > 1e-3) return m.minimumId();
    }
    throw new AssertionError("no spurious minimum among the 60 starts");
  }

  /**
   * From the spurious minimum, with small hops (step 0.1 per coordinate, about a quarter of the
   * weights' scale) and T = 0.01 (below the spurious minimum's loss 0.025 and far below its
   * straight-line barrier of about 0.2 to the global minimum), the chain reaches loss below 1e-10:
   * the pipeline polishes the global minimum to ~1e-15. The point found is the sampled global
   * minimum modulo symmetry.
   */
  @Test
  void basinHoppingFromASpuriousMinimumReachesTheGlobalOne(@TempDir Path dir) {
    Path db = dir.resolve("relu6.db");
    StudyRunner.run(spec(), db, 2, null, Map.of());
    int from = spurious(db);
    BasinHopping.Config config = BasinHopping.Config.defaults().withHops(60).withTemperature(0.01).withStep(0.1).withTarget(1e-10).withSeed(1);
    HopRunner.Run r = HopRunner.run(db, null, new HopRunner.Options(from, config), null);
    assertTrue(r.start().trainLoss() > 0.02, "started at the spurious minimum: " + r.start().trainLoss());
    assertEquals(BasinHopping.Status.TARGET_REACHED, r.result().status(), "best " + r.result().state().bestValue() + " after " + r.result().state().next());
    assertTrue(r.result().state().bestValue() <= 1e-10);
    assertEquals(0, r.bestCatalogMinimum(), "the global minimum found by hopping is the sampled minimum 0 modulo symmetry");
    assertEquals(0.0, r.reference(), 0.0);
    try (Catalog c = Catalog.open(db)) {
      List<Row> rows = c.rows(HopRunner.TABLE);
      assertEquals(r.result().state().next(), rows.size());
      Row last = rows.get(rows.size() - 1);
      assertEquals(r.result().state().bestValue(), last.getDouble("best_loss"), 0.0);
      assertEquals(from, last.getLong("start_minimum"));
    }
  }

  /** Stopped after 4 hops and resumed to 9, the chain's rows equal those of 9 hops run at once, bit for bit. */
  @Test
  void aResumedChainEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.db");
    StudyRunner.run(spec().withStarts(20), a, 2, null, Map.of());
    Path b = dir.resolve("b.db");
    Files.copy(a, b);
    BasinHopping.Config config = BasinHopping.Config.defaults().withHops(9).withTemperature(0.05).withStep(0.3).withInterval(3).withSeed(4);
    HopRunner.run(a, null, new HopRunner.Options(-1, config), null);
    HopRunner.run(b, null, new HopRunner.Options(-1, config.withHops(4)), null);
    HopRunner.Run resumed = HopRunner.run(b, null, new HopRunner.Options(-1, config), null);
    assertEquals(4, resumed.hopsReplayed());
    assertEquals(5, resumed.hopsRun());
    try (Catalog ca = Catalog.open(a); Catalog cb = Catalog.open(b)) {
      List<Row> ra = ca.rows(HopRunner.TABLE);
      List<Row> rb = cb.rows(HopRunner.TABLE);
      assertEquals(9, ra.size());
      assertEquals(9, rb.size());
      for (int i = 0; i < 9; i++) {
        for (String col : new String[] {"step", "loss", "current_loss", "best_loss"}) {
          assertEquals(Double.doubleToLongBits(ra.get(i).getDouble(col)), Double.doubleToLongBits(rb.get(i).getDouble(col)), "hop " + i + " " + col);
        }
        assertEquals(ra.get(i).getLong("accepted"), rb.get(i).getLong("accepted"));
        assertArrayEquals(ra.get(i).getVector("parameters"), rb.get(i).getVector("parameters"), 0.0);
      }
    }
    // other settings on a stored chain are refused
    InputException e = assertThrows(InputException.class, () -> HopRunner.run(b, null, new HopRunner.Options(-1, config.withSeed(5)), null));
    assertTrue(e.getMessage().contains("seed 4 there, 5 now"), e.getMessage());
  }
}

package basin.landscape.hopping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.data.testfunctions.Rastrigin;
import basin.landscape.certify.Certifier;
import basin.landscape.pipeline.StartPipeline;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasinHoppingTest {

  /**
   * A staircase landscape in one dimension: the local minimum reached from x is the nearest integer
   * k, with loss g(k) = (k - 3)^2 / 10 + (k odd ? 1 : 0). Exact, cheap, and with many local minima.
   */
  static final class Staircase implements BasinHopping.LocalMinimizer {
    int calls;

    @Override
    public BasinHopping.Local minimize(double[] start, long seed) {
      calls++;
      double k = Math.rint(start[0]);
      double g = (k - 3) * (k - 3) / 10 + (((long) k) % 2 != 0 ? 1 : 0);
      return new BasinHopping.Local(new double[] {k}, g, true, "STRICT_MINIMUM", 0, new double[] {k});
    }
  }

  @Test
  void metropolisRule() {
    assertTrue(BasinHopping.metropolis(-1, 0, 0.99));
    assertTrue(BasinHopping.metropolis(0, 0, 0.99));
    assertFalse(BasinHopping.metropolis(1e-300, 0, 0.0));
    assertTrue(BasinHopping.metropolis(1, 1, Math.exp(-1) - 1e-12));
    assertFalse(BasinHopping.metropolis(1, 1, Math.exp(-1) + 1e-12));
  }

  @Test
  void zeroTemperatureNeverAcceptsARise() {
    BasinHopping.Config config = BasinHopping.Config.defaults().withHops(200).withTemperature(0).withStep(2.0).withSeed(5);
    List<Double> currents = new ArrayList<>();
    BasinHopping.Result r = BasinHopping.run(BasinHopping.State.initial(new double[] {10}, 4.9, config), config, new Staircase(),
        (hop, after) -> currents.add(after.currentValue()));
    for (int i = 1; i < currents.size(); i++) assertTrue(currents.get(i) <= currents.get(i - 1), "hop " + i);
    assertEquals(0.1, r.state().bestValue(), 0.0, "the staircase's lowest minima are k = 2 and 4 at 1 / 10 (k = 3 carries the odd penalty 1)");
  }

  /**
   * The step adapts by exactly the configured factor per window: every hop accepted (a flat
   * landscape: equal losses are accepted) enlarges it by 1/0.9 per window, every hop rejected (no
   * certified minimum) shrinks it by 0.9. Compared with the same products formed in the same order,
   * so exactly.
   */
  @Test
  void stepAdaptsToTheAcceptanceRate() {
    BasinHopping.Config config = BasinHopping.Config.defaults().withHops(30).withInterval(10).withStep(0.5);
    BasinHopping.LocalMinimizer flat = (start, seed) -> new BasinHopping.Local(start.clone(), 1.0, true, "STRICT_MINIMUM", 0, start.clone());
    BasinHopping.Result up = BasinHopping.run(BasinHopping.State.initial(new double[] {0, 0}, 1.0, config), config, flat, null);
    assertEquals(0.5 / 0.9 / 0.9 / 0.9, up.state().step(), 0.0);
    assertEquals(30, up.state().accepted());
    BasinHopping.LocalMinimizer failing = (start, seed) -> new BasinHopping.Local(start.clone(), 0.0, false, "SADDLE", 0, start.clone());
    BasinHopping.Result down = BasinHopping.run(BasinHopping.State.initial(new double[] {0, 0}, 1.0, config), config, failing, null);
    assertEquals(0.5 * 0.9 * 0.9 * 0.9, down.state().step(), 0.0);
    assertEquals(0, down.state().accepted());
    assertEquals(-1, down.state().bestHop(), "a saddle is never the best minimum, however low");
  }

  /** A run stopped after 17 hops and resumed by replaying its hops equals an uninterrupted run, bit for bit. */
  @Test
  void replayedHopsResumeTheSameChain() {
    BasinHopping.Config config = BasinHopping.Config.defaults().withHops(40).withTemperature(0.5).withStep(1.5).withInterval(4).withSeed(11);
    List<BasinHopping.Hop> all = new ArrayList<>();
    BasinHopping.State start = BasinHopping.State.initial(new double[] {12}, 8.1, config);
    BasinHopping.Result full = BasinHopping.run(start, config, new Staircase(), (hop, after) -> all.add(hop));
    List<BasinHopping.Hop> first = new ArrayList<>();
    BasinHopping.run(start, config.withHops(17), new Staircase(), (hop, after) -> first.add(hop));
    BasinHopping.State replayed = start;
    for (BasinHopping.Hop h : first) replayed = replayed.after(h, config);
    Staircase counting = new Staircase();
    List<BasinHopping.Hop> rest = new ArrayList<>();
    BasinHopping.Result resumed = BasinHopping.run(replayed, config, counting, (hop, after) -> rest.add(hop));
    assertEquals(23, counting.calls);
    assertEquals(full.state().bestValue(), resumed.state().bestValue(), 0.0);
    assertArrayEquals(full.state().current(), resumed.state().current(), 0.0);
    assertEquals(full.state().step(), resumed.state().step(), 0.0);
    assertEquals(full.state().accepted(), resumed.state().accepted());
    for (int i = 0; i < rest.size(); i++) {
      assertEquals(all.get(17 + i).accepted(), rest.get(i).accepted());
      assertArrayEquals(all.get(17 + i).local().point(), rest.get(i).local().point(), 0.0);
    }
  }

  /**
   * Rastrigin in two dimensions from its local minimum near (2, 2) (loss about 8): basin hopping
   * with the study pipeline (L-BFGS, Newton, certification) reaches the global minimum 0 at the
   * origin. The target 1e-10 is far above the pipeline's polish (|g| &lt;= 1e-8 gives loss ~ 1e-17).
   */
  @Test
  void reachesRastriginsGlobalMinimumFromALocalOne() {
    Rastrigin f = new Rastrigin(2);
    StartPipeline pipeline = new StartPipeline(List.of("lbfgs", "newton"), new Certifier(Certifier.Config.defaults()));
    PipelineMinimizer minimizer = new PipelineMinimizer(pipeline, f, SymmetryGroup.trivial(2));
    BasinHopping.Local start = minimizer.minimize(new double[] {2.1, 1.9}, 0L);
    assertTrue(start.minimum() && start.value() > 7, "a local minimum near (2, 2): " + start.value());
    BasinHopping.Config config = BasinHopping.Config.defaults().withHops(300).withTemperature(1.0).withStep(1.0).withTarget(1e-10).withSeed(3);
    BasinHopping.Result r = BasinHopping.run(BasinHopping.State.initial(start.point(), start.value(), config), config, minimizer, null);
    assertEquals(BasinHopping.Status.TARGET_REACHED, r.status());
    assertEquals(0.0, r.state().best()[0], 1e-8);
    assertEquals(0.0, r.state().best()[1], 1e-8);
  }
}

package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.data.closedform.LinearAutoencoderObjective;
import basin.landscape.symmetry.GeneralLinearGroup;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which methods end where, on the linear autoencoder (n = 5, p = 2, spectrum 5..1, identity basis). */
class MethodComparisonTest {

  /**
   * 60 Gaussian starts (scale 0.5), all six methods: pure Newton ends at saddles in a nonzero share,
   * gradient descent at the global minimum (loss sum_{i &gt; p} lambda_i = 6, within 1e-6) in at least
   * 95 % of the runs. Prints every method's shares with 95 % Wilson intervals.
   */
  @Test
  void pureNewtonFindsSaddlesGradientDescentTheMinimum() {
    LinearAutoencoderObjective f = LinearAutoencoders.objective();
    GeneralLinearGroup group = new GeneralLinearGroup(LinearAutoencoders.N, LinearAutoencoders.P);
    LongFunction<double[]> starts = seed -> f.gaussianStart(seed, 0.5);
    MethodComparison comparison = new MethodComparison(MethodComparison.Config.defaults().withStarts(60).withSeed(7));
    MethodComparison.Result r = comparison.compare(f, group, starts);
    Predicate<CriticalPointReport> global = p -> p.kind() == PointKind.MINIMUM && Math.abs(p.value() - f.globalMinimumLoss()) <= 1e-6;
    for (MethodComparison.MethodOutcome o : r.outcomes()) {
      System.out.println(o.method() + ": " + o.shares() + "; global minimum " + o.shareWhere(global));
      int total = 0;
      for (Share s : o.shares().values()) total += s.count();
      assertEquals(60, total);
    }
    Share pureSaddles = r.outcome(MethodComparison.Method.PURE_NEWTON).share(PointKind.SADDLE);
    assertTrue(pureSaddles.count() > 0, "pure Newton: " + pureSaddles);
    Share gdGlobal = r.outcome(MethodComparison.Method.GRADIENT_DESCENT).shareWhere(global);
    assertTrue(gdGlobal.estimate() >= 0.95, "gradient descent: " + gdGlobal);
    // saddle-free Newton flees negative curvature: no saddles
    assertEquals(0, r.outcome(MethodComparison.Method.SADDLE_FREE_NEWTON).share(PointKind.SADDLE).count());

    // reproducible: the same seed gives the same end points, bit for bit
    MethodComparison.Result again = new MethodComparison(MethodComparison.Config.defaults().withStarts(60).withSeed(7)
        .withMethods(List.of(MethodComparison.Method.PURE_NEWTON))).compare(f, group, starts);
    List<CriticalPointReport> first = r.outcome(MethodComparison.Method.PURE_NEWTON).reports();
    List<CriticalPointReport> second = again.outcome(MethodComparison.Method.PURE_NEWTON).reports();
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i).point(), second.get(i).point());
      assertEquals(first.get(i).kind(), second.get(i).kind());
    }
  }

  /** Three threads give the same end points, bit for bit, and the same shares as one. */
  @Test
  void threadCountDoesNotChangeTheResult() {
    LinearAutoencoderObjective f = LinearAutoencoders.objective();
    GeneralLinearGroup group = new GeneralLinearGroup(LinearAutoencoders.N, LinearAutoencoders.P);
    LongFunction<double[]> starts = seed -> f.gaussianStart(seed, 0.5);
    MethodComparison comparison = new MethodComparison(MethodComparison.Config.defaults().withStarts(8).withSeed(3));
    MethodComparison.Result one = comparison.compare(f, group, starts, 1, null);
    int[] calls = {0};
    MethodComparison.Result three = comparison.compare(f, group, starts, 3, (done, total) -> {
      calls[0]++;
      assertEquals(48, total);
    });
    assertEquals(48, calls[0]);
    for (MethodComparison.Method m : MethodComparison.Method.values()) {
      List<CriticalPointReport> a = one.outcome(m).reports();
      List<CriticalPointReport> b = three.outcome(m).reports();
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(a.get(i).point(), b.get(i).point(), m + " start " + i);
        assertEquals(a.get(i).kind(), b.get(i).kind());
      }
      assertEquals(one.outcome(m).shares(), three.outcome(m).shares());
    }
  }

  @Test
  void methodLabelsParse() {
    assertEquals(List.of(MethodComparison.Method.GRADIENT_DESCENT, MethodComparison.Method.SADDLE_FREE_NEWTON),
        MethodComparison.Method.parseList("gd,sfn"));
    for (MethodComparison.Method m : MethodComparison.Method.values()) assertEquals(m, MethodComparison.Method.parse(m.label()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodComparison.Method.parseList("gd,bfgs"));
    assertTrue(e.getMessage().contains("'bfgs'") && e.getMessage().contains("newton-mr"), e.getMessage());
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> MethodComparison.Config.defaults().withMethods(List.of()));
    assertThrows(IllegalArgumentException.class, () -> MethodComparison.Config.defaults()
        .withMethods(List.of(MethodComparison.Method.LBFGS, MethodComparison.Method.LBFGS)));
    assertThrows(IllegalArgumentException.class, () -> MethodComparison.Config.defaults().withGradientTolerance(0));
    assertThrows(IllegalArgumentException.class, () -> DenseNewton.Config.defaults(DenseNewton.Variant.PURE).withCutoff(1));
  }
}

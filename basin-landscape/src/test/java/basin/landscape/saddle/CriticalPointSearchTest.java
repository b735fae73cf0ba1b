package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.data.closedform.LinearAutoencoderCriticalPoint;
import basin.data.closedform.LinearAutoencoderObjective;
import basin.data.testfunctions.Himmelblau;
import basin.data.testfunctions.KnownCriticalPoint;
import basin.landscape.symmetry.GeneralLinearGroup;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Critical points from many seeded starts, checked against closed forms and known tables. */
class CriticalPointSearchTest {

  /**
   * The linear autoencoder (n = 5, p = 2): Newton-MR from 300 spread starts. Every certified point
   * must be one of the closed form's 16 critical points modulo GL(2) (loss within 1e-9, index and
   * nullity exact, distance of B A to the closed form's U_I U_I^T within 1e-6: Newton-MR stops at
   * |g| &lt;= 1e-12 and the certifier at 1e-8), and the search must find every (loss, index, nullity)
   * class of the closed form. Printed: found vs exact points and classes.
   */
  @Test
  void linearAutoencoderSearchRecoversEveryIndexClass() {
    LinearAutoencoderObjective f = LinearAutoencoders.objective();
    GeneralLinearGroup group = new GeneralLinearGroup(LinearAutoencoders.N, LinearAutoencoders.P);
    CriticalPointSearch.Result r = new CriticalPointSearch(CriticalPointSearch.Config.defaults().withStarts(300).withSeed(5))
        .search(f, group, LinearAutoencoders.spreadStarts(f));
    List<LinearAutoencoderCriticalPoint> exact = f.criticalPoints();
    Set<String> exactClasses = new LinkedHashSet<>();
    for (LinearAutoencoderCriticalPoint c : exact) exactClasses.add(classKey(c.loss(), c.negativeEigenvalues(), c.zeroEigenvalues()));
    Set<String> foundClasses = new LinkedHashSet<>();
    Set<Integer> matchedPoints = new LinkedHashSet<>();
    for (CriticalPointSearch.DistinctPoint d : r.distinct()) {
      CriticalPointReport p = d.report();
      assertTrue(p.isCritical(), "only certified points on this landscape: " + p);
      int match = -1;
      for (int k = 0; k < exact.size(); k++) {
        if (group.distance(p.point(), exact.get(k).parameters()) <= 1e-6) match = k;
      }
      assertTrue(match >= 0, "not a closed-form critical point: " + p);
      LinearAutoencoderCriticalPoint c = exact.get(match);
      assertEquals(c.loss(), p.value(), 1e-9, p.toString());
      assertEquals(c.negativeEigenvalues(), p.index(), p.toString());
      assertEquals(c.zeroEigenvalues(), p.nullity(), p.toString());
      assertEquals(c.isMinimum(), p.kind() == PointKind.MINIMUM);
      assertTrue(matchedPoints.add(match), "two distinct points match the same closed-form point " + c);
      foundClasses.add(classKey(p.value(), p.index(), p.nullity()));
    }
    System.out.println("linear autoencoder n=5 p=2, newton-mr, 300 starts: " + r.kindCounts() + "; points found " + matchedPoints.size()
        + " of " + exact.size() + ", classes found " + foundClasses.size() + " of " + exactClasses.size());
    assertEquals(exactClasses, foundClasses);
    int hits = 0;
    for (CriticalPointSearch.DistinctPoint d : r.distinct()) hits += d.hits();
    assertEquals(r.kindCounts().get(PointKind.MINIMUM) + r.kindCounts().get(PointKind.SADDLE), hits);
  }

  private static String classKey(double loss, int index, int nullity) {
    return Math.round(loss * 1e6) / 1e6 + "/" + index + "/" + nullity;
  }

  /**
   * Himmelblau's 9 critical points from 200 uniform starts in [-5, 5]^2: the 4 saddles (index 1),
   * the 4 minima and the maximum (index 2), each within 1e-8 of the table (Newton-MR reaches |g| &lt;=
   * 1e-12; the Hessian is nonsingular there, so the distance is about 1e-12 / min |lambda|).
   */
  @Test
  void himmelblauSaddlesAreAllFound() {
    Himmelblau h = new Himmelblau();
    CriticalPointSearch.Result r = new CriticalPointSearch(CriticalPointSearch.Config.defaults().withStarts(200).withSeed(3))
        .search(h, null, seed -> {
          SplittableRandom random = new SplittableRandom(seed);
          return new double[] {-5 + 10 * random.nextDouble(), -5 + 10 * random.nextDouble()};
        });
    List<CriticalPointSearch.DistinctPoint> saddles = r.distinct(PointKind.SADDLE);
    int saddleCount = 0;
    for (KnownCriticalPoint known : h.knownCriticalPoints()) {
      boolean found = false;
      for (CriticalPointSearch.DistinctPoint d : r.distinct()) {
        double[] x = d.report().point();
        if (Math.hypot(x[0] - known.point()[0], x[1] - known.point()[1]) <= 1e-8) {
          assertEquals(known.index(), d.report().index(), d.report().toString());
          found = true;
        }
      }
      assertTrue(found, "not found: " + known);
      if (known.index() == 1) saddleCount++;
    }
    assertEquals(4, saddleCount);
    long indexOne = saddles.stream().filter(d -> d.report().index() == 1).count();
    assertEquals(4, indexOne, "exactly the four index-1 saddles: " + saddles);
    assertEquals(9, r.distinct().size(), "nine critical points, no duplicates: " + r.distinct());
  }

  /** The same config and seed give identical runs (points bit for bit); another seed different starts. */
  @Test
  void searchIsReproducible() {
    Himmelblau h = new Himmelblau();
    CriticalPointSearch search = new CriticalPointSearch(CriticalPointSearch.Config.defaults().withStarts(20).withSeed(11)
        .withFinder(CriticalPointFinder.parse("gd-newton-mr")));
    java.util.function.LongFunction<double[]> starts = seed -> {
      SplittableRandom random = new SplittableRandom(seed);
      return new double[] {-5 + 10 * random.nextDouble(), -5 + 10 * random.nextDouble()};
    };
    CriticalPointSearch.Result a = search.search(h, SymmetryGroup.trivial(2), starts);
    CriticalPointSearch.Result b = search.search(h, SymmetryGroup.trivial(2), starts);
    assertEquals(a.runs().size(), b.runs().size());
    for (int i = 0; i < a.runs().size(); i++) {
      assertEquals(a.runs().get(i).startSeed(), b.runs().get(i).startSeed());
      assertArrayEquals(a.runs().get(i).report().point(), b.runs().get(i).report().point());
      assertEquals(a.runs().get(i).distinctIndex(), b.runs().get(i).distinctIndex());
    }
    List<Long> seeds = new ArrayList<>();
    for (CriticalPointSearch.Run run : a.runs()) seeds.add(run.startSeed());
    assertEquals(seeds.size(), new LinkedHashSet<>(seeds).size(), "start seeds are distinct");
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> CriticalPointSearch.Config.defaults().withStarts(0));
    assertThrows(IllegalArgumentException.class, () -> CriticalPointSearch.Config.defaults().withDistanceTolerance(Double.NaN));
    assertThrows(basin.core.InputException.class, () -> CriticalPointFinder.parse("newton"));
    CriticalPointSearch search = new CriticalPointSearch(CriticalPointSearch.Config.defaults().withStarts(1));
    assertThrows(IllegalArgumentException.class, () -> search.search(new Himmelblau(), null, seed -> new double[3]));
    assertThrows(IllegalArgumentException.class, () -> search.search(new Himmelblau(), SymmetryGroup.trivial(3), seed -> new double[2]));
  }
}

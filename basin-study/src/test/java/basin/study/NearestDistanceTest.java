package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Mlp;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nearest distance each distinct minimum carries in the catalog, on a small real study (spirals,
 * 3 tanh units, 30 starts: several distinct minima).
 */
class NearestDistanceTest {
  /**
   * Relative tolerance between the stored value and the test's own recomputation. The test computes
   * d(w_i, w_j) for every ordered pair, the clustering only for i &lt; j; with one hidden layer the
   * alignment is an exact assignment problem, so the two orientations agree up to rounding in the sum
   * of squares (a few ulps of a distance that, between distinct minima, is far from 0).
   */
  static final double RELATIVE = 1e-12;

  @Test
  void everyMinimumStoresTheDistanceToItsNearestOther(@TempDir Path dir) {
    StudySpec spec = StudyTestSupport.spec("spirals:n=60,noise=0.05", List.of(3), "tanh", true, "cross-entropy", 1e-3,
        List.of("lbfgs", "newton"), 30, 5);
    Path db = dir.resolve("nearest.db");
    StudyRunner.run(spec, db, 2, null, Map.of());
    Mlp model = new StudyProblem(spec).model();
    MinimaClustering.Distance distance = basin.landscape.symmetry.MlpSymmetryGroup.of(model)::distance;
    List<MinimumRecord> minima;
    try (Catalog c = Catalog.open(db)) {
      minima = c.minima();
      StudySummary summary = StudySummary.of(c);
      String text = SummaryText.render(summary, 100);
      for (StudySummary.MinimumRow row : summary.minima()) {
        MinimumRecord stored = minima.stream().filter(m -> m.minimumId() == row.id()).findFirst().orElseThrow();
        assertEquals(stored.nearestDistance(), row.nearestDistance(), 0.0, "the summary copies minimum " + row.id() + "'s distance");
        String prefix = String.format(Locale.ROOT, "%4d %6d ", row.id(), row.hits());
        String nearest = String.format(Locale.ROOT, " %10.3e", row.nearestDistance());
        assertTrue(text.lines().anyMatch(l -> l.startsWith(prefix) && l.endsWith(nearest)), "row " + row.id() + " ends with" + nearest + ":\n" + text);
      }
    }
    int k = minima.size();
    assertTrue(k >= 3, "spec seed 5 gives " + k + " distinct minima; the test needs at least 3");

    double[][] d = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        d[i][j] = i == j ? Double.NaN : distance.distance(minima.get(i).parameters(), minima.get(j).parameters());
      }
    }
    int[] argmin = new int[k];
    for (int i = 0; i < k; i++) {
      argmin[i] = -1;
      for (int j = 0; j < k; j++) {
        if (j != i && (argmin[i] < 0 || d[i][j] < d[i][argmin[i]])) argmin[i] = j;
      }
      double expected = d[i][argmin[i]];
      double stored = minima.get(i).nearestDistance();
      assertTrue(expected > 0, "minimum " + i + ": distinct minima lie apart, d = " + expected);
      assertEquals(expected, stored, RELATIVE * expected, "nearest distance of minimum " + i);
    }
    // Symmetry: d(i, j) is a candidate for j too, so j's nearest is no farther than i's; for a mutual
    // pair (each the other's nearest, e.g. the closest pair overall) both store their distance.
    int mutual = 0;
    for (int i = 0; i < k; i++) {
      int j = argmin[i];
      double di = minima.get(i).nearestDistance();
      double dj = minima.get(j).nearestDistance();
      assertTrue(dj <= di * (1 + RELATIVE), "minimum " + j + " (" + dj + ") is nearest to " + i + " (" + di + ")");
      if (argmin[j] == i) {
        mutual++;
        assertEquals(d[i][j], di, RELATIVE * d[i][j], "mutual pair " + i + ", " + j);
        assertEquals(di, dj, RELATIVE * di, "mutual pair " + i + ", " + j);
      }
    }
    assertTrue(mutual >= 2, "the closest pair is mutual");
  }

  @Test
  void aLoneMinimumHasNaN() {
    StudySpec spec = StudyTestSupport.spec("spirals:n=60,noise=0.05", List.of(3), "tanh", true, "cross-entropy", 1e-3,
        List.of("lbfgs"), 1, 5);
    StudyProblem problem = new StudyProblem(spec);
    double[] w = problem.initializer().initialize(problem.model(), 1L);
    StartRecord alone = new StartRecord(0, 1L, new StartRecord.Outcome("CONVERGED", "STRICT_MINIMUM", 1e-9, 0),
        new StartRecord.Losses(0.1, 0.1, 0.2, 0.5, 0.5), new StartRecord.Curvature(1e-3, 1.0, 0, 0, 0.0),
        new StartRecord.Effort(10, 10, 0, 1), w, w.clone());
    List<MinimumRecord> minima = MinimaClustering.cluster(List.of(alone), problem.model(), spec.tolerances());
    assertEquals(1, minima.size());
    assertTrue(Double.isNaN(minima.get(0).nearestDistance()));
  }
}

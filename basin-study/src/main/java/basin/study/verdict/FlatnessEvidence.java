package basin.study.verdict;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.FlatnessRunner;
import basin.study.StudySummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flatness of a study's minima as its catalog's {@code flatness} table
 * ({@link FlatnessRunner#TABLE}) gives it, each minimum weighted by its hits.
 *
 * @param minima the measured minima
 * @param minimumEndingStarts the study's minimum-ending starts (the summary's), so that the share
 *     of starts whose minimum was measured is known
 */
public record FlatnessEvidence(List<Measured> minima, int minimumEndingStarts) {

  /**
   * One measured minimum.
   *
   * @param minimumId its id
   * @param hits starts that ended in it
   * @param radiusMedian median basin radius (column radius_median; Infinity beyond the cap)
   * @param radiusDelta the rise of the objective that ends a radius (column radius_delta)
   * @param epsilonSharpness Keskar et al.'s epsilon-sharpness (column epsilon_sharpness)
   * @param lambdaMax largest Hessian eigenvalue of the data loss on the complement of the
   *     symmetry directions (column lambda_max)
   */
  public record Measured(int minimumId, int hits, double radiusMedian, double radiusDelta, double epsilonSharpness,
      double lambdaMax) {}

  public FlatnessEvidence {
    minima = List.copyOf(minima);
  }

  /**
   * Reads the flatness table of a catalog and weights each row by its minimum's hits in the summary.
   *
   * @return null when the catalog has no flatness rows (the analysis has not run)
   */
  public static FlatnessEvidence read(Catalog catalog, StudySummary summary) {
    List<Row> rows = catalog.rows(FlatnessRunner.TABLE);
    if (rows.isEmpty()) return null;
    Map<Integer, Integer> hits = new HashMap<>();
    for (StudySummary.MinimumRow m : summary.minima()) hits.put(m.id(), m.hits());
    List<Measured> measured = new ArrayList<>();
    for (Row r : rows) {
      int id = (int) r.getLong("minimum_id");
      Integer h = hits.get(id);
      if (h == null) continue; // a row of a minimum the current table no longer holds
      measured.add(new Measured(id, h, r.getDouble("radius_median"), r.getDouble("radius_delta"),
          r.getDouble("epsilon_sharpness"), r.getDouble("lambda_max")));
    }
    return new FlatnessEvidence(measured, summary.minimaTable().minimumEndingStarts());
  }

  /** Starts that ended in a measured minimum. */
  public long measuredStarts() {
    long s = 0;
    for (Measured m : minima) s += m.hits();
    return s;
  }
}

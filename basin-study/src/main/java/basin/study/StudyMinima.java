package basin.study;

import basin.landscape.symmetry.SymmetryGroup;
import basin.landscape.symmetry.SymmetryGroups;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct minima of a catalog as its recorded starts define them. The runner stores them at
 * intervals and at the end of a run; a catalog read while a study runs, or after one was killed,
 * may hold starts its minima table does not cover yet. Then the minima are recomputed in memory
 * from the recorded starts (in start order, modulo the symmetry group the catalog names), so every
 * summary is correct for the starts the catalog holds. A read never writes.
 */
public final class StudyMinima {
  private StudyMinima() {}

  /** Provenance key of the study's symmetry group ({@link SymmetryGroup#spec()}). */
  public static final String SYMMETRY_SPEC = "symmetry_spec";

  /** The result: the minima and whether they were recomputed (the stored table was stale). */
  public record Current(List<MinimumRecord> minima, boolean recomputed, boolean stale) {}

  /**
   * The minima of every recorded start.
   *
   * @return the stored minima when they cover every minimum-ending start; else the recomputed
   *     ones; else (a catalog too old to name its symmetry group) the stored ones, marked stale
   */
  public static Current current(Catalog catalog) {
    return current(catalog, catalog.starts(false));
  }

  /** As {@link #current(Catalog)}, with the catalog's recorded starts already read (vectors not needed). */
  static Current current(Catalog catalog, List<StartRecord> starts) {
    List<MinimumRecord> stored = catalog.minima();
    Set<Integer> covered = new HashSet<>();
    for (MinimumRecord m : stored) for (int s : m.members()) covered.add(s);
    boolean complete = true;
    for (StartRecord s : starts) {
      if (MinimaClustering.isMinimum(s) && !covered.contains(s.startIndex())) {
        complete = false;
        break;
      }
    }
    if (complete) return new Current(stored, false, false);
    String groupSpec = catalog.provenance().get(SYMMETRY_SPEC);
    if (groupSpec == null) return new Current(stored, false, true);
    StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
    SymmetryGroup group = SymmetryGroups.parse(groupSpec);
    return new Current(MinimaClustering.cluster(catalog.starts(true), group, spec.tolerances()), true, false);
  }
}

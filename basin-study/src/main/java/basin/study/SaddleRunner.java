package basin.study;

import basin.core.InputException;
import basin.landscape.certify.Certifier;
import basin.landscape.saddle.CriticalPointFinder;
import basin.landscape.saddle.CriticalPointReport;
import basin.landscape.saddle.CriticalPointSearch;
import basin.landscape.saddle.PointClassifier;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a catalog's {@code critical_points} table: critical points of every index, found by a
 * finder that converges to saddles as well as minima (Newton-MR, gradient-norm minimization) from
 * the study's own start distribution, each certified (index, nullity, smallest eigenvalues modulo the
 * symmetries) or classified gradient-flat (|grad f| stalls while |H grad f| / |grad f| is tiny: Frye
 * et al. 2021), and deduplicated modulo the study's symmetry group (docs/saddles.md).
 *
 * <p>The search is a pure function of (spec, finder, starts, seed); it replaces the table as a whole
 * when it finishes (a killed search leaves the previous table, and is simply run again).
 */
public final class SaddleRunner {
  private SaddleRunner() {}

  /** The table's description, one place for its columns. */
  public static final Table TABLE = Table.byCriticalPoint("critical_points",
      "Distinct critical points found from random starts by a saddle-capable finder: kind, loss, index and nullity.",
      List.of(
          Column.of("kind", Column.Type.TEXT, "MINIMUM, SADDLE, GRADIENT_FLAT (|g| stalls above tolerance while |Hg|/|g| is tiny), NOT_CONVERGED or DIVERGED."),
          Column.of("finder", Column.Type.TEXT, "The finder that reached it: newton-mr, gradient-norm or gd-newton-mr."),
          Column.of("objective", Column.Type.REAL, "The training objective there (data loss plus L2)."),
          Column.of("gradient_norm", Column.Type.REAL, "||grad f|| there."),
          Column.of("hessian_gradient_norm", Column.Type.REAL, "||H grad f|| there: tiny beside ||grad f|| at a gradient-flat point."),
          Column.of("hessian_index", Column.Type.INTEGER, "Number of negative Hessian eigenvalues (-1 when not certified)."),
          Column.of("nullity", Column.Type.INTEGER, "Number of zero Hessian eigenvalues, symmetry zero modes included (-1 when not certified)."),
          Column.of("symmetry_zero_modes", Column.Type.INTEGER, "Zero eigenvalues the symmetries explain."),
          Column.of("index_fraction", Column.Type.REAL, "index / P."),
          Column.of("smallest_eigenvalue", Column.Type.REAL, "Smallest Hessian eigenvalue apart from the symmetry zero modes."),
          Column.of("hits", Column.Type.INTEGER, "Starts that ended at this point."),
          Column.of("first_start", Column.Type.INTEGER, "The first start (index) that found it."),
          Column.of("parameters", Column.Type.VECTOR, "The point.")));

  /**
   * @param finder newton-mr, gradient-norm or gd-newton-mr
   * @param starts starts of the search
   * @param seed its seed (start i draws its initial point from a mix of (seed, i))
   */
  public record Options(String finder, int starts, long seed) {
    public Options {
      CriticalPointFinder.parse(finder); // validates with one line
      if (starts < 1) throw new InputException("--starts must be >= 1, got " + starts);
    }
  }

  /** What the search found, in table order. */
  public record RunStats(int starts, List<Row> rows, java.util.Map<String, Integer> runsByKind, long wallNanos) {}

  /** Runs the search on the catalog's subject and replaces its critical_points table. */
  public static RunStats run(Path catalogFile, Path baseDirectory, Options options, StudyRunner.Progress progress) {
    long t0 = System.nanoTime();
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
      StudySubject subject = StudySubjects.ofCatalog(catalog, catalogFile, baseDirectory, "its critical points would describe another objective");
      StudySpec.Tolerances t = spec.tolerances();
      PointClassifier.Config classifier = PointClassifier.Config.defaults().withCertifier(Certifier.Config.defaults()
          .withGradientTolerance(t.gradient()).withRelativeEigenvalueTolerance(t.eigenvalue()));
      CriticalPointSearch search = new CriticalPointSearch(CriticalPointSearch.Config.defaults()
          .withFinder(CriticalPointFinder.parse(options.finder())).withStarts(options.starts()).withSeed(options.seed())
          .withDistanceTolerance(t.parameter()).withClassifier(classifier));
      int[] done = {0};
      CriticalPointSearch.Result result = search.search(subject.newEvaluator().train(), subject.symmetry(), seed -> {
        if (progress != null) progress.update(done[0]++, options.starts());
        return subject.initialPoint(seed);
      });
      if (progress != null) progress.update(options.starts(), options.starts());
      List<Row> rows = new ArrayList<>();
      int id = 0;
      for (CriticalPointSearch.DistinctPoint p : result.distinct()) {
        CriticalPointReport r = p.report();
        rows.add(TABLE.row()
            .set("point_id", id++)
            .set("kind", r.kind().name())
            .set("finder", options.finder())
            .set("objective", r.value())
            .set("gradient_norm", r.gradientNorm())
            .set("hessian_gradient_norm", r.hessianGradientNorm())
            .set("hessian_index", r.index())
            .set("nullity", r.nullity())
            .set("symmetry_zero_modes", r.symmetryZeroModes())
            .set("index_fraction", r.index() < 0 ? Double.NaN : r.indexFraction())
            .set("smallest_eigenvalue", r.smallestEigenvalues().length == 0 ? Double.NaN : r.smallestEigenvalues()[0])
            .set("hits", p.hits())
            .set("first_start", p.firstStart())
            .set("parameters", r.point())
            .build());
      }
      catalog.ensureTable(TABLE);
      catalog.replaceRows(TABLE, rows);
      java.util.Map<String, Integer> byKind = new java.util.TreeMap<>();
      result.kindCounts().forEach((k, v) -> byKind.put(k.name(), v));
      return new RunStats(options.starts(), rows, byKind, System.nanoTime() - t0);
    }
  }
}

package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * A critical-point finder run from many seeded starts, every end point classified ({@link
 * PointClassifier}) and the certified points and gradient-flat points deduplicated modulo the
 * objective's symmetry group, each distinct point with its hit count.
 *
 * <p>Start i is {@code starts.apply(startSeed(seed, i))}; runs are sequential, so the result is a
 * function of (objective, group, starts, config) alone.
 *
 * <p><b>Same point.</b> Two reports are the same point when they have the same kind, the same index
 * (and nullity), |f_a - f_b| &lt;= valueTolerance max(1, |f_a|, |f_b|), and d(a, b) &lt;=
 * distanceTolerance max(1, |a|, |b|), d the group's {@link SymmetryGroup#distance} (Euclidean
 * without a group). Each new report is compared with the distinct points found so far in order and
 * joins the first match; the representative is the first report of its class. The distinct points
 * are listed by kind (minima, saddles, gradient-flat), then by value, then by index.
 *
 * <p>Cost: N finder runs plus N classifications (see {@link CriticalPointFinder}, {@link
 * PointClassifier}), and up to N times the number of distinct points distance evaluations.
 */
public final class CriticalPointSearch {

  /**
   * Configuration.
   *
   * @param finder the method run from every start
   * @param starts N, &gt;= 1
   * @param seed master seed of the start seeds
   * @param distanceTolerance relative distance below which two points are the same; finite, &gt;= 0
   * @param valueTolerance relative value difference below which two points are the same; finite, &gt;= 0
   * @param classifier the classification settings
   */
  public record Config(CriticalPointFinder finder, int starts, long seed, double distanceTolerance, double valueTolerance,
      PointClassifier.Config classifier) {
    public Config {
      if (finder == null) throw new IllegalArgumentException("CriticalPointSearch finder is null");
      if (starts < 1) throw new IllegalArgumentException("CriticalPointSearch starts must be >= 1, got " + starts);
      if (!(distanceTolerance >= 0 && distanceTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("CriticalPointSearch distanceTolerance must be finite and >= 0, got " + distanceTolerance);
      }
      if (!(valueTolerance >= 0 && valueTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("CriticalPointSearch valueTolerance must be finite and >= 0, got " + valueTolerance);
      }
      if (classifier == null) throw new IllegalArgumentException("CriticalPointSearch classifier config is null");
    }

    /** Newton-MR, 100 starts, seed 1, distance tolerance 1e-4, value tolerance 1e-8, classifier defaults. */
    public static Config defaults() {
      return new Config(CriticalPointFinder.parse("newton-mr"), 100, 1L, 1e-4, 1e-8, PointClassifier.Config.defaults());
    }

    public Config withFinder(CriticalPointFinder v) {
      return new Config(v, starts, seed, distanceTolerance, valueTolerance, classifier);
    }

    public Config withStarts(int v) {
      return new Config(finder, v, seed, distanceTolerance, valueTolerance, classifier);
    }

    public Config withSeed(long v) {
      return new Config(finder, starts, v, distanceTolerance, valueTolerance, classifier);
    }

    public Config withDistanceTolerance(double v) {
      return new Config(finder, starts, seed, v, valueTolerance, classifier);
    }

    public Config withValueTolerance(double v) {
      return new Config(finder, starts, seed, distanceTolerance, v, classifier);
    }

    public Config withClassifier(PointClassifier.Config v) {
      return new Config(finder, starts, seed, distanceTolerance, valueTolerance, v);
    }
  }

  /**
   * One start's outcome.
   *
   * @param start the start index i
   * @param startSeed the seed the start distribution was called with
   * @param finderStatus the finder's status
   * @param iterations the finder's iterations
   * @param gradientEvaluations the finder's gradients
   * @param hessianVectorProducts the finder's Hessian-vector products
   * @param report the classification of the end point
   * @param distinctIndex position of its distinct point in {@link Result#distinct()}, or -1 (not
   *     converged, diverged)
   */
  public record Run(int start, long startSeed, OptimizationResult.Status finderStatus, long iterations, long gradientEvaluations,
      long hessianVectorProducts, CriticalPointReport report, int distinctIndex) {}

  /**
   * A distinct point.
   *
   * @param report the representative: the first report of the class
   * @param hits the number of starts that ended at it
   * @param firstStart the first start that found it
   */
  public record DistinctPoint(CriticalPointReport report, int hits, int firstStart) {}

  /**
   * The search's outcome.
   *
   * @param runs every start in order
   * @param distinct the distinct points, ordered as described in the class comment
   * @param kindCounts the number of runs of each kind (every kind present, possibly 0)
   */
  public record Result(List<Run> runs, List<DistinctPoint> distinct, Map<PointKind, Integer> kindCounts) {
    public Result {
      runs = List.copyOf(runs);
      distinct = List.copyOf(distinct);
      kindCounts = Collections.unmodifiableMap(new EnumMap<>(kindCounts));
    }

    /** The distinct points of one kind, in order. */
    public List<DistinctPoint> distinct(PointKind kind) {
      List<DistinctPoint> out = new ArrayList<>();
      for (DistinctPoint d : distinct) {
        if (d.report().kind() == kind) out.add(d);
      }
      return out;
    }
  }

  private final Config config;
  private final PointClassifier classifier;

  public CriticalPointSearch(Config config) {
    if (config == null) throw new IllegalArgumentException("CriticalPointSearch config is null");
    this.config = config;
    this.classifier = new PointClassifier(config.classifier());
  }

  public Config config() {
    return config;
  }

  /** The seed of start i: a SplitMix64-style mix of (seed, i), so each start's stream is fixed by its index. */
  public static long startSeed(long seed, int i) {
    return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (i + 1L)).nextLong();
  }

  /**
   * Runs the search.
   *
   * @param f the objective; used from the calling thread only
   * @param groupOrNull the symmetries of f, or null for none
   * @param starts the start distribution: seed to a point of length P (a new array each call)
   */
  public Result search(Objective f, SymmetryGroup groupOrNull, LongFunction<double[]> starts) {
    if (f == null || starts == null) throw new IllegalArgumentException("CriticalPointSearch objective and starts must not be null");
    if (groupOrNull != null && groupOrNull.dimension() != f.dimension()) {
      throw new IllegalArgumentException("symmetry group acts on " + groupOrNull.dimension() + " parameters, objective dimension is " + f.dimension());
    }
    List<CriticalPointReport> representatives = new ArrayList<>();
    List<int[]> hitsAndFirst = new ArrayList<>();
    List<CriticalPointReport> reports = new ArrayList<>();
    List<OptimizationResult> finderResults = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    int[] assigned = new int[config.starts()];
    for (int i = 0; i < config.starts(); i++) {
      long s = startSeed(config.seed(), i);
      double[] start = starts.apply(s);
      if (start == null || start.length != f.dimension()) {
        throw new IllegalArgumentException("start " + i + " (seed " + s + ") has length " + (start == null ? "null" : start.length)
            + ", objective dimension is " + f.dimension());
      }
      OptimizationResult r = config.finder().find(f, start);
      CriticalPointReport report = classifier.classify(f, groupOrNull, r.point(), r.status());
      seeds.add(s);
      finderResults.add(r);
      reports.add(report);
      assigned[i] = -1;
      if (report.kind() == PointKind.NOT_CONVERGED || report.kind() == PointKind.DIVERGED) continue;
      int match = -1;
      for (int d = 0; d < representatives.size() && match < 0; d++) {
        if (same(groupOrNull, representatives.get(d), report)) match = d;
      }
      if (match < 0) {
        representatives.add(report);
        hitsAndFirst.add(new int[] {1, i});
        assigned[i] = representatives.size() - 1;
      } else {
        hitsAndFirst.get(match)[0]++;
        assigned[i] = match;
      }
    }
    Integer[] order = new Integer[representatives.size()];
    for (int d = 0; d < order.length; d++) order[d] = d;
    java.util.Arrays.sort(order, (a, b) -> {
      CriticalPointReport ra = representatives.get(a);
      CriticalPointReport rb = representatives.get(b);
      int c = ra.kind().compareTo(rb.kind());
      if (c != 0) return c;
      c = Double.compare(ra.value(), rb.value());
      if (c != 0) return c;
      c = Integer.compare(ra.index(), rb.index());
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] position = new int[order.length];
    List<DistinctPoint> distinct = new ArrayList<>();
    for (int k = 0; k < order.length; k++) {
      position[order[k]] = k;
      int[] h = hitsAndFirst.get(order[k]);
      distinct.add(new DistinctPoint(representatives.get(order[k]), h[0], h[1]));
    }
    Map<PointKind, Integer> counts = new EnumMap<>(PointKind.class);
    for (PointKind k : PointKind.values()) counts.put(k, 0);
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < config.starts(); i++) {
      OptimizationResult r = finderResults.get(i);
      CriticalPointReport report = reports.get(i);
      counts.merge(report.kind(), 1, Integer::sum);
      runs.add(new Run(i, seeds.get(i), r.status(), r.iterations(), r.gradientEvaluations(), r.hessianVectorProducts(), report,
          assigned[i] < 0 ? -1 : position[assigned[i]]));
    }
    return new Result(runs, distinct, counts);
  }

  /** The same-point rule of the class comment. */
  boolean same(SymmetryGroup groupOrNull, CriticalPointReport a, CriticalPointReport b) {
    if (a.kind() != b.kind() || a.index() != b.index() || a.nullity() != b.nullity()) return false;
    double va = a.value();
    double vb = b.value();
    if (!(Math.abs(va - vb) <= config.valueTolerance() * Math.max(1.0, Math.max(Math.abs(va), Math.abs(vb))))) return false;
    double[] pa = a.point();
    double[] pb = b.point();
    double d = groupOrNull == null ? euclidean(pa, pb) : groupOrNull.distance(pa, pb);
    double scale = Math.max(1.0, Math.max(Vectors.norm(pa), Vectors.norm(pb)));
    return d <= config.distanceTolerance() * scale;
  }

  private static double euclidean(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  @Override
  public String toString() {
    return "CriticalPointSearch" + config;
  }
}

package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.landscape.paths.AlignmentMethod;
import basin.landscape.symmetry.MlpSymmetryGroup;
import basin.landscape.symmetry.SymmetryGroup;
import basin.landscape.topology.Barrier;
import basin.landscape.topology.DisconnectivityGraph;
import basin.landscape.topology.PairBarrier;
import basin.landscape.topology.StraightLineBarrier;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a catalog's {@code barriers} table and builds the disconnectivity graph of its minima
 * (docs/topology.md). The edges are bounded in number: each distinct minimum is paired with its k
 * nearest other minima by distance modulo symmetry (the distance the minima were clustered by), so
 * at most k n pairs are measured instead of n(n-1)/2. Each pair's barrier is the highest loss along a
 * straight line ({@link StraightLineBarrier}) between two points of the minima's orbits: for an MLP,
 * from minimum a's stored parameters to minimum b's parameters with b's hidden units aligned to a's
 * (weight matching by default; permutations and sign flips always, unit scales only when rescaling is
 * a symmetry of the loss, that is without L2: with L2 a rescaled copy of b is no longer a minimum);
 * for the other objectives, between the stored canonical forms (their symmetry groups are symmetries
 * of the loss). Each end of the line is thus a copy of its minimum with the minimum's own loss, and
 * the level is an upper bound on the true barrier between the two minima. The graph is built from
 * every stored barrier.
 *
 * <p>Resumable: pairs already in the table are skipped, each row is written in its own
 * transaction. A row is a pure function of (spec, the two minima, options), so the thread count and
 * interruptions never change one.
 */
public final class TopologyRunner {
  private TopologyRunner() {}

  /**
   * @param neighbours k, the nearest minima each minimum is paired with (>= 1)
   * @param points K, samples along each straight line, endpoints included (>= 3)
   * @param threads worker threads (>= 1); never changes a result
   * @param align how b is aligned to a on an MLP (weight, activation or none; ignored for other
   *     objectives, whose lines join canonical forms)
   * @param replace whether rows measured by another method are measured again (otherwise such rows
   *     are an input error: one graph mixes one kind of path)
   */
  public record Options(int neighbours, int points, int threads, AlignmentMethod align, boolean replace) {
    public Options {
      if (neighbours < 1) throw new InputException("--neighbours must be >= 1, got " + neighbours);
      if (points < 3) throw new InputException("--points must be >= 3, got " + points);
      if (threads < 1) throw new InputException("--threads must be >= 1, got " + threads);
      if (align == null) throw new InputException("--align: expected none, weight or activation");
    }

    /** Weight matching, no replacement. */
    public Options(int neighbours, int points, int threads) {
      this(neighbours, points, threads, AlignmentMethod.WEIGHT, false);
    }

    /** 5 neighbours, 21 points, 1 thread, weight matching. */
    public static Options defaults() {
      return new Options(5, 21, 1);
    }
  }

  /** Golden-section bracket length in the path parameter t that ends the refinement of a maximum. */
  static final double REFINE_TOLERANCE = 1e-4;

  /** The table's description, one place for its columns. */
  public static final Table TABLE = Table.byMinimumPair("barriers",
      "Barrier between two minima (minimum_a < minimum_b): the highest loss along a path between their canonical forms.",
      List.of(
          Column.of("distance", Column.Type.REAL, "Distance between the two minima modulo the symmetry group (the clustering's measure)."),
          Column.of("method", Column.Type.TEXT, "The path, a straight segment with K samples and its maximum refined by golden section: weight-aligned-line or activation-aligned-line (an MLP: from a's parameters to b's with b's hidden units aligned to a's), parameter-line (an MLP, no alignment), straight-line (other objectives: between the stored canonical forms)."),
          Column.of("points", Column.Type.INTEGER, "K, samples along the path, endpoints included."),
          Column.of("status", Column.Type.TEXT, "FOUND, or NOT_FINITE when the loss was NaN or infinite along the path (level NULL)."),
          Column.of("level", Column.Type.REAL, "Barrier level: the highest training objective along the path, endpoints included."),
          Column.of("barrier", Column.Type.REAL, "level minus the higher endpoint's loss (>= 0; 0: the minima are connected along this path)."),
          Column.of("position", Column.Type.REAL, "Where the maximum is along the path, t in [0, 1] from minimum_a."),
          Column.of("loss_a", Column.Type.REAL, "Loss at minimum_a's canonical form (t = 0)."),
          Column.of("loss_b", Column.Type.REAL, "Loss at minimum_b's canonical form (t = 1)."),
          Column.of("evaluations", Column.Type.INTEGER, "Loss evaluations spent on the path."),
          new Column("wall_ms", Column.Type.INTEGER, true, "wall_ms", Column.Export.TIMING, "Wall time of this pair, milliseconds.")));

  /** What one call did. */
  public record RunStats(int minima, int pairs, int alreadyDone, int measured, long wallNanos) {}

  /**
   * The catalog's landscape as a graph.
   *
   * @param ids catalog id of each leaf (leaf i is minimum ids[i])
   * @param graph the disconnectivity graph of the stored barriers (exact levels)
   * @param edges the stored barriers that count (status FOUND), as graph edges over leaf indices
   * @param failed stored pairs without a level (NOT_FINITE)
   * @param method the kind of path the stored barriers were measured along (the table's method
   *     column), or null when none is stored
   */
  public record Topology(int[] ids, DisconnectivityGraph graph, List<DisconnectivityGraph.Edge> edges, int failed, String method) {}

  /** The result: what ran and the graph after it. */
  public record Result(RunStats stats, Topology topology) {}

  /**
   * Measures the barriers of the nearest-neighbour pairs not yet in the table, then builds the graph.
   *
   * @param catalogFile a study's catalog (written by {@code basin sample})
   * @param baseDirectory where relative file names of the spec resolve (the catalog's directory when null)
   * @param progress called after each measured pair, or null
   */
  public static Result run(Path catalogFile, Path baseDirectory, Options options, StudyRunner.Progress progress) {
    long t0 = System.nanoTime();
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      StudySubject subject = StudySubjects.ofCatalog(catalog, catalogFile, baseDirectory, "barriers would describe other minima");
      StudyMinima.Current current = StudyMinima.current(catalog);
      List<MinimumRecord> minima = current.minima();
      if (current.recomputed()) catalog.replaceMinima(minima);
      for (MinimumRecord m : minima) {
        if (m.canonical() == null || m.parameters() == null) {
          throw new InputException("catalog " + catalogFile + ": minimum " + m.minimumId() + " has no stored vectors; barriers need them");
        }
      }
      catalog.ensureTable(TABLE);
      String method = methodOf(subject, options.align());
      List<Row> stored = catalog.rows(TABLE);
      for (Row r : stored) {
        String m = r.getText("method");
        if (method.equals(m)) continue;
        if (!options.replace()) {
          throw new InputException("catalog " + catalogFile + ": its barriers were measured along " + m + " paths, this run would use "
              + method + "; add --replace to measure them again (or --align to match)");
        }
        catalog.replaceRows(TABLE, List.of());
        stored = List.of();
        break;
      }
      Set<Long> done = new HashSet<>();
      for (Row r : stored) done.add(pairKey(r.getLong("minimum_a"), r.getLong("minimum_b")));
      List<int[]> pairs = nearestPairs(minima, subject.symmetry(), options.neighbours());
      List<int[]> pending = new ArrayList<>();
      int already = 0;
      for (int[] p : pairs) {
        long key = pairKey(minima.get(p[0]).minimumId(), minima.get(p[1]).minimumId());
        if (done.contains(key)) already++;
        else pending.add(p);
      }
      if (progress != null) progress.update(already, pairs.size());
      measure(catalog, subject, minima, pending, options, already, pairs.size(), progress);
      RunStats stats = new RunStats(minima.size(), pairs.size(), already, pending.size(), System.nanoTime() - t0);
      return new Result(stats, topology(minima, catalog.rows(TABLE)));
    }
  }

  /** The graph of a catalog's stored barriers, read only (no table: a graph without edges). */
  public static Topology read(Catalog catalog) {
    return topology(StudyMinima.current(catalog).minima(), catalog.rows(TABLE));
  }

  static Topology topology(List<MinimumRecord> minima, List<Row> rows) {
    int n = minima.size();
    int[] ids = new int[n];
    double[] energies = new double[n];
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ids[i] = minima.get(i).minimumId();
      energies[i] = minima.get(i).trainLoss();
      index.put((long) ids[i], i);
    }
    List<DisconnectivityGraph.Edge> edges = new ArrayList<>();
    int failed = 0;
    String method = null;
    for (Row r : rows) {
      if (method == null) method = r.getText("method");
      Integer a = index.get(r.getLong("minimum_a"));
      Integer b = index.get(r.getLong("minimum_b"));
      if (a == null || b == null) continue; // a row of minima since re-clustered away
      if (!"FOUND".equals(r.getText("status")) || r.isNull("level")) {
        failed++;
        continue;
      }
      edges.add(new DisconnectivityGraph.Edge(a, b, r.getDouble("level")));
    }
    return new Topology(ids, DisconnectivityGraph.exact(energies, edges), List.copyOf(edges), failed, method);
  }

  /**
   * Each minimum with its k nearest other minima by distance modulo symmetry (ties by id), as pairs
   * (i, j) of list indices with i &lt; j, each pair once, in increasing order. Cost: n(n-1)/2
   * distances.
   */
  static List<int[]> nearestPairs(List<MinimumRecord> minima, SymmetryGroup group, int k) {
    int n = minima.size();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double v = group.distance(minima.get(i).parameters(), minima.get(j).parameters());
        d[i][j] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        d[j][i] = d[i][j];
      }
    }
    TreeSet<Long> keys = new TreeSet<>();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) order[j] = j;
      final int row = i;
      Arrays.sort(order, (x, y) -> d[row][x] != d[row][y] ? Double.compare(d[row][x], d[row][y]) : Integer.compare(x, y));
      int taken = 0;
      for (int t = 0; t < n && taken < k; t++) {
        int j = order[t];
        if (j == i) continue;
        keys.add(pairKey(Math.min(i, j), Math.max(i, j)));
        taken++;
      }
    }
    List<int[]> out = new ArrayList<>();
    for (long key : keys) out.add(new int[] {(int) (key >>> 32), (int) (key & 0xFFFFFFFFL)});
    return out;
  }

  private static long pairKey(long a, long b) {
    return (Math.min(a, b) << 32) | Math.max(a, b);
  }

  private static void measure(Catalog catalog, StudySubject subject, List<MinimumRecord> minima, List<int[]> pending, Options options,
      int already, int total, StudyRunner.Progress progress) {
    if (pending.isEmpty()) return;
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "basin-topology");
      t.setDaemon(true);
      return t;
    });
    ThreadLocal<PairBarrier> barriers = ThreadLocal.withInitial(() -> measureOf(subject, options));
    SymmetryGroup group = subject.symmetry();
    try {
      List<Future<Row>> futures = new ArrayList<>();
      for (int[] p : pending) {
        MinimumRecord a = minima.get(p[0]);
        MinimumRecord b = minima.get(p[1]);
        futures.add(pool.submit(() -> row(barriers.get(), group, a, b, options.points())));
      }
      int count = already;
      for (Future<Row> f : futures) {
        Row row;
        try {
          row = f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) throw re;
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        catalog.putRows(TABLE, List.of(row));
        count++;
        if (progress != null) progress.update(count, total);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The row of one pair (a.minimumId() &lt; b.minimumId()): a pure function of the minima and K. */
  static Row row(PairBarrier measure, SymmetryGroup group, MinimumRecord a, MinimumRecord b, int points) {
    long t0 = System.nanoTime();
    if (a.minimumId() > b.minimumId()) {
      MinimumRecord t = a;
      a = b;
      b = t;
    }
    double distance = group.distance(a.parameters(), b.parameters());
    boolean mlp = group instanceof MlpSymmetryGroup;
    Barrier r = mlp ? measure.between(a.parameters(), b.parameters()) : measure.between(a.canonical(), b.canonical());
    Row.Builder row = TABLE.row()
        .set("minimum_a", a.minimumId())
        .set("minimum_b", b.minimumId())
        .set("distance", distance)
        .set("method", measure.method())
        .set("points", points)
        .set("status", r.status().name())
        .set("loss_a", r.lossA())
        .set("loss_b", r.lossB())
        .set("evaluations", r.evaluations())
        .set("wall_ms", (System.nanoTime() - t0) / 1_000_000);
    if (r.status() == Barrier.Status.FOUND) {
      row.set("level", r.level()).set("barrier", r.heightAboveHigher()).set("position", r.position());
    } else {
      row.setNull("level").setNull("barrier").setNull("position");
    }
    return row.build();
  }

  /** The method label stored with each row for this subject and alignment. */
  static String methodOf(StudySubject subject, AlignmentMethod align) {
    if (!(subject.symmetry() instanceof MlpSymmetryGroup)) return "straight-line";
    return align == AlignmentMethod.NONE ? "parameter-line" : align.label() + "-aligned-line";
  }

  /** One thread's barrier measure (the subject's evaluator is not thread-safe). */
  static PairBarrier measureOf(StudySubject subject, TopologyRunner.Options options) {
    Objective f = subject.newEvaluator().train();
    StraightLineBarrier line = new StraightLineBarrier(f, new StraightLineBarrier.Config(options.points(), REFINE_TOLERANCE));
    boolean aligned = subject.symmetry() instanceof MlpSymmetryGroup && options.align() != AlignmentMethod.NONE;
    return new Line(line, aligned ? options.align() : null, subject, f, methodOf(subject, options.align()));
  }

  /**
   * The straight line from a to b ({@link StraightLineBarrier}), with b first aligned onto a when
   * {@code align} is given: hidden units permuted (and sign-flipped for odd activations, rescaled
   * to a's scales when rescaling is a symmetry of the loss) by weight or activation matching
   * ({@link PathRunner#align}, seed 1). A pure function of (a, b).
   */
  private record Line(StraightLineBarrier line, AlignmentMethod align, StudySubject subject, Objective f, String method)
      implements PairBarrier {
    @Override
    public Barrier between(double[] a, double[] b) {
      return line.between(a, align == null ? b : PathRunner.align(subject, f, align, a, b, 1L).alignedB());
    }
  }
}

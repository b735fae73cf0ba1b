package basin.study;

import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.StartRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link StudyPlan} into one study directory: the main configuration's catalog
 * ({@code catalog.db}), one sub-catalog per sweep point and baseline under {@code sweeps/}, and
 * the summary rows of every sub-study in the main catalog's result tables ({@link StudyTables}),
 * then the flatness and saddle analyses on the main catalog.
 *
 * <p>Every stage resumes: sampling stages skip recorded starts (each sub-catalog is a catalog of
 * {@code basin sample}), summary rows are rewritten from their sub-catalog, flatness skips measured
 * minima, and the saddle search is skipped once its table holds rows. A killed study run again
 * ends with the same catalogs as an uninterrupted one, since every start is a pure function of
 * (spec, seed, index) whatever the thread count.
 */
public final class StudyDriver {
  private StudyDriver() {}

  /** The main catalog's file name in a study directory. */
  public static final String MAIN_CATALOG = "catalog.db";
  /** Provenance key of the study block (canonical JSON of {@link StudyPlan.Block}). */
  public static final String STUDY_BLOCK = "study_block";

  /** Told what runs. All calls come from the thread that called {@link #run}, or serialized from workers. */
  public interface Listener {
    /** Stage {@code number} of {@code total} starts; {@code unit} is what its progress counts. */
    StudyRunner.Progress stage(int number, int total, String title, String unit);

    /** One line when a stage ends. */
    void done(String line);

    /** A warning (for example a subject's). */
    void warn(String message);
  }

  /** A stage of the plan with its estimated time. */
  public record Stage(String title, String unit, int count, double estimatedSeconds) {}

  /**
   * The stages of a plan and their estimated times.
   *
   * @param stages in the order they run
   * @param calibration how the estimate was made, one line
   */
  public record Schedule(List<Stage> stages, String calibration) {
    /** The estimated total in seconds. */
    public double totalSeconds() {
      return stages.stream().mapToDouble(Stage::estimatedSeconds).sum();
    }
  }

  /** Per-unit costs measured on the main configuration. */
  record Calibration(double secondsPerStart, double secondsPerFlatnessMinimum, double secondsPerSaddleSearch,
      double minimaPerStart, int parameters, double secondsPerCatalog, int calibrationStarts, String how) {}

  /**
   * The schedule of a plan, calibrated on the main configuration: from the recorded starts of its
   * catalog when it has at least {@code calibrationStarts}, otherwise by running that many starts
   * (plus flatness and one saddle search) in a scratch catalog that is deleted afterwards. A sweep
   * point's start is assumed to cost in proportion to its parameters times its training examples.
   */
  public static Schedule schedule(StudyPlan plan, Path directory, StartExecutor executor, int parallelism, int calibrationStarts) {
    validate(plan);
    Calibration c = calibrate(plan, directory, executor, parallelism, calibrationStarts);
    List<Stage> stages = new ArrayList<>();
    StudySpec main = plan.main();
    double perStart = c.secondsPerStart() / parallelism;
    stages.add(new Stage("minima of the main configuration (" + main.starts() + " starts)", "starts", main.starts(),
        main.starts() * perStart + c.secondsPerCatalog()));
    for (StudyPlan.Axis axis : StudyPlan.Axis.values()) {
      List<StudyPlan.Variant> vs = plan.scaling(axis);
      if (vs.isEmpty()) continue;
      double secs = 0;
      for (StudyPlan.Variant v : vs) secs += v.spec().starts() * perStart * costRatio(plan, v.spec(), c) + c.secondsPerCatalog();
      stages.add(new Stage(axis.field() + " sweep (" + values(vs) + ", " + plan.block().sweepStarts() + " starts each)", "starts",
          vs.size() * plan.block().sweepStarts(), secs));
    }
    List<StudyPlan.Variant> reg = plan.regularization();
    if (!reg.isEmpty()) {
      stages.add(new Stage("regularization sweep (l2 " + values(reg) + ", " + plan.block().sweepStarts() + " starts each)", "starts",
          reg.size() * plan.block().sweepStarts(), reg.size() * (plan.block().sweepStarts() * perStart + c.secondsPerCatalog())));
    }
    List<StudyPlan.Variant> base = plan.baselines();
    if (!base.isEmpty()) {
      stages.add(new Stage("convex baseline (" + base.size() + " L2 " + (base.size() == 1 ? "strength" : "strengths") + ")", "starts",
          base.size() * StudyPlan.BASELINE_STARTS, base.size() * (StudyPlan.BASELINE_STARTS * perStart * 0.2 + c.secondsPerCatalog())));
    }
    if (plan.block().flatness()) {
      double minima = expectedMinima(c, main.starts());
      stages.add(new Stage("flatness of the main configuration's minima (about " + Math.round(minima) + ")", "minima",
          (int) Math.round(minima), minima * c.secondsPerFlatnessMinimum()));
    }
    if (plan.block().saddles() > 0) {
      stages.add(new Stage("saddle search (" + plan.block().saddles() + " starts of Newton-MR)", "starts", plan.block().saddles(),
          plan.block().saddles() * c.secondsPerSaddleSearch()));
    }
    if (plan.block().methods() > 0) {
      stages.add(new Stage("which methods end at saddles (" + plan.block().methods() + " starts each of 6 methods)", "starts",
          plan.block().methods(), plan.block().methods() * c.secondsPerSaddleSearch() / parallelism));
    }
    if (plan.block().escape()) {
      stages.add(new Stage("escape lab from the lowest saddle (7 strategies x 100 trials)", "trials", 700, 700 * c.secondsPerSaddleSearch() * 0.03));
    }
    if (plan.block().earlyStopping() > 0) {
      stages.add(new Stage("early stopping (" + plan.block().earlyStopping() + " starts re-run with a validation split)", "starts",
          plan.block().earlyStopping(), plan.block().earlyStopping() * c.secondsPerStart() * 1.5 / parallelism));
    }
    if (plan.block().topology() > 0) {
      double minima = expectedMinima(c, main.starts());
      int pairs = (int) Math.round(minima * plan.block().topology());
      stages.add(new Stage("barriers to each minimum's " + plan.block().topology() + " nearest minima (about " + pairs + " pairs)",
          "pairs", pairs, pairs * c.secondsPerStart() * 0.05 / parallelism));
    }
    return new Schedule(stages, c.how());
  }

  /**
   * A guess at the distinct minima of n starts from the calibration's: new minima turn up ever more
   * rarely, so the calibration's count is scaled by log n / log k (k its starts), not by n / k.
   */
  private static double expectedMinima(Calibration c, int n) {
    double k = Math.max(2, c.calibrationStarts());
    double seen = c.minimaPerStart() * k;
    return Math.max(1, Math.min(n, seen * Math.max(1, Math.log(n) / Math.log(k))));
  }

  private static String values(List<StudyPlan.Variant> vs) {
    StringBuilder b = new StringBuilder();
    for (StudyPlan.Variant v : vs) {
      if (b.length() > 0) b.append(", ");
      b.append(StudyPlan.format(v.value()));
    }
    return b.toString();
  }

  /** Cost of a start of {@code spec} relative to one of the main spec: parameters times training examples. */
  private static double costRatio(StudyPlan plan, StudySpec spec, Calibration c) {
    int p = StudySubjects.of(spec, plan.baseDirectory()).dimension();
    double ratio = (double) p / Math.max(1, c.parameters());
    Integer n = spec.preparation() == null ? null : spec.preparation().trainSize();
    Integer n0 = plan.main().preparation() == null ? null : plan.main().preparation().trainSize();
    if (n != null && n0 != null && n > 0 && n0 > 0) ratio *= (double) n / n0;
    return ratio;
  }

  /**
   * Seconds per start once the JVM is warm: the lower quartile of the wall times of the later half
   * of the starts in start order (the first starts of a fresh JVM run interpreted code and overstate
   * the cost several times; a long study runs almost all its starts compiled).
   */
  static double warmSeconds(List<StartRecord> starts) {
    List<StartRecord> sorted = new ArrayList<>(starts);
    sorted.sort(java.util.Comparator.comparingInt(StartRecord::startIndex));
    long[] ms = sorted.subList(sorted.size() / 2, sorted.size()).stream().mapToLong(s -> s.effort().wallMillis()).sorted().toArray();
    return ms.length == 0 ? 0 : ms[ms.length / 4] / 1000.0;
  }

  /** Fixed cost of a sub-study (loading data, clustering, summarizing) when the calibration did not measure it. */
  static final double DEFAULT_CATALOG_SECONDS = 2.0;

  private static Calibration calibrate(StudyPlan plan, Path directory, StartExecutor executor, int parallelism, int calibrationStarts) {
    StudySpec main = plan.main();
    int parameters = StudySubjects.of(main, plan.baseDirectory()).dimension();
    Path mainCatalog = directory.resolve(MAIN_CATALOG);
    if (Files.isRegularFile(mainCatalog)) {
      try (Catalog c = Catalog.open(mainCatalog)) {
        List<StartRecord> starts = c.starts();
        if (starts.size() >= calibrationStarts) {
          double secs = warmSeconds(starts);
          int minima = c.minima().size();
          return new Calibration(secs, secs * 2, secs * 2, (double) minima / starts.size(), parameters, DEFAULT_CATALOG_SECONDS,
              starts.size(), "calibrated on the " + starts.size() + " starts already in " + mainCatalog.getFileName());
        }
      }
    }
    Path scratch;
    try {
      Files.createDirectories(directory);
      scratch = Files.createTempFile(directory, ".calibration-", ".db");
      Files.delete(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write in " + directory, e);
    }
    try {
      int k = Math.min(calibrationStarts, main.starts());
      // the warm half of the starts sets the estimate; the first ones warm the JIT
      StudySpec spec = main.withStarts(k);
      StudyRunner.RunStats stats = StudyRunner.run(spec, plan.baseDirectory(), scratch, executor, null, null, Map.of());
      double perStart;
      int minima;
      try (Catalog c = Catalog.open(scratch)) {
        perStart = warmSeconds(c.starts());
        minima = c.minima().size();
      }
      double perFlat = perStart * 2;
      if (plan.block().flatness() && minima > 0) {
        FlatnessRunner.RunStats f = FlatnessRunner.run(scratch, plan.baseDirectory(), FlatnessRunner.Options.defaults(), null);
        perFlat = f.wallNanos() / 1e9 / Math.max(1, f.measured());
      }
      double perSaddle = perStart * 2;
      if (plan.block().saddles() > 0) {
        SaddleRunner.RunStats s = SaddleRunner.run(scratch, plan.baseDirectory(), new SaddleRunner.Options("newton-mr", 1, main.seed()), null);
        perSaddle = s.wallNanos() / 1e9;
      }
      double overhead = Math.max(0, stats.wallNanos() / 1e9 - k * perStart / parallelism);
      return new Calibration(perStart, perFlat, perSaddle, (double) minima / k, parameters, overhead, k,
          String.format(Locale.ROOT, "calibrated on %d starts of the main configuration (%.2f s each)%s", stats.ran(), perStart,
              plan.block().flatness() || plan.block().saddles() > 0 ? ", its flatness and one saddle search" : ""));
    } finally {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        try {
          Files.deleteIfExists(Path.of(scratch + suffix));
        } catch (IOException ignored) {
          // a scratch file left behind is harmless (hidden, and never read)
        }
      }
    }
  }

  /**
   * Fails now, before any work, on bad input in a sub-study: a training-set size the data cannot
   * supply is what a variant can get wrong (the other axes change only the model or the L2 strength).
   *
   * @throws basin.core.InputException naming the field and value
   */
  public static void validate(StudyPlan plan) {
    for (StudyPlan.Variant v : plan.scaling(StudyPlan.Axis.TRAIN_SIZE)) {
      try {
        StudySubjects.of(v.spec(), plan.baseDirectory());
      } catch (basin.core.InputException e) {
        throw new basin.core.InputException("study.train_size " + StudyPlan.format(v.value()) + ": " + e.getMessage(), e);
      }
    }
  }

  /** What a study run did. */
  public record Result(Path mainCatalog, int stages, long wallNanos) {}

  /**
   * Runs (or resumes) every stage of the plan.
   *
   * @param plan the study
   * @param directory the study directory (created)
   * @param executor where starts run
   * @param listener told of each stage, or null
   * @param provenance key/value pairs stored with new catalogs
   */
  public static Result run(StudyPlan plan, Path directory, StartExecutor executor, Listener listener, Map<String, String> provenance) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(directory.resolve("sweeps"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the study directory " + directory, e);
    }
    Listener l = listener != null ? listener : SILENT;
    validate(plan);
    Path mainCatalog = directory.resolve(MAIN_CATALOG);
    Map<String, String> prov = new LinkedHashMap<>(provenance);
    prov.put(STUDY_BLOCK, blockJson(plan.block()));
    prov.put("study_source", plan.source());

    List<StudyPlan.Variant> scaling = new ArrayList<>();
    for (StudyPlan.Axis axis : StudyPlan.Axis.values()) scaling.addAll(plan.scaling(axis));
    List<StudyPlan.Variant> reg = plan.regularization();
    List<StudyPlan.Variant> base = plan.baselines();
    List<String> axes = new ArrayList<>();
    for (StudyPlan.Axis axis : StudyPlan.Axis.values()) if (!plan.scaling(axis).isEmpty()) axes.add(axis.field());
    int total = 1 + axes.size() + (reg.isEmpty() ? 0 : 1) + (base.isEmpty() ? 0 : 1) + (plan.block().flatness() ? 1 : 0)
        + (plan.block().saddles() > 0 ? 1 : 0) + (plan.block().topology() > 0 ? 1 : 0) + (plan.block().earlyStopping() > 0 ? 1 : 0)
        + (plan.block().methods() > 0 ? 1 : 0) + (plan.block().escape() ? 1 : 0);
    int stage = 0;

    StudyRunner.RunStats main = StudyRunner.run(plan.main(), plan.baseDirectory(), mainCatalog, executor,
        l.stage(++stage, total, "minima of the main configuration", "starts"), l::warn, prov);
    l.done(String.format(Locale.ROOT, "main: %d starts (%d already recorded), %d distinct minima", main.starts(), main.alreadyDone(),
        main.distinctMinima()));
    try (Catalog c = Catalog.openForWriting(mainCatalog)) {
      c.ensureTable(StudyTables.SCALING);
      c.ensureTable(StudyTables.REGULARIZATION);
      c.ensureTable(StudyTables.BASELINE);
    }

    int point = 0;
    for (String axis : axes) {
      List<StudyPlan.Variant> vs = scaling.stream().filter(v -> v.axis().equals(axis)).toList();
      runVariants(plan, directory, mainCatalog, executor, prov, vs, point, StudyTables.SCALING, StudyDriver::scalingRow,
          l.stage(++stage, total, axis + " sweep", "starts"));
      point += vs.size();
      l.done(axis + " sweep: " + vs.size() + " points");
    }
    if (!reg.isEmpty()) {
      runVariants(plan, directory, mainCatalog, executor, prov, reg, 0, StudyTables.REGULARIZATION, StudyDriver::regularizationRow,
          l.stage(++stage, total, "regularization sweep", "starts"));
      l.done("regularization sweep: " + reg.size() + " points");
    }
    if (!base.isEmpty()) {
      runVariants(plan, directory, mainCatalog, executor, prov, base, 0, StudyTables.BASELINE, StudyDriver::baselineRow,
          l.stage(++stage, total, "convex baseline", "starts"));
      l.done("convex baseline: " + base.size() + " fits");
    }
    if (plan.block().flatness()) {
      FlatnessRunner.RunStats f = FlatnessRunner.run(mainCatalog, plan.baseDirectory(), FlatnessRunner.Options.defaults(),
          l.stage(++stage, total, "flatness", "minima"));
      l.done("flatness: " + f.minima() + " minima (" + f.alreadyDone() + " already measured)");
    }
    if (plan.block().saddles() > 0) {
      StudyRunner.Progress p = l.stage(++stage, total, "saddle search", "starts");
      if (hasRows(mainCatalog, SaddleRunner.TABLE)) {
        l.done("saddle search: already in the catalog");
      } else {
        SaddleRunner.RunStats s = SaddleRunner.run(mainCatalog, plan.baseDirectory(),
            new SaddleRunner.Options("newton-mr", plan.block().saddles(), plan.main().seed()), p);
        l.done("saddle search: " + s.rows().size() + " distinct critical points from " + s.starts() + " starts");
      }
    }
    if (plan.block().methods() > 0) {
      StudyRunner.Progress p = l.stage(++stage, total, "which methods end at saddles", "starts");
      if (hasRows(mainCatalog, MethodsRunner.TABLE)) {
        l.done("methods: already in the catalog");
      } else {
        MethodsRunner.RunStats m = MethodsRunner.run(mainCatalog, new MethodsRunner.Options("all", plan.block().methods(), plan.main().seed(),
            Runtime.getRuntime().availableProcessors()), p);
        l.done("methods: " + m.rows().size() + " methods from " + plan.block().methods() + " starts each");
      }
    }
    if (plan.block().escape()) {
      StudyRunner.Progress p = l.stage(++stage, total, "escape lab", "trials");
      Integer saddle = lowestSaddle(mainCatalog);
      if (saddle == null) {
        l.done("escape lab: the saddle search found no saddle to escape from");
      } else if (hasRows(mainCatalog, EscapeRunner.TABLE)) {
        l.done("escape lab: already in the catalog");
      } else {
        EscapeRunner.RunStats e = EscapeRunner.run(mainCatalog, new EscapeRunner.Options(saddle, "all",
            basin.landscape.saddle.EscapeLab.Config.defaults()), p == null ? null : done -> p.update(done, 700));
        l.done("escape lab: " + e.rows().size() + " strategies from saddle " + saddle);
      }
    }
    if (plan.block().earlyStopping() > 0) {
      EarlyStoppingRunner.RunStats e = EarlyStoppingRunner.run(mainCatalog, plan.baseDirectory(), EarlyStoppingRunner.Options.defaults()
          .withStarts(plan.block().earlyStopping()).withThreads(Runtime.getRuntime().availableProcessors()),
          l.stage(++stage, total, "early stopping", "starts"));
      l.done("early stopping: " + e.starts() + " starts (" + e.alreadyDone() + " already measured)");
    }
    if (plan.block().topology() > 0) {
      TopologyRunner.Result t = TopologyRunner.run(mainCatalog, plan.baseDirectory(),
          new TopologyRunner.Options(plan.block().topology(), TopologyRunner.Options.defaults().points(), Runtime.getRuntime().availableProcessors()),
          l.stage(++stage, total, "barriers between neighbouring minima", "pairs"));
      l.done("topology: " + t.stats().pairs() + " pairs among " + t.stats().minima() + " minima (" + t.stats().alreadyDone() + " already measured)");
    }
    return new Result(mainCatalog, total, System.nanoTime() - t0);
  }

  /** Summarizes one sub-catalog into a row of the main catalog's table. */
  private interface RowOf {
    Row of(int point, StudyPlan.Variant v, Path file, Path base);
  }

  /**
   * Runs (or resumes) each variant into its sub-catalog, one progress bar over all their starts, and
   * writes its summary row (sweep points numbered from {@code firstPoint}) into the main catalog.
   */
  private static void runVariants(StudyPlan plan, Path directory, Path mainCatalog, StartExecutor executor, Map<String, String> prov,
      List<StudyPlan.Variant> variants, int firstPoint, basin.store.Table table, RowOf rowOf, StudyRunner.Progress progress) {
    int planned = variants.stream().mapToInt(v -> v.spec().starts()).sum();
    int before = 0;
    int point = firstPoint;
    for (StudyPlan.Variant v : variants) {
      Path file = directory.resolve(v.catalogName());
      int offset = before;
      StudyRunner.run(v.spec(), plan.baseDirectory(), file, executor, progress == null ? null : (d, t) -> progress.update(offset + d, planned),
          null, prov);
      before += v.spec().starts();
      Row row = rowOf.of(point++, v, file, plan.baseDirectory());
      try (Catalog c = Catalog.openForWriting(mainCatalog)) {
        c.putRows(table, List.of(row));
      }
    }
  }

  private static boolean hasRows(Path catalogFile, basin.store.Table table) {
    try (Catalog c = Catalog.open(catalogFile)) {
      return c.resultTables().stream().anyMatch(t -> t.name().equals(table.name())) && !c.rows(table).isEmpty();
    }
  }

  /** The point_id of the lowest-loss saddle in critical_points (index 1 preferred), or null when there is none. */
  static Integer lowestSaddle(Path catalogFile) {
    try (Catalog c = Catalog.open(catalogFile)) {
      if (c.resultTables().stream().noneMatch(t -> t.name().equals(SaddleRunner.TABLE.name()))) return null;
      Row best = null;
      for (Row r : c.rows(SaddleRunner.TABLE)) {
        if (!"SADDLE".equals(r.getText("kind"))) continue;
        boolean better = best == null
            || (r.getLong("hessian_index") == 1) && best.getLong("hessian_index") != 1
            || (r.getLong("hessian_index") == 1) == (best.getLong("hessian_index") == 1) && r.getDouble("objective") < best.getDouble("objective");
        if (better) best = r;
      }
      return best == null ? null : (int) best.getLong("point_id");
    }
  }

  private static final Listener SILENT = new Listener() {
    @Override
    public StudyRunner.Progress stage(int number, int total, String title, String unit) {
      return null;
    }

    @Override
    public void done(String line) {}

    @Override
    public void warn(String message) {}
  };

  /** The study block as canonical JSON (stored in the main catalog's provenance). */
  static String blockJson(StudyPlan.Block b) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
          .writeValueAsString(b);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a block record always serializes", e);
    }
  }

  private static String relative(Path file) {
    return file.getParent().getFileName() + "/" + file.getFileName();
  }

  static Row scalingRow(int point, StudyPlan.Variant v, Path file, Path base) {
    try (Catalog c = Catalog.open(file)) {
      StudySummary s = StudySummary.of(c);
      StudySummary.RichnessEstimates r = s.richness();
      int[] hits = s.minima().stream().mapToInt(StudySummary.MinimumRow::hits).sorted().toArray();
      double[] sortedHits = new double[hits.length];
      for (int i = 0; i < hits.length; i++) sortedHits[i] = hits[hits.length - 1 - i];
      double best = s.minima().stream().mapToDouble(StudySummary.MinimumRow::trainLoss).min().orElse(Double.NaN);
      return StudyTables.SCALING.row()
          .set("sweep_point", point)
          .set("axis", v.axis())
          .set("value", v.value())
          .set("parameters", StudySubjects.of(v.spec(), base).dimension())
          .set("starts", s.study().startsRecorded())
          .set("minimum_starts", s.minimaTable().minimumEndingStarts())
          .set("distinct_minima", s.distinct().count())
          .set("chao1", r.chao1())
          .set("chao1_lower", r.chao1Lower())
          .set("chao1_upper", r.chao1Upper())
          .set("ace", r.ace())
          .set("coverage", r.coverage())
          .set("singletons", r.singletons())
          .set("doubletons", r.doubletons())
          .set("best_train_loss", best)
          .set("share_near_global", s.nearGlobal() == null ? Double.NaN : s.nearGlobal().share())
          .set("hits", sortedHits)
          .set("catalog", relative(file))
          .build();
    }
  }

  static Row regularizationRow(int point, StudyPlan.Variant v, Path file, Path base) {
    try (Catalog c = Catalog.open(file)) {
      StudySummary s = StudySummary.of(c);
      List<MinimumRecord> minima = StudyMinima.current(c).minima();
      int n = minima.size();
      double[] train = new double[n];
      double[] test = new double[n];
      double[] acc = new double[n];
      double[] hits = new double[n];
      int bestTrain = -1;
      int bestTest = -1;
      for (int i = 0; i < n; i++) {
        MinimumRecord m = minima.get(i);
        train[i] = m.losses().trainDataLoss();
        test[i] = m.losses().testLoss();
        acc[i] = m.losses().testAccuracy();
        hits[i] = m.members().length;
        if (bestTrain < 0 || m.losses().objective() < minima.get(bestTrain).losses().objective()) bestTrain = i;
        if (!Double.isNaN(test[i]) && (bestTest < 0 || test[i] < test[bestTest])) bestTest = i;
      }
      Row.Builder b = StudyTables.REGULARIZATION.row()
          .set("sweep_point", point)
          .set("l2", v.value())
          .set("starts", s.study().startsRecorded())
          .set("minimum_starts", s.minimaTable().minimumEndingStarts())
          .set("distinct_minima", n)
          .set("train_data_losses", train)
          .set("test_losses", test)
          .set("test_accuracies", acc)
          .set("hits", hits)
          .set("catalog", relative(file));
      if (bestTrain >= 0) {
        MinimumRecord m = minima.get(bestTrain);
        b.set("best_train_minimum", m.minimumId()).set("best_train_objective", m.losses().objective())
            .set("best_train_test_loss", m.losses().testLoss());
      }
      if (bestTest >= 0) {
        b.set("best_test_loss", test[bestTest]).set("lowest_train_is_best_test", test[bestTrain] <= test[bestTest] ? 1 : 0);
      }
      return b.build();
    }
  }

  static Row baselineRow(int point, StudyPlan.Variant v, Path file, Path base) {
    try (Catalog c = Catalog.open(file)) {
      List<MinimumRecord> minima = StudyMinima.current(c).minima();
      List<StartRecord> starts = c.starts();
      StartRecord best = null;
      for (StartRecord s : starts) {
        if (best == null || s.losses().objective() < best.losses().objective()) best = s;
      }
      Row.Builder b = StudyTables.BASELINE.row()
          .set("sweep_point", point)
          .set("l2", v.value())
          .set("model", StudySubjects.of(v.spec(), base).describe())
          .set("starts", starts.size())
          .set("distinct_minima", minima.size())
          .set("catalog", relative(file));
      if (best != null) {
        b.set("classification", best.outcome().criticalClass())
            .set("objective", best.losses().objective())
            .set("train_data_loss", best.losses().trainDataLoss())
            .set("test_loss", best.losses().testLoss())
            .set("train_accuracy", best.losses().trainAccuracy())
            .set("test_accuracy", best.losses().testAccuracy())
            .set("gradient_norm", best.outcome().gradientNorm())
            .set("smallest_eigenvalue", best.curvature().smallestEigenvalue());
      }
      return b.build();
    }
  }
}

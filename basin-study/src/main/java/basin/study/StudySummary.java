package basin.study;

import basin.study.stats.DiscoveryCurve;
import basin.study.stats.Proportion;
import basin.study.stats.WeightedQuantiles;
import basin.store.Catalog;
import basin.landscape.certify.CriticalPointClass;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a catalog says about claims 1 and 2, computed once by {@link #of(Catalog)}: how the starts
 * ended (critical-point classes), how many distinct minima, how many more probably exist (Chao1,
 * ACE, coverage), the discovery curve, and how far the minima lie above the global reference
 * (basin-weighted quantiles of the gap, the share within epsilon with binomial confidence
 * intervals).
 *
 * <p>An immutable value made of small named parts; {@link SummaryText} renders it as the text of
 * {@code basin minima}, {@link SummaryJson} as the JSON of {@code basin minima --json} (field names
 * are the snake_case forms of the component names below, listed in {@link SummaryJson}).
 *
 * <p>The minima-derived parts ({@code distinct}, {@code richness}, {@code discovery}, {@code gap},
 * {@code near_global}, {@code minima}) are read from the catalog's minima table. When that table does
 * not account for exactly the recorded minimum-ending starts (an interrupted run recorded starts
 * after the last clustering), they would be wrong, so they are null (the rows empty) and
 * {@link MinimaTable#current()} is false.
 *
 * @param study the study's identity and start counts
 * @param classes starts per critical-point class, by class name
 * @param saddleIndices saddles per Hessian index, by index
 * @param minimaTable how far the minima table covers the minimum-ending starts
 * @param distinct the distinct minima and their split by kinks; null when the table is not current
 * @param richness estimates from the hit counts; null when no minimum was found or the table is not
 *     current
 * @param discovery the discovery curve over minimum-ending starts; null when there are none or the
 *     table is not current
 * @param reference the global reference the gaps are measured from
 * @param gap basin-weighted quantiles of the train gap; null without minima, without a reference or
 *     when the table is not current
 * @param nearGlobal share of minimum-ending starts within epsilon of the reference; null when
 *     {@code gap} is
 * @param minima one row per distinct minimum, by hit count (descending), then id; empty when the table
 *     is not current
 * @param degenerate the degenerate minima, counted apart; null when there are none or the table is
 *     not current
 * @param strictRichness richness estimates over the strict minima alone; null unless there are both
 *     strict and degenerate minima
 */
public record StudySummary(
    Study study,
    List<ClassCount> classes,
    List<SaddleIndex> saddleIndices,
    MinimaTable minimaTable,
    Distinct distinct,
    RichnessEstimates richness,
    Discovery discovery,
    Reference reference,
    Gap gap,
    NearGlobal nearGlobal,
    List<MinimumRow> minima,
    Degenerate degenerate,
    RichnessEstimates strictRichness) {

  /**
   * Degenerate minima: more zero Hessian eigenvalues than the symmetries explain. Such a minimum lies
   * on a connected set of minima (for example tanh units saturating as their weights grow without
   * bound: "minima at infinity"), so starts that end in the same set land at different points of
   * it and are counted as different minima; richness estimates over them count points, not basins.
   * The summary therefore also gives the estimates over the strict minima alone.
   *
   * @param count distinct degenerate minima
   * @param starts minimum-ending starts that ended in one
   * @param medianParameterNorm median ||w|| of their representatives
   * @param maxParameterNorm the largest ||w|| among them
   */
  public record Degenerate(int count, int starts, double medianParameterNorm, double maxParameterNorm) {}

  public StudySummary {
    Objects.requireNonNull(study, "study");
    Objects.requireNonNull(minimaTable, "minimaTable");
    Objects.requireNonNull(reference, "reference");
    classes = List.copyOf(classes);
    saddleIndices = List.copyOf(saddleIndices);
    minima = List.copyOf(minima);
  }

  /**
   * Which study and how many of its starts are recorded.
   *
   * @param name the spec's name
   * @param masterSeed the catalog's master seed
   * @param createdUtc when the catalog was created (ISO 8601, UTC)
   * @param startsPlanned starts in the spec (at least those recorded)
   * @param startsRecorded starts in the catalog
   */
  public record Study(String name, long masterSeed, String createdUtc, int startsPlanned, int startsRecorded) {}

  /**
   * The starts that ended in one critical-point class.
   *
   * @param name the class, for example {@code STRICT_MINIMUM}; {@code UNKNOWN} for starts without one
   * @param count starts in the class
   * @param share count / recorded starts (0 when none are recorded)
   * @param onKinks of those, starts certified on ReLU kinks (active_kinks &gt; 0, docs/kinks.md)
   * @param kinksNotKnown starts of a certified class whose kink count is not recorded (rows from a
   *     catalog of schema version 1); 0 for classes without a certificate
   */
  public record ClassCount(String name, int count, double share, int onKinks, int kinksNotKnown) {}

  /**
   * Saddles of one Hessian index.
   *
   * @param index negative Hessian eigenvalues
   * @param count saddles with that index
   */
  public record SaddleIndex(int index, int count) {}

  /**
   * Whether the minima table is current: its members are exactly the recorded minimum-ending starts
   * (classes STRICT_MINIMUM and DEGENERATE_MINIMUM).
   *
   * @param minimumEndingStarts recorded starts that ended in a certified minimum
   * @param coveredStarts of those, the starts that are members of a distinct minimum
   * @param otherMembers members of distinct minima that are not recorded minimum-ending starts
   * @param current {@code coveredStarts == minimumEndingStarts && otherMembers == 0}
   */
  public record MinimaTable(int minimumEndingStarts, int coveredStarts, int otherMembers, boolean current) {
    public MinimaTable {
      if (current != (coveredStarts == minimumEndingStarts && otherMembers == 0)) {
        throw new IllegalArgumentException("minima table covering " + coveredStarts + " of " + minimumEndingStarts
            + " minimum-ending starts and " + otherMembers + " other starts cannot be current = " + current);
      }
    }

    static MinimaTable of(int minimumEndingStarts, int coveredStarts, int otherMembers) {
      return new MinimaTable(minimumEndingStarts, coveredStarts, otherMembers,
          coveredStarts == minimumEndingStarts && otherMembers == 0);
    }
  }

  /**
   * The distinct minima.
   *
   * @param count distinct minima
   * @param smooth of those, minima whose representative start was certified with no active kink
   * @param onKinks minima whose representative start was certified on ReLU kinks
   * @param kinksNotKnown minima whose representative's kink count is not recorded
   * @param lowestTrainLoss id of the minimum with the lowest training loss (the first such in
   *     discovery order), the baseline of the rows' test gap; -1 when there are no minima
   */
  public record Distinct(int count, int smooth, int onKinks, int kinksNotKnown, int lowestTrainLoss) {}

  /**
   * Richness estimates from the minima's hit counts ({@link basin.study.stats.Richness} states
   * the formulas).
   *
   * @param observed distinct minima with at least one hit
   * @param chao1 bias-corrected Chao1
   * @param chao1Lower lower end of its confidence interval
   * @param chao1Upper upper end of its confidence interval
   * @param confidence coverage of that interval (0.95)
   * @param ace abundance-based coverage estimator, NaN (JSON null) when undefined
   * @param coverage sample coverage 1 - f1 / N
   * @param singletons f1, minima hit once
   * @param doubletons f2, minima hit twice
   * @param caveats reasons to distrust the numbers, empty when there are none
   */
  public record RichnessEstimates(int observed, double chao1, double chao1Lower, double chao1Upper, double confidence,
      double ace, double coverage, int singletons, int doubletons, List<String> caveats) {
    public RichnessEstimates {
      caveats = List.copyOf(caveats);
    }
  }

  /**
   * The discovery curve D(k), distinct minima among the first k minimum-ending starts in start order
   * ({@link DiscoveryCurve}).
   *
   * @param distinctAfter entry k - 1 holds D(k), k = 1..N
   */
  public record Discovery(List<Integer> distinctAfter) {
    public Discovery {
      distinctAfter = List.copyOf(distinctAfter);
    }

    /** N, the number of minimum-ending starts. */
    public int starts() {
      return distinctAfter.size();
    }

    /** D(k), with D(0) = 0; k in [0, N]. */
    public int distinctAfter(int k) {
      return k == 0 ? 0 : distinctAfter.get(k - 1);
    }
  }

  /**
   * The global reference the gaps are measured from.
   *
   * @param basis {@code realizable}, {@code closed_form} or {@code convex} (exact, from the problem);
   *     {@code best_found} (the lowest minimum found); {@code none} (no minimum found yet)
   * @param exact whether the reference is known exactly (else it is the best minimum found)
   * @param value the reference value of the training objective; NaN (JSON null) for {@code none}
   * @param detail why the reference is what it is, one sentence
   */
  public record Reference(String basis, boolean exact, double value, String detail) {}

  /**
   * Basin-weighted quantiles of the train gap (train loss minus the reference) over the distinct
   * minima, each weighted by its hit count ({@link WeightedQuantiles}).
   *
   * @param median the 0.5 quantile
   * @param p90 the 0.9 quantile
   * @param max the largest gap
   */
  public record Gap(double median, double p90, double max) {}

  /**
   * The share of minimum-ending starts whose minimum lies within epsilon of the reference, with
   * two-sided confidence intervals ({@link Proportion}).
   *
   * @param epsilon the study's near-global tolerance
   * @param successes starts within epsilon
   * @param trials minimum-ending starts
   * @param share successes / trials
   * @param confidence coverage of the intervals (0.95)
   * @param wilson Wilson score interval
   * @param clopperPearson Clopper-Pearson exact interval
   */
  public record NearGlobal(double epsilon, long successes, long trials, double share, double confidence,
      Interval wilson, Interval clopperPearson) {}

  /**
   * A closed interval.
   *
   * @param lower lower end
   * @param upper upper end
   */
  public record Interval(double lower, double upper) {}

  /**
   * One distinct minimum, as the catalog's minima table and its representative start give it.
   *
   * @param id the minimum's id
   * @param hits starts that ended in it
   * @param trainLoss training objective at its representative
   * @param gap trainLoss minus the reference value (NaN without a reference)
   * @param testLoss test loss at its representative
   * @param testGap testLoss minus that of the minimum {@link Distinct#lowestTrainLoss()}
   * @param testAccuracy test accuracy, NaN when not a classifier
   * @param gradientNorm gradient norm (the Clarke residual for a minimum on kinks)
   * @param smallestEigenvalue smallest Hessian eigenvalue
   * @param largestEigenvalue largest Hessian eigenvalue
   * @param zeroCount (near-)zero Hessian eigenvalues, null when not recorded
   * @param nearestDistance distance modulo symmetry to the nearest other minimum, NaN when alone
   * @param activeKinks active kinks of its representative start, null when not recorded
   */
  public record MinimumRow(int id, int hits, double trainLoss, double gap, double testLoss, double testGap,
      double testAccuracy, double gradientNorm, double smallestEigenvalue, double largestEigenvalue, Integer zeroCount,
      double nearestDistance, Integer activeKinks) {}

  /** Classes that come with a certified point, whose kink count a catalog of schema version 2 records. */
  private static final Set<String> CERTIFIED = Set.of("STRICT_MINIMUM", "DEGENERATE_MINIMUM", "SADDLE");
  private static RichnessEstimates richness(int[] hits) {
    basin.study.stats.Richness r = basin.study.stats.Richness.estimate(hits, CONFIDENCE);
    return new RichnessEstimates(r.observed(), r.chao1(), r.chao1Lower(), r.chao1Upper(), r.confidence(), r.ace(),
        r.coverage(), r.singletons(), r.doubletons(), r.caveats());
  }

  /** Coverage of the richness and near-global intervals. */
  private static final double CONFIDENCE = 0.95;

  /** The text that {@code basin minima} prints; see {@link SummaryText#render(StudySummary, int)}. */
  public String render(int maxRows) {
    return SummaryText.render(this, maxRows);
  }

  /** Reads a catalog and computes the summary. */
  public static StudySummary of(Catalog catalog) {
    StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
    List<StartRecord> starts = catalog.starts(false);
    // a table left stale by a running or killed study is recomputed from the recorded starts
    List<MinimumRecord> table = StudyMinima.current(catalog, starts).minima();
    Study study = new Study(spec.name(), catalog.masterSeed(), catalog.createdUtc(), Math.max(spec.starts(), starts.size()),
        starts.size());

    SortedMap<String, int[]> classCounts = new TreeMap<>(); // name -> {count, on kinks, kinks not known}
    SortedMap<Integer, Integer> saddles = new TreeMap<>();
    Map<Integer, Integer> kinksOfStart = new HashMap<>();
    Map<Integer, String> classOfStart = new HashMap<>();
    Set<Integer> minimumEnding = new HashSet<>();
    StartRecord bestStart = null;
    for (StartRecord s : starts) {
      String c = s.criticalClass() == null ? "UNKNOWN" : s.criticalClass();
      int[] counts = classCounts.computeIfAbsent(c, k -> new int[3]);
      counts[0]++;
      if (s.activeKinks() > 0) {
        counts[1]++;
      } else if (s.activeKinks() == StartRecord.UNKNOWN_COUNT && CERTIFIED.contains(c)) {
        counts[2]++;
      }
      if ("SADDLE".equals(c)) saddles.merge(s.negativeCount(), 1, Integer::sum);
      kinksOfStart.put(s.startIndex(), s.activeKinks());
      classOfStart.put(s.startIndex(), c);
      if (MinimaClustering.isMinimum(s)) {
        minimumEnding.add(s.startIndex());
        if (bestStart == null || s.trainLoss() < bestStart.trainLoss()) bestStart = s;
      }
    }
    List<ClassCount> classes = new ArrayList<>();
    for (Map.Entry<String, int[]> e : classCounts.entrySet()) {
      int[] n = e.getValue();
      classes.add(new ClassCount(e.getKey(), n[0], starts.isEmpty() ? 0.0 : (double) n[0] / starts.size(), n[1], n[2]));
    }
    List<SaddleIndex> saddleIndices = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : saddles.entrySet()) saddleIndices.add(new SaddleIndex(e.getKey(), e.getValue()));

    int covered = 0;
    int other = 0;
    for (MinimumRecord m : table) {
      for (int s : m.members()) {
        if (minimumEnding.contains(s)) {
          covered++;
        } else {
          other++;
        }
      }
    }
    MinimaTable minimaTable = MinimaTable.of(minimumEnding.size(), covered, other);
    Map<String, String> prov = catalog.provenance();
    Reference reference = reference(prov, minimaTable.current() ? table : null, bestStart);
    if (!minimaTable.current()) {
      return new StudySummary(study, classes, saddleIndices, minimaTable, null, null, null, reference, null, null, List.of(), null, null);
    }

    int k = table.size();
    int lowest = -1;
    int onKinks = 0;
    int kinksNotKnown = 0;
    int[] hits = new int[k];
    double[] gaps = new double[k];
    for (int i = 0; i < k; i++) {
      MinimumRecord m = table.get(i);
      int kinks = kinksOfStart.getOrDefault(m.representativeStart(), StartRecord.UNKNOWN_COUNT);
      if (kinks > 0) onKinks++;
      if (kinks == StartRecord.UNKNOWN_COUNT) kinksNotKnown++;
      if (lowest < 0 || m.trainLoss() < table.get(lowest).trainLoss()) lowest = i;
      hits[i] = m.hitCount();
      gaps[i] = m.trainLoss() - reference.value();
    }
    Distinct distinct = new Distinct(k, k - onKinks - kinksNotKnown, onKinks, kinksNotKnown,
        lowest < 0 ? -1 : table.get(lowest).minimumId());

    RichnessEstimates richness = null;
    if (k > 0) richness = richness(hits);
    // degenerate minima counted apart (see Degenerate)
    int degenerateCount = 0;
    int degenerateStarts = 0;
    List<Double> norms = new ArrayList<>();
    int[] strictHits = new int[k];
    int strictCount = 0;
    for (MinimumRecord m : table) {
      if (CriticalPointClass.DEGENERATE_MINIMUM.name().equals(classOfStart.get(m.representativeStart()))) {
        degenerateCount++;
        degenerateStarts += m.hitCount();
        norms.add(m.parameterNorm());
      } else {
        strictHits[strictCount++] = m.hitCount();
      }
    }
    Degenerate degenerate = null;
    RichnessEstimates strictRichness = null;
    if (degenerateCount > 0) {
      java.util.Collections.sort(norms);
      int n = norms.size();
      double median = n % 2 == 1 ? norms.get(n / 2) : 0.5 * (norms.get(n / 2 - 1) + norms.get(n / 2));
      degenerate = new Degenerate(degenerateCount, degenerateStarts, median, norms.get(n - 1));
      if (strictCount > 0) strictRichness = richness(java.util.Arrays.copyOf(strictHits, strictCount));
    }

    Map<Integer, Integer> minimumOfStart = new HashMap<>();
    for (MinimumRecord m : table) for (int s : m.members()) minimumOfStart.put(s, m.minimumId());
    int[] sequence = new int[minimumEnding.size()];
    int n = 0;
    for (StartRecord s : starts) {
      Integer id = minimumOfStart.get(s.startIndex());
      if (id != null) sequence[n++] = id;
    }
    Discovery discovery = null;
    if (n > 0) {
      List<Integer> curve = new ArrayList<>();
      for (int d : DiscoveryCurve.of(sequence).toArray()) curve.add(d);
      discovery = new Discovery(curve);
    }

    Gap gap = null;
    NearGlobal near = null;
    if (k > 0 && !Double.isNaN(reference.value())) {
      double[] q = WeightedQuantiles.of(gaps, hits).quantiles(0.5, 0.9, 1.0);
      gap = new Gap(q[0], q[1], q[2]);
      double epsilon = spec.tolerances().nearGlobal();
      Proportion p = Proportion.withinEpsilon(gaps, hits, epsilon, CONFIDENCE);
      near = new NearGlobal(epsilon, p.successes(), p.trials(), p.estimate(), p.confidence(),
          new Interval(p.wilson().lower(), p.wilson().upper()),
          new Interval(p.clopperPearson().lower(), p.clopperPearson().upper()));
    }

    List<MinimumRow> rows = new ArrayList<>();
    double baselineTestLoss = lowest < 0 ? Double.NaN : table.get(lowest).testLoss();
    for (MinimumRecord m : table) {
      int kinks = kinksOfStart.getOrDefault(m.representativeStart(), StartRecord.UNKNOWN_COUNT);
      rows.add(new MinimumRow(m.minimumId(), m.hitCount(), m.trainLoss(), m.trainLoss() - reference.value(), m.testLoss(),
          m.testLoss() - baselineTestLoss, m.testAccuracy(), m.gradientNorm(), m.smallestEigenvalue(), m.largestEigenvalue(),
          m.zeroCount() == StartRecord.UNKNOWN_COUNT ? null : m.zeroCount(), m.nearestDistance(),
          kinks == StartRecord.UNKNOWN_COUNT ? null : kinks));
    }
    rows.sort(Comparator.comparingInt(MinimumRow::hits).reversed().thenComparingInt(MinimumRow::id));
    return new StudySummary(study, classes, saddleIndices, minimaTable, distinct, richness, discovery, reference, gap, near, rows,
        degenerate, strictRichness);
  }

  /**
   * The reference recorded in the catalog's provenance when it is exact; else the lowest distinct
   * minimum of a current table, or the lowest minimum-ending start when the table is not current.
   */
  private static Reference reference(Map<String, String> prov, List<MinimumRecord> table, StartRecord bestStart) {
    String basis = prov.get(StudyRunner.REFERENCE_BASIS);
    if (basis != null && !"UNKNOWN".equals(basis)) {
      return new Reference(basis.toLowerCase(Locale.ROOT), true, Double.parseDouble(prov.get(StudyRunner.REFERENCE_VALUE)),
          prov.get(StudyRunner.REFERENCE_DETAIL));
    }
    String why = prov.containsKey(StudyRunner.REFERENCE_DETAIL) ? " (" + prov.get(StudyRunner.REFERENCE_DETAIL) + ")" : "";
    if (table != null) {
      MinimumRecord best = null;
      for (MinimumRecord m : table) if (best == null || m.trainLoss() < best.trainLoss()) best = m;
      if (best != null) {
        return new Reference("best_found", false, best.trainLoss(),
            "best found (minimum " + best.minimumId() + "); the true global minimum is unknown" + why);
      }
    } else if (bestStart != null) {
      return new Reference("best_found", false, bestStart.trainLoss(),
          "best found (start " + bestStart.startIndex() + "); the true global minimum is unknown" + why);
    }
    return new Reference("none", false, Double.NaN, "no minimum found yet");
  }
}

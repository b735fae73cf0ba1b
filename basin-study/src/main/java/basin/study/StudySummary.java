package basin.study;

import basin.landscape.stats.DiscoveryCurve;
import basin.landscape.stats.Proportion;
import basin.landscape.stats.Richness;
import basin.landscape.stats.WeightedQuantiles;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a catalog says about claims 1 and 2: how the starts ended (critical-point classes), how
 * many distinct minima, how many more probably exist (Chao1, ACE, coverage), the discovery curve,
 * and how far the minima lie above the global reference (basin-weighted quantiles of the gap, the
 * share within epsilon with binomial confidence intervals).
 *
 * @param specName the study's name
 * @param startsPlanned starts in the spec
 * @param startsRecorded starts in the catalog
 * @param classCounts starts per critical-point class (SADDLE, STRICT_MINIMUM, ...)
 * @param onKinksCounts of those, the starts certified on ReLU kinks (active_kinks &gt; 0,
 *     docs/kinks.md); classes without such starts are absent. The rest of a certified class is smooth,
 *     except the starts counted in {@code unknownKinksCounts}
 * @param unknownKinksCounts starts of a certified class (minimum or saddle) whose kink count is not
 *     recorded (rows from a catalog of schema version 1); classes without such starts are absent
 * @param saddleIndices number of saddles per Hessian index
 * @param minima the distinct minima in order of discovery, each with the distance modulo symmetry to
 *     the nearest other minimum ({@link MinimumRecord#nearestDistance()}, stored by the clustering)
 * @param minimumKinks active kinks of each distinct minimum (those of its representative start), by
 *     minimum id; {@link StartRecord#UNKNOWN_COUNT} when not recorded
 * @param richness estimates from the hit counts (null when no minimum was found)
 * @param discovery distinct minima after the first k recorded minima-ending starts
 * @param referenceExact whether the global reference is exact (else it is the best minimum found)
 * @param referenceValue the global reference value of the training objective
 * @param referenceDetail why the reference is what it is
 * @param gapQuantiles basin-weighted quantiles 0.5, 0.9, 1.0 of the train gap
 * @param nearGlobal share of minima-ending starts within epsilon of the reference
 * @param epsilon the near-global tolerance
 */
public record StudySummary(
    String specName,
    int startsPlanned,
    int startsRecorded,
    SortedMap<String, Integer> classCounts,
    SortedMap<String, Integer> onKinksCounts,
    SortedMap<String, Integer> unknownKinksCounts,
    SortedMap<Integer, Integer> saddleIndices,
    List<MinimumRecord> minima,
    Map<Integer, Integer> minimumKinks,
    Richness richness,
    DiscoveryCurve discovery,
    boolean referenceExact,
    double referenceValue,
    String referenceDetail,
    double[] gapQuantiles,
    Proportion nearGlobal,
    double epsilon) {

  /** Reads a catalog and computes the summary. */
  public static StudySummary of(Catalog catalog) {
    StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
    List<StartRecord> starts = catalog.starts(false);
    List<MinimumRecord> minima = catalog.minima();
    SortedMap<String, Integer> classes = new TreeMap<>();
    SortedMap<String, Integer> onKinks = new TreeMap<>();
    SortedMap<String, Integer> unknownKinks = new TreeMap<>();
    SortedMap<Integer, Integer> saddles = new TreeMap<>();
    Map<Integer, Integer> kinksOfStart = new HashMap<>();
    for (StartRecord s : starts) {
      String c = s.criticalClass() == null ? "UNKNOWN" : s.criticalClass();
      classes.merge(c, 1, Integer::sum);
      if ("SADDLE".equals(c)) saddles.merge(s.negativeCount(), 1, Integer::sum);
      kinksOfStart.put(s.startIndex(), s.activeKinks());
      if (s.activeKinks() > 0) {
        onKinks.merge(c, 1, Integer::sum);
      } else if (s.activeKinks() == StartRecord.UNKNOWN_COUNT && CERTIFIED.contains(c)) {
        unknownKinks.merge(c, 1, Integer::sum);
      }
    }
    Map<Integer, Integer> minimumKinks = new HashMap<>();
    for (MinimumRecord m : minima) {
      minimumKinks.put(m.minimumId(), kinksOfStart.getOrDefault(m.representativeStart(), StartRecord.UNKNOWN_COUNT));
    }
    Map<String, String> prov = catalog.provenance();
    boolean exact = prov.containsKey(StudyRunner.REFERENCE_BASIS) && !"UNKNOWN".equals(prov.get(StudyRunner.REFERENCE_BASIS));
    double ref;
    String detail;
    if (exact) {
      ref = Double.parseDouble(prov.get(StudyRunner.REFERENCE_VALUE));
      detail = prov.get(StudyRunner.REFERENCE_BASIS).toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + prov.get(StudyRunner.REFERENCE_DETAIL);
    } else {
      ref = Double.NaN;
      int best = -1;
      for (MinimumRecord m : minima) {
        if (best < 0 || m.trainLoss() < minima.get(best).trainLoss()) best = minima.indexOf(m);
      }
      if (best >= 0) ref = minima.get(best).trainLoss();
      detail = best < 0 ? "no minimum found yet" : "best found (minimum " + best + "); the true global minimum is unknown"
          + (prov.containsKey(StudyRunner.REFERENCE_DETAIL) ? " (" + prov.get(StudyRunner.REFERENCE_DETAIL) + ")" : "");
    }
    int k = minima.size();
    int[] hits = new int[k];
    double[] gaps = new double[k];
    for (int i = 0; i < k; i++) {
      hits[i] = minima.get(i).hitCount();
      gaps[i] = minima.get(i).trainLoss() - ref;
    }
    Richness richness = k == 0 ? null : Richness.estimate(hits);
    // discovery curve over minima-ending starts in start order
    Map<Integer, Integer> minimumOfStart = new HashMap<>();
    for (MinimumRecord m : minima) for (int s : m.members()) minimumOfStart.put(s, m.minimumId());
    List<Integer> sequence = new ArrayList<>();
    for (StartRecord s : starts) {
      Integer id = minimumOfStart.get(s.startIndex());
      if (id != null) sequence.add(id);
    }
    DiscoveryCurve discovery = sequence.isEmpty() ? null : DiscoveryCurve.of(sequence.stream().mapToInt(Integer::intValue).toArray());
    double[] quantiles = k == 0 || Double.isNaN(ref) ? new double[0] : WeightedQuantiles.of(gaps, hits).quantiles(0.5, 0.9, 1.0);
    double eps = spec.tolerances().nearGlobal();
    Proportion near = k == 0 || Double.isNaN(ref) ? null : Proportion.withinEpsilon(gaps, hits, eps, 0.95);
    return new StudySummary(spec.name(), Math.max(spec.starts(), starts.size()), starts.size(), classes, onKinks, unknownKinks, saddles,
        minima, minimumKinks, richness, discovery, exact, ref, detail, quantiles, near, eps);
  }

  /** Classes that come with a certified point, whose kink count a catalog of schema version 2 records. */
  private static final java.util.Set<String> CERTIFIED = java.util.Set.of("STRICT_MINIMUM", "DEGENERATE_MINIMUM", "SADDLE");

  /** Distinct minima on kinks (their representative start certified with active kinks). */
  public int minimaOnKinks() {
    int n = 0;
    for (MinimumRecord m : minima) {
      if (minimumKinks.getOrDefault(m.minimumId(), StartRecord.UNKNOWN_COUNT) > 0) n++;
    }
    return n;
  }

  /** The text that {@code basin minima} prints. */
  public String render(int maxRows) {
    StringBuilder sb = new StringBuilder();
    java.util.Formatter f = new java.util.Formatter(sb, Locale.ROOT);
    f.format("study      %s: %d of %d starts recorded%n", specName, startsRecorded, startsPlanned);
    f.format("classes   ");
    for (Map.Entry<String, Integer> e : classCounts.entrySet()) {
      f.format(" %s %d (%.1f%%", e.getKey().toLowerCase(Locale.ROOT).replace('_', ' '), e.getValue(), 100.0 * e.getValue() / Math.max(1, startsRecorded));
      // a class that holds points certified on kinks says how many: "strict minimum 20 (50.0%, 20 on kinks)"
      int kinks = onKinksCounts.getOrDefault(e.getKey(), 0);
      int unknown = unknownKinksCounts.getOrDefault(e.getKey(), 0);
      if (kinks > 0) f.format(", %d on kinks", kinks);
      if (unknown > 0 && (kinks > 0 || !onKinksCounts.isEmpty())) f.format(", %d not known", unknown);
      f.format(")");
      if (e.getKey().equals("SADDLE") && !saddleIndices.isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Integer, Integer> s : saddleIndices.entrySet()) parts.add("index " + s.getKey() + ": " + s.getValue());
        f.format(" [%s]", String.join(", ", parts));
      }
      f.format(";");
    }
    f.format("%n");
    int minimaOnKinks = minimaOnKinks();
    int minimaUnknown = 0;
    for (MinimumRecord m : minima) {
      if (minimumKinks.getOrDefault(m.minimumId(), StartRecord.UNKNOWN_COUNT) == StartRecord.UNKNOWN_COUNT) minimaUnknown++;
    }
    f.format("distinct   %d minima%s%n", minima.size(), minimaOnKinks == 0 ? ""
        : String.format(Locale.ROOT, " (%d smooth, %d on kinks%s)", minima.size() - minimaOnKinks - minimaUnknown, minimaOnKinks,
            minimaUnknown == 0 ? "" : ", " + minimaUnknown + " not known"));
    if (richness != null) {
      f.format("richness   Chao1 %.1f (95%% CI %.1f to %.1f), ACE %.1f, sample coverage %.3f; singletons %d, doubletons %d%n",
          richness.chao1(), richness.chao1Lower(), richness.chao1Upper(), richness.ace(), richness.coverage(), richness.singletons(), richness.doubletons());
      if (!richness.caveat().isEmpty()) f.format("caveat     %s%n", richness.caveat());
    }
    if (discovery != null) {
      int n = discovery.starts();
      f.format("discovery ");
      for (double q : new double[] {0.1, 0.25, 0.5, 1.0}) {
        int s = Math.max(1, (int) Math.round(q * n));
        f.format(" after %d: %d;", s, discovery.distinctAfter(s));
      }
      f.format(" (minima-ending starts, in start order)%n");
    }
    f.format("reference  %s%s%n", Double.isNaN(referenceValue) ? "none" : String.format(Locale.ROOT, "%.10g, ", referenceValue), referenceDetail);
    if (gapQuantiles.length == 3) {
      f.format("gap        basin-weighted train gap: median %.3e, 90%% %.3e, max %.3e%n", gapQuantiles[0], gapQuantiles[1], gapQuantiles[2]);
    }
    if (nearGlobal != null) {
      f.format("near       %.1f%% of minima-ending starts within %.1e of the reference (95%% Wilson %.1f%% to %.1f%%, Clopper-Pearson %.1f%% to %.1f%%)%n",
          100 * nearGlobal.estimate(), epsilon, 100 * nearGlobal.wilson().lower(), 100 * nearGlobal.wilson().upper(),
          100 * nearGlobal.clopperPearson().lower(), 100 * nearGlobal.clopperPearson().upper());
    }
    if (!minima.isEmpty()) {
      // test gap: against the test loss of the minimum with the lowest training loss
      MinimumRecord bestTrain = minima.get(0);
      for (MinimumRecord m : minima) if (m.trainLoss() < bestTrain.trainLoss()) bestTrain = m;
      // studies with minima on kinks get a kinks column (|grad| of those rows is the Clarke residual)
      boolean kinkColumn = minimaOnKinks > 0;
      f.format("%n%4s %6s %14s %11s %14s %11s %8s %10s %10s %10s %5s %10s%s%n", "id", "hits", "train loss", "gap", "test loss", "test gap",
          "test acc", "|grad|", "lambda_min", "lambda_max", "zeros", "nearest", kinkColumn ? String.format(Locale.ROOT, " %5s", "kinks") : "");
      List<MinimumRecord> rows = new ArrayList<>(minima);
      rows.sort((a, b) -> Integer.compare(b.hitCount(), a.hitCount()) != 0 ? Integer.compare(b.hitCount(), a.hitCount()) : Integer.compare(a.minimumId(), b.minimumId()));
      for (int r = 0; r < Math.min(maxRows, rows.size()); r++) {
        MinimumRecord m = rows.get(r);
        String accuracy = Double.isNaN(m.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", m.testAccuracy());
        int kinks = minimumKinks.getOrDefault(m.minimumId(), StartRecord.UNKNOWN_COUNT);
        String kinkCell = !kinkColumn ? "" : String.format(Locale.ROOT, " %5s", kinks == StartRecord.UNKNOWN_COUNT ? "-" : Integer.toString(kinks));
        f.format("%4d %6d %14.8g %11.3e %14.8g %11.3e %8s %10.2e %10.3e %10.3e %5d %10.3e%s%n", m.minimumId(), m.hitCount(), m.trainLoss(),
            m.trainLoss() - referenceValue, m.testLoss(), m.testLoss() - bestTrain.testLoss(), accuracy, m.gradientNorm(),
            m.smallestEigenvalue(), m.largestEigenvalue(), m.zeroCount(), m.nearestDistance(), kinkCell);
      }
      if (rows.size() > maxRows) f.format("... %d more (basin export for all)%n", rows.size() - maxRows);
      f.format("(gap: train loss minus the reference; test gap: test loss minus that of minimum %d, the lowest training loss; "
          + "nearest: distance modulo symmetry to the closest other minimum%s)%n", bestTrain.minimumId(),
          kinkColumn ? "; kinks: pre-activations on their kink, where |grad| is the Clarke stationarity residual (docs/kinks.md)" : "");
    }
    return sb.toString();
  }
}

package basin.study;

import basin.study.StudySummary.ClassCount;
import basin.study.StudySummary.MinimumRow;
import java.util.ArrayList;
import java.util.Formatter;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code basin minima} (and the end of {@code basin sample}): one labelled line per part
 * of a {@link StudySummary}, then the distinct minima by hit count.
 */
public final class SummaryText {
  /** Shares of the minimum-ending starts at which the discovery line reports D(k). */
  private static final double[] DISCOVERY_SHARES = {0.1, 0.25, 0.5, 1.0};

  private SummaryText() {}

  /**
   * The summary as text.
   *
   * @param summary the summary (not modified)
   * @param maxRows distinct minima to list, &gt;= 0; the rest are counted in a last line
   * @throws IllegalArgumentException when maxRows &lt; 0
   */
  public static String render(StudySummary summary, int maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows = " + maxRows + ": expected a number of rows >= 0");
    }
    StringBuilder sb = new StringBuilder();
    Formatter f = new Formatter(sb, Locale.ROOT);
    StudySummary.Study study = summary.study();
    f.format("study      %s: %d of %d starts recorded%n", study.name(), study.startsRecorded(), study.startsPlanned());
    classes(f, summary);
    StudySummary.MinimaTable table = summary.minimaTable();
    if (!table.current()) {
      // the minima table predates some recorded starts (an interrupted run): its numbers would contradict the classes
      f.format("distinct   minima cover %d of %d minimum-ending starts%s; rerun `basin sample` to update%n", table.coveredStarts(),
          table.minimumEndingStarts(), table.otherMembers() == 0 ? "" : " and " + table.otherMembers() + " other starts");
      reference(f, summary);
      return sb.toString();
    }
    StudySummary.Distinct distinct = summary.distinct();
    f.format("distinct   %d minima%s%n", distinct.count(), distinct.onKinks() == 0 ? ""
        : String.format(Locale.ROOT, " (%d smooth, %d on kinks%s)", distinct.smooth(), distinct.onKinks(),
            distinct.kinksNotKnown() == 0 ? "" : ", " + distinct.kinksNotKnown() + " not known"));
    StudySummary.RichnessEstimates r = summary.richness();
    if (r != null) {
      f.format("richness   Chao1 %.1f (%.0f%% CI %.1f to %.1f), ACE %.1f, sample coverage %.3f; singletons %d, doubletons %d%n",
          r.chao1(), 100 * r.confidence(), r.chao1Lower(), r.chao1Upper(), r.ace(), r.coverage(), r.singletons(), r.doubletons());
      if (!r.caveats().isEmpty()) f.format("caveat     %s%n", String.join("; ", r.caveats()));
    }
    StudySummary.Degenerate d = summary.degenerate();
    if (d != null) {
      f.format("degenerate %d of the minima (%d starts; median ||w|| %.3g, largest %.3g) lie on connected sets of minima "
          + "(saturated units, minima at infinity): their starts land at different points of one set, so they are counted apart%n",
          d.count(), d.starts(), d.medianParameterNorm(), d.maxParameterNorm());
      StudySummary.RichnessEstimates sr = summary.strictRichness();
      if (sr != null) {
        f.format("strict     %d minima: Chao1 %.1f (%.0f%% CI %.1f to %.1f), ACE %.1f, sample coverage %.3f; singletons %d, doubletons %d%n",
            sr.observed(), sr.chao1(), 100 * sr.confidence(), sr.chao1Lower(), sr.chao1Upper(), sr.ace(), sr.coverage(), sr.singletons(),
            sr.doubletons());
      }
    }
    StudySummary.Discovery discovery = summary.discovery();
    if (discovery != null) {
      f.format("discovery ");
      for (int k : discoveryPoints(discovery.starts())) f.format(" after %d: %d;", k, discovery.distinctAfter(k));
      f.format(" (minima-ending starts, in start order)%n");
    }
    reference(f, summary);
    StudySummary.Gap gap = summary.gap();
    if (gap != null) {
      f.format("gap        basin-weighted train gap: median %.3e, 90%% %.3e, max %.3e%n", gap.median(), gap.p90(), gap.max());
    }
    StudySummary.NearGlobal near = summary.nearGlobal();
    if (near != null) {
      f.format("near       %.1f%% of minima-ending starts within %.1e of the reference (%.0f%% Wilson %.1f%% to %.1f%%, Clopper-Pearson %.1f%% to %.1f%%)%n",
          100 * near.share(), near.epsilon(), 100 * near.confidence(), 100 * near.wilson().lower(), 100 * near.wilson().upper(),
          100 * near.clopperPearson().lower(), 100 * near.clopperPearson().upper());
    }
    rows(f, summary, maxRows);
    return sb.toString();
  }

  /**
   * The k at which the discovery line reports D(k): round(q N) for the shares q, at least 1, each k
   * once (with few starts several shares round to the same k).
   */
  static List<Integer> discoveryPoints(int starts) {
    List<Integer> points = new ArrayList<>();
    for (double q : DISCOVERY_SHARES) {
      int k = Math.max(1, (int) Math.round(q * starts));
      if (points.isEmpty() || points.get(points.size() - 1) != k) points.add(k);
    }
    return points;
  }

  private static void classes(Formatter f, StudySummary summary) {
    boolean anyOnKinks = false;
    for (ClassCount c : summary.classes()) anyOnKinks |= c.onKinks() > 0;
    f.format("classes   ");
    for (ClassCount c : summary.classes()) {
      f.format(" %s %d (%.1f%%", c.name().toLowerCase(Locale.ROOT).replace('_', ' '), c.count(), 100 * c.share());
      // a class that holds points certified on kinks says how many: "strict minimum 20 (50.0%, 20 on kinks)"
      if (c.onKinks() > 0) f.format(", %d on kinks", c.onKinks());
      if (c.kinksNotKnown() > 0 && anyOnKinks) f.format(", %d not known", c.kinksNotKnown());
      f.format(")");
      if (c.name().equals("SADDLE") && !summary.saddleIndices().isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (StudySummary.SaddleIndex s : summary.saddleIndices()) parts.add("index " + s.index() + ": " + s.count());
        f.format(" [%s]", String.join(", ", parts));
      }
      f.format(";");
    }
    f.format("%n");
  }

  private static void reference(Formatter f, StudySummary summary) {
    StudySummary.Reference ref = summary.reference();
    String why = ref.exact() ? ref.basis().replace('_', ' ') + ": " + ref.detail() : ref.detail();
    f.format("reference  %s%s%n", Double.isNaN(ref.value()) ? "none" : String.format(Locale.ROOT, "%.10g, ", ref.value()), why);
  }

  private static void rows(Formatter f, StudySummary summary, int maxRows) {
    List<MinimumRow> rows = summary.minima();
    if (rows.isEmpty()) return;
    // studies with minima on kinks get a kinks column (|grad| of those rows is the Clarke residual)
    boolean kinkColumn = summary.distinct().onKinks() > 0;
    f.format("%n%4s %6s %14s %11s %14s %11s %8s %10s %10s %10s %5s %10s%s%n", "id", "hits", "train loss", "gap", "test loss", "test gap",
        "test acc", "|grad|", "lambda_min", "lambda_max", "zeros", "nearest", kinkColumn ? String.format(Locale.ROOT, " %5s", "kinks") : "");
    int shown = Math.min(maxRows, rows.size());
    for (int r = 0; r < shown; r++) {
      MinimumRow m = rows.get(r);
      String accuracy = Double.isNaN(m.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", m.testAccuracy());
      String kinkCell = !kinkColumn ? "" : String.format(Locale.ROOT, " %5s", count(m.activeKinks()));
      // no test set (closed-form objectives) or a lone minimum: "-" rather than NaN
      f.format("%4d %6d %14.8g %11.3e %14s %11s %8s %10.2e %10.3e %10.3e %5s %10s%s%n", m.id(), m.hits(), m.trainLoss(), m.gap(),
          number(m.testLoss(), "%.8g"), number(m.testGap(), "%.3e"), accuracy, m.gradientNorm(), m.smallestEigenvalue(),
          m.largestEigenvalue(), count(m.zeroCount()), number(m.nearestDistance(), "%.3e"), kinkCell);
    }
    if (rows.size() > shown) f.format("... %d more (basin export for all)%n", rows.size() - shown);
    f.format("(gap: train loss minus the reference; test gap: test loss minus that of minimum %d, the lowest training loss; "
        + "nearest: distance modulo symmetry to the closest other minimum%s)%n", summary.distinct().lowestTrainLoss(),
        kinkColumn ? "; kinks: pre-activations on their kink, where |grad| is the Clarke stationarity residual (docs/kinks.md)" : "");
  }

  /** A number in the given format, or "-" when it is NaN. */
  private static String number(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }

  /** A count, or "-" when it was not recorded. */
  private static String count(Integer n) {
    return n == null ? "-" : n.toString();
  }
}

package basin.study.verdict;

import basin.study.StudySummary;
import basin.study.stats.CoverageExtrapolation;
import basin.study.stats.GrowthLaw;
import basin.study.stats.Proportion;
import basin.study.stats.Richness;
import basin.study.stats.RichnessEstimate;
import basin.study.verdict.Verdict.Claim;
import basin.study.verdict.Verdict.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The verdicts of a study on Basin's three claims, from its evidence ({@link StudyEvidence}). Each
 * verdict's sentence is built from the numbers and their intervals; the rules, and the thresholds
 * they use, are stated here and in docs/counting.md.
 *
 * <p><b>Many minima.</b> The certain number is the observed count of distinct strict minima S (a
 * lower bound on the total; degenerate minima are connected sets whose points are counted, not
 * basins). Supported when S &gt;= {@value #MANY_MINIMA} or a sweep's count grows at least
 * quadratically ({@link GrowthLaw.Answer#YES}). Not supported when S &lt; {@value #MANY_MINIMA},
 * at least {@value #MIN_MINIMUM_STARTS} starts ended at a minimum, the sample coverage (Chao &amp;
 * Jost) is at least {@value #HIGH_COVERAGE}, iChao1's upper bound is below {@value #MANY_MINIMA},
 * and every sweep (if any) answers NO. Otherwise inconclusive, with each reason that applies (too
 * few starts, low coverage and the starts that would reach {@value #COVERAGE_TARGET}, an estimator
 * that allows many, an undecided sweep).
 *
 * <p><b>Near-global.</b> From the share of minimum-ending starts within epsilon of the global
 * reference and its Clopper-Pearson interval. Supported when the interval's lower end is at least
 * {@value #MAJORITY} and the reference is exact; not supported when its upper end is below
 * {@value #MAJORITY} (valid also against the best minimum found: the true global minimum is at
 * most that, so the true share is at most the measured one); inconclusive otherwise, including a
 * majority near a reference that is only the best minimum found.
 *
 * <p><b>Flat.</b> From the flatness table: a minimum is flat when its median basin radius (the
 * distance along filter-normalized directions at which the loss has risen by radius_delta) is at
 * least {@value #FLAT_RADIUS}; supported when the Clopper-Pearson interval of the share of starts
 * ending at a flat minimum lies at or above {@value #MAJORITY}, not supported when below,
 * inconclusive when it contains {@value #MAJORITY} or when the measured minima hold less than
 * {@value #MIN_MEASURED_SHARE} of the minimum-ending starts. Early-stopping stop-gaps, when
 * present, are reported beside it and do not change the status.
 */
public final class Verdicts {
  private Verdicts() {}

  /**
   * A landscape with at least this many distinct strict minima has "many": an order of magnitude
   * more than one, more than any of the small test functions hold (Muller-Brown 3, Himmelblau 4),
   * and enough that descent from random starts cannot be said to find "the" minimum.
   */
  public static final int MANY_MINIMA = 10;
  /**
   * Fewest minimum-ending starts to rule many minima out: below it the coverage estimate's error
   * exceeds 0.05 (docs/counting.md: mean error 0.03 to 0.06 at 100 starts) and a basin holding 1/30
   * of the starts is missed with probability about e^-1.
   */
  public static final int MIN_MINIMUM_STARTS = 30;
  /**
   * Sample coverage at and above which the unseen minima hold at most 5% of the start mass; the
   * estimate is accurate to 0.01 from 1000 starts on (docs/counting.md).
   */
  public static final double HIGH_COVERAGE = 0.95;
  /** The coverage whose starts-needed the inconclusive sentence names. */
  public static final double COVERAGE_TARGET = 0.9;
  /** "Most" minima (weighted by their starts): a majority. */
  public static final double MAJORITY = 0.5;
  /**
   * A minimum is flat when the loss rises by radius_delta (0.1 by default) only at a median distance
   * of at least 1 along filter-normalized directions, i.e. a step as long as the weights
   * themselves (Li et al. 2018 plot landscapes over [-1, 1] in these units; sharp minima rise well
   * inside it).
   */
  public static final double FLAT_RADIUS = 1.0;
  /** Fewest share of the minimum-ending starts whose minima must have been measured for a flatness verdict. */
  public static final double MIN_MEASURED_SHARE = 0.5;
  /** The command that samples minima. */
  public static final String SAMPLE_COMMAND = "bin/basin study";
  /** The command that measures flatness, with the catalog's name in place of %s. */
  public static final String FLATNESS_COMMAND = "bin/basin flatness %s";

  /** The three verdicts: many minima, near-global, flat. */
  public static List<Verdict> of(StudyEvidence e) {
    return List.of(manyMinima(e.summary(), e.sweeps()), nearGlobal(e.summary()), flat(e.flatness(), e.stopGaps(), e.catalog()));
  }

  /** The many-minima verdict; see the class comment. */
  public static Verdict manyMinima(StudySummary s, List<Sweep> sweeps) {
    Claim claim = Claim.MANY_MINIMA;
    List<String> evidence = new ArrayList<>();
    List<String> sweepLines = new ArrayList<>();
    boolean anyYes = false;
    boolean allNo = !sweeps.isEmpty();
    List<String> growth = new ArrayList<>();
    List<String> growthDoubts = new ArrayList<>();
    for (Sweep w : sweeps) {
      GrowthLaw g = w.law();
      // every point saturated (each start a new minimum): the counts are the starts, not a growth law
      String law = g.saturated().size() == g.points()
          ? "along " + w.axis() + " every point is saturated (each start found a new minimum: counts are lower bounds, no growth law)"
          : "count grows ~ " + g.preferred().describe(w.axis()) + (g.saturated().isEmpty() ? ""
              : " (" + g.saturated().size() + " of " + g.points() + " points saturated: lower bounds)");
      growth.add(law);
      sweepLines.add(String.format(Locale.ROOT, "sweep over %s (%d points): %s; power %s, exponential %s, better form %s;"
          + " at least quadratic: %s (%s)", w.axis(), g.points(), law, g.power().describe(w.axis()),
          g.exponential().describe(w.axis()), g.better().name().toLowerCase(Locale.ROOT),
          g.atLeastQuadratic().name().toLowerCase(Locale.ROOT), g.reason()));
      anyYes |= g.atLeastQuadratic() == GrowthLaw.Answer.YES;
      allNo &= g.atLeastQuadratic() == GrowthLaw.Answer.NO;
      if (g.atLeastQuadratic() == GrowthLaw.Answer.INCONCLUSIVE) growthDoubts.add("along " + w.axis() + " " + g.reason());
    }
    String growthText = growth.isEmpty() ? "" : "; " + String.join("; ", growth);
    if (s == null || s.distinct() == null || s.minimaTable().minimumEndingStarts() == 0) evidence.addAll(sweepLines);
    if (s == null) {
      if (sweeps.isEmpty()) return notRun(claim, "Run " + SAMPLE_COMMAND + " to sample minima.");
      Status status = anyYes ? Status.SUPPORTED : Status.INCONCLUSIVE;
      return verdict(claim, status, "no main sampling run" + growthText, evidence);
    }
    int minimumEnding = s.minimaTable().minimumEndingStarts();
    int recorded = s.study().startsRecorded();
    if (s.distinct() == null) {
      evidence.add("the minima table does not cover the recorded minimum-ending starts; the counts are not current");
      return verdict(claim, Status.INCONCLUSIVE, "the minima table is not current for the " + recorded + " recorded starts", evidence);
    }
    if (minimumEnding == 0) {
      return verdict(claim, anyYes ? Status.SUPPORTED : Status.INCONCLUSIVE,
          "none of the " + recorded + " starts ended at a certified minimum" + growthText, evidence);
    }
    int[] hits = new int[s.minima().size()];
    for (int i = 0; i < hits.length; i++) hits[i] = s.minima().get(i).hits();
    Richness r = Richness.estimate(hits);
    int distinct = s.distinct().count();
    int degenerate = s.degenerate() == null ? 0 : s.degenerate().count();
    int strict = distinct - degenerate;
    RichnessEstimate chao1 = r.chao1Estimate();
    RichnessEstimate iChao1 = r.improvedChao1();
    CoverageExtrapolation ce = r.extrapolation();
    evidence.add(String.format(Locale.ROOT, "observed: %d distinct minima (%d strict, %d degenerate) in %d minimum-ending"
        + " starts of %d: a certain lower bound", distinct, strict, degenerate, minimumEnding, recorded));
    for (RichnessEstimate e : List.of(chao1, iChao1, r.aceEstimate())) {
      evidence.add(describe(e) + ", " + e.kind().label() + ": " + e.assumptions());
    }
    long more = ce.additionalStartsFor(COVERAGE_TARGET);
    evidence.add(String.format(Locale.ROOT, "sample coverage %.3f (95%% CI %.3f to %.3f; Good-Turing %.3f)%s", ce.coverage(),
        ce.coverageLower(), ce.coverageUpper(), r.coverage(),
        more > 0 ? String.format(Locale.ROOT, "; about %d more starts would reach coverage %.2f", more, COVERAGE_TARGET) : ""));
    evidence.add(describe(ce.richnessAt(ce.hits())) + ": " + CoverageExtrapolation.ASSUMPTIONS);
    evidence.addAll(sweepLines);
    if (degenerate > 0) {
      evidence.add(degenerate + " degenerate minima lie on connected sets of minima: they count points of those sets, not basins,"
          + " and are left out of the strict count");
    }
    for (String c : r.caveats()) evidence.add("caveat: " + c);

    String counts = String.format(Locale.ROOT, "%d distinct %sminima in %d starts, %s and %s (lower-bound estimates), sample coverage %.3f",
        degenerate > 0 ? strict : distinct, degenerate > 0 ? "strict " : "", minimumEnding, describe(chao1), describe(iChao1),
        ce.coverage());
    if (strict == 0) {
      return verdict(claim, anyYes ? Status.SUPPORTED : Status.INCONCLUSIVE, "all " + distinct
          + " minima are degenerate (connected sets of minima), so their count is of points, not basins" + growthText, evidence);
    }
    if (strict >= MANY_MINIMA || anyYes) {
      String lead = strict >= MANY_MINIMA ? counts
          : "only " + counts + ", but the count grows at least quadratically";
      return verdict(claim, Status.SUPPORTED, lead + growthText, evidence);
    }
    double coverage = ce.coverage();
    boolean ruledOut = minimumEnding >= MIN_MINIMUM_STARTS && coverage >= HIGH_COVERAGE && iChao1.upper() < MANY_MINIMA
        && (sweeps.isEmpty() || allNo);
    if (ruledOut) {
      String unseen = 1 - coverage < 0.001 ? "less than 0.1%"
          : String.format(Locale.ROOT, "about %.1f%%", 100 * (1 - coverage));
      return verdict(claim, Status.NOT_SUPPORTED, String.format(Locale.ROOT,
          "%s: the unseen minima hold %s of the starts and iChao1's upper bound %.1f is below %d%s", counts,
          unseen, iChao1.upper(), MANY_MINIMA, growthText), evidence);
    }
    List<String> reasons = new ArrayList<>();
    if (minimumEnding < MIN_MINIMUM_STARTS) {
      reasons.add(String.format(Locale.ROOT, "only %d starts ended at a minimum (at least %d are needed to rule many minima out)",
          minimumEnding, MIN_MINIMUM_STARTS));
    }
    if (coverage < HIGH_COVERAGE) {
      reasons.add(String.format(Locale.ROOT, "that coverage is below %.2f%s", HIGH_COVERAGE,
          more > 0 ? String.format(Locale.ROOT, " (about %d more starts would reach %.2f)", more, COVERAGE_TARGET) : ""));
    }
    if (iChao1.upper() >= MANY_MINIMA) {
      reasons.add(String.format(Locale.ROOT, "iChao1's upper bound %.1f allows %d or more", iChao1.upper(), MANY_MINIMA));
    }
    reasons.addAll(growthDoubts);
    return verdict(claim, Status.INCONCLUSIVE, counts + growthText + "; " + String.join("; ", reasons), evidence);
  }

  /** The near-global verdict; see the class comment. */
  public static Verdict nearGlobal(StudySummary s) {
    Claim claim = Claim.NEAR_GLOBAL;
    if (s == null) return notRun(claim, "Run " + SAMPLE_COMMAND + " to sample minima.");
    List<String> evidence = new ArrayList<>();
    StudySummary.Reference ref = s.reference();
    evidence.add("reference: " + ref.basis() + (ref.exact() ? " (exact)" : " (not exact)") + ", " + ref.detail());
    StudySummary.NearGlobal ng = s.nearGlobal();
    if (ng == null) {
      String why = s.minimaTable().minimumEndingStarts() == 0
          ? "none of the " + s.study().startsRecorded() + " starts ended at a certified minimum"
          : "no gap to a reference could be measured (minima table not current, or no reference)";
      return verdict(claim, Status.INCONCLUSIVE, why, evidence);
    }
    StudySummary.Interval cp = ng.clopperPearson();
    String target = ref.exact() ? "the global minimum (" + ref.basis() + ")" : "the best minimum found";
    String share = String.format(Locale.ROOT, "%d of %d starts (%.1f%%, 95%% CI %.1f%% to %.1f%%) end within %.3g of %s",
        ng.successes(), ng.trials(), 100 * ng.share(), 100 * cp.lower(), 100 * cp.upper(), ng.epsilon(), target);
    evidence.add(String.format(Locale.ROOT, "share within epsilon = %.3g: %d / %d = %.4f, Clopper-Pearson %.4f to %.4f, Wilson"
        + " %.4f to %.4f", ng.epsilon(), ng.successes(), ng.trials(), ng.share(), cp.lower(), cp.upper(), ng.wilson().lower(),
        ng.wilson().upper()));
    String gap = "";
    if (s.gap() != null) {
      evidence.add(String.format(Locale.ROOT, "train gap to the reference, basin-weighted: median %.3g, 90%% quantile %.3g, max %.3g",
          s.gap().median(), s.gap().p90(), s.gap().max()));
      gap = String.format(Locale.ROOT, "; median gap %.3g", s.gap().median());
    }
    if (cp.lower() >= MAJORITY) {
      if (ref.exact()) return verdict(claim, Status.SUPPORTED, share + gap, evidence);
      return verdict(claim, Status.INCONCLUSIVE, share + gap + "; the true global minimum is unknown, so the share near it may be"
          + " lower", evidence);
    }
    if (cp.upper() < MAJORITY) {
      String bound = ref.exact() ? "" : " (the best minimum found is at least as high as the global one, so the share near the"
          + " global minimum is no larger)";
      return verdict(claim, Status.NOT_SUPPORTED, "only " + share + gap + bound, evidence);
    }
    return verdict(claim, Status.INCONCLUSIVE, share + gap + String.format(Locale.ROOT, "; the interval contains %.0f%%:"
        + " more starts would decide", 100 * MAJORITY), evidence);
  }

  /** The flatness verdict; see the class comment. */
  public static Verdict flat(FlatnessEvidence f, StopGaps stopGaps, String catalog) {
    Claim claim = Claim.FLAT;
    String command = String.format(Locale.ROOT, FLATNESS_COMMAND, catalog == null ? "CATALOG" : catalog);
    List<String> evidence = new ArrayList<>();
    if (stopGaps != null) evidence.add(describe(stopGaps));
    if (f == null) {
      return new Verdict(claim, Status.NOT_RUN, claim.title() + ": " + Status.NOT_RUN.label() + ". Run " + command
          + " to measure the minima's curvature, sharpness and basin radius.", evidence);
    }
    if (f.minima().isEmpty()) {
      return verdict(claim, Status.INCONCLUSIVE, "the flatness table holds none of the current minima; run " + command, evidence);
    }
    long measured = f.measuredStarts();
    long flat = 0;
    int flatMinima = 0;
    int n = f.minima().size();
    double[] radius = new double[n];
    double[] sharpness = new double[n];
    double[] lambda = new double[n];
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      FlatnessEvidence.Measured m = f.minima().get(i);
      if (m.radiusMedian() >= FLAT_RADIUS) {
        flat += m.hits();
        flatMinima++;
      }
      radius[i] = m.radiusMedian();
      sharpness[i] = m.epsilonSharpness();
      lambda[i] = m.lambdaMax();
      w[i] = m.hits();
    }
    Proportion p = Proportion.of(flat, measured, 0.95);
    double delta = f.minima().get(0).radiusDelta();
    String share = String.format(Locale.ROOT, "%d of %d measured minima, holding %d of %d starts (%.1f%%, 95%% CI %.1f%% to %.1f%%),"
        + " have a median basin radius of at least %.3g (the loss rises by %.3g only that far away); basin-weighted median radius %.3g",
        flatMinima, n, flat, measured, 100 * p.estimate(), 100 * p.clopperPearson().lower(), 100 * p.clopperPearson().upper(),
        FLAT_RADIUS, delta, weightedMedian(radius, w));
    evidence.add(0, share);
    evidence.add(String.format(Locale.ROOT, "basin-weighted medians: epsilon-sharpness %.3g, largest data-loss Hessian eigenvalue %.3g",
        weightedMedian(sharpness, w), weightedMedian(lambda, w)));
    double measuredShare = f.minimumEndingStarts() == 0 ? 0 : measured / (double) f.minimumEndingStarts();
    if (measuredShare < MIN_MEASURED_SHARE) {
      return verdict(claim, Status.INCONCLUSIVE, String.format(Locale.ROOT, "flatness is measured for minima holding only %.0f%% of"
          + " the %d minimum-ending starts (at least %.0f%% needed); run %s to finish", 100 * measuredShare, f.minimumEndingStarts(),
          100 * MIN_MEASURED_SHARE, command), evidence);
    }
    if (p.clopperPearson().lower() >= MAJORITY) return verdict(claim, Status.SUPPORTED, share, evidence);
    if (p.clopperPearson().upper() < MAJORITY) return verdict(claim, Status.NOT_SUPPORTED, share, evidence);
    return verdict(claim, Status.INCONCLUSIVE, share + String.format(Locale.ROOT, "; the interval contains %.0f%%", 100 * MAJORITY),
        evidence);
  }

  private static Verdict verdict(Claim claim, Status status, String body, List<String> evidence) {
    return new Verdict(claim, status, claim.title() + ": " + status.label() + ". " + capitalize(body) + ".", evidence);
  }

  private static Verdict notRun(Claim claim, String what) {
    return new Verdict(claim, Status.NOT_RUN, claim.title() + ": " + Status.NOT_RUN.label() + ". " + what, List.of());
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** For example "Chao1 530 (95% CI 410 to 720)". */
  static String describe(RichnessEstimate e) {
    if (Double.isNaN(e.value())) return e.estimator() + " undefined";
    return String.format(Locale.ROOT, "%s %.0f (%.0f%% CI %.0f to %.0f)", e.estimator(), e.value(), 100 * e.confidence(),
        e.lower(), e.upper());
  }

  private static String describe(StopGaps g) {
    StudySummary.Interval t = g.testInterval();
    String meaning = t.upper() < 0 ? "the early-stopped models test better than the minima"
        : t.lower() > 0 ? "the minima test better than the early-stopped models"
        : "no test difference between the early-stopped models and the minima";
    return String.format(Locale.ROOT, "early stopping over %d runs: median stop-gap in train loss %.3g (%.0f%% CI %.3g to %.3g), in"
        + " test loss %.3g (CI %.3g to %.3g): %s", g.runs(), g.medianTrainGap(), 100 * g.confidence(), g.trainInterval().lower(),
        g.trainInterval().upper(), g.medianTestGap(), t.lower(), t.upper(), meaning);
  }

  /** The lower weighted median: the smallest value whose cumulative weight reaches half; NaN values skipped. */
  static double weightedMedian(double[] values, int[] weights) {
    Integer[] order = new Integer[values.length];
    long total = 0;
    int k = 0;
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) continue;
      order[k++] = i;
      total += weights[i];
    }
    if (k == 0 || total == 0) return Double.NaN;
    Integer[] used = Arrays.copyOf(order, k);
    Arrays.sort(used, (a, b) -> Double.compare(values[a], values[b]));
    long cumulative = 0;
    for (int i : used) {
      cumulative += weights[i];
      if (2 * cumulative >= total) return values[i];
    }
    return values[used[k - 1]];
  }
}

package basin.study;

import basin.store.Row;
import basin.study.stats.Proportion;
import basin.study.stats.QuantileInterval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The early-stopping table summarized per rule, over the starts whose end point was certified a
 * minimum (strict or degenerate; the others have no minimum to compare with): medians of the train
 * and test gaps with distribution-free 95% intervals ({@link QuantileInterval}), their 10% and 90%
 * quantiles, the share of starts whose test loss was better at the selected check than at the
 * minimum (Wilson 95%), and the median share of the optimizer's iterations the rule spent
 * (stop iteration / all iterations to the end point).
 *
 * @param rules one line per rule, in rule order
 * @param excluded starts left out because their end point is not a certified minimum
 */
public record EarlyStoppingSummary(List<RuleSummary> rules, int excluded) {

  static final double CONFIDENCE = 0.95;

  /**
   * @param rule the rule's text
   * @param starts starts counted
   * @param fired starts where the rule fired before the first stage ended
   * @param trainGap median train gap with its interval
   * @param trainGapQ10 10% quantile of the train gaps
   * @param trainGapQ90 90% quantile
   * @param testGap median test gap with its interval
   * @param testGapQ10 10% quantile of the test gaps
   * @param testGapQ90 90% quantile
   * @param testBetter starts with test gap &lt; 0, with the Wilson interval (null when no start has a test loss)
   * @param workShare median of stop iteration / total iterations
   * @param stopIteration median iteration of the stop
   * @param trainGapAtStop median train gap at the stop check itself
   * @param testGapAtStop median test gap at the stop check itself
   */
  public record RuleSummary(String rule, int starts, int fired, QuantileInterval trainGap, double trainGapQ10, double trainGapQ90,
      QuantileInterval testGap, double testGapQ10, double testGapQ90, Proportion testBetter, double workShare,
      double stopIteration, double trainGapAtStop, double testGapAtStop) {}

  /** Summarizes rows of {@link EarlyStoppingRunner#TABLE}, in any order. */
  public static EarlyStoppingSummary of(List<Row> rows) {
    Map<Long, List<Row>> byRule = new LinkedHashMap<>();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Long.compare(a.getLong("rule"), b.getLong("rule")));
    java.util.Set<Long> excludedStarts = new java.util.HashSet<>();
    for (Row r : sorted) {
      String c = r.getText("end_class");
      if (!c.equals("STRICT_MINIMUM") && !c.equals("DEGENERATE_MINIMUM")) {
        excludedStarts.add(r.getLong("start_index"));
        continue;
      }
      byRule.computeIfAbsent(r.getLong("rule"), k -> new ArrayList<>()).add(r);
    }
    List<RuleSummary> out = new ArrayList<>();
    for (List<Row> group : byRule.values()) {
      int n = group.size();
      double[] train = new double[n];
      double[] test = new double[n];
      double[] work = new double[n];
      double[] stop = new double[n];
      double[] trainAtStop = new double[n];
      double[] testAtStop = new double[n];
      int fired = 0;
      int better = 0;
      int withTest = 0;
      for (int i = 0; i < n; i++) {
        Row r = group.get(i);
        train[i] = r.getDouble("train_gap");
        test[i] = r.getDouble("test_gap");
        long total = r.getLong("total_iterations");
        work[i] = total > 0 ? (double) r.getLong("stop_iteration") / total : Double.NaN;
        stop[i] = r.getLong("stop_iteration");
        trainAtStop[i] = r.getDouble("train_gap_at_stop");
        testAtStop[i] = r.getDouble("test_gap_at_stop");
        if (r.getLong("fired") == 1) fired++;
        if (!Double.isNaN(test[i])) {
          withTest++;
          if (test[i] < 0) better++;
        }
      }
      out.add(new RuleSummary(group.get(0).getText("rule_text"), n, fired, QuantileInterval.of(train, 0.5, CONFIDENCE),
          QuantileInterval.of(train, 0.1, CONFIDENCE).estimate(), QuantileInterval.of(train, 0.9, CONFIDENCE).estimate(),
          QuantileInterval.of(test, 0.5, CONFIDENCE), QuantileInterval.of(test, 0.1, CONFIDENCE).estimate(),
          QuantileInterval.of(test, 0.9, CONFIDENCE).estimate(), withTest == 0 ? null : Proportion.of(better, withTest, CONFIDENCE),
          median(work), median(stop), median(trainAtStop), median(testAtStop)));
    }
    return new EarlyStoppingSummary(out, excludedStarts.size());
  }

  private static double median(double[] values) {
    return QuantileInterval.of(values, 0.5, CONFIDENCE).estimate();
  }

  /** The summary as CSV (header, then one line per rule; numbers with 17 significant digits, empty for NaN). */
  public String toCsv() {
    StringBuilder b = new StringBuilder("rule,starts,fired,train_gap_median,train_gap_lower,train_gap_upper,train_gap_coverage,"
        + "train_gap_q10,train_gap_q90,test_gap_median,test_gap_lower,test_gap_upper,test_gap_coverage,test_gap_q10,test_gap_q90,"
        + "test_better,test_better_share,test_better_lower,test_better_upper,work_share,stop_iteration_median,"
        + "train_gap_at_stop_median,test_gap_at_stop_median\n");
    for (RuleSummary s : rules) {
      b.append(s.rule()).append(',').append(s.starts()).append(',').append(s.fired());
      for (double v : new double[] {s.trainGap().estimate(), s.trainGap().lower(), s.trainGap().upper(), s.trainGap().coverage(),
          s.trainGapQ10(), s.trainGapQ90(), s.testGap().estimate(), s.testGap().lower(), s.testGap().upper(), s.testGap().coverage(),
          s.testGapQ10(), s.testGapQ90()}) {
        b.append(',').append(number(v));
      }
      if (s.testBetter() == null) {
        b.append(",,,,");
      } else {
        b.append(',').append(s.testBetter().successes()).append(',').append(number(s.testBetter().estimate())).append(',')
            .append(number(s.testBetter().wilson().lower())).append(',').append(number(s.testBetter().wilson().upper()));
      }
      b.append(',').append(number(s.workShare())).append(',').append(number(s.stopIteration())).append(',')
          .append(number(s.trainGapAtStop())).append(',').append(number(s.testGapAtStop())).append('\n');
    }
    return b.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return String.format(java.util.Locale.ROOT, "%.17g", v);
  }
}

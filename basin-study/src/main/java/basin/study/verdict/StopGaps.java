package basin.study.verdict;

import basin.study.StudySummary.Interval;
import java.util.Objects;

/**
 * Early-stopping stop-gaps over a study's runs: how far the early-stopped model lies from the
 * minimum its run then converged to, in training and in test loss (stop minus minimum). The early
 * stopping analysis fills it; the verdicts only read it.
 *
 * @param runs runs with both an early stop and a certified minimum
 * @param medianTrainGap median of (train loss at the stop - train loss at the minimum), &gt;= 0 in
 *     the usual case
 * @param trainInterval an interval for that median (for example the order-statistic interval)
 * @param medianTestGap median of (test loss at the stop - test loss at the minimum); negative when
 *     stopping early generalises better
 * @param testInterval an interval for that median
 * @param confidence the intervals' coverage
 */
public record StopGaps(int runs, double medianTrainGap, Interval trainInterval, double medianTestGap, Interval testInterval,
    double confidence) {
  public StopGaps {
    Objects.requireNonNull(trainInterval, "trainInterval");
    Objects.requireNonNull(testInterval, "testInterval");
  }
}

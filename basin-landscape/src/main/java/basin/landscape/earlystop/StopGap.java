package basin.landscape.earlystop;

/**
 * What one stopping rule gives on one trajectory, against the certified minimum the run went on to.
 *
 * <p>The rule fires at the <em>stop</em> check; like Prechelt (1998) a user then keeps the weights
 * of the <em>selected</em> check, the one with the lowest validation loss up to the stop. A rule
 * that never fires stops at the last check of the trajectory ({@code fired} false). Gaps:
 * train gap = E_tr(selected) - E_tr(minimum) (&gt;= 0 up to round-off when the run descends to a
 * minimum below every check), test gap = E_te(selected) - E_te(minimum): negative when stopping
 * early gave a better test loss than going on to the minimum. The "at stop" gaps use the stop check.
 *
 * @param rule the rule
 * @param fired whether it fired before the end of the trajectory
 * @param stopCheck the check where it stopped (the last check when it did not fire)
 * @param stopIteration the optimizer iteration of that check
 * @param selectedCheck the check of lowest validation loss up to the stop
 * @param selectedIteration its iteration
 * @param train the training objective at the selected check
 * @param validation the validation loss at the selected check
 * @param test the test loss at the selected check
 * @param trainGap train - the training objective at the minimum
 * @param testGap test - the test loss at the minimum
 * @param trainGapAtStop the same at the stop check
 * @param testGapAtStop the same at the stop check
 */
public record StopGap(StoppingRule rule, boolean fired, int stopCheck, long stopIteration, int selectedCheck, long selectedIteration,
    double train, double validation, double test, double trainGap, double testGap, double trainGapAtStop, double testGapAtStop) {

  /**
   * Applies a rule to a trajectory.
   *
   * @param trajectory the checks of the run
   * @param rule the stopping rule
   * @param minimumTrain the training objective at the certified end point of the run
   * @param minimumTest the test loss there (NaN without a test set)
   */
  public static StopGap of(LossTrajectory trajectory, StoppingRule rule, double minimumTrain, double minimumTest) {
    int stop = rule.firstStop(trajectory.train(), trajectory.validation());
    boolean fired = stop >= 0;
    if (!fired) stop = trajectory.size() - 1;
    int selected = trajectory.bestValidationUpTo(stop);
    if (selected < 0) selected = stop;
    double train = trajectory.train()[selected];
    double test = trajectory.test()[selected];
    return new StopGap(rule, fired, stop, trajectory.iterations()[stop], selected, trajectory.iterations()[selected], train,
        trajectory.validation()[selected], test, train - minimumTrain, test - minimumTest,
        trajectory.train()[stop] - minimumTrain, trajectory.test()[stop] - minimumTest);
  }
}

package basin.landscape.earlystop;

import basin.core.Objective;
import basin.core.optim.OptimizationResult;
import basin.core.optim.Trajectory;
import basin.core.optim.TrajectoryOptions;
import basin.landscape.pipeline.StartPipeline;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.List;

/**
 * One start run through a study's {@link StartPipeline} (optimizer stages, then certification)
 * with its first optimizer stage's trajectory recorded: training objective, validation loss and
 * test loss every {@code interval} iterations. The trajectory is the material of the stopping
 * rules; the certified end point is the minimum they are measured against.
 *
 * <p>A pure function of (pipeline, objectives, start point, seed, interval): the recording only
 * reads the iterates, so the run, its end point and its certificate are those of the same start
 * without recording. Cost: the start's own, plus one validation and one test loss evaluation per
 * recorded check (of every stage: the recorder runs through the chain).
 *
 * @param trajectory checks of the first stage
 * @param outcome the pipeline's outcome (optimization of all stages, certificate, certified point)
 * @param minimumValidation validation loss at the certified point
 * @param minimumTest test loss there (NaN without a test objective)
 * @param firstStageIterations iterations of the first stage
 */
public record RecordedStart(LossTrajectory trajectory, StartPipeline.Outcome outcome, double minimumValidation, double minimumTest,
    long firstStageIterations) {

  /**
   * Runs and records one start.
   *
   * @param pipeline the study's pipeline
   * @param train the training objective (minimized), for this thread
   * @param validation the validation data loss, for this thread
   * @param test the test data loss for this thread, or null
   * @param symmetry the training objective's symmetries (null: none)
   * @param start initial point (not modified)
   * @param seed the start's seed
   * @param interval iterations between checks, &gt;= 1
   */
  public static RecordedStart run(StartPipeline pipeline, Objective train, Objective validation, Objective test, SymmetryGroup symmetry,
      double[] start, long seed, int interval) {
    return run(pipeline, train, validation, test, symmetry, start, seed, interval, 0);
  }

  /**
   * Runs and records one start, with the top Hessian eigenvalue of the training objective at every
   * {@code eigenEvery}-th check of the first stage and at its last check ({@link TopEigenvalue#of(Objective, double[], long)}
   * with the Lanczos seed {@code seed}, after the run, so the run itself is unchanged). Extra cost: at most
   * {@link TopEigenvalue#BUDGET} Hessian-vector products per such check, and a copy of the point of
   * every {@code eigenEvery}-th recorded check (of every stage) until the run ends.
   *
   * @param eigenEvery checks between eigenvalues, &gt;= 0 (0: none)
   * @see #run(StartPipeline, Objective, Objective, Objective, SymmetryGroup, double[], long, int)
   */
  public static RecordedStart run(StartPipeline pipeline, Objective train, Objective validation, Objective test, SymmetryGroup symmetry,
      double[] start, long seed, int interval, int eigenEvery) {
    if (interval < 1) throw new IllegalArgumentException("interval must be >= 1 iteration, got " + interval);
    if (eigenEvery < 0) throw new IllegalArgumentException("eigenEvery must be >= 0 checks (0: none), got " + eigenEvery);
    HeldOutProbe probe = new HeldOutProbe(validation, test, eigenEvery);
    StartPipeline.Outcome outcome = pipeline.run(train, symmetry, start, seed, TrajectoryOptions.every(interval).withTest(probe));
    OptimizationResult all = outcome.optimization();
    OptimizationResult first = all.stages().isEmpty() ? all : all.stages().get(0);
    List<Trajectory.Row> rows = first.trajectory().rows();
    int n = rows.size();
    long[] iterations = new long[n];
    double[] trainLoss = new double[n];
    double[] validationLoss = new double[n];
    double[] testLoss = new double[n];
    double[] gradientNorm = new double[n];
    double[] topEigenvalue = new double[n];
    java.util.Arrays.fill(topEigenvalue, Double.NaN);
    for (int i = 0; i < n; i++) {
      Trajectory.Row r = rows.get(i);
      // the first stage's recorder is the first to call the probe, once per row, in row order
      if (Double.doubleToLongBits(r.testLoss()) != Double.doubleToLongBits(probe.validationAt(i))) {
        throw new IllegalStateException("trajectory row " + i + " does not match the probe's call " + i);
      }
      iterations[i] = r.iteration();
      trainLoss[i] = r.trainLoss();
      validationLoss[i] = probe.validationAt(i);
      testLoss[i] = probe.testAt(i);
      gradientNorm[i] = r.gradientNorm();
    }
    if (eigenEvery > 0) {
      for (int i = 0; i < n; i++) {
        // the last check is the first stage's end point, kept by its result
        double[] w = i == n - 1 ? first.point() : i % eigenEvery == 0 ? probe.pointAt(i) : null;
        if (w != null) topEigenvalue[i] = TopEigenvalue.of(train, w, seed).value();
      }
    }
    double[] w = outcome.point().parameters();
    double minimumValidation = outcome.point().isFinite() ? validation.value(w) : Double.NaN;
    double minimumTest = outcome.point().isFinite() && test != null ? test.value(w) : Double.NaN;
    return new RecordedStart(new LossTrajectory(iterations, trainLoss, validationLoss, testLoss, gradientNorm, topEigenvalue), outcome,
        minimumValidation, minimumTest, first.iterations());
  }

  /** The training objective at the certified point. */
  public double minimumTrain() {
    return outcome.point().value();
  }

  /** Each rule applied to the trajectory, against the certified point. */
  public List<StopGap> stopGaps(List<StoppingRule> rules) {
    return rules.stream().map(r -> StopGap.of(trajectory, r, minimumTrain(), minimumTest)).toList();
  }
}

package basin.landscape.earlystop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizationResult;
import basin.core.optim.OptimizerSpecs;
import basin.core.optim.Trajectory;
import basin.core.optim.TrajectoryOptions;
import basin.landscape.certify.Certifier;
import basin.landscape.pipeline.StartPipeline;
import basin.landscape.symmetry.MlpSymmetryGroup;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 2-6-3 tanh classifier on noisy labels (so the validation loss turns up while the training loss
 * goes down): the recorded run is the unrecorded one, its first-stage checks are the first stage's
 * own trajectory, and the gaps are differences of the recorded numbers. Exact comparisons: the same
 * arithmetic in the same order.
 */
class RecordedStartTest {
  static final List<String> STAGES = List.of("lbfgs:iterations=300", "newton");

  static Dataset data(String name, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = r.nextGaussian();
      x[2 * i + 1] = r.nextGaussian();
      int clean = x[2 * i] > 0 ? (x[2 * i + 1] > 0 ? 0 : 1) : 2;
      y[i] = r.nextDouble() < 0.3 ? r.nextInt(3) : clean; // 30% label noise: room to overfit
    }
    return Dataset.classification(name, n, 2, x, 3, y);
  }

  final Mlp model = Mlp.of(Activation.TANH, true, 2, 6, 3);
  final MlpObjective train = new MlpObjective(model, data("train", 60, 1), Loss.SOFTMAX_CROSS_ENTROPY, 1e-4);
  final MlpObjective validation = train.onData(data("validation", 40, 2)).withL2(0.0);
  final MlpObjective test = train.onData(data("test", 40, 3)).withL2(0.0);
  final StartPipeline pipeline = new StartPipeline(STAGES, new Certifier(Certifier.Config.defaults()));
  final double[] start = Initializer.parse("glorot").initialize(model, 7L);

  @Test
  void recordingChangesNeitherTheRunNorItsCertificate() {
    RecordedStart recorded = RecordedStart.run(pipeline, train.copy(), validation, test, MlpSymmetryGroup.of(train), start, 7L, 3);
    StartPipeline.Outcome plain = pipeline.run(train.copy(), MlpSymmetryGroup.of(train), start, 7L);
    assertArrayEquals(plain.point().parameters(), recorded.outcome().point().parameters());
    assertEquals(plain.certificate().classification(), recorded.outcome().certificate().classification());
    assertEquals(validation.value(plain.point().parameters()), recorded.minimumValidation());
    assertEquals(test.value(plain.point().parameters()), recorded.minimumTest());
  }

  @Test
  void checksAreTheFirstStagesOwnTrajectoryWithValidationAndTestLosses() {
    RecordedStart recorded = RecordedStart.run(pipeline, train.copy(), validation, test, null, start, 7L, 3);
    LossTrajectory t = recorded.trajectory();
    OptimizationResult alone = OptimizerSpecs.parse(STAGES.get(0), 7L).minimize(train.copy(), start, TrajectoryOptions.every(3).withTest(test));
    List<Trajectory.Row> rows = alone.trajectory().rows();
    assertEquals(rows.size(), t.size());
    assertEquals(alone.iterations(), recorded.firstStageIterations());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i).iteration(), t.iterations()[i]);
      assertEquals(rows.get(i).trainLoss(), t.train()[i]);
      assertEquals(rows.get(i).testLoss(), t.test()[i]);
      assertEquals(rows.get(i).gradientNorm(), t.gradientNorm()[i]);
      assertEquals(i == rows.size() - 1 ? alone.iterations() : 3L * i, t.iterations()[i], "every 3 iterations, then the end");
    }
    assertTrue(t.size() > 20, "enough checks for the rules: " + t.size());
  }

  @Test
  void gapsAreMeasuredAtTheBestValidationCheckBeforeTheStop() {
    RecordedStart recorded = RecordedStart.run(pipeline, train.copy(), validation, test, null, start, 7L, 1);
    assertTrue(recorded.outcome().isMinimum(), recorded.outcome().certificate().classification().name());
    LossTrajectory t = recorded.trajectory();
    List<StopGap> gaps = recorded.stopGaps(StoppingRule.defaults());
    int firedCount = 0;
    for (StopGap g : gaps) {
      int stop = g.rule().firstStop(t.train(), t.validation());
      assertEquals(stop >= 0, g.fired());
      if (g.fired()) firedCount++;
      assertEquals(stop >= 0 ? stop : t.size() - 1, g.stopCheck());
      for (int i = 0; i <= g.stopCheck(); i++) assertTrue(t.validation()[i] >= g.validation(), "selected = lowest validation up to the stop");
      assertEquals(t.train()[g.selectedCheck()] - recorded.minimumTrain(), g.trainGap());
      assertEquals(t.test()[g.selectedCheck()] - recorded.minimumTest(), g.testGap());
      assertEquals(t.test()[g.stopCheck()] - recorded.minimumTest(), g.testGapAtStop());
      // L-BFGS (Wolfe) and the trust region only descend: the minimum lies below every check
      assertTrue(g.trainGap() >= 0 && g.trainGapAtStop() >= 0, g.rule() + ": " + g.trainGap());
    }
    assertTrue(firedCount >= 4, "on noisy labels most rules fire before L-BFGS ends: " + firedCount);
  }

  /**
   * The top eigenvalue at every 4th check and the last equals the largest eigenvalue of the dense
   * Hessian at that check's point to 1e-6 relative (the Lanczos tolerance; the 2-6-3 network has
   * P = 39, so Lanczos fills the space and is exact to round-off), NaN elsewhere; the recording with
   * eigenvalues changes no other number.
   */
  @Test
  void topEigenvalueAtEveryKthCheckMatchesTheDenseHessian() {
    RecordedStart plain = RecordedStart.run(pipeline, train.copy(), validation, test, null, start, 7L, 3);
    RecordedStart withEigen = RecordedStart.run(pipeline, train.copy(), validation, test, null, start, 7L, 3, 4);
    LossTrajectory t = withEigen.trajectory();
    assertArrayEquals(plain.trajectory().train(), t.train());
    assertArrayEquals(plain.trajectory().test(), t.test());
    assertArrayEquals(plain.outcome().point().parameters(), withEigen.outcome().point().parameters());
    OptimizationResult alone = OptimizerSpecs.parse(STAGES.get(0), 7L).minimize(train.copy(), start, TrajectoryOptions.every(3));
    int p = train.dimension();
    double[] h = new double[p * p];
    int computed = 0;
    for (int i = 0; i < t.size(); i++) {
      boolean expected = i % 4 == 0 || i == t.size() - 1;
      assertEquals(expected, !Double.isNaN(t.topEigenvalue()[i]), "check " + i);
      if (i == 0 || i == t.size() - 1) {
        double[] w = i == 0 ? start : alone.point();
        train.hessian(w, h);
        double[] eigen = basin.landscape.spectral.DenseSpectrum.eigenvalues(h, p);
        double largest = Double.NEGATIVE_INFINITY;
        for (double e : eigen) largest = Math.max(largest, e);
        assertEquals(largest, t.topEigenvalue()[i], 1e-6 * Math.abs(largest), "check " + i);
        computed++;
      }
    }
    assertEquals(2, computed);
    assertTrue(t.size() > 8, "several eigenvalues along the way: " + t.size());
  }
}

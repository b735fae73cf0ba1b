package basin.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Lbfgs;
import basin.core.optim.NewtonTrustRegion;
import basin.core.optim.OptimizationResult;
import basin.core.optim.OptimizerChain;
import basin.data.GlobalReference;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TeacherStudentTest {

  /**
   * Student = teacher, started from the teacher's weights perturbed by 1e-2: L-BFGS then Newton
   * trust region reach loss < 1e-12 (the global minimum 0 of a realizable problem). At the teacher's
   * own weights the loss is round-off (< 1e-28), so labels and the objective's forward pass agree.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Activation.class, names = {"TANH", "SIGMOID", "SOFTPLUS", "RELU"})
  void studentEqualToTeacherReachesZeroLoss(Activation act) {
    Mlp teacher = Mlp.of(act, true, 4, 3, 2);
    TeacherStudent.Instance t = TeacherStudent.create(teacher, 200, 50, 17);
    assertEquals(GlobalReference.Basis.REALIZABLE, t.problem().globalReference().basis());
    MlpObjective f = new MlpObjective(teacher, t.problem().train(), Loss.MSE, 0.0);
    assertTrue(f.value(t.teacherParameters()) < 1e-28, "loss at the teacher " + f.value(t.teacherParameters()));
    double[] start = t.teacherParameters().clone();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < start.length; i++) start[i] += 1e-2 * (2 * r.nextDouble() - 1);
    OptimizationResult res = OptimizerChain.of(
        new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-12)),
        new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(1e-14))).minimize(f, start);
    assertTrue(res.value() < 1e-12, act + ": " + res);
  }
}

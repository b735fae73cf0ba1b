package basin.landscape.certify;

import basin.core.data.Dataset;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Lbfgs;
import basin.core.optim.NewtonTrustRegion;
import basin.core.optim.OptimizationResult;
import basin.core.optim.OptimizerChain;
import java.util.SplittableRandom;

/** Seeded regression problems and polished minima for the network certification tests. */
final class Networks {
  private Networks() {}

  /** Polishing target: two orders below the certifier's default gradient tolerance 1e-8. */
  static final double POLISH_TOLERANCE = 1e-10;

  /** MSE regression with Gaussian inputs and Gaussian targets (so the minima have nonzero loss). */
  static MlpObjective regression(Mlp model, int n, double l2, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * model.inputDim()];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    double[] y = new double[n * model.outputDim()];
    for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
    return new MlpObjective(model, Dataset.regression("regression-" + seed, n, model.inputDim(), x, model.outputDim(), y), Loss.MSE, l2);
  }

  /**
   * Realizable regression: n Gaussian inputs labelled by the model itself at the teacher parameters
   * (normal(1.0) from {@code teacherSeed}), so the teacher's orbit is a global minimum with loss 0
   * that lies inside one smooth region of a ReLU network (no input sits exactly on a kink).
   */
  static MlpObjective teacherStudent(Mlp model, int n, double l2, long dataSeed, double[] teacher) {
    SplittableRandom r = new SplittableRandom(dataSeed);
    double[] x = new double[n * model.inputDim()];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    double[] y = new double[n * model.outputDim()];
    Dataset unlabeled = Dataset.regression("inputs-" + dataSeed, n, model.inputDim(), x, model.outputDim(), y);
    new MlpObjective(model, unlabeled, Loss.MSE, 0.0).predict(teacher, y);
    return new MlpObjective(model, Dataset.regression("teacher-" + dataSeed, n, model.inputDim(), x, model.outputDim(), y), Loss.MSE, l2);
  }

  /** The teacher plus seeded Gaussian noise of standard deviation {@code noise}. */
  static double[] near(double[] teacher, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = teacher.clone();
    for (int i = 0; i < w.length; i++) w[i] += noise * Initializer.gaussian(r);
    return w;
  }

  /** L-BFGS to 1e-6, then Newton trust region to {@link #POLISH_TOLERANCE}, from a seeded normal(0.8) start. */
  static OptimizationResult minimize(MlpObjective f, long seed) {
    return minimizeFrom(f, Initializer.normal(0.8).initialize(f.model(), seed));
  }

  /** L-BFGS to 1e-6, then Newton trust region to {@link #POLISH_TOLERANCE}. */
  static OptimizationResult minimizeFrom(MlpObjective f, double[] start) {
    OptimizerChain chain = OptimizerChain.of(
        new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-6).withMaxIterations(5000)),
        new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(POLISH_TOLERANCE)));
    return chain.minimize(f, start);
  }
}

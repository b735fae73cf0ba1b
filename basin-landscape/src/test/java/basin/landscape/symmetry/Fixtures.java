package basin.landscape.symmetry;

import basin.core.data.Dataset;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Lbfgs;
import java.util.SplittableRandom;

/** Seeded data, objectives, minima and random symmetry transformations for the symmetry tests. */
final class Fixtures {
  private Fixtures() {}

  /** MSE regression on n Gaussian inputs with Gaussian targets. */
  static MlpObjective regression(Mlp model, int n, double l2, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * model.inputDim()];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    double[] y = new double[n * model.outputDim()];
    for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(r);
    return new MlpObjective(model, Dataset.regression("regression-" + seed, n, model.inputDim(), x, model.outputDim(), y), Loss.MSE, l2);
  }

  /** Softmax cross-entropy on n Gaussian inputs with random labels. */
  static MlpObjective classification(Mlp model, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * model.inputDim()];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
    int k = model.outputDim();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = r.nextInt(k);
    return new MlpObjective(model, Dataset.classification("classes-" + seed, n, model.inputDim(), x, k, labels), Loss.SOFTMAX_CROSS_ENTROPY, 0.0);
  }

  /** An L-BFGS end point from a seeded normal(0.7) start (a minimum up to the 1e-8 gradient tolerance). */
  static double[] minimum(MlpObjective f, long seed) {
    double[] start = Initializer.normal(0.7).initialize(f.model(), seed);
    return new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-8).withMaxIterations(3000)).minimize(f, start).point();
  }

  /** A random element of the permutation x sign x scale group, as allowed by each layer's activation. */
  record Transformation(int[][] permutation, double[][] factor) {}

  static Transformation randomTransformation(Mlp model, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int hidden = model.layerCount() - 1;
    int[][] perm = new int[hidden][];
    double[][] factor = new double[hidden][];
    for (int l = 1; l <= hidden; l++) {
      int d = model.width(l);
      int[] p = new int[d];
      for (int j = 0; j < d; j++) p[j] = j;
      for (int j = d - 1; j > 0; j--) {
        int k = r.nextInt(j + 1);
        int t = p[j];
        p[j] = p[k];
        p[k] = t;
      }
      double[] f = new double[d];
      for (int j = 0; j < d; j++) {
        double c = 1.0;
        if (model.activation(l).isPositivelyHomogeneous()) c *= Math.exp(0.7 * Initializer.gaussian(r));
        if (model.activation(l).isOdd() && r.nextBoolean()) c = -c;
        f[j] = c;
      }
      perm[l - 1] = p;
      factor[l - 1] = f;
    }
    return new Transformation(perm, factor);
  }

  /**
   * Applies t layer by layer: new unit j of layer l is old unit perm[j], with its incoming row and
   * bias multiplied by factor[j] and its outgoing column divided by it. Written independently of the
   * production code on purpose.
   */
  static double[] apply(Mlp model, double[] w, Transformation t) {
    double[] x = w.clone();
    for (int l = 1; l < model.layerCount(); l++) {
      int d = model.width(l);
      int in = model.width(l - 1);
      int out = model.width(l + 1);
      int[] perm = t.permutation()[l - 1];
      double[] f = t.factor()[l - 1];
      double[] y = x.clone();
      for (int j = 0; j < d; j++) {
        int o = perm[j];
        for (int i = 0; i < in; i++) {
          y[model.weightOffset(l) + j * in + i] = f[j] * x[model.weightOffset(l) + o * in + i];
        }
        if (model.bias()) y[model.biasOffset(l) + j] = f[j] * x[model.biasOffset(l) + o];
        for (int r = 0; r < out; r++) {
          y[model.weightOffset(l + 1) + r * d + j] = x[model.weightOffset(l + 1) + r * d + o] / f[j];
        }
      }
      x = y;
    }
    return x;
  }

  static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) m = Math.max(m, Math.abs(v));
    return m;
  }
}

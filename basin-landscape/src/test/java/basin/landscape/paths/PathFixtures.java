package basin.landscape.paths;

import basin.core.data.Dataset;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.Lbfgs;
import basin.core.optim.OptimizationResult;
import java.util.SplittableRandom;

/** Seeded networks, data and minima for the path tests. */
final class PathFixtures {
  private PathFixtures() {}

  /** MSE regression of a smooth target sin(x0) cos(x1) on n Gaussian inputs (two inputs, one output). */
  static MlpObjective regression(Mlp model, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = Initializer.gaussian(r);
      x[2 * i + 1] = Initializer.gaussian(r);
      y[i] = Math.sin(x[2 * i]) * Math.cos(x[2 * i + 1]);
    }
    return new MlpObjective(model, Dataset.regression("paths-" + seed, n, 2, x, 1, y), Loss.MSE, 0.0);
  }

  /** L-BFGS to |g| &lt;= 1e-6 from a seeded normal(0.8) start. */
  static double[] minimum(MlpObjective f, long seed) {
    OptimizationResult r = new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(1e-6).withMaxIterations(5000))
        .minimize(f, Initializer.normal(0.8).initialize(f.model(), seed));
    return r.point();
  }

  /** A uniformly random permutation of 0..d-1. */
  static int[] permutation(int d, SplittableRandom r) {
    int[] p = new int[d];
    for (int i = 0; i < d; i++) p[i] = i;
    for (int i = d - 1; i > 0; i--) {
      int k = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[k];
      p[k] = t;
    }
    return p;
  }

  /** Random permutations of every hidden layer. */
  static int[][] permutations(Mlp model, SplittableRandom r) {
    int[][] p = new int[model.layerCount() - 1][];
    for (int l = 1; l < model.layerCount(); l++) p[l - 1] = permutation(model.width(l), r);
    return p;
  }

  /** max over K + 1 equally spaced t of f((1 - t) a + t b) minus the higher endpoint. */
  static double lineBarrier(MlpObjective f, double[] a, double[] b, int k) {
    double[] w = new double[a.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= k; i++) {
      double t = i / (double) k;
      for (int q = 0; q < w.length; q++) w[q] = (1 - t) * a[q] + t * b[q];
      max = Math.max(max, f.value(w));
    }
    return max - Math.max(f.value(a), f.value(b));
  }
}

package basin.data.synthetic;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.data.GlobalReference;
import basin.data.Problem;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Teacher-student regression: a random teacher MLP labels standard Gaussian inputs. A student with
 * the teacher's architecture (or wider hidden layers, same activation) can reproduce the teacher
 * exactly, so without L2 the global minimum of the mean squared error is 0: the problem is
 * realizable.
 *
 * <p>The teacher's weights are drawn with Glorot-normal scale and its biases (when on) from
 * N(0, 0.1^2); train and test inputs come from one {@link SplittableRandom} stream split per role,
 * all from one seed.
 */
public final class TeacherStudent {
  private TeacherStudent() {}

  /** A teacher, its parameters and the problem it labels. */
  public record Instance(Mlp teacher, double[] teacherParameters, Problem problem) {}

  /**
   * @param teacher architecture of the teacher (its output width is the number of targets)
   * @param trainSize training examples
   * @param testSize test examples (0 for none)
   * @param seed seed of the teacher's parameters and the inputs
   */
  public static Instance create(Mlp teacher, int trainSize, int testSize, long seed) {
    if (trainSize < 1) throw new basin.core.InputException("teacher: n must be >= 1, got " + trainSize);
    if (testSize < 0) throw new basin.core.InputException("teacher: test size must be >= 0, got " + testSize);
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom weights = root.split();
    SplittableRandom trainInputs = root.split();
    SplittableRandom testInputs = root.split();
    double[] w = new double[teacher.parameterCount()];
    Initializer.glorotNormal().initialize(teacher, weights, w);
    if (teacher.bias()) {
      for (int l = 1; l <= teacher.layerCount(); l++) {
        for (int j = 0; j < teacher.width(l); j++) w[teacher.biasOffset(l) + j] = 0.1 * Initializer.gaussian(weights);
      }
    }
    Dataset train = label(teacher, w, trainSize, trainInputs, "teacher");
    Dataset test = testSize == 0 ? null : label(teacher, w, testSize, testInputs, "teacher-test");
    GlobalReference reference = GlobalReference.realizable("labels come from a " + teacher.describe()
        + " teacher: a student with at least its hidden widths and the same activation reaches loss 0 (mse, no L2)");
    Problem problem = new Problem(train, test, List.of(), 0, reference,
        "teacher-student: teacher " + teacher.describe() + ", Gaussian inputs, seed " + seed);
    return new Instance(teacher, w, problem);
  }

  /** The teacher's outputs on n fresh standard Gaussian inputs. */
  private static Dataset label(Mlp teacher, double[] w, int n, SplittableRandom random, String name) {
    int d = teacher.inputDim();
    int k = teacher.outputDim();
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(random);
    double[] y = new double[n * k];
    double[] a = new double[0];
    for (int i = 0; i < n; i++) {
      a = new double[d];
      System.arraycopy(x, i * d, a, 0, d);
      for (int l = 1; l <= teacher.layerCount(); l++) {
        int in = teacher.width(l - 1);
        int o = teacher.width(l);
        double[] z = new double[o];
        for (int j = 0; j < o; j++) {
          double s = teacher.bias() ? w[teacher.biasOffset(l) + j] : 0.0;
          for (int q = 0; q < in; q++) s += w[teacher.weightOffset(l) + j * in + q] * a[q];
          z[j] = l < teacher.layerCount() ? teacher.activation(l).apply(s) : s;
        }
        a = z;
      }
      System.arraycopy(a, 0, y, i * k, k);
    }
    return Dataset.regression(name, n, d, x, k, y);
  }

  /** The default teacher of {@code basin --data teacher}: inputs-hidden-outputs with the activation. */
  public static Mlp teacher(int inputs, int hidden, int outputs, Activation activation) {
    return Mlp.of(activation, true, inputs, hidden, outputs);
  }
}

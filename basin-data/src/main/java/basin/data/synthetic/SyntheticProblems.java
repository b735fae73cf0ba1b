package basin.data.synthetic;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.data.GlobalReference;
import basin.data.Problem;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic binary and multi-class problems. Every sampled problem draws its training set and an
 * independent test set of the same size from two sub-streams of {@code new SplittableRandom(seed)}
 * (first split: train, second: test). Problems with a finite population (the four XOR corners,
 * the full parity table) use the population itself as test set, so test loss = training loss.
 *
 * <p>Labels are 0/1 (or 0..k-1); inputs are centred: XOR and parity use {-1, +1} coordinates.
 */
public final class SyntheticProblems {
  /** Largest number of bits for the full parity table (2^20 rows). */
  public static final int MAX_FULL_PARITY_BITS = 20;

  private SyntheticProblems() {}

  /**
   * The four corners (+-1, +-1), label 1 when the signs differ. Realizable: 2 ReLU units fit it
   * exactly, |x1 - x2| = relu(x1 - x2) + relu(x2 - x1).
   */
  public static Problem xor() {
    double[] x = {-1, -1, -1, 1, 1, -1, 1, 1};
    int[] y = {0, 1, 1, 0};
    Dataset data = Dataset.classification("xor", 4, 2, x, 2, y);
    return new Problem(data, data, List.of("same sign", "different sign"), 0,
        GlobalReference.realizable("XOR of 4 points: a hidden layer of 2 ReLU units fits it exactly (|x1 - x2|)"),
        "xor: the 4 corners of [-1, 1]^2; test set = the same 4 points");
  }

  /**
   * n points: a uniformly chosen corner (+-1, +-1) plus N(0, noise^2) on each coordinate, labelled 1
   * when the two coordinates of the noisy point have different signs. The label is a function of
   * the input, sign(x1 x2) = sign(|x1 + x2| - |x1 - x2|), so 4 ReLU units classify every point
   * correctly and the cross-entropy infimum is 0: realizable (for cross-entropy, not for squared loss).
   *
   * @param n points in the training set (and in the test set), at least 1
   * @param noise standard deviation of the added noise, &gt;= 0
   */
  public static Problem noisyXor(int n, double noise, long seed) {
    requireAtLeast("xor", "n", n, 1);
    if (!(noise >= 0 && Double.isFinite(noise))) throw new InputException("xor: parameter noise=" + noise + ", expected a finite number >= 0");
    SplittableRandom root = new SplittableRandom(seed);
    Dataset train = noisyXorSample("xor", n, noise, root.split());
    Dataset test = noisyXorSample("xor-test", n, noise, root.split());
    return new Problem(train, test, List.of("same sign", "different sign"), 0,
        GlobalReference.realizable("labels are the XOR of the input signs: a hidden layer of 4 ReLU units classifies every point correctly (cross-entropy infimum 0, not attained)"),
        String.format(Locale.ROOT, "xor: n=%d, noise=%s, seed %d; independent test sample of %d", n, noise, seed, n));
  }

  private static Dataset noisyXorSample(String name, int n, double noise, SplittableRandom random) {
    Gaussian gaussian = new Gaussian(random);
    double[] x = new double[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int corner = random.nextInt(4);
      double a = ((corner & 1) == 0 ? -1 : 1) + noise * gaussian.next();
      double b = ((corner & 2) == 0 ? -1 : 1) + noise * gaussian.next();
      x[2 * i] = a;
      x[2 * i + 1] = b;
      y[i] = (a > 0) != (b > 0) ? 1 : 0;
    }
    return Dataset.classification(name, n, 2, x, 2, y);
  }

  /**
   * n-bit parity on {-1, +1}^bits: label 1 when an odd number of coordinates is +1. With
   * {@code n = 0} the full table of 2^bits points (row r has coordinate j = +1 when bit
   * (bits-1-j) of r is set) and test = train; otherwise n uniform draws (with replacement) and an
   * independent test sample of n. Realizable: the label depends only on s = sum of the inputs, and
   * a hidden layer of {@code bits} ReLU units with biases fits any piecewise-linear function of s
   * through its bits+1 values exactly.
   *
   * @param bits input dimension, 1..{@value #MAX_FULL_PARITY_BITS} for the full table, up to 4096
   *     when sampled
   * @param n 0 for the full table, else the sample size
   */
  public static Problem parity(int bits, int n, long seed) {
    requireAtLeast("parity", "bits", bits, 1);
    requireAtLeast("parity", "n", n, 0);
    GlobalReference reference = GlobalReference.realizable(
        "parity depends only on the sum of the inputs: a hidden layer of " + bits + " ReLU units with biases fits it exactly");
    List<String> names = List.of("even", "odd");
    if (n == 0) {
      if (bits > MAX_FULL_PARITY_BITS) {
        throw new InputException("parity: parameter bits=" + bits + " is too large for the full table, expected at most "
            + MAX_FULL_PARITY_BITS + " (or give a sample size n)");
      }
      int rows = 1 << bits;
      double[] x = new double[rows * bits];
      int[] y = new int[rows];
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < bits; j++) x[r * bits + j] = ((r >>> (bits - 1 - j)) & 1) == 1 ? 1.0 : -1.0;
        y[r] = Integer.bitCount(r) & 1;
      }
      Dataset data = Dataset.classification("parity" + bits, rows, bits, x, 2, y);
      return new Problem(data, data, names, 0, reference, "parity: all " + rows + " points of {-1,1}^" + bits + "; test set = the same points");
    }
    if (bits > 4096) throw new InputException("parity: parameter bits=" + bits + ", expected at most 4096");
    SplittableRandom root = new SplittableRandom(seed);
    Dataset train = paritySample("parity" + bits, bits, n, root.split());
    Dataset test = paritySample("parity" + bits + "-test", bits, n, root.split());
    return new Problem(train, test, names, 0, reference,
        "parity: " + n + " uniform draws from {-1,1}^" + bits + ", seed " + seed + "; independent test sample of " + n);
  }

  private static Dataset paritySample(String name, int bits, int n, SplittableRandom random) {
    double[] x = new double[n * bits];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int ones = 0;
      for (int j = 0; j < bits; j++) {
        boolean one = random.nextBoolean();
        x[i * bits + j] = one ? 1.0 : -1.0;
        if (one) ones++;
      }
      y[i] = ones & 1;
    }
    return Dataset.classification(name, n, bits, x, 2, y);
  }

  /**
   * A mixture of k unit-variance spherical Gaussians in dimension d, equal weights: example i has
   * class i mod k, mean separation * (+-e_{floor(c/2)}) (+ for even c, - for odd c), plus N(0, I).
   * The classes overlap, so the Bayes error is positive and the global minimum of a network's loss
   * is not known: reference UNKNOWN.
   *
   * @param classes k, 2 &lt;= k &lt;= 2d
   * @param dim d &gt;= 1
   * @param n training (and test) examples, at least k
   * @param separation distance of each mean from the origin, &gt;= 0
   */
  public static Problem gaussianMixture(int classes, int dim, int n, double separation, long seed) {
    requireAtLeast("gaussians", "classes", classes, 2);
    requireAtLeast("gaussians", "dim", dim, 1);
    if (classes > 2 * dim) {
      throw new InputException("gaussians: parameter classes=" + classes + " does not fit dim=" + dim + ", expected classes <= 2*dim");
    }
    requireAtLeast("gaussians", "n", n, classes);
    if (!(separation >= 0 && Double.isFinite(separation))) {
      throw new InputException("gaussians: parameter separation=" + separation + ", expected a finite number >= 0");
    }
    SplittableRandom root = new SplittableRandom(seed);
    Dataset train = mixtureSample("gaussians", classes, dim, n, separation, root.split());
    Dataset test = mixtureSample("gaussians-test", classes, dim, n, separation, root.split());
    String[] names = new String[classes];
    for (int c = 0; c < classes; c++) names[c] = (c % 2 == 0 ? "+" : "-") + "e" + (c / 2);
    return new Problem(train, test, List.of(names), 0,
        GlobalReference.unknown("overlapping Gaussian classes: positive Bayes error, no closed form"),
        String.format(Locale.ROOT, "gaussians: k=%d, d=%d, n=%d, separation=%s, seed %d; independent test sample of %d",
            classes, dim, n, separation, seed, n));
  }

  private static Dataset mixtureSample(String name, int classes, int dim, int n, double separation, SplittableRandom random) {
    Gaussian gaussian = new Gaussian(random);
    double[] x = new double[n * dim];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      y[i] = c;
      for (int j = 0; j < dim; j++) x[i * dim + j] = gaussian.next();
      x[i * dim + c / 2] += c % 2 == 0 ? separation : -separation;
    }
    return Dataset.classification(name, n, dim, x, classes, y);
  }

  /**
   * Two interleaved spirals (after Lang and Witbrock 1988): example i belongs to spiral i mod 2; its
   * position t ~ U(0, 1) gives radius t and angle 2 pi turns t (plus pi for spiral 1), then
   * N(0, noise^2) is added to each coordinate. Separable when noise is 0, but no width is known for
   * which a network reaches the infimum: reference UNKNOWN.
   *
   * @param n training (and test) examples, at least 2
   * @param turns turns of each spiral, &gt; 0
   * @param noise standard deviation of the added noise, &gt;= 0
   */
  public static Problem twoSpirals(int n, double turns, double noise, long seed) {
    requireAtLeast("spirals", "n", n, 2);
    if (!(turns > 0 && Double.isFinite(turns))) throw new InputException("spirals: parameter turns=" + turns + ", expected a finite number > 0");
    if (!(noise >= 0 && Double.isFinite(noise))) throw new InputException("spirals: parameter noise=" + noise + ", expected a finite number >= 0");
    SplittableRandom root = new SplittableRandom(seed);
    Dataset train = spiralSample("spirals", n, turns, noise, root.split());
    Dataset test = spiralSample("spirals-test", n, turns, noise, root.split());
    return new Problem(train, test, List.of("spiral 0", "spiral 1"), 0,
        GlobalReference.unknown("two spirals: separable without noise, but no closed form for a given width"),
        String.format(Locale.ROOT, "spirals: n=%d, turns=%s, noise=%s, seed %d; independent test sample of %d", n, turns, noise, seed, n));
  }

  private static Dataset spiralSample(String name, int n, double turns, double noise, SplittableRandom random) {
    Gaussian gaussian = new Gaussian(random);
    double[] x = new double[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int spiral = i % 2;
      double t = random.nextDouble();
      double angle = 2 * Math.PI * turns * t + (spiral == 1 ? Math.PI : 0.0);
      x[2 * i] = t * Math.cos(angle) + noise * gaussian.next();
      x[2 * i + 1] = t * Math.sin(angle) + noise * gaussian.next();
      y[i] = spiral;
    }
    return Dataset.classification(name, n, 2, x, 2, y);
  }

  private static void requireAtLeast(String problem, String parameter, int value, int min) {
    if (value < min) throw new InputException(problem + ": parameter " + parameter + "=" + value + ", expected an integer >= " + min);
  }
}

package basin.data.synthetic;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Marsaglia's polar method, written here so that a seed gives the same
 * numbers on every JDK (the JDK's own {@code nextGaussian} algorithms have changed between
 * releases).
 */
final class Gaussian {
  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  Gaussian(SplittableRandom random) {
    this.random = random;
  }

  double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double factor = Math.sqrt(-2 * Math.log(s) / s);
    spare = v * factor;
    hasSpare = true;
    return u * factor;
  }
}

package basin.landscape.saddle;

import basin.data.closedform.LinearAutoencoderObjective;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/** The linear autoencoder of the saddle tests: n = 5, p = 2, spectrum 5, 4, 3, 2, 1 in the identity basis. */
final class LinearAutoencoders {
  private LinearAutoencoders() {}

  static final int N = 5;
  static final int P = 2;

  static LinearAutoencoderObjective objective() {
    double[] identity = new double[N * N];
    for (int i = 0; i < N; i++) identity[i * N + i] = 1;
    return LinearAutoencoderObjective.withSpectrum(identity, new double[] {5, 4, 3, 2, 1}, P);
  }

  /**
   * Gaussian starts with a log-uniform scale in [0.05, 2]: small scales put starts near the origin
   * (the index-10 saddle), large ones far out, so that every class of critical point is reached.
   */
  static LongFunction<double[]> spreadStarts(LinearAutoencoderObjective f) {
    return seed -> {
      SplittableRandom random = new SplittableRandom(seed);
      double scale = 0.05 * Math.exp(random.nextDouble() * Math.log(40));
      return f.gaussianStart(random.nextLong(), scale);
    };
  }
}

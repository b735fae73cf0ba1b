package basin.landscape.spectral;

import basin.core.model.Initializer;
import java.util.SplittableRandom;

/**
 * Seeded random probe vectors for stochastic estimators. Probe i of a run with master seed s is drawn
 * from its own stream, {@code new SplittableRandom(mix(s, i))}, so a probe does not depend on how
 * many probes came before it, on the order of evaluation, or on the thread that draws it.
 */
public final class ProbeVectors {
  private ProbeVectors() {}

  /**
   * The seed of stream {@code index} of master seed {@code seed}: the SplitMix64 finalizer (Steele,
   * Lea, Flood, OOPSLA 2014) of seed + (index + 1) * golden gamma, so (seed, index) pairs map to
   * well-mixed, distinct-in-practice 64-bit seeds.
   */
  public static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The random stream of probe {@code index} under master seed {@code seed}. */
  public static SplittableRandom stream(long seed, long index) {
    return new SplittableRandom(mix(seed, index));
  }

  /** Fills out with independent Rademacher entries (+1 or -1 with probability 1/2 each). */
  public static void rademacher(SplittableRandom random, double[] out) {
    for (int i = 0; i < out.length; i++) out[i] = random.nextBoolean() ? 1.0 : -1.0;
  }

  /** Fills out with independent standard Gaussian entries (Box-Muller, {@link Initializer#gaussian}). */
  public static void gaussian(SplittableRandom random, double[] out) {
    for (int i = 0; i < out.length; i++) out[i] = Initializer.gaussian(random);
  }
}

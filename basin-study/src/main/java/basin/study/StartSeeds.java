package basin.study;

/**
 * The seed of start i of a study with master seed s: the SplitMix64 finalizer (Steele, Lea and
 * Flood 2014) of s + (i + 1) * golden gamma. A pure function of (s, i), so a start's result does not
 * depend on which other starts ran, in which order or on how many threads.
 */
public final class StartSeeds {
  private StartSeeds() {}

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  public static long of(long masterSeed, int startIndex) {
    long z = masterSeed + (startIndex + 1L) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

package basin.bench;

import java.util.Arrays;

/**
 * Wall-clock samples of one operation, the same protocol as {@code bench/torch_bench.py} so that
 * the two sides are timed alike.
 *
 * <ol>
 *   <li>Warm-up: call the operation at least {@link #MIN_WARMUP_CALLS} times and until {@code
 *       warmupSeconds} have passed. (torch_bench.py calls at least once: the minimum here is for
 *       HotSpot, whose C2 compiles a method after thousands of loop iterations of its interpreted
 *       and C1 code, so that one call of a half-second operation within the time budget left
 *       the certify row timing code that was still being compiled: 750-1030 ms against 540-560
 *       once warm.)
 *   <li>Batch size b: the smallest number of calls that lasts at least {@code minSampleMillis},
 *       estimated from the last warm-up call (b = 1 for anything slower than that).
 *   <li>Measurement: samples of b calls each, until {@code measureSeconds} have passed (at least
 *       one sample, at most {@code maxSamples}); each sample is the mean time per call in ms.
 * </ol>
 *
 * @param warmupSeconds warm-up budget, >= 0
 * @param measureSeconds measurement budget, >= 0
 * @param minSampleMillis minimum duration of one sample (batches tiny operations)
 * @param maxSamples upper bound on the number of samples, >= 1
 */
record WallClockSampler(double warmupSeconds, double measureSeconds, double minSampleMillis, int maxSamples) {

  /** Warm-up calls made whatever the time budget (see the class comment). */
  static final int MIN_WARMUP_CALLS = 3;

  WallClockSampler {
    if (!(warmupSeconds >= 0 && measureSeconds >= 0 && minSampleMillis >= 0 && maxSamples >= 1)) {
      throw new IllegalArgumentException("sampler budgets must be >= 0 and maxSamples >= 1, got warmup " + warmupSeconds
          + " s, measure " + measureSeconds + " s, sample " + minSampleMillis + " ms, " + maxSamples + " samples");
    }
  }

  /** Runs the protocol and returns the samples, ms per call, in the order taken. */
  double[] sample(Runnable operation) {
    return sample(operation, operation);
  }

  /**
   * Runs the protocol with a separate, cheaper warm-up (for operations of several seconds, where
   * a full warm-up call would double the cost of the run: the warm-up only has to get the same
   * code compiled). With a separate warm-up, every sample is one call.
   */
  double[] sample(Runnable warmup, Runnable operation) {
    return sample(warmup, operation, MIN_WARMUP_CALLS);
  }

  /**
   * As {@link #sample(Runnable, Runnable)} with at least {@code minWarmupCalls} warm-up calls (the
   * certify row: its code reaches its steady time only after about five calls, 1.8 s, 1.1 s, 0.75
   * s, 0.6 s, then 0.45-0.6 s, while C2 compiles the Hessian's and the factorization's Java loops).
   */
  double[] sample(Runnable warmup, Runnable operation, int minWarmupCalls) {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    long last;
    int calls = 0;
    do {
      long t0 = System.nanoTime();
      warmup.run();
      last = System.nanoTime() - t0;
      calls++;
    } while (calls < minWarmupCalls || System.nanoTime() < warmupEnd);
    int batch = 1;
    if (warmup == operation) {
      long minSampleNanos = (long) (minSampleMillis * 1e6);
      long perCall = Math.max(1, last);
      batch = (int) Math.max(1, Math.min(1_000_000, (minSampleNanos + perCall - 1) / perCall));
    }
    double[] samples = new double[maxSamples];
    int count = 0;
    long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
    do {
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) operation.run();
      samples[count++] = (System.nanoTime() - t0) / 1e6 / batch;
    } while (count < maxSamples && System.nanoTime() < measureEnd);
    return Arrays.copyOf(samples, count);
  }
}

package basin.core.model;

import basin.core.Parallel;
import basin.core.linalg.Gemm;
import java.util.function.IntConsumer;
import basin.core.data.Dataset;

/**
 * The data term of an {@link MlpObjective} split over contiguous blocks of examples ("shards"),
 * evaluated in parallel by {@link Parallel#forEach} (see {@link #PARALLEL}) and added up in shard order.
 *
 * <p>Each shard is an unsharded MlpObjective without L2 on its own examples; with n_s examples in
 * shard s the data term is sum_s (n_s / n) f_s (the per-shard means weighted back to the mean over
 * all n), and likewise its gradient, Hessian-vector products and Hessian. The number of shards
 * depends only on the problem's size ({@link #shardCount}), never on the number of threads, and the
 * sum runs in shard order: results are the same bits on one thread or many. They differ from the
 * unsharded sums in the last bits only (tested to 1e-12 relative).
 *
 * <p>Why: one gradient of a mid-sized network is a handful of matrix products with elementwise
 * loops between them. A multithreaded BLAS splits each product and leaves the loops on one thread
 * (and costs more than it gains on products of this size); splitting the examples makes every step
 * parallel, with a single-threaded BLAS in each shard.
 */
final class ExampleShards {

  /** A gradient costing fewer multiply-adds (examples x parameters) than twice this is not split. */
  static final long MIN_WORK_PER_SHARD = Long.getLong("basin.shards.minWork", 2_000_000L);
  /** At most this many shards. */
  static final int MAX_SHARDS = 8;
  /** At least this many examples per shard. */
  static final int MIN_EXAMPLES_PER_SHARD = 64;

  /**
   * Whether the shards run on several threads: by default only when each BLAS call is
   * single-threaded ({@code OPENBLAS_NUM_THREADS=1}, as {@code bin/basin} sets it) or the BLAS is
   * the Java fallback. A multithreaded OpenBLAS inside concurrent shards oversubscribes the cores
   * (config B's gradient measured 5.3 ms instead of 0.54 ms), so the shards then run one after
   * the other, with the same results. {@code -Dbasin.shards.parallel=true|false} overrides.
   */
  static final boolean PARALLEL = Boolean.parseBoolean(System.getProperty("basin.shards.parallel",
      Boolean.toString(!Gemm.isNative() || "1".equals(System.getenv("OPENBLAS_NUM_THREADS")))));

  private final MlpObjective[] parts;
  private final double[] weights;
  private final int p;
  private final double[] values;
  private final double[][] buffers;
  private double[][] hessians;

  /**
   * The number of shards for m examples and P parameters: floor(m P / MIN_WORK_PER_SHARD), at most
   * {@link #MAX_SHARDS} and at most m / {@link #MIN_EXAMPLES_PER_SHARD}; 1 means no split.
   */
  static int shardCount(int m, int p) {
    long work = (long) m * p;
    long byWork = work / MIN_WORK_PER_SHARD;
    long byExamples = m / MIN_EXAMPLES_PER_SHARD;
    return (int) Math.max(1, Math.min(MAX_SHARDS, Math.min(byWork, byExamples)));
  }

  /**
   * @param count number of shards, >= 2 and <= data.size()
   */
  ExampleShards(Mlp model, Dataset data, Loss loss, int count) {
    int n = data.size();
    parts = new MlpObjective[count];
    weights = new double[count];
    p = model.parameterCount();
    values = new double[count];
    buffers = new double[count][];
    for (int s = 0; s < count; s++) {
      int from = (int) ((long) n * s / count);
      int to = (int) ((long) n * (s + 1) / count);
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) rows[i] = from + i;
      parts[s] = MlpObjective.unsharded(model, data.subset(rows, data.name() + " [examples " + from + ".." + (to - 1) + "]"), loss, 0.0);
      weights[s] = rows.length / (double) n;
      buffers[s] = new double[p];
    }
  }

  int count() {
    return parts.length;
  }

  /** The data term sum_s (n_s / n) f_s(w). */
  double value(double[] w) {
    run(s -> values[s] = parts[s].value(w));
    return combineValues();
  }

  /** The data term and its gradient (written to {@code gradient}). */
  double valueAndGradient(double[] w, double[] gradient) {
    run(s -> values[s] = parts[s].valueAndGradient(w, buffers[s]));
    combine(buffers, gradient, p);
    return combineValues();
  }

  /** The data term's Hessian times v, written to {@code result}. */
  void hessianVectorProduct(double[] w, double[] v, double[] result) {
    run(s -> parts[s].hessianVectorProduct(w, v, buffers[s]));
    combine(buffers, result, p);
  }

  /** The data term's dense Hessian, written to {@code h} (P x P). */
  void hessian(double[] w, double[] h) {
    // shard 0 writes to h itself, the others to P x P buffers kept for the next call
    if (hessians == null) {
      hessians = new double[parts.length][];
      for (int s = 1; s < parts.length; s++) hessians[s] = new double[h.length];
    }
    hessians[0] = h;
    run(s -> parts[s].hessian(w, hessians[s]));
    combine(hessians, h, h.length);
    hessians[0] = null;
  }

  /** body(s) for every shard s, on several threads when {@link #PARALLEL}. */
  private void run(IntConsumer body) {
    if (PARALLEL) {
      Parallel.forEach(parts.length, body);
    } else {
      for (int s = 0; s < parts.length; s++) body.accept(s);
    }
  }

  private double combineValues() {
    double v = 0.0;
    for (int s = 0; s < parts.length; s++) v += weights[s] * values[s];
    return v;
  }

  /** out[i] = sum_s weights[s] parts[s][i], added in shard order (out may be parts[0]). */
  private void combine(double[][] partsOut, double[] out, int len) {
    double w0 = weights[0];
    double[] first = partsOut[0];
    for (int i = 0; i < len; i++) out[i] = w0 * first[i];
    for (int s = 1; s < partsOut.length; s++) {
      double ws = weights[s];
      double[] part = partsOut[s];
      for (int i = 0; i < len; i++) out[i] += ws * part[i];
    }
  }
}

/*
 * PROPOSAL (not part of the build): data-parallel loss + gradient over example shards, one Java
 * thread per core and a single-threaded BLAS, versus today's single Java thread + multithreaded
 * OpenBLAS. Measures what the change would buy on configurations B and C before anyone rewrites
 * MlpObjective.
 *
 * Run with OpenBLAS pinned to one thread (otherwise the two shards' dgemm calls each spawn two
 * threads on two cores):
 *   OPENBLAS_NUM_THREADS=1 java -cp basin-bench/target/basin-benchmarks.jar bench/proposals/ShardedGradient.java
 * and compare with the same command without OPENBLAS_NUM_THREADS (today's setting, sharding off).
 *
 * The shards are fixed contiguous ranges of the examples and their gradients are added in shard
 * order, so the result does not depend on scheduling (bit-for-bit reproducible for a given shard
 * count); each shard's mean is reweighted by its share of the examples.
 */
import basin.bench.BenchConfig;
import basin.bench.BenchProblem;
import basin.core.data.Dataset;
import basin.core.model.MlpObjective;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class ShardedGradient {

  public static void main(String[] args) throws Exception {
    int shards = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(shards);
    for (BenchConfig config : new BenchConfig[] {BenchConfig.B, BenchConfig.C}) {
      BenchProblem problem = BenchProblem.create(config, BenchProblem.DEFAULT_SEED);
      Dataset data = problem.data();
      int n = data.size(), p = problem.parameterCount();
      MlpObjective whole = problem.objective();
      MlpObjective[] part = new MlpObjective[shards];
      double[] weight = new double[shards];
      for (int s = 0; s < shards; s++) {
        int from = (int) ((long) n * s / shards), to = (int) ((long) n * (s + 1) / shards);
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        part[s] = whole.onData(data.subset(idx, data.name() + "-shard" + s));
        weight[s] = (to - from) / (double) n;
      }
      double[][] g = new double[shards][p];
      double[] total = new double[p], ref = new double[p];
      double[][] points = {problem.w0(), problem.w1()};
      int reps = config == BenchConfig.B ? 400 : 6;
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        for (int it = 0; it < reps; it++) whole.valueAndGradient(points[it & 1], ref);
        double single = (System.nanoTime() - t0) / 1e6 / reps;
        t0 = System.nanoTime();
        for (int it = 0; it < reps; it++) {
          double[] w = points[it & 1];
          Future<?>[] f = new Future<?>[shards];
          for (int s = 0; s < shards; s++) {
            int sh = s;
            f[s] = pool.submit(() -> part[sh].valueAndGradient(w, g[sh]));
          }
          for (Future<?> x : f) x.get();
          for (int i = 0; i < p; i++) {
            double v = 0;
            for (int s = 0; s < shards; s++) v += weight[s] * g[s][i];
            total[i] = v;
          }
        }
        double sharded = (System.nanoTime() - t0) / 1e6 / reps;
        whole.valueAndGradient(points[(reps - 1) & 1], ref);
        double err = 0, max = 0;
        for (int i = 0; i < p; i++) {
          err = Math.max(err, Math.abs(total[i] - ref[i]));
          max = Math.max(max, Math.abs(ref[i]));
        }
        System.out.printf("%s round %d: one thread %.3f ms, %d shards %.3f ms (gradient rel. diff %.1e)%n",
            config, round, single, shards, sharded, err / max);
      }
    }
    pool.shutdown();
  }
}

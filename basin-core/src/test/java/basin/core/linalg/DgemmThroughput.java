package basin.core.linalg;

import java.util.SplittableRandom;

/**
 * Measures DGEMM throughput on the BLAS that {@link NativeBlas} chose: C = A B with n x n matrices,
 * 2 n^3 flops a call, best of the timed calls after two warm-up calls. Not a test (no assertion,
 * surefire skips the name); run by hand, e.g. with the test class path:
 *
 * <pre>
 * ./mvnw -q -o -pl basin-core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * OPENBLAS_NUM_THREADS=1 java -cp basin-core/target/classes:basin-core/target/test-classes:$(cat /tmp/cp.txt) \
 *     basin.core.linalg.DgemmThroughput 2000 5
 * </pre>
 */
public final class DgemmThroughput {

  private DgemmThroughput() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    SplittableRandom r = new SplittableRandom(1);
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    double[] c = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble() - 0.5;
      b[i] = r.nextDouble() - 0.5;
    }
    System.out.println("BLAS: " + NativeBlas.description());
    System.out.println("OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS")
        + " OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"));
    for (int i = 0; i < 2; i++) {
      Gemm.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0);
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      Gemm.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0);
      best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
    }
    System.out.printf("DGEMM %d: best of %d calls %.3f s, %.1f GFLOP/s%n", n, calls, best, 2.0 * n * n * n / best * 1e-9);
  }
}

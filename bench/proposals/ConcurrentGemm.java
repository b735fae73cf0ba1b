/*
 * EVIDENCE (not part of the build): do BLAS calls from two Java threads run in parallel?
 * Each thread multiplies its own 1000 x 1000 matrices 20 times through basin.core.linalg.Gemm.
 * Speedup ~2 means concurrent calls overlap; ~1 means the BLAS serializes them, which is what
 * Debian's libopenblas0-pthread does (measured 0.97 on the dev machine).
 *
 *   OPENBLAS_NUM_THREADS=1 java -cp basin-bench/target/basin-benchmarks.jar bench/proposals/ConcurrentGemm.java
 *   java -Ddev.ludovic.netlib.blas.nativeLib=/usr/lib/x86_64-linux-gnu/openblas-serial/libblas.so.3 \
 *     -cp basin-bench/target/basin-benchmarks.jar bench/proposals/ConcurrentGemm.java   # after apt-get install libopenblas0-serial
 */
import basin.core.linalg.Gemm;

public class ConcurrentGemm {
  public static void main(String[] args) throws Exception {
    int n = 1000;
    int reps = 20;
    double[][] a = new double[2][n * n];
    double[][] c = new double[2][n * n];
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < n * n; i++) a[t][i] = Math.sin(i + t);
    }
    Runnable[] work = new Runnable[2];
    for (int t = 0; t < 2; t++) {
      int tt = t;
      work[t] = () -> {
        for (int k = 0; k < reps; k++) Gemm.gemm(false, false, n, n, n, 1, a[tt], 0, a[tt], 0, 0, c[tt], 0);
      };
    }
    System.out.println("BLAS: " + Gemm.blasName());
    work[0].run();
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      work[0].run();
      double one = (System.nanoTime() - t0) / 1e9;
      Thread other = new Thread(work[1]);
      t0 = System.nanoTime();
      other.start();
      work[0].run();
      other.join();
      double two = (System.nanoTime() - t0) / 1e9;
      System.out.printf("one thread %.2f s, two threads (twice the work) %.2f s, speedup %.2f%n", one, two, 2 * one / two);
    }
  }
}

package basin.bench;

import basin.core.linalg.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * C = A B for square n x n matrices through {@link Gemm} (so through the BLAS it found: check
 * {@link Gemm#blasName()}, printed at setup). GFLOP/s = 2 n^3 / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class GemmBenchmark {

  @Param({"2000"})
  public int n;

  private double[] a;
  private double[] b;
  private double[] c;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(BenchProblem.DEFAULT_SEED);
    a = new double[n * n];
    b = new double[n * n];
    c = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble() - 0.5;
      b[i] = random.nextDouble() - 0.5;
    }
    System.out.println("# BLAS: " + Gemm.blasName());
  }

  @Benchmark
  public double dgemm() {
    Gemm.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0);
    return c[0];
  }
}

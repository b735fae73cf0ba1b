package basin.cli;

import basin.core.linalg.Gemm;
import basin.core.linalg.NativeBlas;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin doctor}: what Basin runs on here, and how fast its matrix products are. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Prints the Java runtime, the BLAS and LAPACK in use (bundled OpenBLAS, a system library or the Java fallback), the "
        + "OpenBLAS settings from the environment, the cores and memory, and a DGEMM rate measured for about a second.",
        "OPENBLAS_CORETYPE, when a machine sets it, pins OpenBLAS's kernels (Haswell runs about 1.5x slower than the AVX-512 kernels "
            + "on this project's machines); Basin never sets or unsets it."})
final class DoctorCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", defaultValue = "1000", description = "DGEMM size N x N x N. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "1", description = "How long to time DGEMM. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (size < 1 || size > 8000) throw new basin.core.InputException("--size: expected 1 to 8000, got " + size);
    if (!(seconds > 0 && seconds <= 60)) throw new basin.core.InputException("--seconds: expected a number in (0, 60], got " + seconds);
    PrintWriter out = spec.commandLine().getOut();
    Runtime rt = Runtime.getRuntime();
    out.printf(Locale.ROOT, "java       %s (%s), %s%n", System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("java.home"));
    out.printf(Locale.ROOT, "machine    %s %s, %d cores, max heap %.1f GB%n", System.getProperty("os.name"), System.getProperty("os.arch"),
        rt.availableProcessors(), rt.maxMemory() / 1e9);
    out.printf(Locale.ROOT, "blas       %s (%s)%n", NativeBlas.description(), NativeBlas.isNative() ? "native" : "Java fallback: slow");
    out.printf(Locale.ROOT, "lapack     %s%n", NativeBlas.lapack().getClass().getName());
    out.printf(Locale.ROOT, "openblas   OPENBLAS_NUM_THREADS=%s, OPENBLAS_CORETYPE=%s (bin/basin runs BLAS single-threaded: Basin parallelizes itself)%n",
        env("OPENBLAS_NUM_THREADS"), env("OPENBLAS_CORETYPE"));
    out.printf(Locale.ROOT, "cache      %s%n", NativeBlas.cacheDirectory());
    int n = size;
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    double[] c = new double[n * n];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble() - 0.5;
      b[i] = r.nextDouble() - 0.5;
    }
    Gemm.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0); // warm-up
    long t0 = System.nanoTime();
    int calls = 0;
    while (System.nanoTime() - t0 < seconds * 1e9 || calls < 2) {
      Gemm.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0);
      calls++;
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "dgemm      %d x %d x %d: %.1f GFLOP/s (%d calls in %.2f s)%n", n, n, n, 2.0 * n * n * n * calls / elapsed / 1e9,
        calls, elapsed);
    out.flush();
    return ExitCodes.OK;
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "(unset)" : v;
  }
}

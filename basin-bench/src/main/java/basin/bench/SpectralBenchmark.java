package basin.bench;

import basin.core.model.MlpObjective;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.SpectralDensity;
import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.spectral.TraceEstimator;
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
 * The issue-12 spectral rows on configurations B (P = 2410) and C (P = 269,322), all at w0 with a
 * fixed number of Hessian-vector products, as PyHessian would run them: the top 5 eigenvalues by
 * Lanczos with a budget of 100 products (thick restart, full reorthogonalization; both ends are
 * kept, the top 5 reported), the Hutchinson trace with 100 Rademacher probes, and the SLQ density
 * with 10 probes x 100 steps. Products at one point reuse its forward/backward pass (the
 * {@code hvpSamePoint} cost), as in every iterative method. Single shots: one C SLQ run is
 * 1000 products plus 4 m^2 P L = 1e11 flops of reorthogonalization.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class SpectralBenchmark {

  /** Products of the Lanczos row. */
  static final int LANCZOS_PRODUCTS = 100;
  /** Probes of the Hutchinson row. */
  static final int TRACE_PROBES = 100;
  /** Probes and steps of the SLQ row. */
  static final int SLQ_PROBES = 10;
  static final int SLQ_STEPS = 100;
  static final long SEED = 1L;

  @Param({"B", "C"})
  public BenchConfig config;

  private MlpObjective objective;
  private double[] w0;

  @Setup(Level.Trial)
  public void setUp() {
    BenchProblem problem = BenchProblem.create(config, BenchProblem.DEFAULT_SEED);
    objective = problem.objective();
    w0 = problem.w0();
  }

  /** Top 5 eigenvalues: one Lanczos run with exactly 100 products (tolerance below reach), plus the 10 residual products. */
  @Benchmark
  public double lanczosTop5() {
    ExtremeEigenpairs.Result r = ExtremeEigenpairs.compute(SymmetricOperator.hessian(objective, w0),
        ExtremeEigenpairs.Options.defaults().withCount(5).withTolerance(1e-15).withMaxIterations(LANCZOS_PRODUCTS).withSeed(SEED));
    return r.largest()[0];
  }

  /** Hutchinson trace, 100 Rademacher probes. */
  @Benchmark
  public double hutchinsonTrace() {
    return TraceEstimator.hutchinson(SymmetricOperator.hessian(objective, w0), TRACE_PROBES, SEED).estimate();
  }

  /** SLQ density, 10 probes x 100 Lanczos steps with full reorthogonalization. */
  @Benchmark
  public double slqDensity() {
    SpectralDensity.Result r = SpectralDensity.compute(SymmetricOperator.hessian(objective, w0),
        new SpectralDensity.Options(SLQ_PROBES, SLQ_STEPS, Double.NaN, 1000, SEED));
    return r.upper();
  }
}

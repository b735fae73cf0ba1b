package basin.bench;

import basin.core.model.MlpObjective;
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
 * Loss + gradient and Hessian-vector products of {@link MlpObjective} on configurations A, B, C.
 *
 * <p>{@link MlpObjective} caches the last forward/backward pass. {@code gradient} and
 * {@code hvpFreshPoint} alternate between two parameter vectors, so every call pays the full
 * forward + backward (+ R) pass, which is what PyTorch does on every call. {@code hvpSamePoint}
 * stays at one point, so only the R-pass runs: the cost per iteration of Lanczos or CG.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ObjectiveBenchmark {

  @Param({"A", "B", "C"})
  public BenchConfig config;

  private MlpObjective objective;
  private double[] w0;
  private double[] w1;
  private double[] v;
  private double[] gradient;
  private double[] product;
  private int calls;

  @Setup(Level.Trial)
  public void setUp() {
    BenchProblem problem = BenchProblem.create(config, BenchProblem.DEFAULT_SEED);
    objective = problem.objective();
    w0 = problem.w0();
    w1 = problem.w1();
    v = problem.v();
    gradient = new double[problem.parameterCount()];
    product = new double[problem.parameterCount()];
  }

  private double[] nextPoint() {
    return (calls++ & 1) == 0 ? w0 : w1;
  }

  /** f(w) and its gradient at a point that differs from the previous call's (no cache hit). */
  @Benchmark
  public double gradient() {
    objective.valueAndGradient(nextPoint(), gradient);
    return gradient[0];
  }

  /** H(w) v at a point that differs from the previous call's: forward + backward + R-pass. */
  @Benchmark
  public double hvpFreshPoint() {
    objective.hessianVectorProduct(nextPoint(), v, product);
    return product[0];
  }

  /** H(w) v at a fixed point: the forward/backward pass is cached, only the R-pass runs. */
  @Benchmark
  public double hvpSamePoint() {
    objective.hessianVectorProduct(w0, v, product);
    return product[0];
  }
}

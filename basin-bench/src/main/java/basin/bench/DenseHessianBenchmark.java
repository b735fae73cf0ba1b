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
 * The dense P x P Hessian of {@link MlpObjective} on configurations A (P = 121) and B (P = 2410),
 * alternating two parameter vectors so the gradient pass is not cached, and all eigenvalues of
 * the Hessian by Basin's DenseSpectrum (LAPACK dsyevd when native).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DenseHessianBenchmark {

  @Param({"A", "B"})
  public BenchConfig config;

  private MlpObjective objective;
  private double[] w0;
  private double[] w1;
  private double[] hessian;
  private double[] hessianAtW0;
  private double[] eigenvalues;
  private SymmetricEigenvalues eigenSolver;
  private int calls;

  @Setup(Level.Trial)
  public void setUp() {
    BenchProblem problem = BenchProblem.create(config, BenchProblem.DEFAULT_SEED);
    int p = problem.parameterCount();
    objective = problem.objective();
    w0 = problem.w0();
    w1 = problem.w1();
    hessian = new double[p * p];
    hessianAtW0 = new double[p * p];
    objective.hessian(w0, hessianAtW0);
    eigenvalues = new double[p];
    eigenSolver = new SymmetricEigenvalues(p);
  }

  /** The dense Hessian at a point that differs from the previous call's. */
  @Benchmark
  public double hessian() {
    objective.hessian((calls++ & 1) == 0 ? w0 : w1, hessian);
    return hessian[0];
  }

  /** All eigenvalues of the Hessian at w0 (DenseSpectrum, values only). */
  @Benchmark
  public double eigenvalues() {
    eigenSolver.compute(hessianAtW0, eigenvalues);
    return eigenvalues[0];
  }
}

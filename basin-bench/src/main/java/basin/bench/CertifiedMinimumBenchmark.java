package basin.bench;

import basin.core.model.MlpObjective;
import java.util.List;
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
 * Time to a certified minimum on configuration A: one invocation is one start of the sampler's
 * pipeline ({@link CertifiedMinimumCommand#runStart}: the exported start point, the optimizer
 * chain, kink-aware certification with the dense spectrum), cycling through starts 0..39 so that
 * every iteration averages over the same mix of easy and hard starts. The share of starts that
 * end certified is printed by {@code BenchCommand certified-minimum}, not here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 20)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CertifiedMinimumBenchmark {

  /** Optimizer chains, stages separated by ';' as in {@code --optimizer}. */
  @Param({"lbfgs:iterations=1000", "lbfgs;newton"})
  public String optimizer;

  private BenchProblem problem;
  private MlpObjective objective;
  private List<String> stages;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    problem = BenchProblem.create(BenchConfig.A, BenchProblem.DEFAULT_SEED);
    objective = problem.objective();
    stages = List.of(optimizer.split(";"));
  }

  @Benchmark
  public boolean start() {
    int index = next;
    next = (next + 1) % 40;
    return CertifiedMinimumCommand.runStart(problem, objective, index, stages).minimum();
  }
}

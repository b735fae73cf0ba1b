package basin.landscape.pipeline;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.optim.OptimizationResult;
import basin.core.optim.Optimizer;
import basin.core.optim.OptimizerSpecs;
import basin.core.optim.TrajectoryOptions;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.Arrays;
import java.util.List;

/**
 * The per-start pipeline of a study: from an initial point, the optimizer chain (stochastic stages
 * drawing from the start's seed), then certification of the end point (gradient norm, Hessian
 * spectrum with the symmetry zero modes set aside, kink refinement for ReLU networks), then the
 * canonical form modulo the objective's symmetries.
 *
 * <p>The outcome describes the certified point: for a ReLU network the certifier may move the
 * optimizer's end point onto the kink manifold it stopped near (docs/kinks.md); otherwise it is the
 * optimizer's end point with the optimizer's own value and gradient norm.
 *
 * <p>A pure function of (objective, symmetry group, initial point, seed, configuration): no clock,
 * no shared state; thread count never changes a result. Immutable and thread-safe; each thread
 * passes its own objective copy. Cost: the optimizer's, plus one certification (a dense Hessian and
 * its eigendecomposition up to the certifier's dense limit, Lanczos above it).
 */
public final class StartPipeline {

  /** What one start produced. */
  public record Outcome(OptimizationResult optimization, Certificate certificate, Point point, long wallNanos) {

    /** Whether the point was certified as a (strict or degenerate) minimum. */
    public boolean isMinimum() {
      return certificate.isMinimum();
    }
  }

  /**
   * The point a start ended at, as certified.
   *
   * @param parameters the parameters (the certifier's refined point when it refined one)
   * @param value the objective there
   * @param gradientNorm ||grad f|| there (the Clarke residual on a kink manifold)
   * @param canonical the canonical form modulo symmetry; empty when the point is not finite
   */
  public record Point(double[] parameters, double value, double gradientNorm, double[] canonical) {
    public boolean isFinite() {
      return canonical.length > 0;
    }
  }

  private final List<String> optimizer;
  private final Certifier certifier;

  /**
   * @param optimizer the optimizer stages, as for {@code --optimizer} (validated here)
   * @param certifier the certifier
   */
  public StartPipeline(List<String> optimizer, Certifier certifier) {
    if (optimizer == null || optimizer.isEmpty()) throw new IllegalArgumentException("StartPipeline needs at least one optimizer stage");
    if (certifier == null) throw new IllegalArgumentException("StartPipeline certifier is null");
    OptimizerSpecs.parseChain(optimizer, 0L); // validates every stage now
    this.optimizer = List.copyOf(optimizer);
    this.certifier = certifier;
  }

  public List<String> optimizerStages() {
    return optimizer;
  }

  public Certifier certifier() {
    return certifier;
  }

  /** The optimizer chain of a start with this seed (stochastic stages draw from it). */
  public Optimizer optimizer(long seed) {
    return OptimizerSpecs.parseChain(optimizer, seed);
  }

  /** {@link #run(Objective, SymmetryGroup, double[], long, TrajectoryOptions)} without a trajectory. */
  public Outcome run(Objective f, SymmetryGroup symmetry, double[] start, long seed) {
    return run(f, symmetry, start, seed, null);
  }

  /**
   * Runs one start.
   *
   * @param f the objective, used from the calling thread only
   * @param symmetry its symmetries (null: none)
   * @param start the initial point, length P (not modified)
   * @param seed the start's seed, for stochastic optimizer stages
   * @param trajectory what to record along the way, or null
   */
  public Outcome run(Objective f, SymmetryGroup symmetry, double[] start, long seed, TrajectoryOptions trajectory) {
    long t0 = System.nanoTime();
    OptimizationResult r = optimizer(seed).minimize(f, start, trajectory);
    Certificate c = certifier.certify(f, symmetry, r.point(), r.status());
    double[] w = r.point();
    double value = r.value();
    double gradientNorm = r.gradientNorm();
    if (!Arrays.equals(c.point(), w)) {
      w = c.point();
      value = c.value();
      gradientNorm = c.gradientNorm();
    }
    boolean finite = Vectors.allFinite(w) && Double.isFinite(value);
    double[] canonical = !finite ? new double[0] : symmetry == null ? w.clone() : symmetry.canonicalize(w);
    return new Outcome(r, c, new Point(w, value, gradientNorm, canonical), System.nanoTime() - t0);
  }
}

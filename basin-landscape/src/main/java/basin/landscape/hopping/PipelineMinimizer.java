package basin.landscape.hopping;

import basin.core.Objective;
import basin.landscape.pipeline.StartPipeline;
import basin.landscape.symmetry.SymmetryGroup;

/**
 * The local minimization of a hop done as a study's start is: the {@link StartPipeline} (optimizer
 * chain, certification, canonical form), so a hop's minimum is certified exactly as a sampled one.
 * Uses its objective from one thread.
 */
public final class PipelineMinimizer implements BasinHopping.LocalMinimizer {
  private final StartPipeline pipeline;
  private final Objective f;
  private final SymmetryGroup symmetry;

  /**
   * @param pipeline the study's start pipeline
   * @param f the training objective (this thread's copy)
   * @param symmetry its symmetries (null: none)
   */
  public PipelineMinimizer(StartPipeline pipeline, Objective f, SymmetryGroup symmetry) {
    this.pipeline = pipeline;
    this.f = f;
    this.symmetry = symmetry;
  }

  @Override
  public BasinHopping.Local minimize(double[] start, long seed) {
    StartPipeline.Outcome o = pipeline.run(f, symmetry, start, seed);
    StartPipeline.Point p = o.point();
    return new BasinHopping.Local(p.parameters(), p.value(), o.isMinimum() && p.isFinite(), o.certificate().classification().name(),
        p.gradientNorm(), p.isFinite() ? p.canonical() : p.parameters().clone());
  }
}

/**
 * Performance benchmarks of basin-core: JMH benchmarks of the objective kernels (loss and gradient,
 * Hessian-vector product, dense Hessian, DGEMM) and the driver of {@code bench/compare}, which
 * times the same problems against PyTorch.
 *
 * <p>The problems are the three configurations of the performance issue ({@link
 * basin.bench.BenchConfig}); {@link basin.bench.BenchProblem} builds their seeded data and
 * parameters so that the JMH runs, the comparison and PyTorch all see identical numbers.
 *
 * <p>The certified-minimum command times the sampler's own {@link basin.landscape.pipeline.StartPipeline}.
 * This module depends on basin-landscape (and through it basin-core); nothing in Basin depends on it.
 */
package basin.bench;

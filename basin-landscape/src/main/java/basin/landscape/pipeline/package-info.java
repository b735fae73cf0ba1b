/**
 * One start of a study, for any objective: {@link basin.landscape.pipeline.StartPipeline} runs the
 * optimizer chain from a seeded initial point, certifies where it ends and computes the canonical
 * form. The sampler, {@code basin train} and the benchmarks all run starts through it.
 */
package basin.landscape.pipeline;

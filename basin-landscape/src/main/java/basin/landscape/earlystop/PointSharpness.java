package basin.landscape.earlystop;

import basin.core.Objective;
import basin.landscape.flatness.Sharpness;

/**
 * How sharp a trained point is, in the two measures of Keskar et al. (ICLR 2017, "On Large-Batch
 * Training for Deep Learning: Generalization Gap and Sharp Minima"): the largest eigenvalue of the
 * loss's Hessian ({@link TopEigenvalue}, Lanczos on exact Hessian-vector products) and
 * epsilon-sharpness ({@link Sharpness}, their Metric 2.1: 100 max_{|y_i| &lt;= eps (|x_i| + 1)}
 * (f(x + y) - f(x)) / (1 + f(x)), full space, a lower bound from projected gradient ascent).
 *
 * <p>Both are measured on the objective given, normally the data loss without the L2 term (the
 * L2 term adds l2 to every Hessian eigenvalue and is the same for every point). A pure function of
 * (objective, point, seed, epsilon). Cost: at most {@link TopEigenvalue#BUDGET} Hessian-vector
 * products, plus the sharpness ascent (5 starts of at most 200 iterations, each a gradient and a
 * few values). NaN and Inf: a non-finite point or loss gives NaN measures, nothing is thrown.
 *
 * @param loss f(x)
 * @param top the top Hessian eigenvalue
 * @param sharpness epsilon-sharpness
 */
public record PointSharpness(double loss, TopEigenvalue top, Sharpness.Result sharpness) {

  /**
   * Measures f at x.
   *
   * @param f the loss, used from the calling thread only
   * @param x the point (not modified)
   * @param epsilon the box half-width of epsilon-sharpness (Keskar et al. use 1e-3 and 5e-4), finite and &gt; 0
   * @param seed seed of the Lanczos start vector and of the ascent's random starts
   */
  public static PointSharpness measure(Objective f, double[] x, double epsilon, long seed) {
    TopEigenvalue top = TopEigenvalue.of(f, x, seed, TopEigenvalue.BUDGET, 1e-8);
    Sharpness.Result s = Sharpness.compute(f, x, Sharpness.Options.defaults().withEpsilon(epsilon).withSeed(seed));
    return new PointSharpness(s.value(), top, s);
  }
}

package basin.landscape.spectral;

import basin.core.Objective;
import java.util.Locale;

/**
 * The Hessian of an objective at a point, asked for by name (PyHessian's {@code eigenvalues},
 * {@code trace}, {@code density}, with Basin's kernels): the k largest and k smallest eigenpairs by
 * one Lanczos run ({@link ExtremeEigenpairs}, residuals recomputed), the trace by Hutchinson and by
 * Hutch++ with standard errors ({@link TraceEstimator}), and the spectral density by stochastic
 * Lanczos quadrature ({@link SpectralDensity}). Each part is skipped when its count is 0.
 *
 * <p>A pure function of (f, w, options): every probe and start vector is drawn from {@code seed}.
 * Cost in Hessian-vector products: Lanczos iterations + 2k (residuals), traceProbes, traceProbes
 * (Hutch++ budget), slqProbes x slqSteps; {@link Result#hessianVectorProducts} is the total.
 */
public final class SpectralAnalysis {
  private SpectralAnalysis() {}

  /**
   * @param eigenpairs k at each end (0: skip)
   * @param tolerance Lanczos relative residual tolerance
   * @param maxIterations Lanczos budget of products
   * @param traceProbes Hutchinson probes and Hutch++ budget (0: skip)
   * @param slqProbes SLQ probes (0: skip the density)
   * @param slqSteps Lanczos steps per SLQ probe
   * @param sigma SLQ broadening, NaN for the width rule (range / steps)
   * @param gridPoints points of the exported density
   * @param seed every random draw
   */
  public record Options(int eigenpairs, double tolerance, int maxIterations, int traceProbes, int slqProbes, int slqSteps, double sigma,
      int gridPoints, long seed) {
    public Options {
      if (eigenpairs < 0 || traceProbes < 0 || slqProbes < 0) {
        throw new IllegalArgumentException("counts must be >= 0, got eigenpairs " + eigenpairs + ", trace probes " + traceProbes + ", SLQ probes " + slqProbes);
      }
      if (traceProbes == 1 || traceProbes == 2) throw new IllegalArgumentException("trace probes must be 0 or >= 3 (Hutch++ splits them in three), got " + traceProbes);
    }

    /** 5 eigenpairs (tolerance 1e-10, 3000 products), 100 trace probes, SLQ 10 x 80 with the width rule, 1000 grid points, seed 1. */
    public static Options defaults() {
      return new Options(5, 1e-10, 3000, 100, 10, 80, Double.NaN, 1000, 1L);
    }
  }

  /**
   * Parts not asked for are null.
   *
   * @param hessianVectorProducts products of all parts
   */
  public record Result(ExtremeEigenpairs.Result extremes, TraceEstimator.Result hutchinson, TraceEstimator.Result hutchPlusPlus,
      SpectralDensity.Result density, long hessianVectorProducts) {

    /** The density as CSV: {@code t,density} on the grid, 17 significant digits (plot density on a log axis). */
    public String densityCsv() {
      if (density == null) throw new IllegalStateException("no density was computed");
      double[] t = density.grid();
      double[] phi = density.densityOnGrid();
      StringBuilder b = new StringBuilder("t,density\n");
      for (int i = 0; i < t.length; i++) b.append(String.format(Locale.ROOT, "%.17g,%.17g%n", t[i], phi[i]));
      return b.toString();
    }
  }

  /** Computes the parts asked for; f is used from the calling thread only. */
  public static Result compute(Objective f, double[] w, Options o) {
    SymmetricOperator h = SymmetricOperator.hessian(f, w);
    ExtremeEigenpairs.Result e = o.eigenpairs() == 0 ? null : ExtremeEigenpairs.compute(h, ExtremeEigenpairs.Options.defaults()
        .withCount(o.eigenpairs()).withTolerance(o.tolerance()).withMaxIterations(o.maxIterations()).withSeed(o.seed()));
    TraceEstimator.Result hutch = o.traceProbes() == 0 ? null : TraceEstimator.hutchinson(h, o.traceProbes(), o.seed());
    TraceEstimator.Result hpp = o.traceProbes() == 0 ? null : TraceEstimator.hutchPlusPlus(h, o.traceProbes(), o.seed());
    SpectralDensity.Result d = o.slqProbes() == 0 ? null : SpectralDensity.compute(h, new SpectralDensity.Options(o.slqProbes(), o.slqSteps(),
        o.sigma(), o.gridPoints(), o.seed()));
    long products = (e == null ? 0 : e.hessianVectorProducts()) + (hutch == null ? 0 : hutch.hessianVectorProducts())
        + (hpp == null ? 0 : hpp.hessianVectorProducts()) + (d == null ? 0 : d.hessianVectorProducts());
    return new Result(e, hutch, hpp, d, products);
  }
}

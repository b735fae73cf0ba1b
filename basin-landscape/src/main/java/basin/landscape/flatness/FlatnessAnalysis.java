package basin.landscape.flatness;

import basin.core.Objective;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.SpectralDensity;
import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.spectral.TraceEstimator;
import basin.landscape.symmetry.OrbitTangent;

/**
 * The flatness of an objective at a point, built once from (objective, point, orbit tangent, L2
 * coefficient, options) and asked by name: {@link #eigenpairs}, {@link #trace}, {@link #density},
 * {@link #measures}, {@link #sharpness}, {@link #basinRadius}. Each question can be asked of the
 * full Hessian ({@code complement = false}) or of the Hessian restricted to the complement of the
 * symmetry orbit tangent ({@code complement = true}; the same as the full Hessian when no tangent
 * was given). Spectral answers are computed on first request and kept.
 *
 * <p>A facade: the kernels are {@link ExtremeEigenpairs}, {@link TraceEstimator},
 * {@link SpectralDensity}, {@link FlatnessMeasures}, {@link Sharpness}, {@link BasinRadius} and
 * {@link LossProfiles}; their javadoc gives formulas, references and costs. Not thread-safe.
 */
public final class FlatnessAnalysis {

  /**
   * Options of the spectral questions, grouped by kernel.
   *
   * @param eigenpairs k and Lanczos settings of {@link #eigenpairs}
   * @param traceProbes probes of {@link #trace} (Hutchinson) and budget of {@link #traceHutchPlusPlus}
   * @param traceSeed seed of the trace probes
   * @param density SLQ options of {@link #density}
   * @param measures options of {@link #measures}
   */
  public record Options(ExtremeEigenpairs.Options eigenpairs, int traceProbes, long traceSeed, SpectralDensity.Options density,
      FlatnessMeasures.Options measures) {
    public Options {
      if (eigenpairs == null || density == null || measures == null) throw new IllegalArgumentException("options must not be null");
      if (traceProbes < 3) throw new IllegalArgumentException("traceProbes must be >= 3, got " + traceProbes);
    }

    /** The defaults of each kernel, 99 trace probes (a multiple of 3 for Hutch++), trace seed 1. */
    public static Options defaults() {
      return new Options(ExtremeEigenpairs.Options.defaults(), 99, 1L, SpectralDensity.Options.defaults(),
          FlatnessMeasures.Options.defaults());
    }

    public Options withEigenpairs(ExtremeEigenpairs.Options v) {
      return new Options(v, traceProbes, traceSeed, density, measures);
    }

    public Options withTraceProbes(int v) {
      return new Options(eigenpairs, v, traceSeed, density, measures);
    }

    public Options withTraceSeed(long v) {
      return new Options(eigenpairs, traceProbes, v, density, measures);
    }

    public Options withDensity(SpectralDensity.Options v) {
      return new Options(eigenpairs, traceProbes, traceSeed, v, measures);
    }

    public Options withMeasures(FlatnessMeasures.Options v) {
      return new Options(eigenpairs, traceProbes, traceSeed, density, v);
    }
  }

  private final Objective f;
  private final double[] x;
  private final OrbitTangent tangent;
  private final double l2;
  private final Options options;
  private final SymmetricOperator hessian;
  private final SymmetricOperator complement;
  private final ExtremeEigenpairs.Result[] eigenpairs = new ExtremeEigenpairs.Result[2];
  private final SpectralDensity.Result[] densities = new SpectralDensity.Result[2];
  private FlatnessMeasures.Result measures;

  /**
   * @param f the objective; used from the calling thread only
   * @param x the point, length P (copied)
   * @param tangent the symmetry orbit tangent at x, or null
   * @param l2 the L2 coefficient lambda &gt;= 0 of f, for the split of {@link #measures} (0 if none)
   * @param options kernel options
   */
  public FlatnessAnalysis(Objective f, double[] x, OrbitTangent tangent, double l2, Options options) {
    if (x.length != f.dimension()) {
      throw new IllegalArgumentException("point has length " + x.length + ", objective dimension is " + f.dimension());
    }
    if (!(l2 >= 0 && Double.isFinite(l2))) throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
    this.f = f;
    this.x = x.clone();
    this.tangent = tangent;
    this.l2 = l2;
    this.options = options;
    this.hessian = SymmetricOperator.hessian(f, this.x);
    this.complement = ComplementOperator.of(hessian, tangent);
  }

  /** The Hessian at the point, or its restriction to the complement of the orbit tangent. */
  public SymmetricOperator hessian(boolean complement) {
    return complement ? this.complement : hessian;
  }

  /** dim T, 0 without a tangent. */
  public int tangentDimension() {
    return tangent == null ? 0 : tangent.dimension();
  }

  /** The k largest and k smallest eigenpairs ({@link ExtremeEigenpairs}); cached. */
  public ExtremeEigenpairs.Result eigenpairs(boolean complement) {
    int i = complement ? 1 : 0;
    if (eigenpairs[i] == null) eigenpairs[i] = ExtremeEigenpairs.compute(hessian(complement), options.eigenpairs());
    return eigenpairs[i];
  }

  /** Hutchinson's trace estimate with {@link Options#traceProbes()} probes. */
  public TraceEstimator.Result trace(boolean complement) {
    return TraceEstimator.hutchinson(hessian(complement), options.traceProbes(), options.traceSeed());
  }

  /** The Hutch++ trace estimate with a budget of {@link Options#traceProbes()} products. */
  public TraceEstimator.Result traceHutchPlusPlus(boolean complement) {
    return TraceEstimator.hutchPlusPlus(hessian(complement), options.traceProbes(), options.traceSeed());
  }

  /** The SLQ spectral density ({@link SpectralDensity}); cached. */
  public SpectralDensity.Result density(boolean complement) {
    int i = complement ? 1 : 0;
    if (densities[i] == null) densities[i] = SpectralDensity.compute(hessian(complement), options.density());
    return densities[i];
  }

  /** The flatness measures, full and restricted, with the L2 split ({@link FlatnessMeasures}); cached. */
  public FlatnessMeasures.Result measures() {
    if (measures == null) measures = FlatnessMeasures.compute(f, x, tangent, l2, options.measures());
    return measures;
  }

  /** Epsilon- or adaptive sharpness ({@link Sharpness}). */
  public Sharpness.Result sharpness(Sharpness.Options sharpnessOptions) {
    return Sharpness.compute(f, x, sharpnessOptions);
  }

  /** Basin radii along the rows of {@code directions} (row-major count x P) ({@link BasinRadius}). */
  public BasinRadius.Summary basinRadius(double[] directions, int count, BasinRadius.Options radiusOptions) {
    return BasinRadius.over(f, x, directions, count, radiusOptions);
  }

  /** The top {@code count} Hessian eigenvectors with both signs, as directions ({@link Directions#eigenvectors}). */
  public double[] eigenvectorDirections(int count, boolean complement) {
    return Directions.eigenvectors(eigenpairs(complement), count);
  }

  /** 1-D loss profiles along the rows of {@code directions} ({@link LossProfiles#oneDimensional}). */
  public LossProfiles.Band profiles(double[] directions, int count, double[] t, double lowerQuantile, double upperQuantile) {
    return LossProfiles.oneDimensional(f, x, directions, count, t, lowerQuantile, upperQuantile);
  }

  /** A copy of the point. */
  public double[] point() {
    return x.clone();
  }
}

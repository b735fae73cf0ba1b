package basin.landscape.flatness;

import basin.core.Objective;

/**
 * The basin radius along directions: for a direction d, the smallest t &gt; 0 with
 * f(x + t d) - f(x) &gt;= delta, and its distribution over many directions.
 *
 * <h2>Method</h2>
 * Bracketing, then bisection. t runs through t0, 2 t0, 4 t0, ... (t0 =
 * {@link Options#initialStep()}), capped at {@link Options#maxDistance()}; the first t with a rise
 * &gt;= delta and the previous one (or 0) bracket a crossing, which bisection narrows until the
 * bracket [lo, hi] has hi - lo &lt;= tolerance hi; the radius reported is hi, so f(x + t d) -
 * f(x) &gt;= delta holds at the reported t and the crossing lies in (lo, hi]. If the rise stays below
 * delta at every bracketing point up to the cap, the status is BEYOND_CAP and the radius +Infinity.
 * Like any sampling method it finds the first crossing seen on the doubling grid: a bump narrower
 * than the grid spacing that rises above delta and falls back can be missed.
 *
 * <p>t is in units of d: for a unit direction it is the Euclidean distance; for a filter-normalized
 * direction ({@link Directions#filterNormalized}) it is a fraction of each filter's norm.
 *
 * <p>Cost: at most log2(cap / t0) + 2 values to bracket, then log2(1 / tolerance) + 1 to bisect;
 * no gradients.
 *
 * <p>NaN: a NaN rise (f(x + t d) NaN) stops the search with status NON_FINITE and radius NaN;
 * a rise of +Infinity counts as a crossing.
 */
public final class BasinRadius {
  private BasinRadius() {}

  /** Outcome along one direction. */
  public enum Status {
    /** A crossing was bracketed and narrowed. */
    FOUND,
    /** No rise of delta up to the cap: the radius is +Infinity (beyond the cap). */
    BEYOND_CAP,
    /** The objective returned NaN on the way. */
    NON_FINITE
  }

  /**
   * Options.
   *
   * @param delta the rise delta &gt; 0
   * @param initialStep t0 &gt; 0, the first bracketing point
   * @param maxDistance the cap &gt;= t0
   * @param tolerance relative bracket width at which bisection stops, in (0, 1)
   */
  public record Options(double delta, double initialStep, double maxDistance, double tolerance) {
    public Options {
      if (!(delta > 0 && Double.isFinite(delta))) throw new IllegalArgumentException("delta must be finite and > 0, got " + delta);
      if (!(initialStep > 0 && Double.isFinite(initialStep))) {
        throw new IllegalArgumentException("initialStep must be finite and > 0, got " + initialStep);
      }
      if (!(maxDistance >= initialStep && Double.isFinite(maxDistance))) {
        throw new IllegalArgumentException("maxDistance must be finite and >= initialStep " + initialStep + ", got " + maxDistance);
      }
      if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
    }

    /** delta = 0.1, t0 = 1e-3, cap 100, tolerance 1e-8. */
    public static Options defaults() {
      return new Options(0.1, 1e-3, 100.0, 1e-8);
    }

    public Options withDelta(double v) {
      return new Options(v, initialStep, maxDistance, tolerance);
    }

    public Options withInitialStep(double v) {
      return new Options(delta, v, maxDistance, tolerance);
    }

    public Options withMaxDistance(double v) {
      return new Options(delta, initialStep, v, tolerance);
    }

    public Options withTolerance(double v) {
      return new Options(delta, initialStep, maxDistance, v);
    }
  }

  /**
   * The radius along one direction.
   *
   * @param radius t (hi of the final bracket); +Infinity for BEYOND_CAP, NaN for NON_FINITE
   * @param lowerBound lo of the final bracket (the rise is below delta there); the cap for BEYOND_CAP
   * @param status FOUND, BEYOND_CAP or NON_FINITE
   * @param evaluations objective values used
   */
  public record Radius(double radius, double lowerBound, Status status, int evaluations) {}

  /**
   * Radii over many directions with their quantiles (type 7 over the non-NaN radii; +Infinity
   * radii, beyond the cap, sort last, so a quantile that reaches them is +Infinity).
   *
   * @param radii one per direction, in direction order (owned)
   * @param statuses one per direction (owned)
   * @param median 50% quantile
   * @param q05 5% quantile
   * @param q25 25% quantile
   * @param q75 75% quantile
   * @param q95 95% quantile
   * @param beyondCap directions with status BEYOND_CAP
   * @param nonFinite directions with status NON_FINITE
   * @param evaluations objective values over all directions
   */
  public record Summary(double[] radii, Status[] statuses, double median, double q05, double q25, double q75, double q95,
      int beyondCap, int nonFinite, long evaluations) {}

  /**
   * The radius along d.
   *
   * @param f the objective; used from the calling thread only
   * @param x the point (not modified)
   * @param d the direction, nonzero (not modified)
   * @param options delta, bracketing and tolerance
   */
  public static Radius along(Objective f, double[] x, double[] d, Options options) {
    int n = f.dimension();
    if (x.length != n || d.length != n) {
      throw new IllegalArgumentException("point and direction need length " + n + ", got " + x.length + " and " + d.length);
    }
    double[] work = new double[n];
    double f0 = f.value(x);
    return along(f, x, f0, d, 0, options, work);
  }

  private static Radius along(Objective f, double[] x, double f0, double[] d, int offset, Options o, double[] work) {
    int[] evals = {0};
    if (Double.isNaN(f0)) return new Radius(Double.NaN, Double.NaN, Status.NON_FINITE, 0);
    double lo = 0.0;
    double t = o.initialStep();
    double hi;
    while (true) {
      double rise = rise(f, x, f0, d, offset, t, work, evals);
      if (Double.isNaN(rise)) return new Radius(Double.NaN, lo, Status.NON_FINITE, evals[0]);
      if (rise >= o.delta()) {
        hi = t;
        break;
      }
      lo = t;
      if (t >= o.maxDistance()) {
        return new Radius(Double.POSITIVE_INFINITY, o.maxDistance(), Status.BEYOND_CAP, evals[0]);
      }
      t = Math.min(2.0 * t, o.maxDistance());
    }
    while (hi - lo > o.tolerance() * hi) {
      double mid = 0.5 * (lo + hi);
      double rise = rise(f, x, f0, d, offset, mid, work, evals);
      if (Double.isNaN(rise)) return new Radius(Double.NaN, lo, Status.NON_FINITE, evals[0]);
      if (rise >= o.delta()) hi = mid;
      else lo = mid;
    }
    return new Radius(hi, lo, Status.FOUND, evals[0]);
  }

  private static double rise(Objective f, double[] x, double f0, double[] d, int offset, double t, double[] work, int[] evals) {
    for (int i = 0; i < work.length; i++) work[i] = x[i] + t * d[offset + i];
    evals[0]++;
    return f.value(work) - f0;
  }

  /**
   * Radii along {@code count} directions, the rows of {@code directions} (row-major count x P), and
   * their quantiles. Sequential and deterministic.
   */
  public static Summary over(Objective f, double[] x, double[] directions, int count, Options options) {
    int n = f.dimension();
    if (x.length != n || count < 1 || directions.length != (long) count * n) {
      throw new IllegalArgumentException("need a point of length " + n + " and count >= 1 directions of length " + n
          + " (count * " + n + " entries), got point length " + x.length + ", count " + count + ", " + directions.length + " entries");
    }
    double f0 = f.value(x);
    double[] work = new double[n];
    double[] radii = new double[count];
    Status[] statuses = new Status[count];
    long evals = 1;
    int beyond = 0;
    int nonFinite = 0;
    for (int k = 0; k < count; k++) {
      Radius r = along(f, x, f0, directions, k * n, options, work);
      radii[k] = r.radius();
      statuses[k] = r.status();
      evals += r.evaluations();
      if (r.status() == Status.BEYOND_CAP) beyond++;
      if (r.status() == Status.NON_FINITE) nonFinite++;
    }
    double[] sorted = Quantiles.sortedFinitePart(radii);
    int m = sorted.length;
    return new Summary(radii, statuses, Quantiles.ofSorted(sorted, m, 0.5), Quantiles.ofSorted(sorted, m, 0.05),
        Quantiles.ofSorted(sorted, m, 0.25), Quantiles.ofSorted(sorted, m, 0.75), Quantiles.ofSorted(sorted, m, 0.95), beyond,
        nonFinite, evals);
  }
}

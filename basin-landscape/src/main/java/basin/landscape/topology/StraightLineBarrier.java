package basin.landscape.topology;

import basin.core.Objective;

/**
 * The barrier along the straight segment w(t) = (1 - t) a + t b, t in [0, 1]: the loss is sampled
 * at K equally spaced points t_i = i / (K - 1) (endpoints included), and the highest interior sample
 * is refined by golden-section search for a maximum on [t_(i-1), t_(i+1)] until the bracket is
 * shorter than {@code tolerance}. The level reported is the largest loss seen, so it never falls
 * below the sampled maximum; it is a lower bound on the true maximum along the segment (exact when
 * the loss is unimodal on the refined bracket).
 *
 * <p>Applied to the canonical forms that the catalog stores (each minimum's representative modulo
 * the network's symmetries), the segment is already crudely aligned: units are sorted the same way
 * in both. Without alignment a segment between two copies of one minimum can cross a high ridge.
 *
 * <p>Cost: K + about log(2 / ((K - 1) tolerance)) / log(1.618) loss evaluations. NaN or infinite
 * losses along the path give status NOT_FINITE and level NaN.
 */
public final class StraightLineBarrier implements PairBarrier {

  /** Golden ratio conjugate (sqrt(5) - 1) / 2. */
  private static final double INV_PHI = (Math.sqrt(5.0) - 1.0) / 2.0;

  /**
   * @param points K, samples along the segment including both endpoints (>= 3)
   * @param tolerance length in t of the bracket that ends the golden-section refinement (in (0, 1))
   */
  public record Config(int points, double tolerance) {
    public Config {
      if (points < 3) throw new IllegalArgumentException("points must be >= 3, got " + points);
      if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
    }

    /** 21 points, tolerance 1e-4. */
    public static Config defaults() {
      return new Config(21, 1e-4);
    }

    public Config withPoints(int v) {
      return new Config(v, tolerance);
    }
  }

  private final Objective f;
  private final Config config;
  private final double[] w;

  /** @param f the loss, used from the calling thread only */
  public StraightLineBarrier(Objective f, Config config) {
    this.f = f;
    this.config = config;
    this.w = new double[f.dimension()];
  }

  @Override
  public String method() {
    return "straight-line";
  }

  @Override
  public Barrier between(double[] a, double[] b) {
    int p = f.dimension();
    if (a.length != p || b.length != p) {
      throw new IllegalArgumentException("points have length " + a.length + " and " + b.length + ", the objective " + p);
    }
    int k = config.points();
    double[] values = new double[k];
    int evaluations = 0;
    int best = 0;
    boolean finite = true;
    for (int i = 0; i < k; i++) {
      double t = (double) i / (k - 1);
      values[i] = at(a, b, t);
      evaluations++;
      if (!Double.isFinite(values[i])) finite = false;
      if (values[i] > values[best]) best = i;
    }
    double lossA = values[0];
    double lossB = values[k - 1];
    if (!finite) return new Barrier(Barrier.Status.NOT_FINITE, Double.NaN, Double.NaN, lossA, lossB, evaluations);
    double level = values[best];
    double position = (double) best / (k - 1);
    if (best > 0 && best < k - 1) {
      double lo = (double) (best - 1) / (k - 1);
      double hi = (double) (best + 1) / (k - 1);
      double x1 = hi - INV_PHI * (hi - lo);
      double x2 = lo + INV_PHI * (hi - lo);
      double f1 = at(a, b, x1);
      double f2 = at(a, b, x2);
      evaluations += 2;
      while (hi - lo > config.tolerance()) {
        if (!(Double.isFinite(f1) && Double.isFinite(f2))) {
          return new Barrier(Barrier.Status.NOT_FINITE, Double.NaN, Double.NaN, lossA, lossB, evaluations);
        }
        if (f1 > level) {
          level = f1;
          position = x1;
        }
        if (f2 > level) {
          level = f2;
          position = x2;
        }
        if (f1 >= f2) {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - INV_PHI * (hi - lo);
          f1 = at(a, b, x1);
        } else {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + INV_PHI * (hi - lo);
          f2 = at(a, b, x2);
        }
        evaluations++;
      }
      if (f1 > level && Double.isFinite(f1)) {
        level = f1;
        position = x1;
      }
      if (f2 > level && Double.isFinite(f2)) {
        level = f2;
        position = x2;
      }
    }
    return new Barrier(Barrier.Status.FOUND, level, position, lossA, lossB, evaluations);
  }

  private double at(double[] a, double[] b, double t) {
    for (int i = 0; i < w.length; i++) w[i] = t == 1.0 ? b[i] : a[i] + t * (b[i] - a[i]);
    return f.value(w);
  }
}

package basin.landscape.paths;

/**
 * The piecewise linear path through points x_0, ..., x_m (a converged band's images), parametrized
 * by the fraction of its arc length: phi(t) is the point at arc length t S along the polyline, S its
 * total length. Immutable (the points are copied in).
 */
public final class Polyline implements ParametricPath {
  private final double[][] points;
  private final double[] cumulative;

  /** @param points at least two points of equal length (not modified) */
  public Polyline(double[][] points) {
    if (points.length < 2) throw new IllegalArgumentException("a polyline needs at least 2 points, got " + points.length);
    this.points = new double[points.length][];
    this.cumulative = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != points[0].length) {
        throw new IllegalArgumentException("polyline point " + i + " has length " + points[i].length + ", expected " + points[0].length);
      }
      this.points[i] = points[i].clone();
      if (i > 0) cumulative[i] = cumulative[i - 1] + PathProfiles.distance(points[i - 1], points[i]);
    }
  }

  /** The number of points. */
  public int size() {
    return points.length;
  }

  /** Point i (a copy). */
  public double[] vertex(int i) {
    return points[i].clone();
  }

  /** Total length S. */
  public double length() {
    return cumulative[cumulative.length - 1];
  }

  @Override
  public int dimension() {
    return points[0].length;
  }

  @Override
  public void point(double t, double[] out) {
    double s = t * length();
    int m = points.length - 1;
    int i = 0;
    while (i < m - 1 && cumulative[i + 1] < s) i++;
    double seg = cumulative[i + 1] - cumulative[i];
    double u = seg > 0 ? Math.min(1.0, Math.max(0.0, (s - cumulative[i]) / seg)) : 0.0;
    for (int q = 0; q < out.length; q++) out[q] = (1 - u) * points[i][q] + u * points[i + 1][q];
  }

  @Override
  public String kind() {
    return "neb";
  }
}

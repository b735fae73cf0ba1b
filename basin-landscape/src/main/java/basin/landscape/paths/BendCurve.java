package basin.landscape.paths;

/**
 * A curve from a to b through one free point theta, the bend (Garipov, Izmailov, Podoprikhin,
 * Vetrov, Wilson, "Loss Surfaces, Mode Connectivity, and Fast Ensembling of DNNs", NeurIPS 2018,
 * section 3):
 * <pre>
 *   BEZIER  phi(t) = (1 - t)^2 a + 2 t (1 - t) theta + t^2 b
 *   CHAIN   phi(t) = a + 2t (theta - a)            for t &lt;= 1/2
 *                    theta + (2t - 1)(b - theta)   for t &gt; 1/2
 * </pre>
 * Both are linear in theta: phi(t) = (terms in a, b) + c(t) theta with c(t) = 2t(1 - t) (Bezier),
 * 1 - |2t - 1| (chain), which {@link #bendWeight} returns; that is what the bend's gradient chains
 * through. Immutable (the points are copied in).
 *
 * @param shape BEZIER or CHAIN
 * @param a the start, phi(0)
 * @param bend theta
 * @param b the end, phi(1)
 */
public record BendCurve(Shape shape, double[] a, double[] bend, double[] b) implements ParametricPath {

  /** The two one-bend curves of Garipov et al. */
  public enum Shape { BEZIER, CHAIN }

  public BendCurve {
    if (shape == null) throw new IllegalArgumentException("BendCurve shape is null");
    if (a.length != b.length || bend.length != a.length) {
      throw new IllegalArgumentException("curve points have lengths " + a.length + ", " + bend.length + ", " + b.length);
    }
    a = a.clone();
    bend = bend.clone();
    b = b.clone();
  }

  @Override
  public int dimension() {
    return a.length;
  }

  /** c(t) = d phi(t) / d theta (a scalar times the identity). */
  public double bendWeight(double t) {
    return shape == Shape.BEZIER ? 2 * t * (1 - t) : 1 - Math.abs(2 * t - 1);
  }

  @Override
  public void point(double t, double[] out) {
    if (shape == Shape.BEZIER) {
      double ca = (1 - t) * (1 - t);
      double cm = 2 * t * (1 - t);
      double cb = t * t;
      for (int i = 0; i < a.length; i++) out[i] = ca * a[i] + cm * bend[i] + cb * b[i];
    } else if (t <= 0.5) {
      double s = 2 * t;
      for (int i = 0; i < a.length; i++) out[i] = (1 - s) * a[i] + s * bend[i];
    } else {
      double s = 2 * t - 1;
      for (int i = 0; i < a.length; i++) out[i] = (1 - s) * bend[i] + s * b[i];
    }
  }

  @Override
  public String kind() {
    return shape == Shape.BEZIER ? "bezier" : "chain";
  }
}

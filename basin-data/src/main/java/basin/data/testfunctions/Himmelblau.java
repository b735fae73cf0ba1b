package basin.data.testfunctions;

import basin.data.GlobalReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Himmelblau's function (Himmelblau 1972, Applied Nonlinear Programming):
 *
 * <pre>
 *   f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2
 *   grad f  = (4 x u + 2 v, 2 u + 4 y v),   u = x^2 + y - 11,  v = x + y^2 - 7
 *   H       = [[12 x^2 + 4 y - 42, 4 (x + y)], [4 (x + y), 4 x + 12 y^2 - 26]]
 * </pre>
 *
 * Its nine critical points (all of them: the gradient is a pair of cubics, so by Bezout there are
 * at most 9, and Newton's method from a 121 x 121 grid over the box finds these 9; values by
 * Newton's method to full double precision, {@code KnownCriticalPointsTest}; the literals in the
 * code carry all 17 digits):
 *
 * <table>
 *   <caption>critical points of Himmelblau's function</caption>
 *   <tr><th>kind</th><th>x</th><th>y</th><th>f</th></tr>
 *   <tr><td>minimum</td><td>3.000000000000</td><td>2.000000000000</td><td>0</td></tr>
 *   <tr><td>minimum</td><td>-2.805118086953</td><td>3.131312518251</td><td>0</td></tr>
 *   <tr><td>minimum</td><td>-3.779310253378</td><td>-3.283185991286</td><td>0</td></tr>
 *   <tr><td>minimum</td><td>3.584428340330</td><td>-1.848126526964</td><td>0</td></tr>
 *   <tr><td>saddle</td><td>0.086677504555</td><td>2.884254701175</td><td>67.719150087526</td></tr>
 *   <tr><td>saddle</td><td>-3.073025750764</td><td>-0.081353044288</td><td>104.015162917558</td></tr>
 *   <tr><td>saddle</td><td>3.385154183607</td><td>0.073851879838</td><td>13.311926270406</td></tr>
 *   <tr><td>saddle</td><td>-0.127961346731</td><td>-1.953714980245</td><td>178.337239201927</td></tr>
 *   <tr><td>maximum</td><td>-0.270844590667</td><td>-0.923038556480</td><td>181.616521522583</td></tr>
 * </table>
 *
 * The four minima are global (f = 0, exactly at (3, 2)). Box for random starts: [-5, 5]^2. Cost:
 * a few flops. NaN or Inf in gives NaN or Inf out.
 */
public final class Himmelblau implements TestFunction {

  /** x, y, f, index of the known critical points (see the class comment). */
  static final double[][] CRITICAL_POINTS = {
      {3.0, 2.0, 0.0, 0},
      {-2.805118086952745, 3.131312518250573, 0.0, 0},
      {-3.779310253377747, -3.2831859912861696, 0.0, 0},
      {3.5844283403304917, -1.8481265269644034, 0.0, 0},
      {0.08667750455539634, 2.884254701174776, 67.71915008752613, 1},
      {-3.0730257507643897, -0.08135304428796751, 104.01516291755811, 1},
      {3.385154183607021, 0.07385187983774928, 13.311926270405587, 1},
      {-0.12796134673068005, -1.9537149802445766, 178.33723920192745, 1},
      {-0.2708445906673476, -0.9230385564799813, 181.6165215225827, 2},
  };

  public Himmelblau() {}

  @Override
  public String name() {
    return "himmelblau";
  }

  @Override
  public String spec() {
    return "himmelblau";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double value(double[] w) {
    checkLength(w);
    double u = w[0] * w[0] + w[1] - 11;
    double v = w[0] + w[1] * w[1] - 7;
    return u * u + v * v;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    checkLength(w);
    double x = w[0];
    double y = w[1];
    double u = x * x + y - 11;
    double v = x + y * y - 7;
    gradient[0] = 4 * x * u + 2 * v;
    gradient[1] = 2 * u + 4 * y * v;
    return u * u + v * v;
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    double x = w[0];
    double y = w[1];
    double hxx = 4 * (x * x + y - 11) + 8 * x * x + 2;
    double hxy = 4 * (x + y);
    double hyy = 2 + 4 * (x + y * y - 7) + 8 * y * y;
    double r0 = hxx * v[0] + hxy * v[1];
    double r1 = hxy * v[0] + hyy * v[1];
    result[0] = r0;
    result[1] = r1;
  }

  @Override
  public void hessian(double[] w, double[] hessian) {
    checkLength(w);
    if (hessian.length != 4) throw new IllegalArgumentException("hessian has length " + hessian.length + ", expected 4");
    double x = w[0];
    double y = w[1];
    double u = x * x + y - 11;
    double v = x + y * y - 7;
    hessian[0] = 4 * u + 8 * x * x + 2;
    hessian[1] = 4 * (x + y);
    hessian[2] = hessian[1];
    hessian[3] = 2 + 4 * v + 8 * y * y;
  }

  @Override
  public double[] lower() {
    return new double[] {-5, -5};
  }

  @Override
  public double[] upper() {
    return new double[] {5, 5};
  }

  /** The four global minima, the four saddles of index 1 and the maximum. */
  @Override
  public List<KnownCriticalPoint> knownCriticalPoints() {
    List<KnownCriticalPoint> points = new ArrayList<>();
    for (double[] p : CRITICAL_POINTS) {
      points.add(KnownCriticalPoint.of(new double[] {p[0], p[1]}, p[2], (int) p[3], p[3] == 0));
    }
    return points;
  }

  @Override
  public GlobalReference globalReference() {
    return GlobalReference.closedForm(0.0, "Himmelblau: a sum of two squares, both zero at (3, 2) and three other minima");
  }

  @Override
  public Himmelblau copy() {
    return this;
  }

  private static void checkLength(double[] w) {
    if (w.length != 2) throw new IllegalArgumentException("parameters have length " + w.length + ", expected 2");
  }
}

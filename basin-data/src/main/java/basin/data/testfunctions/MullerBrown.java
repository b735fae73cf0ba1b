package basin.data.testfunctions;

import basin.data.GlobalReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The Muller-Brown potential (Muller and Brown 1979, Theor. Chim. Acta 53, 75), the standard
 * two-dimensional test of minimum-energy paths and saddle searches:
 *
 * <pre>
 *   V(x, y) = sum_{k=1..4} A_k exp( a_k (x - x0_k)^2 + b_k (x - x0_k)(y - y0_k) + c_k (y - y0_k)^2 )
 *   A  = (-200, -100, -170, 15)     a  = (-1, -1, -6.5, 0.7)     b = (0, 0, 11, 0.6)
 *   c  = (-10, -10, -6.5, 0.7)      x0 = (1, 0, -0.5, -1)        y0 = (0, 0.5, 1.5, 1)
 * </pre>
 *
 * Known critical points (Newton's method to full double precision, {@code KnownCriticalPointsTest};
 * the literals in the code carry all 17 digits):
 *
 * <table>
 *   <caption>critical points of the Muller-Brown potential</caption>
 *   <tr><th>kind</th><th>x</th><th>y</th><th>V</th></tr>
 *   <tr><td>minimum</td><td>-0.558223634633</td><td>1.441725841805</td><td>-146.699517209954</td></tr>
 *   <tr><td>minimum</td><td>0.623499404931</td><td>0.028037758529</td><td>-108.166724116852</td></tr>
 *   <tr><td>minimum</td><td>-0.050010822998</td><td>0.466694104872</td><td>-80.767818129659</td></tr>
 *   <tr><td>saddle</td><td>-0.822001558733</td><td>0.624312802815</td><td>-40.664843508657</td></tr>
 *   <tr><td>saddle</td><td>0.212486582001</td><td>0.292988325107</td><td>-72.248940112325</td></tr>
 * </table>
 *
 * Newton's method from a 121 x 121 grid of starts over the box finds these five and no other
 * critical point in the box. The minimum energy path runs from the global minimum (-0.558, 1.442)
 * over the saddle at (-0.822, 0.624), through the shallow minimum (-0.050, 0.467), over the saddle
 * at (0.212, 0.293) to the minimum at (0.623, 0.028). The fourth term grows without bound
 * (A_4 &gt; 0, a_4, c_4 &gt; 0), so V is bounded below and its global minimum is the deepest minimum.
 * Box for random starts: x in [-1.5, 1.2], y in [-0.5, 2.0]. Cost: 4 exponentials per value,
 * gradient, Hessian or Hessian-vector product. NaN or Inf in gives NaN or Inf out.
 */
public final class MullerBrown implements TestFunction {
  private static final double[] A = {-200, -100, -170, 15};
  private static final double[] AA = {-1, -1, -6.5, 0.7};
  private static final double[] BB = {0, 0, 11, 0.6};
  private static final double[] CC = {-10, -10, -6.5, 0.7};
  private static final double[] X0 = {1, 0, -0.5, -1};
  private static final double[] Y0 = {0, 0.5, 1.5, 1};

  /** x, y, V, index of the known critical points (see the class comment). */
  static final double[][] CRITICAL_POINTS = {
      {-0.5582236346330243, 1.4417258418046686, -146.699517209954, 0},
      {0.6234994049308765, 0.028037758528685668, -108.16672411685236, 0},
      {-0.0500108229982061, 0.4666941048719721, -80.76781812965903, 0},
      {-0.8220015587327321, 0.6243128028148713, -40.6648435086574, 1},
      {0.21248658200066206, 0.2929883251073677, -72.24894011232523, 1},
  };

  public MullerBrown() {}

  @Override
  public String name() {
    return "muller-brown";
  }

  @Override
  public String spec() {
    return "muller-brown";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double value(double[] w) {
    checkLength(w);
    double x = w[0];
    double y = w[1];
    double v = 0;
    for (int k = 0; k < 4; k++) {
      double dx = x - X0[k];
      double dy = y - Y0[k];
      v += A[k] * Math.exp(AA[k] * dx * dx + BB[k] * dx * dy + CC[k] * dy * dy);
    }
    return v;
  }

  /** dV/dx = sum A e (2 a dx + b dy), dV/dy = sum A e (b dx + 2 c dy). */
  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    checkLength(w);
    double x = w[0];
    double y = w[1];
    double v = 0;
    double gx = 0;
    double gy = 0;
    for (int k = 0; k < 4; k++) {
      double dx = x - X0[k];
      double dy = y - Y0[k];
      double e = A[k] * Math.exp(AA[k] * dx * dx + BB[k] * dx * dy + CC[k] * dy * dy);
      v += e;
      gx += e * (2 * AA[k] * dx + BB[k] * dy);
      gy += e * (BB[k] * dx + 2 * CC[k] * dy);
    }
    gradient[0] = gx;
    gradient[1] = gy;
    return v;
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    double hxx = 0;
    double hxy = 0;
    double hyy = 0;
    for (int k = 0; k < 4; k++) {
      double dx = w[0] - X0[k];
      double dy = w[1] - Y0[k];
      double e = A[k] * Math.exp(AA[k] * dx * dx + BB[k] * dx * dy + CC[k] * dy * dy);
      double px = 2 * AA[k] * dx + BB[k] * dy;
      double py = BB[k] * dx + 2 * CC[k] * dy;
      hxx += e * (px * px + 2 * AA[k]);
      hxy += e * (px * py + BB[k]);
      hyy += e * (py * py + 2 * CC[k]);
    }
    double r0 = hxx * v[0] + hxy * v[1];
    double r1 = hxy * v[0] + hyy * v[1];
    result[0] = r0;
    result[1] = r1;
  }

  /** H = sum A e [[px^2 + 2a, px py + b], [px py + b, py^2 + 2c]], px = 2 a dx + b dy, py = b dx + 2 c dy. */
  @Override
  public void hessian(double[] w, double[] hessian) {
    checkLength(w);
    if (hessian.length != 4) throw new IllegalArgumentException("hessian has length " + hessian.length + ", expected 4");
    double hxx = 0;
    double hxy = 0;
    double hyy = 0;
    for (int k = 0; k < 4; k++) {
      double dx = w[0] - X0[k];
      double dy = w[1] - Y0[k];
      double e = A[k] * Math.exp(AA[k] * dx * dx + BB[k] * dx * dy + CC[k] * dy * dy);
      double px = 2 * AA[k] * dx + BB[k] * dy;
      double py = BB[k] * dx + 2 * CC[k] * dy;
      hxx += e * (px * px + 2 * AA[k]);
      hxy += e * (px * py + BB[k]);
      hyy += e * (py * py + 2 * CC[k]);
    }
    hessian[0] = hxx;
    hessian[1] = hxy;
    hessian[2] = hxy;
    hessian[3] = hyy;
  }

  @Override
  public double[] lower() {
    return new double[] {-1.5, -0.5};
  }

  @Override
  public double[] upper() {
    return new double[] {1.2, 2.0};
  }

  /** The three minima (deepest first) and the two saddles of index 1. */
  @Override
  public List<KnownCriticalPoint> knownCriticalPoints() {
    List<KnownCriticalPoint> points = new ArrayList<>();
    for (int i = 0; i < CRITICAL_POINTS.length; i++) {
      double[] p = CRITICAL_POINTS[i];
      points.add(KnownCriticalPoint.of(new double[] {p[0], p[1]}, p[2], (int) p[3], i == 0));
    }
    return points;
  }

  @Override
  public GlobalReference globalReference() {
    return GlobalReference.closedForm(CRITICAL_POINTS[0][2],
        "Muller-Brown: the deepest of its three minima (V bounded below), located by Newton's method to full precision");
  }

  @Override
  public MullerBrown copy() {
    return this;
  }

  private static void checkLength(double[] w) {
    if (w.length != 2) throw new IllegalArgumentException("parameters have length " + w.length + ", expected 2");
  }
}

package basin.data.testfunctions;

import basin.data.GlobalReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Rastrigin function in n &gt;= 1 dimensions with A = 10 (Rastrigin 1974; Muhlenbein et al. 1991):
 *
 * <pre>
 *   f(x)    = 10 n + sum_i (x_i^2 - 10 cos(2 pi x_i))
 *   df/dx_i = 2 x_i + 20 pi sin(2 pi x_i)
 *   H       = diag(2 + 40 pi^2 cos(2 pi x_i))
 * </pre>
 *
 * Global minimum 0 at the origin. f is separable, so its critical points are the products of the
 * critical points of the one-dimensional g(x) = x^2 - 10 cos(2 pi x) + 10. In the box [-5.12,
 * 5.12] g has 21 of them, one near each half-integer h/2, h = -10..10 ({@link #criticalCoordinate}
 * computes each by Newton's method from h/2): a minimum for even h (g'' = 2 + 40 pi^2 cos &gt; 0), a
 * maximum for odd h. So the critical points of f in the box are indexed by h in {-10..10}^n
 * ({@link #criticalPoint(int[])}): 21^n of them, with value sum_i g(x(h_i)) and Hessian index
 * #{i: h_i odd} (a local minimum when every h_i is even). To first order x(h) = h/2 - h / (2 + (-1)^h
 * 40 pi^2): minima are pulled towards the origin, maxima pushed away from it.
 *
 * <p>{@link #knownCriticalPoints()} lists those with every h_i in {-2..2} (5^n points) when n &lt;= 6,
 * and only the origin plus the 4 n points with one nonzero h_i in {-2..2} when n &gt; 6. Box for random
 * starts: [-5.12, 5.12]^n. Cost: O(n) per value, gradient or Hessian-vector product. NaN or Inf in
 * gives NaN or Inf out.
 */
public final class Rastrigin implements TestFunction {
  /** Largest n accepted. */
  public static final int MAX_DIMENSION = 40_000;
  /** Largest |h| of {@link #criticalCoordinate(int)}: the critical points inside [-5.12, 5.12]. */
  public static final int MAX_HALF_STEPS = 10;
  /** Largest n for which {@link #knownCriticalPoints()} lists all 5^n points with |h_i| &lt;= 2. */
  public static final int MAX_LISTED_GRID_DIMENSION = 6;

  private static final double A = 10.0;
  private static final double TWO_PI = 2 * Math.PI;
  /** COORDINATES[h + 10] = the critical point of g near h/2. */
  private static final double[] COORDINATES = new double[2 * MAX_HALF_STEPS + 1];

  static {
    for (int h = -MAX_HALF_STEPS; h <= MAX_HALF_STEPS; h++) COORDINATES[h + MAX_HALF_STEPS] = newton(h);
  }

  private final int n;

  /** @param n dimension, 1 &lt;= n &lt;= {@link #MAX_DIMENSION} */
  public Rastrigin(int n) {
    if (n < 1 || n > MAX_DIMENSION) throw new IllegalArgumentException("rastrigin needs 1 <= n <= " + MAX_DIMENSION + ", got " + n);
    this.n = n;
  }

  @Override
  public String name() {
    return "rastrigin";
  }

  @Override
  public String spec() {
    return "rastrigin:n=" + n;
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] w) {
    checkLength(w);
    double f = 0;
    for (int i = 0; i < n; i++) f += oneDimensional(w[i]);
    return f;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    checkLength(w);
    double f = 0;
    for (int i = 0; i < n; i++) {
      double x = w[i];
      f += oneDimensional(x);
      gradient[i] = 2 * x + TWO_PI * A * Math.sin(TWO_PI * x);
    }
    return f;
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    for (int i = 0; i < n; i++) result[i] = secondDerivative(w[i]) * v[i];
  }

  @Override
  public void hessian(double[] w, double[] hessian) {
    checkLength(w);
    if (hessian.length != n * n) throw new IllegalArgumentException("hessian has length " + hessian.length + ", expected " + n * n);
    Arrays.fill(hessian, 0.0);
    for (int i = 0; i < n; i++) hessian[i * n + i] = secondDerivative(w[i]);
  }

  /**
   * The critical point of g(x) = x^2 - 10 cos(2 pi x) + 10 near h/2: a minimum for even h, a maximum
   * for odd h. Newton's method from h/2, to full double precision.
   *
   * @param h half-steps, -{@value #MAX_HALF_STEPS} &lt;= h &lt;= {@value #MAX_HALF_STEPS}
   */
  public static double criticalCoordinate(int h) {
    if (h < -MAX_HALF_STEPS || h > MAX_HALF_STEPS) {
      throw new IllegalArgumentException("h must be in [-" + MAX_HALF_STEPS + ", " + MAX_HALF_STEPS + "], got " + h);
    }
    return COORDINATES[h + MAX_HALF_STEPS];
  }

  /**
   * The critical point with coordinates {@link #criticalCoordinate}(h_i): value sum_i g, index
   * #{i: h_i odd}, global only at h = 0.
   *
   * @param h n half-step indices in [-{@value #MAX_HALF_STEPS}, {@value #MAX_HALF_STEPS}] (not modified)
   */
  public KnownCriticalPoint criticalPoint(int[] h) {
    if (h.length != n) throw new IllegalArgumentException("h has length " + h.length + ", expected n = " + n);
    double[] x = new double[n];
    int index = 0;
    boolean origin = true;
    for (int i = 0; i < n; i++) {
      x[i] = criticalCoordinate(h[i]);
      if (h[i] % 2 != 0) index++;
      origin &= h[i] == 0;
    }
    return KnownCriticalPoint.of(x, value(x), index, origin);
  }

  /** See the class comment: 5^n points for n &lt;= 6, else the origin and 4 n points on the axes. */
  @Override
  public List<KnownCriticalPoint> knownCriticalPoints() {
    List<KnownCriticalPoint> points = new ArrayList<>();
    int[] h = new int[n];
    points.add(criticalPoint(h));
    if (n <= MAX_LISTED_GRID_DIMENSION) {
      // every h in {-2..2}^n except the origin, by increasing |h|_1 so that the origin and its neighbours come first
      List<int[]> grid = new ArrayList<>();
      int[] digits = new int[n];
      int total = 1;
      for (int i = 0; i < n; i++) total *= 5;
      for (int code = 0; code < total; code++) {
        int c = code;
        boolean zero = true;
        for (int i = 0; i < n; i++) {
          digits[i] = c % 5 - 2;
          c /= 5;
          zero &= digits[i] == 0;
        }
        if (!zero) grid.add(digits.clone());
      }
      grid.sort((p, q) -> Integer.compare(l1(p), l1(q)));
      for (int[] g : grid) points.add(criticalPoint(g));
    } else {
      for (int i = 0; i < n; i++) {
        for (int step : new int[] {-2, -1, 1, 2}) {
          h[i] = step;
          points.add(criticalPoint(h));
        }
        h[i] = 0;
      }
    }
    points.sort((p, q) -> Integer.compare(p.index(), q.index())); // stable: minima first, then by |h|_1
    return points;
  }

  @Override
  public double[] lower() {
    double[] x = new double[n];
    Arrays.fill(x, -5.12);
    return x;
  }

  @Override
  public double[] upper() {
    double[] x = new double[n];
    Arrays.fill(x, 5.12);
    return x;
  }

  @Override
  public GlobalReference globalReference() {
    return GlobalReference.closedForm(0.0, "Rastrigin: every term x^2 - 10 cos(2 pi x) + 10 is >= 0, with equality only at x = 0");
  }

  @Override
  public Rastrigin copy() {
    return this;
  }

  private static int l1(int[] h) {
    int s = 0;
    for (int x : h) s += Math.abs(x);
    return s;
  }

  private static double oneDimensional(double x) {
    return x * x - A * Math.cos(TWO_PI * x) + A;
  }

  private static double secondDerivative(double x) {
    return 2 + TWO_PI * TWO_PI * A * Math.cos(TWO_PI * x);
  }

  /** Newton on g'(x) = 2 x + 20 pi sin(2 pi x) = 0 from h/2; stops when a step no longer shrinks. */
  private static double newton(int h) {
    double x = 0.5 * h;
    double previous = Double.POSITIVE_INFINITY;
    for (int iteration = 0; iteration < 100; iteration++) {
      double step = (2 * x + TWO_PI * A * Math.sin(TWO_PI * x)) / secondDerivative(x);
      if (!(Math.abs(step) < previous)) break;
      x -= step;
      previous = Math.abs(step);
      if (step == 0) break;
    }
    return x;
  }

  private void checkLength(double[] w) {
    if (w.length != n) throw new IllegalArgumentException("parameters have length " + w.length + ", expected n = " + n);
  }
}

package basin.data.testfunctions;

import basin.data.GlobalReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The extended Rosenbrock function in n &gt;= 2 dimensions (the "sum" form; Rosenbrock 1960):
 *
 * <pre>
 *   f(x) = sum_{i=1..n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2
 *   df/dx_i = -400 x_i (x_{i+1} - x_i^2) - 2 (1 - x_i)  [i &lt; n]  +  200 (x_i - x_{i-1}^2)  [i &gt; 1]
 *   H is tridiagonal: H_ii = 1200 x_i^2 - 400 x_{i+1} + 2 [i &lt; n] + 200 [i &gt; 1],  H_{i,i+1} = -400 x_i
 * </pre>
 *
 * Global minimum 0 at (1, ..., 1). For 4 &lt;= n &lt;= 7 there is exactly one more minimum, near (-1,
 * 1, ..., 1) (Kok and Sandrock 2009, Evol. Comput. 17(3)); it is the minimum that a damped
 * Newton iteration (Levenberg-Marquardt) from (-1, 1, ..., 1) reaches, polished by pure Newton to
 * full double precision ({@code KnownCriticalPointsTest}; the literals in the code carry all 17
 * digits). For n = 4 it lies well away from that start; from n = 5 on it approaches it. Between
 * the two minima lies a saddle of index 1 (the mountain pass; pure Newton from a rough start):
 *
 * <table>
 *   <caption>second minimum and index-1 saddle of the extended Rosenbrock function</caption>
 *   <tr><th>n</th><th>kind</th><th>x</th><th>f</th></tr>
 *   <tr><td>4</td><td>second minimum</td><td>(-0.775659226565, 0.613093365485, 0.382062846338, 0.145972018552)</td><td>3.701428610430</td></tr>
 *   <tr><td>4</td><td>saddle</td><td>(-0.656124635719, 0.443120040972, 0.204312248228, 0.0417434947761)</td><td>3.708241996647</td></tr>
 *   <tr><td>5</td><td>second minimum</td><td>(-0.962051020695, 0.935739395977, 0.880713604194, 0.777877675854, 0.605093678593)</td><td>3.930839434133</td></tr>
 *   <tr><td>5</td><td>saddle</td><td>(-0.557468315899, 0.324740042834, 0.116567321445, 0.0233543964643, 0.000545427834212)</td><td>4.657371428201</td></tr>
 *   <tr><td>6</td><td>second minimum</td><td>(-0.986574979571, 0.983398228836, 0.972106670053, 0.947437436826, 0.898651184852, 0.807573952035)</td><td>3.973940500930</td></tr>
 *   <tr><td>6</td><td>saddle</td><td>(-0.555419727179, 0.322493274297, 0.115207004099, 0.0235027704050, 0.0104479012047, 0.000109158639582)</td><td>5.646383966588</td></tr>
 *   <tr><td>7</td><td>second minimum</td><td>(-0.991722572561, 0.993555393503, 0.992173321595, 0.986898762690, 0.975164756609, 0.951431982705, 0.905222817714)</td><td>3.983600536425</td></tr>
 *   <tr><td>7</td><td>saddle</td><td>(-0.555376976761, 0.322446480222, 0.115178799753, 0.0235061269289, 0.0106569734794, 0.0100134367166, 0.000100268914877)</td><td>6.636262507560</td></tr>
 * </table>
 *
 * Newton's method from 2000 random starts in [-2.5, 2.5]^n (95% of them converge) finds no other
 * critical point for 2 &lt;= n &lt;= 7 (for n = 2, 3 only the global minimum). For n &gt;= 8 only the
 * global minimum is listed; a second minimum and a saddle continue to exist (f ~ 3.99 and 7.63 at
 * n = 8) but are not listed. Box for random starts: [-2, 2]^n. Cost: O(n) per value, gradient or
 * Hessian-vector product; the dense Hessian is O(n^2) to fill. NaN or Inf in gives NaN or Inf out.
 */
public final class Rosenbrock implements TestFunction {
  /** Largest n accepted (the dense Hessian of a larger one would not fit in an array). */
  public static final int MAX_DIMENSION = 40_000;

  /** The second minimum for n = 4..7: row n - 4 holds x_1..x_n, then f. */
  static final double[][] SECOND_MINIMA = {
      {-0.7756592265653524, 0.613093365485043, 0.38206284633839266, 0.14597201855219424, 3.7014286104300176},
      {-0.9620510206947501, 0.9357393959767101, 0.8807136041943205, 0.7778776758544064, 0.605093678592653, 3.9308394341330275},
      {-0.9865749795709937, 0.9833982288361818, 0.9721066700530919, 0.947437436826436, 0.8986511848517296, 0.8075739520354174, 3.973940500930295},
      {-0.9917225725614055, 0.9935553935033712, 0.9921733215946921, 0.986898762690314, 0.975164756608873, 0.9514319827049926, 0.9052228177139535, 3.983600536424854},
  };

  /** The saddle of index 1 between the two minima for n = 4..7: row n - 4 holds x_1..x_n, then f. */
  static final double[][] SADDLES = {
      {-0.656124635719446, 0.4431200409715726, 0.20431224822836452, 0.04174349477612885, 3.7082419966472613},
      {-0.5574683158988489, 0.32474004283377633, 0.11656732144533997, 0.023354396464298235, 5.454278342116258E-4, 4.657371428200575},
      {-0.5554197271790323, 0.32249327429744495, 0.1152070040989045, 0.02350277040503075, 0.01044790120466494, 1.091586395824391E-4, 5.64638396658795},
      {-0.5553769767605888, 0.3224464802224327, 0.11517879975265276, 0.023506126928869407, 0.010656973479399591, 0.010013436716574876, 1.0026891487684985E-4, 6.636262507560018},
  };

  private final int n;

  /** @param n dimension, 2 &lt;= n &lt;= {@link #MAX_DIMENSION} */
  public Rosenbrock(int n) {
    if (n < 2 || n > MAX_DIMENSION) throw new IllegalArgumentException("rosenbrock needs 2 <= n <= " + MAX_DIMENSION + ", got " + n);
    this.n = n;
  }

  @Override
  public String name() {
    return "rosenbrock";
  }

  @Override
  public String spec() {
    return "rosenbrock:n=" + n;
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] w) {
    checkLength(w);
    double f = 0;
    for (int i = 0; i < n - 1; i++) {
      double a = w[i + 1] - w[i] * w[i];
      double b = 1 - w[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    checkLength(w);
    double f = 0;
    Arrays.fill(gradient, 0, n, 0.0);
    for (int i = 0; i < n - 1; i++) {
      double a = w[i + 1] - w[i] * w[i];
      double b = 1 - w[i];
      f += 100 * a * a + b * b;
      gradient[i] += -400 * w[i] * a - 2 * b;
      gradient[i + 1] += 200 * a;
    }
    return f;
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    Arrays.fill(result, 0, n, 0.0);
    for (int i = 0; i < n - 1; i++) {
      double hii = 1200 * w[i] * w[i] - 400 * w[i + 1] + 2;
      double hij = -400 * w[i];
      result[i] += hii * v[i] + hij * v[i + 1];
      result[i + 1] += hij * v[i] + 200 * v[i + 1];
    }
  }

  @Override
  public void hessian(double[] w, double[] hessian) {
    checkLength(w);
    if (hessian.length != n * n) throw new IllegalArgumentException("hessian has length " + hessian.length + ", expected " + n * n);
    Arrays.fill(hessian, 0.0);
    for (int i = 0; i < n - 1; i++) {
      hessian[i * n + i] += 1200 * w[i] * w[i] - 400 * w[i + 1] + 2;
      hessian[i * n + i + 1] = -400 * w[i];
      hessian[(i + 1) * n + i] = -400 * w[i];
      hessian[(i + 1) * n + i + 1] += 200;
    }
  }

  @Override
  public double[] lower() {
    double[] x = new double[n];
    Arrays.fill(x, -2);
    return x;
  }

  @Override
  public double[] upper() {
    double[] x = new double[n];
    Arrays.fill(x, 2);
    return x;
  }

  /**
   * The global minimum (1, ..., 1) and, for 4 &lt;= n &lt;= 7, the second minimum near (-1, 1, ..., 1)
   * and the saddle of index 1 between them.
   */
  @Override
  public List<KnownCriticalPoint> knownCriticalPoints() {
    List<KnownCriticalPoint> points = new ArrayList<>();
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    points.add(KnownCriticalPoint.of(ones, 0.0, 0, true));
    if (n >= 4 && n <= 7) {
      double[] row = SECOND_MINIMA[n - 4];
      points.add(KnownCriticalPoint.of(Arrays.copyOf(row, n), row[n], 0, false));
      row = SADDLES[n - 4];
      points.add(KnownCriticalPoint.of(Arrays.copyOf(row, n), row[n], 1, false));
    }
    return points;
  }

  @Override
  public GlobalReference globalReference() {
    return GlobalReference.closedForm(0.0, "Rosenbrock: a sum of squares, all zero at (1, ..., 1)");
  }

  @Override
  public Rosenbrock copy() {
    return this;
  }

  private void checkLength(double[] w) {
    if (w.length != n) throw new IllegalArgumentException("parameters have length " + w.length + ", expected n = " + n);
  }
}

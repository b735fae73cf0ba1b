package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.model.Initializer;
import java.util.SplittableRandom;

/**
 * Escape from a saddle by random directions: from the saddle w, try w + r d for directions d uniform
 * on the unit sphere (normalized standard Gaussians), keep the first that lowers the loss, and
 * measure the success probability per try.
 *
 * <h2>The quadratic saddle</h2>
 * For f(x) = 1/2 sum_i lambda_i x_i^2 at x = 0, f(r d) - f(0) = (r^2 / 2) sum_i lambda_i d_i^2, so a
 * try succeeds iff Q(d) = sum lambda_i d_i^2 &lt; 0, at every radius. Q is scale-invariant, so for d
 * uniform on the sphere P(Q(d) &lt; 0) = P(sum lambda_i z_i^2 &lt; 0) with z standard Gaussian, a
 * weighted sum of chi-square(1) variables. {@link #quadraticSuccessProbability} computes it by Imhof's
 * inversion of the characteristic function (J. P. Imhof, "Computing the distribution of quadratic
 * forms in normal variables", Biometrika 48, 1961, eq. 3.2 with x = 0):
 * <pre>
 *   P(Q &lt; 0) = 1/2 - (1/pi) int_0^inf sin(theta(u)) / (u rho(u)) du,
 *   theta(u) = 1/2 sum_i arctan(lambda_i u),   rho(u) = prod_i (1 + lambda_i^2 u^2)^(1/4)
 * </pre>
 * integrated after u = tan(phi) / s (s the root mean square of the nonzero |lambda_i|) by 64 panels
 * of 32-point Gauss-Legendre over phi in (0, pi/2). With eigenvalues +-1 (k negative, m positive)
 * the answer is exact in closed form ({@link #signedUnitSuccessProbability}): with X = chi2_k and Y =
 * chi2_m independent, B = X / (X + Y) ~ Beta(k/2, m/2), so
 * <pre>
 *   P(X &gt; Y) = P(B &gt; 1/2) = 1 - I_{1/2}(k/2, m/2) = I_{1/2}(m/2, k/2)
 * </pre>
 * (I the regularized incomplete beta function, evaluated by its continued fraction, DLMF 8.17.22,
 * with modified Lentz's method); the test checks the Imhof integral against it.
 *
 * <p>Cost: one value of f per try. Thread-safe (static methods; each call its own generator).
 */
public final class RandomDirectionEscape {
  private RandomDirectionEscape() {}

  /**
   * Configuration.
   *
   * @param radius r, the step length; finite, &gt; 0
   * @param tries the number of directions tried, &gt;= 1
   * @param seed the seed of the directions
   */
  public record Config(double radius, int tries, long seed) {
    public Config {
      if (!(radius > 0 && radius < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("escape radius must be finite and > 0, got " + radius);
      if (tries < 1) throw new IllegalArgumentException("escape tries must be >= 1, got " + tries);
    }
  }

  /**
   * The outcome.
   *
   * @param tries directions tried
   * @param successes tries with f(w + r d) &lt; f(w)
   * @param rate successes / tries with its 95 % Wilson interval
   * @param standardError the binomial standard error sqrt(p (1 - p) / n) of the rate
   * @param firstSuccess the try (0-based) of the first success, or -1
   * @param escapePoint w + r d of the first success (the point kept), or null
   * @param saddleValue f(w)
   * @param bestValue the lowest f(w + r d) over all tries
   */
  public record Result(int tries, int successes, Share rate, double standardError, int firstSuccess, double[] escapePoint,
      double saddleValue, double bestValue) {
    public Result {
      escapePoint = escapePoint == null ? null : escapePoint.clone();
    }

    @Override
    public double[] escapePoint() {
      return escapePoint == null ? null : escapePoint.clone();
    }

    /** Whether some try lowered the loss. */
    public boolean escaped() {
      return successes > 0;
    }
  }

  /**
   * Tries {@code config.tries()} random unit directions from w.
   *
   * @param f the objective; used from the calling thread only
   * @param w the saddle (any point), length P (not modified)
   * @param config radius, tries, seed
   */
  public static Result attempt(Objective f, double[] w, Config config) {
    int p = f.dimension();
    if (w.length != p) throw new IllegalArgumentException("point has length " + w.length + ", objective dimension is " + p);
    SplittableRandom random = new SplittableRandom(config.seed());
    double base = f.value(w);
    double[] d = new double[p];
    double[] trial = new double[p];
    double[] kept = null;
    int first = -1;
    int successes = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int t = 0; t < config.tries(); t++) {
      double norm = 0;
      for (int i = 0; i < p; i++) {
        d[i] = Initializer.gaussian(random);
        norm += d[i] * d[i];
      }
      double scale = config.radius() / Math.sqrt(norm);
      for (int i = 0; i < p; i++) trial[i] = w[i] + scale * d[i];
      double v = f.value(trial);
      if (v < best) best = v;
      if (v < base) {
        successes++;
        if (first < 0) {
          first = t;
          kept = trial.clone();
        }
      }
    }
    double rate = successes / (double) config.tries();
    return new Result(config.tries(), successes, Share.wilson95(successes, config.tries()),
        Math.sqrt(rate * (1 - rate) / config.tries()), first, kept, base, best);
  }

  /**
   * P(sum_i lambda_i d_i^2 &lt; 0) for d uniform on the unit sphere in R^n, by Imhof's integral (see
   * the class comment). Zero eigenvalues drop out; with one nonzero eigenvalue the answer is 1 or 0
   * exactly; with none it is 0. Absolute error below 1e-10 in the tests (against the closed form for
   * +-1 eigenvalues, n up to 50).
   *
   * @param eigenvalues lambda_1..lambda_n, finite (not modified)
   */
  public static double quadraticSuccessProbability(double[] eigenvalues) {
    int nonzero = 0;
    double sumSquares = 0;
    int negative = 0;
    for (double l : eigenvalues) {
      if (!Double.isFinite(l)) throw new IllegalArgumentException("eigenvalues must be finite, got " + l);
      if (l != 0) {
        nonzero++;
        sumSquares += l * l;
        if (l < 0) negative++;
      }
    }
    if (negative == 0) return 0.0;
    if (negative == nonzero) return 1.0;
    double s = Math.sqrt(sumSquares / nonzero);
    double[] nodes = GaussLegendre.NODES;
    double[] weights = GaussLegendre.WEIGHTS;
    int panels = 64;
    double width = 0.5 * Math.PI / panels;
    double integral = 0;
    for (int k = 0; k < panels; k++) {
      double a = k * width;
      for (int q = 0; q < nodes.length; q++) {
        double phi = a + 0.5 * width * (nodes[q] + 1);
        double tan = Math.tan(phi);
        double u = tan / s;
        double dudphi = (1 + tan * tan) / s;
        double theta = 0;
        double logRho = 0;
        for (double l : eigenvalues) {
          if (l == 0) continue;
          theta += Math.atan(l * u);
          logRho += Math.log1p(l * l * u * u);
        }
        theta *= 0.5;
        logRho *= 0.25;
        double integrand = Math.sin(theta) / (u * Math.exp(logRho)) * dudphi;
        if (Double.isFinite(integrand)) integral += 0.5 * width * weights[q] * integrand;
      }
    }
    double pr = 0.5 - integral / Math.PI;
    return Math.min(1.0, Math.max(0.0, pr));
  }

  /**
   * P(sum lambda_i d_i^2 &lt; 0) when k eigenvalues are -1 and n - k are +1: I_{1/2}((n - k)/2, k/2)
   * exactly (see the class comment).
   *
   * @param n the dimension, &gt;= 1
   * @param k the index, 0 &lt;= k &lt;= n
   */
  public static double signedUnitSuccessProbability(int n, int k) {
    if (n < 1 || k < 0 || k > n) throw new IllegalArgumentException("need n >= 1 and 0 <= k <= n, got n = " + n + ", k = " + k);
    if (k == 0) return 0.0;
    if (k == n) return 1.0;
    return regularizedIncompleteBeta(0.5, 0.5 * (n - k), 0.5 * k);
  }

  /**
   * I_x(a, b) = B(x; a, b) / B(a, b) for a, b &gt; 0 and x in [0, 1], by the continued fraction
   * (DLMF 8.17.22) with modified Lentz's method, using I_x(a, b) = 1 - I_{1-x}(b, a) when x &gt; (a
   * + 1) / (a + b + 2) so that the fraction converges fast. Relative accuracy about 1e-14.
   */
  static double regularizedIncompleteBeta(double x, double a, double b) {
    if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) {
      throw new IllegalArgumentException("incomplete beta needs a, b > 0 and x in [0, 1], got x = " + x + ", a = " + a + ", b = " + b);
    }
    if (x == 0) return 0.0;
    if (x == 1) return 1.0;
    if (x > (a + 1) / (a + b + 2)) return 1.0 - regularizedIncompleteBeta(1 - x, b, a);
    double logFront = a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - logBeta(a, b);
    // 1 / (1 + d1 / (1 + d2 / (1 + ...))) by modified Lentz
    double tiny = 1e-300;
    double f = 1.0;
    double c = 1.0;
    double d = 0.0;
    for (int j = 1; j <= 10_000; j++) {
      int m = j / 2;
      double dj = (j % 2 == 0)
          ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
          : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1.0 + dj * d;
      if (Math.abs(d) < tiny) d = tiny;
      d = 1.0 / d;
      c = 1.0 + dj / c;
      if (Math.abs(c) < tiny) c = tiny;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) break;
    }
    // f = 1 + d1 / (1 + d2 / (1 + ...)), the denominator of the fraction
    return Math.exp(logFront) / f;
  }

  /** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
  static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /**
   * ln Gamma(x) for x &gt; 0: shifted up by the recurrence Gamma(x + 1) = x Gamma(x) to x &gt;= 20,
   * then Stirling's series ln Gamma(x) = (x - 1/2) ln x - x + ln(2 pi)/2 + 1/(12 x) - 1/(360 x^3) +
   * 1/(1260 x^5) - 1/(1680 x^7) + 1/(1188 x^9) (truncation error below 1e-17 at x &gt;= 20; the
   * shift adds up to 20 rounded logarithms, a few 1e-15 absolute).
   */
  static double logGamma(double x) {
    double shift = 0;
    while (x < 20) {
      shift += Math.log(x);
      x += 1;
    }
    double x2 = x * x;
    double series = 1.0 / (12 * x) - 1.0 / (360 * x * x2) + 1.0 / (1260 * x * x2 * x2) - 1.0 / (1680 * x * x2 * x2 * x2)
        + 1.0 / (1188 * x * x2 * x2 * x2 * x2);
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
  }

  /** 32-point Gauss-Legendre nodes and weights on [-1, 1], computed once by Newton's method on P_32. */
  private static final class GaussLegendre {
    static final double[] NODES;
    static final double[] WEIGHTS;

    static {
      int n = 32;
      NODES = new double[n];
      WEIGHTS = new double[n];
      for (int i = 0; i < n; i++) {
        double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
        double derivative = 0;
        for (int it = 0; it < 100; it++) {
          double p0 = 1;
          double p1 = x;
          for (int k = 2; k <= n; k++) {
            double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
          }
          derivative = n * (x * p1 - p0) / (x * x - 1);
          double dx = p1 / derivative;
          x -= dx;
          if (Math.abs(dx) < 1e-16) break;
        }
        NODES[i] = x;
        WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
      }
    }
  }
}

package basin.landscape.saddle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Index against loss: least-squares fits of the index fraction alpha (index / P) of critical points
 * as a function of their loss e, with seeded bootstrap confidence bands.
 *
 * <h2>Models</h2>
 * <ul>
 *   <li>{@link Model#POWER_THREE_HALVES}: alpha = c (e - e_c)_+^{3/2}, the prediction of Pennington
 *       &amp; Bahri ("Geometry of neural network loss surfaces via random matrix theory", ICML 2017,
 *       eq. 23) near the bottom of the spectrum of critical points; parameters c, e_c.
 *   <li>{@link Model#POWER}: alpha = c (e - e_c)_+^k with the exponent k free in [0.25, 4]; parameters
 *       c, e_c, k. Whether k comes out near 3/2 is the check of the prediction's shape.
 *   <li>{@link Model#LINEAR}: alpha = a + b e (Dauphin et al. 2014 show the index rising with the loss).
 *   <li>{@link Model#ISOTONIC}: the least-squares nondecreasing function of e (pool adjacent violators;
 *       Barlow, Bartholomew, Bremner &amp; Brunk 1972), the assumption-free monotone alternative; no
 *       parameters; between data points the curve is linearly interpolated, constant outside.
 * </ul>
 * For the power laws, c is linear given (e_c, k): c = sum alpha_i phi_i / sum phi_i^2 with phi_i =
 * (e_i - e_c)_+^k, so the residual sum of squares is profiled over e_c (and k): a grid of e_c over
 * [e_min - 2 (e_max - e_min), e_max) (and of k over [0.25, 4]), then a local pattern search from the
 * best grid point until the steps fall below 1e-9 of the range. c is constrained to be &gt;= 0.
 *
 * <h2>Bands</h2>
 * B bootstrap replicates resample the points with replacement (replicate b draws from
 * {@code new SplittableRandom(CriticalPointSearch.startSeed(seed, b))}), refit each model and evaluate
 * it on a grid of losses; the band at a grid loss, and each parameter's interval, are the empirical
 * (1 - level) / 2 and (1 + level) / 2 quantiles over the replicates (linear interpolation between
 * order statistics): the percentile bootstrap (Efron &amp; Tibshirani 1993, ch. 13).
 *
 * <p>AIC = n ln(RSS / n) + 2 k (k the number of parameters; for the isotonic fit the number of blocks)
 * compares the models on the same points.
 *
 * <p>Cost: per model and replicate about 4000 RSS evaluations of n points for POWER, 200 for
 * POWER_THREE_HALVES, O(n log n) for LINEAR and ISOTONIC. NaN or infinite inputs are refused.
 * Stateless; thread-safe.
 */
public final class IndexLossFit {
  private IndexLossFit() {}

  /** The fitted relations. */
  public enum Model {
    POWER_THREE_HALVES("power-3/2", new String[] {"c", "loss_c"}),
    POWER("power", new String[] {"c", "loss_c", "exponent"}),
    LINEAR("linear", new String[] {"intercept", "slope"}),
    ISOTONIC("isotonic", new String[0]);

    private final String label;
    private final String[] parameterNames;

    Model(String label, String[] parameterNames) {
      this.label = label;
      this.parameterNames = parameterNames;
    }

    /** The name in tables and files. */
    public String label() {
      return label;
    }

    /** The names of the parameters, in order. */
    public List<String> parameterNames() {
      return List.of(parameterNames);
    }
  }

  /**
   * Configuration.
   *
   * @param bootstrap B replicates, &gt;= 0 (0: no bands)
   * @param seed master seed of the replicates
   * @param gridPoints losses at which curves and bands are evaluated, &gt;= 2 (evenly spaced over the
   *     data's range of losses)
   * @param level confidence level of bands and intervals, in (0, 1)
   */
  public record Config(int bootstrap, long seed, int gridPoints, double level) {
    public Config {
      if (bootstrap < 0) throw new IllegalArgumentException("bootstrap replicates must be >= 0, got " + bootstrap);
      if (gridPoints < 2) throw new IllegalArgumentException("grid points must be >= 2, got " + gridPoints);
      if (!(level > 0 && level < 1)) throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }

    /** 200 replicates, seed 1, 50 grid points, 95 %. */
    public static Config defaults() {
      return new Config(200, 1L, 50, 0.95);
    }

    public Config withBootstrap(int v) {
      return new Config(v, seed, gridPoints, level);
    }

    public Config withSeed(long v) {
      return new Config(bootstrap, v, gridPoints, level);
    }
  }

  /**
   * One model's fit.
   *
   * @param model the model
   * @param parameters the least-squares parameters, in {@link Model#parameterNames} order
   * @param parameterLower lower bootstrap bounds (NaN without replicates)
   * @param parameterUpper upper bootstrap bounds
   * @param rss residual sum of squares
   * @param rSquared 1 - RSS / total sum of squares (NaN when all alpha are equal)
   * @param aic n ln(RSS / n) + 2 k
   * @param curve the fit at each grid loss
   * @param bandLower lower band at each grid loss (NaN without replicates)
   * @param bandUpper upper band
   */
  public record Fit(Model model, double[] parameters, double[] parameterLower, double[] parameterUpper, double rss, double rSquared,
      double aic, double[] curve, double[] bandLower, double[] bandUpper) {}

  /**
   * All fits.
   *
   * @param grid the grid of losses, ascending
   * @param fits one per model, in {@link Model} order
   * @param points the number of points n
   */
  public record Result(double[] grid, List<Fit> fits, int points) {
    public Result {
      fits = List.copyOf(fits);
    }

    /** The fit of one model. */
    public Fit fit(Model m) {
      return fits.get(m.ordinal());
    }
  }

  /** Fewest points fitted. */
  public static final int MIN_POINTS = 3;

  /**
   * Fits every model with bootstrap bands.
   *
   * @param loss e_i, finite (not modified)
   * @param indexFraction alpha_i, finite (not modified)
   * @param config replicates, seed, grid, level
   */
  public static Result fit(double[] loss, double[] indexFraction, Config config) {
    if (loss.length != indexFraction.length) throw new IllegalArgumentException("loss has " + loss.length + " points, index fraction " + indexFraction.length);
    int n = loss.length;
    if (n < MIN_POINTS) throw new IllegalArgumentException("index-vs-loss fits need at least " + MIN_POINTS + " points, got " + n);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(loss[i]) || !Double.isFinite(indexFraction[i])) {
        throw new IllegalArgumentException("point " + i + " is not finite: loss " + loss[i] + ", index fraction " + indexFraction[i]);
      }
    }
    double lo = Arrays.stream(loss).min().orElseThrow();
    double hi = Arrays.stream(loss).max().orElseThrow();
    double[] grid = new double[config.gridPoints()];
    for (int g = 0; g < grid.length; g++) grid[g] = lo + (hi - lo) * g / (grid.length - 1);
    int b = config.bootstrap();
    List<Fit> fits = new ArrayList<>();
    double[] x = new double[n];
    double[] y = new double[n];
    for (Model m : Model.values()) {
      Estimate full = estimate(m, loss, indexFraction);
      int k = m.parameterNames.length;
      double[][] params = new double[k][b];
      double[][] curves = new double[grid.length][b];
      for (int r = 0; r < b; r++) {
        SplittableRandom random = new SplittableRandom(CriticalPointSearch.startSeed(config.seed(), r));
        for (int i = 0; i < n; i++) {
          int j = random.nextInt(n);
          x[i] = loss[j];
          y[i] = indexFraction[j];
        }
        Estimate e = estimate(m, x, y);
        for (int p = 0; p < k; p++) params[p][r] = e.parameters[p];
        for (int g = 0; g < grid.length; g++) curves[g][r] = e.at(grid[g]);
      }
      double qLo = (1 - config.level()) / 2;
      double qHi = (1 + config.level()) / 2;
      double[] pLo = new double[k];
      double[] pHi = new double[k];
      for (int p = 0; p < k; p++) {
        pLo[p] = quantile(params[p], qLo);
        pHi[p] = quantile(params[p], qHi);
      }
      double[] curve = new double[grid.length];
      double[] bLo = new double[grid.length];
      double[] bHi = new double[grid.length];
      for (int g = 0; g < grid.length; g++) {
        curve[g] = full.at(grid[g]);
        bLo[g] = quantile(curves[g], qLo);
        bHi[g] = quantile(curves[g], qHi);
      }
      double mean = 0;
      for (double v : indexFraction) mean += v / n;
      double tss = 0;
      for (double v : indexFraction) tss += (v - mean) * (v - mean);
      double rss = full.rss(loss, indexFraction);
      int dof = m == Model.ISOTONIC ? full.blocks : k;
      double aic = n * Math.log(Math.max(rss, Double.MIN_NORMAL) / n) + 2 * dof;
      fits.add(new Fit(m, full.parameters, pLo, pHi, rss, tss > 0 ? 1 - rss / tss : Double.NaN, aic, curve, bLo, bHi));
    }
    return new Result(grid, fits, n);
  }

  /** The value of a power law c (e - e_c)_+^k. */
  public static double power(double c, double lossC, double exponent, double e) {
    return e > lossC ? c * Math.pow(e - lossC, exponent) : 0.0;
  }

  /** The empirical q-quantile with linear interpolation between order statistics; NaN for no values. */
  static double quantile(double[] values, double q) {
    if (values.length == 0) return Double.NaN;
    double[] s = values.clone();
    Arrays.sort(s);
    double h = q * (s.length - 1);
    int i = (int) Math.floor(h);
    if (i >= s.length - 1) return s[s.length - 1];
    return s[i] + (h - i) * (s[i + 1] - s[i]);
  }

  /** A fitted model that can be evaluated. */
  private static final class Estimate {
    final Model model;
    final double[] parameters;
    final double[] knotX; // isotonic: sorted distinct losses
    final double[] knotY; // and the fitted values
    final int blocks;

    Estimate(Model model, double[] parameters, double[] knotX, double[] knotY, int blocks) {
      this.model = model;
      this.parameters = parameters;
      this.knotX = knotX;
      this.knotY = knotY;
      this.blocks = blocks;
    }

    double at(double e) {
      return switch (model) {
        case POWER_THREE_HALVES -> power(parameters[0], parameters[1], 1.5, e);
        case POWER -> power(parameters[0], parameters[1], parameters[2], e);
        case LINEAR -> parameters[0] + parameters[1] * e;
        case ISOTONIC -> interpolate(knotX, knotY, e);
      };
    }

    double rss(double[] x, double[] y) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        double r = y[i] - at(x[i]);
        s += r * r;
      }
      return s;
    }
  }

  private static double interpolate(double[] kx, double[] ky, double e) {
    if (e <= kx[0]) return ky[0];
    if (e >= kx[kx.length - 1]) return ky[ky.length - 1];
    int j = Arrays.binarySearch(kx, e);
    if (j >= 0) return ky[j];
    int hi = -j - 1;
    int lo = hi - 1;
    double t = (e - kx[lo]) / (kx[hi] - kx[lo]);
    return ky[lo] + t * (ky[hi] - ky[lo]);
  }

  private static Estimate estimate(Model m, double[] x, double[] y) {
    return switch (m) {
      case LINEAR -> linear(x, y);
      case ISOTONIC -> isotonic(x, y);
      case POWER_THREE_HALVES -> powerLaw(x, y, false);
      case POWER -> powerLaw(x, y, true);
    };
  }

  private static Estimate linear(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double slope = sxx > 0 ? sxy / sxx : 0.0; // all losses equal: a constant fit
    return new Estimate(Model.LINEAR, new double[] {my - slope * mx, slope}, null, null, 2);
  }

  /** Pool adjacent violators on the points sorted by loss (ties pooled first). */
  private static Estimate isotonic(double[] x, double[] y) {
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] bx = new double[n];
    double[] sum = new double[n];
    double[] weight = new double[n];
    int blocks = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (blocks > 0 && bx[blocks - 1] == x[i]) { // a tie: same loss, one knot
        sum[blocks - 1] += y[i];
        weight[blocks - 1] += 1;
      } else {
        bx[blocks] = x[i];
        sum[blocks] = y[i];
        weight[blocks] = 1;
        blocks++;
      }
    }
    int knots = blocks;
    double[] kx = Arrays.copyOf(bx, knots);
    // PAVA over the knots: stack of blocks with their first knot
    double[] bs = new double[knots];
    double[] bw = new double[knots];
    int[] start = new int[knots];
    int top = 0;
    for (int k = 0; k < knots; k++) {
      bs[top] = sum[k];
      bw[top] = weight[k];
      start[top] = k;
      top++;
      while (top > 1 && bs[top - 2] / bw[top - 2] > bs[top - 1] / bw[top - 1]) {
        bs[top - 2] += bs[top - 1];
        bw[top - 2] += bw[top - 1];
        top--;
      }
    }
    double[] ky = new double[knots];
    for (int t = 0; t < top; t++) {
      int end = t + 1 < top ? start[t + 1] : knots;
      for (int k = start[t]; k < end; k++) ky[k] = bs[t] / bw[t];
    }
    return new Estimate(Model.ISOTONIC, new double[0], kx, ky, top);
  }

  /** Profiled least squares for c (e - e_c)_+^k, k = 3/2 or free. */
  private static Estimate powerLaw(double[] x, double[] y, boolean freeExponent) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double span = hi - lo;
    if (!(span > 0)) span = Math.max(1.0, Math.abs(hi));
    double cLo = lo - 2 * span;
    double cHi = hi - 1e-9 * span;
    double kLo = 0.25;
    double kHi = 4.0;
    int cGrid = 100;
    int kGrid = freeExponent ? 40 : 1;
    double bestC = Double.NaN;
    double bestK = 1.5;
    double best = Double.POSITIVE_INFINITY;
    for (int a = 0; a < kGrid; a++) {
      double k = freeExponent ? kLo + (kHi - kLo) * a / (kGrid - 1) : 1.5;
      for (int g = 0; g < cGrid; g++) {
        double ec = cLo + (cHi - cLo) * g / (cGrid - 1);
        double r = profiledRss(x, y, ec, k);
        if (r < best) {
          best = r;
          bestC = ec;
          bestK = k;
        }
      }
    }
    // pattern search from the best grid point
    double stepC = (cHi - cLo) / (cGrid - 1);
    double stepK = freeExponent ? (kHi - kLo) / (kGrid - 1) : 0;
    double minStep = 1e-9 * span;
    while (stepC > minStep || (freeExponent && stepK > 1e-9)) {
      boolean moved = false;
      double[][] moves = freeExponent
          ? new double[][] {{stepC, 0}, {-stepC, 0}, {0, stepK}, {0, -stepK}}
          : new double[][] {{stepC, 0}, {-stepC, 0}};
      for (double[] mv : moves) {
        double ec = Math.min(cHi, Math.max(cLo, bestC + mv[0]));
        double k = Math.min(kHi, Math.max(kLo, bestK + mv[1]));
        double r = profiledRss(x, y, ec, k);
        if (r < best) {
          best = r;
          bestC = ec;
          bestK = k;
          moved = true;
        }
      }
      if (!moved) {
        stepC *= 0.5;
        stepK *= 0.5;
      }
    }
    double c = coefficient(x, y, bestC, bestK);
    double[] p = freeExponent ? new double[] {c, bestC, bestK} : new double[] {c, bestC};
    return new Estimate(freeExponent ? Model.POWER : Model.POWER_THREE_HALVES, p, null, null, p.length);
  }

  /** c = max(0, sum y phi / sum phi^2), phi = (x - e_c)_+^k; 0 when every phi is 0. */
  private static double coefficient(double[] x, double[] y, double ec, double k) {
    double yp = 0;
    double pp = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] <= ec) continue;
      double phi = Math.pow(x[i] - ec, k);
      yp += y[i] * phi;
      pp += phi * phi;
    }
    return pp > 0 ? Math.max(0.0, yp / pp) : 0.0;
  }

  private static double profiledRss(double[] x, double[] y, double ec, double k) {
    double c = coefficient(x, y, ec, k);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - power(c, ec, k, x[i]);
      s += r * r;
    }
    return s;
  }
}

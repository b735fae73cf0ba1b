package basin.study.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a count grows along a sweep axis (hidden width, depth, training examples): a power law
 * y = a x^b and an exponential y = a e^(b x), each fitted by least squares on ln y, the better one
 * chosen, and the answer to "does the count grow at least quadratically?".
 *
 * <p>Fits: ordinary (or weighted, {@link #fit(double[], double[], double[], long[], double)}) least
 * squares of ln y on ln x (power) or on x (exponential), n points, n - 2 degrees of freedom. With
 * u the regressor, residual variance s^2 = sum w r^2 / (n - 2) and Sxx = sum w (u - u_w)^2, the
 * exponent's standard error is s / sqrt(Sxx) and its interval b -+ t_{n-2} se (Student t, two-sided).
 * Goodness on the log scale: R^2 = 1 - RSS / TSS, and AIC = n ln(RSS / n) + 2 k (RSS weighted when
 * weights are given, the same weights for both forms) with k = 3 (a, b and
 * the residual variance; Burnham &amp; Anderson 2002, eq. 2.14 for least squares). Both forms have
 * the same k, so their AIC difference is n ln(RSS_pow / RSS_exp).
 *
 * <p>Rules, stated once here and applied by {@link #fit}:
 * <ul>
 *   <li>{@link Form better form}: the form whose AIC is lower by at least {@value #AIC_MARGIN}
 *       (Burnham &amp; Anderson: models within 2 of each other both have substantial support);
 *       otherwise {@link Form#UNDECIDED}.
 *   <li>{@link Answer at least quadratic}: {@link Answer#YES} when the power exponent's lower
 *       bound is &gt;= 2, or the exponential is the better form with a rate whose lower bound is &gt; 0
 *       (it outgrows every power); {@link Answer#NO} when the power exponent's upper bound is &lt; 2,
 *       the exponential is not the better form, and no point is saturated; otherwise
 *       {@link Answer#INCONCLUSIVE} with the reason. Saturated points only lower the fitted growth
 *       (each is a lower bound of its count), so they cannot turn a YES into a NO, but they block a NO.
 *   <li>Saturated points: a count that reached the number of starts behind it (every start found a
 *       different minimum) says only "at least"; they are listed in {@link #saturated()}.
 *   <li>Fewer than 3 points leave no degree of freedom for an interval: INCONCLUSIVE.
 * </ul>
 *
 * <p>Cost O(n). NaN anywhere in the input is refused with the offending index.
 *
 * @param points n
 * @param power the power-law fit
 * @param exponential the exponential fit
 * @param better the better form by AIC
 * @param atLeastQuadratic the three-way answer
 * @param reason why the answer is what it is, one sentence
 * @param saturated indices of the saturated points, in order
 */
public record GrowthLaw(int points, Fit power, Fit exponential, Form better, Answer atLeastQuadratic, String reason,
    List<Integer> saturated) {

  /** AIC difference below which the two forms are not told apart (Burnham &amp; Anderson 2002, section 2.6). */
  public static final double AIC_MARGIN = 2.0;
  /** The exponent the question asks about. */
  public static final double QUADRATIC = 2.0;
  /** Fewest points for an interval (one degree of freedom). */
  public static final int MIN_POINTS = 3;

  /** A fitted form. */
  public enum Form { POWER, EXPONENTIAL, UNDECIDED }

  /** A three-way answer. */
  public enum Answer { YES, NO, INCONCLUSIVE }

  public GrowthLaw {
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(exponential, "exponential");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(atLeastQuadratic, "atLeastQuadratic");
    Objects.requireNonNull(reason, "reason");
    saturated = List.copyOf(saturated);
  }

  /**
   * One least-squares fit on the log scale.
   *
   * @param form POWER (y = a x^b) or EXPONENTIAL (y = a e^(b x))
   * @param prefactor a
   * @param exponent b: the power or the rate
   * @param standardError standard error of b (NaN with fewer than 3 points)
   * @param lower lower end of b's interval (-Inf with fewer than 3 points)
   * @param upper upper end of b's interval (+Inf with fewer than 3 points)
   * @param confidence the interval's two-sided coverage
   * @param rSquared R^2 of the fit of ln y
   * @param residualStandardDeviation s, on the ln y scale
   * @param aic n ln(RSS / n) + 6
   */
  public record Fit(Form form, double prefactor, double exponent, double standardError, double lower, double upper,
      double confidence, double rSquared, double residualStandardDeviation, double aic) {

    /** The fitted y at x. */
    public double predict(double x) {
      return form == Form.POWER ? prefactor * Math.pow(x, exponent) : prefactor * Math.exp(exponent * x);
    }

    /**
     * For example "x^2.31 (95% CI 1.90 to 2.72)" or "e^(0.300 x) (95% CI 0.280 to 0.320)". A power
     * bound that two decimals would round onto 2 gets three (1.995, not 2.00), so that the text
     * never contradicts the answer.
     */
    public String describe(String x) {
      String pct = String.format(Locale.ROOT, "%.0f%%", 100 * confidence);
      if (!(Double.isFinite(lower) && Double.isFinite(upper))) {
        // two points leave no degree of freedom: no interval to state
        return form == Form.POWER ? String.format(Locale.ROOT, "%s^%.2f (no interval from 2 points)", x, exponent)
            : String.format(Locale.ROOT, "e^(%.3g %s) (no interval from 2 points)", exponent, x);
      }
      if (form == Form.POWER) {
        return String.format(Locale.ROOT, "%s^%.2f (%s CI %s to %s)", x, exponent, pct, bound(lower), bound(upper));
      }
      return String.format(Locale.ROOT, "e^(%.3g %s) (%s CI %.3g to %.3g)", exponent, x, pct, lower, upper);
    }
  }

  /** Unweighted fit at 95% confidence without saturation information. */
  public static GrowthLaw fit(double[] x, double[] y) {
    return fit(x, y, null, null, 0.95);
  }

  /**
   * Unweighted fit at 95% confidence, with the number of starts behind each count so that saturated
   * points (y &gt;= starts) are flagged.
   */
  public static GrowthLaw fit(double[] x, double[] y, long[] starts) {
    return fit(x, y, null, starts, 0.95);
  }

  /**
   * The fits and the answer.
   *
   * @param x sweep values, each finite and &gt; 0 (the power law takes ln x); not modified
   * @param y counts (or estimates) at them, each finite and &gt; 0; not modified
   * @param weights relative precision of each ln y, each finite and &gt; 0, or null for equal weights;
   *     for Poisson-like counts ln y has variance about 1 / y, so weights = y (not modified)
   * @param starts starts behind each count, or null when not known; a point with y &gt;= starts[i] is
   *     saturated (not modified)
   * @param confidence two-sided coverage of the exponent intervals, in (0, 1)
   * @throws IllegalArgumentException naming the argument, index and value that is out of range
   */
  public static GrowthLaw fit(double[] x, double[] y, double[] weights, long[] starts, double confidence) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    int n = x.length;
    if (y.length != n) throw new IllegalArgumentException("x has " + n + " points but y has " + y.length + ": expected equal lengths");
    if (weights != null && weights.length != n) throw new IllegalArgumentException("weights has length " + weights.length + ", expected " + n);
    if (starts != null && starts.length != n) throw new IllegalArgumentException("starts has length " + starts.length + ", expected " + n);
    if (n < 2) throw new IllegalArgumentException("x has " + n + " points: expected at least 2 to fit a growth law");
    if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence = " + confidence + ": expected a number in (0, 1)");
    double[] logX = new double[n];
    double[] logY = new double[n];
    double[] w = new double[n];
    List<Integer> saturated = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!(x[i] > 0 && x[i] < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("x[" + i + "] = " + x[i] + ": expected a finite number > 0");
      if (!(y[i] > 0 && y[i] < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("y[" + i + "] = " + y[i] + ": expected a finite number > 0");
      w[i] = weights == null ? 1.0 : weights[i];
      if (!(w[i] > 0 && w[i] < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("weights[" + i + "] = " + w[i] + ": expected a finite number > 0");
      logX[i] = Math.log(x[i]);
      logY[i] = Math.log(y[i]);
      if (starts != null && y[i] >= starts[i]) saturated.add(i);
    }
    Fit power = leastSquares(Form.POWER, logX, logY, w, confidence);
    Fit exponential = leastSquares(Form.EXPONENTIAL, x, logY, w, confidence);
    Form better = Form.UNDECIDED;
    if (power.aic() <= exponential.aic() - AIC_MARGIN) better = Form.POWER;
    else if (exponential.aic() <= power.aic() - AIC_MARGIN) better = Form.EXPONENTIAL;

    Answer answer;
    String reason;
    String sat = saturated.isEmpty() ? "" : String.format(Locale.ROOT, "; %d of %d points saturated (as many minima as starts),"
        + " so their counts are lower bounds", saturated.size(), n);
    if (n < MIN_POINTS) {
      answer = Answer.INCONCLUSIVE;
      reason = n + " sweep points leave no degree of freedom for an interval: at least " + MIN_POINTS + " are needed";
    } else if (power.lower() >= QUADRATIC) {
      answer = Answer.YES;
      reason = String.format(Locale.ROOT, "the power exponent's %s lower bound %.2f is at least 2%s", pct(confidence), power.lower(), sat);
    } else if (better == Form.EXPONENTIAL && exponential.lower() > 0) {
      answer = Answer.YES;
      reason = String.format(Locale.ROOT, "the exponential fits better (AIC lower by %.1f) with a rate above 0 (%s lower bound %.3g)%s",
          power.aic() - exponential.aic(), pct(confidence), exponential.lower(), sat);
    } else if (power.upper() < QUADRATIC && better != Form.EXPONENTIAL && saturated.isEmpty()) {
      answer = Answer.NO;
      reason = String.format(Locale.ROOT, "the power exponent's %s upper bound %.2f is below 2 and the exponential does not fit better",
          pct(confidence), power.upper());
    } else if (power.upper() < QUADRATIC && better != Form.EXPONENTIAL) {
      answer = Answer.INCONCLUSIVE;
      reason = String.format(Locale.ROOT, "the power exponent's upper bound %.2f is below 2, but%s", power.upper(), sat.substring(1));
    } else if (better == Form.EXPONENTIAL) {
      answer = Answer.INCONCLUSIVE;
      reason = String.format(Locale.ROOT, "the exponential fits better but its rate's interval (%.3g to %.3g) includes 0%s",
          exponential.lower(), exponential.upper(), sat);
    } else {
      answer = Answer.INCONCLUSIVE;
      reason = String.format(Locale.ROOT, "the power exponent's %s interval %.2f to %.2f contains 2%s", pct(confidence), power.lower(),
          power.upper(), sat);
    }
    return new GrowthLaw(n, power, exponential, better, answer, reason, saturated);
  }

  private static String bound(double b) {
    String two = String.format(Locale.ROOT, "%.2f", b);
    return two.equals("2.00") && b != QUADRATIC ? String.format(Locale.ROOT, "%.3f", b) : two;
  }

  /** The better fit, or the power law when the forms are not told apart. */
  public Fit preferred() {
    return better == Form.EXPONENTIAL ? exponential : power;
  }

  private static String pct(double confidence) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * confidence);
  }

  /** Weighted least squares of v on u; see the class comment. */
  private static Fit leastSquares(Form form, double[] u, double[] v, double[] w, double confidence) {
    int n = u.length;
    double sw = 0;
    double su = 0;
    double sv = 0;
    for (int i = 0; i < n; i++) {
      sw += w[i];
      su += w[i] * u[i];
      sv += w[i] * v[i];
    }
    double mu = su / sw;
    double mv = sv / sw;
    double sxx = 0;
    double sxy = 0;
    double tss = 0;
    for (int i = 0; i < n; i++) {
      double du = u[i] - mu;
      double dv = v[i] - mv;
      sxx += w[i] * du * du;
      sxy += w[i] * du * dv;
      tss += w[i] * dv * dv;
    }
    if (!(sxx > 0)) {
      throw new IllegalArgumentException("x takes a single value: expected at least two distinct sweep values");
    }
    double slope = sxy / sxx;
    double intercept = mv - slope * mu;
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double r = v[i] - intercept - slope * u[i];
      rss += w[i] * r * r;
    }
    int df = n - 2;
    double se = Double.NaN;
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    double s = Double.NaN;
    if (df >= 1) {
      s = Math.sqrt(rss / df);
      se = s / Math.sqrt(sxx);
      double t = StudentT.twoSidedCriticalValue(confidence, df);
      lower = slope - t * se;
      upper = slope + t * se;
    }
    double r2 = tss > 0 ? 1 - rss / tss : 1.0;
    // weighted RSS: the weights are the same for both forms, so the AIC difference stays a likelihood ratio;
    // a perfect fit has RSS = 0 and AIC = -Inf, and a floor keeps the comparison defined
    double aic = n * Math.log(Math.max(rss, 1e-300) / n) + 6;
    return new Fit(form, Math.exp(intercept), slope, se, lower, upper, confidence, r2, s, aic);
  }
}

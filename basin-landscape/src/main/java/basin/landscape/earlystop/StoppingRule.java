package basin.landscape.earlystop;

import basin.core.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stopping criterion of Prechelt (1998, "Early stopping - but when?", Neural Networks 11(4),
 * 761-767; also in Neural Networks: Tricks of the Trade, LNCS 1524, Sec. 2.2), evaluated on a
 * trajectory checked at rows t = 0, 1, 2, ... (Prechelt's "epochs"; here every {@code interval}
 * iterations of the optimizer). With E_tr(t) the training objective, E_va(t) the validation loss
 * and E_opt(t) = min_{t' <= t} E_va(t'):
 *
 * <ul>
 *   <li>{@code GL} alpha: generalization loss GL(t) = 100 (E_va(t) / E_opt(t) - 1); stop at the
 *       first t with GL(t) &gt; alpha.
 *   <li>{@code PQ} alpha, strip k: training progress P_k(t) = 1000 (sum_{t'=t-k+1..t} E_tr(t') /
 *       (k min_{t'=t-k+1..t} E_tr(t')) - 1); stop at the first end of a strip (t a positive
 *       multiple of k) with GL(t) / P_k(t) &gt; alpha.
 *   <li>{@code UP} s, strip k: stop at the first end of a strip t after which the validation loss
 *       rose in s successive strips: E_va(t - jk) &gt; E_va(t - (j+1)k) for j = 0..s-1.
 *   <li>{@code PATIENCE} p: stop at the first t that is p checks after the last strict improvement
 *       of E_opt (the rule of most training libraries).
 *   <li>{@code BUDGET} b: a fixed budget, stop at check t = b whatever the losses (b checks of the
 *       run's interval of iterations); like the others it keeps the weights of E_opt up to the stop.
 * </ul>
 *
 * <p>Edge cases, so that NaN never fires a rule silently: GL(t) is 0 when E_va(t) = E_opt(t) and
 * +Infinity when E_opt(t) &lt;= 0 &lt; E_va(t) - E_opt(t); P_k(t) is +Infinity when the strip's
 * minimum is &lt;= 0, so PQ does not fire there; a NaN loss at row t fires no rule at t (the
 * comparisons are written so that NaN fails them) and is not a new E_opt.
 *
 * <p>Text form (command line): {@code gl:ALPHA}, {@code pq:ALPHA} or {@code pq:ALPHA:K},
 * {@code up:S} or {@code up:S:K}, {@code patience:P}, {@code budget:B}; the strip K defaults to 5,
 * Prechelt's value.
 *
 * @param kind the criterion
 * @param threshold alpha for GL and PQ (finite, &gt; 0), s for UP, p for PATIENCE and b for BUDGET
 *     (integers &gt;= 1)
 * @param strip k for PQ and UP (&gt;= 1); 1 for GL, PATIENCE and BUDGET, where it has no role
 */
public record StoppingRule(Kind kind, double threshold, int strip) {

  /** Prechelt's strip length k. */
  public static final int DEFAULT_STRIP = 5;

  /** The criteria. */
  public enum Kind {
    /** Generalization loss exceeds alpha percent. */
    GL,
    /** Generalization loss over training progress exceeds alpha. */
    PQ,
    /** The validation loss rose in s successive strips. */
    UP,
    /** No improvement of the best validation loss for p checks. */
    PATIENCE,
    /** A fixed budget of b checks. */
    BUDGET
  }

  public StoppingRule {
    if (kind == null) throw new InputException("stopping rule: kind is null, expected gl, pq, up or patience");
    if (!(threshold > 0 && threshold < Double.POSITIVE_INFINITY)) {
      throw new InputException("stopping rule " + kind.name().toLowerCase(Locale.ROOT) + ": threshold " + threshold + ", expected a finite number > 0");
    }
    if ((kind == Kind.UP || kind == Kind.PATIENCE || kind == Kind.BUDGET) && threshold != Math.rint(threshold)) {
      throw new InputException("stopping rule " + kind.name().toLowerCase(Locale.ROOT) + ": " + threshold + " is not a whole number of "
          + (kind == Kind.UP ? "strips" : "checks"));
    }
    if (strip < 1) throw new InputException("stopping rule " + kind.name().toLowerCase(Locale.ROOT) + ": strip " + strip + ", expected >= 1");
    if ((kind == Kind.GL || kind == Kind.PATIENCE || kind == Kind.BUDGET) && strip != 1) {
      throw new InputException("stopping rule " + kind.name().toLowerCase(Locale.ROOT) + " has no strip, got " + strip);
    }
  }

  public static StoppingRule gl(double alpha) {
    return new StoppingRule(Kind.GL, alpha, 1);
  }

  public static StoppingRule pq(double alpha, int strip) {
    return new StoppingRule(Kind.PQ, alpha, strip);
  }

  public static StoppingRule up(int strips, int strip) {
    return new StoppingRule(Kind.UP, strips, strip);
  }

  public static StoppingRule patience(int checks) {
    return new StoppingRule(Kind.PATIENCE, checks, 1);
  }

  /** A fixed budget: stop at check {@code checks}. */
  public static StoppingRule budget(int checks) {
    return new StoppingRule(Kind.BUDGET, checks, 1);
  }

  /** GL 2 and 5, PQ 0.5 and 2, UP 2 and 3 (strip 5), patience 5 and 20: a spread of Prechelt's and the usual settings. */
  public static List<StoppingRule> defaults() {
    return List.of(gl(2), gl(5), pq(0.5, DEFAULT_STRIP), pq(2, DEFAULT_STRIP), up(2, DEFAULT_STRIP), up(3, DEFAULT_STRIP),
        patience(5), patience(20));
  }

  /**
   * A rule from its text form.
   *
   * @throws InputException naming the text and what was expected
   */
  public static StoppingRule parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    String[] parts = t.split(":", -1);
    String expected = "expected gl:ALPHA, pq:ALPHA[:K], up:S[:K], patience:P or budget:B";
    if (parts.length < 2 || parts.length > 3) throw new InputException("stopping rule '" + text + "': " + expected);
    Kind kind;
    switch (parts[0]) {
      case "gl" -> kind = Kind.GL;
      case "pq" -> kind = Kind.PQ;
      case "up" -> kind = Kind.UP;
      case "patience" -> kind = Kind.PATIENCE;
      case "budget" -> kind = Kind.BUDGET;
      default -> throw new InputException("stopping rule '" + text + "': unknown criterion '" + parts[0] + "', " + expected);
    }
    double threshold;
    try {
      threshold = Double.parseDouble(parts[1]);
    } catch (NumberFormatException e) {
      throw new InputException("stopping rule '" + text + "': '" + parts[1] + "' is not a number, " + expected);
    }
    int strip = kind == Kind.PQ || kind == Kind.UP ? DEFAULT_STRIP : 1;
    if (parts.length == 3) {
      if (kind == Kind.GL || kind == Kind.PATIENCE || kind == Kind.BUDGET) throw new InputException("stopping rule '" + text + "': " + parts[0] + " takes no strip, " + expected);
      try {
        strip = Integer.parseInt(parts[2]);
      } catch (NumberFormatException e) {
        throw new InputException("stopping rule '" + text + "': strip '" + parts[2] + "' is not an integer, " + expected);
      }
    }
    try {
      return new StoppingRule(kind, threshold, strip);
    } catch (InputException e) {
      throw new InputException("stopping rule '" + text + "': " + e.getMessage().replaceFirst("^stopping rule \\w+: ", ""));
    }
  }

  /** Rules from a comma-separated list, e.g. "gl:5,pq:0.5,up:3,patience:10". */
  public static List<StoppingRule> parseList(String text) {
    List<StoppingRule> rules = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) rules.add(parse(part));
    }
    if (rules.isEmpty()) throw new InputException("stopping rules '" + text + "': none given, expected e.g. gl:5,pq:0.5,up:3,patience:10");
    return rules;
  }

  /** The text form: {@code gl:5}, {@code pq:0.5:5}, {@code up:3:5}, {@code patience:10}, {@code budget:20}. */
  public String label() {
    String name = kind.name().toLowerCase(Locale.ROOT);
    String value = threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15 ? Long.toString((long) threshold) : Double.toString(threshold);
    return kind == Kind.PQ || kind == Kind.UP ? name + ":" + value + ":" + strip : name + ":" + value;
  }

  @Override
  public String toString() {
    return label();
  }

  /**
   * The first check at which this rule fires, or -1 when it never fires on these checks.
   *
   * @param train E_tr at checks 0..n-1 (not modified)
   * @param validation E_va at the same checks (not modified)
   * @return the check index t (0-based), or -1. Cost O(n k).
   */
  public int firstStop(double[] train, double[] validation) {
    int n = validation.length;
    if (train.length != n) throw new IllegalArgumentException("train has " + train.length + " checks, validation " + n);
    double best = Double.NaN;
    int bestAt = -1;
    int risingStrips = 0;
    for (int t = 0; t < n; t++) {
      double v = validation[t];
      if (v < best || (Double.isNaN(best) && !Double.isNaN(v))) {
        best = v;
        bestAt = t;
      }
      if (Double.isNaN(v) || bestAt < 0) continue;
      switch (kind) {
        case GL -> {
          if (generalizationLoss(v, best) > threshold) return t;
        }
        case PQ -> {
          if (t >= strip && t % strip == 0) {
            double progress = trainingProgress(train, t, strip);
            double gl = generalizationLoss(v, best);
            if (gl > 0 && progress >= 0 && gl / progress > threshold) return t;
          }
        }
        case UP -> {
          if (t >= strip && t % strip == 0) {
            risingStrips = v > validation[t - strip] ? risingStrips + 1 : 0;
            if (risingStrips >= threshold) return t;
          }
        }
        case PATIENCE -> {
          if (t - bestAt >= threshold) return t;
        }
        case BUDGET -> {
          if (t >= threshold) return t;
        }
        default -> throw new IllegalStateException("kind " + kind);
      }
    }
    return -1;
  }

  /** GL = 100 (E_va / E_opt - 1), with the conventions in the class comment. */
  static double generalizationLoss(double validation, double best) {
    if (!(validation > best)) return 0.0;
    if (!(best > 0)) return Double.POSITIVE_INFINITY;
    return 100.0 * (validation / best - 1.0);
  }

  /** P_k(t) = 1000 (mean of E_tr over the strip ending at t / its minimum - 1); +Infinity when the minimum is &lt;= 0. */
  static double trainingProgress(double[] train, int t, int k) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = t - k + 1; i <= t; i++) {
      sum += train[i];
      if (train[i] < min) min = train[i];
    }
    if (!(min > 0)) return Double.POSITIVE_INFINITY;
    return 1000.0 * (sum / (k * min) - 1.0);
  }
}

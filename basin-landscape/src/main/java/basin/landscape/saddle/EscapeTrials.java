package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.StochasticObjective;
import basin.core.linalg.Vectors;
import basin.core.model.Initializer;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.saddle.EscapeLab.Trial;
import basin.landscape.saddle.EscapeLab.TrialEnd;
import java.util.SplittableRandom;

/**
 * The trials of {@link EscapeLab}: the state of one trial ({@link Walk}: iterate, evaluations spent,
 * whether and when it escaped) and one method per strategy, each running until the walk's budget is
 * spent. The formulas, costs and NaN behaviour are documented on {@link EscapeLab}.
 */
final class EscapeTrials {
  private EscapeTrials() {}

  /** Relative slack on |w - w*| &gt;= r, so that a step of exactly r counts despite rounding. */
  private static final double RADIUS_SLACK = 1e-12;

  /** The state of one trial: the iterate, the evaluations spent and whether and when it escaped. */
  static final class Walk {
    final Objective f;
    final double[] center;
    final double f0;
    final double radius;
    final long budget;
    final double[] x;
    long used;
    boolean escaped;
    long toEscape = -1;
    double lossAtEscape = Double.NaN;
    double lastFinite;
    TrialEnd end = TrialEnd.BUDGET;

    Walk(Objective f, double[] center, double f0, double radius, long budget) {
      this.f = f;
      this.center = center;
      this.f0 = f0;
      this.radius = radius;
      this.budget = budget;
      this.x = center.clone();
      this.lastFinite = f0;
    }

    boolean canAfford(long cost) {
      return used + cost <= budget;
    }

    /** Records that the iterate x (value fx, or NaN when the strategy did not compute it) was reached. */
    void observe(double fx) {
      if (Double.isFinite(fx)) lastFinite = fx;
      if (escaped) return;
      double d2 = 0;
      for (int i = 0; i < x.length; i++) {
        double d = x[i] - center[i];
        d2 += d * d;
      }
      if (!(Math.sqrt(d2) >= radius * (1 - RADIUS_SLACK))) return;
      double v = Double.isNaN(fx) ? f.value(x) : fx;
      if (Double.isFinite(v)) lastFinite = v;
      if (v < f0) {
        escaped = true;
        toEscape = used;
        lossAtEscape = v;
      }
    }

    /** Marks divergence at a non-finite value or gradient. */
    boolean diverged(double fx, double[] g) {
      if (Double.isFinite(fx) && Vectors.allFinite(g)) return false;
      end = TrialEnd.DIVERGED;
      return true;
    }

    Trial trial() {
      double last = Vectors.allFinite(x) ? f.value(x) : Double.NaN;
      if (end == TrialEnd.BUDGET || end == TrialEnd.LINE_SEARCH_FAILED) {
        if (Double.isFinite(last)) {
          observe(last);
        } else {
          end = TrialEnd.DIVERGED;
        }
      }
      double finalLoss = end == TrialEnd.DIVERGED ? lastFinite : last;
      return new Trial(escaped, toEscape, lossAtEscape, finalLoss, used, end);
    }
  }

  /** w* + eps u, u uniform on the unit sphere. */
  static double[] perturbed(double[] center, double eps, SplittableRandom random) {
    double[] u = unitDirection(center.length, random);
    double[] x = center.clone();
    for (int i = 0; i < x.length; i++) x[i] += eps * u[i];
    return x;
  }

  private static double[] unitDirection(int p, SplittableRandom random) {
    double[] d = new double[p];
    double norm = 0;
    for (int i = 0; i < p; i++) {
      d[i] = Initializer.gaussian(random);
      norm += d[i] * d[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < p; i++) d[i] /= norm;
    return d;
  }

  static void randomSearch(Walk w, SplittableRandom random) {
    int p = w.x.length;
    double[] trial = new double[p];
    double fx = w.f0;
    double r = w.radius;
    while (w.canAfford(1)) {
      double[] d = unitDirection(p, random);
      for (int i = 0; i < p; i++) trial[i] = w.x[i] + r * d[i];
      double v = w.f.value(trial);
      w.used++;
      if (v < fx) {
        System.arraycopy(trial, 0, w.x, 0, p);
        fx = v;
        w.observe(fx);
      }
    }
  }

  static void eigenvector(Walk w, SplittableRandom random, double[] lowest, long lanczosCost, double eta) {
    if (!w.canAfford(lanczosCost + 1)) {
      w.used = w.budget;
      return;
    }
    w.used += lanczosCost;
    int p = w.x.length;
    double sign = random.nextBoolean() ? 1 : -1;
    double[] trial = new double[p];
    for (int attempt = 0; attempt < 2 && w.canAfford(1); attempt++) {
      double s = attempt == 0 ? sign : -sign;
      for (int i = 0; i < p; i++) trial[i] = w.center[i] + s * w.radius * lowest[i];
      double v = w.f.value(trial);
      w.used++;
      if (v < w.f0) {
        System.arraycopy(trial, 0, w.x, 0, p);
        w.observe(v);
        break;
      }
    }
    descend(w, eta);
  }

  static void gradientDescent(Walk w, double[] start, double eta) {
    System.arraycopy(start, 0, w.x, 0, start.length);
    descend(w, eta);
  }

  /** Gradient steps x &lt;- x - eta g from the walk's iterate until the budget is spent. */
  private static void descend(Walk w, double eta) {
    int p = w.x.length;
    double[] g = new double[p];
    while (w.canAfford(1)) {
      double fx = w.f.valueAndGradient(w.x, g);
      w.used++;
      if (w.diverged(fx, g)) return;
      w.observe(fx);
      for (int i = 0; i < p; i++) w.x[i] -= eta * g[i];
    }
  }

  static void sgd(Walk w, SplittableRandom random, double eta, StochasticObjective data, int batch, double sigma) {
    int p = w.x.length;
    double[] g = new double[p];
    int n = data == null ? 0 : data.exampleCount();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    while (w.canAfford(1)) {
      double fx;
      if (data != null) {
        for (int i = 0; i < batch; i++) { // partial Fisher-Yates: a batch without replacement
          int j = i + random.nextInt(n - i);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
        }
        fx = data.valueAndGradient(w.x, g, order, batch);
      } else {
        fx = w.f.valueAndGradient(w.x, g);
        for (int i = 0; i < p; i++) g[i] += sigma * Initializer.gaussian(random);
      }
      w.used++;
      if (w.diverged(fx, g)) return;
      for (int i = 0; i < p; i++) w.x[i] -= eta * g[i];
      w.observe(Double.NaN);
    }
  }

  static void perturbedGradientDescent(Walk w, SplittableRandom random, double eta, double gradientThreshold, double eps) {
    int p = w.x.length;
    double[] g = new double[p];
    long lastPerturbation = -EscapeLab.PGD_INTERVAL - 1;
    for (long t = 0; w.canAfford(1); t++) {
      double fx = w.f.valueAndGradient(w.x, g);
      w.used++;
      if (w.diverged(fx, g)) return;
      w.observe(fx);
      if (Vectors.norm(g) <= gradientThreshold && t - lastPerturbation > EscapeLab.PGD_INTERVAL) {
        // uniform in the ball of radius eps: a uniform direction times eps U^(1/P)
        double[] d = unitDirection(p, random);
        double rho = eps * Math.pow(random.nextDouble(), 1.0 / p);
        for (int i = 0; i < p; i++) w.x[i] += rho * d[i];
        lastPerturbation = t;
      } else {
        for (int i = 0; i < p; i++) w.x[i] -= eta * g[i];
      }
    }
  }

  static void newton(Walk w, double[] start, boolean saddleFree) {
    int p = w.x.length;
    System.arraycopy(start, 0, w.x, 0, p);
    double[] g = new double[p];
    double[] h = new double[p * p];
    double[] step = new double[p];
    double[] force = new double[p];
    double[] trial = new double[p];
    double cutoff = DenseNewton.Config.defaults(DenseNewton.Variant.PURE).cutoff();
    while (w.canAfford(1 + p)) {
      double fx = w.f.valueAndGradient(w.x, g);
      w.used++;
      if (w.diverged(fx, g)) return;
      w.observe(fx);
      w.f.hessian(w.x, h);
      w.used += p;
      if (!Vectors.allFinite(h)) {
        w.end = TrialEnd.DIVERGED;
        return;
      }
      DenseSpectrum.Result eig = DenseSpectrum.decompose(h, p, true);
      double slope = DenseNewton.direction(eig.eigenvalues(), eig.eigenvectors(), g, p, saddleFree, cutoff, step, force);
      if (!saddleFree) {
        for (int i = 0; i < p; i++) w.x[i] += step[i];
        continue;
      }
      double alpha = 1;
      boolean accepted = false;
      while (w.canAfford(1) && alpha > 1e-15) {
        for (int i = 0; i < p; i++) trial[i] = w.x[i] + alpha * step[i];
        double v = w.f.value(trial);
        w.used++;
        if (Double.isFinite(v) && v <= fx + 1e-4 * alpha * slope) {
          accepted = true;
          break;
        }
        alpha *= 0.5;
      }
      if (!accepted) {
        if (w.canAfford(1)) w.end = TrialEnd.LINE_SEARCH_FAILED;
        return;
      }
      System.arraycopy(trial, 0, w.x, 0, p);
    }
  }
}

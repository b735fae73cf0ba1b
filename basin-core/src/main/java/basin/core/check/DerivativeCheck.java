package basin.core.check;

import basin.core.Objective;
import basin.core.PiecewiseSmooth;
import basin.core.linalg.Vectors;
import java.util.SplittableRandom;

/**
 * Compares an objective's exact derivatives with finite differences, the way a user convinces
 * themself that the numbers can be trusted (in the spirit of JAX's {@code check_grads}).
 *
 * <ul>
 *   <li>gradient: every coordinate (or a random subset of {@code maxCoordinates}) against the
 *       fourth-order central difference (-f(w+2h) + 8 f(w+h) - 8 f(w-h) + f(w-2h)) / (12 h), plus
 *       the directional derivative along random unit directions;
 *   <li>Hessian-vector product: H v against the same stencil applied to the gradient along v;
 *   <li>symmetry: |u'Hv - v'Hu| / (|u'Hv| + |v'Hu|) for random u, v;
 *   <li>dense Hessian (when P <= {@code maxDenseDimension}): every column against a Hessian-vector
 *       product with the unit vector, and exact symmetry.
 * </ul>
 * Errors are relative: ||exact - fd|| / max(||exact||, ||fd||, floor) with {@code floor} guarding
 * points where the derivative vanishes. For a {@link PiecewiseSmooth} objective the step is
 * halved until every point of the stencil has the region signature of w, so differences never
 * straddle a ReLU switching on or off.
 *
 * <p>Cost per point: 4 P + 4 d function values for the gradient (d directions), 4 d gradients for
 * the Hessian-vector products, P Hessian-vector products and one dense Hessian.
 */
public final class DerivativeCheck {

  /**
   * Options of a check.
   *
   * @param step finite-difference step h before kink shrinking (1e-3 suits the fourth-order stencil)
   * @param directions random directions per point for directional and Hessian-vector checks
   * @param maxCoordinates gradient coordinates checked per point (all when P is smaller)
   * @param maxDenseDimension largest P for which the dense Hessian is checked
   * @param floor smallest norm used as a denominator of relative errors, times max(1, |f(w)|): below
   *     it a derivative counts as zero, and finite differences of a zero derivative are round-off
   */
  public record Options(double step, int directions, int maxCoordinates, int maxDenseDimension, double floor) {
    public Options {
      if (!(step > 0)) throw new IllegalArgumentException("step must be > 0, got " + step);
      if (directions < 1) throw new IllegalArgumentException("directions must be >= 1, got " + directions);
      if (maxCoordinates < 0) throw new IllegalArgumentException("maxCoordinates must be >= 0, got " + maxCoordinates);
      if (!(floor > 0)) throw new IllegalArgumentException("floor must be > 0, got " + floor);
    }

    public static Options defaults() {
      return new Options(1e-3, 4, 400, 3000, 1e-6);
    }

    public Options withStep(double h) {
      return new Options(h, directions, maxCoordinates, maxDenseDimension, floor);
    }
  }

  /**
   * Largest relative errors found at one point. {@code hessianError} and {@code hessianAsymmetry}
   * are NaN when the dense Hessian was not checked.
   */
  public record Result(double gradientError, double directionalError, double hvpError, double symmetryError,
                       double hessianError, double hessianAsymmetry) {

    /** The largest of the errors that were computed. */
    public double worst() {
      double w = Math.max(Math.max(gradientError, directionalError), Math.max(hvpError, symmetryError));
      if (!Double.isNaN(hessianError)) w = Math.max(w, hessianError);
      if (!Double.isNaN(hessianAsymmetry)) w = Math.max(w, hessianAsymmetry);
      return w;
    }

    /** Elementwise maximum of two results (NaN entries are ignored). */
    public Result max(Result o) {
      return new Result(m(gradientError, o.gradientError), m(directionalError, o.directionalError), m(hvpError, o.hvpError),
          m(symmetryError, o.symmetryError), m(hessianError, o.hessianError), m(hessianAsymmetry, o.hessianAsymmetry));
    }

    private static double m(double a, double b) {
      if (Double.isNaN(a)) return b;
      if (Double.isNaN(b)) return a;
      return Math.max(a, b);
    }
  }

  private final Options options;

  /** Immutable; {@link #check} may run on several threads at once (each with its own objective). */
  public DerivativeCheck(Options options) {
    this.options = options;
  }

  /** Checks every derivative of {@code f} at {@code w}; directions are drawn from {@code random}. */
  public Result check(Objective f, double[] w, SplittableRandom random) {
    int p = f.dimension();
    double[] g = new double[p];
    double fw = f.valueAndGradient(w, g);
    double floor = options.floor * Math.max(1.0, Math.abs(fw));
    double[] x = w.clone();

    // gradient, coordinate by coordinate
    int[] coords = coordinates(p, random);
    double diff2 = 0;
    double exact2 = 0;
    double fd2 = 0;
    double[] e = new double[p];
    for (int j : coords) {
      e[j] = 1.0;
      double h = step(f, w, e);
      e[j] = 0.0;
      double fd = stencil(f, w, x, j, h);
      diff2 += (fd - g[j]) * (fd - g[j]);
      exact2 += g[j] * g[j];
      fd2 += fd * fd;
    }
    double gradientError = Math.sqrt(diff2) / Math.max(Math.max(Math.sqrt(exact2), Math.sqrt(fd2)), floor);

    double directionalError = 0;
    double hvpError = 0;
    double symmetryError = 0;
    double[] v = new double[p];
    double[] u = new double[p];
    double[] hv = new double[p];
    double[] hu = new double[p];
    double[] gp = new double[p];
    double[] fdHv = new double[p];
    for (int d = 0; d < options.directions; d++) {
      randomUnit(random, v);
      randomUnit(random, u);
      double h = step(f, w, v);
      // directional derivative of f
      double fd = (-value(f, w, v, 2 * h, x) + 8 * value(f, w, v, h, x) - 8 * value(f, w, v, -h, x) + value(f, w, v, -2 * h, x)) / (12 * h);
      double exact = Vectors.dot(g, v);
      directionalError = Math.max(directionalError, Math.abs(fd - exact) / Math.max(Math.max(Math.abs(fd), Math.abs(exact)), floor));
      // Hessian-vector product against the stencil on gradients
      java.util.Arrays.fill(fdHv, 0.0);
      double[] coef = {-1, 8, -8, 1};
      double[] steps = {2 * h, h, -h, -2 * h};
      for (int s = 0; s < 4; s++) {
        for (int i = 0; i < p; i++) x[i] = w[i] + steps[s] * v[i];
        f.valueAndGradient(x, gp);
        Vectors.axpy(coef[s] / (12 * h), gp, fdHv);
      }
      f.hessianVectorProduct(w, v, hv);
      hvpError = Math.max(hvpError, relative(hv, fdHv, floor));
      f.hessianVectorProduct(w, u, hu);
      double uHv = Vectors.dot(u, hv);
      double vHu = Vectors.dot(v, hu);
      symmetryError = Math.max(symmetryError, Math.abs(uHv - vHu) / Math.max(Math.abs(uHv) + Math.abs(vHu), floor));
    }

    double hessianError = Double.NaN;
    double asymmetry = Double.NaN;
    if (p <= options.maxDenseDimension) {
      double[] hess = new double[p * p];
      f.hessian(w, hess);
      hessianError = 0;
      asymmetry = 0;
      double[] col = new double[p];
      double[] fromDense = new double[p];
      for (int j = 0; j < p; j++) {
        e[j] = 1.0;
        f.hessianVectorProduct(w, e, col);
        e[j] = 0.0;
        for (int i = 0; i < p; i++) fromDense[i] = hess[i * p + j];
        hessianError = Math.max(hessianError, relative(fromDense, col, floor));
        for (int i = 0; i < j; i++) {
          double a = hess[i * p + j];
          double b = hess[j * p + i];
          asymmetry = Math.max(asymmetry, Math.abs(a - b) / Math.max(Math.abs(a) + Math.abs(b), floor));
        }
      }
    }
    return new Result(gradientError, directionalError, hvpError, symmetryError, hessianError, asymmetry);
  }

  private static double relative(double[] exact, double[] approx, double floor) {
    double d = 0;
    for (int i = 0; i < exact.length; i++) d += (exact[i] - approx[i]) * (exact[i] - approx[i]);
    return Math.sqrt(d) / Math.max(Math.max(Vectors.norm(exact), Vectors.norm(approx)), floor);
  }

  /** The step h, halved until w + t v for t in {-2h, -h, h, 2h} all lie in the smooth piece of w. */
  private double step(Objective f, double[] w, double[] v) {
    double h = options.step;
    if (f instanceof PiecewiseSmooth ps) {
      long here = ps.regionSignature(w);
      double[] x = new double[w.length];
      for (int halvings = 0; halvings < 60; halvings++) {
        boolean same = true;
        for (double t : new double[] {-2 * h, -h, h, 2 * h}) {
          for (int i = 0; i < w.length; i++) x[i] = w[i] + t * v[i];
          same &= ps.regionSignature(x) == here;
        }
        if (same) break;
        h *= 0.5;
      }
    }
    return h;
  }

  private static double stencil(Objective f, double[] w, double[] x, int j, double h) {
    double wj = w[j];
    x[j] = wj + 2 * h;
    double f2 = f.value(x);
    x[j] = wj + h;
    double f1 = f.value(x);
    x[j] = wj - h;
    double m1 = f.value(x);
    x[j] = wj - 2 * h;
    double m2 = f.value(x);
    x[j] = wj;
    return (-f2 + 8 * f1 - 8 * m1 + m2) / (12 * h);
  }

  private static double value(Objective f, double[] w, double[] v, double t, double[] x) {
    for (int i = 0; i < w.length; i++) x[i] = w[i] + t * v[i];
    double r = f.value(x);
    System.arraycopy(w, 0, x, 0, w.length);
    return r;
  }

  private int[] coordinates(int p, SplittableRandom random) {
    if (p <= options.maxCoordinates) {
      int[] all = new int[p];
      for (int i = 0; i < p; i++) all[i] = i;
      return all;
    }
    // a seeded random subset (partial Fisher-Yates)
    int[] idx = new int[p];
    for (int i = 0; i < p; i++) idx[i] = i;
    for (int i = 0; i < options.maxCoordinates; i++) {
      int j = i + random.nextInt(p - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return java.util.Arrays.copyOf(idx, options.maxCoordinates);
  }

  private static void randomUnit(SplittableRandom random, double[] v) {
    for (int i = 0; i < v.length; i++) v[i] = basin.core.model.Initializer.gaussian(random);
    double n = Vectors.norm(v);
    for (int i = 0; i < v.length; i++) v[i] /= n;
  }
}

package basin.landscape.flatness;

import basin.core.model.Mlp;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.ProbeVectors;

/**
 * Directions for basin radii and loss profiles, as row-major count x P arrays.
 *
 * <ul>
 *   <li>{@link #gaussian}: unit vectors uniform on the sphere (normalized standard Gaussians).
 *   <li>{@link #filterNormalized}: Li, Xu, Taylor, Studer &amp; Goldstein, "Visualizing the Loss
 *       Landscape of Neural Nets", NeurIPS 2018, Sec. 4: a Gaussian direction whose every filter is
 *       rescaled to the norm of the same filter of x. For an MLP a filter is one unit's incoming
 *       weights; here it is the unit's incoming weight row <b>together with its bias</b>
 *       (W_l[j, :], b_l[j]), so a bias is perturbed on the scale of its unit (Li et al.'s code
 *       instead zeroes bias directions by default). A filter of x that is zero gives a zero filter
 *       in the direction. Not normalized: its norm is about ||x||.
 *   <li>{@link #eigenvectors}: the top Hessian eigenvectors, each with both signs.
 * </ul>
 *
 * <p>Direction i draws from {@link ProbeVectors#stream}(seed, i), so it does not depend on the count.
 */
public final class Directions {
  private Directions() {}

  /** count unit Gaussian directions of dimension n. */
  public static double[] gaussian(int n, int count, long seed) {
    check(n, count);
    double[] out = new double[n * count];
    double[] v = new double[n];
    for (int k = 0; k < count; k++) {
      ProbeVectors.gaussian(ProbeVectors.stream(seed, k), v);
      double s = 0.0;
      for (double x : v) s += x * x;
      double inv = 1.0 / Math.sqrt(s);
      for (int i = 0; i < n; i++) out[k * n + i] = v[i] * inv;
    }
    return out;
  }

  /**
   * count filter-normalized Gaussian directions for the MLP {@code model} at x (see the class comment).
   *
   * @param model the architecture; P = model.parameterCount()
   * @param x the point, length P (not modified)
   */
  public static double[] filterNormalized(Mlp model, double[] x, int count, long seed) {
    int n = model.parameterCount();
    if (x.length != n) throw new IllegalArgumentException("point has length " + x.length + ", model has " + n + " parameters");
    check(n, count);
    double[] out = new double[n * count];
    double[] v = new double[n];
    for (int k = 0; k < count; k++) {
      ProbeVectors.gaussian(ProbeVectors.stream(seed, k), v);
      filterNormalize(model, x, v);
      System.arraycopy(v, 0, out, k * n, n);
    }
    return out;
  }

  /**
   * Rescales, in place, each filter (unit j of layer l: W_l[j, :] and b_l[j]) of d to the norm of the
   * same filter of x. A zero filter of d stays zero.
   */
  public static void filterNormalize(Mlp model, double[] x, double[] d) {
    for (int l = 1; l <= model.layerCount(); l++) {
      int in = model.width(l - 1);
      int w = model.weightOffset(l);
      int b = model.bias() ? model.biasOffset(l) : -1;
      for (int j = 0; j < model.width(l); j++) {
        int row = w + j * in;
        double nx = 0.0;
        double nd = 0.0;
        for (int i = 0; i < in; i++) {
          nx += x[row + i] * x[row + i];
          nd += d[row + i] * d[row + i];
        }
        if (b >= 0) {
          nx += x[b + j] * x[b + j];
          nd += d[b + j] * d[b + j];
        }
        double scale = nd > 0 ? Math.sqrt(nx / nd) : 0.0;
        for (int i = 0; i < in; i++) d[row + i] *= scale;
        if (b >= 0) d[b + j] *= scale;
      }
    }
  }

  /**
   * The eigenvectors of the {@code count} largest eigenvalues of r, each followed by its negative:
   * 2 count unit rows (+v_0, -v_0, +v_1, -v_1, ...).
   */
  public static double[] eigenvectors(ExtremeEigenpairs.Result r, int count) {
    if (count < 1 || count > r.largest().length) {
      throw new IllegalArgumentException("eigenvector count must be in [1, " + r.largest().length + "], got " + count);
    }
    int n = r.dimension();
    double[] out = new double[2 * count * n];
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < n; i++) {
        double v = r.largestVectors()[k * n + i];
        out[2 * k * n + i] = v;
        out[(2 * k + 1) * n + i] = -v;
      }
    }
    return out;
  }

  private static void check(int n, int count) {
    if (n < 1 || count < 1 || (long) n * count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("need dimension >= 1 and count >= 1 with count * dimension within a Java array, got dimension "
          + n + ", count " + count);
    }
  }
}

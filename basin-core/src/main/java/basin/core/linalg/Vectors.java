package basin.core.linalg;

/** Allocation-free operations on dense vectors stored as {@code double[]}. */
public final class Vectors {
  private Vectors() {}

  /** Sum of x[i] * y[i]. */
  public static double dot(double[] x, double[] y) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /**
   * Euclidean norm sqrt(sum x[i]^2). NaN if any entry is NaN, +Inf if any entry is infinite and none
   * is NaN; finite (rescaled by max |x[i]|, no overflow or underflow) whenever every entry is
   * finite. The rescaling pass runs only when the plain sum of squares over- or underflows.
   */
  public static double norm(double[] x) {
    double s = dot(x, x);
    if (s > 0x1p-900 && s < Double.POSITIVE_INFINITY) {
      return Math.sqrt(s);
    }
    if (Double.isNaN(s)) {
      return Double.NaN;
    }
    double scale = 0.0;
    for (double v : x) {
      scale = Math.max(scale, Math.abs(v));
    }
    if (scale == 0.0 || scale == Double.POSITIVE_INFINITY) {
      return scale;
    }
    double t = 0.0;
    for (double v : x) {
      double r = v / scale;
      t += r * r;
    }
    return scale * Math.sqrt(t);
  }

  /** Largest |x[i]|; NaN if any entry is NaN. */
  public static double maxAbs(double[] x) {
    double m = 0.0;
    for (double v : x) {
      double a = Math.abs(v);
      if (Double.isNaN(a)) {
        return Double.NaN;
      }
      if (a > m) {
        m = a;
      }
    }
    return m;
  }

  /** y += alpha x. */
  public static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** Whether every entry is finite. */
  public static boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}

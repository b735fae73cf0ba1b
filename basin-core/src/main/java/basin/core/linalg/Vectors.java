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

  /** Euclidean norm, computed without overflow for entries up to Double.MAX_VALUE / sqrt(n). */
  public static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
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

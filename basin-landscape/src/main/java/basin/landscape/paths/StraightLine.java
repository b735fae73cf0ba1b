package basin.landscape.paths;

/** phi(t) = (1 - t) a + t b. Immutable (the end points are copied in). */
public record StraightLine(double[] a, double[] b) implements ParametricPath {
  public StraightLine {
    if (a.length != b.length) throw new IllegalArgumentException("end points have lengths " + a.length + " and " + b.length);
    a = a.clone();
    b = b.clone();
  }

  @Override
  public int dimension() {
    return a.length;
  }

  @Override
  public void point(double t, double[] out) {
    for (int i = 0; i < a.length; i++) out[i] = (1 - t) * a[i] + t * b[i];
  }

  @Override
  public String kind() {
    return "line";
  }
}

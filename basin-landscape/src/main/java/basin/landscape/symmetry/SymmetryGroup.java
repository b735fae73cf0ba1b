package basin.landscape.symmetry;

/**
 * The symmetries of an objective: the transformations of parameter space that leave the loss
 * unchanged. Basin uses them three ways: the continuous part explains zero Hessian eigenvalues at a
 * critical point ({@link #orbitTangent}, used by the certifier), the whole group defines when two
 * minima are the same ({@link #distance}), and {@link #canonicalize} picks one representative per
 * class for storage and export.
 *
 * <p>Implementations: {@link MlpSymmetryGroup} (unit permutations, sign flips, ReLU rescaling; all of
 * GL(d) for deep linear networks), {@link RowPermutationGroup} (permutations of interchangeable
 * units, as in a two-layer network whose second layer is fixed), {@link GeneralLinearGroup} (the
 * GL(p) of a factorization B A), and {@link #trivial} (an objective without symmetries, such as an
 * analytic test function).
 *
 * <p>Implementations are immutable and thread-safe; results are new arrays or objects.
 */
public interface SymmetryGroup {

  /** Number of parameters P the group acts on. */
  int dimension();

  /**
   * The tangent space at w of the orbit of the continuous part of the group, or null when the group
   * is discrete. Its dimension is the number of zero Hessian eigenvalues the symmetries explain at a
   * critical point w.
   *
   * @param w parameters, length P, finite (not modified)
   */
  OrbitTangent orbitTangent(double[] w);

  /** One representative of w's class (a new array); equal classes may differ by round-off. */
  double[] canonicalize(double[] w);

  /**
   * The distance between the classes of a and b: min over group elements g of ||a - g b||_2 (or, for
   * groups where only an invariant is computable, the distance of the invariants; see each class).
   * NaN when either point is not finite.
   */
  double distance(double[] a, double[] b);

  /** A short description for summaries, e.g. "permutations of 6 units". */
  String describe();

  /**
   * A text from which {@link SymmetryGroups#parse} rebuilds an equal group, so a catalog can
   * recompute distances without the data the objective was built from.
   */
  String spec();

  /** The group with one element: no symmetries; the distance is Euclidean. */
  static SymmetryGroup trivial(int dimension) {
    if (dimension < 0) throw new IllegalArgumentException("dimension must be >= 0, got " + dimension);
    return new SymmetryGroup() {
      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public OrbitTangent orbitTangent(double[] w) {
        return null;
      }

      @Override
      public double[] canonicalize(double[] w) {
        return w.clone();
      }

      @Override
      public double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
          double d = a[i] - b[i];
          s += d * d;
        }
        return Math.sqrt(s);
      }

      @Override
      public String describe() {
        return "none";
      }

      @Override
      public String spec() {
        return "none:" + dimension;
      }
    };
  }
}

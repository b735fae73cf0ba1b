package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.io.Npy;
import basin.core.model.Initializer;
import basin.data.GlobalReference;
import basin.data.closedform.LinearAutoencoderObjective;
import basin.data.closedform.ReluTeacherStudentObjective;
import basin.landscape.symmetry.GeneralLinearGroup;
import basin.landscape.symmetry.RowColumnPermutationGroup;
import basin.landscape.symmetry.RowPermutationGroup;
import basin.landscape.symmetry.SymmetryGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The subject of a study of an objective given in closed form, without data: the Gaussian-input
 * two-layer ReLU teacher-student loss ({@code relu-population}), the linear autoencoder
 * ({@code linear-autoencoder}), or an analytic test function. Its data loss is the objective
 * itself; accuracies and test losses do not apply (NaN).
 *
 * <p>Initial points: {@code init: default} is the literature's initialization of each objective
 * (see {@link #of}); {@code normal:S} draws every parameter from N(0, S^2); {@code uniform:S} from
 * U(-S, S). All from {@code new SplittableRandom(seed)}.
 */
final class ClosedFormSubject implements StudySubject {
  /** The objective names a spec may give besides {@code mlp}, with their parameters, for listings. */
  static final String RELU_POPULATION_HELP = "relu-population:k=K[,d=D][,teacher=identity|random|FILE.npy][,teacher_width=M][,teacher_seed=S]";
  static final String LINEAR_AUTOENCODER_HELP = "linear-autoencoder:n=N,p=P[,spectrum=L1;L2;...][,basis=identity|random][,basis_seed=S]";

  private final String describe;
  private final Objective objective;
  private final SymmetryGroup symmetry;
  private final GlobalReference reference;
  private final String provenance;
  private final String inputsHash;
  private final StartDistribution starts;

  /** How initial points are drawn. */
  interface StartDistribution {
    double[] draw(long seed);
  }

  private ClosedFormSubject(String describe, Objective objective, SymmetryGroup symmetry, GlobalReference reference, String provenance,
      String inputsHash, StartDistribution starts) {
    this.describe = describe;
    this.objective = objective;
    this.symmetry = symmetry;
    this.reference = reference;
    this.provenance = provenance;
    this.inputsHash = inputsHash;
    this.starts = starts;
  }

  /**
   * The subject a spec names.
   *
   * @param spec a spec whose objective is not {@code mlp}
   * @param baseDirectory directory against which relative file names in the objective resolve (the
   *     spec file's directory), or null for the working directory
   */
  static ClosedFormSubject of(StudySpec spec, Path baseDirectory) {
    ObjectiveName name = ObjectiveName.parse(spec.objective());
    if (!(spec.l2() == 0)) {
      throw new InputException("spec field l2 is " + spec.l2() + ", but objective " + name.name() + " takes no L2 term; use l2: 0");
    }
    return switch (name.name()) {
      case "relu-population" -> reluPopulation(name, spec.init(), baseDirectory);
      case "linear-autoencoder" -> linearAutoencoder(name, spec.init());
      default -> TestFunctionSubjects.of(name, spec.objective(), spec.init());
    };
  }

  static ClosedFormSubject testFunction(String describe, Objective f, GlobalReference reference, String canonical, StartDistribution starts) {
    return new ClosedFormSubject(describe, f, SymmetryGroup.trivial(f.dimension()), reference, canonical,
        new InputsHash().text(canonical).hex(), starts);
  }

  private static ClosedFormSubject reluPopulation(ObjectiveName n, String init, Path base) {
    n.allowOnly(Set.of("k", "d", "teacher", "teacher_width", "teacher_seed"));
    int k = n.integer("k", null, 1);
    String teacherKind = n.text("teacher", "identity");
    double[] teacher;
    int m;
    int d;
    String teacherText;
    if (teacherKind.equalsIgnoreCase("identity")) {
      d = n.integer("d", k, 1);
      m = d;
      teacher = new double[d * d];
      for (int j = 0; j < d; j++) teacher[j * d + j] = 1.0;
      teacherText = "identity teacher (m = d = " + d + ")";
    } else if (teacherKind.equalsIgnoreCase("random")) {
      d = n.integer("d", k, 1);
      m = n.integer("teacher_width", k, 1);
      long seed = n.seed("teacher_seed", 1L);
      SplittableRandom random = new SplittableRandom(seed);
      teacher = new double[m * d];
      for (int i = 0; i < teacher.length; i++) teacher[i] = Initializer.gaussian(random);
      teacherText = "random teacher N(0, 1), m = " + m + ", d = " + d + ", seed " + seed;
    } else {
      Path file = Path.of(teacherKind);
      if (!file.isAbsolute() && base != null) file = base.resolve(file);
      if (!Files.isRegularFile(file)) {
        throw new InputException("objective relu-population: teacher=" + teacherKind + " is neither identity, random nor a readable .npy file (" + file + ")");
      }
      basin.core.io.NpyArray a = Npy.read(file);
      int[] shape = a.shape();
      if (shape.length != 2) throw new InputException(file + ": teacher weights have shape " + java.util.Arrays.toString(shape) + ", expected a 2-D m x d array");
      m = shape[0];
      d = shape[1];
      if (n.parameters().containsKey("d") && n.integer("d", d, 1) != d) {
        throw new InputException("objective relu-population: d=" + n.text("d", "") + " but " + file + " has d = " + d);
      }
      teacher = a.data();
      teacherText = "teacher from " + file.getFileName() + " (m = " + m + ", d = " + d + ")";
    }
    ReluTeacherStudentObjective f;
    try {
      f = new ReluTeacherStudentObjective(k, teacher, m, d);
    } catch (IllegalArgumentException e) {
      throw new InputException("objective relu-population: " + e.getMessage());
    }
    GlobalReference ref = k >= m
        ? GlobalReference.closedForm(0.0, "the student (k = " + k + " >= m = " + m + ") can copy the teacher: population loss 0")
        : GlobalReference.unknown("the student is narrower than the teacher (k = " + k + " < m = " + m + ")");
    String describe = String.format(Locale.ROOT, "relu-population: k = %d student ReLU units, %s, Gaussian inputs in d = %d", k, teacherText, d);
    StartDistribution starts = starts(init, k * d, 1.0 / Math.sqrt(d), "N(0, 1/d), Safran and Shamir 2018");
    String hash = new InputsHash().text("relu-population").integer(k).integer(m).integer(d).doubles(teacher).hex();
    // the identity teacher is mapped onto itself by permutations of the input coordinates
    SymmetryGroup group = teacherKind.equalsIgnoreCase("identity") ? new RowColumnPermutationGroup(k, d) : new RowPermutationGroup(k, d);
    return new ClosedFormSubject(describe, f, group, ref, describe, hash, starts);
  }

  private static ClosedFormSubject linearAutoencoder(ObjectiveName n, String init) {
    n.allowOnly(Set.of("n", "p", "spectrum", "basis", "basis_seed"));
    int dim = n.integer("n", null, 1);
    int p = n.integer("p", null, 1);
    if (p > dim) throw new InputException("objective linear-autoencoder: p=" + p + " exceeds n=" + dim + ", expected 1 <= p <= n");
    double[] defaults = new double[dim];
    for (int i = 0; i < dim; i++) defaults[i] = dim - i;
    double[] spectrum = n.list("spectrum", defaults);
    if (spectrum.length != dim) {
      throw new InputException("objective linear-autoencoder: spectrum has " + spectrum.length + " eigenvalues, expected n = " + dim);
    }
    for (double v : spectrum) {
      if (!(v > 0)) throw new InputException("objective linear-autoencoder: spectrum value " + v + ", expected eigenvalues > 0");
    }
    String basis = n.text("basis", "identity");
    double[] u = new double[dim * dim];
    if (basis.equalsIgnoreCase("identity")) {
      for (int i = 0; i < dim; i++) u[i * dim + i] = 1.0;
    } else if (basis.equalsIgnoreCase("random")) {
      u = randomOrthogonal(dim, n.seed("basis_seed", 1L));
    } else {
      throw new InputException("objective linear-autoencoder: basis=" + basis + ", expected identity or random");
    }
    LinearAutoencoderObjective f = LinearAutoencoderObjective.withSpectrum(u, spectrum, p);
    String describe = String.format(Locale.ROOT, "linear-autoencoder: n = %d, p = %d, covariance spectrum %s, %s basis", dim, p,
        java.util.Arrays.toString(spectrum), basis.toLowerCase(Locale.ROOT));
    StartDistribution starts = starts(init, 2 * dim * p, 1.0 / Math.sqrt(dim), "N(0, 1/n)");
    String hash = new InputsHash().text("linear-autoencoder").integer(dim).integer(p).doubles(spectrum).doubles(u).hex();
    return new ClosedFormSubject(describe, f, new GeneralLinearGroup(dim, p), f.globalReference(), describe, hash, starts);
  }

  /** Q of the QR factorization (modified Gram-Schmidt) of a seeded Gaussian matrix: a random orthogonal matrix. */
  private static double[] randomOrthogonal(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] q = new double[n * n];
    for (int i = 0; i < q.length; i++) q[i] = Initializer.gaussian(random);
    for (int c = 0; c < n; c++) {
      for (int prev = 0; prev < c; prev++) {
        double dot = 0;
        for (int r = 0; r < n; r++) dot += q[r * n + c] * q[r * n + prev];
        for (int r = 0; r < n; r++) q[r * n + c] -= dot * q[r * n + prev];
      }
      double norm = 0;
      for (int r = 0; r < n; r++) norm += q[r * n + c] * q[r * n + c];
      norm = Math.sqrt(norm);
      for (int r = 0; r < n; r++) q[r * n + c] /= norm;
    }
    return q;
  }

  /**
   * The start distribution an init string names, over P parameters: "default" is N(0, defaultStd^2)
   * per parameter, "normal:S" N(0, S^2), "uniform:S" U(-S, S).
   */
  static StartDistribution starts(String init, int dimension, double defaultStd, String defaultLabel) {
    String t = init == null ? "default" : init.trim().toLowerCase(Locale.ROOT);
    if (t.equals("default")) return seed -> draw(seed, dimension, defaultStd, true);
    if (t.startsWith("normal:") || t.startsWith("uniform:")) {
      boolean normal = t.startsWith("normal:");
      double s;
      try {
        s = Double.parseDouble(t.substring(t.indexOf(':') + 1));
      } catch (NumberFormatException e) {
        throw new InputException("spec field init is " + init + ", expected default, normal:S or uniform:S with S > 0");
      }
      if (!(s > 0 && Double.isFinite(s))) throw new InputException("spec field init is " + init + ", expected S > 0");
      return seed -> draw(seed, dimension, s, normal);
    }
    throw new InputException("spec field init is " + init + ", expected default (" + defaultLabel + "), normal:S or uniform:S");
  }

  private static double[] draw(long seed, int dimension, double scale, boolean normal) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      w[i] = normal ? scale * Initializer.gaussian(random) : scale * (2.0 * random.nextDouble() - 1.0);
    }
    return w;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public int dimension() {
    return objective.dimension();
  }

  @Override
  public SymmetryGroup symmetry() {
    return symmetry;
  }

  @Override
  public GlobalReference globalReference() {
    return reference;
  }

  @Override
  public double[] initialPoint(long seed) {
    return starts.draw(seed);
  }

  @Override
  public Evaluator newEvaluator() {
    Objective f = objective.copy();
    return new Evaluator() {
      @Override
      public Objective train() {
        return f;
      }

      @Override
      public Evaluation evaluate(double[] w) {
        return Evaluation.NONE; // no regularization term: the data loss is the objective
      }
    };
  }

  @Override
  public String provenance() {
    return provenance;
  }

  @Override
  public String inputsHash() {
    return inputsHash;
  }
}

package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.certify.Certifier;
import basin.landscape.paths.ActivationMatching;
import basin.landscape.paths.Alignment;
import basin.landscape.paths.AlignmentMethod;
import basin.landscape.paths.BendCurve;
import basin.landscape.paths.CurveTraining;
import basin.landscape.paths.NudgedElasticBand;
import basin.landscape.paths.ParametricPath;
import basin.landscape.paths.PathBarriers;
import basin.landscape.paths.PathProfile;
import basin.landscape.paths.PathProfiles;
import basin.landscape.paths.StraightLine;
import basin.landscape.paths.TransitionStates;
import basin.landscape.paths.WeightMatching;
import basin.landscape.saddle.EigenvectorFollowing;
import basin.landscape.symmetry.MlpSymmetryGroup;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Fills a catalog's {@code paths} table: the path between two of its minima by one method (straight
 * line, trained Bezier curve or chain, nudged elastic band refined to a transition state), after an
 * alignment of the second minimum to the first (weight matching, activation matching, or none), with
 * the loss profile's barriers (docs/paths.md).
 *
 * <p>One row per (minimum_a, minimum_b, variant), variant = "method/alignment" (for example
 * {@code neb/weight}); a rerun replaces its own row only. A pure function of (catalog, options).
 */
public final class PathRunner {
  private PathRunner() {}

  /** The methods, by their command-line names. */
  public enum Method {
    LINE, BEZIER, CHAIN, NEB;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Method parse(String s) {
      for (Method m : values()) if (m.label().equals(s)) return m;
      throw new InputException("--method " + s + ": expected line, bezier, chain or neb");
    }
  }

  /** The table's description, one place for its columns. */
  public static final Table TABLE = Table.byMinimumPairAndVariant("paths",
      "The path between two minima by one method after one alignment: the loss profile's maximum, barriers, integrated loss and length.",
      "method/alignment: line, bezier, chain or neb, then none, weight or activation (e.g. neb/weight).",
      List.of(
          Column.of("method", Column.Type.TEXT, "line, bezier (trained quadratic Bezier curve), chain (trained one-bend chain) or neb (nudged elastic band)."),
          Column.of("alignment", Column.Type.TEXT, "How minimum_b was aligned to minimum_a first: none, weight or activation."),
          Column.of("status", Column.Type.TEXT, "CONVERGED, MAX_ITERATIONS, ... of the curve training or band; CONVERGED for a line."),
          Column.of("iterations", Column.Type.INTEGER, "L-BFGS iterations of the bend or FIRE iterations of the band; 0 for a line."),
          Column.of("points", Column.Type.INTEGER, "Points K of the stored loss profile."),
          Column.of("loss_a", Column.Type.REAL, "Training objective at minimum_a."),
          Column.of("loss_b", Column.Type.REAL, "Training objective at the aligned minimum_b (the same as at minimum_b up to rounding)."),
          Column.of("train_max", Column.Type.REAL, "Largest training objective on the profile."),
          Column.of("train_barrier", Column.Type.REAL, "train_max minus the higher end point's objective."),
          Column.of("train_barrier_chord", Column.Type.REAL, "Largest excess of the objective over the chord of the end losses by arc-length fraction (Entezari et al.)."),
          Column.of("train_integrated", Column.Type.REAL, "Trapezoid integral of the objective over arc length."),
          Column.of("length", Column.Type.REAL, "Arc length of the path through the profile points."),
          Column.of("test_max", Column.Type.REAL, "Largest test loss on the profile; NULL without test data."),
          Column.of("test_barrier", Column.Type.REAL, "test_max minus the higher end point's test loss; NULL without test data."),
          Column.of("test_barrier_chord", Column.Type.REAL, "The chord barrier of the test loss; NULL without test data."),
          Column.of("distance", Column.Type.REAL, "||minimum_a - minimum_b|| as stored."),
          Column.of("aligned_distance", Column.Type.REAL, "||minimum_a - aligned minimum_b||."),
          Column.of("alignment_sweeps", Column.Type.INTEGER, "Sweeps of weight matching (1 activation, 0 none)."),
          Column.of("saddle_loss", Column.Type.REAL, "neb: the objective at the climbing image refined by eigenvector following; NULL otherwise."),
          Column.of("saddle_gradient_norm", Column.Type.REAL, "neb: ||grad f|| at the refined point."),
          Column.of("saddle_index", Column.Type.INTEGER, "neb: its certified Hessian index (-1 without a spectrum)."),
          Column.of("saddle_certified", Column.Type.INTEGER, "neb: 1 when the refined point is a certified index-1 saddle, else 0."),
          Column.of("saddle_barrier", Column.Type.REAL, "neb: saddle_loss minus the higher end point's objective, when certified."),
          // Profiles differ in length between rows (--points, a band's images), which one .npy matrix
          // cannot hold: they stay in the catalog (basin path --csv writes one).
          Column.of("profile_t", Column.Type.VECTOR, "Path parameters t of the profile points.").exported(Column.Export.NEVER),
          Column.of("profile_train", Column.Type.VECTOR, "Training objective at the profile points.").exported(Column.Export.NEVER),
          Column.of("profile_test", Column.Type.VECTOR, "Test loss at the profile points (NaN without test data).").exported(Column.Export.NEVER),
          Column.of("saddle", Column.Type.VECTOR, "neb: the refined point.")));

  /**
   * @param a id of the first minimum
   * @param b id of the second minimum
   * @param method line, bezier, chain or neb
   * @param alignment none, weight, activation, or auto (weight when the subject is an MLP, none otherwise)
   * @param points profile points K &gt;= 2
   * @param images NEB interior images &gt;= 1
   * @param springConstant NEB spring constant &gt; 0
   * @param maxIterations budget of the band's FIRE iterations or the bend's L-BFGS iterations
   * @param seed seed of weight matching's layer order
   */
  public record Options(int a, int b, String method, String alignment, int points, int images, double springConstant, int maxIterations,
      long seed) {
    public Options {
      Method.parse(method);
      if (!AUTO.equals(alignment)) {
        try {
          AlignmentMethod.parse(alignment);
        } catch (IllegalArgumentException e) {
          throw new InputException("--align " + alignment + ": expected auto, none, weight or activation");
        }
      }
      if (a == b) throw new InputException("--a and --b are both " + a + ": expected two different minima");
      if (points < 2) throw new InputException("--points " + points + ": expected >= 2");
      if (images < 1) throw new InputException("--images " + images + ": expected >= 1");
      if (!(springConstant > 0 && springConstant < Double.POSITIVE_INFINITY)) {
        throw new InputException("--spring " + springConstant + ": expected a finite number > 0");
      }
      if (maxIterations < 1) throw new InputException("--max-iterations " + maxIterations + ": expected >= 1");
    }

    /** The options with auto resolved for this subject. */
    Options resolved(StudySubject subject) {
      if (!AUTO.equals(alignment)) return this;
      String a = subject.symmetry() instanceof MlpSymmetryGroup ? AlignmentMethod.WEIGHT.label() : AlignmentMethod.NONE.label();
      return new Options(this.a, b, method, a, points, images, springConstant, maxIterations, seed);
    }
  }

  /** The alignment label that picks weight matching for MLP subjects and none for the others. */
  public static final String AUTO = "auto";

  /** "method/alignment", the row's variant, for resolved options. */
  public static String variant(Options resolved) {
    return resolved.method() + "/" + resolved.alignment();
  }

  /**
   * What one run did.
   *
   * @param options the options with the alignment resolved
   * @param row the stored row
   * @param profile the loss profile
   * @param alignment the alignment used
   * @param transitionState the refined climbing image (neb only, else null)
   * @param subject the subject's description
   */
  public record Outcome(Options options, Row row, PathProfile profile, Alignment alignment, TransitionStates.TransitionState transitionState, String subject,
      long wallNanos) {}

  /** Progress: (done, total, the band's max force or NaN). */
  public interface Progress {
    void update(int done, int total, double force);
  }

  /** Runs the path and stores its row. */
  public static Outcome run(Path catalogFile, Path baseDirectory, Options requested, Progress progress) {
    long t0 = System.nanoTime();
    try (Catalog catalog = Catalog.openForWriting(catalogFile)) {
      List<MinimumRecord> minima = catalog.minima();
      if (minima.isEmpty()) {
        throw new InputException("catalog " + catalogFile + " has no minima: run basin sample (or basin minima) first");
      }
      MinimumRecord ma = find(minima, requested.a(), "--a", catalogFile);
      MinimumRecord mb = find(minima, requested.b(), "--b", catalogFile);
      StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
      StudySubject subject = StudySubjects.ofCatalog(catalog, catalogFile, baseDirectory, "its minima belong to another objective");
      Options options = requested.resolved(subject);
      double[] a = ma.parameters();
      double[] b = mb.parameters();
      if (a == null || b == null) throw new InputException("catalog " + catalogFile + " stores no parameters for minimum " + (a == null ? ma.minimumId() : mb.minimumId()));
      StudySubject.Evaluator evaluator = subject.newEvaluator();
      Objective f = evaluator.train();
      AlignmentMethod am = AlignmentMethod.parse(options.alignment());
      Alignment alignment = align(subject, f, am, a, b, options.seed());
      double[] bb = alignment.alignedB();
      ToDoubleFunction<double[]> test = Double.isNaN(evaluator.evaluate(a).testLoss()) ? null : w -> evaluator.evaluate(w).testLoss();
      Method method = Method.parse(options.method());
      ParametricPath path;
      String status = "CONVERGED";
      long iterations = 0;
      TransitionStates.TransitionState ts = null;
      StudySpec.Tolerances tol = spec.tolerances();
      switch (method) {
        case LINE -> path = new StraightLine(a, bb);
        case BEZIER, CHAIN -> {
          CurveTraining.Result r = new CurveTraining(CurveTraining.Config.defaults().withMaxIterations(options.maxIterations())
              .withSeed(options.seed()))
              .train(f, method == Method.BEZIER ? BendCurve.Shape.BEZIER : BendCurve.Shape.CHAIN, a, bb,
                  progress == null ? null : (done, total, force) -> progress.update(done, total, force));
          path = r.curve();
          status = r.optimization().status().name();
          iterations = r.optimization().iterations();
        }
        default -> {
          NudgedElasticBand.Result band = new NudgedElasticBand(NudgedElasticBand.Config.defaults().withImages(options.images())
              .withMaxImages(Math.max(3 * options.images(), options.images())).withSpringConstant(options.springConstant())
              .withMaxIterations(options.maxIterations()))
              .run(f, a, bb, progress == null ? null : (done, total, force) -> progress.update(done, total, force));
          path = band.path();
          status = band.status().name();
          iterations = band.iterations();
          Certifier certifier = new Certifier(Certifier.Config.defaults().withGradientTolerance(tol.gradient())
              .withRelativeEigenvalueTolerance(tol.eigenvalue()));
          ts = TransitionStates.refine(f, subject.symmetry(), band, EigenvectorFollowing.Config.defaults()
              .withGradientTolerance(tol.gradient()), certifier);
        }
      }
      if (progress != null) progress.update(1, 1, Double.NaN);
      PathProfile profile = PathProfiles.evaluate(path, f, test, options.points());
      PathBarriers train = profile.train();
      PathBarriers testBarriers = profile.test();
      double lossA = profile.trainLoss()[0];
      double lossB = profile.trainLoss()[profile.size() - 1];
      Row.Builder row = TABLE.row()
          .set("minimum_a", options.a()).set("minimum_b", options.b()).set("variant", variant(options))
          .set("method", method.label()).set("alignment", am.label()).set("status", status).set("iterations", iterations)
          .set("points", profile.size()).set("loss_a", lossA).set("loss_b", lossB)
          .set("train_max", train.maxLoss()).set("train_barrier", train.barrierAboveEndpoints())
          .set("train_barrier_chord", train.barrierAboveChord()).set("train_integrated", train.integratedLoss()).set("length", train.length())
          .set("test_max", testBarriers.maxLoss()).set("test_barrier", testBarriers.barrierAboveEndpoints())
          .set("test_barrier_chord", testBarriers.barrierAboveChord())
          .set("distance", distance(a, b)).set("aligned_distance", distance(a, bb)).set("alignment_sweeps", alignment.sweeps())
          .set("profile_t", profile.t()).set("profile_train", profile.trainLoss()).set("profile_test", profile.testLoss());
      if (ts != null) {
        row.set("saddle_loss", ts.value()).set("saddle_gradient_norm", ts.certificate().gradientNorm())
            .set("saddle_index", ts.certificate().index()).set("saddle_certified", ts.certified() ? 1 : 0)
            .set("saddle_barrier", ts.certified() ? ts.value() - Math.max(lossA, lossB) : Double.NaN).set("saddle", ts.point());
      }
      Row built = row.build();
      catalog.ensureTable(TABLE);
      catalog.putRows(TABLE, List.of(built));
      return new Outcome(options, built, profile, alignment, ts, subject.describe(), System.nanoTime() - t0);
    }
  }

  private static MinimumRecord find(List<MinimumRecord> minima, int id, String option, Path file) {
    for (MinimumRecord m : minima) if (m.minimumId() == id) return m;
    throw new InputException(option + " " + id + ": catalog " + file + " has no minimum " + id + " (it has ids 0 to " + (minima.size() - 1) + ")");
  }

  /**
   * b aligned onto a by {@code method} over the subject's MLP hidden-unit symmetries (unit scales
   * only where rescaling is a symmetry of the loss, that is without L2); InputException for an
   * objective without them. Shared with {@link TopologyRunner}.
   */
  static Alignment align(StudySubject subject, Objective f, AlignmentMethod method, double[] a, double[] b, long seed) {
    if (method == AlignmentMethod.NONE) {
      return new Alignment(AlignmentMethod.NONE, Alignment.Status.CONVERGED, b, new int[0][], new int[0][], 0);
    }
    if (!(subject.symmetry() instanceof MlpSymmetryGroup group)) {
      throw new InputException("--align " + method.label() + ": the catalog's objective (" + subject.describe()
          + ") has no MLP hidden-unit permutations to align over; use --align none");
    }
    Mlp model = group.model();
    // rescaling units is a symmetry of the unregularized loss only: with L2 a rescaled b is no longer the minimum b
    boolean alignScales = !group.symmetry().regularized();
    if (method == AlignmentMethod.WEIGHT) {
      return new WeightMatching(WeightMatching.Config.defaults().withSeed(seed).withAlignScales(alignScales)).apply(model, a, b);
    }
    if (!(f instanceof MlpObjective mlp)) {
      throw new InputException("--align activation: the catalog's objective (" + subject.describe() + ") has no training inputs; use --align weight");
    }
    return ActivationMatching.align(model, mlp.data().inputs(), mlp.data().size(), a, b, alignScales);
  }

  private static double distance(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += (x[i] - y[i]) * (x[i] - y[i]);
    return Math.sqrt(s);
  }
}

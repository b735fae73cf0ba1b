package basin.study;

import basin.core.InputException;
import basin.landscape.saddle.CriticalPointReport;
import basin.landscape.saddle.MethodComparison;
import basin.landscape.saddle.PointClassifier;
import basin.landscape.saddle.PointKind;
import basin.landscape.saddle.Share;
import basin.store.Catalog;
import basin.store.Column;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which methods end at saddles: {@link MethodComparison} on a study's objective from its own start
 * distribution, each end point classified minimum, saddle, gradient-flat or nowhere (not converged
 * or diverged), stored in the catalog's {@code method_outcomes} table.
 *
 * <p><b>Table design.</b> One row per method, keyed by {@code sweep_point} = the method's position
 * in {@link MethodComparison.Method} (gd 0, lbfgs 1, damped-newton 2, newton 3, newton-mr 4, sfn 5),
 * so a run of some methods replaces their rows ({@code putRows}) and keeps the others; each row
 * records the starts and seed it was measured with.
 *
 * <p>The comparison is a pure function of (spec, methods, starts, seed): start i is the study's
 * initial point for seed {@code CriticalPointSearch.startSeed(seed, i)}, the same for every method,
 * and the thread count changes nothing.
 */
public final class MethodsRunner {
  private MethodsRunner() {}

  private static List<Column> shareColumns(String name, String what) {
    return List.of(
        Column.of(name, Column.Type.INTEGER, "Runs that ended " + what + "."),
        Column.of(name + "_share", Column.Type.REAL, "The share of runs that ended " + what + "."),
        Column.of(name + "_lower", Column.Type.REAL, "Its lower 95% Wilson bound."),
        Column.of(name + "_upper", Column.Type.REAL, "Its upper 95% Wilson bound."));
  }

  /** The table's description, one place for its columns. */
  public static final Table TABLE;

  static {
    List<Column> columns = new ArrayList<>(List.of(
        Column.required("method", Column.Type.TEXT, "gd, lbfgs, damped-newton (Newton-CG trust region), newton (pure: unit steps of H^+ g), newton-mr or sfn (saddle-free Newton)."),
        Column.of("starts", Column.Type.INTEGER, "Random starts, the same for every method."),
        Column.of("seed", Column.Type.INTEGER, "Master seed of the starts.")));
    columns.addAll(shareColumns("minimum", "at a certified minimum"));
    columns.addAll(shareColumns("saddle", "at a certified saddle"));
    columns.addAll(shareColumns("gradient_flat", "at a gradient-flat point (|g| above tolerance, |H g| / |g| tiny)"));
    columns.addAll(shareColumns("nowhere", "nowhere: not converged or diverged"));
    columns.addAll(List.of(
        Column.of("mean_saddle_index", Column.Type.REAL, "Mean Hessian index over the runs that ended at a saddle."),
        Column.of("gradient_evaluations", Column.Type.INTEGER, "Gradients over all runs of the method."),
        Column.of("hessian_vector_products", Column.Type.INTEGER, "Hessian-vector products over all runs (a dense Hessian counts P).")));
    TABLE = Table.bySweepPoint("method_outcomes",
        "Which methods end at saddles: per method, the share of seeded random starts ending at a minimum, a saddle, a gradient-flat point or nowhere.",
        columns);
  }

  /**
   * @param methods "all" or a comma-separated list of gd, lbfgs, damped-newton, newton, newton-mr, sfn
   * @param starts random starts, &gt;= 1
   * @param seed master seed of the starts
   * @param threads worker threads, &gt;= 1
   */
  public record Options(String methods, int starts, long seed, int threads) {
    public Options {
      try {
        MethodComparison.Method.parseList(methods);
      } catch (IllegalArgumentException e) {
        throw new InputException("--methods: " + e.getMessage());
      }
      if (starts < 1) throw new InputException("--starts must be >= 1, got " + starts);
      if (threads < 1) throw new InputException("--threads must be >= 1, got " + threads);
    }

    /** The methods, parsed. */
    public List<MethodComparison.Method> methodList() {
      return MethodComparison.Method.parseList(methods);
    }
  }

  /**
   * @param subject the subject's description
   * @param rows one per method, in the order asked
   * @param result the comparison
   * @param stored whether the rows went into a catalog (not for a spec file)
   * @param wallNanos wall time
   */
  public record RunStats(String subject, List<Row> rows, MethodComparison.Result result, boolean stored, long wallNanos) {}

  /** Whether the argument names a spec file (.yaml, .yml, .json) rather than a catalog. */
  public static boolean isSpec(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /**
   * Runs the comparison on a catalog's subject (rows stored in the catalog) or a spec file's
   * (rows returned only).
   */
  public static RunStats run(Path catalogOrSpec, Options options, StudyRunner.Progress progress) {
    long t0 = System.nanoTime();
    boolean spec = isSpec(catalogOrSpec);
    StudySpec studySpec;
    if (spec) {
      studySpec = StudySpec.read(catalogOrSpec);
    } else {
      try (Catalog c = Catalog.open(catalogOrSpec)) {
        studySpec = StudySpec.fromCanonicalJson(c.specJson());
        String stored = c.provenance().get(StudyRunner.INPUTS_HASH);
        StudySubject check = StudySubjects.of(studySpec, catalogOrSpec.toAbsolutePath().getParent());
        if (stored != null && !stored.equals(check.inputsHash())) {
          throw new InputException("catalog " + catalogOrSpec + " was made from different inputs than the spec now reads");
        }
      }
    }
    StudySubject subject = StudySubjects.of(studySpec, catalogOrSpec.toAbsolutePath().getParent());
    MethodComparison.Config defaults = MethodComparison.Config.defaults();
    PointClassifier.Config classifier = defaults.classifier().withCertifier(defaults.classifier().certifier()
        .withRelativeEigenvalueTolerance(studySpec.tolerances().eigenvalue()));
    MethodComparison comparison = new MethodComparison(defaults.withMethods(options.methodList()).withStarts(options.starts())
        .withSeed(options.seed()).withClassifier(classifier));
    MethodComparison.Result result = comparison.compare(subject.newEvaluator().train(), subject.symmetry(), subject::initialPoint,
        options.threads(), progress == null ? null : progress::update);
    List<Row> rows = new ArrayList<>();
    for (MethodComparison.MethodOutcome o : result.outcomes()) {
      int n = options.starts();
      int nowhere = o.share(PointKind.NOT_CONVERGED).count() + o.share(PointKind.DIVERGED).count();
      double indexSum = 0;
      int saddles = 0;
      for (CriticalPointReport r : o.reports()) {
        if (r.kind() == PointKind.SADDLE) {
          indexSum += r.index();
          saddles++;
        }
      }
      Row.Builder b = TABLE.row()
          .set("sweep_point", o.method().ordinal())
          .set("method", o.method().label())
          .set("starts", n)
          .set("seed", options.seed())
          .set("mean_saddle_index", saddles == 0 ? Double.NaN : indexSum / saddles)
          .set("gradient_evaluations", o.gradientEvaluations())
          .set("hessian_vector_products", o.hessianVectorProducts());
      share(b, "minimum", o.share(PointKind.MINIMUM));
      share(b, "saddle", o.share(PointKind.SADDLE));
      share(b, "gradient_flat", o.share(PointKind.GRADIENT_FLAT));
      share(b, "nowhere", Share.wilson95(nowhere, n));
      rows.add(b.build());
    }
    if (!spec) {
      try (Catalog c = Catalog.openForWriting(catalogOrSpec)) {
        c.ensureTable(TABLE);
        c.putRows(TABLE, rows);
      }
    }
    return new RunStats(subject.describe(), rows, result, !spec, System.nanoTime() - t0);
  }

  private static void share(Row.Builder b, String name, Share s) {
    b.set(name, s.count()).set(name + "_share", s.estimate()).set(name + "_lower", s.lower()).set(name + "_upper", s.upper());
  }
}

package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.optim.GradientDescent;
import basin.core.optim.Lbfgs;
import basin.core.optim.NewtonMr;
import basin.core.optim.NewtonTrustRegion;
import basin.core.optim.OptimizationResult;
import basin.core.optim.Optimizer;
import basin.landscape.symmetry.SymmetryGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Which methods end where: several optimizers run from the same seeded starts, each end point
 * classified ({@link PointClassifier}: minimum, saddle, gradient-flat, not converged, diverged), and
 * the share of each kind per method with its 95 % Wilson interval ({@link Share}).
 *
 * <p>Start i is {@code starts.apply(CriticalPointSearch.startSeed(seed, i))} for every method, so
 * the methods meet the same starts; runs are sequential and deterministic.
 *
 * <p>Cost: per method and start, one run of the method and one classification.
 */
public final class MethodComparison {

  /** The methods compared. */
  public enum Method {
    /** Gradient descent with Armijo backtracking ({@link GradientDescent} defaults, 20000 iterations). */
    GRADIENT_DESCENT,
    /** L-BFGS ({@link Lbfgs} defaults). */
    LBFGS,
    /** The Newton-CG trust region ({@link NewtonTrustRegion} defaults): damped Newton. */
    DAMPED_NEWTON,
    /** Pure Newton: H^+ g, unit steps, no line search ({@link DenseNewton.Variant#PURE}). */
    PURE_NEWTON,
    /** Newton-MR ({@link NewtonMr} defaults): steps accepted on |g|. */
    NEWTON_MR,
    /** Saddle-free Newton: |H|^-1 g with backtracking ({@link DenseNewton.Variant#SADDLE_FREE}). */
    SADDLE_FREE_NEWTON;

    /** The optimizer with its defaults and the given gradient tolerance. */
    public Optimizer optimizer(double gradientTolerance) {
      return switch (this) {
        case GRADIENT_DESCENT -> new GradientDescent(GradientDescent.Config.defaults().withGradientTolerance(gradientTolerance).withMaxIterations(20_000));
        case LBFGS -> new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(gradientTolerance));
        case DAMPED_NEWTON -> new NewtonTrustRegion(NewtonTrustRegion.Config.defaults().withGradientTolerance(gradientTolerance));
        case PURE_NEWTON -> new DenseNewton(DenseNewton.Config.defaults(DenseNewton.Variant.PURE).withGradientTolerance(gradientTolerance));
        case NEWTON_MR -> new NewtonMr(NewtonMr.Config.defaults().withGradientTolerance(gradientTolerance));
        case SADDLE_FREE_NEWTON -> new DenseNewton(DenseNewton.Config.defaults(DenseNewton.Variant.SADDLE_FREE).withGradientTolerance(gradientTolerance));
      };
    }
  }

  /**
   * Configuration.
   *
   * @param methods the methods, in report order; non-empty, no duplicates
   * @param starts N starts per method, &gt;= 1
   * @param seed master seed of the start seeds
   * @param gradientTolerance the methods' stopping tolerance; finite, &gt; 0 (keep it below the
   *     classifier's critical tolerance, or converged runs may classify as not converged)
   * @param classifier the classification settings
   */
  public record Config(List<Method> methods, int starts, long seed, double gradientTolerance, PointClassifier.Config classifier) {
    public Config {
      if (methods == null || methods.isEmpty()) throw new IllegalArgumentException("MethodComparison needs at least one method");
      methods = List.copyOf(methods);
      if (methods.stream().distinct().count() != methods.size()) throw new IllegalArgumentException("MethodComparison methods repeat: " + methods);
      if (starts < 1) throw new IllegalArgumentException("MethodComparison starts must be >= 1, got " + starts);
      if (!(gradientTolerance > 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("MethodComparison gradientTolerance must be finite and > 0, got " + gradientTolerance);
      }
      if (classifier == null) throw new IllegalArgumentException("MethodComparison classifier config is null");
    }

    /**
     * All six methods, 100 starts, seed 1, gradient tolerance 1e-7, and the classifier's defaults with
     * a critical tolerance of 1e-6: gradient descent converges linearly and, on the linear
     * autoencoder's minimum manifold, ends its 20000 iterations near |g| = 1e-7, so the certifier's
     * own 1e-8 would call all of its runs not converged. The zero threshold (1e-6 max(1,
     * |lambda_max|)) stays above the O(|g|) Rayleigh quotients of the symmetry directions.
     */
    public static Config defaults() {
      PointClassifier.Config classifier = PointClassifier.Config.defaults()
          .withCertifier(basin.landscape.certify.Certifier.Config.defaults().withGradientTolerance(1e-6));
      return new Config(List.of(Method.values()), 100, 1L, 1e-7, classifier);
    }

    public Config withMethods(List<Method> v) {
      return new Config(v, starts, seed, gradientTolerance, classifier);
    }

    public Config withStarts(int v) {
      return new Config(methods, v, seed, gradientTolerance, classifier);
    }

    public Config withSeed(long v) {
      return new Config(methods, starts, v, gradientTolerance, classifier);
    }

    public Config withGradientTolerance(double v) {
      return new Config(methods, starts, seed, v, classifier);
    }

    public Config withClassifier(PointClassifier.Config v) {
      return new Config(methods, starts, seed, gradientTolerance, v);
    }
  }

  /**
   * One method's outcome.
   *
   * @param method the method
   * @param reports the classification of each start's end point, in start order
   * @param statuses the optimizer's status for each start
   * @param shares per kind (every kind present), count over N with the 95 % Wilson interval
   * @param gradientEvaluations gradients over all runs
   * @param hessianVectorProducts Hessian-vector products over all runs
   */
  public record MethodOutcome(Method method, List<CriticalPointReport> reports, List<OptimizationResult.Status> statuses,
      Map<PointKind, Share> shares, long gradientEvaluations, long hessianVectorProducts) {
    public MethodOutcome {
      reports = List.copyOf(reports);
      statuses = List.copyOf(statuses);
      shares = Collections.unmodifiableMap(new EnumMap<>(shares));
    }

    /** The share of runs whose report satisfies {@code test}, with its 95 % Wilson interval. */
    public Share shareWhere(Predicate<CriticalPointReport> test) {
      int c = 0;
      for (CriticalPointReport r : reports) {
        if (test.test(r)) c++;
      }
      return Share.wilson95(c, reports.size());
    }

    /** The share of one kind. */
    public Share share(PointKind kind) {
      return shares.get(kind);
    }
  }

  /**
   * The comparison.
   *
   * @param outcomes one per method, in the configured order
   */
  public record Result(List<MethodOutcome> outcomes) {
    public Result {
      outcomes = List.copyOf(outcomes);
    }

    /** The outcome of one method; throws if it was not compared. */
    public MethodOutcome outcome(Method method) {
      for (MethodOutcome o : outcomes) {
        if (o.method() == method) return o;
      }
      throw new IllegalArgumentException("method " + method + " was not compared");
    }
  }

  private final Config config;
  private final PointClassifier classifier;

  public MethodComparison(Config config) {
    if (config == null) throw new IllegalArgumentException("MethodComparison config is null");
    this.config = config;
    this.classifier = new PointClassifier(config.classifier());
  }

  public Config config() {
    return config;
  }

  /**
   * Runs every method from every start.
   *
   * @param f the objective; used from the calling thread only
   * @param groupOrNull the symmetries of f, or null
   * @param starts the start distribution: seed to a point of length P (a new array each call)
   */
  public Result compare(Objective f, SymmetryGroup groupOrNull, LongFunction<double[]> starts) {
    if (f == null || starts == null) throw new IllegalArgumentException("MethodComparison objective and starts must not be null");
    int n = config.starts();
    List<double[]> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long s = CriticalPointSearch.startSeed(config.seed(), i);
      double[] start = starts.apply(s);
      if (start == null || start.length != f.dimension()) {
        throw new IllegalArgumentException("start " + i + " (seed " + s + ") has length " + (start == null ? "null" : start.length)
            + ", objective dimension is " + f.dimension());
      }
      points.add(start);
    }
    List<MethodOutcome> outcomes = new ArrayList<>();
    for (Method m : config.methods()) {
      Optimizer optimizer = m.optimizer(config.gradientTolerance());
      List<CriticalPointReport> reports = new ArrayList<>(n);
      List<OptimizationResult.Status> statuses = new ArrayList<>(n);
      long gradients = 0;
      long products = 0;
      int[] counts = new int[PointKind.values().length];
      for (int i = 0; i < n; i++) {
        OptimizationResult r = optimizer.minimize(f, points.get(i));
        gradients += r.gradientEvaluations();
        products += r.hessianVectorProducts();
        CriticalPointReport report = classifier.classify(f, groupOrNull, r.point(), r.status());
        reports.add(report);
        statuses.add(r.status());
        counts[report.kind().ordinal()]++;
      }
      Map<PointKind, Share> shares = new EnumMap<>(PointKind.class);
      for (PointKind k : PointKind.values()) shares.put(k, Share.wilson95(counts[k.ordinal()], n));
      outcomes.add(new MethodOutcome(m, reports, statuses, shares, gradients, products));
    }
    return new Result(outcomes);
  }

  @Override
  public String toString() {
    return "MethodComparison" + config;
  }
}

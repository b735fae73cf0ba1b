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
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Which methods end where: several optimizers run from the same seeded starts, each end point
 * classified ({@link PointClassifier}: minimum, saddle, gradient-flat, not converged, diverged), and
 * the share of each kind per method with its 95 % Wilson interval ({@link Share}).
 *
 * <p>Start i is {@code starts.apply(CriticalPointSearch.startSeed(seed, i))} for every method, so
 * the methods meet the same starts; a (method, start) pair's run depends on the pair alone, so the
 * result is the same on any number of threads.
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

    /** The name on the command line and in result tables: gd, lbfgs, damped-newton, newton, newton-mr, sfn. */
    public String label() {
      return switch (this) {
        case GRADIENT_DESCENT -> "gd";
        case LBFGS -> "lbfgs";
        case DAMPED_NEWTON -> "damped-newton";
        case PURE_NEWTON -> "newton";
        case NEWTON_MR -> "newton-mr";
        case SADDLE_FREE_NEWTON -> "sfn";
      };
    }

    /** The method of this label; throws naming the labels otherwise. */
    public static Method parse(String label) {
      for (Method m : values()) {
        if (m.label().equals(label)) return m;
      }
      StringBuilder b = new StringBuilder();
      for (Method m : values()) b.append(b.length() == 0 ? "" : ", ").append(m.label());
      throw new IllegalArgumentException("unknown method '" + label + "': expected " + b);
    }

    /** A comma-separated list of labels ("all" for every method), in the order given, without repeats. */
    public static List<Method> parseList(String list) {
      if (list == null || list.isBlank()) throw new IllegalArgumentException("no method given");
      if (list.trim().equals("all")) return List.of(values());
      List<Method> out = new ArrayList<>();
      for (String part : list.split(",")) {
        Method m = parse(part.trim());
        if (out.contains(m)) throw new IllegalArgumentException("method '" + m.label() + "' given twice");
        out.add(m);
      }
      return List.copyOf(out);
    }

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
   * Runs every method from every start, sequentially in the calling thread.
   *
   * @param f the objective; used from the calling thread only
   * @param groupOrNull the symmetries of f, or null
   * @param starts the start distribution: seed to a point of length P (a new array each call)
   */
  public Result compare(Objective f, SymmetryGroup groupOrNull, LongFunction<double[]> starts) {
    return compare(f, groupOrNull, starts, 1, null);
  }

  /**
   * Runs every (method, start) pair on {@code threads} threads, each with its own copy of f
   * ({@link Objective#copy}). A pair's run and classification depend on the pair alone and results
   * are gathered by pair, so the result is the same for every thread count.
   *
   * @param f the objective (copied for each worker; not used concurrently)
   * @param groupOrNull the symmetries of f, or null
   * @param starts the start distribution: seed to a point of length P (a new array each call; called
   *     from the calling thread only)
   * @param threads worker threads, &gt;= 1
   * @param progressOrNull called (from the calling thread) with the pairs finished and the total, or null
   */
  public Result compare(Objective f, SymmetryGroup groupOrNull, LongFunction<double[]> starts, int threads, BiConsumer<Integer, Integer> progressOrNull) {
    if (f == null || starts == null) throw new IllegalArgumentException("MethodComparison objective and starts must not be null");
    if (threads < 1) throw new IllegalArgumentException("MethodComparison threads must be >= 1, got " + threads);
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
    List<Method> methods = config.methods();
    int total = methods.size() * n;
    OptimizationResult[] runs = new OptimizationResult[total];
    CriticalPointReport[] reports = new CriticalPointReport[total];
    if (threads == 1) {
      for (int task = 0; task < total; task++) {
        runTask(f, groupOrNull, methods, points, task, runs, reports);
        if (progressOrNull != null) progressOrNull.accept(task + 1, total);
      }
    } else {
      ThreadLocal<Objective> copies = ThreadLocal.withInitial(f::copy);
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(() -> {
          basin.core.Parallel.sequentialInThisThread();
          r.run();
        }, "basin-methods");
        t.setDaemon(true);
        return t;
      });
      try {
        CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        for (int task = 0; task < total; task++) {
          int k = task;
          done.submit(() -> {
            runTask(copies.get(), groupOrNull, methods, points, k, runs, reports);
            return k;
          });
        }
        for (int finished = 1; finished <= total; finished++) {
          try {
            done.take().get();
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
          }
          if (progressOrNull != null) progressOrNull.accept(finished, total);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("method comparison interrupted", e);
      } finally {
        pool.shutdownNow();
      }
    }
    List<MethodOutcome> outcomes = new ArrayList<>();
    for (int mi = 0; mi < methods.size(); mi++) {
      List<CriticalPointReport> rs = new ArrayList<>(n);
      List<OptimizationResult.Status> statuses = new ArrayList<>(n);
      long gradients = 0;
      long products = 0;
      int[] counts = new int[PointKind.values().length];
      for (int i = 0; i < n; i++) {
        OptimizationResult r = runs[mi * n + i];
        CriticalPointReport report = reports[mi * n + i];
        gradients += r.gradientEvaluations();
        products += r.hessianVectorProducts();
        rs.add(report);
        statuses.add(r.status());
        counts[report.kind().ordinal()]++;
      }
      Map<PointKind, Share> shares = new EnumMap<>(PointKind.class);
      for (PointKind k : PointKind.values()) shares.put(k, Share.wilson95(counts[k.ordinal()], n));
      outcomes.add(new MethodOutcome(methods.get(mi), rs, statuses, shares, gradients, products));
    }
    return new Result(outcomes);
  }

  /** Task k = (method k / N, start k mod N): run and classify. Each task writes only its own slots. */
  private void runTask(Objective f, SymmetryGroup groupOrNull, List<Method> methods, List<double[]> points, int k,
      OptimizationResult[] runs, CriticalPointReport[] reports) {
    int n = points.size();
    Optimizer optimizer = methods.get(k / n).optimizer(config.gradientTolerance());
    OptimizationResult r = optimizer.minimize(f, points.get(k % n));
    runs[k] = r;
    reports[k] = classifier.classify(f, groupOrNull, r.point(), r.status());
  }

  @Override
  public String toString() {
    return "MethodComparison" + config;
  }
}

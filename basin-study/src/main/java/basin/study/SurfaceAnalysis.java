package basin.study;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.io.Npy;
import basin.core.io.NpyArray;
import basin.landscape.flatness.Directions;
import basin.landscape.flatness.LossProfiles;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.SymmetricOperator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loss profiles and surfaces through a point, on the training objective and the test loss
 * (docs/flatness.md, "Surfaces"): 1-D profiles f(x + t d_k), t on an even grid in [-R, R], along
 * many directions, summarized per t by the median and a quantile band; or one 2-D surface f(x + a
 * d1 + b d2) on the grid [-R, R]^2.
 *
 * <p>Directions: {@code random} (unit Gaussian: t is a Euclidean distance), {@code filter}
 * (Li et al. 2018 filter normalization, {@link Directions#filterNormalized}: each unit's incoming
 * weights <b>and its bias</b> rescaled together to that filter's norm in x, so t is a fraction of
 * each filter's norm; Li et al.'s code zeroes the bias directions instead), {@code eigen} (the
 * Hessian's top eigenvectors by Lanczos, unit, each with both signs in 1-D; the top two span the
 * 2-D plane), or a .npy file of directions (k x P, or P for one). Random planes almost never
 * contain the top-curvature directions, which is why {@code eigen} is offered beside them.
 *
 * <p>A pure function of (subject, point, options): rows may run on several threads, each value is
 * computed the same way on any of them. Cost: count x grid objective
 * values per curve (grid^2 for a surface), twice with the test loss, plus the Lanczos run for
 * {@code eigen}.
 */
public final class SurfaceAnalysis {
  private SurfaceAnalysis() {}

  /**
   * @param directions random, filter, eigen or a .npy file name
   * @param dims 1 (profiles) or 2 (a surface)
   * @param count directions of the 1-D profiles (for eigen: eigenvectors, each used with both signs)
   * @param grid grid points per axis, &gt;= 3
   * @param range R: the grid spans [-R, R]
   * @param test also the test loss
   * @param band lower quantile of the 1-D band (the upper is 1 - band), in [0, 0.5]
   * @param seed random and filter directions, the Lanczos start vector
   */
  public record Options(String directions, int dims, int count, int grid, double range, boolean test, double band, long seed) {
    public Options {
      if (directions == null || directions.isBlank()) throw new InputException("--directions: expected random, filter, eigen or FILE.npy");
      if (dims != 1 && dims != 2) throw new InputException("--dims must be 1 or 2, got " + dims);
      if (count < 1) throw new InputException("--count must be >= 1, got " + count);
      if (grid < 3 || grid > 10_001) throw new InputException("--grid must be in [3, 10001], got " + grid);
      if (!(range > 0 && range < Double.POSITIVE_INFINITY)) throw new InputException("--range must be a finite number > 0, got " + range);
      if (!(band >= 0 && band <= 0.5)) throw new InputException("--band must be in [0, 0.5], got " + band);
    }

    /** Random directions, 1-D, 20 directions, 41 points on [-1, 1], train only, the 10-90% band, seed 1. */
    public static Options defaults() {
      return new Options("random", 1, 20, 41, 1.0, false, 0.1, 1L);
    }
  }

  /**
   * @param point what was analysed
   * @param directionsUsed rows of the directions used (count x P), for the export
   * @param count rows of directionsUsed
   * @param description how the directions were made, one line
   * @param train 1-D band of the training objective (null in 2-D)
   * @param test 1-D band of the test loss (null in 2-D or without --test)
   * @param trainSurface 2-D surface of the training objective (null in 1-D)
   * @param testSurface 2-D surface of the test loss (null in 1-D or without --test)
   */
  public record Result(AnalysisPoint point, double[] directionsUsed, int count, String description, LossProfiles.Band train,
      LossProfiles.Band test, LossProfiles.Surface trainSurface, LossProfiles.Surface testSurface) {}

  /** {@link #run(AnalysisPoint, Options, int)} on the calling thread. */
  public static Result run(AnalysisPoint point, Options options) {
    return run(point, options, 1);
  }

  /**
   * Evaluates the profiles or the surface, rows (directions in 1-D, values of a in 2-D) spread over
   * {@code threads} threads, each with its own objective copies; every value is the same
   * arithmetic whatever the thread count, so the result is too (tested bit for bit).
   */
  public static Result run(AnalysisPoint point, Options options, int threads) {
    if (threads < 1) throw new InputException("--threads must be >= 1, got " + threads);
    StudySubject subject = point.subject();
    double[] x = point.parameters();
    Objective train = subject.newEvaluator().train();
    Objective test = null;
    if (options.test()) {
      test = subject instanceof StudyProblem p ? p.testObjective() : null;
      if (test == null) throw new InputException("--test: " + subject.describe() + " has no test set");
    }
    java.util.function.Supplier<Objective> trainCopies = () -> subject.newEvaluator().train();
    java.util.function.Supplier<Objective> testCopies = test == null ? null : () -> ((StudyProblem) subject).testObjective();
    int p = x.length;
    int wanted = options.dims() == 2 ? 2 : options.count();
    double[] d;
    int count;
    String description;
    String kind = options.directions().trim();
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "random" -> {
        d = Directions.gaussian(p, wanted, options.seed());
        count = wanted;
        description = count + " random unit Gaussian directions (seed " + options.seed() + "); t is a Euclidean distance";
      }
      case "filter" -> {
        if (!(subject instanceof StudyProblem problem)) {
          throw new InputException("--directions filter needs a network (objective mlp), " + subject.describe() + " has no filters; use random or eigen");
        }
        d = Directions.filterNormalized(problem.model(), x, wanted, options.seed());
        count = wanted;
        description = count + " filter-normalized directions (Li et al. 2018; each unit's weights and bias rescaled together to that "
            + "filter's norm at the point; seed " + options.seed() + "); t is a fraction of each filter's norm";
      }
      case "eigen" -> {
        int k = options.dims() == 2 ? 2 : options.count();
        if (k > p) throw new InputException("--count " + k + " eigenvectors asked of " + p + " parameters");
        ExtremeEigenpairs.Result r = ExtremeEigenpairs.compute(SymmetricOperator.hessian(train, x),
            ExtremeEigenpairs.Options.defaults().withCount(k).withSeed(options.seed()));
        if (options.dims() == 2) {
          d = new double[2 * p];
          System.arraycopy(r.largestVectors(), 0, d, 0, 2 * p);
          count = 2;
        } else {
          d = Directions.eigenvectors(r, k);
          count = 2 * k;
        }
        description = String.format(Locale.ROOT, "the top %d Hessian eigenvectors by Lanczos (%s, largest %.4e, max residual %.1e)%s", k,
            r.status(), r.largestEigenvalue(), r.maxResidual(), options.dims() == 1 ? ", each with both signs" : "");
      }
      default -> {
        Path file = Path.of(kind);
        if (!kind.toLowerCase(Locale.ROOT).endsWith(".npy")) {
          throw new InputException("--directions " + kind + ": expected random, filter, eigen or a .npy file of directions");
        }
        NpyArray a = Npy.read(file);
        int rows = a.data().length / Math.max(1, p);
        if (a.data().length == 0 || a.data().length % p != 0 || (a.shape().length == 2 && a.shape()[1] != p) || a.shape().length > 2) {
          throw new InputException(file + ": shape " + NpyArray.formatShape(a.shape()) + ", expected (k, " + p + ") or (" + p + ",) directions");
        }
        for (double v : a.data()) {
          if (!Double.isFinite(v)) throw new InputException(file + ": holds " + v + ", expected finite directions");
        }
        if (options.dims() == 2 && rows < 2) throw new InputException(file + ": holds one direction, a 2-D surface needs two rows");
        count = options.dims() == 2 ? 2 : rows;
        d = java.util.Arrays.copyOf(a.data(), count * p);
        description = count + " directions from " + file + " (as given, not normalized)";
      }
    }
    double[] t = LossProfiles.grid(-options.range(), options.range(), options.grid());
    int g = t.length;
    if (options.dims() == 1) {
      // row k: f(x + t_i d_k), the arithmetic of LossProfiles.oneDimensional
      RowTask profile = (f, k, out, off, w) -> {
        for (int i = 0; i < g; i++) {
          for (int c = 0; c < p; c++) w[c] = x[c] + t[i] * d[k * p + c];
          out[off + i] = f.value(w);
        }
      };
      LossProfiles.Band trainBand = LossProfiles.band(t, count, rows(trainCopies, count, g, p, profile, threads), options.band(), 1 - options.band());
      LossProfiles.Band testBand = test == null ? null
          : LossProfiles.band(t, count, rows(testCopies, count, g, p, profile, threads), options.band(), 1 - options.band());
      return new Result(point, d, count, description, trainBand, testBand, null, null);
    }
    // row i: f(x + a_i d1 + b_j d2), the arithmetic of LossProfiles.surface
    RowTask plane = (f, i, out, off, w) -> {
      for (int j = 0; j < g; j++) {
        for (int c = 0; c < p; c++) w[c] = x[c] + t[i] * d[c] + t[j] * d[p + c];
        out[off + j] = f.value(w);
      }
    };
    LossProfiles.Surface s = new LossProfiles.Surface(t.clone(), t.clone(), rows(trainCopies, g, g, p, plane, threads));
    LossProfiles.Surface st = test == null ? null : new LossProfiles.Surface(t.clone(), t.clone(), rows(testCopies, g, g, p, plane, threads));
    return new Result(point, d, count, description, null, null, s, st);
  }

  /** One row of values: out[off .. off + width) for row r, with f and a scratch point of this thread. */
  private interface RowTask {
    void row(Objective f, int r, double[] out, int off, double[] point);
  }

  /** rows x width values, row r by task on some thread; threads only decide where a row runs. */
  private static double[] rows(java.util.function.Supplier<Objective> objectives, int rows, int width, int p, RowTask task, int threads) {
    double[] out = new double[rows * width];
    if (threads == 1 || rows == 1) {
      Objective f = objectives.get();
      double[] point = new double[p];
      for (int r = 0; r < rows; r++) task.row(f, r, out, r * width, point);
      return out;
    }
    ThreadLocal<Objective> f = ThreadLocal.withInitial(objectives);
    ThreadLocal<double[]> point = ThreadLocal.withInitial(() -> new double[p]);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(() -> {
        basin.core.Parallel.sequentialInThisThread();
        r.run();
      }, "basin-surface");
      th.setDaemon(true);
      return th;
    });
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        int row = r;
        futures.add(pool.submit(() -> task.row(f.get(), row, out, row * width, point.get())));
      }
      for (java.util.concurrent.Future<?> fu : futures) fu.get();
      return out;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Writes the result for numpy and pandas: {@code PREFIX-grid.npy} (the grid t, shape (N,), both axes
   * in 2-D), {@code PREFIX-directions.npy} (count x P), and in 1-D {@code PREFIX-train.npy} (count x N,
   * row k the profile along direction k), {@code PREFIX-test.npy}, {@code PREFIX-profile.csv}
   * (t, median and band per curve); in 2-D {@code PREFIX-train.npy} (N x N, [i, j] at a = t_i,
   * b = t_j), {@code PREFIX-test.npy} and {@code PREFIX-surface.csv} (a, b, train[, test], N^2 rows).
   *
   * @return the files written
   */
  public static List<Path> export(Result r, Path prefix) {
    List<Path> written = new ArrayList<>();
    boolean oneD = r.train() != null;
    double[] t = oneD ? r.train().t() : r.trainSurface().a();
    int n = t.length;
    int p = r.point().parameters().length;
    written.add(write(prefix, "-grid.npy", Npy.encode(t, n)));
    written.add(write(prefix, "-directions.npy", Npy.encode(r.directionsUsed(), r.count(), p)));
    StringBuilder csv = new StringBuilder();
    if (oneD) {
      written.add(write(prefix, "-train.npy", Npy.encode(r.train().values(), r.count(), n)));
      if (r.test() != null) written.add(write(prefix, "-test.npy", Npy.encode(r.test().values(), r.count(), n)));
      csv.append("t,train_median,train_lower,train_upper").append(r.test() != null ? ",test_median,test_lower,test_upper" : "").append('\n');
      for (int i = 0; i < n; i++) {
        csv.append(number(t[i])).append(',').append(number(r.train().median()[i])).append(',').append(number(r.train().lower()[i]))
            .append(',').append(number(r.train().upper()[i]));
        if (r.test() != null) {
          csv.append(',').append(number(r.test().median()[i])).append(',').append(number(r.test().lower()[i])).append(',')
              .append(number(r.test().upper()[i]));
        }
        csv.append('\n');
      }
      written.add(write(prefix, "-profile.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
    } else {
      written.add(write(prefix, "-train.npy", Npy.encode(r.trainSurface().values(), n, n)));
      if (r.testSurface() != null) written.add(write(prefix, "-test.npy", Npy.encode(r.testSurface().values(), n, n)));
      csv.append("a,b,train").append(r.testSurface() != null ? ",test" : "").append('\n');
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          csv.append(number(t[i])).append(',').append(number(t[j])).append(',').append(number(r.trainSurface().values()[i * n + j]));
          if (r.testSurface() != null) csv.append(',').append(number(r.testSurface().values()[i * n + j]));
          csv.append('\n');
        }
      }
      written.add(write(prefix, "-surface.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return written;
  }

  private static Path write(Path prefix, String suffix, byte[] content) {
    Path file = prefix.resolveSibling(prefix.getFileName() + suffix);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) throw new InputException("--out " + prefix + ": directory " + parent + " does not exist");
      Files.write(file, content);
      return file;
    } catch (IOException e) {
      throw new InputException("--out " + prefix + ": cannot write " + file + " (" + e.getMessage() + ")");
    }
  }

  private static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return String.format(Locale.ROOT, "%.17g", v);
  }
}

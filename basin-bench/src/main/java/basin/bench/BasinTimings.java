package basin.bench;

import basin.core.linalg.Gemm;
import basin.core.linalg.NativeBlas;
import basin.core.model.MlpObjective;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.paths.NudgedElasticBand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Basin's side of {@code bench/compare}: times each operation with a {@link WallClockSampler}
 * and prints one JSON line per (configuration, operation) with the samples in ms.
 *
 * <p>What each operation measures:
 * <ul>
 *   <li>{@code grad}: {@link MlpObjective#valueAndGradient}, alternating w0 and w1 so that every
 *       call runs the full forward and backward pass (no cache hit);
 *   <li>{@code hvp}: "fresh point" Hessian-vector product, alternating w0 and w1, so each call is
 *       forward + backward + R-pass, the same work as a PyTorch double-backward HVP;
 *   <li>{@code hvp_same}: "same point" HVP, always at w0: the forward/backward pass is cached and
 *       only the R-pass runs, as in Lanczos or CG (informational, no target);
 *   <li>{@code hessian}: the dense P x P Hessian, alternating w0 and w1 (A and B only);
 *   <li>{@code eigvalsh}: all eigenvalues of the dense Hessian at w0 by DenseSpectrum (B only);
 *   <li>{@code neb}: one nudged-elastic-band iteration with 20 images between w0 and w1 (B only):
 *       a plain band (no climbing, no insertion) relaxed for {@link #NEB_ITERATIONS} FIRE iterations
 *       from the straight line, the wall time divided by that count; the run evaluates the NEB
 *       forces (20 gradients, tangents, springs) {@link #NEB_ITERATIONS} + 1 times and the two end
 *       values once, so the row overstates one iteration by about a tenth, on both sides alike;
 *   <li>{@code certify}: the certificate of w0 (class, index, nullity, 5 smallest eigenvalues) by
 *       {@link Certifier} with its defaults and a gradient tolerance that treats w0 as critical
 *       ({@link SpectralRuns#certify}), on a fresh objective copy each call (B only);
 *   <li>{@code dgemm}: C = A B for 2000 x 2000 matrices through {@link Gemm}.
 * </ul>
 */
final class BasinTimings {

  /** Side of the DGEMM benchmark. */
  static final int GEMM_SIZE = 2000;

  /** The operations of {@link #time}, in the order they run. */
  static final List<String> OPERATIONS = List.of("grad", "hvp", "hvp_same", "hessian", "eigvalsh", "neb", "certify");

  /** FIRE iterations per {@code neb} sample (the sample is divided by this). */
  static final int NEB_ITERATIONS = 10;

  /** Warm-up calls of the {@code certify} row (see {@link WallClockSampler#sample(Runnable, Runnable, int)}). */
  static final int CERTIFY_WARMUP_CALLS = 8;

  /** Measurement budget of the {@code certify} row, at least (about six samples of half a second). */
  static final double CERTIFY_MEASURE_SECONDS = 3.0;

  /** Interior images of the {@code neb} band. */
  static final int NEB_IMAGES = 20;

  private final WallClockSampler sampler;
  private final PrintStream out;
  private final int round;
  private final Set<String> ops;

  BasinTimings(WallClockSampler sampler, PrintStream out, int round, Collection<String> ops) {
    this.sampler = sampler;
    this.out = out;
    this.round = round;
    this.ops = Set.copyOf(ops);
  }

  /**
   * One line describing the BLAS in use: the JNI class, {@link NativeBlas#description()} (library
   * file and where it came from, as {@code basin doctor} prints it) and the library file alone
   * ({@code blas_file}, for the report to ask that library its version and core type).
   */
  void printMeta() {
    out.printf(Locale.ROOT, "{\"side\":\"basin\",\"round\":%d,\"threads\":\"%s\",\"meta\":{\"blas\":\"%s\",\"blas_description\":\"%s\","
            + "\"blas_file\":\"%s\",\"java\":\"%s\",\"vm\":\"%s\"}}%n",
        round, threadsLabel(), Gemm.blasName(), json(NativeBlas.description()),
        json(NativeBlas.loadedLibrary().map(Object::toString).orElse("")), System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
    out.flush();
  }

  /** s with backslashes and double quotes escaped for a JSON string. */
  static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Times every operation of the problem's configuration. */
  void time(BenchProblem problem) {
    MlpObjective objective = problem.objective();
    int p = problem.parameterCount();
    double[] w0 = problem.w0();
    double[] w1 = problem.w1();
    double[] v = problem.v();
    double[] g = new double[p];
    double[] hv = new double[p];
    String config = problem.config().name();
    int[] flip = new int[1];

    if (ops.contains("grad")) {
      record("grad", config, sampler.sample(() -> objective.valueAndGradient((flip[0]++ & 1) == 0 ? w0 : w1, g)));
    }
    if (ops.contains("hvp")) {
      record("hvp", config, sampler.sample(() -> objective.hessianVectorProduct((flip[0]++ & 1) == 0 ? w0 : w1, v, hv)));
    }
    if (ops.contains("hvp_same")) {
      record("hvp_same", config, sampler.sample(() -> objective.hessianVectorProduct(w0, v, hv)));
    }
    if (ops.contains("neb") && problem.config() == BenchConfig.B) {
      // tolerances no band meets, so every run does exactly NEB_ITERATIONS iterations
      NudgedElasticBand neb = new NudgedElasticBand(NudgedElasticBand.Config.defaults().withImages(NEB_IMAGES).withMaxImages(NEB_IMAGES)
          .withClimbing(false).withForceTolerance(Double.MIN_VALUE).withClimbTolerance(Double.MIN_VALUE).withMaxIterations(NEB_ITERATIONS));
      double[] samples = sampler.sample(() -> neb.run(objective, w0, w1));
      for (int i = 0; i < samples.length; i++) samples[i] /= NEB_ITERATIONS;
      record("neb", config, samples);
    }
    if (!problem.config().hasDenseHessian()) {
      return;
    }
    double[] h = new double[p * p];
    if (ops.contains("hessian")) {
      record("hessian", config, sampler.sample(() -> objective.hessian((flip[0]++ & 1) == 0 ? w0 : w1, h)));
    }
    if (ops.contains("certify") && problem.config() == BenchConfig.B) {
      Certifier certifier = SpectralRuns.certifier();
      Runnable certify = () -> SpectralRuns.certify(certifier, objective, w0);
      WallClockSampler longer = new WallClockSampler(sampler.warmupSeconds(), Math.max(sampler.measureSeconds(), CERTIFY_MEASURE_SECONDS),
          sampler.minSampleMillis(), sampler.maxSamples());
      record("certify", config, longer.sample(certify, certify, CERTIFY_WARMUP_CALLS));
    }
    if (ops.contains("eigvalsh") && problem.config() == BenchConfig.B) {
      objective.hessian(w0, h);
      SymmetricEigenvalues eig = new SymmetricEigenvalues(p);
      double[] lambda = new double[p];
      // warm up the same solver on the leading 400 x 400 block: a full call takes seconds
      int q = Math.min(p, 400);
      double[] block = new double[q * q];
      for (int i = 0; i < q; i++) System.arraycopy(h, i * p, block, i * q, q);
      SymmetricEigenvalues smallEig = new SymmetricEigenvalues(q);
      double[] smallLambda = new double[q];
      record("eigvalsh", config, sampler.sample(() -> smallEig.compute(block, smallLambda), () -> eig.compute(h, lambda)));
    }
  }

  /** Times a square DGEMM of side {@link #GEMM_SIZE} through {@link Gemm}. */
  void timeGemm() {
    int n = GEMM_SIZE;
    SplittableRandom random = new SplittableRandom(BenchProblem.DEFAULT_SEED);
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    double[] c = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble() - 0.5;
      b[i] = random.nextDouble() - 0.5;
    }
    record("dgemm", "dgemm" + n, sampler.sample(() -> Gemm.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0)));
  }

  /**
   * Writes Basin's results at w0 for the agreement check: loss ({@code basin_loss.f64}, one
   * value), gradient, HVP along v, and for A and B the dense Hessian, for B its eigenvalues.
   */
  static void writeCheck(BenchProblem problem, Path configDir) throws IOException {
    Files.createDirectories(configDir);
    MlpObjective objective = problem.objective();
    int p = problem.parameterCount();
    double[] g = new double[p];
    double loss = objective.valueAndGradient(problem.w0(), g);
    RawArrayFiles.writeDoubles(configDir.resolve("basin_loss.f64"), new double[] {loss});
    RawArrayFiles.writeDoubles(configDir.resolve("basin_grad.f64"), g);
    double[] hv = new double[p];
    objective.hessianVectorProduct(problem.w0(), problem.v(), hv);
    RawArrayFiles.writeDoubles(configDir.resolve("basin_hvp.f64"), hv);
    if (problem.config().hasDenseHessian()) {
      double[] h = new double[p * p];
      objective.hessian(problem.w0(), h);
      RawArrayFiles.writeDoubles(configDir.resolve("basin_hessian.f64"), h);
      if (problem.config() == BenchConfig.B) {
        double[] lambda = new double[p];
        new SymmetricEigenvalues(p).compute(h, lambda);
        RawArrayFiles.writeDoubles(configDir.resolve("basin_eigvalsh.f64"), lambda);
        writeCertificate(SpectralRuns.certify(SpectralRuns.certifier(), objective, problem.w0()), configDir.resolve("basin_certify.json"));
      }
    }
  }

  /**
   * The certificate as one JSON object: class, index (negative count), nullity (zero count, the
   * symmetry zero modes included), positive count, the smallest eigenvalues (symmetry modes
   * removed), lambda_max, the zero threshold tau, the symmetry zero modes, method, convergence.
   */
  static void writeCertificate(Certificate c, Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "{\"class\": \"%s\", \"index\": %d, \"nullity\": %d, \"positive\": %d, \"smallest\": [",
        c.classification(), c.negativeCount(), c.zeroCount(), c.positiveCount()));
    double[] smallest = c.smallestEigenvalues();
    for (int i = 0; i < smallest.length; i++) {
      sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.17g", smallest[i]));
    }
    sb.append(String.format(Locale.ROOT, "], \"largest\": %.17g, \"tau\": %.17g, \"symmetry_zero_modes\": %d, \"method\": \"%s\", "
            + "\"converged\": %b, \"hessian_vector_products\": %d}%n",
        c.largestEigenvalue(), c.eigenvalueTolerance(), c.symmetryZeroModes(), c.method(), c.spectrumConverged(), c.hessianVectorProducts()));
    Files.writeString(file, sb.toString());
  }

  /**
   * The thread setting of this process, as the report's "basin threads" column shows it:
   * "blas1" with OPENBLAS_NUM_THREADS=1, "blas-default" without the variable (OpenBLAS then uses
   * one thread per core).
   */
  static String threadsLabel() {
    String blas = System.getenv("OPENBLAS_NUM_THREADS");
    return blas == null || blas.isBlank() ? "blas-default" : "blas" + blas.trim();
  }

  private void record(String op, String config, double[] samples) {
    out.println(sampleLine(round, config, op, samples, ""));
    out.flush();
  }

  /**
   * One JSON line of samples as bench/compare_report.py reads them: {side, round, threads, config,
   * op, ms: [...]} followed by {@code extraFields} (already JSON, starting with a comma, or empty).
   */
  static String sampleLine(int round, String config, String op, double[] ms, String extraFields) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "{\"side\":\"basin\",\"round\":%d,\"threads\":\"%s\",\"config\":\"%s\",\"op\":\"%s\",\"ms\":[",
        round, threadsLabel(), config, op));
    for (int i = 0; i < ms.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(String.format(Locale.ROOT, "%.6g", ms[i]));
    }
    return sb.append(']').append(extraFields).append('}').toString();
  }
}

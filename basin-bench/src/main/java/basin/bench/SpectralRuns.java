package basin.bench;

import basin.core.model.MlpObjective;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import basin.landscape.spectral.Lanczos;
import basin.landscape.spectral.ProbeVectors;
import basin.landscape.spectral.SpectralDensity;
import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.spectral.TraceEstimator;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The spectral rows of issue 12 and the certification row of issue 11 as {@code bench/compare}
 * runs them, with the probe vectors both sides use: PyTorch (bench/torch_bench.py) reads them from
 * the files {@link ExportCommand} writes, so both compute the same numbers.
 *
 * <ul>
 *   <li>{@code lanczos_top5}: the {@link #TOP_COUNT} largest Ritz values of one Lanczos run with
 *       full reorthogonalization and exactly {@link #LANCZOS_PRODUCTS} Hessian-vector products, no
 *       restart (basis capacity = products), from the seeded Gaussian start vector of
 *       {@link Lanczos} with seed {@link #SEED} ({@link #lanczosStart}, written as
 *       {@code lanczos_start.f64}); tolerance {@code Double.MIN_VALUE}, which no residual meets, so
 *       every run makes all its products, as a fixed-budget PyTorch loop does;
 *   <li>{@code hutchinson_trace}: {@link TraceEstimator#hutchinson} with {@link #TRACE_PROBES}
 *       Rademacher probes, probe i = {@link ProbeVectors#rademacher}({@link ProbeVectors#stream}(SEED, i))
 *       (written as rows of {@code rademacher.i8});
 *   <li>{@code slq_density}: {@link SpectralDensity#compute} with L probes x {@link #SLQ_STEPS}
 *       steps; its probe l is the same stream, so the SLQ probes are the first L rows of
 *       {@code rademacher.i8};
 *   <li>{@code certify}: {@link Certifier} with its defaults (INERTIA: Lanczos for lambda_max and
 *       the 5 smallest eigenvalues, dense Hessian, two LDL^T factorizations) except the gradient
 *       tolerance, {@link #CERTIFY_GRADIENT_TOLERANCE}: the benchmark points are not critical (B's
 *       cross-entropy on random labels has no finite minimum to stop at), so the certifier is told
 *       to treat w0 as critical and does all of its spectral work there; on two threads where the
 *       machine has two cores ({@link Certifier#concurrent}: Lanczos beside the dense Hessian, the two
 *       factorizations at once), as {@code basin spectrum} certifies one point.
 * </ul>
 * Every run builds a fresh objective ({@link MlpObjective#copy}), so each one pays its own forward
 * and backward pass, as PyTorch builds its graph on every call.
 */
final class SpectralRuns {

  /** Largest eigenvalues reported by the Lanczos row. */
  static final int TOP_COUNT = 5;
  /** Hessian-vector products of the Lanczos row. */
  static final int LANCZOS_PRODUCTS = 100;
  /** Rademacher probes of the Hutchinson row. */
  static final int TRACE_PROBES = 100;
  /** Probes of the SLQ row (bench/compare times fewer on C: see bench/README.md). */
  static final int SLQ_PROBES = 10;
  /** Lanczos steps per SLQ probe. */
  static final int SLQ_STEPS = 100;
  /** Seed of the Lanczos start vector and master seed of the probes. */
  static final long SEED = 1L;
  /** Products of the cheap warm-up runs (they only have to get the same code compiled). */
  static final int WARMUP_PRODUCTS = 3;
  /** Treats any point as critical: see the class comment. */
  static final double CERTIFY_GRADIENT_TOLERANCE = 1e300;

  /** The spectral operations, in the order {@link SpectralCommand} runs them. */
  static final List<String> OPERATIONS = List.of("lanczos_top5", "hutchinson_trace", "slq_density");

  private SpectralRuns() {}

  /** The {@link #TOP_COUNT} largest Ritz values after exactly {@code products} products, descending. */
  static double[] top(MlpObjective f, double[] w, int products) {
    Lanczos.Result r = new Lanczos(new Lanczos.Config(0, TOP_COUNT, Double.MIN_VALUE, products, Math.max(4, products), false))
        .extremeEigenpairs(SymmetricOperator.hessian(f.copy(), w), SEED);
    if (r.iterations() != products || r.restarts() != 0) {
      throw new IllegalStateException("Lanczos made " + r.iterations() + " products and " + r.restarts() + " restarts, expected "
          + products + " and 0 (" + r.status() + ")");
    }
    return r.largest();
  }

  /** Hutchinson's trace estimate with {@code probes} Rademacher probes. */
  static double trace(MlpObjective f, double[] w, int probes) {
    return TraceEstimator.hutchinson(SymmetricOperator.hessian(f.copy(), w), probes, SEED).estimate();
  }

  /** The SLQ quadrature rules of {@code probes} probes x {@code steps} steps (grid and width unused). */
  static SpectralDensity.Result slq(MlpObjective f, double[] w, int probes, int steps) {
    return SpectralDensity.compute(SymmetricOperator.hessian(f.copy(), w), new SpectralDensity.Options(probes, steps, Double.NaN, 2, SEED));
  }

  /** The certifier of the {@code certify} row. */
  static Certifier certifier() {
    return new Certifier(Certifier.Config.defaults().withGradientTolerance(CERTIFY_GRADIENT_TOLERANCE))
        .concurrent(Runtime.getRuntime().availableProcessors() > 1);
  }

  /** Certifies w on a fresh copy of f (with f's model symmetries). */
  static Certificate certify(Certifier certifier, MlpObjective f, double[] w) {
    return certifier.certify(f.copy(), f.model(), w, null);
  }

  /**
   * The start vector (before normalization) of a {@link Lanczos} run with this seed: n standard
   * Gaussians by Box-Muller from {@code new SplittableRandom(seed)}, the formula of Lanczos's
   * {@code randomVector}. A copy of a private formula, so {@link SpectralRunsTest} checks it against
   * a one-step Lanczos run, and the agreement check of bench/compare fails if they part.
   */
  static double[] lanczosStart(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int t = 0; t < n; t++) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      v[t] = Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
    }
    return v;
  }

  /** Probes 0 .. count-1 of master seed {@code seed}, row-major count x n, entries +1 and -1. */
  static byte[] rademacherProbes(long seed, int count, int n) {
    byte[] out = new byte[count * n];
    double[] z = new double[n];
    for (int i = 0; i < count; i++) {
      ProbeVectors.rademacher(ProbeVectors.stream(seed, i), z);
      for (int t = 0; t < n; t++) out[i * n + t] = (byte) z[t];
    }
    return out;
  }

  /** All nodes of the rules, probe after probe. */
  static double[] nodes(SpectralDensity.Result r) {
    return Arrays.stream(r.quadratures()).flatMapToDouble(q -> Arrays.stream(q.nodes())).toArray();
  }

  /** All weights of the rules, probe after probe. */
  static double[] weights(SpectralDensity.Result r) {
    return Arrays.stream(r.quadratures()).flatMapToDouble(q -> Arrays.stream(q.weights())).toArray();
  }
}

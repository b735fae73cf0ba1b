package basin.landscape.certify;

import basin.core.Objective;
import basin.core.linalg.Vectors;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.core.optim.OptimizationResult;
import basin.landscape.spectral.HessianSpectrum;
import basin.landscape.spectral.SymmetricOperator;
import basin.landscape.symmetry.MlpSymmetry;
import basin.landscape.symmetry.MlpSymmetryGroup;
import basin.landscape.symmetry.SymmetryGroup;
import basin.landscape.symmetry.OrbitTangent;

/**
 * Classifies a point w of an objective f from its gradient and Hessian spectrum, discounting the zero
 * eigenvalues explained by the model's continuous symmetries.
 *
 * <h2>Rules, in order</h2>
 * <ol>
 *   <li><b>DIVERGED</b> if the optimizer reported DIVERGED, or w, f(w), ||grad f(w)|| or the Hessian
 *       spectrum is not finite.
 *   <li><b>NOT_CONVERGED</b> if ||grad f(w)||_2 &gt; gradientTolerance (no spectrum is computed),
 *       unless the kink rules below certify a nearby point.
 *   <li>Otherwise the spectrum: an eigenvalue is <i>zero</i> when |lambda| &lt;= tau = relTol
 *       max(1, |lambda_max|), <i>negative</i> below -tau, <i>positive</i> above tau. r =
 *       {@link MlpSymmetry#orbitDimension} at w (0 without a model) zero eigenvalues are explained
 *       by symmetry.
 *   <li><b>SADDLE</b> if any eigenvalue is negative; the index is their count.
 *   <li><b>STRICT_MINIMUM</b> if the number of zero eigenvalues is at most r; <b>DEGENERATE_MINIMUM</b>
 *       otherwise.
 * </ol>
 *
 * <h2>Kinks (first-layer ReLU and leaky ReLU)</h2>
 * ReLU networks stop on kinks, where the gradient does not vanish. When ||grad f(w)|| exceeds the
 * tolerance, f is an {@link MlpObjective} whose first hidden layer is ReLU or leaky ReLU and whose
 * other hidden layers are smooth, P &lt;= denseLimit and kinkIterations &gt; 0, the certifier
 * refines w onto the kink manifold {z_q = 0, q in K} it sits near, with an active-set Newton method
 * ({@code KinkRefinement}; docs/kinks.md has the mathematics). If that finds a point where the
 * Clarke stationarity residual ||(I - P_U) g|| is &lt;= gradientTolerance, every active kink has a
 * gradient jump |c_q| ||u_q|| above the tolerance and a multiplier lambda_q in [0, 1] with margin
 * min(lambda_q, 1 - lambda_q) |c_q| ||u_q|| above their error bounds (the tolerance plus the
 * change to the exact point, scaled by the conditioning of the normals), the kink normals and
 * symmetry directions are independent, and every inactive pair is at least 1e-8 max(1, ||theta||)
 * and 10 times the Newton step length on the manifold from its kink (the clearance, recorded in
 * {@link Certificate#clearance()}), the refined point is certified from the spectrum of N^T H N (the
 * Hessian on the kink manifold, the symmetry directions removed): <b>SADDLE</b> if it has a negative
 * eigenvalue or a kink is concave (c_q &lt; 0: descent on both sides), index their total;
 * <b>DEGENERATE_MINIMUM</b> if it has a zero eigenvalue (not a proof of minimality: higher order
 * decides); <b>STRICT_MINIMUM</b> otherwise (a strict local minimum modulo symmetry, within the
 * clearance). The
 * certificate then describes the refined point ({@link Certificate#point()}, {@link
 * Certificate#activeKinks()}). If any condition fails the verdict stays NOT_CONVERGED at w. The
 * smooth rules apply the same clearance test to such a network: a point with ||grad f|| &lt;=
 * gradientTolerance whose clearance is below 1e-8 max(1, ||w||) or 10 ||g|| / min |lambda| (over the
 * eigenvalues outside the zero threshold) is handed to the refinement, and is NOT_CONVERGED if that
 * fails. Kinks in deeper layers (nonlinear constraints) are not handled: such networks keep the
 * smooth rules.
 *
 * <h2>Spectrum</h2>
 * P &lt;= denseLimit (default 20000), when the JVM can hold the dense Hessian (P^2 doubles, 3.2 GB
 * at P = 20000; twice that for EIGENVALUES; checked against Runtime.maxMemory minus the memory in
 * use before anything is allocated, else one WARNING line on the {@code System.Logger} of this class
 * and the Lanczos path below): exact counts from the dense Hessian, by {@link Config#denseMethod()}:
 * <ul>
 *   <li>{@link DenseMethod#EIGENVALUES}: its full spectrum ({@link HessianSpectrum}); lambda_max is
 *       the largest eigenvalue.
 *   <li>{@link DenseMethod#INERTIA}: first Lanczos, as above the limit, on the Hessian restricted to
 *       the complement of the orbit tangent, for lambda_max (so tau) and the reported smallest
 *       eigenvalues; then the dense Hessian with the tangent projected out, P H P (the tangent
 *       directions become exact zeros, the rest is N^T H N for an orthonormal basis N of the
 *       complement), and the counts from the inertia of P H P + tau I and P H P - tau I ({@link
 *       Inertia}: Sylvester's law, LAPACK dsytrf, with a Cholesky shortcut for positive definite
 *       shifts): negative = #{lambda &lt; -tau}, zero = #{|lambda| &lt;= tau} (the r tangent
 *       directions included), as in the dense rule. docs/certification.md has the details and timings.
 * </ul>
 * Kinked networks (see above) always use EIGENVALUES, and their kink refinement and clearance
 * check apply only up to P = min(denseLimit, {@link #KINK_DENSE_LIMIT}) = 2500 by default, as
 * before the dense limit rose.
 * Larger P: thick-restart Lanczos for the lanczosCount smallest and the largest eigenvalue, run on
 * the Hessian restricted to the orthogonal complement of the symmetry orbit tangent (the explained
 * zero modes are projected out exactly, so Lanczos does not spend its effort on them and any zero
 * eigenvalue it finds is unexplained). Its residual tolerance is relTol / 10 relative to ||H||, so
 * Ritz values are accurate well inside the zero threshold. Counts are then bounds (see
 * {@link Certificate}).
 *
 * <h2>Tolerances</h2>
 * At a point with gradient g, a symmetry direction xi is not an exact null vector: H xi = -J_xi^T g,
 * so its Rayleigh quotient is O(||g||) (for ReLU rescalings at most ||g|| / ||xi||). The zero
 * threshold tau must therefore be well above the gradient tolerance; the defaults (gradient 1e-8,
 * relative eigenvalue tolerance 1e-6) leave two orders of magnitude. Genuinely small positive
 * eigenvalues below tau are reported as zero (a degenerate minimum), which is the conservative side.
 *
 * <h2>Symmetries</h2>
 * {@link #certify(Objective, Mlp, double[], OptimizationResult.Status)} takes them from the
 * objective when it is an {@link MlpObjective} (its model, whether l2 &gt; 0, softmax's logit shift);
 * for another objective with a model given it assumes an unregularized loss of the network outputs
 * with no loss-specific symmetry ({@link MlpSymmetry#of(Mlp)}). Pass an {@link MlpSymmetry}
 * explicitly when that is not right.
 *
 * <p>Cost: one gradient; the orbit tangent (O(g^3) for g symmetry generators); then a dense
 * Hessian and about (4/3) P^3 flops (EIGENVALUES), or a dense Hessian, 4 P^2 r flops of projection,
 * two factorizations of about P^3 / 3 flops each and at most lanczosMaxIterations Hessian-vector
 * products (INERTIA), or at most lanczosMaxIterations Hessian-vector products (above the limit).
 *
 * <p>An instance is an immutable configuration and may serve many threads, each passing its own
 * objective copy.
 */
public final class Certifier {

  /** How a point with P &lt;= denseLimit is certified from its dense Hessian. */
  public enum DenseMethod {
    /** The full eigendecomposition (LAPACK dsyevd or EJML): about (4/3) P^3 flops, 2 P^2 doubles. */
    EIGENVALUES,
    /**
     * Counts from the inertia of two LDL^T factorizations ({@link Inertia}: LAPACK dsytrf) of the
     * Hessian with the symmetry directions projected out, shifted by +-tau; lambda_max (hence tau)
     * and the reported smallest eigenvalues from Lanczos on Hessian-vector products: about
     * (2/3) P^3 flops plus 4 P^2 r for the projection, P^2 doubles.
     */
    INERTIA
  }

  /**
   * Configuration.
   *
   * @param gradientTolerance a point is critical when ||grad f||_2 &lt;= this; finite, &gt;= 0
   * @param relativeEigenvalueTolerance relTol: |lambda| &lt;= relTol max(1, |lambda_max|) is zero; in (0, 1)
   * @param denseLimit largest P certified with the dense Hessian, in [0, 46340]; above it, or when
   *     the JVM cannot hold the dense Hessian (see {@link Certifier}), Lanczos
   * @param lanczosCount smallest eigenvalues computed by Lanczos above the dense limit, &gt;= 1 (also
   *     the number reported in the certificate for DENSE)
   * @param lanczosMaxIterations Hessian-vector product budget of Lanczos, &gt;= 1
   * @param seed seed of the Lanczos start vector
   * @param kinkIterations Newton iterations allowed to refine a ReLU network's point onto a kink
   *     manifold (see the class comment), &gt;= 0; 0 turns kink certification off
   * @param denseMethod how P &lt;= denseLimit is certified; not null
   */
  public record Config(double gradientTolerance, double relativeEigenvalueTolerance, int denseLimit, int lanczosCount,
      int lanczosMaxIterations, long seed, int kinkIterations, DenseMethod denseMethod) {

    public Config {
      if (!(gradientTolerance >= 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Certifier gradientTolerance must be finite and >= 0, got " + gradientTolerance);
      }
      if (!(relativeEigenvalueTolerance > 0 && relativeEigenvalueTolerance < 1)) {
        throw new IllegalArgumentException("Certifier relativeEigenvalueTolerance must be in (0, 1), got " + relativeEigenvalueTolerance);
      }
      spectrumOptions(denseLimit, lanczosCount, relativeEigenvalueTolerance, lanczosMaxIterations, seed); // validates
      if (kinkIterations < 0) throw new IllegalArgumentException("Certifier kinkIterations must be >= 0, got " + kinkIterations);
      if (denseMethod == null) throw new IllegalArgumentException("Certifier denseMethod is null");
    }

    /** The configuration with the default dense method, {@link #DEFAULT_DENSE_METHOD}. */
    public Config(double gradientTolerance, double relativeEigenvalueTolerance, int denseLimit, int lanczosCount,
        int lanczosMaxIterations, long seed, int kinkIterations) {
      this(gradientTolerance, relativeEigenvalueTolerance, denseLimit, lanczosCount, lanczosMaxIterations, seed, kinkIterations,
          DEFAULT_DENSE_METHOD);
    }

    /** The dense method of {@link #defaults()} (chosen by the timings in docs/certification.md). */
    public static final DenseMethod DEFAULT_DENSE_METHOD = DenseMethod.INERTIA;

    /**
     * Gradient tolerance 1e-8 (the L-BFGS default, so its converged points qualify), relative
     * eigenvalue tolerance 1e-6, dense up to P = 20000 (3.2 GB of Hessian, if the JVM has it), 5
     * smallest eigenvalues, 1000 Hessian-vector products, seed 1, 100 kink refinement iterations,
     * dense method {@link #DEFAULT_DENSE_METHOD}.
     */
    public static Config defaults() {
      return new Config(1e-8, 1e-6, 20000, 5, 1000, 1L, 100, DEFAULT_DENSE_METHOD);
    }

    public Config withGradientTolerance(double v) {
      return new Config(v, relativeEigenvalueTolerance, denseLimit, lanczosCount, lanczosMaxIterations, seed, kinkIterations, denseMethod);
    }

    public Config withRelativeEigenvalueTolerance(double v) {
      return new Config(gradientTolerance, v, denseLimit, lanczosCount, lanczosMaxIterations, seed, kinkIterations, denseMethod);
    }

    public Config withDenseLimit(int v) {
      return new Config(gradientTolerance, relativeEigenvalueTolerance, v, lanczosCount, lanczosMaxIterations, seed, kinkIterations, denseMethod);
    }

    public Config withLanczosCount(int v) {
      return new Config(gradientTolerance, relativeEigenvalueTolerance, denseLimit, v, lanczosMaxIterations, seed, kinkIterations, denseMethod);
    }

    public Config withLanczosMaxIterations(int v) {
      return new Config(gradientTolerance, relativeEigenvalueTolerance, denseLimit, lanczosCount, v, seed, kinkIterations, denseMethod);
    }

    public Config withKinkIterations(int v) {
      return new Config(gradientTolerance, relativeEigenvalueTolerance, denseLimit, lanczosCount, lanczosMaxIterations, seed, v, denseMethod);
    }

    public Config withSeed(long v) {
      return new Config(gradientTolerance, relativeEigenvalueTolerance, denseLimit, lanczosCount, lanczosMaxIterations, v, kinkIterations, denseMethod);
    }

    public Config withDenseMethod(DenseMethod v) {
      return new Config(gradientTolerance, relativeEigenvalueTolerance, denseLimit, lanczosCount, lanczosMaxIterations, seed, kinkIterations, v);
    }

    /** The spectrum options implied: Lanczos tolerance relTol / 10, basis capacity 40. */
    public HessianSpectrum.Options spectrumOptions() {
      return spectrumOptions(denseLimit, lanczosCount, relativeEigenvalueTolerance, lanczosMaxIterations, seed);
    }

    private static HessianSpectrum.Options spectrumOptions(int denseLimit, int count, double relTol, int maxIterations, long seed) {
      return new HessianSpectrum.Options(denseLimit, count, relTol / 10, maxIterations,
          HessianSpectrum.Options.defaults().lanczosBasisSize(), seed);
    }
  }

  /**
   * Kink refinement (dense, eigendecomposition of N^T H N) and the dense clearance check of a kinked
   * network apply only up to min(denseLimit, this): the limit of the refinement before the dense
   * limit rose to 20000, so that kink certification is unchanged.
   */
  public static final int KINK_DENSE_LIMIT = 2500;

  private final Config config;
  private final boolean concurrent;

  public Certifier(Config config) {
    this(config, false);
  }

  private Certifier(Config config, boolean concurrent) {
    if (config == null) throw new IllegalArgumentException("Certifier config is null");
    this.config = config;
    this.concurrent = concurrent;
  }

  /**
   * This certifier on two threads where it certifies by inertia: the Lanczos run on the calling
   * thread beside the dense Hessian on a second (built from {@code f.copy()}), then the two
   * factorizations at once ({@link Inertia#counts(double[], int, double, boolean, boolean)}), when
   * the JVM can hold a second copy of the Hessian. For one point on a machine with a core to spare
   * (basin spectrum, basin train); a sampler that certifies one start per core should not. Never
   * changes a certificate: the same computations run, only at the same time.
   */
  public Certifier concurrent(boolean on) {
    return new Certifier(config, on);
  }

  public Config config() {
    return config;
  }

  /**
   * Certifies w, with the symmetries of {@code modelOrNull} (see class comment for how they are
   * chosen).
   *
   * @param f the objective; used from the calling thread only
   * @param modelOrNull the MLP whose parameters w are, or null for a plain objective (no symmetries)
   * @param w the point, length P (not modified)
   * @param statusOrNull the optimizer's status for w, or null
   * @throws IllegalArgumentException if the lengths or the model do not match f
   */
  public Certificate certify(Objective f, Mlp modelOrNull, double[] w, OptimizationResult.Status statusOrNull) {
    MlpSymmetry symmetry = null;
    if (f instanceof MlpObjective mlp) {
      if (modelOrNull != null && !mlp.model().equals(modelOrNull)) {
        throw new IllegalArgumentException("model " + modelOrNull.describe() + " differs from the objective's model " + mlp.model().describe());
      }
      symmetry = MlpSymmetry.of(mlp);
    } else if (modelOrNull != null) {
      symmetry = MlpSymmetry.of(modelOrNull);
    }
    return certify(f, symmetry, w, statusOrNull);
  }

  /**
   * Certifies w with explicitly given symmetries.
   *
   * @param f the objective
   * @param symmetryOrNull the continuous symmetries of f, or null for none
   * @param w the point, length P (not modified)
   * @param statusOrNull the optimizer's status for w, or null
   */
  public Certificate certify(Objective f, MlpSymmetry symmetryOrNull, double[] w, OptimizationResult.Status statusOrNull) {
    if (symmetryOrNull != null && symmetryOrNull.model().parameterCount() != f.dimension()) {
      throw new IllegalArgumentException("model " + symmetryOrNull.model().describe() + " has " + symmetryOrNull.model().parameterCount()
          + " parameters, objective dimension is " + f.dimension());
    }
    return certify(f, symmetryOrNull == null ? null : new MlpSymmetryGroup(symmetryOrNull), symmetryOrNull, w, statusOrNull);
  }

  /**
   * Certifies w with the symmetries of any objective: the continuous part of {@code group}
   * ({@link SymmetryGroup#orbitTangent}) explains zero eigenvalues. Kink refinement applies when f
   * is an {@link MlpObjective} and the group is an {@link MlpSymmetryGroup} (or null).
   *
   * @param f the objective
   * @param group the symmetries of f, or null for none
   * @param w the point, length P (not modified)
   * @param statusOrNull the optimizer's status for w, or null
   */
  public Certificate certify(Objective f, SymmetryGroup group, double[] w, OptimizationResult.Status statusOrNull) {
    if (group != null && group.dimension() != f.dimension()) {
      throw new IllegalArgumentException("symmetry group acts on " + group.dimension() + " parameters, objective dimension is " + f.dimension());
    }
    MlpSymmetry mlp = group instanceof MlpSymmetryGroup m ? m.symmetry() : null;
    return certify(f, group, mlp, w, statusOrNull);
  }

  private Certificate certify(Objective f, SymmetryGroup group, MlpSymmetry symmetryOrNull, double[] w, OptimizationResult.Status statusOrNull) {
    int p = f.dimension();
    if (w.length != p) {
      throw new IllegalArgumentException("point has length " + w.length + ", objective dimension is " + p);
    }
    double gtol = config.gradientTolerance();
    if (!Vectors.allFinite(w)) {
      return withoutSpectrum(CriticalPointClass.DIVERGED, p, Double.NaN, Double.NaN, statusOrNull, w);
    }
    double[] g = new double[p];
    double value = f.valueAndGradient(w, g);
    double gradientNorm = Vectors.norm(g);
    if (statusOrNull == OptimizationResult.Status.DIVERGED || !Double.isFinite(value) || !Double.isFinite(gradientNorm)) {
      return withoutSpectrum(CriticalPointClass.DIVERGED, p, value, gradientNorm, statusOrNull, w);
    }
    if (gradientNorm > gtol) {
      if (config.kinkIterations() > 0 && KinkRefinement.applies(f, kinkLimit())) {
        KinkRefinement.Result k = refinement((MlpObjective) f, symmetryOrNull).refine(w);
        if (k.stationary()) return kinkCertificate(k, p, statusOrNull);
      }
      return withoutSpectrum(CriticalPointClass.NOT_CONVERGED, p, value, gradientNorm, statusOrNull, w);
    }
    boolean kinked = KinkRefinement.applies(f, kinkLimit());
    double clearance = kinked ? refinement((MlpObjective) f, symmetryOrNull).clearance(w) : smoothClearance(f);
    OrbitTangent tangent = group == null ? null : group.orbitTangent(w);
    int explained = tangent == null ? 0 : tangent.dimension();
    HessianSpectrum.Options options = config.spectrumOptions();
    double relTol = config.relativeEigenvalueTolerance();
    int k = config.lanczosCount();
    // Kinked networks keep the eigendecomposition (their clearance check needs min |lambda|); so does
    // a point whose orbit tangent is all of R^P (no complement for Lanczos to work on).
    DenseMethod method = kinked || explained >= p ? DenseMethod.EIGENVALUES : config.denseMethod();
    boolean dense = p <= config.denseLimit() && fitsInMemory(p, method == DenseMethod.INERTIA ? 1 : 2);
    if (dense && method == DenseMethod.INERTIA) {
      return inertiaCertificate(f, w, tangent, value, gradientNorm, statusOrNull, clearance);
    }
    if (dense) {
      HessianSpectrum.Result s = HessianSpectrum.of(f, w, options.withDenseLimit(p));
      double[] lambda = s.eigenvalues();
      if (!Vectors.allFinite(lambda)) {
        return withoutSpectrum(CriticalPointClass.DIVERGED, p, value, gradientNorm, statusOrNull, w);
      }
      double lambdaMax = lambda[p - 1];
      double tau = relTol * Math.max(1.0, Math.abs(lambdaMax));
      int negative = 0;
      int zero = 0;
      for (double v : lambda) {
        if (v < -tau) negative++;
        else if (v <= tau) zero++;
      }
      if (kinked) {
        // The smooth verdict describes the piece w is on; it holds only if the exact critical point
        // (about ||g|| / min |lambda| away) is on the same piece, well inside the clearance.
        double smallestMagnitude = Double.POSITIVE_INFINITY;
        for (double v : lambda) {
          if (Math.abs(v) > tau) smallestMagnitude = Math.min(smallestMagnitude, Math.abs(v));
        }
        double error = gradientNorm / smallestMagnitude;
        double scale = Math.max(1.0, Vectors.norm(w));
        if (!(clearance >= KinkRefinement.MIN_CLEARANCE * scale && clearance >= KinkRefinement.CLEARANCE_FACTOR * error)) {
          if (config.kinkIterations() > 0) {
            KinkRefinement.Result kr = refinement((MlpObjective) f, symmetryOrNull).refine(w);
            if (kr.stationary()) return kinkCertificate(kr, p, statusOrNull);
          }
          return withoutSpectrum(CriticalPointClass.NOT_CONVERGED, p, value, gradientNorm, statusOrNull, w);
        }
      }
      double[] smallest = smallestWithoutModes(lambda, explained, k);
      return new Certificate(classify(negative, zero, explained), p, value, gradientNorm, gtol, smallest, lambdaMax,
          negative, zero, p - negative - zero, tau, explained, HessianSpectrum.Method.DENSE, true, 0, statusOrNull, w, 0, clearance);
    }
    HessianSpectrum.Result s = deflatedLanczos(f, w, tangent, options);
    double[] ritz = s.smallest();
    double lambdaMax = s.largest();
    if (!Vectors.allFinite(ritz) || !Double.isFinite(lambdaMax)) {
      return withoutSpectrum(CriticalPointClass.DIVERGED, p, value, gradientNorm, statusOrNull, w);
    }
    double tau = relTol * Math.max(1.0, Math.abs(lambdaMax));
    int negative = 0;
    int zero = explained;
    for (double v : ritz) {
      if (v < -tau) negative++;
      else if (v <= tau) zero++;
    }
    return new Certificate(classify(negative, zero, explained), p, value, gradientNorm, gtol, ritz, lambdaMax, negative,
        zero, p - negative - zero, tau, explained, HessianSpectrum.Method.LANCZOS, s.converged(), s.hessianVectorProducts(),
        statusOrNull, w, 0, clearance);
  }

  /**
   * The dense certificate by inertia: Lanczos on the deflated Hessian for lambda_max (so tau) and
   * the smallest eigenvalues, then the counts from the factorizations of H -+ tau I.
   */
  private Certificate inertiaCertificate(Objective f, double[] w, OrbitTangent tangent, double value, double gradientNorm,
      OptimizationResult.Status status, double clearance) {
    int p = f.dimension();
    int explained = tangent == null ? 0 : tangent.dimension();
    boolean twoThreads = concurrent && fitsInMemory(p, 2, false);
    double[] h = new double[p * p];
    HessianSpectrum.Result s;
    if (twoThreads) {
      Objective copy = f.copy();
      s = Inertia.both(() -> {
        copy.hessian(w, h);
        symmetrize(h, p);
        return null;
      }, () -> deflatedLanczos(f, w, tangent, config.spectrumOptions()));
    } else {
      s = deflatedLanczos(f, w, tangent, config.spectrumOptions());
    }
    double[] ritz = s.smallest();
    double lambdaMax = s.largest();
    if (!Vectors.allFinite(ritz) || !Double.isFinite(lambdaMax)) {
      return withoutSpectrum(CriticalPointClass.DIVERGED, p, value, gradientNorm, status, w);
    }
    double tau = config.relativeEigenvalueTolerance() * Math.max(1.0, Math.abs(lambdaMax));
    if (!twoThreads) {
      f.hessian(w, h);
      symmetrize(h, p);
    }
    // The counts are those of the whole Hessian, exactly what the eigenvalue path counts; the zero
    // modes the symmetries explain are compared with them in classify. Projecting the orbit tangent
    // out instead (P H P) would be equivalent only where every tangent direction is a null vector of
    // H: at a degenerate orbit (B A = 0 of the linear autoencoder, say) the normalized generators
    // are not, and the projection would hide negative eigenvalues (index 10 read as 7).
    // A Ritz value below -tau bounds the smallest eigenvalue from above (Cauchy interlacing): then
    // H + tau I is indefinite and the Cholesky shortcut could only fail.
    Inertia.Counts c = Inertia.counts(h, p, tau, !(ritz.length > 0 && ritz[0] < -tau), twoThreads);
    if (!c.valid()) {
      return withoutSpectrum(CriticalPointClass.DIVERGED, p, value, gradientNorm, status, w);
    }
    int negative = c.negative();
    int zero = c.zero();
    return new Certificate(classify(negative, zero, explained), p, value, gradientNorm, config.gradientTolerance(), ritz, lambdaMax,
        negative, zero, c.positive(), tau, explained, HessianSpectrum.Method.DENSE, s.converged(), s.hessianVectorProducts(), status,
        w, 0, clearance);
  }

  /** Lanczos on the Hessian restricted to the complement of the orbit tangent (all of R^P without one). */
  private static HessianSpectrum.Result deflatedLanczos(Objective f, double[] w, OrbitTangent tangent, HessianSpectrum.Options options) {
    SymmetricOperator hessian = SymmetricOperator.hessian(f, w);
    SymmetricOperator operator = tangent == null || tangent.dimension() == 0 ? hessian : new Deflated(hessian, tangent);
    return HessianSpectrum.lanczos(operator, options);
  }

  /** h = (h + h^T) / 2 in place (the dense rule uses the symmetric part too). */
  private static void symmetrize(double[] h, int p) {
    for (int i = 0; i < p; i++) {
      for (int j = i + 1; j < p; j++) {
        double v = 0.5 * (h[i * p + j] + h[j * p + i]);
        h[i * p + j] = v;
        h[j * p + i] = v;
      }
    }
  }

  private int kinkLimit() {
    return Math.min(config.denseLimit(), KINK_DENSE_LIMIT);
  }

  /**
   * Whether the JVM can allocate {@code copies} P x P double arrays now, with 64 MB to spare
   * (Runtime.maxMemory minus the memory in use). If not, logs one warning line (System.Logger,
   * WARNING) and the caller falls back to Lanczos.
   */
  static boolean fitsInMemory(int p, int copies) {
    return fitsInMemory(p, copies, true);
  }

  /** As {@link #fitsInMemory(int, int)}, logging the fallback only when {@code warn}. */
  static boolean fitsInMemory(int p, int copies, boolean warn) {
    Runtime rt = Runtime.getRuntime();
    long need = copies * 8L * p * p + (64L << 20);
    long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (need <= available) return true;
    if (!warn) return false;
    System.getLogger(Certifier.class.getName()).log(System.Logger.Level.WARNING,
        "Certifier: the dense Hessian of P = " + p + " needs " + (need >> 20) + " MB, the JVM has " + (available >> 20)
            + " MB available (raise -Xmx); certifying by Lanczos instead (counts are bounds)");
    return false;
  }

  /** The certificate of a stationary point found on a kink manifold (see the class comment). */
  private Certificate kinkCertificate(KinkRefinement.Result k, int p, OptimizationResult.Status status) {
    double[] beta = k.reducedEigenvalues();
    int kinks = k.kinks().length;
    int concave = 0;
    for (double c : k.jumps()) {
      if (c < 0) concave++;
    }
    double lambdaMax = beta.length == 0 ? 0.0 : beta[beta.length - 1];
    double tau = config.relativeEigenvalueTolerance() * Math.max(1.0, Math.abs(lambdaMax));
    int negative = 0;
    int zero = 0;
    for (double v : beta) {
      if (v < -tau) negative++;
      else if (v <= tau) zero++;
    }
    int positive = beta.length - negative - zero;
    CriticalPointClass c = concave + negative > 0 ? CriticalPointClass.SADDLE
        : zero > 0 ? CriticalPointClass.DEGENERATE_MINIMUM : CriticalPointClass.STRICT_MINIMUM;
    double[] smallest = java.util.Arrays.copyOf(beta, Math.min(config.lanczosCount(), beta.length));
    int r = k.orbitDimension();
    return new Certificate(c, p, k.value(), k.residual(), config.gradientTolerance(), smallest, lambdaMax, concave + negative,
        r + zero, positive + kinks - concave, tau, r, HessianSpectrum.Method.DENSE, true, 0, status, k.point(), kinks, k.clearance());
  }

  private KinkRefinement refinement(MlpObjective f, MlpSymmetry symmetryOrNull) {
    return new KinkRefinement(f, symmetryOrNull, config.gradientTolerance(), config.relativeEigenvalueTolerance(), config.kinkIterations());
  }

  /**
   * The clearance of a certificate that {@link KinkRefinement} does not analyse: +Inf for a network
   * without kinked activations, NaN otherwise (a plain objective, deeper kinks, above the dense limit).
   */
  private static double smoothClearance(Objective f) {
    if (!(f instanceof MlpObjective m)) return Double.NaN;
    Mlp model = m.model();
    for (int l = 1; l < model.layerCount(); l++) {
      if (model.activation(l).hasKinks()) return Double.NaN;
    }
    return Double.POSITIVE_INFINITY;
  }

  private static CriticalPointClass classify(int negative, int zero, int explained) {
    if (negative > 0) return CriticalPointClass.SADDLE;
    return zero <= explained ? CriticalPointClass.STRICT_MINIMUM : CriticalPointClass.DEGENERATE_MINIMUM;
  }

  /** The k smallest of the ascending spectrum after dropping the r eigenvalues of smallest magnitude. */
  static double[] smallestWithoutModes(double[] ascending, int r, int k) {
    int n = ascending.length;
    boolean[] dropped = new boolean[n];
    // The r smallest |lambda| form a contiguous run around the sign change: grow it from there.
    int lo = 0;
    while (lo < n && ascending[lo] < 0) lo++;
    int hi = lo; // run is [lo, hi)
    lo = lo - 1; // candidate on the negative side
    for (int c = 0; c < r && (lo >= 0 || hi < n); c++) {
      if (hi >= n || (lo >= 0 && -ascending[lo] <= ascending[hi])) {
        dropped[lo--] = true;
      } else {
        dropped[hi++] = true;
      }
    }
    double[] out = new double[Math.min(k, Math.max(0, n - r))];
    int m = 0;
    for (int i = 0; i < n && m < out.length; i++) {
      if (!dropped[i]) out[m++] = ascending[i];
    }
    return out;
  }

  private Certificate withoutSpectrum(CriticalPointClass c, int p, double value, double gradientNorm, OptimizationResult.Status status,
      double[] w) {
    return new Certificate(c, p, value, gradientNorm, config.gradientTolerance(), new double[0], Double.NaN, -1, -1, -1,
        Double.NaN, -1, null, false, 0, status, w, 0, Double.NaN);
  }

  @Override
  public String toString() {
    return "Certifier" + config;
  }

  /** P H P on range(P), P the projector onto the complement of the orbit tangent. */
  private static final class Deflated implements SymmetricOperator {
    private final SymmetricOperator hessian;
    private final OrbitTangent tangent;
    private final double[] projected;

    Deflated(SymmetricOperator hessian, OrbitTangent tangent) {
      this.hessian = hessian;
      this.tangent = tangent;
      this.projected = new double[hessian.dimension()];
    }

    @Override
    public int dimension() {
      return hessian.dimension();
    }

    @Override
    public void apply(double[] v, double[] out) {
      tangent.projectOut(v, projected);
      hessian.apply(projected, out);
      tangent.projectOut(out, out);
    }

    @Override
    public void restrictToDomain(double[] v) {
      tangent.projectOut(v, v);
    }
  }
}

package basin.landscape.paths;

import basin.core.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * The nudged elastic band between two minima, with the improved tangent, a climbing image, FIRE and
 * image insertion.
 *
 * <h2>Forces</h2>
 * Images x_0 = a, x_1, ..., x_n, x_{n+1} = b, the end points fixed, energies V_i = f(x_i). The tangent
 * at an interior image is the improved tangent of Henkelman and Jonsson, J. Chem. Phys. 113 (2000)
 * 9978, eqs. 8-11: tau = x_{i+1} - x_i when V_{i+1} &gt; V_i &gt; V_{i-1}, x_i - x_{i-1} when V_{i+1} &lt;
 * V_i &lt; V_{i-1}, and at an extremum the energy-weighted mix
 * <pre>
 *   tau = tau+ dVmax + tau- dVmin  if V_{i+1} &gt; V_{i-1},   tau+ dVmin + tau- dVmax otherwise,
 *   dVmax = max(|V_{i+1} - V_i|, |V_{i-1} - V_i|),  dVmin = min(...)
 * </pre>
 * normalized. The NEB force is the perpendicular true force plus the parallel spring force,
 * <pre>
 *   F_i = -(grad V_i - (grad V_i . tau) tau) + k (|x_{i+1} - x_i| - |x_i - x_{i-1}|) tau
 * </pre>
 * plus, where the band bends, the switching-function share of the perpendicular spring force
 * (Jonsson, Mills and Jacobsen, in "Classical and Quantum Dynamics in Condensed Phase Simulations",
 * World Scientific 1998, eq. 9):
 * <pre>
 *   + s(phi_i) (F_s - (F_s . tau) tau),   F_s = k (x_{i+1} - 2 x_i + x_{i-1}),
 *   s(phi) = (1 + cos(pi cos phi)) / 2,   cos phi_i = (x_{i+1} - x_i) . (x_i - x_{i-1}) / (|x_{i+1} - x_i| |x_i - x_{i-1}|)
 * </pre>
 * which is 0 on a straight band and 1 at a right-angle kink. On network losses, whose Hessians
 * have many near-zero eigenvalues (l2-sized), nothing else restrains the band perpendicular to itself:
 * without this term the projected springs and the switching upwind tangent pump the band into kinks
 * that grow without bound (measured on a 2-4-2 tanh spirals pair: band length 1300 and loss 180 after
 * 20000 FIRE steps from a straight band of length 7; with it, converged to |F| &lt;= 1e-3 in 702 steps).
 * On the climbing image (Henkelman, Uberuaga and Jonsson, J. Chem. Phys. 113 (2000) 9901, eq. 5),
 * the highest interior image once climbing is on, F = -grad V + 2 (grad V . tau) tau: the true force
 * with its parallel component inverted, which drives it up the band to the saddle.
 *
 * <h2>Optimizer</h2>
 * F is not the gradient of any function, so no line search on a value: FIRE (Bitzek, Koskinen, Gahler,
 * Moseler, Gumbsch, Phys. Rev. Lett. 97 (2006) 170201) on the stacked interior images, unit mass:
 * with P = F . v, if P &gt; 0 mix v = (1 - alpha) v + alpha |v| F/|F| and, after N_min = 5 such steps,
 * dt = min(1.1 dt, dtMax), alpha = 0.99 alpha; if P &lt;= 0, v = 0, dt = dt / 2, alpha = 0.1; then v +=
 * dt F and x += dt v, the step scaled to at most maxMove in norm.
 *
 * <h2>Phases</h2>
 * (1) the plain band relaxes until max_i |F_i| &lt;= climbTolerance; (2) image insertion, AutoNEB
 * style (Kolsbjerg, Groves, Hammer, J. Chem. Phys. 145 (2016) 094107, simplified): every segment
 * whose energy jump |V_{i+1} - V_i| exceeds resolution times (max V - min V) gets a new image at its
 * midpoint, while the band has fewer than maxImages interior images, and the band relaxes again to
 * climbTolerance; repeated until no segment qualifies; (3) the climbing image is switched on (when
 * configured) and the band relaxes to forceTolerance. Status CONVERGED when phase 3 meets
 * forceTolerance; MAX_ITERATIONS when the total iteration budget runs out first; DIVERGED at a
 * non-finite energy or gradient (the last finite band is returned).
 *
 * <p>The band's highest image only bounds the saddle; {@link TransitionStates} refines it.
 *
 * <p>Cost per iteration: n gradients of f (one per interior image), O(n P) besides.
 */
public final class NudgedElasticBand {

  /** Why a run stopped. */
  public enum Status { CONVERGED, MAX_ITERATIONS, DIVERGED }

  /**
   * Configuration. Tolerances and the spring constant are in the objective's units (force = gradient).
   *
   * @param images interior images n at the start, &gt;= 1
   * @param springConstant k &gt; 0
   * @param climbing whether the highest image climbs in phase 3
   * @param forceTolerance stop when max_i |F_i| &lt;= this (phase 3); finite, &gt; 0
   * @param climbTolerance the plain band's tolerance before insertion and climbing, &gt;= forceTolerance
   * @param maxIterations total FIRE iteration budget over all phases, &gt;= 1
   * @param timeStep FIRE's initial dt, &gt; 0
   * @param maxTimeStep FIRE's largest dt, &gt;= timeStep
   * @param maxMove the longest step of the stacked band, &gt; 0
   * @param maxImages the most interior images insertion may reach, &gt;= images
   * @param resolution the share of the band's energy range above which a segment's energy jump gets a
   *     new image, in (0, 1]
   */
  public record Config(int images, double springConstant, boolean climbing, double forceTolerance, double climbTolerance, int maxIterations,
      double timeStep, double maxTimeStep, double maxMove, int maxImages, double resolution) {
    public Config {
      if (images < 1) throw new IllegalArgumentException("NudgedElasticBand images must be >= 1, got " + images);
      positive("springConstant", springConstant);
      positive("forceTolerance", forceTolerance);
      positive("climbTolerance", climbTolerance);
      if (!(climbTolerance >= forceTolerance)) {
        throw new IllegalArgumentException("NudgedElasticBand climbTolerance " + climbTolerance + " must be >= forceTolerance " + forceTolerance);
      }
      if (maxIterations < 1) throw new IllegalArgumentException("NudgedElasticBand maxIterations must be >= 1, got " + maxIterations);
      positive("timeStep", timeStep);
      positive("maxTimeStep", maxTimeStep);
      if (!(maxTimeStep >= timeStep)) throw new IllegalArgumentException("NudgedElasticBand maxTimeStep must be >= timeStep");
      positive("maxMove", maxMove);
      if (maxImages < images) throw new IllegalArgumentException("NudgedElasticBand maxImages " + maxImages + " must be >= images " + images);
      if (!(resolution > 0 && resolution <= 1)) throw new IllegalArgumentException("NudgedElasticBand resolution must be in (0, 1], got " + resolution);
    }

    private static void positive(String name, double v) {
      if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("NudgedElasticBand " + name + " must be finite and > 0, got " + v);
    }

    /**
     * 10 images, k = 1, climbing, force tolerance 1e-4, climb tolerance 1e-2, 20000 iterations, dt
     * 0.01 up to 0.1, max move 0.05, at most 30 images, resolution 0.3.
     */
    public static Config defaults() {
      return new Config(10, 1.0, true, 1e-4, 1e-2, 20000, 0.01, 0.1, 0.05, 30, 0.3);
    }

    public Config withImages(int v) {
      return new Config(v, springConstant, climbing, forceTolerance, climbTolerance, maxIterations, timeStep, maxTimeStep, maxMove,
          Math.max(v, maxImages), resolution);
    }

    public Config withSpringConstant(double v) {
      return new Config(images, v, climbing, forceTolerance, climbTolerance, maxIterations, timeStep, maxTimeStep, maxMove, maxImages, resolution);
    }

    public Config withClimbing(boolean v) {
      return new Config(images, springConstant, v, forceTolerance, climbTolerance, maxIterations, timeStep, maxTimeStep, maxMove, maxImages, resolution);
    }

    public Config withForceTolerance(double v) {
      return new Config(images, springConstant, climbing, v, Math.max(v, climbTolerance), maxIterations, timeStep, maxTimeStep, maxMove,
          maxImages, resolution);
    }

    public Config withClimbTolerance(double v) {
      return new Config(images, springConstant, climbing, forceTolerance, v, maxIterations, timeStep, maxTimeStep, maxMove, maxImages, resolution);
    }

    public Config withMaxIterations(int v) {
      return new Config(images, springConstant, climbing, forceTolerance, climbTolerance, v, timeStep, maxTimeStep, maxMove, maxImages, resolution);
    }

    public Config withTimeStep(double dt, double dtMax) {
      return new Config(images, springConstant, climbing, forceTolerance, climbTolerance, maxIterations, dt, dtMax, maxMove, maxImages, resolution);
    }

    public Config withMaxMove(double v) {
      return new Config(images, springConstant, climbing, forceTolerance, climbTolerance, maxIterations, timeStep, maxTimeStep, v, maxImages, resolution);
    }

    public Config withMaxImages(int v) {
      return new Config(images, springConstant, climbing, forceTolerance, climbTolerance, maxIterations, timeStep, maxTimeStep, maxMove, v, resolution);
    }

    public Config withResolution(double v) {
      return new Config(images, springConstant, climbing, forceTolerance, climbTolerance, maxIterations, timeStep, maxTimeStep, maxMove, maxImages, v);
    }
  }

  /**
   * The relaxed band.
   *
   * @param status why the run stopped
   * @param iterations FIRE iterations over all phases
   * @param images x_0 = a, ..., x_{n+1} = b (owned by the record)
   * @param energies V_i of every image, ends included
   * @param tangents the unit tangent at every image (zero at the ends)
   * @param climbingImage index of the highest interior image (the climbing image when climbing was on)
   * @param maxForce max_i |F_i| of the last force evaluation
   * @param insertedImages images added by insertion
   * @param gradientEvaluations gradients of f
   */
  public record Result(Status status, int iterations, double[][] images, double[] energies, double[][] tangents, int climbingImage,
      double maxForce, int insertedImages, long gradientEvaluations) {

    /** The climbing (highest interior) image, a copy. */
    public double[] climbingPoint() {
      return images[climbingImage].clone();
    }

    /** The tangent at the climbing image, a copy. */
    public double[] climbingTangent() {
      return tangents[climbingImage].clone();
    }

    /** The band as a polyline through its images. */
    public Polyline path() {
      return new Polyline(images);
    }
  }

  /** Progress after each FIRE iteration: iteration, budget, max force. */
  public interface Progress {
    void update(int iteration, int maxIterations, double maxForce);
  }

  private final Config config;

  public NudgedElasticBand(Config config) {
    if (config == null) throw new IllegalArgumentException("NudgedElasticBand config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /** {@link #run(Objective, double[], double[], Progress)} without progress. */
  public Result run(Objective f, double[] a, double[] b) {
    return run(f, a, b, null);
  }

  /**
   * Relaxes a band from the straight line between a and b.
   *
   * @param f the objective; used from the calling thread only
   * @param a start, length P (not modified)
   * @param b end, length P (not modified)
   * @param progressOrNull called after every iteration, or null
   */
  public Result run(Objective f, double[] a, double[] b, Progress progressOrNull) {
    int p = f.dimension();
    if (a.length != p || b.length != p) {
      throw new IllegalArgumentException("end points have lengths " + a.length + " and " + b.length + ", objective dimension is " + p);
    }
    Band band = new Band(f, a, b, config.images());
    Fire fire = new Fire();
    int iterations = 0;
    int inserted = 0;
    Status status;
    // phase 1
    status = band.relax(fire, false, config.climbTolerance(), progressOrNull);
    iterations = band.iterations;
    // phase 2
    while (status == Status.CONVERGED) {
      int added = band.insertImages();
      if (added == 0) break;
      inserted += added;
      status = band.relax(new Fire(), false, config.climbTolerance(), progressOrNull);
    }
    // phase 3
    if (status == Status.CONVERGED) {
      status = band.relax(new Fire(), config.climbing(), config.forceTolerance(), progressOrNull);
    }
    iterations = band.iterations;
    int n = band.images.size();
    double[][] images = new double[n][];
    double[][] tangents = new double[n][];
    for (int i = 0; i < n; i++) {
      images[i] = band.images.get(i).clone();
      tangents[i] = band.tangents.get(i).clone();
    }
    return new Result(status, iterations, images, band.energies.clone(), tangents, band.highest(), band.maxForce, inserted, band.gradients);
  }

  /** FIRE state, fresh for each relaxation. */
  private final class Fire {
    double dt = config.timeStep();
    double alpha = 0.1;
    int positive;
  }

  /** The images, their energies, gradients, tangents and forces, and the FIRE velocities. */
  private final class Band {
    final Objective f;
    final List<double[]> images = new ArrayList<>();
    final List<double[]> tangents = new ArrayList<>();
    List<double[]> gradient = new ArrayList<>();
    List<double[]> force = new ArrayList<>();
    List<double[]> velocity = new ArrayList<>();
    double[] energies;
    double maxForce = Double.NaN;
    int iterations;
    long gradients;

    Band(Objective f, double[] a, double[] b, int n) {
      this.f = f;
      int p = a.length;
      for (int i = 0; i <= n + 1; i++) {
        double t = i / (double) (n + 1);
        double[] x = new double[p];
        for (int q = 0; q < p; q++) x[q] = (1 - t) * a[q] + t * b[q];
        images.add(x);
      }
      resetWork();
      energies[0] = f.value(a);
      energies[n + 1] = f.value(b);
    }

    void resetWork() {
      int m = images.size();
      int p = images.get(0).length;
      double[] old = energies;
      energies = new double[m];
      if (old != null) {
        energies[0] = old[0];
        energies[m - 1] = old[old.length - 1];
      }
      tangents.clear();
      gradient = new ArrayList<>();
      force = new ArrayList<>();
      velocity = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        tangents.add(new double[p]);
        gradient.add(new double[p]);
        force.add(new double[p]);
        velocity.add(new double[p]);
      }
    }

    int highest() {
      int best = 1;
      for (int i = 2; i < images.size() - 1; i++) {
        if (energies[i] > energies[best]) best = i;
      }
      return best;
    }

    /** Energies, gradients, tangents and NEB forces of the interior images; false at a non-finite value. */
    boolean computeForces(boolean climb) {
      int m = images.size();
      for (int i = 1; i < m - 1; i++) {
        energies[i] = f.valueAndGradient(images.get(i), gradient.get(i));
        gradients++;
        if (!Double.isFinite(energies[i]) || !allFinite(gradient.get(i))) return false;
      }
      int top = highest();
      double k = config.springConstant();
      maxForce = 0;
      int p = images.get(0).length;
      for (int i = 1; i < m - 1; i++) {
        double[] prev = images.get(i - 1);
        double[] x = images.get(i);
        double[] next = images.get(i + 1);
        double[] tau = tangents.get(i);
        double vp = energies[i + 1] - energies[i];
        double vm = energies[i] - energies[i - 1];
        double wPlus;
        double wMinus;
        if (vp > 0 && vm > 0) {
          wPlus = 1;
          wMinus = 0;
        } else if (vp < 0 && vm < 0) {
          wPlus = 0;
          wMinus = 1;
        } else {
          double dMax = Math.max(Math.abs(vp), Math.abs(vm));
          double dMin = Math.min(Math.abs(vp), Math.abs(vm));
          if (energies[i + 1] > energies[i - 1]) {
            wPlus = dMax;
            wMinus = dMin;
          } else {
            wPlus = dMin;
            wMinus = dMax;
          }
          if (wPlus == 0 && wMinus == 0) {
            wPlus = 1;
            wMinus = 1;
          }
        }
        double norm = 0;
        double dPlus = 0;
        double dMinus = 0;
        for (int q = 0; q < p; q++) {
          double tp = next[q] - x[q];
          double tm = x[q] - prev[q];
          dPlus += tp * tp;
          dMinus += tm * tm;
        }
        for (int q = 0; q < p; q++) {
          double tp = next[q] - x[q];
          double tm = x[q] - prev[q];
          tau[q] = wPlus * tp + wMinus * tm;
          norm += tau[q] * tau[q];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int q = 0; q < p; q++) tau[q] /= norm;
        double[] g = gradient.get(i);
        double gt = 0;
        for (int q = 0; q < p; q++) gt += g[q] * tau[q];
        double[] fo = force.get(i);
        double f2 = 0;
        if (climb && i == top) {
          for (int q = 0; q < p; q++) {
            fo[q] = -g[q] + 2 * gt * tau[q];
            f2 += fo[q] * fo[q];
          }
        } else {
          double spring = k * (Math.sqrt(dPlus) - Math.sqrt(dMinus));
          double kink = 0;
          double st = 0;
          if (dPlus > 0 && dMinus > 0) {
            double cos = 0;
            for (int q = 0; q < p; q++) {
              cos += (next[q] - x[q]) * (x[q] - prev[q]);
              st += k * (next[q] - 2 * x[q] + prev[q]) * tau[q];
            }
            cos /= Math.sqrt(dPlus * dMinus);
            kink = 0.5 * (1 + Math.cos(Math.PI * cos));
          }
          for (int q = 0; q < p; q++) {
            fo[q] = -(g[q] - gt * tau[q]) + spring * tau[q];
            if (kink > 0) fo[q] += kink * (k * (next[q] - 2 * x[q] + prev[q]) - st * tau[q]);
            f2 += fo[q] * fo[q];
          }
        }
        maxForce = Math.max(maxForce, Math.sqrt(f2));
      }
      return true;
    }

    Status relax(Fire fire, boolean climb, double tolerance, Progress progress) {
      int m = images.size();
      int p = images.get(0).length;
      double lastStep = 0;
      while (true) {
        if (!computeForces(climb)) {
          // back to the last finite band: undo the step that left it (v was not changed since)
          for (int i = 1; i < m - 1; i++) {
            double[] x = images.get(i);
            double[] v = velocity.get(i);
            for (int q = 0; q < p; q++) x[q] -= lastStep * v[q];
          }
          if (lastStep > 0) computeForces(climb);
          return Status.DIVERGED;
        }
        if (maxForce <= tolerance) return Status.CONVERGED;
        if (iterations >= config.maxIterations()) return Status.MAX_ITERATIONS;
        iterations++;
        double power = 0;
        double fNorm = 0;
        double vNorm = 0;
        for (int i = 1; i < m - 1; i++) {
          double[] fo = force.get(i);
          double[] v = velocity.get(i);
          for (int q = 0; q < p; q++) {
            power += fo[q] * v[q];
            fNorm += fo[q] * fo[q];
            vNorm += v[q] * v[q];
          }
        }
        fNorm = Math.sqrt(fNorm);
        vNorm = Math.sqrt(vNorm);
        if (power > 0) {
          double mix = fNorm > 0 ? fire.alpha * vNorm / fNorm : 0;
          for (int i = 1; i < m - 1; i++) {
            double[] fo = force.get(i);
            double[] v = velocity.get(i);
            for (int q = 0; q < p; q++) v[q] = (1 - fire.alpha) * v[q] + mix * fo[q];
          }
          if (fire.positive > 5) {
            fire.dt = Math.min(1.1 * fire.dt, config.maxTimeStep());
            fire.alpha *= 0.99;
          }
          fire.positive++;
        } else {
          for (int i = 1; i < m - 1; i++) java.util.Arrays.fill(velocity.get(i), 0.0);
          fire.dt *= 0.5;
          fire.alpha = 0.1;
          fire.positive = 0;
        }
        double step = 0;
        for (int i = 1; i < m - 1; i++) {
          double[] fo = force.get(i);
          double[] v = velocity.get(i);
          for (int q = 0; q < p; q++) {
            v[q] += fire.dt * fo[q];
            step += v[q] * v[q];
          }
        }
        step = fire.dt * Math.sqrt(step);
        double scale = step > config.maxMove() ? config.maxMove() / step : 1.0;
        lastStep = scale * fire.dt;
        for (int i = 1; i < m - 1; i++) {
          double[] x = images.get(i);
          double[] v = velocity.get(i);
          for (int q = 0; q < p; q++) x[q] += lastStep * v[q];
        }
        if (progress != null) progress.update(iterations, config.maxIterations(), maxForce);
      }
    }

    /** Inserts a midpoint image in every poorly resolved segment (see the class comment); returns how many. */
    int insertImages() {
      int m = images.size();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double e : energies) {
        lo = Math.min(lo, e);
        hi = Math.max(hi, e);
      }
      double threshold = config.resolution() * (hi - lo);
      List<double[]> next = new ArrayList<>();
      int interior = m - 2;
      int added = 0;
      for (int i = 0; i < m; i++) {
        next.add(images.get(i));
        if (i < m - 1 && interior + added < config.maxImages() && Math.abs(energies[i + 1] - energies[i]) > threshold) {
          double[] x = images.get(i);
          double[] y = images.get(i + 1);
          double[] mid = new double[x.length];
          for (int q = 0; q < x.length; q++) mid[q] = 0.5 * (x[q] + y[q]);
          next.add(mid);
          added++;
        }
      }
      if (added > 0) {
        images.clear();
        images.addAll(next);
        resetWork();
      }
      return added;
    }
  }

  private static boolean allFinite(double[] x) {
    for (double v : x) if (!Double.isFinite(v)) return false;
    return true;
  }
}

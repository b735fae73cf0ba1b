package basin.landscape.paths;

import basin.core.Objective;
import basin.core.model.Initializer;
import basin.core.optim.Lbfgs;
import basin.core.optim.OptimizationResult;
import java.util.SplittableRandom;

/**
 * Trains the bend theta of a {@link BendCurve} to minimize the loss integrated along the curve
 * (Garipov et al. 2018, eq. 2, with the uniform distribution on t):
 * <pre>
 *   J(theta) = int_0^1 L(phi_theta(t)) dt  ~  sum_q w_q L(phi_theta(t_q))
 *   grad J   = sum_q w_q c(t_q) grad L(phi_theta(t_q))          (c = d phi / d theta, BendCurve#bendWeight)
 *   H_J v    = sum_q w_q c(t_q)^2 H_L(phi_theta(t_q)) v
 * </pre>
 * by fixed Gauss-Legendre quadrature with m nodes on [0, 1] (on each half [0, 1/2], [1/2, 1] for
 * the chain, whose kink at t = 1/2 would spoil a single rule), rather than Garipov's stochastic t:
 * J is then a deterministic smooth function of theta whose gradient is exact, minimized with L-BFGS
 * (basin-core {@link Lbfgs}). The start is the midpoint (a + b)/2 plus seeded Gaussian noise of
 * standard deviation {@code initialNoise} per coordinate (0 by default: the straight line itself,
 * from which the bend moves off along the gradient).
 *
 * <p>Cost: per L-BFGS evaluation m values and gradients of L (2m for the chain). NaN: a non-finite
 * J stops L-BFGS with DIVERGED.
 */
public final class CurveTraining {

  /**
   * @param nodes Gauss-Legendre nodes m (per half for the chain), in [2, 64]
   * @param gradientTolerance L-BFGS stops when |grad J| &lt;= this; finite, &gt; 0
   * @param maxIterations L-BFGS iteration budget, &gt;= 1
   * @param initialNoise standard deviation of the seeded noise added to the midpoint start, &gt;= 0
   * @param seed seed of that noise
   */
  public record Config(int nodes, double gradientTolerance, int maxIterations, double initialNoise, long seed) {
    public Config {
      if (nodes < 2 || nodes > 64) throw new IllegalArgumentException("CurveTraining nodes must be in [2, 64], got " + nodes);
      if (!(gradientTolerance > 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("CurveTraining gradientTolerance must be finite and > 0, got " + gradientTolerance);
      }
      if (maxIterations < 1) throw new IllegalArgumentException("CurveTraining maxIterations must be >= 1, got " + maxIterations);
      if (!(initialNoise >= 0 && initialNoise < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("CurveTraining initialNoise must be finite and >= 0, got " + initialNoise);
      }
    }

    /** 16 nodes, tolerance 1e-6, 2000 iterations, no noise, seed 1. */
    public static Config defaults() {
      return new Config(16, 1e-6, 2000, 0.0, 1L);
    }

    public Config withNodes(int v) {
      return new Config(v, gradientTolerance, maxIterations, initialNoise, seed);
    }

    public Config withGradientTolerance(double v) {
      return new Config(nodes, v, maxIterations, initialNoise, seed);
    }

    public Config withMaxIterations(int v) {
      return new Config(nodes, gradientTolerance, v, initialNoise, seed);
    }

    public Config withInitialNoise(double v) {
      return new Config(nodes, gradientTolerance, maxIterations, v, seed);
    }

    public Config withSeed(long v) {
      return new Config(nodes, gradientTolerance, maxIterations, initialNoise, v);
    }
  }

  /**
   * @param curve the trained curve
   * @param optimization the L-BFGS result on J (status, iterations, J at the end, |grad J|)
   * @param initialObjective J at the start
   */
  public record Result(BendCurve curve, OptimizationResult optimization, double initialObjective) {}

  private final Config config;

  public CurveTraining(Config config) {
    if (config == null) throw new IllegalArgumentException("CurveTraining config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /**
   * Trains the bend of a curve of this shape from a to b.
   *
   * @param f the loss L; used from the calling thread only
   */
  public Result train(Objective f, BendCurve.Shape shape, double[] a, double[] b) {
    return train(f, shape, a, b, null);
  }

  /**
   * As {@link #train(Objective, BendCurve.Shape, double[], double[])}, reporting progress.
   *
   * @param progressOrNull called with (gradient evaluations of J so far, maxIterations) after each one, or null
   */
  public Result train(Objective f, BendCurve.Shape shape, double[] a, double[] b, NudgedElasticBand.Progress progressOrNull) {
    int p = f.dimension();
    if (a.length != p || b.length != p) {
      throw new IllegalArgumentException("end points have lengths " + a.length + " and " + b.length + ", objective dimension is " + p);
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    double[] start = new double[p];
    for (int i = 0; i < p; i++) {
      start[i] = 0.5 * (a[i] + b[i]);
      if (config.initialNoise() > 0) start[i] += config.initialNoise() * Initializer.gaussian(random);
    }
    IntegratedLoss j = new IntegratedLoss(f, shape, a, b, config.nodes());
    j.progress = progressOrNull;
    j.budget = config.maxIterations();
    double initial = j.value(start);
    OptimizationResult r = new Lbfgs(Lbfgs.Config.defaults().withGradientTolerance(config.gradientTolerance())
        .withMaxIterations(config.maxIterations())).minimize(j, start);
    return new Result(new BendCurve(shape, a, r.point(), b), r, initial);
  }

  /** J(theta) as an {@link Objective} of the bend (exact gradient and Hessian-vector product). */
  public static Objective integratedLoss(Objective f, BendCurve.Shape shape, double[] a, double[] b, int nodes) {
    return new IntegratedLoss(f, shape, a, b, nodes);
  }

  private static final class IntegratedLoss implements Objective {
    private final Objective f;
    private final BendCurve.Shape shape;
    private final double[] a;
    private final double[] b;
    private final double[] t;
    private final double[] weight;
    private final double[] w;
    private final double[] g;
    private final int nodes;
    NudgedElasticBand.Progress progress;
    int budget;
    int evaluations;

    IntegratedLoss(Objective f, BendCurve.Shape shape, double[] a, double[] b, int nodes) {
      this.f = f;
      this.shape = shape;
      this.a = a.clone();
      this.b = b.clone();
      this.nodes = nodes;
      double[][] rule = GaussLegendre.rule(nodes);
      if (shape == BendCurve.Shape.BEZIER) {
        t = new double[nodes];
        weight = new double[nodes];
        for (int q = 0; q < nodes; q++) {
          t[q] = 0.5 * (rule[0][q] + 1);
          weight[q] = 0.5 * rule[1][q];
        }
      } else {
        t = new double[2 * nodes];
        weight = new double[2 * nodes];
        for (int q = 0; q < nodes; q++) {
          t[q] = 0.25 * (rule[0][q] + 1);
          weight[q] = 0.25 * rule[1][q];
          t[nodes + q] = 0.5 + 0.25 * (rule[0][q] + 1);
          weight[nodes + q] = 0.25 * rule[1][q];
        }
      }
      w = new double[f.dimension()];
      g = new double[f.dimension()];
    }

    @Override
    public int dimension() {
      return f.dimension();
    }

    private BendCurve curve(double[] theta) {
      return new BendCurve(shape, a, theta, b);
    }

    @Override
    public double value(double[] theta) {
      BendCurve c = curve(theta);
      double s = 0;
      for (int q = 0; q < t.length; q++) {
        c.point(t[q], w);
        s += weight[q] * f.value(w);
      }
      return s;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
      BendCurve c = curve(theta);
      java.util.Arrays.fill(gradient, 0.0);
      double s = 0;
      for (int q = 0; q < t.length; q++) {
        c.point(t[q], w);
        s += weight[q] * f.valueAndGradient(w, g);
        double scale = weight[q] * c.bendWeight(t[q]);
        for (int i = 0; i < g.length; i++) gradient[i] += scale * g[i];
      }
      evaluations++;
      if (progress != null) progress.update(Math.min(evaluations, budget), budget, Double.NaN);
      return s;
    }

    @Override
    public void hessianVectorProduct(double[] theta, double[] v, double[] result) {
      BendCurve c = curve(theta);
      java.util.Arrays.fill(result, 0.0);
      for (int q = 0; q < t.length; q++) {
        c.point(t[q], w);
        f.hessianVectorProduct(w, v, g);
        double cw = c.bendWeight(t[q]);
        double scale = weight[q] * cw * cw;
        for (int i = 0; i < g.length; i++) result[i] += scale * g[i];
      }
    }

    @Override
    public Objective copy() {
      return new IntegratedLoss(f.copy(), shape, a, b, nodes);
    }
  }
}

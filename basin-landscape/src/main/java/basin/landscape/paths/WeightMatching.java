package basin.landscape.paths;

import basin.core.model.Mlp;
import basin.landscape.symmetry.Assignment;
import java.util.SplittableRandom;

/**
 * Weight matching (Ainsworth, Hayase, Srinivasa, "Git Re-Basin", ICLR 2023, arXiv 2209.04836,
 * section 3.2): the hidden-unit permutations pi_l (and, for odd activations, signs s_l) that
 * maximize the inner product of the first point with the permuted second point,
 * <pre>
 *   max over (pi, s) of &lt;a, T_{pi,s} b&gt; = sum_l &lt;W_l^a, S_l P_l W_l^b P_{l-1}^T S_{l-1}&gt; + &lt;b_l^a, S_l P_l b_l^b&gt;
 * </pre>
 * equivalently the minimum of ||a - T b||^2. The objective is a sum over layers in which pi_l
 * appears in the terms of W_l (rows) and W_{l+1} (columns) only, so for fixed neighbours the best
 * pi_l is a linear assignment problem with similarity
 * <pre>
 *   X_jk = &lt;row j of W_l^a, row k of W_l^b with columns aligned by (pi_{l-1}, s_{l-1})&gt; + b_l^a[j] b_l^b[k]
 *        + &lt;column j of W_{l+1}^a, column k of W_{l+1}^b with rows aligned by (pi_{l+1}, s_{l+1})&gt;
 * </pre>
 * maximized exactly by the Hungarian algorithm ({@link Assignment}) on -X (or on -|X| with s =
 * sign X for odd activations). Starting from the identity, every sweep visits the hidden layers in
 * a seeded random order (as the paper's Algorithm 1); a layer's new assignment is accepted only when
 * it raises the objective by more than 1e-12 of the layer's squared norm, so the objective increases
 * monotonically and the sweeps stop when one changes nothing (CONVERGED) or at the budget
 * (MAX_SWEEPS). This is block-coordinate ascent on a quadratic assignment problem: it finds a local
 * optimum, which on wide networks is often not the planted permutation (docs/paths.md).
 *
 * <p>Scales: when {@link Config#alignScales()} is set, hidden layers with a positively homogeneous
 * activation are first normalized in both points (each unit's incoming vector to norm 1, as {@link
 * basin.landscape.symmetry.Canonicalizer} does), matched in those coordinates, and the aligned second
 * point is then given the first point's unit scales, so that a rescaled and permuted copy of a is
 * aligned to a exactly. Unlike {@link basin.landscape.symmetry.SymmetryDistance} nothing is sorted
 * first: the start is the identity, as in the paper.
 *
 * <p>Cost per sweep: sum_l d_l^2 (d_{l-1} + d_{l+1} + 1) + d_l^3. NaN in either point: the
 * assignment rejects non-finite costs with IllegalArgumentException. Immutable; thread-safe.
 */
public final class WeightMatching {
  static final double IMPROVEMENT = 1e-12;

  /**
   * @param maxSweeps sweep budget, &gt;= 1
   * @param alignScales whether positively homogeneous units are matched in normalized coordinates
   *     and given the first point's scales (see the class comment)
   * @param seed seed of the layer order of each sweep
   */
  public record Config(int maxSweeps, boolean alignScales, long seed) {
    public Config {
      if (maxSweeps < 1) throw new IllegalArgumentException("WeightMatching maxSweeps must be >= 1, got " + maxSweeps);
    }

    /** 100 sweeps, scales aligned, seed 1. */
    public static Config defaults() {
      return new Config(100, true, 1L);
    }

    public Config withMaxSweeps(int v) {
      return new Config(v, alignScales, seed);
    }

    public Config withAlignScales(boolean v) {
      return new Config(maxSweeps, v, seed);
    }

    public Config withSeed(long v) {
      return new Config(maxSweeps, alignScales, v);
    }
  }

  private final Config config;

  public WeightMatching(Config config) {
    if (config == null) throw new IllegalArgumentException("WeightMatching config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /** {@code new WeightMatching(Config.defaults()).align(model, a, b)}. */
  public static Alignment align(Mlp model, double[] a, double[] b) {
    return new WeightMatching(Config.defaults()).apply(model, a, b);
  }

  /**
   * Aligns b onto a.
   *
   * @param model the architecture of both points
   * @param a first point, length P (not modified)
   * @param b second point, length P (not modified)
   */
  public Alignment apply(Mlp model, double[] a, double[] b) {
    checkLengths(model, a, b);
    double[] na = a.clone();
    double[] nb = b.clone();
    double[][] scalesA = null;
    if (config.alignScales()) {
      scalesA = UnitMoves.normalizeScales(model, na);
      UnitMoves.normalizeScales(model, nb);
    }
    int layers = model.layerCount();
    int[][] perm = UnitMoves.identity(model, -1);
    int[][] sign = UnitMoves.identity(model, 1);
    SplittableRandom random = new SplittableRandom(config.seed());
    int hidden = layers - 1;
    int[] order = new int[hidden];
    for (int i = 0; i < hidden; i++) order[i] = i + 1;
    int sweeps = 0;
    boolean changed = hidden > 0;
    while (changed && sweeps < config.maxSweeps()) {
      sweeps++;
      changed = false;
      for (int i = hidden - 1; i > 0; i--) {
        int k = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[k];
        order[k] = t;
      }
      for (int l : order) changed |= improveLayer(model, l, na, nb, perm, sign);
    }
    Alignment.Status status = changed ? Alignment.Status.MAX_SWEEPS : Alignment.Status.CONVERGED;
    double[] aligned = UnitMoves.permute(model, nb, perm, sign);
    if (scalesA != null) UnitMoves.applyScales(model, scalesA, aligned);
    return new Alignment(AlignmentMethod.WEIGHT, status, aligned, perm, sign, sweeps);
  }

  static void checkLengths(Mlp model, double[] a, double[] b) {
    int p = model.parameterCount();
    if (a.length != p || b.length != p) {
      throw new IllegalArgumentException("points have lengths " + a.length + " and " + b.length + ", model " + model.describe() + " has " + p);
    }
  }

  /** The best (pi_l, s_l) for fixed neighbours; true if accepted as an improvement. */
  private static boolean improveLayer(Mlp model, int l, double[] a, double[] b, int[][] perm, int[][] sign) {
    int d = model.width(l);
    int in = model.width(l - 1);
    int out = model.width(l + 1);
    int layers = model.layerCount();
    boolean odd = model.activation(l).isOdd();
    int wo = model.weightOffset(l);
    int wn = model.weightOffset(l + 1);
    int bo = model.bias() ? model.biasOffset(l) : -1;
    int[] pIn = l > 1 ? perm[l - 2] : null;
    int[] sIn = l > 1 ? sign[l - 2] : null;
    int[] pOut = l + 1 < layers ? perm[l] : null;
    int[] sOut = l + 1 < layers ? sign[l] : null;
    // b's incoming rows with columns aligned (d x in) and outgoing columns with rows aligned (d x out).
    double[] bIn = new double[d * in];
    double[] bOut = new double[d * out];
    double scale = 0;
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < in; i++) {
        double v = pIn == null ? b[wo + k * in + i] : sIn[i] * b[wo + k * in + pIn[i]];
        bIn[k * in + i] = v;
        scale += v * v + a[wo + k * in + i] * a[wo + k * in + i];
      }
      for (int r = 0; r < out; r++) {
        double v = pOut == null ? b[wn + r * d + k] : sOut[r] * b[wn + pOut[r] * d + k];
        bOut[k * out + r] = v;
        scale += v * v + a[wn + r * d + k] * a[wn + r * d + k];
      }
    }
    double[] x = new double[d * d];
    double[] cost = new double[d * d];
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        double s = 0;
        for (int i = 0; i < in; i++) s += a[wo + j * in + i] * bIn[k * in + i];
        for (int r = 0; r < out; r++) s += a[wn + r * d + j] * bOut[k * out + r];
        if (bo >= 0) s += a[bo + j] * b[bo + k];
        x[j * d + k] = s;
        cost[j * d + k] = odd ? -Math.abs(s) : -s;
      }
    }
    double current = 0;
    for (int j = 0; j < d; j++) current += sign[l - 1][j] * x[j * d + perm[l - 1][j]];
    int[] sigma = Assignment.minimumCost(cost, d);
    double best = -Assignment.totalCost(cost, d, sigma);
    if (!(best > current + IMPROVEMENT * scale)) return false;
    for (int j = 0; j < d; j++) {
      perm[l - 1][j] = sigma[j];
      sign[l - 1][j] = odd && x[j * d + sigma[j]] < 0 ? -1 : 1;
    }
    return true;
  }
}

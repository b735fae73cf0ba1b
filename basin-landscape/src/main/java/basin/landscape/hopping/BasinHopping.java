package basin.landscape.hopping;

import java.util.SplittableRandom;

/**
 * Basin hopping (Wales and Doye 1997; Li and Scheraga 1987's Monte Carlo minimization): a Markov
 * chain on local minima. Each hop perturbs the current minimum x by a displacement drawn uniformly
 * from [-s, s] in every coordinate, minimizes from there to a local minimum y, and accepts y as the
 * new current minimum by the Metropolis rule at temperature T: always when f(y) &lt;= f(x), else with
 * probability exp(-(f(y) - f(x)) / T) (T = 0: only improvements, monotonic basin hopping). A hop
 * whose minimization does not end at a certified minimum is rejected. The step s adapts to a target
 * acceptance rate: after every {@code interval} hops, s is divided by {@code factor} (enlarged) when
 * the window's acceptance rate exceeded the target, else multiplied by it (shrunk), as SciPy's
 * {@code basinhopping} does.
 *
 * <p>Seeded and deterministic: hop i draws from {@code new SplittableRandom(mix(seed, i))}, P
 * uniforms for the displacement, then one long (the local minimization's seed), then one uniform
 * (the Metropolis test, drawn whether or not it is needed). The chain's state after a hop
 * ({@link State}) is a pure function of the hops before it, so a stored run is resumed by replaying
 * its recorded hops through {@link State#after} and continuing; the result equals an uninterrupted
 * run bit for bit.
 *
 * <p>Cost: one local minimization per hop (the minimizer's cost). NaN losses are never accepted.
 */
public final class BasinHopping {
  private BasinHopping() {}

  /**
   * @param hops hops to run (>= 0)
   * @param temperature T of the Metropolis rule, in loss units (>= 0)
   * @param step s, the initial half-width of the uniform displacement per coordinate (> 0)
   * @param targetAcceptance the acceptance rate the step adapts to, in (0, 1)
   * @param interval hops per adaptation window (>= 1)
   * @param factor shrink factor of the step, in (0, 1)
   * @param target stop early once a minimum with loss &lt;= target is found (-Infinity: never)
   * @param seed master seed of the chain
   */
  public record Config(int hops, double temperature, double step, double targetAcceptance, int interval, double factor, double target, long seed) {
    public Config {
      if (hops < 0) throw new IllegalArgumentException("hops must be >= 0, got " + hops);
      if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
      if (!(step > 0 && step < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("step must be a finite number > 0, got " + step);
      if (!(targetAcceptance > 0 && targetAcceptance < 1)) throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + targetAcceptance);
      if (interval < 1) throw new IllegalArgumentException("interval must be >= 1, got " + interval);
      if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
      if (Double.isNaN(target)) throw new IllegalArgumentException("target must not be NaN (use -Infinity for none)");
    }

    /** 100 hops, T = 0.01, step 0.5, target acceptance 0.5, adapted every 10 hops by 0.9, no target, seed 1. */
    public static Config defaults() {
      return new Config(100, 0.01, 0.5, 0.5, 10, 0.9, Double.NEGATIVE_INFINITY, 1L);
    }

    public Config withHops(int v) {
      return new Config(v, temperature, step, targetAcceptance, interval, factor, target, seed);
    }

    public Config withTemperature(double v) {
      return new Config(hops, v, step, targetAcceptance, interval, factor, target, seed);
    }

    public Config withStep(double v) {
      return new Config(hops, temperature, v, targetAcceptance, interval, factor, target, seed);
    }

    public Config withTargetAcceptance(double v) {
      return new Config(hops, temperature, step, v, interval, factor, target, seed);
    }

    public Config withInterval(int v) {
      return new Config(hops, temperature, step, targetAcceptance, v, factor, target, seed);
    }

    public Config withTarget(double v) {
      return new Config(hops, temperature, step, targetAcceptance, interval, factor, v, seed);
    }

    public Config withSeed(long v) {
      return new Config(hops, temperature, step, targetAcceptance, interval, factor, target, v);
    }
  }

  /**
   * Where a local minimization from a perturbed point ended.
   *
   * @param point the end point (the certified point), length P
   * @param value the loss there
   * @param minimum whether it was certified as a minimum (only minima can be accepted)
   * @param outcome its class, e.g. STRICT_MINIMUM, SADDLE, NOT_CONVERGED
   * @param gradientNorm |grad f| there
   * @param canonical its canonical form modulo symmetry (the point itself without symmetries)
   */
  public record Local(double[] point, double value, boolean minimum, String outcome, double gradientNorm, double[] canonical) {}

  /** The local minimization of each hop (an optimizer chain and a certifier). Used from one thread. */
  public interface LocalMinimizer {
    /**
     * @param start the perturbed point (not kept)
     * @param seed seed for stochastic stages of the minimization
     */
    Local minimize(double[] start, long seed);
  }

  /**
   * One hop.
   *
   * @param index hop number, from 0
   * @param step the step s the displacement was drawn with
   * @param local where the minimization ended
   * @param accepted whether the chain moved there
   */
  public record Hop(int index, double step, Local local, boolean accepted) {}

  /**
   * The chain between hops: a pure function of the start and the hops so far.
   *
   * @param next index of the next hop
   * @param current the current minimum
   * @param currentValue its loss
   * @param step the step of the next hop
   * @param windowAccepted hops accepted in the current adaptation window
   * @param best the lowest minimum seen (the start included)
   * @param bestValue its loss
   * @param bestHop the hop that found it, -1 for the start
   * @param accepted hops accepted so far
   */
  public record State(int next, double[] current, double currentValue, double step, int windowAccepted, double[] best, double bestValue,
      int bestHop, int accepted) {

    /** The state before the first hop, at a minimum x0 with loss f0. */
    public static State initial(double[] x0, double f0, Config config) {
      return new State(0, x0.clone(), f0, config.step(), 0, x0.clone(), f0, -1, 0);
    }

    /** The state after {@code hop} (which must be hop number {@link #next}). */
    public State after(Hop hop, Config config) {
      if (hop.index() != next) throw new IllegalArgumentException("hop " + hop.index() + " follows state at hop " + next);
      double[] cur = current;
      double curValue = currentValue;
      int windowAcc = windowAccepted + (hop.accepted() ? 1 : 0);
      if (hop.accepted()) {
        cur = hop.local().point();
        curValue = hop.local().value();
      }
      double[] b = best;
      double bv = bestValue;
      int bh = bestHop;
      if (hop.local().minimum() && hop.local().value() < bestValue) {
        b = hop.local().point();
        bv = hop.local().value();
        bh = hop.index();
      }
      double s = step;
      if ((hop.index() + 1) % config.interval() == 0) {
        double rate = (double) windowAcc / config.interval();
        s = rate > config.targetAcceptance() ? s / config.factor() : s * config.factor();
        windowAcc = 0;
      }
      return new State(next + 1, cur, curValue, s, windowAcc, b, bv, bh, accepted + (hop.accepted() ? 1 : 0));
    }
  }

  /** Why the chain stopped. */
  public enum Status { MAX_HOPS, TARGET_REACHED }

  /** The run: why it stopped and the final state. */
  public record Result(Status status, State state) {}

  /**
   * Runs hops from {@code state} until {@code config.hops()} hops in all have run or the target is
   * reached.
   *
   * @param listener called after each hop with the hop and the state after it, or null
   */
  public static Result run(State state, Config config, LocalMinimizer minimizer, HopListener listener) {
    State s = state;
    if (s.bestValue() <= config.target()) return new Result(Status.TARGET_REACHED, s);
    int p = s.current().length;
    double[] trial = new double[p];
    while (s.next() < config.hops()) {
      int i = s.next();
      SplittableRandom rnd = new SplittableRandom(mix(config.seed(), i));
      double[] x = s.current();
      for (int k = 0; k < p; k++) trial[k] = x[k] + s.step() * (2 * rnd.nextDouble() - 1);
      long localSeed = rnd.nextLong();
      double u = rnd.nextDouble();
      Local local = minimizer.minimize(trial.clone(), localSeed);
      boolean accept = local.minimum() && Double.isFinite(local.value()) && metropolis(local.value() - s.currentValue(), config.temperature(), u);
      Hop hop = new Hop(i, s.step(), local, accept);
      s = s.after(hop, config);
      if (listener != null) listener.hopped(hop, s);
      if (s.bestValue() <= config.target()) return new Result(Status.TARGET_REACHED, s);
    }
    return new Result(Status.MAX_HOPS, s);
  }

  /** Called after each hop. */
  public interface HopListener {
    void hopped(Hop hop, State after);
  }

  /** Metropolis: accept a rise delta when delta &lt;= 0 or u &lt; exp(-delta / T); T = 0 accepts no rise. */
  static boolean metropolis(double delta, double temperature, double u) {
    if (delta <= 0) return true;
    if (temperature == 0) return false;
    return u < Math.exp(-delta / temperature);
  }

  /** The seed of hop i: the SplitMix64 finalizer of seed + (i + 1) * golden gamma. */
  static long mix(long seed, int i) {
    long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

}

package basin.landscape.saddle;

import basin.core.Objective;
import basin.core.StochasticObjective;
import basin.core.linalg.Vectors;
import basin.landscape.spectral.ExtremeEigenpairs;
import basin.landscape.spectral.SymmetricOperator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The escape lab: from a saddle w*, how fast does each strategy leave it, for the same budget of
 * evaluations? A trial of a strategy runs it until the budget B is spent; it <b>escapes</b> at the
 * first iterate w with |w - w*| &gt;= r and f(w) &lt; f(w*), and its cost to escape is the number of
 * evaluations spent up to that iterate. Evaluations are counted as oracle calls: one value, one
 * gradient (with its value), one minibatch gradient or one Hessian-vector product each; a dense
 * Hessian counts P. Whether an iterate has escaped, and the loss at the end of the budget, are
 * measured outside the budget (a full f(w) where the strategy did not compute it).
 *
 * <h2>Strategies</h2>
 * With eta the step size (by default 1 / lambda_max, lambda_max the largest Hessian eigenvalue at w*
 * by Lanczos, computed once and given to every strategy as a tuned step), eps the perturbation
 * radius and u uniform on the unit sphere:
 * <ul>
 *   <li><b>random</b>: random search with step r: try w + r d, d uniform on the sphere, keep it
 *       when f drops (one value per try). On a quadratic saddle each try from w* succeeds with the
 *       probability p of {@link RandomDirectionEscape#quadraticSuccessProbability}, so a trial
 *       escapes within B evaluations with probability 1 - (1 - p)^B
 *       ({@link #randomEscapeProbability}).
 *   <li><b>eigenvector</b>: the lowest eigenpair (lambda_min, v) of H(w*) by thick-restart Lanczos
 *       ({@link ExtremeEigenpairs}; its Hessian-vector products are charged to every trial), a step
 *       r along s v (s a random sign; the other sign if f does not drop; one value each), then
 *       gradient descent with eta for the rest of the budget.
 *   <li><b>gd</b>: gradient descent with eta from w* + eps u, the tiny random perturbation: the
 *       time to leave the ball of radius r.
 *   <li><b>sgd</b>: stochastic gradient descent from w* itself. When the objective is a mean over
 *       examples ({@link StochasticObjective}) the noise is the minibatch's: gradients of batches of
 *       b examples drawn without replacement (one call each). Otherwise the noise is additive:
 *       g + sigma xi with xi standard Gaussian in R^P, sigma by default eps / (eta sqrt(P)), so that
 *       one step's noise has norm about eps.
 *   <li><b>pgd</b>: perturbed gradient descent (Jin, Ge, Netrapalli, Kakade &amp; Jordan, "How to
 *       escape saddle points efficiently", ICML 2017, Algorithm 2) from w* itself: gradient steps,
 *       and when |g| &lt;= g_thres and no perturbation happened in the last t_thres iterations, a
 *       perturbation drawn uniformly from the ball of radius eps. Here g_thres = lambda_max eps (the
 *       gradient a displacement eps can make) and t_thres = 20; the algorithm's stopping test is
 *       left out (the trial runs to the budget).
 *   <li><b>newton</b>: pure Newton (w &lt;- w - H^+ g, unit step) from w* + eps u, with the dense
 *       Hessian: it is drawn back to the saddle and should not escape.
 *   <li><b>sfn</b>: saddle-free Newton (|H| in place of H, Dauphin et al. 2014, see
 *       {@link DenseNewton}) from w* + eps u, Armijo backtracking (one value per trial step). Near
 *       w* the step doubles every component of w - w* along a negative eigenvector.
 * </ul>
 * The two Newton strategies need P &lt;= denseLimit (dense Hessian and eigendecomposition, 9 P^3
 * flops per iteration); above it they are SKIPPED. All trials of all strategies use the same trial
 * seeds (trial t draws from {@code CriticalPointSearch.startSeed(seed, t)}), so gd, newton and sfn
 * start from the same perturbed points.
 *
 * <p>NaN/Inf: a trial stops when f or g is not finite (DIVERGED); its final loss is the last finite
 * one. Cost: trials x B evaluations per strategy, plus one Lanczos run. Sequential, so a result is a
 * pure function of (objective, saddle, config).
 */
public final class EscapeLab {

  /** The strategies, with their command-line names. */
  public enum Strategy {
    RANDOM("random"), EIGENVECTOR("eigenvector"), GRADIENT_DESCENT("gd"), SGD("sgd"), PERTURBED_GD("pgd"), NEWTON("newton"),
    SADDLE_FREE_NEWTON("sfn");

    private final String label;

    Strategy(String label) {
      this.label = label;
    }

    /** The name on the command line and in the result table. */
    public String label() {
      return label;
    }

    /** The strategy of this label; throws naming the labels otherwise. */
    public static Strategy parse(String label) {
      for (Strategy s : values()) {
        if (s.label.equals(label)) return s;
      }
      throw new IllegalArgumentException("unknown escape strategy '" + label + "': expected all, " + labels());
    }

    /** "all" or a comma-separated list of labels, in the order given, without repeats. */
    public static List<Strategy> parseList(String list) {
      if (list == null || list.isBlank()) throw new IllegalArgumentException("no escape strategy given: expected all, " + labels());
      if (list.trim().equals("all")) return List.of(values());
      List<Strategy> out = new ArrayList<>();
      for (String part : list.split(",")) {
        Strategy s = parse(part.trim());
        if (out.contains(s)) throw new IllegalArgumentException("escape strategy '" + s.label + "' given twice");
        out.add(s);
      }
      return List.copyOf(out);
    }

    static String labels() {
      StringBuilder b = new StringBuilder();
      for (Strategy s : values()) b.append(b.length() == 0 ? "" : ", ").append(s.label);
      return b.toString();
    }
  }

  /**
   * Configuration.
   *
   * @param radius r, the ball to leave; finite, &gt; 0
   * @param budget B, evaluations per trial, &gt;= 1
   * @param trials seeded trials per strategy, &gt;= 1
   * @param seed master seed of the trials
   * @param perturbation eps, the radius of the initial perturbation (gd, newton, sfn) and of PGD's
   *     perturbations; finite, &gt; 0
   * @param learningRate eta; 0 for 1 / lambda_max at the saddle; finite, &gt;= 0
   * @param noise sigma of SGD's additive noise where the objective has no data; 0 for eps / (eta
   *     sqrt(P)); finite, &gt;= 0
   * @param batchSize SGD's minibatch size where the objective has data; 0 for max(1, n / 10); &gt;= 0
   * @param denseLimit largest P for the Newton strategies, &gt;= 1
   */
  public record Config(double radius, long budget, int trials, long seed, double perturbation, double learningRate, double noise,
      int batchSize, int denseLimit) {
    public Config {
      if (!(radius > 0 && radius < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("escape radius must be finite and > 0, got " + radius);
      if (budget < 1) throw new IllegalArgumentException("escape budget must be >= 1 evaluation, got " + budget);
      if (trials < 1) throw new IllegalArgumentException("escape trials must be >= 1, got " + trials);
      if (!(perturbation > 0 && perturbation < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("escape perturbation must be finite and > 0, got " + perturbation);
      }
      if (!(learningRate >= 0 && learningRate < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("escape learning rate must be finite and >= 0 (0: 1 / lambda_max), got " + learningRate);
      }
      if (!(noise >= 0 && noise < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("escape noise must be finite and >= 0, got " + noise);
      if (batchSize < 0) throw new IllegalArgumentException("escape batch size must be >= 0 (0: n / 10), got " + batchSize);
      if (denseLimit < 1) throw new IllegalArgumentException("escape dense limit must be >= 1, got " + denseLimit);
    }

    /** r = 0.1, B = 2000, 100 trials, seed 1, eps = 1e-4, automatic eta, sigma and batch, dense limit 500. */
    public static Config defaults() {
      return new Config(0.1, 2000, 100, 1L, 1e-4, 0, 0, 0, 500);
    }

    public Config withRadius(double v) {
      return new Config(v, budget, trials, seed, perturbation, learningRate, noise, batchSize, denseLimit);
    }

    public Config withBudget(long v) {
      return new Config(radius, v, trials, seed, perturbation, learningRate, noise, batchSize, denseLimit);
    }

    public Config withTrials(int v) {
      return new Config(radius, budget, v, seed, perturbation, learningRate, noise, batchSize, denseLimit);
    }

    public Config withSeed(long v) {
      return new Config(radius, budget, trials, v, perturbation, learningRate, noise, batchSize, denseLimit);
    }

    public Config withPerturbation(double v) {
      return new Config(radius, budget, trials, seed, v, learningRate, noise, batchSize, denseLimit);
    }

    public Config withLearningRate(double v) {
      return new Config(radius, budget, trials, seed, perturbation, v, noise, batchSize, denseLimit);
    }

    public Config withNoise(double v) {
      return new Config(radius, budget, trials, seed, perturbation, learningRate, v, batchSize, denseLimit);
    }

    public Config withBatchSize(int v) {
      return new Config(radius, budget, trials, seed, perturbation, learningRate, noise, v, denseLimit);
    }

    public Config withDenseLimit(int v) {
      return new Config(radius, budget, trials, seed, perturbation, learningRate, noise, batchSize, v);
    }
  }

  /**
   * What the lab measured at the saddle before the trials.
   *
   * @param value f(w*)
   * @param gradientNorm |grad f(w*)|
   * @param lowestEigenvalue lambda_min by Lanczos
   * @param largestEigenvalue lambda_max by Lanczos
   * @param lanczosProducts the Hessian-vector products of that Lanczos run (charged to each eigenvector trial)
   * @param learningRate the eta used
   * @param sgdNoise "minibatch b of n" or "additive gaussian sigma"
   */
  public record Setup(double value, double gradientNorm, double lowestEigenvalue, double largestEigenvalue, long lanczosProducts,
      double learningRate, String sgdNoise) {}

  /** How a trial ended. */
  public enum TrialEnd {
    /** The budget was spent. */
    BUDGET,
    /** f or its gradient stopped being finite; the last finite loss is kept. */
    DIVERGED,
    /** Saddle-free Newton's line search found no decrease; the trial stopped there. */
    LINE_SEARCH_FAILED
  }

  /**
   * One trial.
   *
   * @param escaped whether it left the ball of radius r at a lower loss
   * @param evaluationsToEscape evaluations spent up to the escaping iterate, -1 if none
   * @param lossAtEscape f at the escaping iterate, NaN if none
   * @param finalLoss f at the last iterate
   * @param evaluations evaluations spent
   * @param end how the trial ended
   */
  public record Trial(boolean escaped, long evaluationsToEscape, double lossAtEscape, double finalLoss, long evaluations, TrialEnd end) {}

  /**
   * One strategy over all trials.
   *
   * @param strategy the strategy
   * @param skipped why it did not run (the Newton strategies above the dense limit), or null
   * @param trials the trials in seed order (empty when skipped)
   * @param escapeRate escaped trials over trials, with the 95 % Wilson interval
   * @param meanEvaluationsToEscape over escaped trials, NaN if none
   * @param medianEvaluationsToEscape over escaped trials, NaN if none
   * @param meanLossAtEscape over escaped trials, NaN if none
   * @param meanFinalLoss f at the end of the budget, over escaped trials, NaN if none
   * @param lowestFinalLoss the lowest final loss over all trials, NaN when skipped
   */
  public record Outcome(Strategy strategy, String skipped, List<Trial> trials, Share escapeRate, double meanEvaluationsToEscape,
      double medianEvaluationsToEscape, double meanLossAtEscape, double meanFinalLoss, double lowestFinalLoss) {
    public Outcome {
      trials = List.copyOf(trials);
    }

    static Outcome of(Strategy s, List<Trial> trials) {
      int escaped = 0;
      double[] costs = new double[trials.size()];
      double lossAtEscape = 0;
      double finalLoss = 0;
      double lowest = Double.POSITIVE_INFINITY;
      for (Trial t : trials) {
        lowest = Math.min(lowest, t.finalLoss());
        if (!t.escaped()) continue;
        costs[escaped++] = t.evaluationsToEscape();
        lossAtEscape += t.lossAtEscape();
        finalLoss += t.finalLoss();
      }
      double mean = Double.NaN;
      double median = Double.NaN;
      if (escaped > 0) {
        double[] c = Arrays.copyOf(costs, escaped);
        Arrays.sort(c);
        double sum = 0;
        for (double v : c) sum += v;
        mean = sum / escaped;
        median = escaped % 2 == 1 ? c[escaped / 2] : 0.5 * (c[escaped / 2 - 1] + c[escaped / 2]);
      }
      return new Outcome(s, null, trials, Share.wilson95(escaped, trials.size()), mean, median,
          escaped > 0 ? lossAtEscape / escaped : Double.NaN, escaped > 0 ? finalLoss / escaped : Double.NaN, lowest);
    }

    static Outcome skipped(Strategy s, String reason) {
      return new Outcome(s, reason, List.of(), Share.wilson95(0, 0), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
  }

  /**
   * The lab's result.
   *
   * @param setup what was measured at the saddle
   * @param outcomes one per strategy, in the order asked
   */
  public record Result(Setup setup, List<Outcome> outcomes) {
    public Result {
      outcomes = List.copyOf(outcomes);
    }

    /** The outcome of one strategy; throws if it was not run. */
    public Outcome outcome(Strategy s) {
      for (Outcome o : outcomes) {
        if (o.strategy() == s) return o;
      }
      throw new IllegalArgumentException("strategy " + s.label() + " was not run");
    }
  }

  /** t_thres of perturbed gradient descent, in iterations. */
  static final int PGD_INTERVAL = 20;

  private final Config config;

  public EscapeLab(Config config) {
    if (config == null) throw new IllegalArgumentException("EscapeLab config is null");
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /**
   * P(a random-search trial escapes a quadratic saddle within B evaluations) = 1 - (1 - p)^B, p the
   * per-try probability ({@link RandomDirectionEscape#quadraticSuccessProbability}).
   */
  public static double randomEscapeProbability(double perTry, long budget) {
    if (!(perTry >= 0 && perTry <= 1)) throw new IllegalArgumentException("per-try probability must be in [0, 1], got " + perTry);
    return -Math.expm1(budget * Math.log1p(-perTry));
  }

  /**
   * Runs the strategies from the saddle.
   *
   * @param f the objective; used from the calling thread only
   * @param saddle w*, length P (not modified)
   * @param strategies the strategies, in report order; non-empty, no repeats
   * @param progressOrNull called with the number of finished trials (over all strategies), or null
   */
  public Result run(Objective f, double[] saddle, List<Strategy> strategies, IntConsumer progressOrNull) {
    if (f == null || saddle == null) throw new IllegalArgumentException("EscapeLab objective and saddle must not be null");
    if (strategies == null || strategies.isEmpty()) throw new IllegalArgumentException("EscapeLab needs at least one strategy");
    if (strategies.stream().distinct().count() != strategies.size()) throw new IllegalArgumentException("escape strategies repeat: " + strategies);
    int p = f.dimension();
    if (saddle.length != p) throw new IllegalArgumentException("saddle has length " + saddle.length + ", objective dimension is " + p);
    if (!Vectors.allFinite(saddle)) throw new IllegalArgumentException("saddle has a non-finite coordinate");
    double[] g = new double[p];
    double f0 = f.valueAndGradient(saddle, g);
    if (!Double.isFinite(f0)) throw new IllegalArgumentException("f at the saddle is not finite: " + f0);
    ExtremeEigenpairs.Result eig = ExtremeEigenpairs.compute(SymmetricOperator.hessian(f, saddle),
        ExtremeEigenpairs.Options.defaults().withCount(1).withSeed(config.seed()).withMaxIterations(Math.max(3000, 4 * p)));
    double lambdaMax = Math.max(Math.abs(eig.largestEigenvalue()), Math.abs(eig.smallestEigenvalue()));
    double eta = config.learningRate() > 0 ? config.learningRate() : 1.0 / lambdaMax;
    if (!(eta > 0 && eta < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("no step size: the Hessian at the saddle is zero; give a learning rate");
    StochasticObjective data = f instanceof StochasticObjective s && s.exampleCount() > 1 ? s : null;
    int batch = data == null ? 0 : Math.min(data.exampleCount(), config.batchSize() > 0 ? config.batchSize() : Math.max(1, data.exampleCount() / 10));
    double sigma = config.noise() > 0 ? config.noise() : config.perturbation() / (eta * Math.sqrt(p));
    String noise = data != null ? "minibatch " + batch + " of " + data.exampleCount() : String.format(Locale.ROOT, "additive gaussian sigma %.3g", sigma);
    Setup setup = new Setup(f0, Vectors.norm(g), eig.smallestEigenvalue(), eig.largestEigenvalue(), eig.hessianVectorProducts(), eta, noise);
    double[] lowest = eig.smallestVector(0);
    List<Outcome> outcomes = new ArrayList<>();
    int done = 0;
    for (Strategy s : strategies) {
      if ((s == Strategy.NEWTON || s == Strategy.SADDLE_FREE_NEWTON) && p > config.denseLimit()) {
        outcomes.add(Outcome.skipped(s, "P = " + p + " is above the dense limit " + config.denseLimit()));
        done += config.trials();
        if (progressOrNull != null) progressOrNull.accept(done);
        continue;
      }
      List<Trial> trials = new ArrayList<>(config.trials());
      for (int t = 0; t < config.trials(); t++) {
        SplittableRandom random = new SplittableRandom(CriticalPointSearch.startSeed(config.seed(), t));
        EscapeTrials.Walk w = new EscapeTrials.Walk(f, saddle, f0, config.radius(), config.budget());
        switch (s) {
          case RANDOM -> EscapeTrials.randomSearch(w, random);
          case EIGENVECTOR -> EscapeTrials.eigenvector(w, random, lowest, setup.lanczosProducts(), eta);
          case GRADIENT_DESCENT -> EscapeTrials.gradientDescent(w, EscapeTrials.perturbed(saddle, config.perturbation(), random), eta);
          case SGD -> EscapeTrials.sgd(w, random, eta, data, batch, sigma);
          case PERTURBED_GD -> EscapeTrials.perturbedGradientDescent(w, random, eta, lambdaMax * config.perturbation(), config.perturbation());
          case NEWTON -> EscapeTrials.newton(w, EscapeTrials.perturbed(saddle, config.perturbation(), random), false);
          case SADDLE_FREE_NEWTON -> EscapeTrials.newton(w, EscapeTrials.perturbed(saddle, config.perturbation(), random), true);
        }
        trials.add(w.trial());
        done++;
        if (progressOrNull != null) progressOrNull.accept(done);
      }
      outcomes.add(Outcome.of(s, trials));
    }
    return new Result(setup, outcomes);
  }

  @Override
  public String toString() {
    return "EscapeLab" + config;
  }
}

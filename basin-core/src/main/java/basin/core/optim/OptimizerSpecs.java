package basin.core.optim;

import basin.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Optimizers from short text specs, as written on the command line and in study files:
 * {@code NAME} or {@code NAME:key=value,key=value}. Several specs in order make an
 * {@link OptimizerChain}.
 *
 * <table>
 *   <caption>names and keys</caption>
 *   <tr><th>name</th><th>optimizer</th><th>keys (besides gtol, iterations)</th></tr>
 *   <tr><td>gd</td><td>gradient descent, fixed step</td><td>step</td></tr>
 *   <tr><td>gd-armijo</td><td>gradient descent, backtracking (Armijo)</td><td>step (first trial)</td></tr>
 *   <tr><td>momentum, nesterov</td><td>heavy-ball or Nesterov momentum</td><td>lr, momentum</td></tr>
 *   <tr><td>adam</td><td>Adam</td><td>lr, beta1, beta2, eps</td></tr>
 *   <tr><td>sgd</td><td>minibatch SGD, seeded shuffles</td><td>batch, lr, momentum, decay, epochs, seed</td></tr>
 *   <tr><td>lbfgs</td><td>L-BFGS, strong Wolfe line search</td><td>memory</td></tr>
 *   <tr><td>newton</td><td>Newton-CG trust region (Hessian-vector products), finishing with Newton-MR
 *       steps when value comparisons fail</td><td>radius, cg</td></tr>
 *   <tr><td>newton-mr</td><td>Newton-MR: MINRES steps accepted on the gradient norm; converges to
 *       critical points of any index</td><td>minres (MINRES cap), rtol (MINRES relative tolerance),
 *       armijo, backtrack (factor)</td></tr>
 * </table>
 * {@code gtol} is the gradient-norm tolerance, {@code iterations} the iteration budget. Every
 * unspecified value is the optimizer's own default. The seed of {@code sgd} defaults to the seed
 * passed in (the run's seed), so a run stays a function of its seed.
 */
public final class OptimizerSpecs {
  private OptimizerSpecs() {}

  /** Every optimizer name. */
  public static final List<String> NAMES = List.of("gd", "gd-armijo", "momentum", "nesterov", "adam", "sgd", "lbfgs", "newton", "newton-mr");

  /** One optimizer from one spec; {@code seed} feeds stochastic optimizers. */
  public static Optimizer parse(String spec, long seed) {
    String text = spec.trim();
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    Map<String, String> keys = keys(spec, colon < 0 ? "" : text.substring(colon + 1));
    Optimizer result;
    try {
      switch (name) {
        case "gd":
        case "gd-armijo": {
          GradientDescent.Config c = GradientDescent.Config.defaults()
              .withStepRule(name.equals("gd") ? GradientDescent.StepRule.FIXED : GradientDescent.StepRule.ARMIJO_BACKTRACKING);
          if (keys.containsKey("step")) c = c.withStepSize(number(spec, keys.remove("step")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new GradientDescent(c);
          break;
        }
        case "momentum":
        case "nesterov": {
          Momentum.Config c = Momentum.Config.defaults()
              .withVariant(name.equals("momentum") ? Momentum.Variant.HEAVY_BALL : Momentum.Variant.NESTEROV);
          if (keys.containsKey("lr")) c = c.withLearningRate(number(spec, keys.remove("lr")));
          if (keys.containsKey("momentum")) c = c.withMomentum(number(spec, keys.remove("momentum")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new Momentum(c);
          break;
        }
        case "adam": {
          Adam.Config c = Adam.Config.defaults();
          if (keys.containsKey("lr")) c = c.withLearningRate(number(spec, keys.remove("lr")));
          if (keys.containsKey("beta1")) c = c.withBeta1(number(spec, keys.remove("beta1")));
          if (keys.containsKey("beta2")) c = c.withBeta2(number(spec, keys.remove("beta2")));
          if (keys.containsKey("eps")) c = c.withEpsilon(number(spec, keys.remove("eps")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new Adam(c);
          break;
        }
        case "sgd": {
          MinibatchSgd.Config c = MinibatchSgd.Config.defaults(seed);
          if (keys.containsKey("batch")) c = c.withBatchSize(integer(spec, keys.remove("batch")));
          if (keys.containsKey("lr")) c = c.withLearningRate(number(spec, keys.remove("lr")));
          if (keys.containsKey("momentum")) c = c.withMomentum(number(spec, keys.remove("momentum")));
          if (keys.containsKey("decay")) c = c.withLearningRateDecay(number(spec, keys.remove("decay")));
          if (keys.containsKey("epochs")) c = c.withMaxEpochs(integer(spec, keys.remove("epochs")));
          if (keys.containsKey("seed")) c = c.withSeed(integer(spec, keys.remove("seed")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new MinibatchSgd(c);
          break;
        }
        case "lbfgs": {
          Lbfgs.Config c = Lbfgs.Config.defaults();
          if (keys.containsKey("memory")) c = c.withMemory(integer(spec, keys.remove("memory")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new Lbfgs(c);
          break;
        }
        case "newton": {
          NewtonTrustRegion.Config c = NewtonTrustRegion.Config.defaults();
          if (keys.containsKey("radius")) c = c.withInitialRadius(number(spec, keys.remove("radius")));
          if (keys.containsKey("cg")) c = c.withMaxCgIterations(integer(spec, keys.remove("cg")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new NewtonTrustRegion(c);
          break;
        }
        case "newton-mr": {
          NewtonMr.Config c = NewtonMr.Config.defaults();
          if (keys.containsKey("minres")) c = c.withMaxMinresIterations(integer(spec, keys.remove("minres")));
          if (keys.containsKey("rtol")) c = c.withMinresTolerance(number(spec, keys.remove("rtol")));
          if (keys.containsKey("armijo")) c = c.withArmijo(number(spec, keys.remove("armijo")));
          if (keys.containsKey("backtrack")) c = c.withBacktrackingFactor(number(spec, keys.remove("backtrack")));
          if (keys.containsKey("gtol")) c = c.withGradientTolerance(number(spec, keys.remove("gtol")));
          if (keys.containsKey("iterations")) c = c.withMaxIterations(integer(spec, keys.remove("iterations")));
          result = new NewtonMr(c);
          break;
        }
        default:
          throw new InputException("optimizer '" + spec + "': unknown name '" + name + "', expected one of " + String.join(", ", NAMES));
      }
    } catch (IllegalArgumentException e) {
      throw new InputException("optimizer '" + spec + "': " + e.getMessage(), e);
    }
    if (!keys.isEmpty()) {
      throw new InputException("optimizer '" + spec + "': unknown key '" + keys.keySet().iterator().next() + "' for " + name);
    }
    return result;
  }

  /** A chain of the given specs in order (a single spec gives that optimizer alone). */
  public static Optimizer parseChain(List<String> specs, long seed) {
    if (specs.isEmpty()) throw new InputException("optimizer: no stage given, expected one or more of " + String.join(", ", NAMES));
    List<Optimizer> stages = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      // each stochastic stage gets its own stream, still a function of the run seed
      stages.add(parse(specs.get(i), seed + 0x9E3779B97F4A7C15L * i));
    }
    return stages.size() == 1 ? stages.get(0) : new OptimizerChain(stages);
  }

  private static Map<String, String> keys(String spec, String text) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (text.isBlank()) return keys;
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) throw new InputException("optimizer '" + spec + "': '" + part + "' is not key=value");
      keys.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
    }
    return keys;
  }

  private static double number(String spec, String v) {
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new InputException("optimizer '" + spec + "': '" + v + "' is not a finite number");
    }
  }

  private static int integer(String spec, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InputException("optimizer '" + spec + "': '" + v + "' is not an integer");
    }
  }
}

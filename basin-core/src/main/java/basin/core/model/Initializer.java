package basin.core.model;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random initial parameters for an {@link Mlp}, drawn from an explicit seed.
 *
 * <ul>
 *   <li>GLOROT_NORMAL / GLOROT_UNIFORM (Glorot and Bengio 2010): variance 2 / (fan_in + fan_out);
 *   <li>HE_NORMAL / HE_UNIFORM (He et al. 2015): variance 2 / fan_in;
 *   <li>NORMAL / UNIFORM: standard deviation {@code scale} or range [-scale, scale].
 * </ul>
 * Glorot and He initialize biases to zero; NORMAL and UNIFORM draw biases like weights.
 * Uniform variants use the range [-r, r] with r = sqrt(3) times the standard deviation.
 *
 * <p>Normal draws use the Box-Muller transform on {@link SplittableRandom#nextDouble()}, so a seed
 * gives the same parameters on every JDK.
 *
 * @param scheme the distribution family
 * @param scale standard deviation or half-range for NORMAL and UNIFORM; ignored otherwise
 */
public record Initializer(Scheme scheme, double scale) {

  /** Distribution families. */
  public enum Scheme { GLOROT_NORMAL, GLOROT_UNIFORM, HE_NORMAL, HE_UNIFORM, NORMAL, UNIFORM }

  public Initializer {
    if (scheme == null) throw new IllegalArgumentException("initializer scheme is null");
    if ((scheme == Scheme.NORMAL || scheme == Scheme.UNIFORM) && !(scale > 0 && Double.isFinite(scale))) {
      throw new IllegalArgumentException("initializer scale must be a positive finite number, got " + scale);
    }
  }

  public static Initializer glorotNormal() {
    return new Initializer(Scheme.GLOROT_NORMAL, 0);
  }

  public static Initializer heNormal() {
    return new Initializer(Scheme.HE_NORMAL, 0);
  }

  public static Initializer normal(double scale) {
    return new Initializer(Scheme.NORMAL, scale);
  }

  public static Initializer uniform(double scale) {
    return new Initializer(Scheme.UNIFORM, scale);
  }

  /** Parses "glorot", "glorot-uniform", "he", "he-uniform", "normal:0.1", "uniform:0.5". */
  public static Initializer parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    String name = t;
    double scale = 0;
    int colon = t.indexOf(':');
    if (colon >= 0) {
      name = t.substring(0, colon);
      try {
        scale = Double.parseDouble(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("initializer '" + text + "': scale '" + t.substring(colon + 1) + "' is not a number");
      }
    }
    switch (name) {
      case "glorot": case "xavier": case "glorot-normal": case "xavier-normal": return new Initializer(Scheme.GLOROT_NORMAL, 0);
      case "glorot-uniform": case "xavier-uniform": return new Initializer(Scheme.GLOROT_UNIFORM, 0);
      case "he": case "kaiming": case "he-normal": return new Initializer(Scheme.HE_NORMAL, 0);
      case "he-uniform": case "kaiming-uniform": return new Initializer(Scheme.HE_UNIFORM, 0);
      case "normal": return new Initializer(Scheme.NORMAL, colon < 0 ? 1.0 : scale);
      case "uniform": return new Initializer(Scheme.UNIFORM, colon < 0 ? 1.0 : scale);
      default:
        throw new IllegalArgumentException("unknown initializer '" + text + "', expected glorot, glorot-uniform, he, he-uniform, normal:SCALE or uniform:SCALE");
    }
  }

  /** A fresh parameter vector for the model, a pure function of (model, this, seed). */
  public double[] initialize(Mlp model, long seed) {
    double[] w = new double[model.parameterCount()];
    initialize(model, new SplittableRandom(seed), w);
    return w;
  }

  /** Fills w (length P) with draws from {@code random}. */
  public void initialize(Mlp model, SplittableRandom random, double[] w) {
    for (int l = 1; l <= model.layerCount(); l++) {
      int fanIn = model.width(l - 1);
      int fanOut = model.width(l);
      double std;
      boolean normal;
      boolean drawBias = false;
      switch (scheme) {
        case GLOROT_NORMAL: std = Math.sqrt(2.0 / (fanIn + fanOut)); normal = true; break;
        case GLOROT_UNIFORM: std = Math.sqrt(2.0 / (fanIn + fanOut)); normal = false; break;
        case HE_NORMAL: std = Math.sqrt(2.0 / fanIn); normal = true; break;
        case HE_UNIFORM: std = Math.sqrt(2.0 / fanIn); normal = false; break;
        case NORMAL: std = scale; normal = true; drawBias = true; break;
        case UNIFORM: std = scale / Math.sqrt(3.0); normal = false; drawBias = true; break;
        default: throw new AssertionError(scheme);
      }
      int off = model.weightOffset(l);
      int count = fanIn * fanOut;
      fill(random, w, off, count, std, normal);
      if (model.bias()) {
        int bo = model.biasOffset(l);
        if (drawBias) {
          fill(random, w, bo, fanOut, std, normal);
        } else {
          java.util.Arrays.fill(w, bo, bo + fanOut, 0.0);
        }
      }
    }
  }

  private static void fill(SplittableRandom random, double[] w, int off, int count, double std, boolean normal) {
    if (normal) {
      for (int i = 0; i < count; i++) {
        w[off + i] = std * gaussian(random);
      }
    } else {
      double r = std * Math.sqrt(3.0);
      for (int i = 0; i < count; i++) {
        w[off + i] = r * (2.0 * random.nextDouble() - 1.0);
      }
    }
  }

  /** A standard normal draw by the Box-Muller transform (one of the pair is discarded for simplicity). */
  public static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** The label used in specs: "glorot", "he-uniform", "normal:0.1", ... */
  public String label() {
    switch (scheme) {
      case GLOROT_NORMAL: return "glorot";
      case GLOROT_UNIFORM: return "glorot-uniform";
      case HE_NORMAL: return "he";
      case HE_UNIFORM: return "he-uniform";
      case NORMAL: return "normal:" + scale;
      case UNIFORM: return "uniform:" + scale;
      default: throw new AssertionError(scheme);
    }
  }
}

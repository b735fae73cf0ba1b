package basin.landscape.paths;

import java.util.Locale;

/** How the second minimum of a pair is aligned to the first before a path is drawn between them. */
public enum AlignmentMethod {
  /** No alignment: the second point as stored. */
  NONE,
  /** {@link WeightMatching}: per-layer assignment on the weights, iterated over layers (Ainsworth et al. 2022). */
  WEIGHT,
  /** {@link ActivationMatching}: per-layer assignment on the correlation of unit activations on data. */
  ACTIVATION;

  /** "none", "weight", "activation". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The method of a label; IllegalArgumentException naming the accepted labels otherwise. */
  public static AlignmentMethod parse(String label) {
    for (AlignmentMethod m : values()) {
      if (m.label().equals(label)) return m;
    }
    throw new IllegalArgumentException("alignment '" + label + "': expected none, weight or activation");
  }
}

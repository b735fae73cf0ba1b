package basin.landscape.symmetry;

import basin.core.model.Activation;
import basin.core.model.Mlp;

/** Rebuilds a {@link SymmetryGroup} from its {@link SymmetryGroup#spec()}. */
public final class SymmetryGroups {
  private SymmetryGroups() {}

  /**
   * @param spec a text written by {@link SymmetryGroup#spec()}
   * @throws IllegalArgumentException when the text is not such a spec
   */
  public static SymmetryGroup parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) throw new IllegalArgumentException("not a symmetry group spec: " + spec);
    String kind = spec.substring(0, colon);
    String rest = spec.substring(colon + 1);
    try {
      switch (kind) {
        case "none":
          return SymmetryGroup.trivial(Integer.parseInt(rest));
        case "rows": {
          String[] a = rest.split(",");
          return new RowPermutationGroup(Integer.parseInt(a[0]), Integer.parseInt(a[1]));
        }
        case "rows-columns": {
          String[] a = rest.split(",");
          return new RowColumnPermutationGroup(Integer.parseInt(a[0]), Integer.parseInt(a[1]));
        }
        case "gl": {
          String[] a = rest.split(",");
          return new GeneralLinearGroup(Integer.parseInt(a[0]), Integer.parseInt(a[1]));
        }
        case "mlp": {
          String[] parts = rest.split(";", -1);
          String[] w = parts[0].split(",");
          int[] widths = new int[w.length];
          for (int i = 0; i < w.length; i++) widths[i] = Integer.parseInt(w[i]);
          String[] a = parts[1].isEmpty() ? new String[0] : parts[1].split(",");
          Activation[] acts = new Activation[a.length];
          for (int i = 0; i < a.length; i++) acts[i] = Activation.parse(a[i]);
          return MlpSymmetryGroup.of(new Mlp(widths, acts, parts[2].equals("bias")));
        }
        default:
          throw new IllegalArgumentException("unknown symmetry group kind " + kind + " in " + spec);
      }
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().contains(spec)) throw e;
      throw new IllegalArgumentException("not a symmetry group spec: " + spec + " (" + e.getMessage() + ")", e);
    }
  }
}

package basin.landscape.paths;

/**
 * The second of two MLP parameter vectors moved onto the first by a symmetry of the network:
 * its hidden units permuted, sign-flipped (odd activations) and rescaled (positively homogeneous
 * activations), so that the network function of {@code alignedB} is that of b.
 *
 * @param method how the permutations were chosen
 * @param status {@link Status#CONVERGED} when the method finished (a sweep changed nothing, or a
 *     one-pass method); {@link Status#MAX_SWEEPS} when weight matching used its sweep budget
 * @param alignedB the aligned second point, length P (owned by the record; the accessor copies)
 * @param permutations per hidden layer l (index l - 1): unit j of alignedB is unit permutations[l-1][j] of b
 * @param signs per hidden layer: +1 or -1, the sign the matched unit was multiplied by
 * @param sweeps sweeps over the layers (weight matching); 1 for activation matching, 0 for none
 */
public record Alignment(AlignmentMethod method, Status status, double[] alignedB, int[][] permutations, int[][] signs, int sweeps) {

  /** How an alignment ended. */
  public enum Status {
    /** The method finished: weight matching reached a sweep with no change, or a one-pass method ran. */
    CONVERGED,
    /** Weight matching stopped at its sweep budget while a sweep still changed a layer. */
    MAX_SWEEPS
  }

  public Alignment {
    if (method == null || status == null || alignedB == null || permutations == null || signs == null) {
      throw new IllegalArgumentException("Alignment fields must not be null");
    }
    alignedB = alignedB.clone();
  }

  @Override
  public double[] alignedB() {
    return alignedB.clone();
  }

  /** Whether every layer's permutation is the identity and every sign +1. */
  public boolean isIdentity() {
    for (int l = 0; l < permutations.length; l++) {
      for (int j = 0; j < permutations[l].length; j++) {
        if (permutations[l][j] != j || signs[l][j] != 1) return false;
      }
    }
    return true;
  }
}

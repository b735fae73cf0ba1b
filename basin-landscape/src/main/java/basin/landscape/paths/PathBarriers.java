package basin.landscape.paths;

/**
 * The numbers of one loss profile L(s_0), ..., L(s_{K-1}) along a path, s_k the arc length from
 * the start (s_0 = 0, s_{K-1} = S):
 * <pre>
 *   maxLoss                 M = max_k L(s_k)
 *   barrierAboveEndpoints   M - max(L(s_0), L(s_{K-1}))
 *   barrierAboveChord       max_k [ L(s_k) - ((1 - s_k/S) L(s_0) + (s_k/S) L(s_{K-1})) ]
 *   integratedLoss          sum_k (s_{k+1} - s_k) (L(s_k) + L(s_{k+1})) / 2    (trapezoid in arc length)
 *   length                  S
 * </pre>
 * The first barrier is the height a walker along the path must climb from the higher end (0 when
 * the path never rises above both ends). The second is the one of Entezari, Sedghi, Saukh,
 * Neyshabur, "The Role of Permutation Invariance in Linear Mode Connectivity of Neural Networks",
 * ICLR 2022 (arXiv 2110.06296, Definition 1): the largest excess over linear interpolation of the end
 * losses, here by arc-length fraction (the same as by t on a straight line); it is &gt;= 0 and
 * at least the first. When S = 0 the fractions are k / (K - 1). Any NaN loss makes every field but
 * the length NaN.
 *
 * @param maxLoss M
 * @param argMax the index k of the maximum (the first one); -1 when NaN
 * @param barrierAboveEndpoints M minus the higher end's loss
 * @param barrierAboveChord the largest excess over the chord of the end losses
 * @param integratedLoss the trapezoid integral of L over arc length
 * @param length S
 */
public record PathBarriers(double maxLoss, int argMax, double barrierAboveEndpoints, double barrierAboveChord, double integratedLoss,
    double length) {

  /**
   * @param arcLength s_k, non-decreasing from 0 (not modified)
   * @param loss L(s_k), same length &gt;= 2 (not modified)
   */
  public static PathBarriers of(double[] arcLength, double[] loss) {
    int k = loss.length;
    if (k < 2 || arcLength.length != k) {
      throw new IllegalArgumentException("a profile needs >= 2 points with an arc length each, got " + k + " losses and "
          + arcLength.length + " lengths");
    }
    double length = arcLength[k - 1];
    for (double v : loss) {
      if (Double.isNaN(v)) return new PathBarriers(Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, length);
    }
    double first = loss[0];
    double last = loss[k - 1];
    int argMax = 0;
    double chord = Double.NEGATIVE_INFINITY;
    double integral = 0;
    for (int i = 0; i < k; i++) {
      if (loss[i] > loss[argMax]) argMax = i;
      double fraction = length > 0 ? arcLength[i] / length : i / (double) (k - 1);
      chord = Math.max(chord, loss[i] - ((1 - fraction) * first + fraction * last));
      if (i > 0) integral += (arcLength[i] - arcLength[i - 1]) * 0.5 * (loss[i] + loss[i - 1]);
    }
    double max = loss[argMax];
    return new PathBarriers(max, argMax, max - Math.max(first, last), chord, integral, length);
  }
}

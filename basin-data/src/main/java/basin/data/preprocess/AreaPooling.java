package basin.data.preprocess;

import basin.core.InputException;
import basin.core.data.Dataset;

/**
 * Average pooling of square grayscale images from side S to side T &lt;= S with area weights, so
 * that non-integer factors (28 to 10) are handled exactly: output pixel (I, J) covers the square
 * [I s, (I+1) s) x [J s, (J+1) s) of the input, s = S / T, and is the mean of the input over that
 * square, each input pixel weighted by the area it shares with it. For an integer factor this is
 * the plain block mean. The weights are separable, out = R X R^T with R the T x S matrix
 * R[I][i] = |[i, i+1) ∩ [I s, (I+1) s)| / s, whose rows sum to 1; so a constant image stays
 * constant and the image mean is preserved.
 *
 * <p>Cost: O(S^2 T) per image. NaN and Inf propagate to the output pixels they touch.
 */
public final class AreaPooling {
  private final int side;
  private final int newSide;
  private final double[] weights;

  /**
   * @param side input side S
   * @param newSide output side T, 1 &lt;= T &lt;= S
   */
  public AreaPooling(int side, int newSide) {
    if (!(newSide >= 1 && newSide <= side)) {
      throw new InputException("pooling from " + side + "x" + side + " to " + newSide + "x" + newSide
          + " is not possible, expected an output side between 1 and " + side);
    }
    this.side = side;
    this.newSide = newSide;
    this.weights = rowWeights(side, newSide);
  }

  /** The T x S row-major matrix R described in the class comment. */
  static double[] rowWeights(int side, int newSide) {
    double s = (double) side / newSide;
    double[] r = new double[newSide * side];
    for (int out = 0; out < newSide; out++) {
      double lo = out * s;
      double hi = (out + 1) * s;
      for (int in = (int) Math.floor(lo); in < side && in < hi; in++) {
        double overlap = Math.min(in + 1, hi) - Math.max(in, lo);
        if (overlap > 0) r[out * side + in] = overlap / s;
      }
    }
    return r;
  }

  /**
   * Pools one image.
   *
   * @param image S*S pixels row by row, from {@code offset} (not modified)
   * @param out T*T pixels row by row, written from {@code outOffset}
   * @param work scratch of length S*T (overwritten)
   */
  public void pool(double[] image, int offset, double[] out, int outOffset, double[] work) {
    // work = X R^T (S x T), then out = R work
    for (int i = 0; i < side; i++) {
      int row = offset + i * side;
      for (int j2 = 0; j2 < newSide; j2++) {
        double sum = 0;
        int w = j2 * side;
        for (int j = 0; j < side; j++) sum += image[row + j] * weights[w + j];
        work[i * newSide + j2] = sum;
      }
    }
    for (int i2 = 0; i2 < newSide; i2++) {
      int w = i2 * side;
      for (int j2 = 0; j2 < newSide; j2++) {
        double sum = 0;
        for (int i = 0; i < side; i++) sum += weights[w + i] * work[i * newSide + j2];
        out[outOffset + i2 * newSide + j2] = sum;
      }
    }
  }

  /** Every image of {@code data} pooled; labels or targets unchanged. */
  public Dataset apply(Dataset data) {
    if (data.inputDim() != side * side) {
      throw new InputException(data.name() + ": " + data.inputDim() + " inputs per example, expected " + side + "x" + side + " = "
          + side * side + " pixels to pool");
    }
    int n = data.size();
    int t2 = newSide * newSide;
    double[] x = new double[n * t2];
    double[] work = new double[side * newSide];
    double[] in = data.inputs();
    for (int e = 0; e < n; e++) pool(in, e * side * side, x, e * t2, work);
    return data.isClassification()
        ? Dataset.classification(data.name(), n, t2, x, data.classCount(), data.labels())
        : Dataset.regression(data.name(), n, t2, x, data.targetDim(), data.targets());
  }

  public int side() {
    return side;
  }

  public int newSide() {
    return newSide;
  }
}

package basin.landscape.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The symmetry groups of closed-form objectives on seeded random points: equivalent points are at
 * distance 0 and share a canonical form, the distance is a metric bound on the plain Euclidean one,
 * and the GL(p) orbit tangent has dimension p^2 and leaves the invariant B A fixed to first order.
 * Tolerances: 1e-12 for distances of exactly permuted points (sums of O(P) squares of round-off), 1e-9
 * for GL(p) images (an inverse of a well-conditioned C, condition number below 10).
 */
class SymmetryGroupTest {

  private static double[] gaussian(SplittableRandom r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = r.nextGaussian();
    return x;
  }

  private static int[] permutation(SplittableRandom r, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void rowPermutationsAreAtDistanceZero(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = 2 + r.nextInt(7);
    int d = 1 + r.nextInt(6);
    double[] w = gaussian(r, k * d);
    int[] p = permutation(r, k);
    double[] v = new double[w.length];
    for (int i = 0; i < k; i++) System.arraycopy(w, p[i] * d, v, i * d, d);
    RowPermutationGroup g = new RowPermutationGroup(k, d);
    assertEquals(0.0, g.distance(w, v), 1e-12, "seed " + seed);
    assertArrayEquals(g.canonicalize(w), g.canonicalize(v), 0.0, "seed " + seed);
    assertNull(g.orbitTangent(w));
    double[] u = gaussian(r, k * d);
    assertTrue(g.distance(w, u) <= SymmetryGroup.trivial(k * d).distance(w, u) + 1e-12, "seed " + seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void rowAndColumnPermutationsAreAtDistanceZero(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = 2 + r.nextInt(9);
    int d = 2 + r.nextInt(9);
    double[] w = gaussian(r, k * d);
    int[] p = permutation(r, k);
    int[] q = permutation(r, d);
    double[] v = new double[w.length];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < d; j++) v[i * d + j] = w[p[i] * d + q[j]];
    }
    RowColumnPermutationGroup g = new RowColumnPermutationGroup(k, d);
    assertEquals(0.0, g.distance(w, v), 1e-12, "seed " + seed + ", k " + k + ", d " + d);
    assertArrayEquals(g.canonicalize(w), g.canonicalize(v), 1e-15, "seed " + seed);
    double[] u = gaussian(r, k * d);
    assertTrue(g.distance(w, u) <= new RowPermutationGroup(k, d).distance(w, u) + 1e-12, "seed " + seed);
    assertTrue(g.distance(w, u) > 0, "seed " + seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void generalLinearImagesShareTheInvariant(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 3 + r.nextInt(5);
    int p = 1 + r.nextInt(n);
    GeneralLinearGroup g = new GeneralLinearGroup(n, p);
    double[] w = gaussian(r, 2 * n * p);
    // C = I + 0.2 G: well conditioned for these sizes
    double[] c = new double[p * p];
    for (int i = 0; i < p * p; i++) c[i] = 0.2 * r.nextGaussian();
    for (int i = 0; i < p; i++) c[i * p + i] += 1.0;
    org.ejml.data.DMatrixRMaj inv = new org.ejml.data.DMatrixRMaj(p, p, true, c);
    assertTrue(org.ejml.dense.row.CommonOps_DDRM.invert(inv));
    double[] v = new double[w.length];
    for (int h = 0; h < p; h++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int m = 0; m < p; m++) s += inv.get(h, m) * w[m * n + j];
        v[h * n + j] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int h = 0; h < p; h++) {
        double s = 0;
        for (int m = 0; m < p; m++) s += w[n * p + i * p + m] * c[m * p + h];
        v[n * p + i * p + h] = s;
      }
    }
    assertEquals(0.0, g.distance(w, v), 1e-9, "seed " + seed);
    assertArrayEquals(g.canonicalize(w), g.canonicalize(v), 1e-9, "seed " + seed);
    OrbitTangent t = g.orbitTangent(w);
    assertEquals(p * p, t.dimension(), "seed " + seed);
    // a step along the orbit tangent (the complement projection removes it) keeps B A to first order
    double[] step = gaussian(r, w.length);
    double[] normal = new double[w.length];
    t.projectOut(step, normal);
    double[] along = new double[w.length];
    for (int i = 0; i < w.length; i++) along[i] = step[i] - normal[i];
    double eps = 1e-6;
    double[] moved = w.clone();
    for (int i = 0; i < w.length; i++) moved[i] += eps * along[i];
    double change = g.distance(w, moved) / eps;
    assertTrue(change < 1e-4, "seed " + seed + ": B A changes at rate " + change + " along the orbit");
  }

  /** Every group survives its spec text: same spec, same distances (bit for bit: the same arithmetic). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"none:5", "rows:3,4", "rows-columns:4,3", "gl:5,2", "mlp:2,4,3,2;tanh,relu;bias", "mlp:3,2;;nobias", "mlp:2,3,2;linear;bias"})
  void specsRoundTrip(String spec) {
    SymmetryGroup g = SymmetryGroups.parse(spec);
    assertEquals(spec, g.spec());
    SplittableRandom r = new SplittableRandom(spec.hashCode());
    double[] a = gaussian(r, g.dimension());
    double[] b = gaussian(r, g.dimension());
    assertEquals(g.distance(a, b), SymmetryGroups.parse(g.spec()).distance(a, b), 0.0);
  }
}

package basin.data.testfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The listed critical points: recomputed by Newton's method from rough starting points (this test
 * is the script that produced the literals in MullerBrown, Himmelblau and Rosenbrock: it prints
 * them with 17 significant digits, and the javadoc rows), and checked to be critical with the
 * listed value and Hessian index.
 */
class KnownCriticalPointsTest {
  /**
   * Newton's fixed point against the literal: both are the same deterministic computation, so they
   * agree to the last bit; 1e-13 relative leaves room for a different JIT's fused operations.
   */
  private static final double POINT_TOLERANCE = 1e-13;
  /**
   * |grad f| at a listed point: rounding of the point (eps |x| times |H| ~ 1e-16 * 1e4) and of the
   * gradient sum (eps times the sum of |terms| ~ 1e-16 * 1e3) give at most ~1e-12; 100 times that.
   */
  private static final double GRADIENT_TOLERANCE = 1e-10;

  /** Rough starting points (3 to 6 digits, as usually quoted) in the order of MullerBrown.CRITICAL_POINTS. */
  private static final double[][] MULLER_BROWN_STARTS = {
      {-0.558, 1.442}, {0.623, 0.028}, {-0.050, 0.467}, {-0.822, 0.624}, {0.212, 0.293}};
  /** Rough starting points in the order of Himmelblau.CRITICAL_POINTS. */
  private static final double[][] HIMMELBLAU_STARTS = {
      {3.0, 2.0}, {-2.805, 3.131}, {-3.779, -3.283}, {3.584, -1.848},
      {0.087, 2.884}, {-3.073, -0.081}, {3.385, 0.074}, {-0.128, -1.954},
      {-0.271, -0.923}};

  @Test
  void mullerBrownPointsAreNewtonFixedPoints() {
    MullerBrown f = new MullerBrown();
    recompute(f, MULLER_BROWN_STARTS, MullerBrown.CRITICAL_POINTS);
  }

  @Test
  void himmelblauPointsAreNewtonFixedPoints() {
    Himmelblau f = new Himmelblau();
    recompute(f, HIMMELBLAU_STARTS, Himmelblau.CRITICAL_POINTS);
  }

  private static void recompute(TestFunction f, double[][] starts, double[][] listed) {
    assertEquals(starts.length, listed.length);
    double[][] found = new double[starts.length][];
    System.out.println(f.name() + ": critical points by Newton's method (x, y, f, index)");
    for (int i = 0; i < starts.length; i++) {
      double[] x = Newton.solve(f, starts[i]);
      double value = f.value(x);
      int index = negativeCount(Newton.hessianSpectrum(f, x));
      found[i] = new double[] {x[0], x[1], value, index};
      System.out.println(String.format(Locale.ROOT, "      {%s, %s, %s, %d},", literal(x[0]), literal(x[1]), literal(value), index));
    }
    for (double[] row : found) {
      System.out.println(String.format(Locale.ROOT, " *   <tr><td>%s</td><td>%.12f</td><td>%.12f</td><td>%.12f</td></tr>",
          KnownCriticalPoint.kindOf((int) row[3], 2).name().toLowerCase(Locale.ROOT), row[0], row[1], row[2]));
    }
    for (int i = 0; i < starts.length; i++) {
      double[] row = listed[i];
      String where = f.name() + " point " + i + " from " + Arrays.toString(starts[i]);
      for (int k = 0; k < 3; k++) assertEquals(row[k], found[i][k], POINT_TOLERANCE * (1 + Math.abs(row[k])), where + " entry " + k);
      assertEquals(row[3], found[i][3], where + " index");
    }
  }

  /**
   * Newton's method from a 41 x 41 grid of starts over the box finds no critical point in the box
   * besides the listed ones (evidence, not proof, that the lists of the 2-D functions are complete
   * there; a 121 x 121 grid found the same). Points agree with the list to 1e-9 (Newton's fixed
   * points from different starts differ in the last bits only).
   */
  @ParameterizedTest
  @ValueSource(strings = {"muller-brown", "himmelblau"})
  void newtonFromAGridFindsOnlyTheListedPoints(String spec) {
    TestFunction f = TestFunctions.parse(spec);
    double[] lo = f.lower();
    double[] hi = f.upper();
    List<KnownCriticalPoint> listed = f.knownCriticalPoints();
    boolean[] reached = new boolean[listed.size()];
    int m = 40;
    for (int i = 0; i <= m; i++) {
      for (int j = 0; j <= m; j++) {
        double[] start = {lo[0] + (hi[0] - lo[0]) * i / m, lo[1] + (hi[1] - lo[1]) * j / m};
        double[] x;
        try {
          x = Newton.solve(f, start);
        } catch (AssertionError singular) {
          continue;
        }
        double[] g = new double[2];
        f.valueAndGradient(x, g);
        boolean inBox = x[0] >= lo[0] && x[0] <= hi[0] && x[1] >= lo[1] && x[1] <= hi[1];
        if (!(Newton.norm(g) < 1e-9) || !inBox) continue;
        boolean known = false;
        for (int k = 0; k < listed.size(); k++) {
          double[] p = listed.get(k).point();
          if (Math.hypot(p[0] - x[0], p[1] - x[1]) < 1e-9) {
            known = true;
            reached[k] = true;
          }
        }
        assertTrue(known, spec + ": Newton from " + Arrays.toString(start) + " found an unlisted critical point " + Arrays.toString(x));
      }
    }
    for (int k = 0; k < reached.length; k++) assertTrue(reached[k], spec + ": " + listed.get(k) + " reached from the grid");
  }

  /** Rough starting points (3 significant digits) of the index-1 saddles of Rosenbrock, n = 4..7. */
  private static final double[][] ROSENBROCK_SADDLE_STARTS = {
      {-0.656, 0.443, 0.204, 0.0417},
      {-0.557, 0.325, 0.117, 0.0234, 0.000545},
      {-0.555, 0.322, 0.115, 0.0235, 0.0104, 0.000109},
      {-0.555, 0.322, 0.115, 0.0235, 0.0107, 0.0100, 0.000100}};

  /**
   * The second minimum for 4 &lt;= n &lt;= 7: damped Newton from (-1, 1, ..., 1), then pure Newton;
   * the saddle of index 1 between it and the global minimum: pure Newton from a rough start.
   */
  @ParameterizedTest
  @ValueSource(ints = {4, 5, 6, 7})
  void rosenbrockSecondMinimumAndSaddleAreRecomputed(int n) {
    Rosenbrock f = new Rosenbrock(n);
    double[] start = new double[n];
    Arrays.fill(start, 1.0);
    start[0] = -1.0;
    double[] minimum = Newton.minimize(f, start);
    double[] saddle = Newton.solve(f, ROSENBROCK_SADDLE_STARTS[n - 4]);
    String[] labels = {"second minimum", "saddle"};
    double[][] found = {minimum, saddle};
    double[][] listed = {Rosenbrock.SECOND_MINIMA[n - 4], Rosenbrock.SADDLES[n - 4]};
    for (int which = 0; which < 2; which++) {
      double[] x = found[which];
      double value = f.value(x);
      StringBuilder literal = new StringBuilder("      {");
      for (double xi : x) literal.append(literal(xi)).append(", ");
      System.out.println("rosenbrock n=" + n + ": " + labels[which] + " (x, f)");
      System.out.println(literal.append(literal(value)).append("},"));
      StringBuilder row = new StringBuilder(" *   <tr><td>" + n + "</td><td>" + labels[which] + "</td><td>(");
      for (int i = 0; i < n; i++) row.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.12g", x[i]));
      System.out.println(row.append(String.format(Locale.ROOT, ")</td><td>%.12f</td></tr>", value)));
      double[] expected = listed[which];
      String where = "n=" + n + " " + labels[which];
      for (int i = 0; i < n; i++) assertEquals(expected[i], x[i], POINT_TOLERANCE * (1 + Math.abs(x[i])), where + " coordinate " + i);
      assertEquals(expected[n], value, POINT_TOLERANCE * (1 + value), where);
      assertEquals(which, negativeCount(Newton.hessianSpectrum(f, x)), where + ": index");
      assertTrue(value > 1, where + ": not the global minimum, f = " + value);
    }
    assertTrue(f.value(saddle) > f.value(minimum), "n=" + n + ": the saddle is above the second minimum");
  }

  /**
   * Newton's method from 2000 seeded uniform starts in [-2.5, 2.5]^n finds no critical point
   * besides the listed ones (for n = 2, 3 only the global minimum): evidence that the lists are
   * complete near the box. Every listed point is reached; at least 200 starts must converge.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6, 7})
  void rosenbrockNewtonFromRandomStartsFindsOnlyTheListedPoints(int n) {
    Rosenbrock f = new Rosenbrock(n);
    List<KnownCriticalPoint> listed = f.knownCriticalPoints();
    int converged = 0;
    boolean[] reached = new boolean[listed.size()];
    SplittableRandom random = new SplittableRandom(n);
    for (int t = 0; t < 2000; t++) {
      double[] start = new double[n];
      for (int i = 0; i < n; i++) start[i] = -2.5 + 5 * random.nextDouble();
      double[] x;
      try {
        x = Newton.solve(f, start);
      } catch (AssertionError singular) {
        continue;
      }
      double[] g = new double[n];
      f.valueAndGradient(x, g);
      if (!(Newton.norm(g) < 1e-8)) continue;
      converged++;
      boolean known = false;
      for (int k = 0; k < listed.size(); k++) {
        double[] p = listed.get(k).point();
        double d = 0;
        for (int i = 0; i < n; i++) d += (p[i] - x[i]) * (p[i] - x[i]);
        if (Math.sqrt(d) < 1e-8) {
          known = true;
          reached[k] = true;
        }
      }
      assertTrue(known, "n=" + n + ": Newton from " + Arrays.toString(start) + " found an unlisted critical point " + Arrays.toString(x));
    }
    for (int k = 0; k < reached.length; k++) assertTrue(reached[k], "n=" + n + ": " + listed.get(k) + " reached");
    System.out.println("rosenbrock n=" + n + ": " + converged + " of 2000 random starts converged to listed critical points");
    assertTrue(converged >= 200, "n=" + n + ": only " + converged + " starts converged");
  }

  @Test
  void rastriginCoordinatesAreTheOneDimensionalCriticalPoints() {
    Rastrigin f = new Rastrigin(1);
    for (int h = -Rastrigin.MAX_HALF_STEPS; h <= Rastrigin.MAX_HALF_STEPS; h++) {
      double x = Rastrigin.criticalCoordinate(h);
      double[] g = new double[1];
      f.valueAndGradient(new double[] {x}, g);
      // g' = 2 x + 20 pi sin(2 pi x): rounding ~eps (|2x| + 20 pi * 2 pi |x| ulp) <= 1e-13
      assertEquals(0.0, g[0], 1e-12, "h=" + h);
      // within a quarter period of h/2, so each h gives a different point of the right kind
      assertTrue(Math.abs(x - 0.5 * h) < 0.25, "h=" + h + ": " + x);
      assertEquals(h % 2 == 0 ? 0 : 1, negativeCount(Newton.hessianSpectrum(f, new double[] {x})), "h=" + h);
      assertTrue(Math.abs(x) <= 5.12, "h=" + h + " inside the box");
    }
    assertEquals(0.0, Rastrigin.criticalCoordinate(0), 0.0);
  }

  static Stream<Arguments> functions() {
    List<TestFunction> fs = new ArrayList<>();
    fs.add(new MullerBrown());
    fs.add(new Himmelblau());
    for (int n = 2; n <= 8; n++) fs.add(new Rosenbrock(n));
    for (int n : new int[] {1, 2, 3, 7}) fs.add(new Rastrigin(n));
    fs.add(SpectrumQuadratic.axisAligned(new double[] {-1, 2, 3}, 0.5));
    fs.add(SpectrumQuadratic.rotated(new double[] {-1, 2, 3}, 0, 4));
    fs.add(SpectrumQuadratic.rotated(new double[] {-2, -1, 0, 0, 5}, -3, 9));
    fs.add(SpectrumQuadratic.rotated(new double[] {0, 1, 2}, 1, 11));
    fs.add(SpectrumQuadratic.rotated(new double[] {-1, -2}, 0, 12));
    return fs.stream().map(f -> Arguments.of(f.spec(), f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyListedPointIsCriticalWithItsValueAndIndex(String spec, TestFunction f) {
    List<KnownCriticalPoint> points = f.knownCriticalPoints();
    assertTrue(!points.isEmpty(), spec);
    double[] lower = f.lower();
    double[] upper = f.upper();
    int globals = 0;
    double worstGradient = 0;
    for (KnownCriticalPoint cp : points) {
      String where = spec + " " + cp;
      double[] x = cp.point();
      assertEquals(f.dimension(), x.length, where);
      double[] g = new double[x.length];
      double value = f.valueAndGradient(x, g);
      assertTrue(Newton.norm(g) <= GRADIENT_TOLERANCE, where + ": |grad| = " + Newton.norm(g));
      worstGradient = Math.max(worstGradient, Newton.norm(g));
      // the value literal is f(point) printed with 17 digits: it reads back exactly; 1e-13 for other JITs
      assertEquals(cp.value(), value, 1e-13 * Math.max(1, Math.abs(value)), where);
      double[] spectrum = Newton.hessianSpectrum(f, x);
      assertEquals(cp.index(), negativeCount(spectrum), where + ": Hessian spectrum " + Arrays.toString(spectrum));
      assertEquals(KnownCriticalPoint.kindOf(cp.index(), x.length), cp.kind(), where);
      for (int i = 0; i < x.length; i++) assertTrue(x[i] >= lower[i] && x[i] <= upper[i], where + ": outside the box in coordinate " + i);
      if (cp.global()) {
        globals++;
        assertEquals(f.globalReference().value(), cp.value(), 1e-13 * Math.max(1, Math.abs(cp.value())), where);
      } else if (cp.kind() == KnownCriticalPoint.Kind.MINIMUM && f.globalReference().isKnown()) {
        assertTrue(cp.value() > f.globalReference().value(), where + ": a local minimum above the global one");
      }
    }
    assertEquals(f.globalReference().isKnown(), globals > 0, spec + ": a known global minimum is listed");
    System.out.println(spec + ": " + points.size() + " listed critical points, largest |grad| " + worstGradient);
  }

  @Test
  void rastriginListsTheGridNearTheOriginOrTheAxes() {
    assertEquals(25, new Rastrigin(2).knownCriticalPoints().size());
    assertEquals(15625, new Rastrigin(6).knownCriticalPoints().size());
    List<KnownCriticalPoint> axes = new Rastrigin(7).knownCriticalPoints();
    assertEquals(4 * 7 + 1, axes.size());
    assertTrue(axes.get(0).global());
    // index 1 points are those with one odd h: 2 per axis
    assertEquals(14, axes.stream().filter(p -> p.index() == 1).count());
  }

  /**
   * Eigenvalues below -1e-9 max|mu| count as negative: rounding of the dense Hessian is ~1e-15
   * relative, and the smallest |nonzero eigenvalue| / max here is &gt; 1e-4.
   */
  private static int negativeCount(double[] spectrum) {
    double scale = Math.max(Math.abs(spectrum[0]), Math.abs(spectrum[spectrum.length - 1]));
    int negative = 0;
    for (double mu : spectrum) if (mu < -1e-9 * scale) negative++;
    return negative;
  }

  /** Shortest text that reads back to the same double. */
  private static String literal(double x) {
    return Double.toString(x);
  }

}

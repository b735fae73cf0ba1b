package basin.data.testfunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.data.GlobalReference;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestFunctionsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "muller-brown | muller-brown | 2",
      "Himmelblau | himmelblau | 2",
      "rosenbrock | rosenbrock:n=4 | 4",
      "rosenbrock:n=5 | rosenbrock:n=5 | 5",
      "rastrigin:n=3 | rastrigin:n=3 | 3",
      "quadratic | quadratic:spectrum=1;2,f0=0 | 2",
      "quadratic:spectrum=-1;2;3,seed=4,f0=0 | quadratic:spectrum=-1;2;3,seed=4,f0=0 | 3",
      "quadratic: f0=2.5 , spectrum=0.5;-1e-3 | quadratic:spectrum=0.5;-0.001,f0=2.5 | 2",
      "quadratic:seed=none,spectrum=3 | quadratic:spectrum=3,f0=0 | 1"})
  void parsesSpecsToTheirCanonicalForm(String spec, String canonical, int dimension) {
    TestFunction f = TestFunctions.parse(spec);
    assertEquals(canonical, f.spec());
    assertEquals(dimension, f.dimension());
    assertEquals(dimension, f.lower().length);
    assertEquals(dimension, f.upper().length);
    // the canonical spec gives the same function: equal values at a random point
    TestFunction again = TestFunctions.parse(f.spec());
    assertEquals(canonical, again.spec());
    double[] x = new double[dimension];
    SplittableRandom random = new SplittableRandom(dimension);
    for (int i = 0; i < dimension; i++) x[i] = random.nextDouble() - 0.5;
    assertEquals(f.value(x), again.value(x), 0.0, spec);
  }

  @Test
  void rotatedQuadraticIsAFunctionOfItsSeed() {
    SpectrumQuadratic a = (SpectrumQuadratic) TestFunctions.parse("quadratic:spectrum=-1;2;3,seed=4");
    SpectrumQuadratic b = (SpectrumQuadratic) TestFunctions.parse("quadratic:spectrum=-1;2;3,seed=4");
    SpectrumQuadratic c = (SpectrumQuadratic) TestFunctions.parse("quadratic:spectrum=-1;2;3,seed=5");
    assertArrayEquals(a.eigenvectors(), b.eigenvectors(), 0.0);
    assertFalse(java.util.Arrays.equals(a.eigenvectors(), c.eigenvectors()));
    // Q is orthogonal: Q^T Q = I to rounding (Gram-Schmidt twice: ~n eps)
    double[] q = a.eigenvectors();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) s += q[k * 3 + i] * q[k * 3 + j];
        assertEquals(i == j ? 1.0 : 0.0, s, 1e-15);
      }
    }
    assertEquals(GlobalReference.Basis.UNKNOWN, a.globalReference().basis());
    assertEquals(1, a.knownCriticalPoints().get(0).index());
    assertEquals(KnownCriticalPoint.Kind.SADDLE, a.knownCriticalPoints().get(0).kind());
  }

  /** Each bad spec and a fragment its one-line message must contain. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rosenbrok:n=5 | unknown name 'rosenbrok', expected one of muller-brown, himmelblau, rosenbrock, rastrigin, quadratic",
      "'' | unknown name '', expected one of muller-brown",
      "rosenbrock:n=x | parameter n='x', expected an integer in [2, 40000]",
      "rosenbrock:n=1 | parameter n='1', expected an integer in [2, 40000]",
      "rastrigin:n=0 | parameter n='0', expected an integer in [1, 40000]",
      "rastrigin:m=3 | unknown parameter 'm' for rastrigin, expected n",
      "rastrigin:3 | parameter '3' is not key=value, expected e.g. rastrigin:n=2",
      "muller-brown:n=2 | muller-brown takes no parameters, got 'n=2'",
      "quadratic:spectrum=1;x;3 | parameter spectrum, element 2 'x' is not a finite number",
      "quadratic:spectrum= | parameter spectrum='', expected 1 to 4096 finite numbers separated by ';'",
      "quadratic:spectrum=1;NaN | element 2 'NaN' is not a finite number",
      "quadratic:f0=inf | parameter f0='inf', expected a finite number",
      "quadratic:seed=1.5 | parameter seed='1.5', expected an integer"})
  void badSpecsGiveOneLineNamingTheValue(String spec, String fragment) {
    InputException e = assertThrows(InputException.class, () -> TestFunctions.parse(spec));
    assertTrue(e.getMessage().contains(fragment), "message: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("test function '" + spec.trim() + "'"), "message: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void listDescribesEveryName() {
    List<TestFunctions.Description> list = TestFunctions.list();
    assertEquals(TestFunctions.names(), list.stream().map(TestFunctions.Description::name).toList());
    for (TestFunctions.Description d : list) {
      assertFalse(d.criticalPoints().isEmpty(), d.name());
      assertFalse(d.render().contains("\n"), d.name());
      // the defaults parse
      TestFunction f = TestFunctions.parse(d.parameters().isEmpty() ? d.name() : d.name() + ":" + d.parameters());
      assertEquals(d.name(), f.name());
    }
    assertEquals("n=4", list.get(2).parameters());
    assertEquals("spectrum=1;2,seed=none,f0=0", list.get(4).parameters());
  }

  @ParameterizedTest
  @ValueSource(strings = {"muller-brown", "himmelblau", "rosenbrock:n=6", "rastrigin:n=2", "quadratic:spectrum=0;1,f0=-2"})
  void globalReferenceIsKnownWhenBoundedBelow(String spec) {
    TestFunction f = TestFunctions.parse(spec);
    assertTrue(f.globalReference().isKnown(), spec);
    assertEquals(GlobalReference.Basis.CLOSED_FORM, f.globalReference().basis());
    assertTrue(f.knownCriticalPoints().get(0).global(), spec + ": the global minimum is listed first");
    assertTrue(f.copy() == f, "stateless: copy() is this");
  }

  @Test
  void knownCriticalPointRejectsAnInconsistentKind() {
    assertThrows(IllegalArgumentException.class,
        () -> new KnownCriticalPoint(new double[] {0, 0}, 0, 1, KnownCriticalPoint.Kind.MINIMUM, false));
    assertThrows(IllegalArgumentException.class, () -> KnownCriticalPoint.of(new double[] {0, 0}, 0, 2, true));
    assertEquals(KnownCriticalPoint.Kind.MAXIMUM, KnownCriticalPoint.of(new double[] {0, 0}, 0, 2, false).kind());
    double[] p = {1, 2};
    KnownCriticalPoint cp = KnownCriticalPoint.of(p, 0, 0, true);
    p[0] = 7;
    assertEquals(1.0, cp.point()[0], 0.0, "copied in");
  }
}

package basin.landscape.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.Objective;
import basin.data.testfunctions.Himmelblau;
import basin.data.testfunctions.KnownCriticalPoint;
import basin.data.testfunctions.MullerBrown;
import basin.data.testfunctions.SpectrumQuadratic;
import basin.landscape.saddle.EscapeLab.Strategy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The escape lab on a quadratic saddle and on the known saddles of Muller-Brown and Himmelblau. */
class EscapeLabTest {

  static final double[] SPECTRUM = {-2, -0.5, 0.3, 0.5, 1, 1.2, 1.5, 2, 2.5, 3};

  /** A rotated 10-dimensional quadratic with index 2 at the origin, value 0. */
  static SpectrumQuadratic quadratic() {
    return SpectrumQuadratic.rotated(SPECTRUM, 0.0, 5);
  }

  static Stream<Arguments> saddles() {
    MullerBrown mb = new MullerBrown();
    Himmelblau hb = new Himmelblau();
    List<KnownCriticalPoint> m = mb.knownCriticalPoints();
    List<KnownCriticalPoint> h = hb.knownCriticalPoints();
    // radii well inside the basin geometry: Muller-Brown's minima are 0.3 to 1 apart, Himmelblau's about 3
    return Stream.of(
        Arguments.of("quadratic", quadratic(), new double[SPECTRUM.length], 0.1),
        Arguments.of("muller-brown saddle 3", mb, m.get(3).point(), 0.02),
        Arguments.of("muller-brown saddle 4", mb, m.get(4).point(), 0.02),
        Arguments.of("himmelblau saddle 4", hb, h.get(4).point(), 0.1),
        Arguments.of("himmelblau saddle 6", hb, h.get(6).point(), 0.1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("saddles")
  void newtonStaysAndTheCurvatureAwareStrategiesAlwaysEscape(String name, Objective f, double[] saddle, double radius) {
    EscapeLab lab = new EscapeLab(EscapeLab.Config.defaults().withRadius(radius).withBudget(600).withTrials(40).withSeed(3)
        .withPerturbation(1e-3 * radius));
    EscapeLab.Result r = lab.run(f, saddle, List.of(Strategy.values()), null);
    assertTrue(r.setup().lowestEigenvalue() < 0, name + ": " + r.setup());
    EscapeLab.Outcome newton = r.outcome(Strategy.NEWTON);
    assertEquals(0, newton.escapeRate().count(), name + ": pure Newton left the saddle: " + newton.escapeRate());
    for (Strategy s : List.of(Strategy.SADDLE_FREE_NEWTON, Strategy.EIGENVECTOR, Strategy.GRADIENT_DESCENT, Strategy.PERTURBED_GD,
        Strategy.SGD)) {
      EscapeLab.Outcome o = r.outcome(s);
      assertNull(o.skipped());
      assertEquals(40, o.escapeRate().count(), name + " " + s.label() + ": " + o.escapeRate());
      assertTrue(o.meanLossAtEscape() < r.setup().value(), name + " " + s.label());
      assertTrue(o.meanEvaluationsToEscape() > 0 && o.meanEvaluationsToEscape() <= 600, name + " " + s.label());
    }
    // the eigenvector step is the first evaluation after the Lanczos run
    assertEquals(r.setup().lanczosProducts() + 1, r.outcome(Strategy.EIGENVECTOR).medianEvaluationsToEscape(), 1.0, name);
  }

  /**
   * Each random-search try from a quadratic saddle succeeds with the exact p of the quadratic model,
   * independently, so a trial escapes within B tries with 1 - (1 - p)^B. 2000 trials with B = 3;
   * the test's interval is Wilson's at z = 3.29 (99.9 %), so a correct lab fails it for about one
   * seed in a thousand.
   */
  @Test
  void randomSearchMatchesTheAnalyticProbability() {
    double p = RandomDirectionEscape.quadraticSuccessProbability(SPECTRUM);
    double expected = EscapeLab.randomEscapeProbability(p, 3);
    EscapeLab.Result r = new EscapeLab(EscapeLab.Config.defaults().withBudget(3).withTrials(2000).withSeed(11))
        .run(quadratic(), new double[SPECTRUM.length], List.of(Strategy.RANDOM), null);
    EscapeLab.Outcome o = r.outcome(Strategy.RANDOM);
    Share wide = Share.wilson(o.escapeRate().count(), o.escapeRate().trials(), 3.290527);
    assertTrue(wide.lower() <= expected && expected <= wide.upper(), "expected " + expected + ", measured " + wide);
    // the number of tries to escape is geometric: mean 1 / p given escape within 3 tries is
    // (1 - 4 (1-p)^3 + 3 (1-p)^4) / (p (1 - (1-p)^3)); checked loosely (0.1 absolute, about 4 standard errors)
    double q = 1 - p;
    double mean = (1 - 4 * q * q * q + 3 * q * q * q * q) / (p * (1 - q * q * q));
    assertEquals(mean, o.meanEvaluationsToEscape(), 0.1);
  }

  @Test
  void randomEscapeProbabilityClosedForm() {
    assertEquals(1 - Math.pow(0.75, 3), EscapeLab.randomEscapeProbability(0.25, 3), 1e-15);
    assertEquals(0.0, EscapeLab.randomEscapeProbability(0.0, 100), 0.0);
  }

  @Test
  void sameConfigSameResult() {
    EscapeLab lab = new EscapeLab(EscapeLab.Config.defaults().withBudget(200).withTrials(5));
    EscapeLab.Result a = lab.run(quadratic(), new double[SPECTRUM.length], List.of(Strategy.values()), null);
    EscapeLab.Result b = lab.run(quadratic(), new double[SPECTRUM.length], List.of(Strategy.values()), null);
    assertEquals(a, b);
  }

  @Test
  void newtonIsSkippedAboveTheDenseLimit() {
    EscapeLab.Result r = new EscapeLab(EscapeLab.Config.defaults().withBudget(50).withTrials(2).withDenseLimit(5))
        .run(quadratic(), new double[SPECTRUM.length], List.of(Strategy.NEWTON, Strategy.GRADIENT_DESCENT), null);
    assertTrue(r.outcome(Strategy.NEWTON).skipped().contains("dense limit 5"));
    assertEquals(2, r.outcome(Strategy.GRADIENT_DESCENT).trials().size());
  }

  @Test
  void strategyListsParse() {
    assertEquals(List.of(Strategy.values()), Strategy.parseList("all"));
    assertEquals(List.of(Strategy.SADDLE_FREE_NEWTON, Strategy.RANDOM), Strategy.parseList("sfn, random"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategy.parseList("gd,newtn"));
    assertTrue(e.getMessage().contains("'newtn'") && e.getMessage().contains("eigenvector"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Strategy.parseList("gd,gd"));
  }
}

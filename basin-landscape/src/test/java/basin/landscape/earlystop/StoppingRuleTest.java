package basin.landscape.earlystop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prechelt's rules on hand-made curves whose stop points are worked out in the comments (exact:
 * the rules compare numbers, so no tolerance applies).
 */
class StoppingRuleTest {
  //                                     t: 0    1    2    3     4    5     6
  static final double[] VALIDATION = {1.0, 0.8, 0.9, 0.85, 0.7, 0.75, 0.77};
  static final double[] TRAIN = {10, 5, 4, 3.9, 3.8, 3.79, 3.785};

  @Test
  void generalizationLossFiresWhenTheValidationLossRisesAlphaPercentAboveItsBest() {
    // E_opt = 1, .8, .8, .8, .7, .7, .7; GL = 0, 0, 12.5, 6.25, 0, 7.14, 10
    assertEquals(2, StoppingRule.gl(10).firstStop(TRAIN, VALIDATION));
    assertEquals(-1, StoppingRule.gl(15).firstStop(TRAIN, VALIDATION));
    assertEquals(6, StoppingRule.gl(13).firstStop(TRAIN, new double[] {1.0, 0.8, 0.9, 0.85, 0.7, 0.75, 0.8}), "0.8 / 0.7 = +14.3%");
  }

  @Test
  void progressQuotientComparesGeneralizationLossWithTrainingProgressAtStripEnds() {
    // strip 2: at t = 2, GL 12.5 and P = 1000 ((5 + 4) / (2 * 4) - 1) = 125, ratio 0.1;
    // t = 4: GL 0; t = 6: GL 10 and P = 1000 ((3.79 + 3.785) / (2 * 3.785) - 1) = 0.6605, ratio 15.1
    assertEquals(2, StoppingRule.pq(0.05, 2).firstStop(TRAIN, VALIDATION));
    assertEquals(6, StoppingRule.pq(1, 2).firstStop(TRAIN, VALIDATION));
    assertEquals(-1, StoppingRule.pq(20, 2).firstStop(TRAIN, VALIDATION));
    assertEquals(125.0, StoppingRule.trainingProgress(TRAIN, 2, 2), 1e-12, "round-off of two divisions");
    assertEquals(Double.POSITIVE_INFINITY, StoppingRule.trainingProgress(new double[] {1, 0}, 1, 2), "a zero strip minimum: no progress quotient");
  }

  @Test
  void upCountsSuccessiveStripsOfRisingValidationLoss() {
    // strip 1: rises at t = 2, 5, 6 (t = 3 falls back): UP1 at 2, UP2 at 6 (5 and 6), UP3 never
    assertEquals(2, StoppingRule.up(1, 1).firstStop(TRAIN, VALIDATION));
    assertEquals(6, StoppingRule.up(2, 1).firstStop(TRAIN, VALIDATION));
    assertEquals(-1, StoppingRule.up(3, 1).firstStop(TRAIN, VALIDATION));
    // strip 2 compares t = 2, 4, 6 with t - 2: 0.9 > 1.0 no, 0.7 > 0.9 no, 0.77 > 0.7 yes
    assertEquals(6, StoppingRule.up(1, 2).firstStop(TRAIN, VALIDATION));
  }

  @Test
  void patienceCountsChecksSinceTheLastImprovement() {
    // best at t = 1 until t = 4: patience 2 fires at t = 3; patience 3 would fire at 4, but 4 improves
    assertEquals(3, StoppingRule.patience(2).firstStop(TRAIN, VALIDATION));
    assertEquals(-1, StoppingRule.patience(3).firstStop(TRAIN, VALIDATION));
    assertEquals(2, StoppingRule.patience(2).firstStop(new double[3], new double[] {1, 1, 1}), "a tie is no improvement");
  }

  @Test
  void budgetStopsAtItsCheckWhateverTheLosses() {
    assertEquals(2, StoppingRule.budget(2).firstStop(TRAIN, VALIDATION));
    assertEquals(-1, StoppingRule.budget(TRAIN.length).firstStop(TRAIN, VALIDATION), "a budget beyond the run never fires");
    assertEquals(3, StoppingRule.budget(3).firstStop(new double[5], new double[] {5, 4, 3, 2, 1}), "even while the loss still falls");
  }

  @Test
  void nanNeitherFiresARuleNorBecomesTheBest() {
    double[] v = {1.0, Double.NaN, 1.2, 0.9};
    assertEquals(2, StoppingRule.gl(5).firstStop(new double[4], v));
    assertEquals(-1, StoppingRule.gl(5).firstStop(new double[2], new double[] {Double.NaN, Double.NaN}));
  }

  @Test
  void textFormsParseAndBadOnesNameWhatWasExpected() {
    assertEquals(StoppingRule.pq(0.5, 5), StoppingRule.parse("pq:0.5"));
    assertEquals(StoppingRule.up(3, 2), StoppingRule.parse(" UP:3:2 "));
    assertEquals(List.of(StoppingRule.gl(5), StoppingRule.patience(10)), StoppingRule.parseList("gl:5,patience:10"));
    assertEquals(StoppingRule.budget(20), StoppingRule.parse("budget:20"));
    assertEquals("budget:20", StoppingRule.budget(20).label());
    for (StoppingRule r : StoppingRule.defaults()) assertEquals(r, StoppingRule.parse(r.label()), r.label());
    for (String bad : new String[] {"gl", "gl:x", "gl:-1", "gl:NaN", "gl:5:3", "up:2.5", "patience:0", "pq:1:0", "stop:3", "up:2:x", "budget:2.5", "budget:3:2", "budget:0"}) {
      InputException e = assertThrows(InputException.class, () -> StoppingRule.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("stopping rule '" + bad + "'"), e.getMessage());
    }
    assertThrows(InputException.class, () -> StoppingRule.parseList(" , "));
  }
}

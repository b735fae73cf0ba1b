package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.MlpObjective;
import basin.data.closedform.LinearAutoencoderCriticalPoint;
import basin.data.closedform.LinearAutoencoderObjective;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.CriticalPointClass;
import basin.landscape.symmetry.MlpSymmetry;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler on problems whose landscape is known in closed form. */
@org.junit.jupiter.api.Tag("slow")
class StudyOracleTest {

  /**
   * Linear autoencoder 4-2-4 (Baldi and Hornik 1989: no spurious minima). Every start that the
   * certifier calls a minimum has the closed-form global loss (1e-9 relative: L-BFGS + Newton reach
   * gradient norms ~1e-12), and all of them are one minimum modulo GL(2).
   */
  @Test
  void linearAutoencoderHasOnlyTheGlobalMinimum(@TempDir Path dir) {
    StudySpec spec = StudyTestSupport.spec("autoencoder:dim=4,bottleneck=2,n=200", List.of(2), "linear", false, "mse", 0.0,
        List.of("lbfgs", "newton"), 24, 7);
    Path db = dir.resolve("ae.db");
    StudyRunner.RunStats stats = StudyRunner.run(spec, db, 2, null, Map.of());
    double reference = new StudyProblem(spec).globalReference().value();
    try (Catalog c = Catalog.open(db)) {
      int minima = 0;
      for (StartRecord s : c.starts(false)) {
        if (MinimaClustering.isMinimum(s)) {
          minima++;
          assertEquals(reference, s.trainLoss(), 1e-9 * reference, "start " + s.startIndex());
        }
      }
      assertTrue(minima >= 20, minima + " of 24 starts certified as minima");
      List<MinimumRecord> distinct = c.minima();
      assertEquals(1, distinct.size(), "distinct minima modulo GL(2)");
      StudySummary summary = StudySummary.of(c);
      assertTrue(summary.reference().exact());
      assertEquals(1.0, summary.nearGlobal().share(), 0.0);
    }
    assertEquals(1, stats.distinctMinima());
  }

  /**
   * Every critical point of the same autoencoder, built from the closed form and certified as the
   * sampler certifies its end points: the class and the number of negative Hessian eigenvalues are
   * those the closed form predicts (index #{(i in I, l not in I): lambda_l > lambda_i} + (p-r)(n-r)).
   */
  @Test
  void certifierAgreesWithTheClosedFormAtEveryCriticalPoint() {
    StudySpec spec = StudyTestSupport.spec("autoencoder:dim=4,bottleneck=2,n=200", List.of(2), "linear", false, "mse", 0.0,
        List.of("lbfgs"), 1, 7);
    StudyProblem problem = new StudyProblem(spec);
    MlpObjective f = problem.trainObjective();
    int n = 4;
    int count = problem.problem().train().size();
    double[] x = problem.problem().train().inputs();
    double[] s = new double[n * n];
    for (int i = 0; i < count; i++) {
      for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) s[a * n + b] += x[i * n + a] * x[i * n + b] / count / n;
    }
    LinearAutoencoderObjective closed = new LinearAutoencoderObjective(s, n, 2);
    List<LinearAutoencoderCriticalPoint> points = closed.criticalPoints();
    assertTrue(points.size() > 5);
    for (LinearAutoencoderCriticalPoint cp : points) {
      double[] w = cp.parameters();
      assertEquals(cp.loss(), f.value(w), 1e-12 * Math.max(1, cp.loss()), "the MLP objective is the closed form");
      Certificate cert = problem.certifier().certify(f, MlpSymmetry.of(f), w, null);
      assertEquals(cp.negativeEigenvalues(), cert.negativeCount(), cp.toString());
      CriticalPointClass expected = cp.negativeEigenvalues() > 0 ? CriticalPointClass.SADDLE : CriticalPointClass.STRICT_MINIMUM;
      if (expected == CriticalPointClass.STRICT_MINIMUM) {
        assertTrue(cert.isMinimum(), cp + " -> " + cert);
      } else {
        assertEquals(expected, cert.classification(), cp + " -> " + cert);
      }
    }
  }

  /**
   * A realizable teacher-student problem (student = teacher architecture, no L2): the global
   * reference is exact (0), every start ending below 1e-10 counts as global, and any other minimum is
   * certified with a non-negative spectrum after symmetry directions are set aside.
   */
  @Test
  void teacherStudentReferenceIsExact(@TempDir Path dir) {
    StudySpec spec = StudyTestSupport.spec("teacher:inputs=3,hidden=2,outputs=1,activation=tanh,n=80,test=40", List.of(2), "tanh", true,
        "mse", 0.0, List.of("lbfgs:gtol=1e-10", "newton"), 16, 3);
    Path db = dir.resolve("ts.db");
    StudyRunner.run(spec, db, 2, null, Map.of());
    try (Catalog c = Catalog.open(db)) {
      StudySummary summary = StudySummary.of(c);
      assertTrue(summary.reference().exact(), summary.reference().detail());
      assertEquals(0.0, summary.reference().value(), 0.0);
      int global = 0;
      for (StartRecord s : c.starts(false)) {
        if (s.trainLoss() < 1e-10) global++;
        if (MinimaClustering.isMinimum(s) && s.trainLoss() >= 1e-10) {
          assertTrue(s.smallestEigenvalue() >= -1e-6 * Math.max(1, s.largestEigenvalue()), "spurious minimum certified: " + s);
        }
      }
      assertTrue(global >= 1, "at least one start finds the teacher");
      double share = summary.nearGlobal().share();
      assertTrue(share > 0, "share within epsilon");
    }
  }
}

package basin.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.core.Objective;
import basin.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles and surfaces on the quadratic 1/2 x^T Q diag(1, 4, 9) Q^T x at its minimum 0, where
 * f(t d) = t^2 d^T A d / 2 exactly: along the top eigenvectors 9 a^2 / 2 + 4 b^2 / 2.
 */
class SurfaceAnalysisTest {
  @TempDir Path dir;

  final StudySubject quadratic = AnalysisPoint.subjectOfObjective("quadratic:spectrum=1;4;9,seed=3");
  final AnalysisPoint origin = new AnalysisPoint(quadratic, new double[3], "origin");

  @Test
  void eigenvectorPlaneGivesTheTwoLargestCurvatures() {
    SurfaceAnalysis.Result r = SurfaceAnalysis.run(origin, new SurfaceAnalysis.Options("eigen", 2, 1, 5, 2.0, false, 0.1, 1L));
    double[] t = r.trainSurface().a();
    assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, t, 0.0);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        double expected = 0.5 * (9 * t[i] * t[i] + 4 * t[j] * t[j]);
        // Lanczos residual 1e-10 and round-off of a 3 x 3 product: 1e-9 relative
        assertEquals(expected, r.trainSurface().values()[i * 5 + j], 1e-9 * Math.max(1, expected), "a = " + t[i] + ", b = " + t[j]);
      }
    }
  }

  @Test
  void profilesAreTheObjectiveAlongEachDirectionAndTheBandBracketsTheMedian() {
    SurfaceAnalysis.Result r = SurfaceAnalysis.run(origin, new SurfaceAnalysis.Options("random", 1, 7, 9, 1.0, false, 0.25, 4L));
    Objective f = quadratic.newEvaluator().train();
    double[] d = r.directionsUsed();
    double[] t = r.train().t();
    for (int k = 0; k < 7; k++) {
      double curvature = 0;
      double[] w = new double[3];
      for (int i = 0; i < t.length; i++) {
        for (int c = 0; c < 3; c++) w[c] = t[i] * d[3 * k + c];
        assertEquals(f.value(w), r.train().values()[k * t.length + i], 0.0, "the same evaluation");
      }
      for (int c = 0; c < 3; c++) w[c] = d[3 * k + c];
      curvature = 2 * f.value(w);
      assertTrue(curvature >= 1 - 1e-12 && curvature <= 9 + 1e-12, "a unit direction's curvature lies in [1, 9]: " + curvature);
    }
    for (int i = 0; i < t.length; i++) {
      assertTrue(r.train().lower()[i] <= r.train().median()[i] && r.train().median()[i] <= r.train().upper()[i]);
    }
    assertEquals(0.0, r.train().median()[4], 0.0, "t = 0 is the minimum");
  }

  @Test
  void exportsLoadAsTheyWereComputedAndDirectionFilesAreRead() throws Exception {
    SurfaceAnalysis.Result r = SurfaceAnalysis.run(origin, new SurfaceAnalysis.Options("random", 1, 3, 5, 1.0, false, 0.1, 2L));
    List<Path> files = SurfaceAnalysis.export(r, dir.resolve("p"));
    assertEquals(List.of("p-grid.npy", "p-directions.npy", "p-train.npy", "p-profile.csv"), files.stream().map(x -> x.getFileName().toString()).toList());
    assertArrayEquals(r.train().values(), Npy.read(dir.resolve("p-train.npy"), 3, 5).data(), 0.0);
    assertEquals(6, Files.readAllLines(dir.resolve("p-profile.csv")).size(), "header and 5 grid points");
    // the exported directions, read back as a direction file, give the same profiles
    SurfaceAnalysis.Result again = SurfaceAnalysis.run(origin,
        new SurfaceAnalysis.Options(dir.resolve("p-directions.npy").toString(), 1, 1, 5, 1.0, false, 0.1, 9L));
    assertArrayEquals(r.train().values(), again.train().values(), 0.0);
  }

  @Test
  void threadsNeverChangeAValueOfANetworksProfilesOrSurface() {
    StudySpec spec = new StudySpec("s", null, "spirals:n=40,noise=0.2", new StudySpec.PreparationSpec(null, null, null, null, null, 0.25, true, 1L),
        new StudySpec.ModelSpec(List.of(6), "tanh", true, "cross-entropy"), 1e-3, "glorot", List.of("lbfgs"), 1, 1L, null).withDefaults();
    StudyProblem problem = new StudyProblem(spec);
    AnalysisPoint x = new AnalysisPoint(problem, problem.initialPoint(3L), "start");
    SurfaceAnalysis.Options one = new SurfaceAnalysis.Options("filter", 1, 9, 7, 0.5, true, 0.1, 5L);
    SurfaceAnalysis.Result a = SurfaceAnalysis.run(x, one, 1);
    SurfaceAnalysis.Result b = SurfaceAnalysis.run(x, one, 3);
    assertArrayEquals(a.train().values(), b.train().values(), 0.0);
    assertArrayEquals(a.test().values(), b.test().values(), 0.0);
    assertArrayEquals(a.test().upper(), b.test().upper(), 0.0);
    // and the values are LossProfiles' own, evaluated sequentially
    assertArrayEquals(basin.landscape.flatness.LossProfiles.oneDimensional(problem.trainObjective(), x.parameters(), a.directionsUsed(), 9,
        a.train().t(), 0.1, 0.9).values(), a.train().values(), 0.0);
    SurfaceAnalysis.Options two = new SurfaceAnalysis.Options("random", 2, 1, 5, 0.5, true, 0.1, 5L);
    SurfaceAnalysis.Result c = SurfaceAnalysis.run(x, two, 1);
    SurfaceAnalysis.Result e = SurfaceAnalysis.run(x, two, 2);
    assertArrayEquals(c.trainSurface().values(), e.trainSurface().values(), 0.0);
    assertArrayEquals(c.testSurface().values(), e.testSurface().values(), 0.0);
    double[] d = c.directionsUsed();
    int p = x.parameters().length;
    assertArrayEquals(basin.landscape.flatness.LossProfiles.surface(problem.trainObjective(), x.parameters(), java.util.Arrays.copyOf(d, p),
        java.util.Arrays.copyOfRange(d, p, 2 * p), c.trainSurface().a(), c.trainSurface().b()).values(), c.trainSurface().values(), 0.0);
  }

  @Test
  void badDirectionsAreRefusedWithTheirName() throws Exception {
    InputException e = assertThrows(InputException.class, () -> SurfaceAnalysis.run(origin, new SurfaceAnalysis.Options("filter", 1, 2, 5, 1, false, 0.1, 1)));
    assertTrue(e.getMessage().contains("needs a network"), e.getMessage());
    Npy.write(dir.resolve("four.npy"), new double[4], 4);
    e = assertThrows(InputException.class, () -> SurfaceAnalysis.run(origin, new SurfaceAnalysis.Options(dir.resolve("four.npy").toString(), 1, 2, 5, 1, false, 0.1, 1)));
    assertTrue(e.getMessage().contains("shape (4,), expected (k, 3) or (3,)"), e.getMessage());
    e = assertThrows(InputException.class, () -> SurfaceAnalysis.run(origin, new SurfaceAnalysis.Options("random", 1, 2, 5, 1, true, 0.1, 1)));
    assertTrue(e.getMessage().contains("no test set"), e.getMessage());
    assertThrows(InputException.class, () -> new SurfaceAnalysis.Options("random", 3, 2, 5, 1, false, 0.1, 1));
  }
}

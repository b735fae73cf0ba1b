package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyPlanTest {

  static final String SPEC = String.join("\n",
      "name: p",
      "data: \"spirals:n=60\"",
      "preparation: {train_size: 40}",
      "model: {hidden: [5, 5], activation: tanh}",
      "l2: 0.001",
      "starts: 50",
      "");

  @Test
  void aPlainSpecIsAStudyOfItsMainConfigurationWithoutSweeps(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, SPEC);
    StudyPlan p = StudyPlan.read(f);
    assertEquals(StudySpec.read(f), p.main());
    assertEquals(50, p.block().sweepStarts());
    assertTrue(p.block().baseline() && p.block().flatness());
    assertEquals(20, p.block().saddles());
    for (StudyPlan.Axis a : StudyPlan.Axis.values()) assertTrue(p.scaling(a).isEmpty());
    assertTrue(p.regularization().isEmpty());
    assertEquals(1, p.baselines().size(), "the baseline at the main L2 strength");
  }

  @Test
  void sweepsVaryOneFieldOfTheMainSpec(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, SPEC + "study: {sweep_starts: 7, width: [2, 9], depth: [1, 3], train_size: [20, 80], l2: [0.0001, 0.001]}\n");
    StudyPlan p = StudyPlan.read(f);
    List<StudyPlan.Variant> w = p.scaling(StudyPlan.Axis.WIDTH);
    assertEquals(List.of(2, 2), w.get(0).spec().model().hidden());
    assertEquals(List.of(9, 9), w.get(1).spec().model().hidden());
    assertEquals(7, w.get(1).spec().starts());
    assertEquals("sweeps/width-9.db", w.get(1).catalogName());
    List<StudyPlan.Variant> d = p.scaling(StudyPlan.Axis.DEPTH);
    assertEquals(List.of(5), d.get(0).spec().model().hidden());
    assertEquals(List.of(5, 5, 5), d.get(1).spec().model().hidden());
    assertEquals(80, p.scaling(StudyPlan.Axis.TRAIN_SIZE).get(1).spec().preparation().trainSize());
    List<StudyPlan.Variant> r = p.regularization();
    assertEquals(0.0001, r.get(0).spec().l2());
    assertEquals("sweeps/l2-0.0001.db", r.get(0).catalogName());
    // baselines: the main L2 (0.001) once, then the swept strengths not yet in the list
    List<StudyPlan.Variant> b = p.baselines();
    assertEquals(List.of(0.001, 0.0001), b.stream().map(StudyPlan.Variant::value).toList());
    assertTrue(b.get(0).spec().model().hidden().isEmpty());
    assertEquals(StudyPlan.BASELINE_STARTS, b.get(0).spec().starts());
    // a variant changes nothing else of the main spec
    StudySpec m = p.main();
    StudySpec v = w.get(0).spec();
    assertEquals(m.data(), v.data());
    assertEquals(m.seed(), v.seed());
    assertEquals(m.optimizer(), v.optimizer());
    assertEquals(m.tolerances(), v.tolerances());
  }

  @Test
  void badBlocksNameTheFileAndField(@TempDir Path dir) throws Exception {
    String[][] cases = {
        {"study: {width: [0]}", "study.width"},
        {"study: {width: [2, 2]}", "distinct"},
        {"study: {train_size: [1]}", "study.train_size"},
        {"study: {l2: [-0.5]}", "study.l2"},
        {"study: {saddles: -1}", "study.saddles"},
        {"study: {sweep_starts: 0}", "study.sweep_starts"},
        {"study: {unknown: 1}", "study.unknown"},
        {"study: {baseline: \"yes\"}", "study.baseline"},
        {"stuff: 1", "stuff"},
    };
    for (String[] c : cases) {
      Path f = dir.resolve("bad.yaml");
      Files.writeString(f, SPEC + c[0] + "\n");
      InputException e = assertThrows(InputException.class, () -> StudyPlan.read(f), c[0]);
      assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    Path f = dir.resolve("mb.yaml");
    Files.writeString(f, "name: mb\nobjective: muller-brown\nstarts: 5\nstudy: {width: [2]}\n");
    InputException e = assertThrows(InputException.class, () -> StudyPlan.read(f));
    assertTrue(e.getMessage().contains("study.width applies to objective mlp only"), e.getMessage());
  }

  @Test
  void builtInStudiesParse() {
    StudyPlan d = StudyPlan.builtin(StudyPlan.DEFAULT);
    StudyPlan q = StudyPlan.builtin(StudyPlan.QUICK);
    assertEquals("mnist", d.main().data());
    assertEquals("mnist", q.main().data());
    assertFalse(d.scaling(StudyPlan.Axis.WIDTH).isEmpty());
    assertFalse(q.regularization().isEmpty());
    assertTrue(StudyPlan.builtinText(StudyPlan.QUICK).contains("study:"));
    assertThrows(InputException.class, () -> StudyPlan.builtin("nope"));
  }
}

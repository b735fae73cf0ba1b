package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.store.Catalog;
import basin.store.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch sharpness on a small noisy-spirals study: one thread, two threads and a resumed run give the
 * same rows bit for bit (wall times aside); the rows say what the options asked; bad batch sizes
 * and optimizers are refused with one line.
 */
class BatchSharpnessRunnerTest {
  @TempDir Path dir;

  static final StudySpec SPEC = new StudySpec("bs", null, "spirals:n=60,noise=0.3",
      new StudySpec.PreparationSpec(null, null, null, null, null, 0.25, true, 3L),
      new StudySpec.ModelSpec(List.of(6), "tanh", true, "cross-entropy"), 1e-4, "glorot",
      List.of("lbfgs:iterations=200", "newton"), 4, 5L, null).withDefaults();

  Path catalog(String name) {
    Path file = dir.resolve(name);
    StudyRunner.run(SPEC.withStarts(2), file, 1, null, Map.of());
    return file;
  }

  static List<Row> rows(Path file) {
    try (Catalog c = Catalog.open(file)) {
      return c.rows(BatchSharpnessRunner.TABLE);
    }
  }

  @Test
  void threadsAndResumptionNeverChangeARow() {
    BatchSharpnessRunner.Options options = BatchSharpnessRunner.Options.defaults().withStarts(3).withEpochs(5)
        .withBatchSizes(BatchSharpnessRunner.BatchSize.parseList("8,full")).withPolish(true);
    Path one = catalog("one.db");
    Path two = catalog("two.db");
    Path resumed = catalog("resumed.db");
    assertEquals(3, BatchSharpnessRunner.run(one, null, options, null).ran());
    BatchSharpnessRunner.run(two, null, options.withThreads(2), null);
    BatchSharpnessRunner.run(resumed, null, options.withStarts(1), null);
    assertEquals(1, BatchSharpnessRunner.run(resumed, null, options, null).alreadyDone());
    List<String> a = EarlyStoppingRunnerTest.bits(rows(one));
    assertEquals(a, EarlyStoppingRunnerTest.bits(rows(two)), "1 vs 2 threads");
    assertEquals(a, EarlyStoppingRunnerTest.bits(rows(resumed)), "resumed");

    List<Row> rows = rows(one);
    assertEquals(6, rows.size());
    int examples = (int) rows.get(1).getLong("batch_size");
    for (Row r : rows) {
      boolean small = r.getLong("batch") == 0;
      assertEquals(small ? 8 : examples, r.getLong("batch_size"));
      assertEquals(5L * (small ? (examples + 7) / 8 : 1), r.getLong("iterations"), "5 epochs of ceil(n / b) steps");
      assertEquals("MAX_ITERATIONS", r.getText("status"), "every batch size runs all its epochs");
      assertTrue(r.getDouble("lambda_max") > 0 && r.getDouble("epsilon_sharpness") >= 0, r.toString());
      assertTrue(!r.isNull("minimum_class") && !r.isNull("same_minimum_as"), r.toString());
    }

    InputException e = assertThrows(InputException.class, () -> BatchSharpnessRunner.run(one, null, options.withEpochs(6), null));
    assertTrue(e.getMessage().contains("epochs=6") && e.getMessage().contains("--replace"), e.getMessage());
  }

  @Test
  void badInputIsRefused() {
    Path file = catalog("bad.db");
    InputException e = assertThrows(InputException.class, () -> BatchSharpnessRunner.run(file, null,
        BatchSharpnessRunner.Options.defaults().withBatchSizes(BatchSharpnessRunner.BatchSize.parseList("5000")), null));
    assertTrue(e.getMessage().contains("5000 is larger than the training set of"), e.getMessage());
    e = assertThrows(InputException.class, () -> BatchSharpnessRunner.BatchSize.parseList("0,full"));
    assertTrue(e.getMessage().contains("0 is not a batch size"), e.getMessage());
    e = assertThrows(InputException.class, () -> BatchSharpnessRunner.BatchSize.parseList("16,16"));
    assertTrue(e.getMessage().contains("16 is given twice"), e.getMessage());
    e = assertThrows(InputException.class, () -> BatchSharpnessRunner.Options.defaults().withOptimizer("adam:lr=0.01"));
    assertTrue(e.getMessage().contains("expected an sgd stage"), e.getMessage());
    e = assertThrows(InputException.class, () -> BatchSharpnessRunner.Options.defaults().withOptimizer("sgd:lr=0.1,batch=4"));
    assertTrue(e.getMessage().contains("leave out batch="), e.getMessage());
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.StartRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, defect 4: basin sample records the training objective (with its L2 term) and the
 * training data loss (without it) separately, so that test_loss - train_data_loss is a
 * generalization gap. With L2 weight lambda, objective - train_data_loss = (lambda/2) ||w||^2; both
 * sides are computed in float64 from the same w, so they agree to a few ULPs of the objective
 * (tolerance 1e-12 relative: the sum over 60 examples and 22 parameters rounds at ~1e-15).
 */
class CatalogLossesCliTest {
  static final String SPEC = String.join("\n",
      "name: losses",
      "data: \"spirals:n=60,noise=0.05\"",
      "model: {hidden: [4], activation: tanh, loss: cross-entropy}",
      "l2: L2",
      "optimizer: [lbfgs, newton]",
      "starts: 4",
      "seed: 3",
      "");

  @TempDir Path dir;

  List<StartRecord> sample(String l2) throws Exception {
    Path spec = dir.resolve("l2-" + l2 + ".yaml");
    Files.writeString(spec, SPEC.replace("L2", l2));
    Path db = dir.resolve("l2-" + l2 + ".db");
    CliTest.Run r = CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet", "--threads", "1");
    assertEquals(0, r.code(), r.err());
    try (Catalog c = Catalog.open(db)) {
      for (MinimumRecord m : c.minima()) {
        StartRecord representative = c.starts(false).get(m.representativeStart());
        assertEquals(representative.losses(), m.losses(), "a minimum's losses are its representative's");
        assertEquals(representative.parameterNorm(), m.parameterNorm(), 0.0);
      }
      return c.starts(true);
    }
  }

  @Test
  void dataLossIsTheObjectiveWithoutTheL2Term() throws Exception {
    double lambda = 0.01;
    for (StartRecord s : sample(Double.toString(lambda))) {
      StartRecord.Losses l = s.losses();
      double w2 = s.parameterNorm() * s.parameterNorm();
      assertEquals(StartRecord.norm(s.parameters()), s.parameterNorm(), 0.0, "stored ||w|| of start " + s.startIndex());
      assertTrue(l.objective() > l.trainDataLoss(), "start " + s.startIndex() + ": " + l);
      assertEquals(0.5 * lambda * w2, l.objective() - l.trainDataLoss(), 1e-12 * Math.max(1, l.objective()),
          "objective - train_data_loss = (lambda/2)||w||^2 for start " + s.startIndex());
    }
  }

  @Test
  void withoutL2TheyAreTheSameNumber() throws Exception {
    for (StartRecord s : sample("0.0")) {
      assertEquals(Double.doubleToRawLongBits(s.losses().objective()), Double.doubleToRawLongBits(s.losses().trainDataLoss()),
          "start " + s.startIndex());
    }
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.MinimumRecord;
import basin.store.Row;
import basin.study.PathRunner;
import basin.study.TopologyRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (found by trying {@code basin path} on a ReLU network with L2): alignment rescaled the
 * second minimum's ReLU units to the first one's scales, which is a symmetry of the bare loss but not
 * of the L2 term, so the aligned "copy" of minimum b had a higher loss than b (0.0325 against
 * 0.0294) and the path did not end at b; {@code basin topology} drew its lines between the canonical
 * forms, which are rescaled too. Through the real CLI in a process: every path and every barrier
 * must start and end at its minima's own training loss.
 */
@Tag("slow")
class AlignedPathsCliTest {

  /** A 4-6-1 ReLU student of a 4-3-1 teacher with L2 0.01: several distinct minima of equal loss. */
  static final String SPEC = String.join("\n",
      "name: relu-l2",
      "data: \"teacher:inputs=4,hidden=3,outputs=1,activation=relu,n=200,test=200\"",
      "model:",
      "  hidden: [6]",
      "  activation: relu",
      "  bias: true",
      "  loss: mse",
      "l2: 0.01",
      "init: he",
      "optimizer: [\"lbfgs:iterations=1000\"]",
      "starts: 30",
      "seed: 1",
      "");

  /** Relative agreement of a path end's loss with the stored minimum's: both are the same point's loss up to rounding. */
  static final double SAME_POINT = 1e-12;

  @Test
  void pathsAndBarriersEndAtTheMinimaUnderL2(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("relu-l2.yaml");
    Files.writeString(spec, SPEC);
    Path db = dir.resolve("r.db");
    ProcessCli.Result sample = ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet");
    assertEquals(0, sample.code(), sample.err());
    Map<Integer, Double> loss = new HashMap<>();
    try (Catalog c = Catalog.open(db)) {
      for (MinimumRecord m : c.minima()) loss.put(m.minimumId(), m.trainLoss());
    }
    assertTrue(loss.size() >= 3, "the study has several minima: " + loss);

    for (String align : new String[] {"weight", "activation"}) {
      ProcessCli.Result path = ProcessCli.run(null, "path", db.toString(), "--a", "0", "--b", "1", "--method", "line", "--align", align, "--quiet");
      assertEquals(0, path.code(), path.err());
    }
    try (Catalog c = Catalog.open(db)) {
      List<Row> rows = c.rows(PathRunner.TABLE);
      assertEquals(2, rows.size());
      for (Row r : rows) {
        assertEquals(loss.get(0), r.getDouble("loss_a"), SAME_POINT * loss.get(0), r.getText("variant"));
        assertEquals(loss.get(1), r.getDouble("loss_b"), SAME_POINT * loss.get(1), r.getText("variant") + ": the aligned copy is minimum 1");
      }
    }

    ProcessCli.Result topology = ProcessCli.run(null, "topology", db.toString(), "--quiet");
    assertEquals(0, topology.code(), topology.err());
    assertTrue(topology.out().contains("paths      straight line between the minima after aligning the hidden units by weight matching"),
        topology.out());
    try (Catalog c = Catalog.open(db)) {
      List<Row> rows = c.rows(TopologyRunner.TABLE);
      assertTrue(rows.size() >= 3, rows.size() + " barriers");
      for (Row r : rows) {
        int a = (int) r.getLong("minimum_a");
        int b = (int) r.getLong("minimum_b");
        assertEquals("weight-aligned-line", r.getText("method"));
        assertEquals(loss.get(a), r.getDouble("loss_a"), SAME_POINT * loss.get(a), a + "-" + b);
        assertEquals(loss.get(b), r.getDouble("loss_b"), SAME_POINT * loss.get(b), a + "-" + b);
      }
    }

    // another kind of path on the same catalog: one line naming the option, exit 2, nothing lost
    ProcessCli.Result other = ProcessCli.run(null, "topology", db.toString(), "--align", "none", "--quiet");
    assertEquals(2, other.code(), other.err());
    assertEquals(1, other.err().strip().lines().count(), other.err());
    assertTrue(other.err().contains("measured along weight-aligned-line paths, this run would use parameter-line; add --replace"), other.err());
    ProcessCli.Result replaced = ProcessCli.run(null, "topology", db.toString(), "--align", "none", "--replace", "--quiet");
    assertEquals(0, replaced.code(), replaced.err());
    try (Catalog c = Catalog.open(db)) {
      for (Row r : c.rows(TopologyRunner.TABLE)) assertEquals("parameter-line", r.getText("method"));
    }
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code basin topology} and {@code basin hop} through the command line (in-process): outputs, exports, bad input. */
class TopologyCliTest {

  /** 60 starts of the population ReLU loss with k = 6: the global minimum and one spurious minimum. */
  static final String SPEC = String.join("\n",
      "name: relu6",
      "objective: \"relu-population:k=6,teacher=identity\"",
      "l2: 0",
      "optimizer: [lbfgs, newton]",
      "starts: 60",
      "seed: 1",
      "");

  @Test
  void topologyAndHopRunAndExport(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("relu6.yaml");
    Files.writeString(spec, SPEC);
    Path db = dir.resolve("relu6.db");
    // hop given a spec samples it first, then hops from the lowest minimum
    CliTest.Run hop = CliTest.run("hop", spec.toString(), "--catalog", db.toString(), "--hops", "3", "--step", "0.1", "--quiet");
    assertEquals(0, hop.code(), hop.err());
    assertTrue(hop.out().contains("sampled    60 starts"), hop.out());
    assertTrue(hop.out().contains("hopping    3 hops from minimum 0"), hop.out());
    assertTrue(hop.out().contains("verdict    basin hopping did not improve on the best sampled minimum"), hop.out());
    assertTrue(hop.out().contains("reference  global minimum 0.000000000 (exact)"), hop.out());
    // more hops with the same settings continue the chain
    CliTest.Run more = CliTest.run("hop", db.toString(), "--hops", "4", "--step", "0.1", "--quiet");
    assertEquals(0, more.code(), more.err());
    assertTrue(more.out().contains("4 hops from minimum 0 (loss 9.159339953e-16): 1 run now, 3 replayed"), more.out());
    CliTest.Run other = CliTest.run("hop", db.toString(), "--hops", "4", "--step", "0.2", "--quiet");
    assertEquals(2, other.code());
    assertTrue(other.err().startsWith("basin hop: catalog ") && other.err().contains("(step 0.1 there, 0.2 now)"), other.err());
    assertEquals(1, other.err().strip().lines().count(), other.err());

    Path svg = dir.resolve("g.svg");
    Path json = dir.resolve("g.json");
    CliTest.Run r = CliTest.run("topology", db.toString(), "--svg", svg.toString(), "--json", json.toString(), "--csv", dir.resolve("g").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("topology   2 minima, 1 nearest-neighbour pairs (k = 5): 1 measured, 0 already stored"), r.out());
    assertTrue(r.out().contains("graph      1 connected component, 1 joins"), r.out());
    assertTrue(Files.readString(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, root.at("/minima").asInt());
    assertEquals(1, root.at("/spanning_tree").size());
    assertTrue(root.at("/spanning_tree/0/barrier").asDouble() > 0.1, root.toString());
    assertTrue(Files.readString(dir.resolve("g-nodes.csv")).startsWith("node,level,parent,size,lowest_minimum,minimum,children\n"));
    assertEquals(2, Files.readAllLines(dir.resolve("g-tree.csv")).size());
    // on a grid of 5 levels from the lowest loss to the highest barrier, the join is drawn at the top level
    Path grid = dir.resolve("grid.json");
    CliTest.Run again = CliTest.run("topology", db.toString(), "--levels", "5", "--json", grid.toString(), "--quiet");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("0 measured, 1 already stored"), again.out());
    JsonNode gridRoot = new ObjectMapper().readTree(grid.toFile());
    assertEquals(root.at("/spanning_tree/0/level").asDouble(), gridRoot.at("/nodes/2/level").asDouble(), 0.0);
    assertEquals(root.at("/nodes/2/level").asDouble(), gridRoot.at("/nodes/2/level").asDouble(), 0.0);
    assertEquals(2, CliTest.run("topology", db.toString(), "--levels", "1", "--quiet").code());
  }

  @Test
  void badOptionsAreOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no/such/dir/g.svg");
    Path db = dir.resolve("x.db");
    Files.writeString(db, "not a catalog");
    for (String[] args : new String[][] {
        {"topology", db.toString(), "--neighbours", "0"},
        {"topology", db.toString(), "--svg", missing.toString()},
        {"topology", db.toString(), "--epsilon", "NaN"},
        {"topology", db.toString()},
        {"hop", db.toString(), "--temperature", "-1"},
        {"hop", db.toString(), "--stop-below", "NaN"},
        {"hop", db.toString(), "--acceptance", "1"},
        {"hop", db.toString()}}) {
      CliTest.Run r = CliTest.run(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      if (args.length > 2) assertTrue(r.err().contains(args[2]), "the message names the option: " + r.err());
    }
  }
}

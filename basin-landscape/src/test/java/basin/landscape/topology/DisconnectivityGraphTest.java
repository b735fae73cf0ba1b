package basin.landscape.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.landscape.topology.DisconnectivityGraph.Edge;
import basin.landscape.topology.DisconnectivityGraph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hand-made graphs whose trees are worked out by hand. Levels are copied, never computed, so the
 * comparisons are exact (tolerance 0) except where a difference of levels is formed (1e-15
 * absolute: one subtraction of numbers of order 1).
 */
class DisconnectivityGraphTest {

  /** Energies 0, 1, 0.5, 2; the cheapest edges 1-2 (2.5), 0-1 (3), 2-3 (4) form the tree, 0-2 (5) is redundant. */
  @Test
  void chainOfMergesGivesTheTreeWorkedOutByHand() {
    double[] e = {0, 1, 0.5, 2};
    List<Edge> edges = List.of(new Edge(0, 1, 3), new Edge(1, 2, 2.5), new Edge(2, 3, 4), new Edge(0, 2, 5));
    DisconnectivityGraph g = DisconnectivityGraph.exact(e, edges);
    assertEquals(7, g.nodes().size());
    Node a = g.node(4);
    assertEquals(2.5, a.level());
    assertArrayEquals(new int[] {2, 1}, a.children()); // by lowest loss: 0.5 before 1
    Node b = g.node(5);
    assertEquals(3.0, b.level());
    assertArrayEquals(new int[] {0, 4}, b.children());
    Node c = g.node(6);
    assertEquals(4.0, c.level());
    assertArrayEquals(new int[] {5, 3}, c.children());
    assertEquals(-1, c.parent());
    assertEquals(4, c.size());
    assertEquals(0, c.lowest());
    assertArrayEquals(new int[] {6}, g.roots());
    assertArrayEquals(new int[] {0, 2, 1, 3}, g.leafOrder());
    assertEquals(List.of(new Edge(1, 2, 2.5), new Edge(0, 1, 3), new Edge(2, 3, 4)), g.spanningTree());
    assertEquals(3.0, g.joinLevel(0, 2)); // through 0-1 at 3 and 1-2 at 2.5, not the direct edge at 5
    assertEquals(4.0, g.joinLevel(1, 3));
    assertEquals(2.5, g.joinLevel(2, 1));
    assertEquals(2.0, g.barrier(0, 1), 1e-15);
    assertEquals(1.5, g.barrier(2, 1), 1e-15);
  }

  @Test
  void edgesAtOneLevelMakeOneNodeWithSeveralChildren() {
    double[] e = {0.3, 0.1, 0.2};
    DisconnectivityGraph g = DisconnectivityGraph.exact(e, List.of(new Edge(0, 1, 1), new Edge(2, 1, 1)));
    assertEquals(4, g.nodes().size());
    assertArrayEquals(new int[] {1, 2, 0}, g.node(3).children());
    assertEquals(1.0, g.node(3).level());
    assertArrayEquals(new int[] {1, 2, 0}, g.leafOrder());
  }

  @Test
  void unconnectedMinimaStayApartAsAForest() {
    double[] e = {0, 1, 2, 3};
    DisconnectivityGraph g = DisconnectivityGraph.exact(e, List.of(new Edge(0, 1, 1.5), new Edge(2, 3, 3.5)));
    assertArrayEquals(new int[] {4, 5}, g.roots());
    assertEquals(Double.POSITIVE_INFINITY, g.joinLevel(0, 3));
    assertEquals(Double.POSITIVE_INFINITY, g.barrier(1, 2));
    // pairs 0-1 (barrier 0.5) and 2-3 (0.5) of 6
    assertEquals(2.0 / 6.0, g.shareConnectedWithin(0.5), 1e-15);
    assertEquals(0.0, g.shareConnectedWithin(0.4));
    assertEquals(2, g.spanningTree().size());
  }

  @Test
  void anInfiniteEdgeIsNoEdge() {
    DisconnectivityGraph g = DisconnectivityGraph.exact(new double[] {0, 1}, List.of(new Edge(0, 1, Double.POSITIVE_INFINITY)));
    assertEquals(2, g.roots().length);
  }

  @Test
  void aGridRoundsMergesUpAndDropsEdgesAboveIt() {
    double[] e = {0, 0.5, 0.8, 0.2};
    List<Edge> edges = List.of(new Edge(0, 1, 1.2), new Edge(1, 2, 1.7), new Edge(2, 3, 3.5));
    DisconnectivityGraph g = DisconnectivityGraph.atLevels(e, edges, new double[] {1, 2, 3});
    assertEquals(5, g.nodes().size());
    assertEquals(2.0, g.node(4).level());
    assertArrayEquals(new int[] {0, 1, 2}, g.node(4).children());
    assertArrayEquals(new int[] {4, 3}, g.roots());
    assertEquals(2.0, g.joinLevel(0, 2));
    assertEquals(Double.POSITIVE_INFINITY, g.joinLevel(0, 3));
    // the spanning tree keeps the exact levels
    assertEquals(List.of(new Edge(0, 1, 1.2), new Edge(1, 2, 1.7)), g.spanningTree());
    assertThrows(IllegalArgumentException.class, () -> DisconnectivityGraph.atLevels(e, edges, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> DisconnectivityGraph.atLevels(e, edges, new double[] {1, Double.NaN}));
  }

  @Test
  void aLevelBelowAnEndpointIsRaisedToIt() {
    DisconnectivityGraph g = DisconnectivityGraph.exact(new double[] {0, 1}, List.of(new Edge(0, 1, 0.9999999)));
    assertEquals(1.0, g.node(2).level());
    assertEquals(0.0, g.barrier(0, 1));
  }

  @Test
  void largestBarrierAmongTheNearBestMinima() {
    double[] e = {0, 0.01, 0.5, 0.02};
    List<Edge> edges = List.of(new Edge(0, 1, 1), new Edge(1, 2, 0.7), new Edge(0, 3, 0.3), new Edge(2, 3, 2));
    DisconnectivityGraph g = DisconnectivityGraph.exact(e, edges);
    DisconnectivityGraph.NearBest nb = g.largestBarrierNearBest(0.05);
    assertEquals(3, nb.minima());
    // 0-3 join at 0.3; 1 joins {0, 3} at 1: barrier 1 - 0.02 for the pair (1, 3), 1 - 0.01 for (0, 1)
    assertEquals(0.99, nb.largestBarrier(), 1e-15);
    assertEquals(0, nb.a());
    assertEquals(1, nb.b());
    DisconnectivityGraph.NearBest alone = g.largestBarrierNearBest(0.0);
    assertEquals(1, alone.minima());
    assertTrue(Double.isNaN(alone.largestBarrier()));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Edge(1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Edge(0, 1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> DisconnectivityGraph.exact(new double[] {0, 1}, List.of(new Edge(0, 2, 1))));
    assertThrows(IllegalArgumentException.class, () -> DisconnectivityGraph.exact(new double[] {0, Double.NaN}, List.of()));
  }

  /**
   * On seeded random graphs the join level equals the minimax barrier over all paths, computed
   * independently by a Floyd-Warshall bottleneck recursion; the leaf order keeps every subtree
   * contiguous (so a drawing has no crossing branches). Exact comparison: both take a maximum and a
   * minimum of the same stored numbers.
   */
  @Test
  void joinLevelIsTheMinimaxPathOnRandomGraphs() {
    for (long seed = 1; seed <= 30; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = 2 + rnd.nextInt(12);
      double[] e = new double[n];
      for (int i = 0; i < n; i++) e[i] = rnd.nextDouble();
      double[][] best = new double[n][n];
      for (double[] row : best) java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
      List<Edge> edges = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        best[i][i] = e[i];
        for (int j = i + 1; j < n; j++) {
          if (rnd.nextDouble() < 0.4) {
            double level = Math.max(e[i], e[j]) + (rnd.nextDouble() < 0.2 ? 0.5 : rnd.nextDouble());
            edges.add(new Edge(i, j, level));
            best[i][j] = Math.min(best[i][j], level);
            best[j][i] = best[i][j];
          }
        }
      }
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) best[i][j] = Math.min(best[i][j], Math.max(best[i][k], best[k][j]));
        }
      }
      DisconnectivityGraph g = DisconnectivityGraph.exact(e, edges);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) assertEquals(best[i][j], g.joinLevel(i, j), "seed " + seed + " pair " + i + "," + j);
      }
      int[] position = new int[n];
      int[] order = g.leafOrder();
      for (int k = 0; k < n; k++) position[order[k]] = k;
      for (Node node : g.nodes()) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int leaf = 0; leaf < n; leaf++) {
          if (below(g, leaf, node.id())) {
            lo = Math.min(lo, position[leaf]);
            hi = Math.max(hi, position[leaf]);
          }
        }
        assertEquals(node.size(), hi - lo + 1, "seed " + seed + ": leaves of node " + node.id() + " are not contiguous");
      }
    }
  }

  private static boolean below(DisconnectivityGraph g, int leaf, int node) {
    for (int x = leaf; x != -1; x = g.node(x).parent()) if (x == node) return true;
    return false;
  }

  @Test
  void exportsNameEveryNodeAndEdge() {
    DisconnectivityGraph g = DisconnectivityGraph.exact(new double[] {0, 1}, List.of(new Edge(0, 1, 2)));
    String csv = DisconnectivityExport.nodesCsv(g, new int[] {7, 9});
    assertEquals("node,level,parent,size,lowest_minimum,minimum,children\n"
        + "0,0.0000000000000000,2,1,7,7,\n"
        + "1,1.0000000000000000,2,1,9,9,\n"
        + "2,2.0000000000000000,,2,7,,0;1\n", csv);
    assertEquals("minimum_a,minimum_b,level,barrier\n7,9,2.0000000000000000,1.0000000000000000\n",
        DisconnectivityExport.spanningTreeCsv(g, new int[] {7, 9}));
    String json = DisconnectivityExport.json(g, null);
    assertTrue(json.contains("{\"id\": 2, \"level\": 2.0000000000000000, \"parent\": -1, \"size\": 2, \"lowest_minimum\": 0, \"children\": [0, 1]}"), json);
    assertTrue(json.contains("\"leaf_order\": [0, 1]"), json);
  }
}

package basin.landscape.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The disconnectivity graph of a set of minima (Becker and Karplus 1997; Wales, Miller and Walsh
 * 1998): a tree whose leaves are the minima, drawn at their losses, and whose internal nodes are the
 * loss levels at which groups of minima first become connected. Two minima are connected at level L
 * when a chain of known edges joins them whose barrier levels are all at most L, so the level at
 * which two minima join is the minimax barrier over the graph of edges (the bottleneck of the path
 * between them in the minimum spanning tree of barrier levels).
 *
 * <p>Built by union-find over the edges sorted by level (Kruskal): either exactly, one node per
 * distinct level at which components merge ({@link #exact}), or on a grid of levels as in Wales's
 * drawings, each merge rounded up to the next grid level ({@link #atLevels}). Edges at the same
 * level that merge several components make one node with several children. Minima that no edge
 * reaches stay separate roots (the tree is then a forest).
 *
 * <p>Cost: O(E log E) for the sort plus near-linear union-find; {@link #joinLevel} walks the tree
 * (O(depth)). Immutable.
 */
public final class DisconnectivityGraph {

  /**
   * An edge: the barrier level between minima a and b (the highest loss on a path between them).
   * A level below either endpoint's loss (round-off of a path that starts at the minimum) is raised
   * to it.
   */
  public record Edge(int a, int b, double level) {
    public Edge {
      if (a < 0 || b < 0 || a == b) throw new IllegalArgumentException("edge needs two different minima >= 0, got " + a + " and " + b);
      if (Double.isNaN(level)) throw new IllegalArgumentException("edge " + a + "-" + b + " has level NaN");
    }
  }

  /**
   * A node of the tree.
   *
   * @param id leaves are 0..n-1 (the minimum's index), internal nodes n, n+1, ... in order of level
   * @param level the loss of the minimum (leaf) or the level at which its children connect
   * @param children internal nodes: the subtrees joined here, by lowest loss; leaves: empty
   * @param parent the node it joins at, or -1 for a root
   * @param size number of minima below (1 for a leaf)
   * @param lowest the index of the lowest minimum below (ties: the smaller index)
   */
  public record Node(int id, double level, int[] children, int parent, int size, int lowest) {
    public boolean isLeaf() {
      return children.length == 0;
    }
  }

  private final double[] energies;
  private final Node[] nodes;
  private final int[] roots;
  private final List<Edge> spanningTree;
  private final int[] leafOrder;

  private DisconnectivityGraph(double[] energies, Node[] nodes, int[] roots, List<Edge> spanningTree, int[] leafOrder) {
    this.energies = energies;
    this.nodes = nodes;
    this.roots = roots;
    this.spanningTree = spanningTree;
    this.leafOrder = leafOrder;
  }

  /**
   * The graph with a node at every level where components merge.
   *
   * @param energies loss of each minimum, finite (not modified)
   * @param edges barrier levels between pairs (indices into energies); several edges per pair: the lowest counts
   */
  public static DisconnectivityGraph exact(double[] energies, List<Edge> edges) {
    return build(energies, edges, null);
  }

  /**
   * The graph on a grid of levels: a merge at level l is drawn at the smallest grid level >= l;
   * edges above the highest grid level are left out (their minima stay apart in the picture).
   *
   * @param levels the grid, finite, strictly increasing
   */
  public static DisconnectivityGraph atLevels(double[] energies, List<Edge> edges, double[] levels) {
    if (levels.length == 0) throw new IllegalArgumentException("levels is empty");
    for (int i = 0; i < levels.length; i++) {
      if (!Double.isFinite(levels[i]) || (i > 0 && !(levels[i] > levels[i - 1]))) {
        throw new IllegalArgumentException("levels must be finite and strictly increasing; levels[" + i + "] = " + levels[i]);
      }
    }
    return build(energies, edges, levels.clone());
  }

  /** n equally spaced levels from the lowest minimum's loss to the highest edge level (n >= 2). */
  public static double[] evenLevels(double[] energies, List<Edge> edges, int n) {
    if (n < 2) throw new IllegalArgumentException("n must be >= 2, got " + n);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double e : energies) {
      lo = Math.min(lo, e);
      hi = Math.max(hi, e);
    }
    for (Edge e : edges) if (Double.isFinite(e.level())) hi = Math.max(hi, e.level());
    if (!(hi > lo)) hi = lo + 1;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = lo + (hi - lo) * i / (n - 1);
    out[n - 1] = hi;
    return out;
  }

  private static DisconnectivityGraph build(double[] energies, List<Edge> edgeList, double[] grid) {
    int n = energies.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(energies[i])) throw new IllegalArgumentException("energy of minimum " + i + " is " + energies[i]);
    }
    List<Edge> edges = new ArrayList<>();
    for (Edge e : edgeList) {
      if (e.a() >= n || e.b() >= n) throw new IllegalArgumentException("edge " + e.a() + "-" + e.b() + " names a minimum beyond " + (n - 1));
      if (e.level() == Double.POSITIVE_INFINITY) continue;
      double level = Math.max(e.level(), Math.max(energies[e.a()], energies[e.b()]));
      edges.add(new Edge(Math.min(e.a(), e.b()), Math.max(e.a(), e.b()), level));
    }
    edges.sort(Comparator.comparingDouble(Edge::level).thenComparingInt(Edge::a).thenComparingInt(Edge::b));

    int[] uf = new int[n];
    for (int i = 0; i < n; i++) uf[i] = i;
    int[] nodeOfRoot = new int[n];
    List<double[]> levelOf = new ArrayList<>();
    List<int[]> childrenOf = new ArrayList<>();
    List<Integer> parent = new ArrayList<>();
    List<Integer> size = new ArrayList<>();
    List<Integer> lowest = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodeOfRoot[i] = i;
      levelOf.add(new double[] {energies[i]});
      childrenOf.add(new int[0]);
      parent.add(-1);
      size.add(1);
      lowest.add(i);
    }
    List<Edge> tree = new ArrayList<>();
    int next = 0;
    while (next < edges.size()) {
      double level = drawnLevel(edges.get(next).level(), grid);
      if (Double.isNaN(level)) break; // above the grid: this edge and all later ones
      int end = next;
      while (end < edges.size() && drawnLevel(edges.get(end).level(), grid) == level) end++;
      List<Integer> oldRoots = new ArrayList<>();
      for (int k = next; k < end; k++) {
        int ra = find(uf, edges.get(k).a());
        int rb = find(uf, edges.get(k).b());
        if (!oldRoots.contains(ra)) oldRoots.add(ra);
        if (!oldRoots.contains(rb)) oldRoots.add(rb);
      }
      int[] oldNode = new int[oldRoots.size()];
      for (int k = 0; k < oldRoots.size(); k++) oldNode[k] = nodeOfRoot[oldRoots.get(k)];
      for (int k = next; k < end; k++) {
        Edge e = edges.get(k);
        int ra = find(uf, e.a());
        int rb = find(uf, e.b());
        if (ra == rb) continue;
        tree.add(e);
        // the smaller index becomes the root, so the structure does not depend on anything but the edges
        if (ra < rb) uf[rb] = ra;
        else uf[ra] = rb;
      }
      Map<Integer, List<Integer>> merged = new HashMap<>();
      List<Integer> order = new ArrayList<>();
      for (int k = 0; k < oldRoots.size(); k++) {
        int r = find(uf, oldRoots.get(k));
        if (!merged.containsKey(r)) {
          merged.put(r, new ArrayList<>());
          order.add(r);
        }
        merged.get(r).add(oldNode[k]);
      }
      Collections.sort(order);
      for (int r : order) {
        List<Integer> kids = merged.get(r);
        if (kids.size() < 2) continue;
        kids.sort(Comparator.comparingDouble((Integer c) -> energies[lowest.get(c)]).thenComparingInt(lowest::get));
        int id = levelOf.size();
        int[] ch = new int[kids.size()];
        int total = 0;
        for (int k = 0; k < ch.length; k++) {
          ch[k] = kids.get(k);
          parent.set(ch[k], id);
          total += size.get(ch[k]);
        }
        levelOf.add(new double[] {level});
        childrenOf.add(ch);
        parent.add(-1);
        size.add(total);
        lowest.add(lowest.get(ch[0]));
        nodeOfRoot[r] = id;
      }
      next = end;
    }
    Node[] nodes = new Node[levelOf.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new Node(i, levelOf.get(i)[0], childrenOf.get(i), parent.get(i), size.get(i), lowest.get(i));
    }
    List<Integer> rootList = new ArrayList<>();
    for (Node node : nodes) if (node.parent() == -1) rootList.add(node.id());
    rootList.sort(Comparator.comparingDouble((Integer c) -> energies[nodes[c].lowest()]).thenComparingInt(c -> nodes[c].lowest()));
    int[] roots = rootList.stream().mapToInt(Integer::intValue).toArray();
    int[] leafOrder = new int[n];
    int[] filled = {0};
    for (int r : roots) collectLeaves(nodes, r, leafOrder, filled);
    return new DisconnectivityGraph(energies.clone(), nodes, roots, List.copyOf(tree), leafOrder);
  }

  /** The level an edge is drawn at: itself, or the next grid level; NaN above the grid. */
  private static double drawnLevel(double level, double[] grid) {
    if (grid == null) return level;
    for (double g : grid) if (g >= level) return g;
    return Double.NaN;
  }

  private static int find(int[] uf, int x) {
    while (uf[x] != x) {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
    return x;
  }

  private static void collectLeaves(Node[] nodes, int id, int[] out, int[] filled) {
    Node node = nodes[id];
    if (node.isLeaf()) {
      out[filled[0]++] = id;
      return;
    }
    for (int c : node.children()) collectLeaves(nodes, c, out, filled);
  }

  /** Number of minima n (the leaves are nodes 0..n-1). */
  public int minimaCount() {
    return energies.length;
  }

  /** Loss of minimum i. */
  public double energy(int i) {
    return energies[i];
  }

  /** All nodes, leaves first, then internal nodes in order of level. */
  public List<Node> nodes() {
    return List.of(nodes);
  }

  public Node node(int id) {
    return nodes[id];
  }

  /** The roots (one per connected component), by lowest minimum. */
  public int[] roots() {
    return roots.clone();
  }

  /**
   * The leaves in drawing order: depth first from the roots, children by lowest minimum, so every
   * subtree's leaves are contiguous and no two branches of a drawing cross.
   */
  public int[] leafOrder() {
    return leafOrder.clone();
  }

  /**
   * The minimum spanning forest of barrier levels (Kruskal: the edges that merged two components, in
   * order of level, with their exact levels even when the graph is drawn on a grid). The level at
   * which two minima join is the highest edge on the forest's path between them.
   */
  public List<Edge> spanningTree() {
    return spanningTree;
  }

  /**
   * The level at which minima i and j first connect: the level of their lowest common ancestor;
   * energy(i) when i == j; +Infinity when they are in different components.
   */
  public double joinLevel(int i, int j) {
    if (i == j) return energies[i];
    boolean[] above = new boolean[nodes.length];
    for (int x = i; x != -1; x = nodes[x].parent()) above[x] = true;
    for (int x = j; x != -1; x = nodes[x].parent()) if (above[x]) return nodes[x].level();
    return Double.POSITIVE_INFINITY;
  }

  /**
   * The barrier between minima i and j over the graph: joinLevel(i, j) - max(energy(i), energy(j)),
   * >= 0; +Infinity when they do not connect.
   */
  public double barrier(int i, int j) {
    return joinLevel(i, j) - Math.max(energies[i], energies[j]);
  }

  /**
   * The largest barrier among the minima within epsilon of the best.
   *
   * @param minima how many minima have loss <= best + epsilon
   * @param largestBarrier max over their pairs of {@link #barrier}; NaN with fewer than two such
   *     minima, +Infinity when two of them do not connect
   * @param a first minimum of the pair with that barrier (-1 when none)
   * @param b second minimum of that pair (-1 when none)
   */
  public record NearBest(double epsilon, int minima, double largestBarrier, int a, int b) {}

  /** {@link NearBest} for this epsilon (>= 0). */
  public NearBest largestBarrierNearBest(double epsilon) {
    if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    int n = energies.length;
    double best = Double.POSITIVE_INFINITY;
    for (double e : energies) best = Math.min(best, e);
    List<Integer> near = new ArrayList<>();
    for (int i = 0; i < n; i++) if (energies[i] <= best + epsilon) near.add(i);
    double largest = Double.NaN;
    int pa = -1;
    int pb = -1;
    for (int x = 0; x < near.size(); x++) {
      for (int y = x + 1; y < near.size(); y++) {
        double h = barrier(near.get(x), near.get(y));
        if (Double.isNaN(largest) || h > largest) {
          largest = h;
          pa = near.get(x);
          pb = near.get(y);
        }
      }
    }
    return new NearBest(epsilon, near.size(), largest, pa, pb);
  }

  /**
   * The share of the n(n-1)/2 pairs of minima whose barrier over the graph ({@link #barrier}) is at
   * most {@code threshold}; NaN with fewer than two minima.
   */
  public double shareConnectedWithin(double threshold) {
    int n = energies.length;
    if (n < 2) return Double.NaN;
    long within = 0;
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (barrier(i, j) <= threshold) within++;
    return within / (n * (n - 1) / 2.0);
  }

  @Override
  public String toString() {
    return "DisconnectivityGraph(" + energies.length + " minima, " + (nodes.length - energies.length) + " joins, roots "
        + Arrays.toString(roots) + ")";
  }
}

package basin.landscape.topology;

import java.util.Locale;

/**
 * A disconnectivity graph as data: JSON (nodes, spanning tree, leaf order) and CSV (one row per
 * node; one row per spanning-tree edge). Numbers are written with 17 significant digits
 * ({@code %.17g}, which read back as the same double); NaN is JSON {@code null} or an empty CSV
 * field, infinities the strings "Infinity"/"-Infinity" in JSON and {@code inf}/{@code -inf} in CSV.
 * Lines end with {@code \n}. The output depends only on the graph.
 */
public final class DisconnectivityExport {
  private DisconnectivityExport() {}

  /**
   * The graph as one JSON object: {@code minima} (count), {@code nodes} (id, level, parent, size,
   * lowest, minimum for leaves, children for internal nodes), {@code roots}, {@code leaf_order},
   * {@code spanning_tree} (a, b, level, barrier above the higher endpoint).
   *
   * @param ids the catalog id of each minimum (leaf i is minimum ids[i]), or null for 0..n-1
   */
  public static String json(DisconnectivityGraph g, int[] ids) {
    int n = g.minimaCount();
    int[] label = labels(g, ids);
    StringBuilder s = new StringBuilder();
    s.append("{\n  \"minima\": ").append(n).append(",\n  \"nodes\": [\n");
    for (int k = 0; k < g.nodes().size(); k++) {
      DisconnectivityGraph.Node node = g.node(k);
      s.append("    {\"id\": ").append(node.id()).append(", \"level\": ").append(json(node.level()))
          .append(", \"parent\": ").append(node.parent()).append(", \"size\": ").append(node.size())
          .append(", \"lowest_minimum\": ").append(label[node.lowest()]);
      if (node.isLeaf()) {
        s.append(", \"minimum\": ").append(label[node.id()]);
      } else {
        s.append(", \"children\": [");
        for (int c = 0; c < node.children().length; c++) s.append(c > 0 ? ", " : "").append(node.children()[c]);
        s.append(']');
      }
      s.append('}').append(k + 1 < g.nodes().size() ? "," : "").append('\n');
    }
    s.append("  ],\n  \"roots\": [");
    int[] roots = g.roots();
    for (int k = 0; k < roots.length; k++) s.append(k > 0 ? ", " : "").append(roots[k]);
    s.append("],\n  \"leaf_order\": [");
    int[] order = g.leafOrder();
    for (int k = 0; k < order.length; k++) s.append(k > 0 ? ", " : "").append(label[order[k]]);
    s.append("],\n  \"spanning_tree\": [\n");
    var tree = g.spanningTree();
    for (int k = 0; k < tree.size(); k++) {
      DisconnectivityGraph.Edge e = tree.get(k);
      double height = e.level() - Math.max(g.energy(e.a()), g.energy(e.b()));
      s.append("    {\"a\": ").append(label[e.a()]).append(", \"b\": ").append(label[e.b()]).append(", \"level\": ")
          .append(json(e.level())).append(", \"barrier\": ").append(json(height)).append('}')
          .append(k + 1 < tree.size() ? "," : "").append('\n');
    }
    s.append("  ]\n}\n");
    return s.toString();
  }

  /**
   * One row per node: {@code node,level,parent,size,lowest_minimum,minimum,children} (minimum empty
   * for internal nodes; children separated by ';').
   */
  public static String nodesCsv(DisconnectivityGraph g, int[] ids) {
    int[] label = labels(g, ids);
    StringBuilder s = new StringBuilder("node,level,parent,size,lowest_minimum,minimum,children\n");
    for (DisconnectivityGraph.Node node : g.nodes()) {
      s.append(node.id()).append(',').append(csv(node.level())).append(',').append(node.parent() < 0 ? "" : node.parent()).append(',')
          .append(node.size()).append(',').append(label[node.lowest()]).append(',').append(node.isLeaf() ? label[node.id()] : "").append(',');
      for (int c = 0; c < node.children().length; c++) s.append(c > 0 ? ";" : "").append(node.children()[c]);
      s.append('\n');
    }
    return s.toString();
  }

  /** One row per spanning-tree edge: {@code minimum_a,minimum_b,level,barrier}. */
  public static String spanningTreeCsv(DisconnectivityGraph g, int[] ids) {
    int[] label = labels(g, ids);
    StringBuilder s = new StringBuilder("minimum_a,minimum_b,level,barrier\n");
    for (DisconnectivityGraph.Edge e : g.spanningTree()) {
      double height = e.level() - Math.max(g.energy(e.a()), g.energy(e.b()));
      s.append(label[e.a()]).append(',').append(label[e.b()]).append(',').append(csv(e.level())).append(',').append(csv(height)).append('\n');
    }
    return s.toString();
  }

  private static int[] labels(DisconnectivityGraph g, int[] ids) {
    int n = g.minimaCount();
    if (ids == null) {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) out[i] = i;
      return out;
    }
    if (ids.length != n) throw new IllegalArgumentException("ids has " + ids.length + " entries for " + n + " minima");
    return ids;
  }

  static String json(double x) {
    if (Double.isNaN(x)) return "null";
    if (Double.isInfinite(x)) return x > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return String.format(Locale.ROOT, "%.17g", x);
  }

  static String csv(double x) {
    if (Double.isNaN(x)) return "";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.17g", x);
  }
}

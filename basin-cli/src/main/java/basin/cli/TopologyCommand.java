package basin.cli;

import basin.core.InputException;
import basin.landscape.paths.AlignmentMethod;
import basin.landscape.topology.DisconnectivityExport;
import basin.landscape.topology.DisconnectivityGraph;
import basin.report.DisconnectivitySvg;
import basin.study.TopologyRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin topology}: barriers between neighbouring minima and the disconnectivity graph. */
@Command(name = "topology", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measures how the distinct minima of a catalog connect: each minimum is paired with its k nearest minima modulo symmetry, "
          + "and each pair's barrier level (the highest loss along the straight line between their canonical forms, K samples, "
          + "the maximum refined by golden section) goes into the catalog's barriers table. From all stored barriers it builds "
          + "the disconnectivity graph (Becker and Karplus 1997): minima as leaves, joined at the loss level where they first connect.",
      "Prints the summary numbers (the largest barrier among the minima within epsilon of the best, the share of pairs connected "
          + "within a threshold, the minimum spanning tree of barriers) and exports the graph as JSON, CSV and SVG. Running it again "
          + "measures only the pairs not yet stored, so a killed run resumes. docs/topology.md has the definitions."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every pair measured", "1:internal error (measured pairs are kept)", "2:bad input"})
final class TopologyCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG", description = "A study's catalog, written by basin sample.")
  Path catalog;

  @Option(names = "--neighbours", paramLabel = "K", defaultValue = "5", description = "Nearest minima each minimum is paired with. Default: ${DEFAULT-VALUE}.")
  int neighbours;

  @Option(names = "--points", paramLabel = "K", defaultValue = "21", description = "Samples along each straight line, endpoints included. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--epsilon", paramLabel = "E", defaultValue = "0.01",
      description = "Minima within E of the best loss count as near-best (the largest barrier among them is reported). Default: ${DEFAULT-VALUE}.")
  double epsilon;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Barrier height within which a pair counts as connected (the share of such pairs is reported). Default: epsilon.")
  Double threshold;

  @Option(names = "--align", paramLabel = "METHOD", defaultValue = "weight",
      description = "How the hidden units of the second minimum of a pair are aligned to the first before the line is drawn (MLPs): weight, activation or none. Default: ${DEFAULT-VALUE}.")
  String align;

  @Option(names = "--replace", description = "Measure again when the catalog holds barriers measured along another kind of path.")
  boolean replace;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Worker threads; never changes a result. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--svg", paramLabel = "FILE", description = "Write the disconnectivity graph as an SVG picture.")
  Path svg;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the graph as JSON (nodes, roots, leaf order, spanning tree).")
  Path json;

  @Option(names = "--csv", paramLabel = "PREFIX", description = "Write PREFIX-nodes.csv (one row per node) and PREFIX-tree.csv (the spanning tree).")
  Path csv;

  @Option(names = "--levels", paramLabel = "N", defaultValue = "0",
      description = "Draw and export the graph on N equally spaced loss levels (Wales's convention; joins rounded up to the next level) "
          + "instead of at the exact levels (0). The summary numbers always use the exact levels. Default: ${DEFAULT-VALUE}.")
  int levels;

  @Option(names = "--title", paramLabel = "TEXT", description = "Title of the SVG picture. Default: the catalog's file name.")
  String title;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "10", description = "Spanning-tree edges listed, highest barrier first. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (!(epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY)) throw new InputException("--epsilon: expected a finite number >= 0, got " + epsilon);
    double within = threshold == null ? epsilon : threshold;
    if (!(within >= 0 && within < Double.POSITIVE_INFINITY)) throw new InputException("--threshold: expected a finite number >= 0, got " + within);
    if (rows < 0) throw new InputException("--rows = " + rows + ": expected a number of edges to list >= 0");
    if (levels < 0 || levels == 1) throw new InputException("--levels = " + levels + ": expected 0 (exact levels) or a number of levels >= 2");
    checkWritable("--svg", svg);
    checkWritable("--json", json);
    checkWritable("--csv", csv == null ? null : Path.of(csv + "-nodes.csv"));
    AlignmentMethod alignment;
    try {
      alignment = AlignmentMethod.parse(align);
    } catch (IllegalArgumentException e) {
      throw new InputException("--align " + align + ": expected none, weight or activation");
    }
    TopologyRunner.Options options = new TopologyRunner.Options(neighbours, points, threads, alignment, replace);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SampleCommand.ProgressDisplay progress = quiet.on ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "pairs");
    TopologyRunner.Result result = TopologyRunner.run(catalog, null, options, progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    TopologyRunner.RunStats s = result.stats();
    TopologyRunner.Topology t = result.topology();
    DisconnectivityGraph g = t.graph();
    int[] ids = t.ids();
    out.printf(Locale.ROOT, "topology   %d minima, %d nearest-neighbour pairs (k = %d): %d measured, %d already stored, in %.1f s%n",
        s.minima(), s.pairs(), neighbours, s.measured(), s.alreadyDone(), s.wallNanos() / 1e9);
    out.printf(Locale.ROOT, "paths      %s, %d points, maximum refined by golden section%n", describe(t.method()), points);
    out.printf(Locale.ROOT, "edges      %d barriers in the graph%s%n", t.edges().size(),
        t.failed() > 0 ? String.format(Locale.ROOT, " (%d pairs left out: the loss was not finite along the path)", t.failed()) : "");
    int[] roots = g.roots();
    out.printf(Locale.ROOT, "graph      %d connected component%s, %d joins%n", roots.length, roots.length == 1 ? "" : "s",
        g.nodes().size() - g.minimaCount());
    if (g.minimaCount() > 0) {
      int best = g.node(roots[0]).lowest();
      DisconnectivityGraph.NearBest nb = g.largestBarrierNearBest(epsilon);
      out.printf(Locale.ROOT, "best       minimum %d, loss %.10g%n", ids[best], g.energy(best));
      if (nb.minima() < 2) {
        out.printf(Locale.ROOT, "near-best  %d minimum within %s of the best: no barrier among near-best minima%n", nb.minima(), epsilon);
      } else {
        out.printf(Locale.ROOT, "near-best  %d minima within %s of the best; largest barrier between them %s (minima %d and %d)%n", nb.minima(),
            epsilon, Double.isInfinite(nb.largestBarrier()) ? "infinite: not connected by the measured pairs"
                : String.format(Locale.ROOT, "%.6g", nb.largestBarrier()), ids[nb.a()], ids[nb.b()]);
      }
      double share = g.shareConnectedWithin(within);
      if (!Double.isNaN(share)) {
        out.printf(Locale.ROOT, "connected  %.1f%% of the %d pairs of minima are connected with a barrier <= %s (over the graph's paths)%n",
            100 * share, g.minimaCount() * (g.minimaCount() - 1) / 2, within);
      }
      List<DisconnectivityGraph.Edge> tree = new java.util.ArrayList<>(g.spanningTree());
      double total = 0;
      for (DisconnectivityGraph.Edge e : tree) total += height(g, e);
      out.printf(Locale.ROOT, "tree       minimum spanning tree of barrier levels: %d edges, barriers summing to %.6g%n", tree.size(), total);
      tree.sort((a, b) -> Double.compare(height(g, b), height(g, a)));
      if (rows > 0 && !tree.isEmpty()) {
        out.printf(Locale.ROOT, "%n%6s %6s %14s %14s %14s%n", "a", "b", "level", "barrier", "loss higher");
        for (int k = 0; k < Math.min(rows, tree.size()); k++) {
          DisconnectivityGraph.Edge e = tree.get(k);
          out.printf(Locale.ROOT, "%6d %6d %14.8g %14.6g %14.8g%n", ids[e.a()], ids[e.b()], e.level(), height(g, e),
              Math.max(g.energy(e.a()), g.energy(e.b())));
        }
        if (tree.size() > rows) out.printf(Locale.ROOT, "... %d more (--json or --csv writes them all)%n", tree.size() - rows);
      }
    }
    DisconnectivityGraph drawn = levels == 0 || g.minimaCount() == 0 ? g
        : DisconnectivityGraph.atLevels(energies(g), t.edges(), DisconnectivityGraph.evenLevels(energies(g), t.edges(), levels));
    if (svg != null) {
      String name = title != null ? title : "disconnectivity graph of " + catalog.getFileName();
      write(svg, DisconnectivitySvg.render(drawn, ids, DisconnectivitySvg.Options.defaults().withWidth(DisconnectivitySvg.widthFor(g.minimaCount()))
          .withTitle(name).withAxisLabel("training objective")));
      out.printf(Locale.ROOT, "svg        %s%n", svg);
    }
    if (json != null) {
      write(json, DisconnectivityExport.json(drawn, ids));
      out.printf(Locale.ROOT, "json       %s%n", json);
    }
    if (csv != null) {
      write(Path.of(csv + "-nodes.csv"), DisconnectivityExport.nodesCsv(drawn, ids));
      write(Path.of(csv + "-tree.csv"), DisconnectivityExport.spanningTreeCsv(drawn, ids));
      out.printf(Locale.ROOT, "csv        %s-nodes.csv, %s-tree.csv%n", csv, csv);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static double[] energies(DisconnectivityGraph g) {
    double[] e = new double[g.minimaCount()];
    for (int i = 0; i < e.length; i++) e[i] = g.energy(i);
    return e;
  }

  private static double height(DisconnectivityGraph g, DisconnectivityGraph.Edge e) {
    return e.level() - Math.max(g.energy(e.a()), g.energy(e.b()));
  }

  /** Refuses, before any work, an output whose directory does not exist or is not writable. */
  static void checkWritable(String option, Path p) {
    if (p == null) return;
    Path dir = p.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) throw new InputException(option + " " + p + ": directory " + dir + " does not exist");
    if (!Files.isWritable(dir)) throw new InputException(option + " " + p + ": directory " + dir + " is not writable");
    if (Files.isDirectory(p)) throw new InputException(option + " " + p + ": is a directory, expected a file name");
  }

  /** Writes text to a temporary sibling and moves it into place. */
  static void write(Path p, String text) {
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InputException(p + ": cannot be written (" + e.getMessage() + ")");
    }
  }

  private static String describe(String method) {
    if (method == null) return "no barriers stored";
    return switch (method) {
      case "weight-aligned-line" -> "straight line between the minima after aligning the hidden units by weight matching";
      case "activation-aligned-line" -> "straight line between the minima after aligning the hidden units by activation matching";
      case "parameter-line" -> "straight line between the minima's stored parameters, not aligned";
      case "straight-line" -> "straight line between the stored canonical forms (modulo symmetry)";
      default -> method;
    };
  }
}

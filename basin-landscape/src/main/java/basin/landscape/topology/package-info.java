/**
 * The landscape as a graph: barriers between pairs of minima ({@link basin.landscape.topology.PairBarrier},
 * here along the straight segment between canonical forms: {@link basin.landscape.topology.StraightLineBarrier}),
 * and the disconnectivity graph built from them ({@link basin.landscape.topology.DisconnectivityGraph}:
 * Becker and Karplus 1997, Wales et al. 1998), with its minimum spanning tree of barriers and summary
 * numbers, exported by {@link basin.landscape.topology.DisconnectivityExport}. docs/topology.md has the
 * definitions.
 */
package basin.landscape.topology;

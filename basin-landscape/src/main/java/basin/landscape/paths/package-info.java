/**
 * Paths between two minima: alignment of the second to the first over the network's symmetries,
 * straight lines and trained curves with their barriers, and the nudged elastic band refined to a
 * certified transition state.
 *
 * <table>
 *   <caption>contents</caption>
 *   <tr><th>class</th><th>what</th><th>reference</th></tr>
 *   <tr><td>{@link basin.landscape.paths.WeightMatching}</td><td>per-layer assignment on the weights,
 *       iterated over layers</td><td>Ainsworth et al. 2023</td></tr>
 *   <tr><td>{@link basin.landscape.paths.ActivationMatching}</td><td>per-layer assignment on activation
 *       correlations</td><td>Ainsworth et al. 2023; Li et al. 2016</td></tr>
 *   <tr><td>{@link basin.landscape.paths.StraightLine}, {@link basin.landscape.paths.BendCurve},
 *       {@link basin.landscape.paths.Polyline}</td><td>paths phi(t) from a to b</td><td>Garipov et al. 2018</td></tr>
 *   <tr><td>{@link basin.landscape.paths.PathProfiles}, {@link basin.landscape.paths.PathBarriers}</td><td>losses
 *       along a path; maximum, the two barriers, integrated loss, length</td><td>Entezari et al. 2022</td></tr>
 *   <tr><td>{@link basin.landscape.paths.CurveTraining}</td><td>the bend of a Bezier curve or chain trained to
 *       minimize the loss integrated along it</td><td>Garipov et al. 2018</td></tr>
 *   <tr><td>{@link basin.landscape.paths.NudgedElasticBand}</td><td>improved tangent, climbing image, FIRE,
 *       image insertion</td><td>Henkelman et al. 2000; Bitzek et al. 2006; Kolsbjerg et al. 2016</td></tr>
 *   <tr><td>{@link basin.landscape.paths.TransitionStates}</td><td>the climbing image refined by eigenvector
 *       following to a certified index-1 saddle</td><td>Baker 1986</td></tr>
 *   <tr><td>{@link basin.landscape.paths.PairBarrier}</td><td>the aligned straight-line barrier of a pair
 *       (for graph builders)</td><td></td></tr>
 * </table>
 *
 * <p>docs/paths.md has the mathematics.
 */
package basin.landscape.paths;

/**
 * Saddles: methods that find critical points of any index, and the classification of what they find.
 *
 * <table>
 *   <caption>contents</caption>
 *   <tr><th>class</th><th>what</th><th>reference</th></tr>
 *   <tr><td>{@link basin.landscape.saddle.GradientNormObjective}</td><td>phi = |g|^2 / 2 with gradient H g</td>
 *       <td>Frye et al. 2021</td></tr>
 *   <tr><td>{@link basin.landscape.saddle.CriticalPointFinder}</td><td>newton-mr, gradient-norm (L-BFGS on
 *       phi), gd-newton-mr</td><td>Roosta et al. 2022</td></tr>
 *   <tr><td>{@link basin.landscape.saddle.EigenvectorFollowing}</td><td>P-RFO eigenvector following to an
 *       index-1 saddle</td><td>Baker 1986</td></tr>
 *   <tr><td>{@link basin.landscape.saddle.PointClassifier}, {@link basin.landscape.saddle.CriticalPointReport}</td>
 *       <td>minimum / saddle / gradient-flat / not converged / diverged</td><td>Frye et al. 2021</td></tr>
 *   <tr><td>{@link basin.landscape.saddle.CriticalPointSearch}</td><td>a finder from many seeded starts,
 *       distinct points modulo symmetry with hit counts</td><td></td></tr>
 *   <tr><td>{@link basin.landscape.saddle.DenseNewton}</td><td>pure Newton and saddle-free Newton (dense)</td>
 *       <td>Dauphin et al. 2014</td></tr>
 *   <tr><td>{@link basin.landscape.saddle.MethodComparison}</td><td>which optimizers end where, with Wilson
 *       intervals</td><td>Wilson 1927</td></tr>
 *   <tr><td>{@link basin.landscape.saddle.RandomDirectionEscape}</td><td>escape from a saddle by random
 *       directions, and the exact success probability on a quadratic saddle</td><td>Imhof 1961</td></tr>
 * </table>
 *
 * <p>docs/saddles.md has the mathematics.
 */
package basin.landscape.saddle;

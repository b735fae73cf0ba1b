/**
 * Flatness of the loss near a point (Basin issue 12, claim 3): Hessian measures, sharpness, basin
 * radii and loss profiles. The formulas, references and costs are in docs/flatness.md.
 *
 * <table>
 *   <caption>Kernels</caption>
 *   <tr><th>class</th><th>computes</th><th>cost</th><th>reference</th></tr>
 *   <tr><td>{@link basin.landscape.flatness.FlatnessMeasures}</td><td>lambda_max, trace, Frobenius
 *       norm, log-determinant of the positive part; full and restricted to the complement of the
 *       orbit tangent; data term vs L2 term</td><td>dense: one Hessian + O(P^3); estimated: Lanczos
 *       + Hutchinson + SLQ products</td><td>Keskar et al. 2017; Hutchinson 1989; Ubaru, Chen &amp;
 *       Saad 2017</td></tr>
 *   <tr><td>{@link basin.landscape.flatness.Sharpness}</td><td>epsilon-sharpness and adaptive
 *       sharpness by projected gradient ascent with restarts</td><td>gradients and values per
 *       ascent step</td><td>Keskar et al., ICLR 2017, Metric 2.1; Kwon et al., ICML 2021</td></tr>
 *   <tr><td>{@link basin.landscape.flatness.BasinRadius}</td><td>smallest t with f(x + t d) - f(x)
 *       &gt;= delta; quantiles over directions</td><td>about 40 values per direction</td><td>-</td></tr>
 *   <tr><td>{@link basin.landscape.flatness.Directions}</td><td>Gaussian, filter-normalized and
 *       eigenvector directions</td><td>-</td><td>Li et al., NeurIPS 2018</td></tr>
 *   <tr><td>{@link basin.landscape.flatness.LossProfiles}</td><td>1-D profile bands and 2-D
 *       surfaces</td><td>one value per grid point</td><td>Goodfellow et al. 2015; Li et al. 2018</td></tr>
 *   <tr><td>{@link basin.landscape.flatness.ComplementOperator}</td><td>P H P, the Hessian on the
 *       complement of the symmetry orbit tangent</td><td>one product + two projections</td><td>-</td></tr>
 *   <tr><td>{@link basin.landscape.flatness.FlatnessAnalysis}</td><td>facade: the above at one point,
 *       asked by name</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>Every random draw comes from an explicit seed through
 * {@link basin.landscape.spectral.ProbeVectors#stream}(seed, index). Bad arguments throw
 * {@link java.lang.IllegalArgumentException} naming the value; non-finite objective values are
 * reported through statuses and NaN, never thrown.
 */
package basin.landscape.flatness;

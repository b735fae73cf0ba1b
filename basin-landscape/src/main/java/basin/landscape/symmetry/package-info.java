/**
 * Symmetries of multilayer perceptrons: the transformations of the parameters that leave the
 * network function (and so every loss of its outputs) unchanged, and what they imply for the
 * landscape.
 *
 * <table>
 *   <caption>Classes</caption>
 *   <tr><th>class</th><th>computes</th></tr>
 *   <tr><td>{@link basin.landscape.symmetry.MlpSymmetry}</td><td>the continuous symmetries
 *       (rescaling of positively homogeneous units, GL(d) of linear layers, logit shift of softmax):
 *       the group dimension and, at a point, the orbit tangent space, whose dimension is the number of
 *       zero Hessian eigenvalues the symmetries explain at a critical point</td></tr>
 *   <tr><td>{@link basin.landscape.symmetry.OrbitTangent}</td><td>that tangent space: dimension and
 *       the orthogonal projection onto its complement</td></tr>
 *   <tr><td>{@link basin.landscape.symmetry.Canonicalizer}</td><td>one representative per class of
 *       the discrete-and-scale group: unit permutations, sign flips of odd units, positive rescaling
 *       of positively homogeneous units</td></tr>
 *   <tr><td>{@link basin.landscape.symmetry.SymmetryDistance}</td><td>the distance between two
 *       parameter vectors modulo that group, by exact layer-wise assignment</td></tr>
 *   <tr><td>{@link basin.landscape.symmetry.Assignment}</td><td>the linear assignment problem,
 *       Hungarian algorithm, O(n^3)</td></tr>
 * </table>
 *
 * <h2>The symmetries</h2>
 * With hidden layer l of width d_l, incoming weights W_l (d_l x d_{l-1}), bias b_l and outgoing
 * weights W_{l+1}:
 * <ul>
 *   <li><b>Permutation</b> of the d_l units (rows of W_l and b_l, columns of W_{l+1}): every activation.
 *   <li><b>Sign flip</b> of a unit (negate its row of W_l, its bias, its column of W_{l+1}): odd
 *       activations, sigma(-z) = -sigma(z): tanh and linear.
 *   <li><b>Positive rescaling</b> of a unit (row and bias times c &gt; 0, column divided by c):
 *       positively homogeneous activations, sigma(c z) = c sigma(z): ReLU, leaky ReLU, linear.
 *   <li><b>GL(d_l)</b> for a linear layer: W_l -&gt; A W_l, b_l -&gt; A b_l, W_{l+1} -&gt; W_{l+1} A^-1; with
 *       biases also the translation b_l -&gt; b_l + c, b_{l+1} -&gt; b_{l+1} - W_{l+1} c (the affine group).
 *   <li><b>Logit shift</b> for softmax cross-entropy: adding u^T a_{L-1} + s to every output leaves the
 *       softmax unchanged: every row of W_L -&gt; + u, every entry of b_L -&gt; + s.
 * </ul>
 * Not covered: sigmoid's discrete symmetry sigma(-z) = 1 - sigma(z) (a flip that moves the next
 * layer's bias), the continuous redistributions of outgoing weights among exact duplicate units, and
 * the full GL(d_l) quotient of linear layers in the canonical form (only its permutation, sign and
 * scale subgroup is quotiented).
 *
 * <h2>L2 regularization</h2>
 * The penalty (lambda/2)||w||^2 is invariant under permutations, sign flips and the orthogonal
 * subgroup O(d_l) of GL(d_l), and under nothing else above: rescaling by c changes c^2 ||in||^2 +
 * ||out||^2 / c^2, translations and logit shifts change the norm. So with lambda &gt; 0 the continuous
 * symmetries left are O(d_l) for each linear hidden layer, of dimension d_l (d_l - 1) / 2, and the
 * discrete ones; the canonical form is still a valid representative (it quotients true
 * symmetries of the regularized loss only for permutations and sign flips; its rescaling is then a
 * change of coordinates, not a symmetry).
 */
package basin.landscape.symmetry;

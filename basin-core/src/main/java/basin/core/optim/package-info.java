/**
 * Local minimizers of an {@link basin.core.Objective}: the descent part of a loss-landscape study.
 *
 * <p>Every method implements {@link basin.core.optim.Optimizer}: an immutable, validated
 * configuration record (defaults in its {@code defaults()} factory, {@code withX} copies) and a
 * {@code minimize(objective, start)} call that allocates its workspaces once, never per iteration,
 * and returns an {@link basin.core.optim.OptimizationResult} with a status, exact evaluation counts,
 * the final point, value and gradient norm, and optionally a {@link basin.core.optim.Trajectory}.
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>class</th><th>method</th><th>per iteration</th><th>reference</th></tr>
 *   <tr><td>{@link basin.core.optim.GradientDescent}</td><td>steepest descent, fixed step or
 *       Armijo backtracking</td><td>1 gradient (+ values)</td><td>Nocedal &amp; Wright Alg. 3.1</td></tr>
 *   <tr><td>{@link basin.core.optim.Momentum}</td><td>heavy ball or Nesterov</td><td>1
 *       gradient</td><td>Polyak 1964; Sutskever et al. 2013</td></tr>
 *   <tr><td>{@link basin.core.optim.Adam}</td><td>bias-corrected Adam, full batch</td><td>1
 *       gradient</td><td>Kingma &amp; Ba 2015</td></tr>
 *   <tr><td>{@link basin.core.optim.MinibatchSgd}</td><td>seeded minibatch SGD with
 *       momentum</td><td>1 minibatch gradient</td><td>Robbins &amp; Monro 1951</td></tr>
 *   <tr><td>{@link basin.core.optim.Lbfgs}</td><td>L-BFGS, strong Wolfe line search</td><td>~1
 *       gradient</td><td>Nocedal &amp; Wright Alg. 7.4, 7.5, 3.5, 3.6</td></tr>
 *   <tr><td>{@link basin.core.optim.NewtonTrustRegion}</td><td>Newton-CG trust region
 *       (Steihaug-Toint)</td><td>1 gradient + CG Hessian-vector products</td><td>Nocedal &amp;
 *       Wright Alg. 4.1, 7.2</td></tr>
 *   <tr><td>{@link basin.core.optim.NewtonMr}</td><td>Newton-MR: MINRES steps accepted on the
 *       gradient norm; converges to critical points of any index (polishing, saddle finding)</td><td>1
 *       gradient + MINRES Hessian-vector products</td><td>Roosta, Liu, Xu &amp; Ye 2022</td></tr>
 *   <tr><td>{@link basin.core.optim.OptimizerChain}</td><td>stages in sequence</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>Common contract: convergence is ||grad f|| &lt;= gradientTolerance (Euclidean); NaN or Inf never
 * escapes as an exception but ends a run as {@code DIVERGED} with the last finite iterate (line
 * searches and trust regions first treat a non-finite trial point as a step that is too long);
 * {@link java.lang.IllegalArgumentException} is thrown only for bad configuration or arguments. One
 * optimizer instance may serve many threads at once; each thread passes its own objective copy.
 */
package basin.core.optim;

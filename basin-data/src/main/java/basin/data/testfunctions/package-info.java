/**
 * Analytic test functions with known critical points, the oracles for saddle searches, path
 * methods and certification: the Muller-Brown potential, Himmelblau's function, the extended
 * Rosenbrock function, the Rastrigin function and quadratics with a prescribed Hessian spectrum.
 *
 * <p>Each is a {@link basin.data.testfunctions.TestFunction}: a {@link basin.core.Objective} with
 * exact gradient, Hessian-vector product and dense Hessian, plus its name, canonical spec, a box
 * for random starts, its {@link basin.data.testfunctions.KnownCriticalPoint known critical points}
 * (minima, saddles, maxima with their Hessian index) and its {@link basin.data.GlobalReference}.
 * {@link basin.data.testfunctions.TestFunctions} parses specs such as {@code rosenbrock:n=5}.
 *
 * <p>Critical points quoted as literals were computed by Newton's method to full double precision
 * by the committed test {@code KnownCriticalPointsTest}, which recomputes them from rough starting
 * points and prints them; regenerate them only with that test.
 */
package basin.data.testfunctions;

package basin.data.testfunctions;

import basin.core.Objective;
import basin.data.GlobalReference;
import java.util.List;

/**
 * An analytic objective with what is known about its landscape: a name, the canonical spec that
 * {@link TestFunctions#parse} turns back into it, a box for random starts, its known critical
 * points and its global minimum.
 *
 * <p>The implementations hold no workspaces: {@link #copy()} returns {@code this}, and one
 * instance may be used from several threads.
 */
public interface TestFunction extends Objective {

  /** The registry name: "muller-brown", "himmelblau", "rosenbrock", "rastrigin", "quadratic". */
  String name();

  /** The canonical spec with every parameter, e.g. "rosenbrock:n=5"; parsing it gives an equal function. */
  String spec();

  /** Lower corner of the box for random starts, length {@link #dimension()} (a copy). */
  double[] lower();

  /** Upper corner of the box for random starts, length {@link #dimension()} (a copy). */
  double[] upper();

  /** The known critical points, minima first (each class documents which ones it lists). */
  List<KnownCriticalPoint> knownCriticalPoints();

  /** The global minimum value and why it is known (unknown when the function is unbounded below). */
  GlobalReference globalReference();

  @Override
  TestFunction copy();
}

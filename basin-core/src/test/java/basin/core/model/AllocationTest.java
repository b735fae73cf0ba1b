package basin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.data.Dataset;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hot loops allocate nothing per call: after the first call has built the workspaces, a hundred rounds of
 * gradients, minibatch gradients and Hessian-vector products (at alternating points, so nothing is
 * served from the cache) allocate no heap memory on the calling thread. Measured with HotSpot's
 * per-thread allocation counter; the budget of 4 KiB absorbs the counter's own bookkeeping. Both
 * the row-major passes (a wide hidden layer) and the feature-major passes of narrow networks.
 */
@org.junit.jupiter.api.Tag("slow")
class AllocationTest {

  private static final long BUDGET_BYTES = 4096;

  @Test
  void gradientsAndHessianVectorProductsAllocateNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int hidden : new int[] {40, 10}) {
    for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
      for (Loss loss : Loss.values()) {
        Mlp model = Mlp.of(act, true, 6, hidden, hidden * 3 / 4, loss == Loss.BINARY_LOGISTIC ? 1 : 3);
        SplittableRandom r = new SplittableRandom(5);
        int n = 1000; // large enough that the products go through BLAS
        double[] x = new double[n * 6];
        for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(r);
        int classes = loss == Loss.BINARY_LOGISTIC ? 2 : 3;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
        MlpObjective f = new MlpObjective(model, Dataset.classification("alloc", n, 6, x, classes, labels), loss, 1e-3);
        assertEquals(hidden == 10, f.usesFeatureMajorPasses(), model.describe());
        double[] w1 = Initializer.glorotNormal().initialize(model, 1);
        double[] w2 = Initializer.glorotNormal().initialize(model, 2);
        double[] g = new double[f.dimension()];
        double[] hv = new double[f.dimension()];
        int[] batch = new int[32];
        for (int i = 0; i < batch.length; i++) batch[i] = (7 * i) % n;
        for (int i = 0; i < 50; i++) exercise(f, w1, w2, g, hv, batch);
        // the least of three windows: an allocation per call shows in every window, while the JVM's
        // occasional own allocations on this thread (seen on JDK 25 around recompilation) do not
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
          long before = threads.getThreadAllocatedBytes(tid);
          for (int i = 0; i < 100; i++) exercise(f, w1, w2, g, hv, batch);
          allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        assertTrue(allocated <= BUDGET_BYTES, model.describe() + "/" + loss + ": " + allocated + " bytes allocated in each of three windows of 100 rounds");
      }
    }
    }
  }

  private static void exercise(MlpObjective f, double[] w1, double[] w2, double[] g, double[] hv, int[] batch) {
    f.valueAndGradient(w1, g);
    f.hessianVectorProduct(w2, g, hv);
    f.value(w1);
    f.valueAndGradient(w2, g, batch, batch.length);
  }
}

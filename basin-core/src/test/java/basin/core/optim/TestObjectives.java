package basin.core.optim;

import basin.core.Objective;
import basin.core.StochasticObjective;
import java.util.Random;

/**
 * Closed-form objectives with known minimizers (or known failure modes) for the optimizer tests.
 * All random data come from seeded {@link Random}s.
 */
final class TestObjectives {
  private TestObjectives() {}

  /**
   * f(x) = (1/2) x'Ax - b'x + c with A = Q diag(lambda) Q' (Q orthogonal from Gram-Schmidt on a
   * seeded Gaussian matrix, lambda log-spaced in [1, condition]) and b = A x*, so the unique
   * minimizer is x* (seeded Gaussian). The offset c lets a test put f* far from 0, where value
   * differences near x* are pure round-off.
   */
  static final class Quadratic implements Objective {
    final int n;
    final double[] a;
    final double[] b;
    final double[] minimizer;
    final double offset;

    Quadratic(int n, double condition, double offset, long seed) {
      Random r = new Random(seed);
      this.n = n;
      this.offset = offset;
      double[] q = new double[n * n];
      for (int i = 0; i < q.length; i++) q[i] = r.nextGaussian();
      // Modified Gram-Schmidt on the rows of q.
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          double dot = 0;
          for (int k = 0; k < n; k++) dot += q[i * n + k] * q[j * n + k];
          for (int k = 0; k < n; k++) q[i * n + k] -= dot * q[j * n + k];
        }
        double norm = 0;
        for (int k = 0; k < n; k++) norm += q[i * n + k] * q[i * n + k];
        norm = Math.sqrt(norm);
        for (int k = 0; k < n; k++) q[i * n + k] /= norm;
      }
      double[] lambda = new double[n];
      for (int i = 0; i < n; i++) lambda[i] = n == 1 ? 1 : Math.pow(condition, i / (double) (n - 1));
      a = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) s += q[k * n + i] * lambda[k] * q[k * n + j];
          a[i * n + j] = s;
        }
      }
      Objective.symmetrize(a, n);
      minimizer = new double[n];
      for (int i = 0; i < n; i++) minimizer[i] = r.nextGaussian();
      b = new double[n];
      multiply(minimizer, b);
    }

    void multiply(double[] v, double[] out) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[i * n + j] * v[j];
        out[i] = s;
      }
    }

    @Override
    public int dimension() {
      return n;
    }

    @Override
    public double value(double[] w) {
      double quad = 0;
      double lin = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[i * n + j] * w[j];
        quad += w[i] * s;
        lin += b[i] * w[i];
      }
      return 0.5 * quad - lin + offset;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      multiply(w, gradient);
      double quad = 0;
      double lin = 0;
      for (int i = 0; i < n; i++) {
        quad += w[i] * gradient[i];
        lin += b[i] * w[i];
        gradient[i] -= b[i];
      }
      return 0.5 * quad - lin + offset;
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      multiply(v, result);
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /**
   * Least squares f(w) = (1/n) sum_i (1/2)(a_i . w - y_i)^2 with Gaussian a_i and consistent targets
   * y_i = a_i . w*: a convex quadratic (Hessian A'A/n, SPD for n &gt;= d) whose minimizer w* is known
   * exactly and at which every example's residual vanishes, so minibatch SGD with a constant step
   * converges to it too.
   */
  static final class LeastSquares implements StochasticObjective {
    final int n;
    final int d;
    final double[] inputs;
    final double[] targets;
    final double[] minimizer;

    LeastSquares(int n, int d, long seed) {
      Random r = new Random(seed);
      this.n = n;
      this.d = d;
      inputs = new double[n * d];
      for (int i = 0; i < inputs.length; i++) inputs[i] = r.nextGaussian();
      minimizer = new double[d];
      for (int j = 0; j < d; j++) minimizer[j] = r.nextGaussian();
      targets = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) s += inputs[i * d + j] * minimizer[j];
        targets[i] = s;
      }
    }

    @Override
    public int dimension() {
      return d;
    }

    @Override
    public int exampleCount() {
      return n;
    }

    private double residual(int i, double[] w) {
      double s = -targets[i];
      for (int j = 0; j < d; j++) s += inputs[i * d + j] * w[j];
      return s;
    }

    @Override
    public double value(double[] w) {
      double f = 0;
      for (int i = 0; i < n; i++) {
        double e = residual(i, w);
        f += 0.5 * e * e;
      }
      return f / n;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      java.util.Arrays.fill(gradient, 0.0);
      double f = 0;
      for (int i = 0; i < n; i++) {
        double e = residual(i, w);
        f += 0.5 * e * e;
        for (int j = 0; j < d; j++) gradient[j] += e * inputs[i * d + j];
      }
      for (int j = 0; j < d; j++) gradient[j] /= n;
      return f / n;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient, int[] batch, int batchSize) {
      java.util.Arrays.fill(gradient, 0.0);
      double f = 0;
      for (int b = 0; b < batchSize; b++) {
        int i = batch[b];
        double e = residual(i, w);
        f += 0.5 * e * e;
        for (int j = 0; j < d; j++) gradient[j] += e * inputs[i * d + j];
      }
      for (int j = 0; j < d; j++) gradient[j] /= batchSize;
      return f / batchSize;
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      java.util.Arrays.fill(result, 0.0);
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) s += inputs[i * d + j] * v[j];
        for (int j = 0; j < d; j++) result[j] += s * inputs[i * d + j];
      }
      for (int j = 0; j < d; j++) result[j] /= n;
    }

    @Override
    public StochasticObjective copy() {
      return this;
    }
  }

  /**
   * Chained Rosenbrock f(x) = sum_{i&lt;n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2 (Dixon &amp; Mills 1994
   * variant), minimizer (1, ..., 1) with f* = 0, Hessian tridiagonal and non-singular there.
   */
  static final class Rosenbrock implements Objective {
    final int n;

    Rosenbrock(int n) {
      this.n = n;
    }

    /** The classical start (-1.2, 1, -1.2, 1, ...). */
    double[] standardStart() {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) x[i] = i % 2 == 0 ? -1.2 : 1.0;
      return x;
    }

    @Override
    public int dimension() {
      return n;
    }

    @Override
    public double value(double[] x) {
      double f = 0;
      for (int i = 0; i < n - 1; i++) {
        double t = x[i + 1] - x[i] * x[i];
        double u = 1 - x[i];
        f += 100 * t * t + u * u;
      }
      return f;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      java.util.Arrays.fill(g, 0.0);
      double f = 0;
      for (int i = 0; i < n - 1; i++) {
        double t = x[i + 1] - x[i] * x[i];
        double u = 1 - x[i];
        f += 100 * t * t + u * u;
        g[i] += -400 * x[i] * t - 2 * u;
        g[i + 1] += 200 * t;
      }
      return f;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] result) {
      java.util.Arrays.fill(result, 0.0);
      for (int i = 0; i < n - 1; i++) {
        double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
        double hij = -400 * x[i];
        result[i] += hii * v[i] + hij * v[i + 1];
        result[i + 1] += hij * v[i] + 200 * v[i + 1];
      }
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /**
   * L2-regularized logistic regression f(w) = (1/n) sum_i [log(1 + e^{z_i}) - y_i z_i] + (l2/2)
   * ||w||^2, z_i = x_i . w, on seeded Gaussian features with labels drawn from a logistic model
   * (so the classes overlap and the minimizer is finite even without l2). Strictly convex for l2 &gt;
   * 0; the minimizer has no closed form, tests use a polished reference.
   */
  static final class LogisticRegression implements StochasticObjective {
    final int n;
    final int d;
    final double[] inputs;
    final double[] labels;
    final double l2;

    LogisticRegression(int n, int d, double l2, long seed) {
      Random r = new Random(seed);
      this.n = n;
      this.d = d;
      this.l2 = l2;
      inputs = new double[n * d];
      for (int i = 0; i < inputs.length; i++) inputs[i] = r.nextGaussian();
      double[] truth = new double[d];
      for (int j = 0; j < d; j++) truth[j] = r.nextGaussian();
      labels = new double[n];
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j < d; j++) z += inputs[i * d + j] * truth[j];
        labels[i] = r.nextDouble() < sigmoid(z) ? 1 : 0;
      }
    }

    static double sigmoid(double z) {
      return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** log(1 + e^z) without overflow. */
    static double softplus(double z) {
      return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    private double margin(int i, double[] w) {
      double z = 0;
      for (int j = 0; j < d; j++) z += inputs[i * d + j] * w[j];
      return z;
    }

    private double regularizer(double[] w) {
      double s = 0;
      for (double v : w) s += v * v;
      return 0.5 * l2 * s;
    }

    @Override
    public int dimension() {
      return d;
    }

    @Override
    public int exampleCount() {
      return n;
    }

    @Override
    public double value(double[] w) {
      double f = 0;
      for (int i = 0; i < n; i++) {
        double z = margin(i, w);
        f += softplus(z) - labels[i] * z;
      }
      return f / n + regularizer(w);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      return accumulate(w, gradient, null, n);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient, int[] batch, int batchSize) {
      return accumulate(w, gradient, batch, batchSize);
    }

    private double accumulate(double[] w, double[] gradient, int[] batch, int count) {
      java.util.Arrays.fill(gradient, 0.0);
      double f = 0;
      for (int b = 0; b < count; b++) {
        int i = batch == null ? b : batch[b];
        double z = margin(i, w);
        f += softplus(z) - labels[i] * z;
        double e = sigmoid(z) - labels[i];
        for (int j = 0; j < d; j++) gradient[j] += e * inputs[i * d + j];
      }
      for (int j = 0; j < d; j++) gradient[j] = gradient[j] / count + l2 * w[j];
      return f / count + regularizer(w);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      java.util.Arrays.fill(result, 0.0);
      for (int i = 0; i < n; i++) {
        double z = margin(i, w);
        double s = sigmoid(z);
        double xv = 0;
        for (int j = 0; j < d; j++) xv += inputs[i * d + j] * v[j];
        double c = s * (1 - s) * xv;
        for (int j = 0; j < d; j++) result[j] += c * inputs[i * d + j];
      }
      for (int j = 0; j < d; j++) result[j] = result[j] / n + l2 * v[j];
    }

    @Override
    public StochasticObjective copy() {
      return this;
    }
  }

  /**
   * f(x) = -x_0 + (1/2) sum_{i&gt;0} x_i^2 for x_0 &lt;= wall, NaN beyond (value and gradient): every
   * descent method walks along +x_0 into the wall. A mean over {@code n} identical examples, so
   * minibatch SGD sees the same function.
   */
  static final class NanWall implements StochasticObjective {
    final int d;
    final int n;
    final double wall;

    NanWall(int d, int n, double wall) {
      this.d = d;
      this.n = n;
      this.wall = wall;
    }

    @Override
    public int dimension() {
      return d;
    }

    @Override
    public int exampleCount() {
      return n;
    }

    @Override
    public double value(double[] x) {
      if (!(x[0] <= wall)) return Double.NaN;
      double f = -x[0];
      for (int i = 1; i < d; i++) f += 0.5 * x[i] * x[i];
      return f;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      if (!(x[0] <= wall)) {
        java.util.Arrays.fill(g, Double.NaN);
        return Double.NaN;
      }
      g[0] = -1;
      for (int i = 1; i < d; i++) g[i] = x[i];
      return value(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] g, int[] batch, int batchSize) {
      return valueAndGradient(x, g);
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] result) {
      result[0] = x[0] <= wall ? 0 : Double.NaN;
      for (int i = 1; i < d; i++) result[i] = v[i];
    }

    @Override
    public StochasticObjective copy() {
      return this;
    }
  }

  /**
   * f(x, y) = x^2 - y^2 + (confinement/2) y^4: a saddle at the origin (Hessian diag(2, -2)); with
   * confinement c &gt; 0 minima at (0, +-1/sqrt(c)) with Hessian diag(2, 4), with c = 0 unbounded below.
   */
  static final class Saddle implements Objective {
    final double confinement;

    Saddle(double confinement) {
      this.confinement = confinement;
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public double value(double[] w) {
      double x = w[0];
      double y = w[1];
      return x * x - y * y + 0.5 * confinement * y * y * y * y;
    }

    @Override
    public double valueAndGradient(double[] w, double[] g) {
      double x = w[0];
      double y = w[1];
      g[0] = 2 * x;
      g[1] = -2 * y + 2 * confinement * y * y * y;
      return value(w);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      double y = w[1];
      result[0] = 2 * v[0];
      result[1] = (-2 + 6 * confinement * y * y) * v[1];
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  /** Counts the calls reaching the wrapped objective, independently of the optimizers' own counts. */
  static class Counting implements Objective {
    final Objective delegate;
    long values;
    long gradients;
    long products;

    Counting(Objective delegate) {
      this.delegate = delegate;
    }

    static Counting of(Objective delegate) {
      return delegate instanceof StochasticObjective s ? new CountingStochastic(s) : new Counting(delegate);
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public double value(double[] w) {
      values++;
      return delegate.value(w);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
      gradients++;
      return delegate.valueAndGradient(w, gradient);
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] result) {
      products++;
      delegate.hessianVectorProduct(w, v, result);
    }

    @Override
    public Objective copy() {
      return of(delegate.copy());
    }
  }

  /** {@link Counting} for stochastic objectives, also counting minibatch calls. */
  static final class CountingStochastic extends Counting implements StochasticObjective {
    final StochasticObjective stochastic;
    long minibatches;

    CountingStochastic(StochasticObjective delegate) {
      super(delegate);
      this.stochastic = delegate;
    }

    @Override
    public int exampleCount() {
      return stochastic.exampleCount();
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient, int[] batch, int batchSize) {
      minibatches++;
      return stochastic.valueAndGradient(w, gradient, batch, batchSize);
    }

    @Override
    public StochasticObjective copy() {
      return new CountingStochastic(stochastic.copy());
    }
  }
}

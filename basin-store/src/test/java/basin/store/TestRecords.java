package basin.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic catalog rows for tests: start i of a study is a pure function of (study seed, i),
 * drawn from its own stream, like a real start. The values cover the awkward cases: NaN accuracies
 * (stored as NULL), unknown Hessian and kink counts, infinities, a missing class, missing vectors;
 * certified starts are smooth (0 active kinks) or on kinks (17 or 34).
 */
final class TestRecords {
  private TestRecords() {}

  static final String SPEC = "{\"model\": {\"widths\": [4, 8, 1], \"activation\": \"tanh\"},"
      + " \"optimizer\": {\"name\": \"lbfgs\", \"lr\": 0.1}, \"starts\": 1000}";
  /** The same study as {@link #SPEC}: keys reordered, white space changed. */
  static final String SPEC_REFORMATTED = "{\"starts\":1000,\"optimizer\":{\"lr\":0.1,\"name\":\"lbfgs\"},"
      + "\"model\":{\"activation\":\"tanh\",\"widths\":[4,8,1]}}";
  static final Map<String, String> PROVENANCE = Map.of("basin.version", "0.1.0-SNAPSHOT", "jdk", "17",
      "os", "linux", "cores", "2");

  private static final String[] STATUS = {"CONVERGED", "CONVERGED", "CONVERGED", "MAX_ITERATIONS", "DIVERGED"};
  private static final String[] CLASS = {"minimum", "saddle", "degenerate-minimum", null};

  /** Start {@code index} of the study with seed {@code studySeed}: P = {@code dimension}. */
  static StartRecord start(long studySeed, int index, int dimension, long wallMillis) {
    SplittableRandom r = new SplittableRandom(studySeed * 0x9E3779B97F4A7C15L + index);
    int kind = r.nextInt(STATUS.length);
    String status = STATUS[kind];
    boolean certified = r.nextInt(4) != 0;
    double[] parameters = r.nextInt(10) == 0 ? null : gaussian(r, dimension);
    double[] canonical = parameters == null || r.nextInt(5) == 0 ? null : sortedCopy(parameters);
    double trainLoss = status.equals("DIVERGED") ? Double.POSITIVE_INFINITY : Math.abs(r.nextGaussian()) * 1e-3;
    int negative = certified ? r.nextInt(3) : StartRecord.UNKNOWN_COUNT;
    long seed = r.nextLong();
    String criticalClass = certified ? CLASS[r.nextInt(CLASS.length)] : null;
    double testLoss = trainLoss + r.nextDouble();
    double trainAccuracy = r.nextBoolean() ? Double.NaN : r.nextDouble();
    double testAccuracy = r.nextBoolean() ? Double.NaN : r.nextDouble();
    double gradientNorm = r.nextDouble() * 1e-7;
    long iterations = r.nextInt(5000);
    long gradients = r.nextInt(6000);
    long hvps = r.nextInt(100);
    double smallest = certified ? r.nextGaussian() * 1e-3 : Double.NaN;
    double largest = certified ? 10 * r.nextDouble() : Double.NaN;
    int zero = certified ? r.nextInt(4) : StartRecord.UNKNOWN_COUNT;
    int kinks = certified ? 17 * r.nextInt(3) : StartRecord.UNKNOWN_COUNT;
    // the data loss is the objective without a made-up L2 term, unknown for some rows
    double dataLoss = r.nextInt(5) == 0 ? Double.NaN : trainLoss - 1e-4 * r.nextDouble();
    return new StartRecord(index, seed, new StartRecord.Outcome(status, criticalClass, gradientNorm, kinks),
        new StartRecord.Losses(trainLoss, dataLoss, testLoss, trainAccuracy, testAccuracy),
        new StartRecord.Curvature(smallest, largest, negative, zero, certified ? (double) negative / dimension : Double.NaN),
        new StartRecord.Effort(iterations, gradients, hvps, wallMillis), parameters, canonical);
  }

  static StartRecord start(long studySeed, int index, int dimension) {
    return start(studySeed, index, dimension, 1000 + index);
  }

  /**
   * Minima over starts 0..n-1: start i belongs to minimum i % k; the representative is the smallest
   * member. Parameters of length {@code dimension}; minimum 1 (if any) has no canonical vector and a
   * NaN nearest distance (stored as NULL).
   */
  static List<MinimumRecord> minima(long studySeed, int n, int k, int dimension) {
    List<MinimumRecord> out = new ArrayList<>();
    for (int m = 0; m < k; m++) {
      int count = 0;
      for (int i = m; i < n; i += k) {
        count++;
      }
      int[] members = new int[count];
      for (int i = m, j = 0; i < n; i += k) {
        members[j++] = i;
      }
      SplittableRandom r = new SplittableRandom(studySeed + 31L * m);
      double[] parameters = gaussian(r, dimension);
      double objective = r.nextDouble() * 1e-3;
      StartRecord.Losses losses = new StartRecord.Losses(objective, objective * 0.5, r.nextDouble(), r.nextDouble(),
          r.nextBoolean() ? Double.NaN : r.nextDouble());
      double gradientNorm = r.nextDouble() * 1e-9;
      StartRecord.Curvature curvature = new StartRecord.Curvature(r.nextDouble() * 1e-4, 5 + r.nextDouble(),
          m == 3 ? StartRecord.UNKNOWN_COUNT : 0, m == 2 ? StartRecord.UNKNOWN_COUNT : r.nextInt(3),
          m == 3 ? Double.NaN : 0.0);
      out.add(new MinimumRecord(m, m, members, losses, gradientNorm, curvature,
          m == 1 ? Double.NaN : 0.5 + 3 * r.nextDouble(), parameters, m == 1 ? null : sortedCopy(parameters)));
    }
    return out;
  }

  private static double[] gaussian(SplittableRandom r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  private static double[] sortedCopy(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c;
  }
}

package basin.study;

import basin.store.Row;
import basin.study.stats.Proportion;
import basin.study.stats.QuantileInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch-sharpness table summarized: per batch size the medians of the top Hessian eigenvalue,
 * epsilon-sharpness, training and test loss at the end points, each with a distribution-free 95%
 * interval from order statistics ({@link QuantileInterval}; open bounds for n &lt;= 5); and the
 * paired comparison of the smallest batch size with the largest over the starts that have both:
 * the median of the per-start differences (small minus large) with its interval and the share of
 * starts where the small batch's value is the lower one (Wilson 95%; Keskar et al. predict a lower
 * sharpness for the small batch). End points with a NaN measure (a diverged run) are left out of
 * that measure.
 *
 * @param batches one per batch size, in batch order
 * @param paired small against large, or null when fewer than two batch sizes were run
 */
public record BatchSharpnessSummary(List<Batch> batches, Paired paired) {

  static final double CONFIDENCE = 0.95;

  /**
   * @param batch the batch size as given
   * @param batchSize examples per minibatch
   * @param starts rows of this batch size
   * @param iterations median minibatch steps
   * @param lambdaMax median top eigenvalue of the data-loss Hessian, with its interval
   * @param sharpness median epsilon-sharpness, with its interval
   * @param trainLoss median training data loss
   * @param testLoss median test loss, with its interval
   * @param testAccuracy median test accuracy
   * @param minima polished points certified minima (0 without --polish)
   * @param minimumLambdaMax median top eigenvalue at the polished points that are minima (NaN without)
   * @param minimumTestLoss median test loss there
   */
  public record Batch(String batch, long batchSize, int starts, double iterations, QuantileInterval lambdaMax, QuantileInterval sharpness,
      QuantileInterval trainLoss, QuantileInterval testLoss, double testAccuracy, int minima, double minimumLambdaMax,
      double minimumTestLoss) {}

  /**
   * One measure compared between the small and the large batch on the same starts.
   *
   * @param measure column name
   * @param difference median of small - large, with its interval
   * @param smallLower starts where the small batch's value is below the large batch's
   */
  public record Difference(String measure, QuantileInterval difference, Proportion smallLower) {}

  /**
   * @param small the smallest batch size (as given)
   * @param large the largest
   * @param pairs starts with rows for both
   * @param differences lambda_max, epsilon_sharpness, train_loss, test_loss, and with --polish minimum_lambda_max
   * @param sameMinimum pairs whose polished points are the same minimum (-1 without --polish)
   */
  public record Paired(String small, String large, int pairs, List<Difference> differences, int sameMinimum) {}

  /** Summarizes rows of {@link BatchSharpnessRunner#TABLE}, in any order. */
  public static BatchSharpnessSummary of(List<Row> rows) {
    Map<Long, List<Row>> byBatch = new TreeMap<>();
    for (Row r : rows) byBatch.computeIfAbsent(r.getLong("batch"), k -> new ArrayList<>()).add(r);
    List<Batch> batches = new ArrayList<>();
    long smallIndex = -1;
    long largeIndex = -1;
    long smallSize = Long.MAX_VALUE;
    long largeSize = Long.MIN_VALUE;
    for (Map.Entry<Long, List<Row>> e : byBatch.entrySet()) {
      List<Row> g = e.getValue();
      int minima = 0;
      List<Row> atMinima = new ArrayList<>();
      for (Row r : g) {
        if (!r.isNull("minimum_class") && r.getText("minimum_class").endsWith("_MINIMUM")) {
          minima++;
          atMinima.add(r);
        }
      }
      long size = g.get(0).getLong("batch_size");
      batches.add(new Batch(g.get(0).getText("batch_text"), size, g.size(), median(column(g, "iterations")),
          interval(column(g, "lambda_max")), interval(column(g, "epsilon_sharpness")), interval(column(g, "train_loss")),
          interval(column(g, "test_loss")), median(column(g, "test_accuracy")), minima, median(column(atMinima, "minimum_lambda_max")),
          median(column(atMinima, "minimum_test_loss"))));
      if (size < smallSize) {
        smallSize = size;
        smallIndex = e.getKey();
      }
      if (size > largeSize) {
        largeSize = size;
        largeIndex = e.getKey();
      }
    }
    if (byBatch.size() < 2) return new BatchSharpnessSummary(batches, null);
    Map<Long, Row> small = byStart(byBatch.get(smallIndex));
    Map<Long, Row> large = byStart(byBatch.get(largeIndex));
    List<Row[]> pairs = new ArrayList<>();
    for (Map.Entry<Long, Row> e : small.entrySet()) {
      Row l = large.get(e.getKey());
      if (l != null) pairs.add(new Row[] {e.getValue(), l});
    }
    boolean polished = !pairs.isEmpty() && pairs.get(0)[0].getLong("polished") == 1;
    List<String> measures = new ArrayList<>(List.of("lambda_max", "epsilon_sharpness", "train_loss", "test_loss"));
    if (polished) measures.addAll(List.of("minimum_lambda_max", "minimum_test_loss"));
    List<Difference> differences = new ArrayList<>();
    for (String m : measures) {
      double[] d = new double[pairs.size()];
      int lower = 0;
      int both = 0;
      for (int i = 0; i < pairs.size(); i++) {
        double a = pairs.get(i)[0].getDouble(m);
        double b = pairs.get(i)[1].getDouble(m);
        d[i] = a - b;
        if (!Double.isNaN(d[i])) {
          both++;
          if (a < b) lower++;
        }
      }
      differences.add(new Difference(m, interval(d), both == 0 ? null : Proportion.of(lower, both, CONFIDENCE)));
    }
    int same = -1;
    if (polished) {
      same = 0;
      for (Row[] p : pairs) {
        Row later = p[0].getLong("batch") > p[1].getLong("batch") ? p[0] : p[1];
        Row earlier = later == p[0] ? p[1] : p[0];
        if (!later.isNull("same_minimum_as") && later.getLong("same_minimum_as") == earlier.getLong("batch")
            && later.getText("minimum_class").endsWith("_MINIMUM")) {
          same++;
        }
      }
    }
    return new BatchSharpnessSummary(batches, new Paired(byBatch.get(smallIndex).get(0).getText("batch_text"),
        byBatch.get(largeIndex).get(0).getText("batch_text"), pairs.size(), differences, same));
  }

  private static Map<Long, Row> byStart(List<Row> rows) {
    Map<Long, Row> out = new TreeMap<>();
    for (Row r : rows) out.put(r.getLong("start_index"), r);
    return out;
  }

  private static double[] column(List<Row> rows, String name) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Row r = rows.get(i);
      out[i] = r.isNull(name) ? Double.NaN : r.table().column(name).type() == basin.store.Column.Type.INTEGER ? r.getLong(name) : r.getDouble(name);
    }
    return out;
  }

  private static QuantileInterval interval(double[] values) {
    return QuantileInterval.of(values, 0.5, CONFIDENCE);
  }

  private static double median(double[] values) {
    return interval(values).estimate();
  }

  /**
   * The summary as CSV in long form: {@code group,measure,n,median,lower,upper,coverage,small_lower,small_lower_share}, one line per batch
   * size and measure (group = the batch size as given), then one per paired measure (group = SMALL-LARGE, the median and interval of
   * the differences, and the starts where the small batch is lower). Numbers with 17 significant digits, empty for NaN.
   */
  public String toCsv() {
    StringBuilder b = new StringBuilder("group,measure,n,median,lower,upper,coverage,small_lower,small_lower_share\n");
    for (Batch s : batches) {
      line(b, s.batch(), "lambda_max", s.lambdaMax(), null);
      line(b, s.batch(), "epsilon_sharpness", s.sharpness(), null);
      line(b, s.batch(), "train_loss", s.trainLoss(), null);
      line(b, s.batch(), "test_loss", s.testLoss(), null);
    }
    if (paired != null) {
      for (Difference d : paired.differences()) line(b, paired.small() + "-" + paired.large(), d.measure(), d.difference(), d.smallLower());
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String group, String measure, QuantileInterval q, Proportion p) {
    b.append(group).append(',').append(measure).append(',').append(q.count());
    for (double v : new double[] {q.estimate(), q.lower(), q.upper(), q.coverage()}) b.append(',').append(number(v));
    if (p == null) b.append(",,");
    else b.append(',').append(p.successes()).append(',').append(number((double) p.successes() / p.trials()));
    b.append('\n');
  }

  private static String number(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return String.format(Locale.ROOT, "%.17g", v);
  }
}

package basin.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary of hand-made rows: medians, paired differences and counts that can be worked out by
 * hand. Exact comparisons where the arithmetic is one subtraction or a type-7 median of an odd
 * count (an order statistic); 1e-15 absolute where a median averages two values.
 */
class BatchSharpnessSummaryTest {

  /** A row with the measures given; NaN for none. */
  static Row row(int start, int batch, String text, int size, double lambda, double sharpness, double test, String minimumClass,
      Integer sameAs) {
    Row.Builder b = BatchSharpnessRunner.TABLE.row().set("start_index", start).set("batch", batch).set("batch_text", text)
        .set("batch_size", size).set("optimizer", "sgd:batch=" + size).set("epochs", 10).set("iterations", 10L * (1000 / size))
        .set("status", "MAX_ITERATIONS").set("lambda_max", lambda).set("epsilon_sharpness", sharpness).set("train_loss", 0.1)
        .set("test_loss", test).set("test_accuracy", 0.9).set("epsilon", 1e-3).set("polished", minimumClass == null ? 0 : 1);
    if (minimumClass != null) b.set("minimum_class", minimumClass).set("minimum_lambda_max", lambda / 2).set("minimum_test_loss", test);
    if (sameAs != null) b.set("same_minimum_as", sameAs);
    return b.build();
  }

  @Test
  void perBatchMediansAndPairedDifferences() {
    List<Row> rows = new ArrayList<>();
    // listed large first: the summary pairs the smallest batch size with the largest, whatever their order
    double[] large = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0};
    double[] small = {0.5, 1.0, 3.5, 2.0, 2.5, 3.0, 3.5}; // differences -0.5, -1, 0.5, -2, -2.5, -3, -3.5
    for (int s = 0; s < 7; s++) {
      rows.add(row(s, 0, "full", 1000, large[s], 10 * large[s], 1.0, null, null));
      rows.add(row(s, 1, "16", 16, small[s], 10 * small[s], s == 3 ? Double.NaN : 0.8, null, null));
    }
    BatchSharpnessSummary summary = BatchSharpnessSummary.of(rows);
    assertEquals(2, summary.batches().size());
    BatchSharpnessSummary.Batch full = summary.batches().get(0);
    assertEquals("full", full.batch());
    assertEquals(7, full.starts());
    assertEquals(4.0, full.lambdaMax().estimate());
    assertEquals(40.0, full.sharpness().estimate());
    assertEquals(1.0, full.lambdaMax().lower(), "n = 7: the 95% interval of the median is [x_(1), x_(7)]");
    assertEquals(7.0, full.lambdaMax().upper());
    assertEquals(0, full.minima());
    assertTrue(Double.isNaN(full.minimumLambdaMax()));
    BatchSharpnessSummary.Batch b16 = summary.batches().get(1);
    assertEquals(2.5, b16.lambdaMax().estimate());
    assertEquals(6, b16.testLoss().count(), "the NaN test loss is left out");

    BatchSharpnessSummary.Paired p = summary.paired();
    assertEquals("16", p.small());
    assertEquals("full", p.large());
    assertEquals(7, p.pairs());
    assertEquals(-1, p.sameMinimum(), "not polished");
    BatchSharpnessSummary.Difference lambda = p.differences().get(0);
    assertEquals("lambda_max", lambda.measure());
    assertEquals(-2.0, lambda.difference().estimate(), "median of -3.5, -3, -2.5, -2, -1, -0.5, 0.5");
    assertEquals(6, lambda.smallLower().successes());
    assertEquals(7, lambda.smallLower().trials());
    BatchSharpnessSummary.Difference test = p.differences().get(3);
    assertEquals("test_loss", test.measure());
    assertEquals(6, test.smallLower().trials(), "start 3 has no test loss for batch 16");
    assertEquals(-0.2, test.difference().estimate(), 1e-15);
    assertEquals(4, p.differences().size(), "no minimum measures without --polish");

    String csv = summary.toCsv();
    assertEquals(1 + 2 * 4 + 4, csv.lines().count(), csv);
    assertTrue(csv.contains("\n16-full,lambda_max,7,-2.0000000000000000,"), csv);
  }

  @Test
  void polishedPairsCountTheSameMinimum() {
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      rows.add(row(s, 0, "8", 8, 1.0, 1.0, 1.0, "STRICT_MINIMUM", 0));
      // start 0: the same minimum as batch 0; start 1: another; start 2: not a minimum
      rows.add(row(s, 1, "full", 100, 2.0, 2.0, 1.0, s == 2 ? "SADDLE" : "STRICT_MINIMUM", s == 0 ? 0 : 1));
    }
    BatchSharpnessSummary summary = BatchSharpnessSummary.of(rows);
    assertEquals(1, summary.paired().sameMinimum());
    assertEquals(3, summary.batches().get(0).minima());
    assertEquals(2, summary.batches().get(1).minima());
    assertEquals(6, summary.paired().differences().size());
    assertEquals(-0.5, summary.paired().differences().get(4).difference().estimate(), "minimum_lambda_max: 0.5 - 1");
  }

  @Test
  void oneBatchSizeHasNoPairs() {
    BatchSharpnessSummary summary = BatchSharpnessSummary.of(List.of(row(0, 0, "full", 100, 1.0, 1.0, 1.0, null, null)));
    assertNull(summary.paired());
    assertEquals(1, summary.batches().size());
  }
}

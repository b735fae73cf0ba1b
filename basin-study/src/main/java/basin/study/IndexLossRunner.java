package basin.study;

import basin.core.InputException;
import basin.landscape.saddle.IndexLossFit;
import basin.store.Catalog;
import basin.store.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Index against loss over the certified critical points of a catalog's {@code critical_points}
 * table (minima, index 0, and saddles; gradient-flat and unconverged points are left out): the
 * points (loss, index fraction), with the test loss where the subject has test data, and the fits
 * of {@link IndexLossFit} against the training objective and against the test loss. Reads the
 * catalog only; a pure function of (catalog, config).
 */
public final class IndexLossRunner {
  private IndexLossRunner() {}

  /**
   * One certified critical point.
   *
   * @param pointId point_id in critical_points
   * @param kind MINIMUM or SADDLE
   * @param loss the training objective there
   * @param testLoss the test data loss there, NaN without test data
   * @param index the Hessian index
   * @param indexFraction index / P
   */
  public record Point(long pointId, String kind, double loss, double testLoss, long index, double indexFraction) {}

  /**
   * @param subject the subject's description
   * @param points the certified points, by point_id
   * @param train the fits against the training objective
   * @param test the fits against the test loss, or null when a point has no test loss
   */
  public record Result(String subject, List<Point> points, IndexLossFit.Result train, IndexLossFit.Result test) {}

  /** Reads the points and fits them; one-line errors when the table is missing or too small. */
  public static Result run(Path catalogFile, IndexLossFit.Config config) {
    List<Row> rows;
    StudySubject subject;
    try (Catalog c = Catalog.open(catalogFile)) {
      rows = c.rows(SaddleRunner.TABLE);
      subject = StudySubjects.of(StudySpec.fromCanonicalJson(c.specJson()), catalogFile.toAbsolutePath().getParent());
    }
    StudySubject.Evaluator evaluator = subject.newEvaluator();
    List<Point> points = new ArrayList<>();
    boolean allTest = true;
    for (Row r : rows) {
      String kind = r.getText("kind");
      if (!"MINIMUM".equals(kind) && !"SADDLE".equals(kind)) continue;
      long index = r.getLong("hessian_index");
      if (index < 0) continue;
      double test = evaluator.evaluate(r.getVector("parameters")).testLoss();
      allTest &= Double.isFinite(test);
      points.add(new Point(r.getLong("point_id"), kind, r.getDouble("objective"), test, index, r.getDouble("index_fraction")));
    }
    if (points.size() < IndexLossFit.MIN_POINTS) {
      throw new InputException("catalog " + catalogFile + " has " + points.size() + " certified critical points in critical_points; the "
          + "index-vs-loss fit needs at least " + IndexLossFit.MIN_POINTS + " (run basin saddles, with more --starts)");
    }
    double[] loss = new double[points.size()];
    double[] testLoss = new double[points.size()];
    double[] fraction = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      loss[i] = points.get(i).loss();
      testLoss[i] = points.get(i).testLoss();
      fraction[i] = points.get(i).indexFraction();
    }
    IndexLossFit.Result train = IndexLossFit.fit(loss, fraction, config);
    IndexLossFit.Result test = allTest ? IndexLossFit.fit(testLoss, fraction, config) : null;
    return new Result(subject.describe(), points, train, test);
  }
}

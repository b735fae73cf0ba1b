package basin.cli;

import basin.core.InputException;
import basin.study.AnalysisPoint;
import basin.study.StudySubject;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The point an analysis looks at: a catalog's minimum, or a .npy point with the objective of a catalog, a spec or a name. */
final class PointOptions {

  @Option(names = "--minimum", paramLabel = "ID", description = "A distinct minimum of CATALOG (its minimum_id).")
  Integer minimum;

  @Option(names = "--point", paramLabel = "W.npy", description = "A point (a .npy of the P parameters) instead of a minimum; the objective "
      + "comes from CATALOG's spec, --spec or --objective.")
  Path point;

  @Option(names = "--spec", paramLabel = "SPEC", description = "A study spec file whose objective --point belongs to.")
  Path specFile;

  @Option(names = "--objective", paramLabel = "NAME", description = "A closed-form objective or test function whose point --point is (basin objectives list).")
  String objective;

  /** The point and its subject; bad combinations are refused naming the options. */
  AnalysisPoint resolve(Path catalog) {
    if (minimum != null) {
      if (point != null || specFile != null || objective != null) {
        throw new InputException("--minimum takes its point and objective from CATALOG; leave out --point, --spec and --objective");
      }
      if (catalog == null) throw new InputException("--minimum " + minimum + " needs a CATALOG");
      return AnalysisPoint.ofMinimum(catalog, minimum);
    }
    if (point == null) throw new InputException("give CATALOG --minimum ID, or --point W.npy with CATALOG, --spec SPEC or --objective NAME");
    int sources = (catalog != null ? 1 : 0) + (specFile != null ? 1 : 0) + (objective != null ? 1 : 0);
    if (sources != 1) {
      throw new InputException("--point needs exactly one objective: CATALOG, --spec SPEC or --objective NAME (got " + sources + ")");
    }
    StudySubject subject = catalog != null ? AnalysisPoint.subjectOfCatalog(catalog)
        : specFile != null ? AnalysisPoint.subjectOfSpec(specFile) : AnalysisPoint.subjectOfObjective(objective);
    return AnalysisPoint.ofFile(subject, point);
  }
}

package basin.study;

import basin.core.InputException;
import basin.core.io.Npy;
import basin.core.io.NpyArray;
import basin.store.Catalog;
import basin.store.MinimumRecord;
import java.nio.file.Path;

/**
 * A point to analyse and the subject (objective, test objective, symmetries) it belongs to: a
 * distinct minimum of a catalog, or a parameter vector from a .npy file with the objective of a
 * catalog's spec, of a study spec file, or of a named closed-form objective. Used by the
 * analyses that take "a minimum or any point" (surfaces, spectra).
 *
 * @param subject what the point is a point of
 * @param parameters the point, length {@code subject.dimension()}
 * @param label how reports name it ("minimum 3 of runs/a.db", "w.npy")
 */
public record AnalysisPoint(StudySubject subject, double[] parameters, String label) {

  /** Minimum {@code id} of a catalog (the minima table as stored, recomputed when stale), with the catalog's subject. */
  public static AnalysisPoint ofMinimum(Path catalogFile, int id) {
    try (Catalog catalog = Catalog.open(catalogFile)) {
      StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
      MinimumRecord found = null;
      StringBuilder ids = new StringBuilder();
      for (MinimumRecord m : StudyMinima.current(catalog).minima()) {
        if (m.minimumId() == id) found = m;
        if (ids.length() < 60) ids.append(ids.length() == 0 ? "" : ", ").append(m.minimumId());
      }
      if (found == null) {
        throw new InputException("--minimum " + id + ": catalog " + catalogFile + " has no such minimum"
            + (ids.length() == 0 ? " (it has no minima yet)" : " (ids: " + ids + (ids.length() >= 60 ? ", ..." : "") + ")"));
      }
      StudySubject subject = StudySubjects.of(spec, catalogFile.toAbsolutePath().getParent());
      return new AnalysisPoint(subject, found.parameters(), "minimum " + id + " of " + catalogFile);
    }
  }

  /** The subject of a catalog's study. */
  public static StudySubject subjectOfCatalog(Path catalogFile) {
    try (Catalog catalog = Catalog.open(catalogFile)) {
      return StudySubjects.of(StudySpec.fromCanonicalJson(catalog.specJson()), catalogFile.toAbsolutePath().getParent());
    }
  }

  /** The subject of a study spec file. */
  public static StudySubject subjectOfSpec(Path specFile) {
    return StudySubjects.of(StudySpec.read(specFile), specFile.toAbsolutePath().getParent());
  }

  /** A closed-form objective or test function by name (as a spec's {@code objective}). */
  public static StudySubject subjectOfObjective(String name) {
    return StudySubjects.of(new StudySpec("point", name, null, null, null, null, null, null, 1, 1L, null).withDefaults(), null);
  }

  /**
   * The point in a .npy file (any shape holding exactly P numbers, e.g. (P,) or (1, P)).
   *
   * @throws InputException naming the file when it cannot be read or holds another number of values
   */
  public static AnalysisPoint ofFile(StudySubject subject, Path npy) {
    NpyArray a = Npy.read(npy);
    if (a.data().length != subject.dimension()) {
      throw new InputException(npy + ": holds " + a.data().length + " numbers (shape " + NpyArray.formatShape(a.shape()) + "), expected the "
          + subject.dimension() + " parameters of " + subject.describe());
    }
    for (int i = 0; i < a.data().length; i++) {
      if (!Double.isFinite(a.data()[i])) throw new InputException(npy + ": element " + i + " is " + a.data()[i] + ", expected finite parameters");
    }
    return new AnalysisPoint(subject, a.data(), npy.toString());
  }
}

package basin.study;

import java.nio.file.Path;

/** The subject a spec names: {@link StudyProblem} for {@code mlp}, {@link ClosedFormSubject} otherwise. */
public final class StudySubjects {
  private StudySubjects() {}

  /**
   * @param spec a spec with defaults filled
   * @param baseDirectory the spec file's directory, against which relative file names in the
   *     objective resolve; null for the working directory
   */
  public static StudySubject of(StudySpec spec, Path baseDirectory) {
    return spec.isMlp() ? new StudyProblem(spec, baseDirectory) : ClosedFormSubject.of(spec, baseDirectory);
  }

  /**
   * The subject of a catalog's spec, checked to be the objective the catalog was made from: a data
   * or teacher file that changed since would make an analysis describe another objective.
   *
   * @param catalog the open catalog
   * @param catalogFile its file, for messages and as the default base directory
   * @param baseDirectory where relative file names of the spec resolve; the catalog's directory when null
   * @param consequence what the analysis would get wrong, for the message ("flatness would describe other minima")
   * @throws basin.core.InputException when the inputs changed
   */
  public static StudySubject ofCatalog(basin.store.Catalog catalog, Path catalogFile, Path baseDirectory, String consequence) {
    StudySpec spec = StudySpec.fromCanonicalJson(catalog.specJson());
    Path base = baseDirectory != null ? baseDirectory : catalogFile.toAbsolutePath().getParent();
    StudySubject subject = of(spec, base);
    String stored = catalog.provenance().get(StudyRunner.INPUTS_HASH);
    if (stored != null && !stored.equals(subject.inputsHash())) {
      throw new basin.core.InputException("catalog " + catalogFile + " was made from different inputs than the spec now reads ("
          + (spec.isMlp() ? "data \"" + spec.data() + "\"" : "objective \"" + spec.objective() + "\"") + " changed); " + consequence);
    }
    return subject;
  }

  /** One line per objective that is not a test function: mlp, relu-population, linear-autoencoder. */
  public static java.util.List<String> closedFormHelp() {
    return java.util.List.of(
        "mlp                 a network on data (the default): fields data, preparation, model, l2, init of the spec",
        "relu-population     " + ClosedFormSubject.RELU_POPULATION_HELP
            + ": the Gaussian-input two-layer ReLU teacher-student population loss (Safran and Shamir 2018); d defaults to k; "
            + "global minimum 0 when k >= m; symmetry: permutations of the student units (and of the inputs for the identity teacher); "
            + "init default N(0, 1/d)",
        "linear-autoencoder  " + ClosedFormSubject.LINEAR_AUTOENCODER_HELP
            + ": E|x - B A x|^2 with covariance U diag(spectrum) U^T (Baldi and Hornik 1989); spectrum defaults to n, n-1, ..., 1; "
            + "every critical point known; global minimum = sum of the n - p smallest eigenvalues; symmetry GL(p), p^2 zero modes; "
            + "init default N(0, 1/n)");
  }
}

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

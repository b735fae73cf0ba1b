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
}

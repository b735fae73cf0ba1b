package basin.study;

import basin.core.InputException;

/** Analytic test functions as study subjects (wired to basin-data's registry). */
final class TestFunctionSubjects {
  private TestFunctionSubjects() {}

  static ClosedFormSubject of(ObjectiveName name, String text, String init) {
    throw new InputException("unknown objective " + text + ", expected mlp, " + ClosedFormSubject.RELU_POPULATION_HELP + " or "
        + ClosedFormSubject.LINEAR_AUTOENCODER_HELP);
  }
}

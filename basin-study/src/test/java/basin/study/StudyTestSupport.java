package basin.study;

import java.util.List;

/** Small specs for tests. */
final class StudyTestSupport {
  private StudyTestSupport() {}

  static StudySpec spec(String data, List<Integer> hidden, String activation, boolean bias, String loss, double l2,
      List<String> optimizer, int starts, long seed) {
    return new StudySpec("test", null, data, new StudySpec.PreparationSpec(null, null, null, null, null, 0.0, null, null),
        new StudySpec.ModelSpec(hidden, activation, bias, loss), l2, "glorot", optimizer, starts, seed, null).withDefaults();
  }
}

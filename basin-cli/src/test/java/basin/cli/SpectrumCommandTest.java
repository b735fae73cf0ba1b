package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained and saved by Basin, then certified by basin spectrum, as a PyTorch user would. */
class SpectrumCommandTest {

  @Test
  void trainedModelIsCertifiedAMinimumAndItsStartIsNot(@TempDir Path dir) {
    Path trained = dir.resolve("trained");
    Path start = dir.resolve("start");
    CliTest.Run t = CliTest.run("train", "--data", "iris", "--hidden", "5", "--l2", "1e-3", "--save-model", trained.toString());
    assertEquals(0, t.code(), t.err());
    CliTest.Run s = CliTest.run("spectrum", "--data", "iris", "--model", trained.resolve("model.json").toString(), "--l2", "1e-3");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("\nclass      STRICT_MINIMUM\n"), s.out());
    assertTrue(s.out().contains("\ncounts     0 negative, "), s.out());
    CliTest.Run t0 = CliTest.run("train", "--data", "iris", "--hidden", "5", "--optimizer", "gd:iterations=0", "--save-model", start.toString());
    assertEquals(0, t0.code(), t0.err());
    CliTest.Run s0 = CliTest.run("spectrum", "--data", "iris", "--model", start.resolve("model.json").toString());
    assertEquals(0, s0.code(), s0.err());
    assertTrue(s0.out().contains("\nclass      NOT_CONVERGED\n"), s0.out());
  }

  @Test
  void lanczosPathAboveTheDenseLimit(@TempDir Path dir) {
    Path trained = dir.resolve("m");
    assertEquals(0, CliTest.run("train", "--data", "iris", "--hidden", "5", "--l2", "1e-3", "--save-model", trained.toString()).code());
    CliTest.Run s = CliTest.run("spectrum", "--data", "iris", "--model", trained.resolve("model.json").toString(), "--l2", "1e-3",
        "--dense-limit", "10");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("\nhessian    LANCZOS (") && s.out().contains("\nclass      STRICT_MINIMUM\n"), s.out());
  }
}

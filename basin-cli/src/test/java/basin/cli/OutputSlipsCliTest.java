package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 defect 9, the output slips not covered elsewhere, through the real CLI: "on 1 threads",
 * spectrum at a point that is not critical printing "-1 negative, -1 zero ... <= NaN", and l2
 * printed as "1.0E-4".
 */
@Tag("slow")
class OutputSlipsCliTest {

  @Test
  void threadCountSpectrumCountsAndL2ReadWell(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, "objective: muller-brown\nstarts: 2\n");
    ProcessCli.Result sample = ProcessCli.run(null, "sample", spec.toString(), "--catalog", dir.resolve("s.db").toString(), "--threads", "1",
        "--quiet");
    assertEquals(0, sample.code(), sample.err());
    assertTrue(sample.out().lines().findFirst().orElseThrow().contains(" on 1 thread in "), sample.out());

    Path model = dir.resolve("m");
    ProcessCli.Result train = ProcessCli.run(null, "train", "--data", "xor", "--hidden", "2", "--optimizer", "gd:iterations=1",
        "--no-certify", "--save-model", model.toString());
    assertEquals(0, train.code(), train.err());
    ProcessCli.Result spectrum = ProcessCli.run(null, "spectrum", "--model", model.resolve("model.json").toString(), "--data", "xor",
        "--l2", "1e-4");
    assertEquals(0, spectrum.code(), spectrum.err());
    assertFalse(spectrum.out().contains("-1 negative") || spectrum.out().contains("NaN"), spectrum.out());
    assertTrue(spectrum.out().contains("counts     not certified: the gradient norm"), spectrum.out());
    assertTrue(spectrum.out().contains(", l2 0.000100000, "), spectrum.out());
    assertFalse(spectrum.out().contains("1.0E-4"), spectrum.out());
  }
}

package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: tanh "minima at infinity" (degenerate minima of huge norm) used to drive the richness
 * estimate of a realizable teacher-student study into the thousands. Through the real CLI: the
 * summary counts them apart and gives the estimates over the strict minima, here the one global
 * minimum.
 */
@Tag("slow")
class DegenerateMinimaCliTest {

  @Test
  void degenerateMinimaAreCountedApart(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("t.yaml");
    Files.writeString(spec, String.join("\n",
        "data: \"teacher:inputs=4,hidden=3,outputs=1,activation=tanh,n=200,test=200\"",
        "model: {hidden: [3], activation: tanh, bias: true, loss: mse}",
        "l2: 0",
        "optimizer: [\"adam:lr=0.01,iterations=200\", \"lbfgs:gtol=1e-10\", newton]",
        "starts: 40",
        "seed: 1",
        ""));
    ProcessCli.Result r = ProcessCli.run(null, "sample", spec.toString(), "--catalog", dir.resolve("t.db").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    String degenerate = r.out().lines().filter(l -> l.startsWith("degenerate ")).findFirst().orElse("");
    assertTrue(degenerate.contains("lie on connected sets of minima"), r.out());
    String strict = r.out().lines().filter(l -> l.startsWith("strict     ")).findFirst().orElse("");
    assertTrue(strict.startsWith("strict     1 minima: Chao1 1.0 "), r.out());
  }
}

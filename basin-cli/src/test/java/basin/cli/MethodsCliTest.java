package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.MethodsRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin methods} through the real CLI on the linear autoencoder (n = 5, p = 2, spectrum
 * 5..1): pure Newton ends at saddles in some runs, gradient descent at the minimum in all; the CSV
 * is the same, byte for byte, with one thread and with three; a catalog gets the rows.
 */
@Tag("slow")
class MethodsCliTest {

  @Test
  void pureNewtonReachesSaddlesAndThreadsChangeNothing(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("lae.yaml");
    Files.writeString(spec, "objective: \"linear-autoencoder:n=5,p=2,spectrum=5;4;3;2;1\"\nstarts: 10\n");
    Path one = dir.resolve("one.csv");
    Path three = dir.resolve("three.csv");
    ProcessCli.Result a = ProcessCli.run(null, "methods", spec.toString(), "--starts", "24", "--methods", "gd,newton,sfn", "--threads", "1",
        "--csv", one.toString(), "--quiet");
    assertEquals(0, a.code(), a.err());
    ProcessCli.Result b = ProcessCli.run(null, "methods", spec.toString(), "--starts", "24", "--methods", "gd,newton,sfn", "--threads", "3",
        "--csv", three.toString(), "--quiet");
    assertEquals(0, b.code(), b.err());
    assertEquals(Files.readString(one), Files.readString(three));
    assertTrue(a.out().contains("not stored"), a.out());
    List<String> lines = Files.readAllLines(one);
    assertEquals(4, lines.size());
    String gd = lines.stream().filter(l -> l.startsWith("0,gd,")).findFirst().orElseThrow();
    assertTrue(gd.startsWith("0,gd,24,1,24,"), "gradient descent ends at the minimum in every run: " + gd);
    String newton = lines.stream().filter(l -> l.startsWith("3,newton,")).findFirst().orElseThrow();
    int saddles = Integer.parseInt(newton.split(",")[8]);
    assertTrue(saddles > 0, "pure Newton reaches saddles: " + newton);

    Path db = dir.resolve("lae.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());
    ProcessCli.Result c = ProcessCli.run(null, "methods", db.toString(), "--starts", "24", "--methods", "newton", "--quiet");
    assertEquals(0, c.code(), c.err());
    try (Catalog catalog = Catalog.open(db)) {
      List<Row> rows = catalog.rows(MethodsRunner.TABLE);
      assertEquals(1, rows.size());
      assertEquals(saddles, rows.get(0).getLong("saddle"));
    }
    ProcessCli.Result bad = ProcessCli.run(null, "methods", db.toString(), "--methods", "gd,bfgs");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("'bfgs'"), bad.err());
  }
}

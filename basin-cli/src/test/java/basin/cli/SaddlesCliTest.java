package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.store.Catalog;
import basin.store.Row;
import basin.study.SaddleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 through the real CLI: {@code basin saddles} on a linear-autoencoder study (n = 5, p = 2,
 * spectrum 5..1) stores critical points of every index in the catalog, each certified with the
 * closed form's loss (tr S minus the kept eigenvalues: an integer from 6 to 15) and index; the
 * rank-0 point (B A = 0, loss 15) has index (p - r)(n - r) = 10.
 */
@Tag("slow")
class SaddlesCliTest {

  @Test
  void linearAutoencoderSaddlesOfEveryIndex(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("lae.yaml");
    Files.writeString(spec, "objective: \"linear-autoencoder:n=5,p=2,spectrum=5;4;3;2;1\"\nstarts: 10\n");
    Path db = dir.resolve("lae.db");
    assertEquals(0, ProcessCli.run(null, "sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());
    ProcessCli.Result r = ProcessCli.run(null, "saddles", db.toString(), "--starts", "300", "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("searched   300 starts with newton-mr"), r.out());
    try (Catalog c = Catalog.open(db)) {
      List<Row> rows = c.rows(SaddleRunner.TABLE);
      int minima = 0;
      boolean rankZero = false;
      long rankZeroId = -1;
      for (Row row : rows) {
        double loss = row.getDouble("objective");
        assertEquals(Math.rint(loss), loss, 1e-9, row.toString());
        assertTrue(loss >= 6 - 1e-9 && loss <= 15 + 1e-9, row.toString());
        if ("MINIMUM".equals(row.getText("kind"))) {
          minima++;
          assertEquals(6.0, loss, 1e-9);
        }
        if (Math.abs(loss - 15) < 1e-9) {
          rankZero = true;
          rankZeroId = row.getLong("point_id");
          assertEquals(10, row.getLong("hessian_index"), row.toString());
        }
      }
      assertEquals(1, minima, "the only minimum is the global one");
      assertTrue(rankZero, "the rank-0 critical point was not found");
      assertTrue(rows.size() >= 12, rows.size() + " distinct critical points");

      // escape from B A = 0: half of the 20 eigenvalues are negative (+-2 lambda pairs), so half of
      // the random directions lower the loss; measured within its 95% Wilson interval of 1/2
      ProcessCli.Result e = ProcessCli.run(null, "escape", db.toString(), "--point", Long.toString(rankZeroId), "--tries", "4000",
          "--radius", "0.01", "--strategy", "none");
      assertEquals(0, e.code(), e.err());
      assertTrue(e.out().contains("quadratic  0.5000"), e.out());
      String line = e.out().lines().filter(l -> l.startsWith("escape ")).findFirst().orElseThrow();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("Wilson ([0-9.]+) to ([0-9.]+)").matcher(line);
      assertTrue(m.find(), line);
      assertTrue(Double.parseDouble(m.group(1)) <= 0.5 && 0.5 <= Double.parseDouble(m.group(2)), line);
    }
    // index vs loss from the stored points: 16 certified points (the minimum and 15 saddles), every
    // fit printed, the CSV holds the points, the curves on the 50-point grid and the parameters
    Path ivl = dir.resolve("ivl.csv");
    ProcessCli.Result fit = ProcessCli.run(null, "saddles", db.toString(), "--index-vs-loss", "--bootstrap", "20", "--csv", ivl.toString());
    assertEquals(0, fit.code(), fit.err());
    assertTrue(fit.out().contains("(1 minima, "), fit.out());
    for (String model : List.of("power-3/2 ", "power ", "linear ", "isotonic ")) {
      assertTrue(fit.out().lines().anyMatch(l -> l.startsWith(model)), model + " missing: " + fit.out());
    }
    List<String> csv = Files.readAllLines(ivl);
    long points;
    try (Catalog c = Catalog.open(db)) {
      points = c.rows(SaddleRunner.TABLE).stream().filter(x -> x.getLong("hessian_index") >= 0).count();
    }
    assertEquals(points, csv.stream().filter(l -> l.startsWith("point,train,")).count());
    assertEquals(4 * 50, csv.stream().filter(l -> l.startsWith("curve,train,")).count());
    assertEquals(7, csv.stream().filter(l -> l.startsWith("parameter,train,")).count());
    ProcessCli.Result export = ProcessCli.run(null, "export", db.toString(), "--format", "csv", "--out", dir.resolve("e").toString());
    assertEquals(0, export.code(), export.err());
    assertTrue(Files.exists(dir.resolve("e-critical_points.csv")), export.out());
  }
}

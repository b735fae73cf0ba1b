package basin.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import basin.store.Catalog;
import basin.store.CatalogExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study's results are a function of its spec: 1 thread and 2 threads give byte-identical exports.
 * The problem is large enough (200 examples, 24 hidden units) that the first layer's products go
 * through the native BLAS, which must not make results depend on the number of calling threads.
 */
@org.junit.jupiter.api.Tag("slow")
class DeterminismTest {

  @Test
  void oneAndTwoThreadsExportTheSameBytes(@TempDir Path dir) throws Exception {
    StudySpec spec = StudyTestSupport.spec("spirals:n=200,noise=0.05", List.of(24), "tanh", true, "cross-entropy", 1e-3,
        List.of("adam:lr=0.05,iterations=50", "lbfgs:iterations=400", "newton"), 16, 11);
    Path one = dir.resolve("one.db");
    Path two = dir.resolve("two.db");
    StudyRunner.run(spec, one, 1, null, Map.of("threads", "1"));
    StudyRunner.run(spec, two, 2, null, Map.of("threads", "2"));
    for (CatalogExport.Format format : CatalogExport.Format.values()) {
      List<Path> a;
      List<Path> b;
      try (Catalog c = Catalog.open(one)) {
        a = CatalogExport.write(c, format, dir.resolve("one-" + format), false);
      }
      try (Catalog c = Catalog.open(two)) {
        b = CatalogExport.write(c, format, dir.resolve("two-" + format), false);
      }
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), format + ": " + a.get(i).getFileName());
      }
    }
  }
}

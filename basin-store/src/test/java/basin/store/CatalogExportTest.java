package basin.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports: exact bytes, no tolerance (determinism is the point). */
class CatalogExportTest {
  static final long SEED = 7L;
  static final int N = 30;
  static final int K = 4;
  static final int P = 5;

  @TempDir Path dir;

  /** Starts 0..N-1 in order, minima in order, one set of timings and provenance. */
  Catalog inOrder(Path file) {
    Catalog c = Catalog.create(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE);
    for (int i = 0; i < N; i++) {
      c.recordStart(TestRecords.start(SEED, i, P, 100 + i));
    }
    c.replaceMinima(TestRecords.minima(SEED, N, K, P));
    return c;
  }

  /**
   * The same results recorded by 5 threads in shuffled order, minima listed in reverse order with
   * shuffled members, the spec reformatted, and other wall times and provenance.
   */
  Catalog shuffled(Path file) throws Exception {
    Map<String, String> provenance = new HashMap<>(TestRecords.PROVENANCE);
    provenance.put("start_time", "2031-01-01T00:00:00Z");
    provenance.put("cores", "64");
    Catalog c = Catalog.create(file, TestRecords.SPEC_REFORMATTED, SEED, provenance);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(11));
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> done = new ArrayList<>();
    for (int i : order) {
      done.add(pool.submit(() -> c.recordStart(TestRecords.start(SEED, i, P, 7L * i + 3))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    List<MinimumRecord> minima = new ArrayList<>();
    for (MinimumRecord m : TestRecords.minima(SEED, N, K, P)) {
      int[] members = m.members().clone();
      for (int i = 0; i < members.length / 2; i++) {
        int t = members[i];
        members[i] = members[members.length - 1 - i];
        members[members.length - 1 - i] = t;
      }
      minima.add(0, new MinimumRecord(m.minimumId(), m.representativeStart(), members, m.losses(), m.gradientNorm(),
          m.curvature(), m.nearestDistance(), m.parameters(), m.canonical()));
    }
    c.replaceMinima(minima);
    return c;
  }

  @Test
  void exportsAreByteIdenticalWhateverTheInsertionOrder() throws Exception {
    try (Catalog a = inOrder(dir.resolve("a.basin")); Catalog b = shuffled(dir.resolve("b.basin"))) {
      for (CatalogExport.Format format : CatalogExport.Format.values()) {
        List<Path> fromA = CatalogExport.write(a, format, dir.resolve("a"), false);
        List<Path> fromB = CatalogExport.write(b, format, dir.resolve("b"), false);
        assertEquals(fromA.size(), fromB.size());
        for (int i = 0; i < fromA.size(); i++) {
          assertArrayEquals(Files.readAllBytes(fromA.get(i)), Files.readAllBytes(fromB.get(i)),
              format + ": " + fromA.get(i).getFileName() + " vs " + fromB.get(i).getFileName());
        }
      }
      // Timings and provenance differ between the two runs, and appear only on request.
      Path ja = CatalogExport.write(a, CatalogExport.Format.JSON, dir.resolve("ta"), true).get(0);
      Path jb = CatalogExport.write(b, CatalogExport.Format.JSON, dir.resolve("tb"), true).get(0);
      assertFalse(Arrays.equals(Files.readAllBytes(ja), Files.readAllBytes(jb)));
      String withTimings = Files.readString(ja);
      assertTrue(withTimings.contains("\"wall_ms\" : 100") && withTimings.contains("\"provenance\""));
      String resultsOnly = Files.readString(dir.resolve("a.json"));
      assertFalse(resultsOnly.contains("wall_ms") || resultsOnly.contains("provenance") || resultsOnly.contains("created_utc"));
      List<Path> csv = CatalogExport.write(a, CatalogExport.Format.CSV, dir.resolve("ta"), true);
      assertEquals(List.of("ta-starts.csv", "ta-minima.csv", "ta-provenance.csv"),
          csv.stream().map(p -> p.getFileName().toString()).toList());
      assertTrue(Files.readString(csv.get(0)).startsWith("start_index,seed,"));
      assertTrue(Files.readString(csv.get(0)).lines().findFirst().orElseThrow().endsWith(",minimum_id,wall_ms"));
    }
  }

  /** Every number in the exports reads back as the same double (17 significant digits). */
  @Test
  void csvAndJsonNumbersReadBackExactly() throws Exception {
    try (Catalog a = inOrder(dir.resolve("a.basin"))) {
      List<Path> csv = CatalogExport.write(a, CatalogExport.Format.CSV, dir.resolve("x"), false);
      List<String> lines = Files.readAllLines(csv.get(0));
      assertEquals(N + 1, lines.size());
      assertEquals("start_index,seed,status,class,objective,train_data_loss,test_loss,train_accuracy,test_accuracy,"
          + "gradient_norm,iterations,gradient_evaluations,hvp_evaluations,smallest_eigenvalue,largest_eigenvalue,"
          + "negative_count,zero_count,index_fraction,active_kinks,parameter_norm,minimum_id", lines.get(0));
      List<String> startHeader = Arrays.asList(lines.get(0).split(",", -1));
      List<StartRecord> starts = a.starts();
      for (int i = 0; i < N; i++) {
        String[] f = lines.get(i + 1).split(",", -1);
        StartRecord r = starts.get(i);
        assertEquals(Integer.toString(r.startIndex()), f[0]);
        assertEquals(r.losses().objective(), parseCsv(f[startHeader.indexOf("objective")]), 0.0, "objective of " + i);
        assertEquals(r.losses().trainDataLoss(), parseCsv(f[startHeader.indexOf("train_data_loss")]), 0.0,
            "train_data_loss of " + i);
        assertEquals(r.losses().trainAccuracy(), parseCsv(f[startHeader.indexOf("train_accuracy")]), 0.0,
            "train_accuracy of " + i);
        assertEquals(r.smallestEigenvalue(), parseCsv(f[startHeader.indexOf("smallest_eigenvalue")]), 0.0,
            "smallest_eigenvalue of " + i);
        assertEquals(r.parameterNorm(), parseCsv(f[startHeader.indexOf("parameter_norm")]), 0.0, "parameter_norm of " + i);
        assertEquals(r.activeKinks() == StartRecord.UNKNOWN_COUNT ? "" : Integer.toString(r.activeKinks()),
            f[startHeader.indexOf("active_kinks")], "active_kinks of " + i);
        assertEquals(Integer.toString(i % K), f[startHeader.indexOf("minimum_id")], "minimum_id of " + i);
      }
      List<String> minimaLines = Files.readAllLines(csv.get(1));
      assertEquals(K + 1, minimaLines.size());
      List<String> header = Arrays.asList(minimaLines.get(0).split(",", -1));
      int nearestColumn = header.indexOf("nearest_distance");
      assertEquals(List.of("minimum_id", "representative_start", "hit_count", "objective", "train_data_loss", "test_loss",
          "train_accuracy", "test_accuracy", "gradient_norm", "smallest_eigenvalue", "largest_eigenvalue", "negative_count",
          "zero_count", "index_fraction", "nearest_distance", "parameter_norm", "active_kinks", "dimension"), header);
      List<MinimumRecord> minima = a.minima();
      for (int m = 0; m < K; m++) {
        String[] f = minimaLines.get(m + 1).split(",", -1);
        assertEquals(header.size(), f.length, "fields of minimum " + m);
        assertEquals(minima.get(m).nearestDistance(), parseCsv(f[nearestColumn]), 0.0, "nearest_distance of " + m);
      }
      assertEquals("", minimaLines.get(2).split(",", -1)[nearestColumn], "minimum 1 has a NaN nearest distance");
      int kinksColumn = header.indexOf("active_kinks");
      for (int m = 0; m < K; m++) {
        int expected = starts.get(minima.get(m).representativeStart()).activeKinks();
        assertEquals(expected == StartRecord.UNKNOWN_COUNT ? "" : Integer.toString(expected),
            minimaLines.get(m + 1).split(",", -1)[kinksColumn], "active_kinks of minimum " + m + ": its representative's");
      }
      Path json = CatalogExport.write(a, CatalogExport.Format.JSON, dir.resolve("x"), false).get(0);
      JsonNode root = new ObjectMapper().readTree(json.toFile());
      assertEquals(N, root.get("starts").size());
      assertEquals("lbfgs", root.get("spec").get("optimizer").get("name").asText());
      JsonNode m0 = root.get("minima").get(0);
      double[] parameters = minima.get(0).parameters();
      for (int j = 0; j < P; j++) {
        assertEquals(parameters[j], m0.get("parameters").get(j).asDouble(), 0.0);
      }
      assertEquals(minima.get(0).nearestDistance(), m0.get("nearest_distance").asDouble(), 0.0);
      for (int i = 0; i < N; i++) {
        JsonNode kinks = root.get("starts").get(i).get("active_kinks");
        int expected = starts.get(i).activeKinks();
        assertTrue(expected == StartRecord.UNKNOWN_COUNT ? kinks.isNull() : kinks.asInt() == expected,
            "active_kinks of start " + i + ": " + kinks);
      }
      assertTrue(root.get("minima").get(1).get("canonical").isNull());
      assertTrue(root.get("minima").get(1).get("nearest_distance").isNull(), "NaN nearest distance is JSON null");
    }
  }

  private static double parseCsv(String field) {
    if (field.isEmpty()) {
      return Double.NaN;
    }
    return field.equals("inf") ? Double.POSITIVE_INFINITY : field.equals("-inf") ? Double.NEGATIVE_INFINITY
        : Double.parseDouble(field);
  }

  /**
   * The .npy header byte for byte: magic, version 1.0, header length 118 little-endian, the dict,
   * space padding and '\n' ending at byte 128 (the first multiple of 64 after 10 + 59 + 1 bytes),
   * then the minima's parameters as little-endian float64, row-major; a minimum without a canonical
   * vector is a row of NaN.
   */
  @Test
  void npyHeaderAndData() throws Exception {
    try (Catalog c = Catalog.create(dir.resolve("n.basin"), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i = 0; i < 6; i++) {
        c.recordStart(TestRecords.start(SEED, i, P));
      }
      List<MinimumRecord> minima = TestRecords.minima(SEED, 6, 3, P);
      c.replaceMinima(minima);
      List<Path> files = CatalogExport.write(c, CatalogExport.Format.NPY, dir.resolve("n"), false);
      assertEquals(List.of("n-minima-parameters.npy", "n-minima-canonical.npy", "n-minima.csv"),
          files.stream().map(p -> p.getFileName().toString()).toList());
      byte[] bytes = Files.readAllBytes(files.get(0));
      String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 5), }";
      assertEquals(59, dict.length());
      byte[] expectedHeader = new byte[128];
      byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
      System.arraycopy(prefix, 0, expectedHeader, 0, 10);
      byte[] dictBytes = dict.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(dictBytes, 0, expectedHeader, 10, dictBytes.length);
      Arrays.fill(expectedHeader, 10 + dictBytes.length, 127, (byte) ' ');
      expectedHeader[127] = '\n';
      assertArrayEquals(expectedHeader, Arrays.copyOf(bytes, 128));
      assertEquals(128 + 8 * 3 * P, bytes.length);
      ByteBuffer data = ByteBuffer.wrap(bytes, 128, 8 * 3 * P).order(ByteOrder.LITTLE_ENDIAN);
      for (MinimumRecord m : minima) {
        for (int j = 0; j < P; j++) {
          assertEquals(Double.doubleToRawLongBits(m.parameters()[j]), Double.doubleToRawLongBits(data.getDouble()));
        }
      }
      ByteBuffer canonical = ByteBuffer.wrap(Files.readAllBytes(files.get(1))).order(ByteOrder.LITTLE_ENDIAN);
      canonical.position(128 + 8 * P);
      for (int j = 0; j < P; j++) {
        assertTrue(Double.isNaN(canonical.getDouble()), "minimum 1 has no canonical vector");
      }
      List<String> sidecar = Files.readAllLines(files.get(2));
      assertEquals(4, sidecar.size());
      assertTrue(sidecar.get(0).endsWith(",nearest_distance,parameter_norm,active_kinks,dimension"), sidecar.get(0));
      assertTrue(sidecar.get(1).startsWith("0,0,2,"), sidecar.get(1));
    }
  }

  /** Shapes with other digit counts still pad to a multiple of 64, ending in '\n'. */
  @Test
  void npyPaddingForOtherShapes() {
    int[][] shapes = {{0, 0}, {1, 1}, {3, 700}, {0, 1_000_000}};
    for (int[] s : shapes) {
      byte[] bytes = basin.core.io.Npy.encode(new double[s[0] * s[1]], s[0], s[1]);
      int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
      assertEquals(bytes.length, 10 + headerLength + 8 * s[0] * s[1], Arrays.toString(s));
      assertEquals(0, (10 + headerLength) % 64, Arrays.toString(s));
      assertEquals('\n', bytes[10 + headerLength - 1]);
    }
    byte[] empty = basin.core.io.Npy.encode(new double[0], 0, 0);
    assertEquals(128, empty.length);
    assertTrue(new String(empty, 10, 118, java.nio.charset.StandardCharsets.US_ASCII)
        .startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 0), }"));
  }

  @Test
  void missingDirectoryIsRefused() {
    try (Catalog c = Catalog.create(dir.resolve("m.basin"), TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      InputException e = assertThrows(InputException.class,
          () -> CatalogExport.write(c, CatalogExport.Format.CSV, dir.resolve("nowhere").resolve("x"), false));
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
  }
}

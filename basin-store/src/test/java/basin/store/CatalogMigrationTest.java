package basin.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed version-2 catalog (src/test/resources/fixtures, made by make-v2-fixture.sh at
 * ddce8de) read and migrated by this code: the same minima and starts as the version-2 basin
 * exported, column renames aside. Numbers are compared as the export text ("%.17g", which reads back
 * as the same double), so equality here is bit for bit.
 */
class CatalogMigrationTest {
  /** Renamed by the migration: version-2 export name to version-3 export name. */
  static final Map<String, String> RENAMED = Map.of("train_loss", "objective");

  @TempDir Path dir;

  Path fixture() throws IOException {
    Path copy = dir.resolve("catalog-v2.db");
    try (InputStream in = CatalogMigrationTest.class.getResourceAsStream("/fixtures/catalog-v2.db")) {
      assertNotNull(in, "fixture catalog-v2.db on the test classpath");
      Files.copy(in, copy);
    }
    return copy;
  }

  static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = CatalogMigrationTest.class.getResourceAsStream("/fixtures/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The CSV as maps from column name to field, one per row. */
  static List<Map<String, String>> table(List<String> lines) {
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertEquals(header.length, f.length, line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], f[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Every version-2 column is in the version-3 export (renamed where listed) with the same text. */
  static void assertSameColumns(List<String> v2, List<String> v3, String what) {
    List<Map<String, String>> old = table(v2);
    List<Map<String, String>> now = table(v3);
    assertEquals(old.size(), now.size(), what + " rows");
    for (int i = 0; i < old.size(); i++) {
      for (Map.Entry<String, String> e : old.get(i).entrySet()) {
        String column = RENAMED.getOrDefault(e.getKey(), e.getKey());
        assertEquals(e.getValue(), now.get(i).get(column), what + " row " + i + ", column " + e.getKey() + " -> " + column);
      }
    }
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      Set<String> names = new TreeSet<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  @Test
  void readerOfVersionTwoSeesTheMigratedRowsWithoutWriting() throws Exception {
    Path file = fixture();
    byte[] before = Files.readAllBytes(file);
    Path out = Files.createDirectory(dir.resolve("out"));
    try (Catalog c = Catalog.open(file)) {
      assertEquals(2, c.schemaVersion(), "the file's own version");
      assertFalse(c.isWritable());
      CatalogExport.write(c, CatalogExport.Format.CSV, out.resolve("r"), false);
      c.backup(out.resolve("backup.db"));
      try (Catalog copy = Catalog.open(out.resolve("backup.db"))) {
        assertEquals(Schema.CURRENT_VERSION, copy.schemaVersion(), "a reader's backup holds the migrated schema");
        assertEquals(c.minima(), copy.minima());
        assertEquals(c.starts(), copy.starts());
      }
    }
    assertArrayEquals(before, Files.readAllBytes(file), "reading changed the file");
    assertEquals(Set.of("catalog-v2.db", "out"), files(dir), "reading left files behind");
    assertSameColumns(resourceLines("catalog-v2-minima.csv"), Files.readAllLines(out.resolve("r-minima.csv")), "minima");
    assertSameColumns(resourceLines("catalog-v2-starts.csv"), Files.readAllLines(out.resolve("r-starts.csv")), "starts");
  }

  @Test
  void migratedCopyExportsTheSameMinimaAndStarts() throws Exception {
    Path file = fixture();
    try (Catalog c = Catalog.openForWriting(file)) {
      assertEquals(Schema.CURRENT_VERSION, c.schemaVersion());
      assertEquals("ok", c.integrityCheck());
    }
    assertColumnsMatchDescriptions(file);
    Path out = dir.resolve("m");
    List<MinimumRecord> minima;
    try (Catalog c = Catalog.open(file)) {
      assertEquals(Schema.CURRENT_VERSION, c.schemaVersion());
      CatalogExport.write(c, CatalogExport.Format.CSV, out, false);
      CatalogExport.write(c, CatalogExport.Format.JSON, out, false);
      minima = c.minima();
      for (StartRecord s : c.starts(true)) {
        assertTrue(Double.isNaN(s.losses().trainDataLoss()), "l2 = 0.001: the data loss of a version-2 row is unknown");
        assertEquals(StartRecord.norm(s.parameters()), s.parameterNorm(), 0.0, "parameter_norm of start " + s.startIndex());
      }
    }
    List<String> v3Minima = Files.readAllLines(dir.resolve("m-minima.csv"));
    assertSameColumns(resourceLines("catalog-v2-minima.csv"), v3Minima, "minima");
    assertSameColumns(resourceLines("catalog-v2-starts.csv"), Files.readAllLines(dir.resolve("m-starts.csv")), "starts");

    JsonNode v2;
    try (InputStream in = CatalogMigrationTest.class.getResourceAsStream("/fixtures/catalog-v2.json")) {
      v2 = new ObjectMapper().readTree(in);
    }
    JsonNode v3 = new ObjectMapper().readTree(dir.resolve("m.json").toFile());
    assertEquals(v2.get("spec"), v3.get("spec"));
    assertEquals(v2.get("minima").size(), minima.size());
    assertTrue(minima.size() >= 2, minima.size() + " minima in the fixture");
    for (int i = 0; i < minima.size(); i++) {
      JsonNode old = v2.get("minima").get(i);
      JsonNode now = v3.get("minima").get(i);
      for (String vector : new String[] {"parameters", "canonical"}) {
        assertEquals(old.get(vector).size(), now.get(vector).size());
        for (int j = 0; j < old.get(vector).size(); j++) {
          String text = old.get(vector).get(j).asText();
          assertEquals(text, now.get(vector).get(j).asText(), "minimum " + i + " " + vector + "[" + j + "]");
          double[] stored = vector.equals("parameters") ? minima.get(i).parameters() : minima.get(i).canonical();
          assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(stored[j]),
              "minimum " + i + " " + vector + "[" + j + "] bit for bit");
        }
      }
      assertEquals(old.get("members"), now.get("members"));
      assertEquals(old.get("train_loss").asText(), now.get("objective").asText());
      assertEquals(old.get("test_loss").asText(), now.get("test_loss").asText());
      assertTrue(now.get("train_data_loss").isNull());
    }
  }

  /** A version-2 study without L2: its objective is its data loss, so the migration can fill the column. */
  @Test
  void zeroL2FillsTheDataLoss() throws Exception {
    Path file = fixture();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = raw.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE study SET spec_json = replace(spec_json, '\"l2\":0.001', '\"l2\":0.0')"));
    }
    try (Catalog c = Catalog.openForWriting(file)) {
      for (StartRecord s : c.starts(false)) {
        assertEquals(Double.doubleToRawLongBits(s.losses().objective()), Double.doubleToRawLongBits(s.losses().trainDataLoss()),
            "start " + s.startIndex());
      }
      for (MinimumRecord m : c.minima()) {
        assertEquals(m.losses().objective(), m.losses().trainDataLoss(), 0.0, "minimum " + m.minimumId());
      }
    }
  }

  @Test
  void specL2IsReadAsJson() {
    assertTrue(Schema.specHasZeroL2("{\"l2\": 0}"));
    assertTrue(Schema.specHasZeroL2("{\"l2\":0.0E0, \"x\": 1}"));
    assertFalse(Schema.specHasZeroL2("{\"l2\": 1e-300}"));
    assertFalse(Schema.specHasZeroL2("{\"model\": {\"l2\": 0}}"), "only the study's own l2");
    assertFalse(Schema.specHasZeroL2("{\"l2\": \"0\"}"));
    assertFalse(Schema.specHasZeroL2("{}"));
    assertFalse(Schema.specHasZeroL2("not json"));
  }

  /** A migrated file has exactly the columns a new file gets from the descriptions (order aside). */
  static void assertColumnsMatchDescriptions(Path file) throws SQLException {
    for (Table t : List.of(CatalogTables.STARTS.table, CatalogTables.MINIMA.table, CatalogTables.MEMBERS)) {
      Set<String> actual = new TreeSet<>();
      try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = raw.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA table_info(" + t.name() + ")")) {
        while (rs.next()) {
          actual.add(rs.getString("name"));
        }
      }
      assertEquals(new TreeSet<>(t.sqlColumns()), actual, "columns of " + t.name());
    }
  }
}

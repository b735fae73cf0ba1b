package basin.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Result tables of later analyses, through the public API only: an example flatness table keyed by
 * minimum, a barrier table keyed by a pair of minima and a sweep table, created, filled, read back
 * exactly (no tolerance: REAL and BLOB keep float64 bits) and exported.
 */
class CatalogResultTablesTest {
  static final long SEED = 11L;

  static final Table FLATNESS = Table.byMinimum("flatness", "Example: Hessian trace and a direction per minimum.", List.of(
      Column.of("trace", Column.Type.REAL, "Hessian trace estimate; NULL when it did not converge."),
      Column.of("method", Column.Type.TEXT, "How the trace was estimated."),
      Column.of("probes", Column.Type.INTEGER, "Hutchinson probes used."),
      Column.of("wall_ms", Column.Type.INTEGER, "Time spent, milliseconds.").exported(Column.Export.TIMING),
      Column.of("direction", Column.Type.VECTOR, "Leading eigenvector.")));
  static final Table BARRIERS = Table.byMinimumPair("barriers", "Example: energy barrier between two minima.", List.of(
      Column.of("barrier", Column.Type.REAL, "Highest objective along the path minus the higher endpoint.")));
  static final Table SWEEP = Table.bySweepPoint("l2_sweep", "Example: one point of an L2 sweep.", List.of(
      Column.required("l2", Column.Type.REAL, "L2 weight lambda at this point.")));

  @TempDir Path dir;

  Path study() {
    Path file = dir.resolve("s.db");
    try (Catalog c = Catalog.create(file, TestRecords.SPEC, SEED, TestRecords.PROVENANCE)) {
      for (int i = 0; i < 6; i++) {
        c.recordStart(TestRecords.start(SEED, i, 4));
      }
      c.replaceMinima(TestRecords.minima(SEED, 6, 3, 4));
    }
    return file;
  }

  static Row flatness(int minimum, double trace, double[] direction) {
    return FLATNESS.row().set("minimum_id", minimum).set("trace", trace).set("method", "hutchinson, \"64\" probes")
        .set("probes", 64).set("wall_ms", 10L + minimum).set("direction", direction).build();
  }

  @Test
  void tablesAreCreatedFilledAndReadBack() {
    Path file = study();
    List<Row> rows = List.of(flatness(2, 3.5, new double[] {1, -0.0, Double.MIN_VALUE}),
        flatness(0, 1e-300, new double[] {0.5, 0.25, -1}), flatness(1, Double.NaN, null));
    try (Catalog c = Catalog.openForWriting(file)) {
      c.ensureTable(FLATNESS);
      c.ensureTable(FLATNESS); // idempotent
      c.putRows(FLATNESS, rows);
      c.ensureTable(BARRIERS);
      c.putRows(BARRIERS, List.of(BARRIERS.row().set("minimum_a", 0).set("minimum_b", 1).set("barrier", 0.125).build()));
      assertEquals(List.of(rows.get(1), rows.get(2), rows.get(0)), c.rows(FLATNESS), "ordered by key, values exact");
      assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.rows(FLATNESS).get(2).getVector("direction")[1]),
          "a vector keeps the sign of zero");
      // replace by key
      Row replaced = flatness(2, 4.0, new double[] {0, 0, 1});
      c.putRows(FLATNESS, List.of(replaced));
      assertEquals(replaced, c.rows(FLATNESS).get(2));
      assertEquals(List.of(), c.rows(SWEEP), "a table the catalog does not have has no rows");
    }
    try (Catalog reader = Catalog.open(file)) {
      assertEquals(List.of("barriers", "flatness"), reader.resultTables().stream().map(Table::name).toList());
      Table stored = reader.resultTables().get(1);
      assertEquals(FLATNESS.columns(), stored.columns(), "the registered description is the analysis's");
      assertEquals(3, reader.rows(stored).size());
      assertEquals(4.0, reader.rows(FLATNESS).get(2).getDouble("trace"), 0.0);
      assertTrue(reader.rows(FLATNESS).get(1).isNull("trace"));
      assertThrows(IllegalStateException.class, () -> reader.ensureTable(SWEEP));
    }
  }

  static final Table PAIR_VARIANTS = Table.byMinimumPairAndVariant("pair_variants", "Example: barriers by method.",
      "How the barrier was measured.", List.of(Column.of("barrier", Column.Type.REAL, "The barrier.")));

  @Test
  void pairVariantRowsLiveSideBySide() {
    Path file = study();
    try (Catalog c = Catalog.openForWriting(file)) {
      c.ensureTable(PAIR_VARIANTS);
      c.putRows(PAIR_VARIANTS, List.of(
          PAIR_VARIANTS.row().set("minimum_a", 0).set("minimum_b", 1).set("variant", "neb/weight").set("barrier", 0.5).build(),
          PAIR_VARIANTS.row().set("minimum_a", 0).set("minimum_b", 1).set("variant", "line/none").set("barrier", 2.0).build()));
      c.putRows(PAIR_VARIANTS, List.of(
          PAIR_VARIANTS.row().set("minimum_a", 0).set("minimum_b", 1).set("variant", "line/none").set("barrier", 3.0).build()));
    }
    try (Catalog c = Catalog.open(file)) {
      List<Row> rows = c.rows(PAIR_VARIANTS);
      assertEquals(2, rows.size());
      assertEquals("line/none", rows.get(0).getText("variant"));
      assertEquals(3.0, rows.get(0).getDouble("barrier"), 0.0);
      assertEquals("neb/weight", rows.get(1).getText("variant"));
      Table stored = c.resultTables().stream().filter(t -> t.name().equals("pair_variants")).findFirst().orElseThrow();
      assertEquals(Table.Key.MINIMUM_PAIR_VARIANT, stored.key());
      assertEquals(3, stored.keyColumns().size());
      assertEquals(Column.Type.TEXT, stored.keyColumns().get(2).type());
    }
  }

  @Test
  void aTableWithSeveralRowsPerStartIsKeyedByStartAndIndex() {
    Table stops = Table.byStartAndIndex("stops", "Example: one row per start and stopping rule.", "rule", "Position of the rule.",
        List.of(Column.of("gap", Column.Type.REAL, "Train loss at the stop minus at the minimum.")));
    Path file = study();
    List<Row> rows = List.of(stops.row().set("start_index", 1).set("rule", 0).set("gap", 0.5).build(),
        stops.row().set("start_index", 0).set("rule", 1).set("gap", 0.25).build(),
        stops.row().set("start_index", 0).set("rule", 0).set("gap", 0.125).build());
    try (Catalog c = Catalog.openForWriting(file)) {
      c.ensureTable(stops);
      c.putRows(stops, rows);
    }
    try (Catalog reader = Catalog.open(file)) {
      Table stored = reader.resultTables().get(0);
      assertEquals(Table.Key.START_AND_INDEX, stored.key());
      assertEquals(List.of("start_index", "rule"), stored.keyColumns().stream().map(Column::name).toList(),
          "the registry restores both key columns");
      assertEquals(List.of(rows.get(2), rows.get(1), rows.get(0)), reader.rows(stops), "ordered by (start_index, rule)");
    }
  }

  @Test
  void misuseIsRefused() {
    Path file = study();
    try (Catalog c = Catalog.openForWriting(file)) {
      assertThrows(IllegalStateException.class, () -> c.putRows(SWEEP, List.of(SWEEP.row().set("sweep_point", 0).set("l2", 0.1).build())));
      c.ensureTable(SWEEP);
      Table other = Table.bySweepPoint("l2_sweep", "Same name, other columns.", List.of(
          Column.of("l2", Column.Type.TEXT, "Not a number.")));
      InputException e = assertThrows(InputException.class, () -> c.ensureTable(other));
      assertTrue(e.getMessage().contains("has a table l2_sweep with columns (sweep_point INTEGER NOT NULL, l2 REAL NOT NULL)"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> c.putRows(SWEEP, List.of(flatness(0, 1, null))));
      assertThrows(IllegalArgumentException.class, () -> SWEEP.row().set("sweep_point", 1).build(), "l2 is NOT NULL");
      assertThrows(IllegalArgumentException.class, () -> SWEEP.row().set("l2", "text"));
    }
    assertThrows(IllegalArgumentException.class, () -> Table.byMinimum("minima", "clash", List.of()));
    assertThrows(IllegalArgumentException.class, () -> Table.byMinimum("Bad-Name", "x", List.of()));
    assertThrows(IllegalArgumentException.class, () -> Table.byMinimum("t", "x",
        List.of(Column.of("minimum_id", Column.Type.REAL, "clashes with the key"))));
    assertThrows(IllegalArgumentException.class, () -> Column.of("v_crc32c", Column.Type.REAL, "reserved suffix"));
  }

  /**
   * A later version of an analysis adds nullable columns (a vector among them): a reader sees the
   * older rows with NULL there, a writer adds the columns in place and its new rows carry them; the
   * export follows the new description. A new NOT NULL column, or a changed type, is still refused.
   */
  @Test
  void aTableGainsNullableColumnsInPlace() throws Exception {
    Path file = study();
    Row old = FLATNESS.row().set("minimum_id", 0).set("trace", 2.0).set("method", "hutchinson").set("probes", 8).set("wall_ms", 1L)
        .set("direction", new double[] {1, 2, 3}).build();
    try (Catalog c = Catalog.openForWriting(file)) {
      c.ensureTable(FLATNESS);
      c.putRows(FLATNESS, List.of(old));
    }
    List<Column> columns = new ArrayList<>(FLATNESS.columns().subList(1, FLATNESS.columns().size()));
    columns.add(2, Column.of("lambda_max", Column.Type.REAL, "Added later, between older columns."));
    columns.add(Column.of("second", Column.Type.VECTOR, "Added later: a second direction."));
    Table later = Table.byMinimum("flatness", "Example, a later version.", columns);
    try (Catalog reader = Catalog.open(file)) {
      Row read = reader.rows(later).get(0);
      assertTrue(read.isNull("lambda_max") && read.isNull("second"), "older rows read NULL in the new columns");
      assertEquals(2.0, read.getDouble("trace"));
      assertArrayEquals(new double[] {1, 2, 3}, read.getVector("direction"));
      Table required = Table.byMinimum("flatness", "x", List.of(Column.required("trace", Column.Type.REAL, "now required")));
      assertThrows(InputException.class, () -> reader.rows(required), "a column made NOT NULL is not an extension");
    }
    try (Catalog c = Catalog.openForWriting(file)) {
      c.ensureTable(later);
      c.putRows(later, List.of(later.row().set("minimum_id", 1).set("trace", 3.0).set("lambda_max", 0.5).set("second", new double[] {4, 5})
          .build()));
      List<Row> rows = c.rows(later);
      assertEquals(2, rows.size());
      assertTrue(rows.get(0).isNull("lambda_max"));
      assertEquals(0.5, rows.get(1).getDouble("lambda_max"));
      assertArrayEquals(new double[] {4, 5}, rows.get(1).getVector("second"));
      assertThrows(InputException.class, () -> c.ensureTable(FLATNESS), "the older description is no longer the stored shape");
      Table retyped = Table.byMinimum("flatness", "x", List.of(Column.of("trace", Column.Type.TEXT, "retyped"),
          Column.of("extra", Column.Type.REAL, "new")));
      assertThrows(InputException.class, () -> c.ensureTable(retyped), "a changed type is refused");
    }
    try (Catalog reader = Catalog.open(file)) {
      assertEquals(later.columns(), reader.resultTables().get(0).columns(), "the registry holds the later description");
    }
  }

  @Test
  void exportsWriteEveryResultTable() throws Exception {
    Path file = study();
    try (Catalog c = Catalog.openForWriting(file)) {
      c.ensureTable(FLATNESS);
      c.putRows(FLATNESS, List.of(flatness(0, 2.5, new double[] {1, 2, 3}), flatness(1, 0.5, null)));
      c.ensureTable(SWEEP);
      c.putRows(SWEEP, List.of(SWEEP.row().set("sweep_point", 0).set("l2", 1e-3).build()));
    }
    try (Catalog c = Catalog.open(file)) {
      List<String> csv = names(CatalogExport.write(c, CatalogExport.Format.CSV, dir.resolve("x"), false));
      assertEquals(List.of("x-starts.csv", "x-minima.csv", "x-flatness.csv", "x-l2_sweep.csv"), csv);
      assertEquals(List.of("minimum_id,trace,method,probes", "0,2.5000000000000000,\"hutchinson, \"\"64\"\" probes\",64",
          "1,0.50000000000000000,\"hutchinson, \"\"64\"\" probes\",64"), Files.readAllLines(dir.resolve("x-flatness.csv")));
      List<String> timed = names(CatalogExport.write(c, CatalogExport.Format.CSV, dir.resolve("t"), true));
      assertTrue(timed.contains("t-flatness.csv") && timed.contains("t-provenance.csv"), timed.toString());
      assertEquals("minimum_id,trace,method,probes,wall_ms", Files.readAllLines(dir.resolve("t-flatness.csv")).get(0));

      List<String> npy = names(CatalogExport.write(c, CatalogExport.Format.NPY, dir.resolve("n"), false));
      assertEquals(List.of("n-minima-parameters.npy", "n-minima-canonical.npy", "n-minima.csv",
          "n-flatness-direction.npy", "n-flatness.csv", "n-l2_sweep.csv"), npy);
      byte[] bytes = Files.readAllBytes(dir.resolve("n-flatness-direction.npy"));
      assertEquals(128 + 2 * 3 * 8, bytes.length);
      ByteBuffer data = ByteBuffer.wrap(bytes, 128, 48).order(ByteOrder.LITTLE_ENDIAN);
      assertArrayEquals(new double[] {1, 2, 3}, new double[] {data.getDouble(), data.getDouble(), data.getDouble()}, 0.0);
      assertTrue(Double.isNaN(data.getDouble()), "a row without a vector is NaN");

      CatalogExport.write(c, CatalogExport.Format.JSON, dir.resolve("j"), false);
      JsonNode tables = new ObjectMapper().readTree(dir.resolve("j.json").toFile()).get("result_tables");
      assertEquals(2, tables.size());
      assertEquals(2.5, tables.get("flatness").get(0).get("trace").asDouble(), 0.0);
      assertEquals(3, tables.get("flatness").get(0).get("direction").size());
      assertTrue(tables.get("flatness").get(1).get("direction").isNull());
      assertTrue(tables.get("flatness").get(0).get("wall_ms") == null, "timings only on request");
    }
  }

  private static List<String> names(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path p : files) {
      out.add(p.getFileName().toString());
    }
    return out;
  }
}

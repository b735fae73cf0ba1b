package basin.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/catalog.md documents every column from the same descriptions the SQL and the exports are made
 * from: its generated block must be exactly {@link CatalogDocs#columnReference()} (regenerate it with
 * {@code CatalogDocs.main} after changing a description), and it names every column of every table.
 */
class CatalogDocsTest {
  static Path doc() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("docs").resolve("catalog.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("docs/catalog.md not found above " + here);
  }

  @Test
  void docHoldsTheGeneratedColumnReference() throws Exception {
    String text = Files.readString(doc());
    String expected = CatalogDocs.columnReference();
    assertTrue(text.contains(expected), "docs/catalog.md is out of date with the table descriptions; replace its block"
        + " between the markers by the output of basin.store.CatalogDocs:\n" + expected);
    for (Table t : List.of(CatalogTables.STARTS.table, CatalogTables.MINIMA.table, CatalogTables.MEMBERS)) {
      for (String column : t.sqlColumns()) {
        assertTrue(text.contains("`" + column + "`"), "docs/catalog.md does not name column " + column + " of " + t.name());
      }
    }
  }
}

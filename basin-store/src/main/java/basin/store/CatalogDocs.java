package basin.store;

import java.util.List;

/**
 * The column reference of docs/catalog.md, generated from the table descriptions: the doc holds this
 * text between the markers {@link #BEGIN} and {@link #END}, and {@code CatalogDocsTest} checks that
 * it is current. Regenerate with {@code java -cp ... basin.store.CatalogDocs} (prints the block).
 */
final class CatalogDocs {
  private CatalogDocs() {}

  static final String BEGIN = "<!-- columns: generated from basin.store.CatalogTables by CatalogDocs; do not edit -->";
  static final String END = "<!-- end of generated columns -->";

  /** The generated block, markers included. */
  static String columnReference() {
    StringBuilder b = new StringBuilder(BEGIN).append("\n\n");
    table(b, CatalogTables.STARTS.table, List.of(CatalogExport.MINIMUM_ID_OF_START));
    table(b, CatalogTables.MINIMA.table, List.of(CatalogExport.ACTIVE_KINKS_OF_MINIMUM, CatalogExport.DIMENSION));
    table(b, CatalogTables.MEMBERS, List.of());
    return b.append(END).append('\n').toString();
  }

  private static void table(StringBuilder b, Table t, List<Column> derived) {
    b.append("#### `").append(t.name()).append("`\n\n").append(t.description()).append(" Key: ");
    for (int i = 0; i < t.keyColumns().size(); i++) {
      b.append(i == 0 ? "" : ", ").append('`').append(t.keyColumns().get(i).name()).append('`');
    }
    b.append(".\n\n| column | SQL | exported as | description |\n|---|---|---|---|\n");
    for (Column c : t.columns()) {
      b.append("| `").append(c.name()).append("` | ").append(c.type().sql).append(c.nullable() ? "" : " NOT NULL");
      if (c.type() == Column.Type.VECTOR) {
        b.append(", with `").append(c.checksumName()).append("` INTEGER");
      }
      b.append(" | ").append(exported(t, c)).append(" | ").append(c.description().replace("|", "\\|")).append(" |\n");
    }
    for (Column c : derived) {
      b.append("| | | `").append(c.exportName()).append("` | ").append(c.description().replace("|", "\\|")).append(" |\n");
    }
    b.append('\n');
  }

  private static String exported(Table t, Column c) {
    if (t == CatalogTables.MEMBERS) {
      return "(members in JSON)";
    }
    return switch (c.export()) {
      case NEVER -> "not exported";
      case TIMING -> "`" + c.exportName() + "` with timings";
      case RESULT -> c.type() == Column.Type.VECTOR ? "`" + c.exportName() + "` (JSON, .npy)" : "`" + c.exportName() + "`";
    };
  }

  public static void main(String[] args) {
    System.out.print(columnReference());
  }
}

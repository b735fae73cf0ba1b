package basin.store;

import basin.core.InputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code result_tables} registry: a result table's description stored as JSON beside it, so
 * that exports and readers can use the table without the analysis's code.
 */
final class ResultTableRegistry {
  private ResultTableRegistry() {}

  static String shape(Table t) {
    StringBuilder b = new StringBuilder("(");
    for (Column c : t.columns()) {
      b.append(b.length() == 1 ? "" : ", ").append(c.definition());
    }
    return b.append(')').toString();
  }

  static String columnsJson(Table table) {
    ArrayNode array = Catalog.JSON.createArrayNode();
    for (Column c : table.columns()) {
      ObjectNode o = array.addObject();
      o.put("name", c.name());
      o.put("type", c.type().name());
      o.put("nullable", c.nullable());
      o.put("export_name", c.exportName());
      o.put("export", c.export().name());
      o.put("description", c.description());
    }
    return array.toString();
  }

  static Table tableFromJson(Path file, String name, String key, String description, String columnsJson) {
    try {
      List<Column> columns = new ArrayList<>();
      for (JsonNode o : Catalog.JSON.readTree(columnsJson)) {
        columns.add(new Column(o.get("name").asText(), Column.Type.valueOf(o.get("type").asText()),
            o.get("nullable").asBoolean(), o.get("export_name").asText(), Column.Export.valueOf(o.get("export").asText()),
            o.get("description").asText()));
      }
      Table.Key k = Table.Key.valueOf(key);
      int keyCount = k == Table.Key.MINIMUM_PAIR || k == Table.Key.START_AND_INDEX ? 2 : 1;
      return new Table(name, description, k, columns.subList(0, keyCount), columns.subList(keyCount, columns.size()),
          List.of());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InputException("catalog " + file + ": the registered description of table " + name
          + " is damaged (" + e.getMessage() + ")");
    }
  }
}

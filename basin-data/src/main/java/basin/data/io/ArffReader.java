package basin.data.io;

import basin.core.io.SourceStreams;
import basin.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the dense subset of Weka's ARFF format: '%' comments, {@code @relation}, one
 * {@code @attribute NAME TYPE} per column, then {@code @data} followed by comma-separated rows.
 * Attribute types are not enforced beyond what {@link CsvReader} enforces: the label column may be
 * nominal, every other column must be numeric. Nominal labels follow the same rule as CSV labels
 * (mapped to 0..k-1 in sorted order), not the declaration order, so that one file gives the same
 * classes in either format. Sparse rows ({@code {...}}) and missing values ('?') are refused.
 */
public final class ArffReader {
  private ArffReader() {}

  public static TabularData read(Path path, CsvOptions options) {
    try (InputStream in = SourceStreams.open(path)) {
      return read(in, path.toString(), CsvReader.baseName(path), options);
    } catch (IOException e) {
      throw SourceStreams.failure(path.toString(), e);
    }
  }

  public static TabularData read(InputStream in, String source, String datasetName, CsvOptions options) {
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(SourceStreams.maybeGunzip(in, source), StandardCharsets.UTF_8), 1 << 16);
    try {
      List<String> attributes = new ArrayList<>();
      TableBuilder table = null;
      String line;
      int lineNumber = 0;
      boolean sawAny = false;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("%")) continue;
        sawAny = true;
        if (table == null) {
          String lower = trimmed.toLowerCase(Locale.ROOT);
          if (lower.startsWith("@attribute")) {
            attributes.add(attributeName(trimmed.substring("@attribute".length()).trim(), source, lineNumber));
          } else if (lower.startsWith("@data")) {
            table = new TableBuilder(source, datasetName, attributes, lineNumber, options);
          } else if (!lower.startsWith("@relation")) {
            throw new InputException(source + ": line " + lineNumber + ": '" + abbreviate(trimmed)
                + "' before @data, expected @relation, @attribute or @data");
          }
        } else {
          if (trimmed.startsWith("{")) {
            throw new InputException(source + ": line " + lineNumber + ": sparse ARFF row, expected a dense comma-separated row");
          }
          String[] fields = CsvReader.split(trimmed, ',', source, lineNumber);
          for (int c = 0; c < fields.length; c++) {
            if (fields[c].startsWith("'") && fields[c].endsWith("'") && fields[c].length() >= 2) {
              fields[c] = fields[c].substring(1, fields[c].length() - 1);
            }
            if (fields[c].equals("?")) {
              throw new InputException(source + ": line " + lineNumber + ", field " + (c + 1)
                  + ": missing value '?', expected a value (impute or drop the row first)");
            }
          }
          table.addRow(fields, lineNumber);
        }
      }
      if (!sawAny) throw new InputException(source + ": file is empty, expected an ARFF header and data");
      if (table == null) throw new InputException(source + ": no @data line, expected @data after the @attribute lines");
      return table.build();
    } catch (IOException e) {
      throw SourceStreams.failure(source, e);
    }
  }

  private static String attributeName(String rest, String source, int lineNumber) {
    if (rest.isEmpty()) throw new InputException(source + ": line " + lineNumber + ": @attribute without a name");
    char q = rest.charAt(0);
    if (q == '\'' || q == '"') {
      int end = rest.indexOf(q, 1);
      if (end < 0) throw new InputException(source + ": line " + lineNumber + ": unterminated quoted attribute name");
      return rest.substring(1, end);
    }
    int space = 0;
    while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) space++;
    return rest.substring(0, space);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}

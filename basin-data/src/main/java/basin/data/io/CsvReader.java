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

/**
 * Reads a delimited text file with a header line into a {@link TabularData}.
 *
 * <p>Format: UTF-8 (a byte-order mark is skipped), optionally gzipped; first non-blank line is the
 * header; fields separated by ',' ';' or tab (see {@link CsvOptions#delimiter()}); a field may be
 * quoted with '"', with '""' for a quote inside; blank lines are skipped; fields are trimmed. Every
 * column but the label column must hold finite numbers. Line numbers in messages are 1-based lines
 * of the file.
 */
public final class CsvReader {
  private CsvReader() {}

  /** Reads {@code path}; the data set is named after the file without its extensions. */
  public static TabularData read(Path path, CsvOptions options) {
    try (InputStream in = SourceStreams.open(path)) {
      return read(in, path.toString(), baseName(path), options);
    } catch (IOException e) {
      throw SourceStreams.failure(path.toString(), e);
    }
  }

  /**
   * Reads a stream (gunzipped when compressed).
   *
   * @param source names the stream in messages (a path, or a classpath resource)
   * @param datasetName name of the resulting data set
   */
  public static TabularData read(InputStream in, String source, String datasetName, CsvOptions options) {
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(SourceStreams.maybeGunzip(in, source), StandardCharsets.UTF_8), 1 << 16);
    try {
      String line;
      int lineNumber = 0;
      TableBuilder table = null;
      char delimiter = options.delimiter();
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
        if (line.isBlank()) continue;
        if (table == null) {
          if (delimiter == 0) delimiter = detectDelimiter(line);
          table = new TableBuilder(source, datasetName, List.of(split(line, delimiter, source, lineNumber)), lineNumber, options);
        } else {
          table.addRow(split(line, delimiter, source, lineNumber), lineNumber);
        }
      }
      if (table == null) {
        throw new InputException(source + ": file is empty, expected a header line and at least one data row");
      }
      return table.build();
    } catch (IOException e) {
      throw SourceStreams.failure(source, e);
    }
  }

  /** The most frequent of ',' ';' and tab outside quotes in the header line (',' on a tie or none). */
  static char detectDelimiter(String header) {
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char ch = header.charAt(i);
      if (ch == '"') quoted = !quoted;
      else if (!quoted && ch == ',') comma++;
      else if (!quoted && ch == ';') semicolon++;
      else if (!quoted && ch == '\t') tab++;
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
  }

  /** Splits one line into trimmed fields, honouring double quotes. */
  static String[] split(String line, char delimiter, String source, int lineNumber) {
    List<String> fields = new ArrayList<>();
    if (line.indexOf('"') < 0) {
      int start = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == delimiter) {
          fields.add(line.substring(start, i).trim());
          start = i + 1;
        }
      }
      fields.add(line.substring(start).trim());
      return fields.toArray(new String[0]);
    }
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (ch == delimiter) {
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        field.setLength(0);
        wasQuoted = false;
      } else if (!(wasQuoted && Character.isWhitespace(ch))) {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new InputException(source + ": line " + lineNumber + ": unterminated quoted field, expected a closing '\"' on the same line");
    }
    fields.add(wasQuoted ? field.toString() : field.toString().trim());
    return fields.toArray(new String[0]);
  }

  /** File name without directory and without trailing extensions such as ".csv.gz". */
  static String baseName(Path path) {
    String name = path.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}

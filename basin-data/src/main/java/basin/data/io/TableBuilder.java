package basin.data.io;

import basin.core.InputException;
import basin.core.data.Dataset;
import basin.data.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the rows of a table (CSV or ARFF data section) into features and raw labels, checking
 * each cell as it arrives, and turns them into a {@link Dataset} once every row is in.
 */
final class TableBuilder {
  private final String source;
  private final String datasetName;
  private final List<String> columns;
  private final int labelIndex;
  private final int headerLine;
  private final CsvOptions options;
  private final int featureCount;
  private double[] features = new double[1024];
  private int featureLength;
  private final List<String> rawLabels = new ArrayList<>();
  private int[] lineNumbers = new int[256];

  TableBuilder(String source, String datasetName, List<String> columns, int headerLine, CsvOptions options) {
    this.source = source;
    this.datasetName = datasetName;
    this.columns = List.copyOf(columns);
    this.headerLine = headerLine;
    this.options = options;
    if (columns.size() < 2) {
      throw new InputException(source + ": line " + headerLine + ": header has " + columns.size()
          + " column, expected at least 2 (features and a label) separated by ',', ';' or tabs");
    }
    this.labelIndex = resolveLabelColumn(options.labelColumn());
    this.featureCount = columns.size() - 1;
  }

  private int resolveLabelColumn(String label) {
    if (label == null) return columns.size() - 1;
    int byName = -1;
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).equals(label)) {
        if (byName >= 0) {
          throw new InputException(source + ": line " + headerLine + ": label column '" + label
              + "' appears twice in the header (columns " + byName + " and " + c + "), expected a unique name or an index");
        }
        byName = c;
      }
    }
    if (byName >= 0) return byName;
    if (label.matches("[0-9]+")) {
      long index = Long.parseLong(label.length() > 10 ? "99999999999" : label);
      if (index >= columns.size()) {
        throw new InputException(source + ": label column index " + label + " is out of range, expected 0.."
            + (columns.size() - 1) + " (0-based; the header has " + columns.size() + " columns)");
      }
      return (int) index;
    }
    throw new InputException(source + ": line " + headerLine + ": no column named '" + label
        + "' in the header, expected one of " + abbreviate(columns) + " or a 0-based index");
  }

  private static String abbreviate(List<String> names) {
    if (names.size() <= 12) return String.join(", ", names);
    return String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " columns)";
  }

  void addRow(String[] fields, int line) {
    if (fields.length != columns.size()) {
      throw new InputException(source + ": line " + line + " has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
          + ", expected " + columns.size() + " as in the header");
    }
    if (featureLength + featureCount > features.length) {
      features = Arrays.copyOf(features, Math.max(2 * features.length, featureLength + featureCount));
    }
    for (int c = 0; c < fields.length; c++) {
      if (c == labelIndex) continue;
      features[featureLength++] = parseFinite(fields[c], line, c, "a number");
    }
    int row = rawLabels.size();
    if (row == lineNumbers.length) lineNumbers = Arrays.copyOf(lineNumbers, 2 * row);
    lineNumbers[row] = line;
    rawLabels.add(fields[labelIndex]);
  }

  /** Parses a cell that must hold a finite number. */
  private double parseFinite(String cell, int line, int column, String expected) {
    double value = NumberCells.parse(cell);
    if (Double.isFinite(value)) return value;
    throw new InputException(source + ": line " + line + ", column '" + columns.get(column) + "': "
        + NumberCells.describeBad(cell) + ", expected " + expected);
  }

  TabularData build() {
    int n = rawLabels.size();
    if (n == 0) {
      throw new InputException(source + ": no data rows after the header (line " + headerLine + "), expected at least one");
    }
    double[] inputs = Arrays.copyOf(features, featureLength);
    List<String> featureNames = new ArrayList<>(columns);
    String target = featureNames.remove(labelIndex);
    Task task = options.task() != Task.AUTO ? options.task()
        : options.classCount() > 0 ? Task.CLASSIFICATION : guessTask();
    if (task == Task.REGRESSION) {
      double[] targets = new double[n];
      for (int r = 0; r < n; r++) {
        targets[r] = parseFinite(rawLabels.get(r), lineNumbers[r], labelIndex, "a number (regression target)");
      }
      return new TabularData(Dataset.regression(datasetName, n, featureCount, inputs, 1, targets), featureNames, List.of(), target);
    }
    return options.classCount() > 0
        ? indexedClasses(n, inputs, featureNames, target)
        : sortedClasses(n, inputs, featureNames, target);
  }

  private Task guessTask() {
    for (String raw : rawLabels) {
      double v = NumberCells.parse(raw);
      if (Double.isNaN(v) && !NumberCells.isNonFiniteLiteral(raw)) return Task.CLASSIFICATION;
      if (Double.isFinite(v) && v != Math.rint(v)) return Task.REGRESSION;
    }
    return Task.CLASSIFICATION;
  }

  private TabularData indexedClasses(int n, double[] inputs, List<String> featureNames, String target) {
    int k = options.classCount();
    int[] labels = new int[n];
    for (int r = 0; r < n; r++) {
      String raw = rawLabels.get(r);
      double v = NumberCells.parse(raw);
      if (!(Double.isFinite(v) && v == Math.rint(v))) {
        throw new InputException(source + ": line " + lineNumbers[r] + ", column '" + target + "': "
            + NumberCells.describeBad(raw) + ", expected an integer class index in [0, " + k + ")");
      }
      if (!(v >= 0 && v < k)) {
        throw new InputException(source + ": line " + lineNumbers[r] + ", column '" + target + "': label " + raw
            + " is out of range, expected an integer class index in [0, " + k + ")");
      }
      labels[r] = (int) v;
    }
    List<String> names = new ArrayList<>(k);
    for (int c = 0; c < k; c++) names.add(Integer.toString(c));
    return new TabularData(Dataset.classification(datasetName, n, featureCount, inputs, k, labels), featureNames, names, target);
  }

  private TabularData sortedClasses(int n, double[] inputs, List<String> featureNames, String target) {
    boolean numeric = true;
    for (int r = 0; r < n; r++) {
      String raw = rawLabels.get(r);
      if (raw.isEmpty() || NumberCells.isNonFiniteLiteral(raw)) {
        throw new InputException(source + ": line " + lineNumbers[r] + ", column '" + target + "': "
            + NumberCells.describeBad(raw) + ", expected a class label");
      }
      if (numeric && Double.isNaN(NumberCells.parse(raw))) numeric = false;
    }
    int[] labels = new int[n];
    List<String> names = new ArrayList<>();
    if (numeric) {
      TreeMap<Double, String> byValue = new TreeMap<>();
      for (String raw : rawLabels) byValue.putIfAbsent(NumberCells.parse(raw), raw);
      Map<Double, Integer> index = new HashMap<>();
      for (Map.Entry<Double, String> e : byValue.entrySet()) {
        index.put(e.getKey(), names.size());
        names.add(e.getValue());
      }
      for (int r = 0; r < n; r++) labels[r] = index.get(NumberCells.parse(rawLabels.get(r)));
    } else {
      TreeMap<String, Integer> sorted = new TreeMap<>();
      for (String raw : rawLabels) sorted.putIfAbsent(raw, 0);
      for (Map.Entry<String, Integer> e : sorted.entrySet()) {
        e.setValue(names.size());
        names.add(e.getKey());
      }
      for (int r = 0; r < n; r++) labels[r] = sorted.get(rawLabels.get(r));
    }
    if (names.size() < 2) {
      throw new InputException(source + ": column '" + target + "' has one distinct value ('" + names.get(0)
          + "'), expected at least 2 classes");
    }
    return new TabularData(Dataset.classification(datasetName, n, featureCount, inputs, names.size(), labels),
        featureNames, names, target);
  }
}

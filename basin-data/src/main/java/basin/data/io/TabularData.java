package basin.data.io;

import basin.core.data.Dataset;
import java.util.List;

/**
 * A data set read from a table, with the names the table gave its columns and classes.
 *
 * @param data the examples
 * @param featureNames header name of each input feature, in input order
 * @param classNames the label text of class i at index i (empty for regression)
 * @param targetName header name of the label or target column
 */
public record TabularData(Dataset data, List<String> featureNames, List<String> classNames, String targetName) {
  public TabularData {
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
  }
}

package basin.data.builtin;

import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.Task;
import basin.data.io.ArffReader;
import basin.data.io.CsvOptions;
import basin.data.io.CsvReader;
import basin.data.io.IdxArray;
import basin.data.io.IdxReader;
import basin.data.io.LabeledImages;
import basin.data.io.TabularData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The real data sets Basin ships, read from the rapaio-datasets jar on the class path.
 *
 * <p>Class labels follow the CSV rule of {@link CsvReader}: distinct values in sorted order (iris:
 * setosa, versicolor, virginica; sonar: Mine, Rock; spam-base: 0, 1). MNIST pixels are divided by
 * 255 so that inputs lie in [0, 1]; the other data sets are returned unscaled. Nothing is known
 * about the global minimum of a network on real data, so every reference is UNKNOWN.
 */
public enum BuiltinDataset {
  MNIST("mnist", "60000 + 10000 test x 784 (28x28), 10 classes",
      "handwritten digits (LeCun, Cortes and Burges 1998), pixels scaled to [0, 1]"),
  IRIS("iris", "150 x 4, 3 classes", "iris flowers (Fisher 1936)"),
  SONAR("sonar", "208 x 60, 2 classes", "sonar returns from mines and rocks (Gorman and Sejnowski 1988)"),
  SPAMBASE("spambase", "4601 x 57, 2 classes", "spam e-mail word and character frequencies (UCI spambase, Hopkins et al. 1999)"),
  HOUSING("housing", "506 x 13, regression", "Boston median house values, target MEDV (Harrison and Rubinfeld 1978)");

  /** Version of the jar the resources come from (the Maven dependency of this module). */
  public static final String SOURCE_JAR = "rapaio-datasets 8.1.0";
  private static final String ROOT = "rapaio/provider/datasets/";

  private final String id;
  private final String shape;
  private final String summary;

  BuiltinDataset(String id, String shape, String summary) {
    this.id = id;
    this.shape = shape;
    this.summary = summary;
  }

  /** The name used on the command line. */
  public String id() {
    return id;
  }

  /** Shape and classes, known without loading. */
  public String shape() {
    return shape;
  }

  public String summary() {
    return summary;
  }

  /** The data set with this name (case-insensitive; "spam-base" is accepted for spambase). */
  public static Optional<BuiltinDataset> find(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("spam-base") || key.equals("spam")) return Optional.of(SPAMBASE);
    for (BuiltinDataset d : values()) if (d.id.equals(key)) return Optional.of(d);
    return Optional.empty();
  }

  /** Reads the data set from the class path. */
  public Problem load() {
    GlobalReference unknown = GlobalReference.unknown("real data: no closed form; use the best minimum found");
    switch (this) {
      case MNIST: {
        LabeledImages train = IdxReader.labeledImages(idx("mnist/train-images-idx3-ubyte.gz"), idx("mnist/train-labels-idx1-ubyte.gz"), 10, "mnist");
        LabeledImages test = IdxReader.labeledImages(idx("mnist/t10k-images-idx3-ubyte.gz"), idx("mnist/t10k-labels-idx1-ubyte.gz"), 10, "mnist-test");
        return new Problem(train.data(), test.data(), train.classNames(), 28, unknown,
            "mnist: " + summary + "; " + SOURCE_JAR + " " + ROOT + "mnist/*-idx*-ubyte.gz");
      }
      case IRIS:
        return table(csv("iris-r.csv", "iris", CsvOptions.defaults().withLabelColumn("class").withTask(Task.CLASSIFICATION)), "iris-r.csv", unknown);
      case SONAR:
        return table(arff("sonar.arff", "sonar", CsvOptions.defaults().withLabelColumn("Class").withTask(Task.CLASSIFICATION)), "sonar.arff", unknown);
      case SPAMBASE:
        return table(csv("spam-base.csv", "spambase", CsvOptions.defaults().withLabelColumn("spam").withTask(Task.CLASSIFICATION)), "spam-base.csv", unknown);
      case HOUSING:
        return table(csv("housing.csv", "housing", CsvOptions.defaults().withLabelColumn("MEDV").withTask(Task.REGRESSION)), "housing.csv", unknown);
      default:
        throw new IllegalStateException("unreachable: every constant is handled");
    }
  }

  private Problem table(TabularData t, String file, GlobalReference reference) {
    return new Problem(t.data(), null, t.classNames(), 0, reference,
        id + ": " + summary + "; " + SOURCE_JAR + " " + ROOT + file + ", label column '" + t.targetName() + "'");
  }

  private static IdxArray idx(String file) {
    try (InputStream in = open(file)) {
      return IdxReader.read(in, SOURCE_JAR + ":" + ROOT + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TabularData csv(String file, String name, CsvOptions options) {
    try (InputStream in = open(file)) {
      return CsvReader.read(in, SOURCE_JAR + ":" + ROOT + file, name, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TabularData arff(String file, String name, CsvOptions options) {
    try (InputStream in = open(file)) {
      return ArffReader.read(in, SOURCE_JAR + ":" + ROOT + file, name, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String file) {
    ClassLoader loader = BuiltinDataset.class.getClassLoader();
    InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(ROOT + file) : loader.getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IllegalStateException("class path resource " + ROOT + file + " is missing; expected " + SOURCE_JAR
          + " (io.github.padreati:rapaio-datasets:8.1.0) on the class path");
    }
    return in;
  }

  /** Every name, for messages and listings. */
  public static List<String> ids() {
    BuiltinDataset[] all = values();
    String[] ids = new String[all.length];
    for (int i = 0; i < all.length; i++) ids[i] = all[i].id;
    return List.of(ids);
  }
}

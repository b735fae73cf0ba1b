package basin.data.catalog;

import basin.core.io.SourceStreams;
import basin.core.InputException;
import basin.core.data.Dataset;
import basin.data.DatasetDescription;
import basin.data.GlobalReference;
import basin.data.Problem;
import basin.data.Task;
import basin.data.builtin.BuiltinDataset;
import basin.data.io.ArffReader;
import basin.data.io.CsvOptions;
import basin.data.io.CsvReader;
import basin.data.io.IdxReader;
import basin.data.io.LabeledImages;
import basin.core.io.Npy;
import basin.core.io.NpyArray;

import basin.data.io.TabularData;
import basin.data.synthetic.SyntheticProblems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the argument of {@code --data}: a built-in name, a synthetic problem with parameters,
 * or a path to a data file.
 *
 * <p>Syntax: {@code NAME} or {@code NAME:key=value,key=value} for the catalog (see {@link
 * #catalog()}); anything else is a path, read by its extension: {@code .csv}, {@code .tsv},
 * {@code .txt} (optionally {@code .gz}), {@code .arff}, an IDX images file (name containing
 * "idx" or "ubyte"; labels from {@link LoadOptions#labelsPath()} or the file next to it with
 * "images" replaced by "labels" and "idx3" by "idx1"), or {@code .npy} inputs with a {@code .npy}
 * labels file. A catalog name wins over a relative path of the same text unless that file exists.
 *
 * <p>Every failure caused by the argument, the options or the file is an {@link InputException}
 * with a one-line message.
 */
public final class DataSources {
  private static final String FORMATS = "a .csv, .tsv, .txt, .arff, IDX (…-idx3-ubyte[.gz]) or .npy file";

  private DataSources() {}

  /** Loads a built-in or synthetic problem by name, or a data file by path. */
  public static Problem load(String nameOrPath, LoadOptions options) {
    String text = nameOrPath == null ? "" : nameOrPath.trim();
    if (text.isEmpty()) {
      throw new InputException("data: empty name, expected a built-in name (" + String.join(", ", names()) + ") or a path to " + FORMATS);
    }
    int colon = text.indexOf(':');
    String head = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
    String parameters = colon < 0 ? "" : text.substring(colon + 1);
    Path path = toPath(text);
    boolean fileExists = path != null && Files.exists(path);
    if (!fileExists) {
      var builtin = BuiltinDataset.find(head);
      if (builtin.isPresent()) {
        if (!parameters.isBlank()) {
          throw new InputException("data " + text + ": " + builtin.get().id() + " takes no parameters, got '" + parameters + "'");
        }
        return builtin.get().load();
      }
      Synthetic synthetic = Synthetic.find(head);
      if (synthetic != null) return synthetic.load(parse(synthetic, parameters, text), options.seed());
      if (path == null || !looksLikePath(text)) {
        throw new InputException("data " + text + ": unknown name, expected one of " + String.join(", ", names()) + " or a path to " + FORMATS);
      }
    }
    return loadFile(path, options);
  }

  /** {@link #load} followed by {@link DatasetDescription#of}: what {@code basin data show} prints. */
  public static DatasetDescription describe(String nameOrPath, LoadOptions options) {
    return DatasetDescription.of(load(nameOrPath, options));
  }

  /** The built-in and synthetic names, with shapes known without loading. */
  public static List<CatalogEntry> catalog() {
    List<CatalogEntry> entries = new ArrayList<>();
    for (BuiltinDataset d : BuiltinDataset.values()) {
      entries.add(new CatalogEntry(d.id(), CatalogEntry.Kind.BUILTIN, d.shape(), "", d.summary() + " [" + BuiltinDataset.SOURCE_JAR + "]"));
    }
    for (Synthetic s : Synthetic.values()) {
      entries.add(new CatalogEntry(s.id, CatalogEntry.Kind.SYNTHETIC, s.shape, s.defaultsText(), s.summary));
    }
    return entries;
  }

  /** Every catalog name. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(BuiltinDataset.ids());
    for (Synthetic s : Synthetic.values()) names.add(s.id);
    return names;
  }

  private static Path toPath(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static boolean looksLikePath(String text) {
    return text.indexOf('/') >= 0 || text.indexOf('\\') >= 0 || text.indexOf('.') >= 0;
  }

  // ---------------------------------------------------------------- files

  private static Problem loadFile(Path path, LoadOptions options) {
    String file = path.getFileName() == null ? path.toString() : path.getFileName().toString().toLowerCase(Locale.ROOT);
    String plain = file.endsWith(".gz") ? file.substring(0, file.length() - 3) : file;
    SourceStreams.checkReadableFile(path);
    GlobalReference unknown = GlobalReference.unknown("user data: nothing is known about the global minimum");
    if (plain.endsWith(".csv") || plain.endsWith(".tsv") || plain.endsWith(".txt") || plain.endsWith(".arff")) {
      CsvOptions csv = new CsvOptions(options.labelColumn(), options.task(), options.classCount(), plain.endsWith(".tsv") ? '\t' : (char) 0);
      boolean arff = plain.endsWith(".arff");
      TabularData table = arff ? ArffReader.read(path, csv) : CsvReader.read(path, csv);
      return new Problem(table.data(), null, table.classNames(), 0, unknown,
          "file " + path + " (" + (arff ? "ARFF" : "CSV") + ", label column '" + table.targetName() + "', "
              + (table.data().isClassification() ? table.data().classCount() + " classes in sorted order" : "regression") + ")");
    }
    if (plain.contains("idx") || plain.contains("ubyte")) {
      Path labels = options.labelsPath() != null ? options.labelsPath() : idxLabelsNextTo(path);
      if (options.task() == Task.REGRESSION) {
        throw new InputException(path + ": IDX images are read as a classification problem, expected task classification or auto");
      }
      LabeledImages images = IdxReader.readLabeledImages(path, labels, options.classCount(), baseName(path));
      return new Problem(images.data(), null, images.classNames(), images.squareSide(), unknown,
          "file " + path + " with labels " + labels + " (IDX" + (images.squareSide() > 0 ? ", " + images.rows() + "x" + images.cols() + " images" : "")
              + ")");
    }
    if (plain.endsWith(".npy")) {
      return loadNpyPair(path, options, unknown);
    }
    throw new InputException(path + ": unknown file type, expected " + FORMATS);
  }

  private static Path idxLabelsNextTo(Path images) {
    String name = images.getFileName().toString();
    String labelsName = name.replace("images", "labels").replace("idx3", "idx1");
    if (labelsName.equals(name)) {
      throw new InputException(images + ": no labels file given and none can be derived from the name, expected the labels file of these images");
    }
    Path labels = images.resolveSibling(labelsName);
    if (!Files.exists(labels)) {
      throw new InputException(images + ": no labels file given and " + labels + " does not exist, expected the labels file of these images");
    }
    return labels;
  }

  private static Problem loadNpyPair(Path inputsPath, LoadOptions options, GlobalReference unknown) {
    if (options.labelsPath() == null) {
      throw new InputException(inputsPath + ": a .npy inputs file needs a labels (or targets) .npy file, expected one to be given");
    }
    NpyArray inputs = Npy.read(inputsPath);
    int[] shape = inputs.shape();
    if (shape.length < 2) {
      throw new InputException(inputsPath + ": shape " + NpyArray.formatShape(shape) + ", expected (n, d) inputs or (n, s, s) images");
    }
    int n = shape[0];
    int d = inputs.data().length / Math.max(1, n);
    if (n == 0 || d == 0) throw new InputException(inputsPath + ": shape " + NpyArray.formatShape(shape) + " holds no data, expected n >= 1 examples");
    int side = shape.length == 3 && shape[1] == shape[2] ? shape[1] : 0;
    NpyArray labels = Npy.read(options.labelsPath());
    int[] ls = labels.shape();
    if (ls.length == 0 || ls[0] != n || ls.length > 2) {
      throw new InputException(options.labelsPath() + ": shape " + NpyArray.formatShape(ls) + ", expected (" + n + ",) labels or (" + n
          + ", t) targets to match " + inputsPath);
    }
    String name = baseName(inputsPath);
    boolean integral = ls.length == 1;
    for (int i = 0; integral && i < labels.data().length; i++) integral = labels.data()[i] == Math.rint(labels.data()[i]);
    Task task = options.task() == Task.AUTO ? (integral ? Task.CLASSIFICATION : Task.REGRESSION) : options.task();
    String source = "file " + inputsPath + " with " + (task == Task.CLASSIFICATION ? "labels " : "targets ") + options.labelsPath() + " (.npy)";
    if (task == Task.REGRESSION) {
      int t = ls.length == 1 ? 1 : ls[1];
      return new Problem(Dataset.regression(name, n, d, inputs.data(), t, labels.data()), null, List.of(), side, unknown, source);
    }
    if (ls.length != 1) {
      throw new InputException(options.labelsPath() + ": shape " + NpyArray.formatShape(ls) + ", expected (" + n + ",) class labels");
    }
    int[] y = new int[n];
    int max = -1;
    int k = options.classCount();
    for (int i = 0; i < n; i++) {
      double v = labels.data()[i];
      if (!(v == Math.rint(v) && v >= 0 && (k == 0 ? v < Integer.MAX_VALUE : v < k))) {
        throw new InputException(options.labelsPath() + ": element (" + i + ",) is " + v + ", expected an integer class index in [0, "
            + (k > 0 ? k : "k") + ")");
      }
      y[i] = (int) v;
      max = Math.max(max, y[i]);
    }
    if (k == 0) k = max + 1;
    if (k < 2) throw new InputException(options.labelsPath() + ": every label is " + max + ", expected at least 2 classes");
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) names.add(Integer.toString(c));
    return new Problem(Dataset.classification(name, n, d, inputs.data(), k, y), null, names, side, unknown, source);
  }

  private static String baseName(Path path) {
    String name = path.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  // ---------------------------------------------------------------- synthetic

  private static Map<String, String> parse(Synthetic synthetic, String parameters, String text) {
    Map<String, String> values = new LinkedHashMap<>(synthetic.defaults);
    if (parameters.isBlank()) return values;
    for (String pair : parameters.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InputException("data " + text + ": parameter '" + p + "' is not key=value, expected e.g. " + synthetic.id + ":" + synthetic.defaultsText());
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!synthetic.defaults.containsKey(key)) {
        throw new InputException("data " + text + ": unknown parameter '" + key + "' for " + synthetic.id + ", expected "
            + String.join(", ", synthetic.defaults.keySet()));
      }
      values.put(key, p.substring(eq + 1).trim());
    }
    return values;
  }

  /** The synthetic families, their parameters and defaults. */
  private enum Synthetic {
    XOR("xor", "4 x 2, 2 classes (n=0: the corners)", "XOR; n > 0 samples noisy corners labelled by sign, realizable",
        "n", "0", "noise", "0.25"),
    PARITY("parity", "16 x 4, 2 classes (2^bits when n=0)", "n-bit parity on {-1,1}^bits, realizable",
        "bits", "4", "n", "0"),
    GAUSSIANS("gaussians", "300 + 300 test x 2, 3 classes", "mixture of unit Gaussians with means at +-separation*e_j",
        "classes", "3", "dim", "2", "n", "300", "separation", "2.0"),
    SPIRALS("spirals", "400 + 400 test x 2, 2 classes", "two interleaved spirals (Lang and Witbrock 1988)",
        "n", "400", "turns", "1.5", "noise", "0.02"),
    TEACHER("teacher", "200 + 200 test x 4, 1 target", "teacher-student: a random inputs-hidden-outputs teacher MLP labels Gaussian inputs, realizable",
        "inputs", "4", "hidden", "3", "outputs", "1", "activation", "tanh", "n", "200", "test", "200"),
    AUTOENCODER("autoencoder", "200 + 200 test x 4 -> 4 targets (= inputs)", "linear autoencoder data with distinct covariance eigenvalues; closed-form minimum for a dim-bottleneck-dim linear network without biases",
        "dim", "4", "bottleneck", "2", "n", "200", "test", "200");

    final String id;
    final String shape;
    final String summary;
    final Map<String, String> defaults = new LinkedHashMap<>();

    Synthetic(String id, String shape, String summary, String... keyValues) {
      this.id = id;
      this.shape = shape;
      this.summary = summary;
      for (int i = 0; i < keyValues.length; i += 2) defaults.put(keyValues[i], keyValues[i + 1]);
    }

    static Synthetic find(String name) {
      for (Synthetic s : values()) if (s.id.equals(name)) return s;
      return null;
    }

    String defaultsText() {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : defaults.entrySet()) parts.add(e.getKey() + "=" + e.getValue());
      return String.join(",", parts);
    }

    Problem load(Map<String, String> p, long seed) {
      switch (this) {
        case XOR: {
          int n = integer(p, "n");
          return n == 0 ? SyntheticProblems.xor() : SyntheticProblems.noisyXor(n, real(p, "noise"), seed);
        }
        case PARITY:
          return SyntheticProblems.parity(integer(p, "bits"), integer(p, "n"), seed);
        case GAUSSIANS:
          return SyntheticProblems.gaussianMixture(integer(p, "classes"), integer(p, "dim"), integer(p, "n"), real(p, "separation"), seed);
        case SPIRALS:
          return SyntheticProblems.twoSpirals(integer(p, "n"), real(p, "turns"), real(p, "noise"), seed);
        case AUTOENCODER:
          return basin.data.synthetic.LinearAutoencoderData.create(integer(p, "dim"), integer(p, "bottleneck"), integer(p, "n"),
              integer(p, "test"), seed);
        case TEACHER: {
          basin.core.model.Activation act;
          try {
            act = basin.core.model.Activation.parse(p.get("activation"));
          } catch (IllegalArgumentException e) {
            throw new InputException(id + ": parameter activation: " + e.getMessage());
          }
          int inputs = integer(p, "inputs");
          int hidden = integer(p, "hidden");
          int outputs = integer(p, "outputs");
          if (inputs < 1 || hidden < 1 || outputs < 1) {
            throw new InputException(id + ": inputs, hidden and outputs must be >= 1, got " + inputs + ", " + hidden + ", " + outputs);
          }
          return basin.data.synthetic.TeacherStudent.create(basin.data.synthetic.TeacherStudent.teacher(inputs, hidden, outputs, act),
              integer(p, "n"), integer(p, "test"), seed).problem();
        }
        default:
          throw new IllegalStateException("unreachable: every constant is handled");
      }
    }

    private int integer(Map<String, String> p, String key) {
      String v = p.get(key);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new InputException(id + ": parameter " + key + "='" + v + "', expected an integer");
      }
    }

    private double real(Map<String, String> p, String key) {
      String v = p.get(key);
      try {
        double x = Double.parseDouble(v);
        if (!Double.isFinite(x)) throw new NumberFormatException();
        return x;
      } catch (NumberFormatException e) {
        throw new InputException(id + ": parameter " + key + "='" + v + "', expected a finite number");
      }
    }
  }
}

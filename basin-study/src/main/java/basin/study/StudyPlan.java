package basin.study;

import basin.core.InputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code basin study} runs: a study spec (the main configuration, sampled as {@code basin
 * sample} would) and the study's own block of sweeps and analyses around it.
 *
 * <p>A study file is a study spec (docs/study-spec.md) with one more, optional, top-level field:
 *
 * <pre>{@code
 * study:
 *   sweep_starts: 100          # starts per sweep point (default: the main spec's starts)
 *   width: [2, 4, 8]           # hidden width of every hidden layer
 *   depth: [1, 2, 3]           # hidden layers, each as wide as the main model's first
 *   train_size: [50, 100, 200] # training examples (stratified subsample)
 *   l2: [0.0001, 0.001, 0.01]  # the regularization sweep
 *   baseline: true             # the convex model (no hidden layer) on the same data, per L2 value
 *   flatness: true             # flatness of the main configuration's minima
 *   saddles: 20                # saddle searches on the main configuration (0: none)
 *   topology: 5                # barriers to each minimum's nearest minima, the disconnectivity graph (0: none)
 *   early_stopping: 20         # starts re-run with a validation split and Prechelt's stopping rules (0: none)
 *   methods: 40                # starts of the comparison of which methods end at saddles (0: none)
 *   escape: true               # the escape lab from the lowest saddle the saddle search found
 * }</pre>
 *
 * A plain spec without the block is a study of its main configuration (sampling, baseline,
 * flatness, saddles) with no sweeps; the report then names the fields that would add them.
 *
 * @param main the main configuration, defaults filled
 * @param block the study's sweeps and analyses, defaults filled
 * @param source where the plan came from (a file name, or "built-in default")
 * @param baseDirectory the directory relative file names in the spec resolve from, or null
 */
public record StudyPlan(StudySpec main, Block block, String source, Path baseDirectory) {

  /** The axes a scaling sweep can vary. */
  public enum Axis {
    WIDTH("width"),
    DEPTH("depth"),
    TRAIN_SIZE("train_size");

    private final String field;

    Axis(String field) {
      this.field = field;
    }

    /** The field name in the study block and in the catalog. */
    public String field() {
      return field;
    }

    /** The axis of a field name. */
    public static Axis ofField(String field) {
      for (Axis a : values()) if (a.field.equals(field)) return a;
      throw new IllegalArgumentException("no sweep axis '" + field + "'");
    }
  }

  /**
   * The study block, every field filled.
   *
   * @param sweepStarts starts per sweep point (scaling and regularization)
   * @param width hidden widths of the width sweep (empty: none)
   * @param depth hidden-layer counts of the depth sweep (empty: none)
   * @param trainSize training-set sizes of the data-size sweep (empty: none)
   * @param l2 L2 strengths of the regularization sweep (empty: none)
   * @param baseline whether to fit the convex model beside the networks
   * @param flatness whether to measure the flatness of the main configuration's minima
   * @param saddles saddle searches on the main configuration (0: none)
   * @param topology nearest minima (modulo symmetry) each minimum's barriers are measured to, for the
   *     disconnectivity graph (0: none)
   * @param earlyStopping starts of the main configuration re-run with a validation split to measure
   *     what early stopping costs (0: none; networks on data only)
   * @param methods seeded starts of the comparison of which methods (gd, L-BFGS, Newton pure and
   *     damped, Newton-MR, saddle-free Newton) end at saddles (0: none)
   * @param escape whether to run the escape lab from the lowest saddle the saddle search found
   */
  public record Block(int sweepStarts, List<Integer> width, List<Integer> depth, List<Integer> trainSize, List<Double> l2,
      boolean baseline, boolean flatness, int saddles, int topology, int earlyStopping, int methods, boolean escape) {
    public Block {
      width = List.copyOf(width);
      depth = List.copyOf(depth);
      trainSize = List.copyOf(trainSize);
      l2 = List.copyOf(l2);
    }

    /** The values of one scaling axis. */
    public List<Integer> values(Axis axis) {
      return switch (axis) {
        case WIDTH -> width;
        case DEPTH -> depth;
        case TRAIN_SIZE -> trainSize;
      };
    }
  }

  /** The study block as written in a file; null fields take their defaults. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record BlockSpec(Integer sweepStarts, List<Integer> width, List<Integer> depth, List<Integer> trainSize, List<Double> l2,
      Boolean baseline, Boolean flatness, Integer saddles, Integer topology, Integer earlyStopping, Integer methods, Boolean escape) {}

  /** A study file read for its {@code study} field alone; the rest is the spec, read by {@link StudySpec#read}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record StudyFile(BlockSpec study) {}

  /** One sub-study of the plan: a sweep point, a regularization point or a baseline. */
  public record Variant(String kind, String axis, double value, StudySpec spec, String catalogName) {}

  public StudyPlan {
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(source, "source");
  }

  /** The name of the built-in study run by {@code basin study} with no spec. */
  public static final String DEFAULT = "default";
  /** The name of the built-in study run by {@code basin study --quick}. */
  public static final String QUICK = "quick";

  /**
   * A built-in study: {@value #DEFAULT} (MNIST downsampled, a small MLP, sized to finish in about ten
   * minutes on two cores) or {@value #QUICK} (the same questions in about a minute).
   */
  public static StudyPlan builtin(String name) {
    String resource = "/basin/study/" + name + "-study.yaml";
    try (InputStream in = StudyPlan.class.getResourceAsStream(resource)) {
      if (in == null) throw new InputException("no built-in study '" + name + "', expected " + DEFAULT + " or " + QUICK);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Path tmp = Files.createTempFile("basin-" + name + "-study", ".yaml");
      try {
        Files.writeString(tmp, text);
        StudyPlan p = read(tmp);
        return new StudyPlan(p.main, p.block, "built-in " + name + " study", null);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The text of a built-in study file, as {@code basin study --show-spec} prints it. */
  public static String builtinText(String name) {
    try (InputStream in = StudyPlan.class.getResourceAsStream("/basin/study/" + name + "-study.yaml")) {
      if (in == null) throw new InputException("no built-in study '" + name + "', expected " + DEFAULT + " or " + QUICK);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The spec's own strictness (no silent conversions, unknown fields refused) for the study block. */
  private static final ObjectMapper YAML = StudySpec.strict(new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
  private static final ObjectMapper JSON = StudySpec.strict(JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());

  /**
   * Reads a study file: a study spec with an optional {@code study} block. Bad input names the file
   * and the field.
   */
  public static StudyPlan read(Path file) {
    StudySpec main = StudySpec.read(file, "study");
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".json") ? JSON : YAML;
    BlockSpec b;
    try {
      StudyFile f = mapper.readValue(file.toFile(), StudyFile.class);
      b = f == null ? null : f.study();
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", "));
      throw new InputException(file + ": unknown field 'study." + e.getPropertyName() + "' (line " + e.getLocation().getLineNr()
          + "), expected one of " + known);
    } catch (MismatchedInputException e) {
      String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      throw new InputException(file + ": field '" + field + "' (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
          + ") has the wrong type, expected " + (field.endsWith("baseline") || field.endsWith("flatness") || field.endsWith("escape") ? "true or false"
          : field.contains("l2") ? "a list of numbers" : field.endsWith("starts") || field.endsWith("saddles") || field.endsWith("topology") || field.endsWith("early_stopping") || field.endsWith("methods") ? "an integer"
          : "a list of integers"));
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": not valid " + (mapper == JSON ? "JSON" : "YAML") + " ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    try {
      Block block = fill(b, main);
      return new StudyPlan(main, block, file.toString(), file.toAbsolutePath().getParent());
    } catch (InputException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }

  /** The block with defaults filled, validated against the main spec. */
  static Block fill(BlockSpec b, StudySpec main) {
    if (b == null) b = new BlockSpec(null, null, null, null, null, null, null, null, null, null, null, null);
    int sweepStarts = b.sweepStarts() == null ? main.starts() : b.sweepStarts();
    if (sweepStarts < 1) throw new InputException("field study.sweep_starts is " + sweepStarts + ", expected an integer >= 1");
    List<Integer> width = orEmpty(b.width());
    List<Integer> depth = orEmpty(b.depth());
    List<Integer> trainSize = orEmpty(b.trainSize());
    List<Double> l2 = orEmpty(b.l2());
    boolean mlp = main.isMlp();
    checkPositive("width", width, 1);
    checkPositive("depth", depth, 1);
    checkPositive("train_size", trainSize, 2);
    for (Double v : l2) {
      if (v == null || !(v >= 0) || !Double.isFinite(v)) {
        throw new InputException("field study.l2 is " + l2 + ", expected finite numbers >= 0");
      }
    }
    if (!mlp) {
      for (String f : List.of("width", "depth", "train_size", "l2")) {
        boolean set = switch (f) {
          case "width" -> !width.isEmpty();
          case "depth" -> !depth.isEmpty();
          case "train_size" -> !trainSize.isEmpty();
          default -> !l2.isEmpty();
        };
        if (set) throw new InputException("field study." + f + " applies to objective mlp only, not " + main.objective());
      }
    }
    if (!depth.isEmpty() && main.model().hidden().isEmpty()) {
      throw new InputException("field study.depth needs a hidden layer in model.hidden to take its width from");
    }
    boolean baseline = b.baseline() == null ? mlp : b.baseline();
    if (baseline && !mlp) throw new InputException("field study.baseline applies to objective mlp only, not " + main.objective());
    boolean flatness = b.flatness() == null || b.flatness();
    int saddles = b.saddles() == null ? 20 : b.saddles();
    if (saddles < 0) throw new InputException("field study.saddles is " + saddles + ", expected an integer >= 0");
    int topology = b.topology() == null ? 5 : b.topology();
    if (topology < 0) throw new InputException("field study.topology is " + topology + ", expected an integer >= 0 (nearest minima per minimum)");
    int early = b.earlyStopping() == null ? (mlp ? Math.min(20, main.starts()) : 0) : b.earlyStopping();
    if (early < 0) throw new InputException("field study.early_stopping is " + early + ", expected an integer >= 0 (starts to re-run)");
    if (early > 0 && !mlp) throw new InputException("field study.early_stopping applies to objective mlp only, not " + main.objective());
    int methods = b.methods() == null ? 40 : b.methods();
    if (methods < 0) throw new InputException("field study.methods is " + methods + ", expected an integer >= 0 (starts per method)");
    boolean escape = b.escape() == null ? saddles > 0 : b.escape();
    if (escape && saddles == 0) throw new InputException("field study.escape needs saddles to escape from: set study.saddles above 0");
    return new Block(sweepStarts, width, depth, trainSize, l2, baseline, flatness, saddles, topology, early, methods, escape);
  }

  private static void checkPositive(String field, List<Integer> values, int min) {
    for (Integer v : values) {
      if (v == null || v < min) throw new InputException("field study." + field + " is " + values + ", expected integers >= " + min);
    }
    if (values.stream().distinct().count() != values.size()) {
      throw new InputException("field study." + field + " is " + values + ", expected distinct values");
    }
  }

  private static <T> List<T> orEmpty(List<T> v) {
    return v == null ? List.of() : v;
  }

  /** The scaling sweep points of one axis, in the order given. */
  public List<Variant> scaling(Axis axis) {
    List<Variant> out = new ArrayList<>();
    for (int v : block.values(axis)) {
      StudySpec.ModelSpec m = main.model();
      StudySpec s = switch (axis) {
        case WIDTH -> withModel(main, new StudySpec.ModelSpec(m.hidden().stream().map(h -> v).toList(), m.activation(), m.bias(), m.loss()));
        case DEPTH -> withModel(main, new StudySpec.ModelSpec(java.util.Collections.nCopies(v, m.hidden().get(0)), m.activation(), m.bias(),
            m.loss()));
        case TRAIN_SIZE -> withTrainSize(main, v);
      };
      s = rename(s, main.name() + " [" + axis.field() + "=" + v + "]").withStarts(block.sweepStarts());
      out.add(new Variant("scaling", axis.field(), v, s, "sweeps/" + axis.field() + "-" + v + ".db"));
    }
    return out;
  }

  /** The points of the regularization sweep. */
  public List<Variant> regularization() {
    List<Variant> out = new ArrayList<>();
    for (double v : block.l2()) {
      StudySpec s = rename(withL2(main, v), main.name() + " [l2=" + format(v) + "]").withStarts(block.sweepStarts());
      out.add(new Variant("regularization", "l2", v, s, "sweeps/l2-" + format(v) + ".db"));
    }
    return out;
  }

  /**
   * The convex baselines: the model without hidden layers (multinomial logistic regression for
   * cross-entropy, least squares for the squared loss) at the main L2 strength and at each of the
   * regularization sweep's, three starts each (a convex objective has one minimum: the three must
   * agree).
   */
  public List<Variant> baselines() {
    if (!block.baseline()) return List.of();
    List<Double> strengths = new ArrayList<>();
    strengths.add(main.l2());
    for (double v : block.l2()) if (!strengths.contains(v)) strengths.add(v);
    List<Variant> out = new ArrayList<>();
    StudySpec.ModelSpec m = main.model();
    for (double v : strengths) {
      StudySpec s = withL2(withModel(main, new StudySpec.ModelSpec(List.of(), m.activation(), m.bias(), m.loss())), v);
      s = rename(s, main.name() + " [convex baseline, l2=" + format(v) + "]").withStarts(BASELINE_STARTS);
      out.add(new Variant("baseline", "l2", v, s, "sweeps/baseline-l2-" + format(v) + ".db"));
    }
    return out;
  }

  /** Starts of each convex baseline: all must end at the one minimum. */
  public static final int BASELINE_STARTS = 3;

  /** A number as it appears in file and spec names: shortest round-trip form. */
  static String format(double v) {
    String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s;
  }

  private static StudySpec withModel(StudySpec s, StudySpec.ModelSpec m) {
    return new StudySpec(s.name(), s.objective(), s.data(), s.preparation(), m, s.l2(), s.init(), s.optimizer(), s.starts(), s.seed(),
        s.tolerances()).withDefaults();
  }

  private static StudySpec withL2(StudySpec s, double l2) {
    return new StudySpec(s.name(), s.objective(), s.data(), s.preparation(), s.model(), l2, s.init(), s.optimizer(), s.starts(), s.seed(),
        s.tolerances()).withDefaults();
  }

  private static StudySpec withTrainSize(StudySpec s, int n) {
    StudySpec.PreparationSpec p = s.preparation();
    return new StudySpec(s.name(), s.objective(), s.data(), new StudySpec.PreparationSpec(p.classes(), n, p.testSize(), p.imageSide(), p.pca(),
        p.testFraction(), p.standardize(), p.dataSeed()), s.model(), s.l2(), s.init(), s.optimizer(), s.starts(), s.seed(), s.tolerances())
        .withDefaults();
  }

  private static StudySpec rename(StudySpec s, String name) {
    return new StudySpec(name, s.objective(), s.data(), s.preparation(), s.model(), s.l2(), s.init(), s.optimizer(), s.starts(), s.seed(),
        s.tolerances()).withDefaults();
  }
}

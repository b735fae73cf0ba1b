package basin.study;

import basin.core.InputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A study: the problem, the model, the optimizer pipeline, how many starts from which master seed,
 * and the tolerances that decide what counts as a critical point and when two minima are the same.
 * Read from YAML or JSON (snake_case keys); every field has a default (see {@link #DEFAULTS} and
 * docs/study-spec.md). Every start of a study is a pure function of (spec, seed, start index).
 *
 * @param name a label for reports
 * @param objective what is sampled: {@code mlp} (a network on data, the default) or a closed-form
 *     objective or test function with parameters, such as {@code relu-population:k=8} or
 *     {@code muller-brown} ({@link ClosedFormSubject}); data, preparation and model apply to
 *     {@code mlp} only
 * @param data a built-in or synthetic data set or a file path, as for {@code --data}
 * @param preparation preprocessing of the data
 * @param model the architecture and loss
 * @param l2 L2 coefficient lambda of the objective
 * @param init initializer of the starts ("glorot", "he", "normal:0.5", ...)
 * @param optimizer optimizer stages in order (specs as for {@code --optimizer})
 * @param starts number of random starts
 * @param seed master seed
 * @param tolerances certification and matching tolerances
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StudySpec(
    String name,
    String objective,
    String data,
    PreparationSpec preparation,
    ModelSpec model,
    Double l2,
    String init,
    List<String> optimizer,
    Integer starts,
    Long seed,
    Tolerances tolerances) {

  /**
   * Preprocessing, as the data options of the command line.
   *
   * @param classes classes to keep (empty: all)
   * @param trainSize stratified training subsample (0: all)
   * @param testSize stratified test subsample (0: all)
   * @param imageSide pool square images to this side (0: off)
   * @param pca principal components (0: off)
   * @param testFraction share held out when the source has no test set
   * @param standardize standardize inputs with training statistics
   * @param dataSeed seed of synthetic data, splits and subsamples
   */
  public record PreparationSpec(List<Integer> classes, Integer trainSize, Integer testSize, Integer imageSide, Integer pca,
      Double testFraction, Boolean standardize, Long dataSeed) {}

  /**
   * @param hidden hidden widths (empty: no hidden layer)
   * @param activation hidden activation
   * @param bias biases in every layer
   * @param loss "mse", "cross-entropy", "logistic", or null for the data's default
   */
  public record ModelSpec(List<Integer> hidden, String activation, Boolean bias, String loss) {}

  /**
   * @param gradient a point is critical when its gradient norm is at most this
   * @param eigenvalue relative eigenvalue tolerance: |lambda| <= tol max(1, |lambda_max|) is zero
   * @param parameter two minima are the same when their distance modulo symmetry is at most this
   *     times max(1, ||w||)
   * @param loss ... and their losses differ by at most this times max(1, |loss|)
   * @param nearGlobal a minimum is near-global when its gap to the global reference is at most this
   */
  public record Tolerances(Double gradient, Double eigenvalue, Double parameter, Double loss, Double nearGlobal) {}

  /** Every default, in one place. */
  public static final StudySpec DEFAULTS = new StudySpec(
      "study", "mlp", "spirals",
      new PreparationSpec(List.of(), 0, 0, 0, 0, 0.2, false, 0L),
      new ModelSpec(List.of(8), "tanh", true, null),
      0.0, "glorot", List.of("lbfgs", "newton"), 100, 1L,
      new Tolerances(1e-8, 1e-6, 1e-4, 1e-7, 1e-3));

  /** This spec with every missing field taken from {@link #DEFAULTS}, validated. */
  public StudySpec withDefaults() {
    StudySpec d = DEFAULTS;
    String obj = or(objective, d.objective).trim();
    if (!isMlp(obj)) {
      // a closed-form objective or test function: the data and network fields do not apply
      if (data != null) throw new InputException("spec field data does not apply to objective " + obj + "; remove it");
      if (preparation != null) throw new InputException("spec field preparation does not apply to objective " + obj + "; remove it");
      if (model != null) throw new InputException("spec field model does not apply to objective " + obj + "; remove it");
      Tolerances t = fill(tolerances);
      StudySpec s = new StudySpec(or(name, d.name), obj, null, null, null, or(l2, d.l2), or(init, "default"),
          or(optimizer, d.optimizer), or(starts, d.starts), or(seed, d.seed), t);
      s.validate();
      return s;
    }
    PreparationSpec p = preparation == null ? d.preparation : preparation;
    PreparationSpec dp = d.preparation;
    p = new PreparationSpec(or(p.classes, dp.classes), or(p.trainSize, dp.trainSize), or(p.testSize, dp.testSize),
        or(p.imageSide, dp.imageSide), or(p.pca, dp.pca), or(p.testFraction, dp.testFraction), or(p.standardize, dp.standardize),
        or(p.dataSeed, dp.dataSeed));
    ModelSpec m = model == null ? d.model : model;
    m = new ModelSpec(or(m.hidden, d.model.hidden), or(m.activation, d.model.activation), or(m.bias, d.model.bias), m.loss);
    Tolerances t = fill(tolerances);
    StudySpec s = new StudySpec(or(name, d.name), "mlp", or(data, d.data), p, m, or(l2, d.l2), or(init, d.init),
        or(optimizer, d.optimizer), or(starts, d.starts), or(seed, d.seed), t);
    s.validate();
    return s;
  }

  /** Whether this spec samples a network on data (objective {@code mlp}). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isMlp() {
    return objective == null || isMlp(objective);
  }

  private static boolean isMlp(String objective) {
    return objective.trim().equalsIgnoreCase("mlp");
  }

  private static Tolerances fill(Tolerances tolerances) {
    Tolerances t = tolerances == null ? DEFAULTS.tolerances : tolerances;
    Tolerances dt = DEFAULTS.tolerances;
    return new Tolerances(or(t.gradient, dt.gradient), or(t.eigenvalue, dt.eigenvalue), or(t.parameter, dt.parameter),
        or(t.loss, dt.loss), or(t.nearGlobal, dt.nearGlobal));
  }

  private void validate() {
    if (!(starts >= 1)) throw new InputException("spec field starts is " + starts + ", expected an integer >= 1");
    if (!(l2 >= 0 && Double.isFinite(l2))) throw new InputException("spec field l2 is " + l2 + ", expected a finite number >= 0");
    if (optimizer.isEmpty()) throw new InputException("spec field optimizer is empty, expected one or more stages such as [lbfgs, newton]");
    if (model != null) {
      for (Integer h : model.hidden) {
        if (h == null || h < 1) throw new InputException("spec field model.hidden is " + model.hidden + ", expected widths >= 1");
      }
    }
    positive("tolerances.gradient", tolerances.gradient);
    positive("tolerances.eigenvalue", tolerances.eigenvalue);
    positive("tolerances.parameter", tolerances.parameter);
    positive("tolerances.loss", tolerances.loss);
    positive("tolerances.near_global", tolerances.nearGlobal);
  }

  private static void positive(String field, double v) {
    if (!(v > 0 && Double.isFinite(v))) throw new InputException("spec field " + field + " is " + v + ", expected a finite number > 0");
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static final ObjectMapper JSON = strict(JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build());

  private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));

  /**
   * No silent conversions: unknown and duplicate keys, a fraction where an integer is expected
   * ({@code seed: 1.5}), a string where a number is expected ({@code "starts": "5"}) and a scalar
   * where a list is expected are all refused.
   */
  static ObjectMapper strict(ObjectMapper m) {
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    m.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    for (com.fasterxml.jackson.databind.type.LogicalType t : new com.fasterxml.jackson.databind.type.LogicalType[] {
        com.fasterxml.jackson.databind.type.LogicalType.Integer, com.fasterxml.jackson.databind.type.LogicalType.Float,
        com.fasterxml.jackson.databind.type.LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
          com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }
    m.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.TryConvert);
    return m;
  }

  /** What a value of a Java type is called in a message to a user. */
  private static String expected(Class<?> type) {
    if (type == null) return "another type";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
    if (type == Double.class || type == double.class) return "a number";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (java.util.Collection.class.isAssignableFrom(type)) return "a list";
    if (type == StudySpec.class) return "a mapping of study fields (name, data, model, ...)";
    if (type.isRecord()) return "a mapping of " + type.getSimpleName().replace("Spec", "").toLowerCase(Locale.ROOT) + " fields";
    return type.getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** Reads a spec file (.yaml, .yml or .json), fills defaults, validates; bad input names the file and field. */
  public static StudySpec read(Path file) {
    return read(file, null);
  }

  /**
   * As {@link #read(Path)}, skipping one top-level field that belongs to a format built on specs
   * (the {@code study} block of a study file, {@link StudyPlan}); every other unknown field is still
   * refused.
   */
  static StudySpec read(Path file, String skippedTopLevelField) {
    if (Files.isDirectory(file)) throw new InputException(file + " is a directory, expected a YAML or JSON study spec file");
    if (!Files.isRegularFile(file)) throw new InputException(file + ": no such spec file, expected a YAML or JSON study spec");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = name.endsWith(".json") ? JSON : YAML;
    if (skippedTopLevelField != null) {
      ObjectMapper base = mapper;
      mapper = base.copy().addHandler(new com.fasterxml.jackson.databind.deser.DeserializationProblemHandler() {
        @Override
        public boolean handleUnknownProperty(com.fasterxml.jackson.databind.DeserializationContext ctxt,
            com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer, Object beanOrClass,
            String propertyName) throws IOException {
          boolean top = beanOrClass == StudySpec.class || beanOrClass instanceof StudySpec;
          if (top && skippedTopLevelField.equals(propertyName)) {
            p.skipChildren();
            return true;
          }
          return false;
        }
      });
    }
    try {
      StudySpec spec = mapper.readValue(file.toFile(), StudySpec.class);
      if (spec == null) throw new InputException(file + ": empty spec, expected at least a data field");
      try {
        return spec.withDefaults();
      } catch (InputException e) {
        throw new InputException(file + ": " + e.getMessage(), e);
      }
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new InputException(file + ": unknown field '" + path(e) + "' (line " + e.getLocation().getLineNr() + "), expected one of " + known);
    } catch (InvalidFormatException e) {
      throw new InputException(file + ": field '" + path(e) + "' has value " + e.getValue() + " (line " + e.getLocation().getLineNr()
          + "), expected " + expected(e.getTargetType()));
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw new InputException(file + ": " + (field.isEmpty() ? "the spec" : "field '" + field + "'") + " (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ") has the wrong type, expected " + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": not valid " + (name.endsWith(".json") ? "JSON" : "YAML") + " (" + e.getOriginalMessage().lines().findFirst().orElse("")
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  /** The same spec with another number of starts. */
  public StudySpec withStarts(int n) {
    return new StudySpec(name, objective, data, preparation, model, l2, init, optimizer, n, seed, tolerances).withDefaults();
  }

  /** Canonical JSON of this spec: sorted keys, snake_case, every field present. Catalogs store it. */
  public String toCanonicalJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a spec record always serializes", e);
    }
  }

  /** Reads canonical JSON back (from a catalog). */
  public static StudySpec fromCanonicalJson(String json) {
    try {
      return JSON.readValue(json, StudySpec.class).withDefaults();
    } catch (JsonProcessingException e) {
      throw new InputException("catalog spec is not valid study JSON (" + e.getOriginalMessage() + ")");
    }
  }
}

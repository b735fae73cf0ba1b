package basin.study;

import basin.core.InputException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;

/**
 * A {@link StudySummary} as one JSON document ({@code basin minima CATALOG --json}), for reports and
 * scripts; {@link #read(String)} gives the same summary back.
 *
 * <p>Field names are the record components in snake_case, in this order:
 * <pre>
 * study          {name, master_seed, created_utc, starts_planned, starts_recorded}
 * classes        [{name, count, share, on_kinks, kinks_not_known}], by name
 * saddle_indices [{index, count}], by index
 * minima_table   {minimum_ending_starts, covered_starts, other_members, current}
 * distinct       {count, smooth, on_kinks, kinks_not_known, lowest_train_loss} or null
 * richness       {observed, chao1, chao1_lower, chao1_upper, confidence, ace, coverage, singletons,
 *                 doubletons, caveats: [string]} or null
 * discovery      {distinct_after: [D(1), ..., D(N)]} or null
 * reference      {basis, exact, value, detail}
 * gap            {median, p90, max} or null
 * near_global    {epsilon, successes, trials, share, confidence, wilson: {lower, upper},
 *                 clopper_pearson: {lower, upper}} or null
 * minima         [{id, hits, train_loss, gap, test_loss, test_gap, test_accuracy, gradient_norm,
 *                 smallest_eigenvalue, largest_eigenvalue, zero_count, nearest_distance, active_kinks}],
 *                by hits (descending), then id; every distinct minimum
 * degenerate     {count, starts, median_parameter_norm, max_parameter_norm} or null
 * strict_richness as richness, over the strict minima alone; or null
 * </pre>
 * {@link StudySummary} and its parts document each field and when a part is null. A NaN or infinite
 * number (an undefined ACE, the test accuracy of a regression, a lone minimum's nearest distance) is
 * written as {@code null} and read back as NaN; a count that was not recorded is {@code null}.
 * Doubles are written with enough digits to read back bit for bit.
 */
public final class SummaryJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new SimpleModule("non-finite-as-null")
          .addSerializer(Double.class, new NonFiniteAsNull())
          .addSerializer(double.class, new NonFiniteAsNull())
          .addDeserializer(Double.class, new NullAsNaN(Double.class))
          .addDeserializer(double.class, new NullAsNaN(double.class)))
      .build();

  private SummaryJson() {}

  /** The summary as one JSON document (indented, ending without a newline). */
  public static String write(StudySummary summary) {
    try {
      return MAPPER.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the summary of study " + summary.study().name() + " as JSON", e);
    }
  }

  /**
   * The summary a JSON document written by {@link #write(StudySummary)} holds; unknown fields are
   * ignored (a newer writer may add some).
   *
   * @throws InputException when the text is not such a document
   */
  public static StudySummary read(String json) {
    try {
      return MAPPER.readValue(json, StudySummary.class);
    } catch (JsonProcessingException e) {
      throw new InputException("not a study summary in JSON: " + e.getOriginalMessage());
    }
  }

  /** Writes a double, or null when it is NaN or infinite (JSON has no such numbers). */
  private static final class NonFiniteAsNull extends StdScalarSerializer<Double> {
    NonFiniteAsNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }

  /** Reads a number as a double, and null as NaN. */
  private static final class NullAsNaN extends StdScalarDeserializer<Double> {
    NullAsNaN(Class<?> type) {
      super(type);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != null && p.currentToken().isNumeric()) {
        return p.getDoubleValue();
      }
      return (Double) ctxt.handleUnexpectedToken(Double.class, p);
    }

    @Override
    public Double getNullValue(DeserializationContext ctxt) {
      return Double.NaN;
    }
  }
}

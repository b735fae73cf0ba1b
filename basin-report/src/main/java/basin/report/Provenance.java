package basin.report;

import basin.store.Catalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a report's numbers come from: when and by which Basin version the report was made, the
 * catalog (file name, creation time, master seed, schema version), the provenance recorded with it
 * by the run that made it (Basin version, git commit, Java, BLAS, machine, threads, start time, ...),
 * lines the caller adds (stage times of a study, for example), and the exact study spec. Immutable;
 * {@link #with} returns a copy with one more line.
 */
public final class Provenance {
  /** Keys of the catalog's recorded provenance shown first, with their labels ({@code basin sample} writes them). */
  private static final String[][] HIGHLIGHTS = {
      {"basin_version", "study run by Basin"}, {"git_commit", "git commit"}, {"java", "Java"}, {"blas", "BLAS"}, {"os", "machine"},
      {"cores", "cores"}, {"threads", "threads"}, {"started_utc", "run started (UTC)"}};

  private final String generatedUtc;
  private final String basinVersion;
  private final String catalogName;
  private final String catalogCreatedUtc;
  private final long masterSeed;
  private final int schemaVersion;
  private final SortedMap<String, String> recorded;
  private final Map<String, String> extra;
  private final String specJson;

  private Provenance(String generatedUtc, String basinVersion, String catalogName, String catalogCreatedUtc, long masterSeed,
      int schemaVersion, SortedMap<String, String> recorded, Map<String, String> extra, String specJson) {
    this.generatedUtc = Objects.requireNonNull(generatedUtc, "generatedUtc");
    this.basinVersion = Objects.requireNonNull(basinVersion, "basinVersion");
    this.catalogName = catalogName;
    this.catalogCreatedUtc = catalogCreatedUtc;
    this.masterSeed = masterSeed;
    this.schemaVersion = schemaVersion;
    this.recorded = new TreeMap<>(recorded);
    this.extra = new LinkedHashMap<>(extra);
    this.specJson = specJson;
  }

  /**
   * The provenance of a catalog's report.
   *
   * @param generatedUtc when the report is made, as it should print (passed in so output reproduces)
   * @param basinVersion the Basin version making the report
   */
  public static Provenance of(Catalog catalog, String generatedUtc, String basinVersion) {
    return new Provenance(generatedUtc, basinVersion, catalogName(catalog), catalog.createdUtc(), catalog.masterSeed(),
        catalog.schemaVersion(), catalog.provenance(), Map.of(), catalog.specJson());
  }

  /** A copy with one more line (shown after the run's lines, in the order added). */
  public Provenance with(String key, String value) {
    Map<String, String> e = new LinkedHashMap<>(extra);
    e.put(Objects.requireNonNull(key, "key"), value == null ? "-" : value);
    return new Provenance(generatedUtc, basinVersion, catalogName, catalogCreatedUtc, masterSeed, schemaVersion, recorded, e, specJson);
  }

  /** The catalog's file name ("CATALOG" for an in-memory catalog). */
  static String catalogName(Catalog catalog) {
    return catalog.file() == null || catalog.file().getFileName() == null ? "CATALOG" : catalog.file().getFileName().toString();
  }

  public String generatedUtc() {
    return generatedUtc;
  }

  public String basinVersion() {
    return basinVersion;
  }

  public String specJson() {
    return specJson;
  }

  /** The provenance section. */
  Section section() {
    ReportTable.Builder run = ReportTable.keyValues("provenance-run")
        .kv("report generated (UTC)", generatedUtc)
        .kv("report made by Basin", basinVersion)
        .kv("catalog", catalogName)
        .kv("catalog created (UTC)", catalogCreatedUtc)
        .kv("master seed", ReportTable.Cell.count(masterSeed))
        .kv("catalog schema version", ReportTable.Cell.count(schemaVersion));
    for (String[] h : HIGHLIGHTS) {
      String v = recorded.get(h[0]);
      if (v != null) run.kv(h[1], v);
    }
    extra.forEach(run::kv);
    ReportTable.Builder all = ReportTable.keyValues("provenance-recorded");
    recorded.forEach(all::kv);
    Section.Builder s = Section.builder("provenance", "Provenance").table(run.build());
    if (all.size() > 0) s.paragraph("Everything recorded with the catalog:").table(all.build());
    else s.paragraph("The catalog records no provenance of its own.");
    s.paragraph("The study spec, as the catalog stores it (canonical JSON):");
    s.code(specJson == null ? "-" : specJson);
    return s.build();
  }
}

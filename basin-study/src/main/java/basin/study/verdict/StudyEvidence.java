package basin.study.verdict;

import basin.study.StudySummary;
import java.util.List;

/**
 * Everything the verdicts read, filled by the study: each part null (or empty) when its analysis
 * has not run.
 *
 * @param summary the main configuration's summary ({@link StudySummary#of}); null when sampling has
 *     not run
 * @param sweeps growth-law fits of the distinct minima per sweep axis; empty when no sweep ran
 * @param flatness the flatness table, read by {@link FlatnessEvidence#read}; null when not run
 * @param stopGaps early-stopping stop-gaps; null when not run
 * @param catalog the catalog's file name as commands should name it, for the "not run" sentences
 */
public record StudyEvidence(StudySummary summary, List<Sweep> sweeps, FlatnessEvidence flatness, StopGaps stopGaps,
    String catalog) {
  public StudyEvidence {
    sweeps = sweeps == null ? List.of() : List.copyOf(sweeps);
    if (catalog == null || catalog.isBlank()) catalog = "CATALOG";
  }
}

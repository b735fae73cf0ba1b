/**
 * The verdicts of a study on Basin's three claims (many minima, near-global, flat), computed from the
 * numbers of its catalog.
 *
 * <p>{@link basin.study.verdict.Verdicts#of(basin.study.verdict.StudyEvidence)} reads a
 * {@link basin.study.verdict.StudyEvidence} (the main configuration's
 * {@link basin.study.StudySummary}, growth-law {@link basin.study.verdict.Sweep}s, the
 * {@link basin.study.verdict.FlatnessEvidence} of the flatness table, early-stopping
 * {@link basin.study.verdict.StopGaps}) and returns one {@link basin.study.verdict.Verdict} per
 * claim, its sentence built from the numbers and their intervals. The rules and their thresholds are
 * in {@link basin.study.verdict.Verdicts} and docs/counting.md.
 */
package basin.study.verdict;

/**
 * The verdicts of a study on Basin's three claims (many minima, near-global, flat), computed from the
 * numbers of its catalog.
 */
package basin.study.verdict;

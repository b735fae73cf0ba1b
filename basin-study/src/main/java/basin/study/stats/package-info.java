/**
 * Statistics over the hit counts and gaps of a study: how many minima there are, how fast new ones
 * turn up, what share of starts ends near the global minimum, and how the gaps are spread when each
 * minimum is weighted by its basin.
 *
 * <table>
 *   <caption>Estimators</caption>
 *   <tr><th>class</th><th>computes</th><th>reference</th></tr>
 *   <tr><td>{@link basin.study.stats.Richness}</td><td>observed classes, singletons, doubletons,
 *       sample coverage 1 - f1/N, bias-corrected Chao1 with variance and log-normal interval, ACE,
 *       iChao1 (all three lower-bound estimators, {@link basin.study.stats.RichnessEstimate})</td>
 *       <td>Chao 1984, 1987; Chao &amp; Lee 1992; Chiu et al. 2014; Colwell, EstimateS 9 User's Guide,
 *       App. B</td></tr>
 *   <tr><td>{@link basin.study.stats.CoverageExtrapolation}</td><td>improved sample coverage, richness
 *       expected at n + m starts, starts needed for a coverage target</td><td>Chao &amp; Jost 2012;
 *       Chao et al. 2014</td></tr>
 *   <tr><td>{@link basin.study.stats.DiscoveryBand}</td><td>expected discovery curve: rarefaction below
 *       the sample, extrapolation with its interval above it (the report's richness band)</td>
 *       <td>Hurlbert 1971; Chao et al. 2014</td></tr>
 *   <tr><td>{@link basin.study.stats.GrowthLaw}</td><td>power law and exponential fitted on ln y with
 *       t intervals of the exponent, AIC choice, "at least quadratic?" as yes / no / inconclusive</td>
 *       <td>Burnham &amp; Anderson 2002</td></tr>
 *   <tr><td>{@link basin.study.stats.Correlation}</td><td>Pearson with Fisher-z interval, Spearman with
 *       the Fieller-Hartley-Pearson interval, t p-values</td><td>Fisher 1921; Fieller et al. 1957</td></tr>
 *   <tr><td>{@link basin.study.stats.DiscoveryCurve}</td><td>distinct classes after the first k
 *       starts</td><td>-</td></tr>
 *   <tr><td>{@link basin.study.stats.Proportion}</td><td>binomial share with Wilson score and
 *       Clopper-Pearson exact intervals</td><td>Wilson 1927; Clopper &amp; Pearson 1934</td></tr>
 *   <tr><td>{@link basin.study.stats.WeightedQuantiles}</td><td>quantiles of values weighted by
 *       integer hit counts, type 7 on the expanded sample</td><td>Hyndman &amp; Fan 1996</td></tr>
 * </table>
 *
 * <p>Everything here is plain JDK arithmetic, deterministic and free of random draws. Bad arguments
 * (negative counts, NaN where a number is needed, a confidence level outside (0, 1)) throw
 * {@link java.lang.IllegalArgumentException} with a message that names the argument and the value.
 * The special functions behind the intervals (log-gamma, regularized incomplete beta and gamma, the
 * normal quantile) are package-private.
 */
package basin.study.stats;

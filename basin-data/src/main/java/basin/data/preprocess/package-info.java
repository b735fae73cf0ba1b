/**
 * Preprocessing of data sets: class subsets, stratified subsamples, seeded train/test splits,
 * area-weighted average pooling of square images, PCA projection and standardization, each fitted
 * on the training split only, and {@link basin.data.preprocess.Preparation}, the one pipeline the
 * command line runs.
 *
 * <p>Every random choice takes an explicit {@link java.util.SplittableRandom}; the same seed gives
 * the same result on any machine and thread count.
 */
package basin.data.preprocess;

/**
 * The problems Basin studies: a {@link basin.data.Problem} is a training set, an optional test set
 * and the {@link basin.data.GlobalReference} that says what the global minimum is, when it is known.
 *
 * <p>Value types only; they depend on nothing but {@code basin.core}. Loading lives in
 * {@code basin.data.catalog} (built-in names and user files), {@code basin.data.io} (file formats),
 * {@code basin.data.builtin} and {@code basin.data.synthetic}; preprocessing in
 * {@code basin.data.preprocess}; closed-form objectives with a known landscape in
 * {@code basin.data.closedform}.
 */
package basin.data;

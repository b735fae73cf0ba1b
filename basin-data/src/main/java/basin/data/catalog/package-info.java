/**
 * The one entry point behind every command's {@code --data} option: {@link
 * basin.data.catalog.DataSources#load} takes a built-in name ({@code mnist}), a synthetic problem
 * with parameters ({@code parity:bits=6}) or a path to a CSV, TSV, ARFF, IDX or .npy file, and
 * returns a {@link basin.data.Problem}; plus the listing and description behind {@code basin data
 * list} and {@code basin data show NAME}.
 */
package basin.data.catalog;

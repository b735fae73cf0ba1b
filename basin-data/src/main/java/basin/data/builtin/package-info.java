/**
 * Real data sets shipped in the rapaio-datasets jar (io.github.padreati:rapaio-datasets:8.1.0),
 * read from the class path with Basin's own parsers: MNIST (gzipped IDX), iris, spam-base and
 * housing (CSV) and sonar (ARFF). No rapaio code is used.
 */
package basin.data.builtin;

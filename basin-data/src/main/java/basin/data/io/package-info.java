/**
 * File formats: CSV (and the data section of ARFF), IDX (the MNIST format), and NumPy {@code .npy},
 * each written from its specification.
 *
 * <p>Every reader stops bad input at the boundary with a {@link basin.core.InputException} whose
 * one-line message names the file, the line or field, and what was expected; nothing half-read is
 * ever returned. Gzip compression is detected from the first two bytes, not from the file name.
 */
package basin.data.io;

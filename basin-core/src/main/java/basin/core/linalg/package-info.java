/** Dense kernels on flat row-major {@code double[]} arrays: matrix products and vector operations. */
package basin.core.linalg;

/** NumPy's .npy format, read and written from its specification, for arrays shared with Python. */
package basin.core.io;

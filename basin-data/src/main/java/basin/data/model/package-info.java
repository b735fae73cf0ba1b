/** MLP architectures and weights on disk (JSON + NumPy .npy), for models trained elsewhere. */
package basin.data.model;

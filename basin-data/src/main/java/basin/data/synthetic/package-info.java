/**
 * Seeded synthetic classification problems whose landscape is easy to reason about: XOR, n-bit
 * parity, Gaussian mixtures and two spirals, each with the {@link basin.data.GlobalReference} that
 * its construction implies.
 */
package basin.data.synthetic;

/**
 * Global minimum search: {@link basin.landscape.hopping.BasinHopping} (Wales and Doye 1997), a
 * Metropolis chain over local minima with a step adapted to a target acceptance rate, seeded and
 * resumable. docs/topology.md has the rules.
 */
package basin.landscape.hopping;

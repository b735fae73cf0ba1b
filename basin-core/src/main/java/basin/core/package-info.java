/**
 * The objective abstraction at the centre of Basin: a scalar function of a flat parameter vector with
 * its exact gradient, Hessian-vector product and dense Hessian.
 */
package basin.core;

/**
 * Multilayer perceptrons: architecture and parameter layout, activations, losses, initializers, and
 * the training objective with its exact gradient, Hessian-vector product and dense Hessian.
 */
package basin.core.model;

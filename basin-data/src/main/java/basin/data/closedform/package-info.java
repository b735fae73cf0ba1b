/**
 * Objectives whose landscape is known in closed form, to validate every analysis in Basin against
 * exact answers: the population loss of a two-layer ReLU student learning a ReLU teacher on
 * Gaussian inputs (arc-cosine kernel, Cho and Saul 2009), and the linear autoencoder (Baldi and
 * Hornik 1989) with its full list of critical points, their losses and Hessian indices.
 */
package basin.data.closedform;

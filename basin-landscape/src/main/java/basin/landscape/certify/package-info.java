/**
 * Certification of critical points: is the end point of an optimizer a strict minimum (modulo
 * symmetries), a degenerate minimum, a saddle (and of what index), or not a critical point at all.
 *
 * <p>{@link basin.landscape.certify.Certifier} reads the gradient norm and the Hessian spectrum
 * ({@link basin.landscape.spectral.HessianSpectrum}: dense up to a size limit, Lanczos above) and
 * discounts the zero eigenvalues that the model's continuous symmetries force
 * ({@link basin.landscape.symmetry.MlpSymmetry}); the outcome is a
 * {@link basin.landscape.certify.Certificate} with a {@link basin.landscape.certify.CriticalPointClass}.
 * The rules and their tolerances are documented on {@link basin.landscape.certify.Certifier}.
 *
 * <p>Networks whose first hidden layer is ReLU or leaky ReLU usually stop on kinks, where the
 * gradient does not vanish; the certifier then refines the point onto its kink manifold and checks
 * the nonsmooth conditions (Clarke stationarity with multipliers strictly inside [0, 1], the Hessian
 * on the kink manifold), package-private {@code KinkRefinement}; docs/kinks.md derives them.
 */
package basin.landscape.certify;

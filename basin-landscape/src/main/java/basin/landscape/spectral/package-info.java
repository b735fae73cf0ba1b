/**
 * Eigenvalues of Hessians: the full spectrum of small dense matrices and the extreme eigenvalues of
 * large ones that are known only through Hessian-vector products.
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>class</th><th>computes</th><th>cost</th><th>reference</th></tr>
 *   <tr><td>{@link basin.landscape.spectral.DenseSpectrum}</td><td>all eigenvalues (ascending) and
 *       optionally orthonormal eigenvectors of a dense symmetric matrix</td><td>O(n^3) flops, n^2
 *       doubles</td><td>LAPACK dsyevd (divide and conquer) from the native OpenBLAS when it is
 *       loaded ({@link basin.core.linalg.NativeBlas}), otherwise EJML 0.44 symmetric QR (Householder
 *       tridiagonalization, implicit QR); Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed.,
 *       Alg. 8.3.3 and 8.4</td></tr>
 *   <tr><td>{@link basin.landscape.spectral.Lanczos}</td><td>a few smallest and/or largest
 *       eigenvalues, residual norms, optionally Ritz vectors</td><td>one operator application
 *       (Hessian-vector product) per iteration plus O(m n) for full reorthogonalization; (m + 1) n
 *       doubles for a basis of m vectors</td><td>thick-restart Lanczos: Wu &amp; Simon, SIAM J.
 *       Matrix Anal. Appl. 22 (2000) 602-616; Stewart's Krylov-Schur, SIAM J. Matrix Anal. Appl. 23
 *       (2001) 601-614; Parlett, <i>The Symmetric Eigenvalue Problem</i>, Ch. 13</td></tr>
 *   <tr><td>{@link basin.landscape.spectral.HessianSpectrum}</td><td>facade for an
 *       {@link basin.core.Objective} at a point: dense below a size limit, Lanczos above</td>
 *       <td>dense: one {@code Objective.hessian}; Lanczos: as above</td><td>-</td></tr>
 *   <tr><td>{@link basin.landscape.spectral.ExtremeEigenpairs}</td><td>the k largest and k smallest
 *       eigenpairs from one Lanczos run, with recomputed residuals ||A v - lambda v||</td><td>Lanczos
 *       iterations + 2k products</td><td>as Lanczos</td></tr>
 *   <tr><td>{@link basin.landscape.spectral.TraceEstimator}</td><td>tr(A) by Hutchinson and Hutch++
 *       with standard errors; ||A||_F^2 from the same probes</td><td>m products</td><td>Hutchinson
 *       1989; Meyer, Musco, Musco &amp; Woodruff, SOSA 2021</td></tr>
 *   <tr><td>{@link basin.landscape.spectral.SpectralDensity}</td><td>spectral density by stochastic
 *       Lanczos quadrature: Gaussian-broadened density, interval masses, tr f(A)</td><td>L m
 *       products</td><td>Ubaru, Chen &amp; Saad, SIMAX 2017; Ghorbani, Krishnan &amp; Xiao, ICML
 *       2019</td></tr>
 * </table>
 *
 * <p>Operators are {@link basin.landscape.spectral.SymmetricOperator}s: a dimension and a product
 * {@code apply(v, out)}. Every random draw (the Lanczos start vector and restart vectors after an
 * exact breakdown; stochastic probes through {@link basin.landscape.spectral.ProbeVectors}) comes
 * from an explicit seed.
 *
 * <p>NaN and Inf: a dense matrix with a non-finite entry has all eigenvalues NaN; an operator that
 * returns a non-finite product ends Lanczos with status BREAKDOWN and NaN eigenvalues. Nothing
 * throws for numerical reasons; bad arguments (lengths, counts, tolerances) throw
 * {@link java.lang.IllegalArgumentException} with the offending value in the message.
 */
package basin.landscape.spectral;

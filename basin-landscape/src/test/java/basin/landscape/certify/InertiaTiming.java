package basin.landscape.certify;

import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.spectral.DenseSpectrum;
import basin.landscape.spectral.HessianSpectrum;
import basin.landscape.spectral.SymmetricOperator;
import java.util.Locale;

/**
 * Wall-clock timing of dense certification, eigendecomposition against inertia (not a unit test; run
 * by hand, see docs/certification.md). Arguments: widths, e.g. {@code 64 32 10}, then the number of
 * examples. Certifies a random tanh network at its initialization (the gradient tolerance is raised so
 * that the spectrum is always computed) and prints the parts: Hessian, dsyevd, two dsytrf, Lanczos.
 */
public final class InertiaTiming {
  private InertiaTiming() {}

  public static void main(String[] args) {
    int examples = Integer.parseInt(args[args.length - 1]);
    int[] widths = new int[args.length - 1];
    for (int i = 0; i < widths.length; i++) widths[i] = Integer.parseInt(args[i]);
    Mlp model = Mlp.of(Activation.TANH, true, widths);
    MlpObjective f = Networks.regression(model, examples, 0.0, 3);
    double[] w = Initializer.normal(1.0).initialize(model, 7);
    int p = model.parameterCount();
    System.out.printf(Locale.ROOT, "P = %d, examples = %d, native LAPACK %b, load %s%n", p, examples, DenseSpectrum.usesNativeLapack(), load());
    Certifier.Config base = Certifier.Config.defaults().withGradientTolerance(1e10);
    boolean parts = !"false".equals(System.getProperty("parts"));
    long t0 = System.nanoTime();
    double[] h = null;
    if (parts) {
      h = new double[p * p];
      f.hessian(w, h);
      long t1 = System.nanoTime();
      Inertia.Counts c = Inertia.counts(h, p, 1e-6);
      long t2 = System.nanoTime();
      HessianSpectrum.Result lz = HessianSpectrum.lanczos(SymmetricOperator.hessian(f, w), base.spectrumOptions());
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "parts: hessian %.2f s, two dsytrf %.2f s %s, Lanczos %.2f s (%d HVPs, converged %b)%n", sec(t1 - t0),
          sec(t2 - t1), c, sec(t3 - t2), lz.hessianVectorProducts(), lz.converged());
      long t4 = System.nanoTime();
      double[] lambda = DenseSpectrum.eigenvalues(h, p);
      long t5 = System.nanoTime();
      System.out.printf(Locale.ROOT, "parts: dsyevd %.2f s (lambda_min %.4g, lambda_max %.4g)%n", sec(t5 - t4), lambda[0], lambda[p - 1]);
      double lift = 1.0 - lambda[0]; // H + lift I is positive definite: the counts take the Cholesky shortcut twice
      for (int i = 0; i < p; i++) h[i * p + i] += lift;
      long t6 = System.nanoTime();
      Inertia.Counts pd = Inertia.counts(h, p, 1e-6);
      long t7 = System.nanoTime();
      System.out.printf(Locale.ROOT, "parts: counts of H + %.3g I (two dpotrf) %.2f s %s%n", lift, sec(t7 - t6), pd);
      h = null;
    }
    for (String name : System.getProperty("methods", "EIGENVALUES,INERTIA").split(",")) {
      Certifier.DenseMethod m = Certifier.DenseMethod.valueOf(name);
      Certifier cert = new Certifier(base.withDenseMethod(m));
      long s = System.nanoTime();
      Certificate r = cert.certify(f, model, w, null);
      long e = System.nanoTime();
      System.out.printf(Locale.ROOT, "%-11s %7.2f s  %s neg/zero/pos %d/%d/%d  HVPs %d  load %s%n", m, sec(e - s), r.classification(),
          r.negativeCount(), r.zeroCount(), r.positiveCount(), r.hessianVectorProducts(), load());
    }
  }

  private static double sec(long ns) {
    return ns * 1e-9;
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}

package basin.bench;

import basin.core.data.Dataset;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.landscape.certify.Certificate;
import basin.landscape.certify.Certifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Certifies one point of a P = 10,000 network, Basin only (the README's goal: under 30 s on 2
 * cores): a tanh MLP 100-90-10 with biases (P = 10,000) on 200 seeded N(0, 1) regression examples,
 * MSE, Glorot-normal weights, certified by {@link SpectralRuns#certifier()} (defaults, INERTIA, the
 * gradient tolerance raised so that the initial point is treated as critical: see
 * {@link SpectralRuns}). The network of docs/certification.md's P = 10000 timing. One run, no
 * warm-up (a run is tens of seconds; compilation is a small part of it); prints one JSON sample
 * line with the certificate's class and counts.
 */
@Command(name = "certify-large", mixinStandardHelpOptions = true,
    description = "Times the certificate of one point of a P = 10,000 tanh MLP (Basin only).")
final class CertifyLargeCommand implements Callable<Integer> {

  @Option(names = "--widths", split = ",", description = "layer widths (default 100,90,10: P = 10,000)")
  int[] widths = {100, 90, 10};

  @Option(names = "--examples", description = "regression examples (default ${DEFAULT-VALUE})")
  int examples = 200;

  @Option(names = "--seed", description = "seed of data and weights (default ${DEFAULT-VALUE})")
  long seed = BenchProblem.DEFAULT_SEED;

  @Option(names = "--round", description = "round number written to the line (default ${DEFAULT-VALUE})")
  int round = 1;

  @Override
  public Integer call() {
    if (widths.length < 2 || examples < 1 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
      System.err.println("basin-bench certify-large: --widths needs at least two widths >= 1 and --examples >= 1, got "
          + Arrays.toString(widths) + " and " + examples);
      return 2;
    }
    Mlp model = Mlp.of(Activation.TANH, true, widths);
    SplittableRandom random = new SplittableRandom(seed);
    int d = widths[0];
    int k = widths[widths.length - 1];
    double[] x = new double[examples * d];
    double[] y = new double[examples * k];
    for (int i = 0; i < x.length; i++) x[i] = Initializer.gaussian(random);
    for (int i = 0; i < y.length; i++) y[i] = Initializer.gaussian(random);
    MlpObjective f = new MlpObjective(model, Dataset.regression("certify-large", examples, d, x, k, y), Loss.MSE, 0.0);
    double[] w = new double[model.parameterCount()];
    Initializer.glorotNormal().initialize(model, random, w);
    Certifier certifier = SpectralRuns.certifier();
    long t0 = System.nanoTime();
    Certificate c = SpectralRuns.certify(certifier, f, w);
    double ms = (System.nanoTime() - t0) / 1e6;
    String name = "P" + model.parameterCount();
    System.out.println(BasinTimings.sampleLine(round, name, "certify", new double[] {ms}, String.format(Locale.ROOT,
        ",\"network\":\"%s tanh\",\"class\":\"%s\",\"index\":%d,\"nullity\":%d,\"positive\":%d,\"method\":\"%s\"",
        Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-")), c.classification(), c.negativeCount(),
        c.zeroCount(), c.positiveCount(), c.method())));
    return 0;
  }
}

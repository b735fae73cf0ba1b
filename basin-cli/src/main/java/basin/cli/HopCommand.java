package basin.cli;

import basin.core.InputException;
import basin.landscape.hopping.BasinHopping;
import basin.study.HopRunner;
import basin.study.StudySpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin hop}: basin hopping from a catalog's minimum, to test whether the best sampled minimum is the global one. */
@Command(name = "hop", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Basin hopping (Wales and Doye 1997) from a minimum of a catalog (the lowest, or --from ID): each hop displaces the current "
          + "minimum uniformly by up to S in every coordinate, minimizes and certifies with the study's own optimizer chain, and "
          + "moves there by the Metropolis rule at temperature T; S adapts to a target acceptance rate every --interval hops.",
      "Every hop goes into the catalog's hop_minima table with its origin (exported by basin export); running again with the "
          + "same settings and more --hops continues the chain. Prints whether basin hopping improved on the best sampled minimum. "
          + "Given a study spec instead of a catalog, it first samples the spec's starts into --catalog (as basin sample does)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the chain ran", "1:internal error (hops run are kept)", "2:bad input"})
final class HopCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CATALOG-or-SPEC", description = "A study's catalog, or a study spec (then --catalog is required).")
  Path input;

  @Option(names = "--catalog", paramLabel = "PATH", description = "With a spec: the catalog to sample into and hop in.")
  Path catalogOption;

  @Option(names = "--from", paramLabel = "ID", defaultValue = "-1", description = "Start from this minimum. Default: the lowest.")
  int from;

  @Option(names = "--hops", paramLabel = "N", defaultValue = "100", description = "Hops in all (a resumed chain counts its stored hops). Default: ${DEFAULT-VALUE}.")
  int hops;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.01", description = "Metropolis temperature, in loss units (0: only improvements). Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(names = "--step", paramLabel = "S", defaultValue = "0.5", description = "Initial half-width of the displacement per coordinate. Default: ${DEFAULT-VALUE}.")
  double step;

  @Option(names = "--acceptance", paramLabel = "A", defaultValue = "0.5", description = "Target acceptance rate of the step adaptation. Default: ${DEFAULT-VALUE}.")
  double acceptance;

  @Option(names = "--interval", paramLabel = "N", defaultValue = "10", description = "Hops per step adaptation. Default: ${DEFAULT-VALUE}.")
  int interval;

  @Option(names = "--stop-below", paramLabel = "LOSS", description = "Stop once a minimum with loss <= LOSS is found. Default: run every hop.")
  Double stopBelow;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the chain. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "With a spec: threads for sampling its starts. Default: all cores.")
  Integer threads;

  @Mixin SharedOptions.Quiet quiet;

  @Mixin SharedOptions.Verbose verbose;

  @Override
  public Integer call() {
    if (hops < 0) throw new InputException("--hops: expected >= 0, got " + hops);
    if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) throw new InputException("--temperature: expected a finite number >= 0, got " + temperature);
    if (!(step > 0 && step < Double.POSITIVE_INFINITY)) throw new InputException("--step: expected a finite number > 0, got " + step);
    if (!(acceptance > 0 && acceptance < 1)) throw new InputException("--acceptance: expected a rate in (0, 1), got " + acceptance);
    if (interval < 1) throw new InputException("--interval: expected >= 1, got " + interval);
    if (stopBelow != null && Double.isNaN(stopBelow)) throw new InputException("--stop-below: expected a loss, got NaN");
    BasinHopping.Config config = new BasinHopping.Config(hops, temperature, step, acceptance, interval, 0.9,
        stopBelow == null ? Double.NEGATIVE_INFINITY : stopBelow, seed);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path catalog = SpecOrCatalog.resolve(input, catalogOption, null, threads, quiet.on, out, err, "basin hop");
    SampleCommand.ProgressDisplay progress = quiet.on ? null : new SampleCommand.ProgressDisplay(err, System.console() != null, "hops");
    HopRunner.Run r = HopRunner.run(catalog, null, new HopRunner.Options(from, config), progress == null ? null : progress::update);
    if (progress != null) progress.finish();
    BasinHopping.State s = r.result().state();
    int done = s.next();
    out.printf(Locale.ROOT, "hopping    %d hops from minimum %d (loss %.10g): %d run now, %d replayed from the catalog, in %.1f s%s%n", done,
        r.start().minimumId(), r.start().trainLoss(), r.hopsRun(), r.hopsReplayed(), r.wallNanos() / 1e9,
        r.result().status() == BasinHopping.Status.TARGET_REACHED ? "; stopped: a minimum below " + stopBelow + " was found" : "");
    out.printf(Locale.ROOT, "chain      T %s, %d accepted (%.1f%%), step %s at the start, %.4g now (target acceptance %s)%n", temperature, s.accepted(),
        done == 0 ? 0.0 : 100.0 * s.accepted() / done, step, s.step(), acceptance);
    out.printf(Locale.ROOT, "minima     %d hops ended at a certified minimum, %d of them at a minimum not among the sampled ones%n",
        r.minimaHops(), r.newMinima());
    String where = s.bestHop() < 0 ? "the start itself" : "hop " + s.bestHop() + (r.bestCatalogMinimum() >= 0
        ? ", sampled minimum " + r.bestCatalogMinimum() : ", a minimum not among the sampled ones");
    out.printf(Locale.ROOT, "best       loss %.10g (%s)%n", s.bestValue(), where);
    out.printf(Locale.ROOT, "sampled    best sampled minimum %d, loss %.10g%n", r.sampledBest().minimumId(), r.sampledBest().trainLoss());
    double lossTol;
    try (basin.store.Catalog c = basin.store.Catalog.open(catalog)) {
      lossTol = StudySpec.fromCanonicalJson(c.specJson()).tolerances().loss();
    }
    if (r.improved(lossTol)) {
      out.printf(Locale.ROOT, "verdict    basin hopping improved on the best sampled minimum by %.6g%n", r.sampledBest().trainLoss() - s.bestValue());
    } else {
      out.printf(Locale.ROOT, "verdict    basin hopping did not improve on the best sampled minimum%n");
    }
    if (!Double.isNaN(r.reference())) {
      out.printf(Locale.ROOT, "reference  global minimum %.10g (exact): the chain's best is %.3e above it%n", r.reference(), s.bestValue() - r.reference());
    }
    out.flush();
    return ExitCodes.OK;
  }
}

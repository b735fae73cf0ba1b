package basin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes each configuration's data and parameters as raw little-endian files, plus
 * {@code problems.json} with the shapes, for {@code bench/torch_bench.py}:
 * <pre>
 *   DIR/problems.json
 *   DIR/A/x.f64 (n x d)  y.f64 (n x k, MSE) or y.i32 (n, labels)  w0.f64  w1.f64  v.f64 (P)
 *   DIR/A/start_0.f64 ... (with --starts N: start points of the certified-minimum benchmark)
 *   DIR/B/rademacher.i8 (100 x P, +1/-1)  lanczos_start.f64 (P)   (B and C: probes of the spectral rows)
 * </pre>
 * The probes are those of {@link SpectralRuns}: row i of {@code rademacher.i8} is Basin's Hutchinson
 * (and SLQ) probe i, {@code lanczos_start.f64} the unnormalized start vector of its Lanczos run;
 * {@code problems.json} also gives the spectral rows' products, probes and steps.
 * With {@code --check}, also Basin's loss, gradient, HVP, Hessian and eigenvalues at w0
 * ({@code basin_*.f64}, see {@link BasinTimings#writeCheck}).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Writes problems A, B, C for PyTorch.")
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--dir", required = true, description = "output directory (created)")
  Path dir;

  @Option(names = "--seed", description = "master seed (default ${DEFAULT-VALUE})")
  long seed = BenchProblem.DEFAULT_SEED;

  @Option(names = "--configs", split = ",", description = "configurations (default A,B,C)")
  List<BenchConfig> configs = List.of(BenchConfig.values());

  @Option(names = "--starts", description = "also write the first N start points of the certified-minimum benchmark (start_I.f64) for A (default ${DEFAULT-VALUE})")
  int starts = 0;

  @Option(names = "--check", description = "also write Basin's results at w0 for the agreement check")
  boolean check;

  @Override
  public Integer call() {
    try {
      Files.createDirectories(dir);
      StringBuilder json = new StringBuilder();
      json.append(String.format(Locale.ROOT, "{\"seed\": %d,%n  \"spectral\": {\"top\": %d, \"lanczos_products\": %d, "
          + "\"trace_probes\": %d, \"slq_probes\": %d, \"slq_steps\": %d},%n  \"configs\": {", seed, SpectralRuns.TOP_COUNT,
          SpectralRuns.LANCZOS_PRODUCTS, SpectralRuns.TRACE_PROBES, SpectralRuns.SLQ_PROBES, SpectralRuns.SLQ_STEPS));
      for (int c = 0; c < configs.size(); c++) {
        BenchConfig config = configs.get(c);
        BenchProblem problem = BenchProblem.create(config, seed);
        Path sub = dir.resolve(config.name());
        Files.createDirectories(sub);
        RawArrayFiles.writeDoubles(sub.resolve("x.f64"), problem.data().inputs());
        String yFile;
        if (problem.data().isClassification()) {
          yFile = "y.i32";
          RawArrayFiles.writeInts(sub.resolve(yFile), problem.data().labels());
        } else {
          yFile = "y.f64";
          RawArrayFiles.writeDoubles(sub.resolve(yFile), problem.data().targets());
        }
        RawArrayFiles.writeDoubles(sub.resolve("w0.f64"), problem.w0());
        RawArrayFiles.writeDoubles(sub.resolve("w1.f64"), problem.w1());
        RawArrayFiles.writeDoubles(sub.resolve("v.f64"), problem.v());
        if (config == BenchConfig.A) {
          for (int i = 0; i < starts; i++) {
            RawArrayFiles.writeDoubles(sub.resolve("start_" + i + ".f64"), problem.start(i));
          }
        }
        if (config == BenchConfig.B || config == BenchConfig.C) {
          int p = problem.parameterCount();
          RawArrayFiles.writeBytes(sub.resolve("rademacher.i8"), SpectralRuns.rademacherProbes(SpectralRuns.SEED, SpectralRuns.TRACE_PROBES, p));
          RawArrayFiles.writeDoubles(sub.resolve("lanczos_start.f64"), SpectralRuns.lanczosStart(SpectralRuns.SEED, p));
        }
        if (check) {
          BasinTimings.writeCheck(problem, sub);
        }
        if (c > 0) json.append(',');
        json.append(String.format(Locale.ROOT,
            "%n  \"%s\": {\"widths\": [%s], \"activation\": \"%s\", \"loss\": \"%s\", \"bias\": %b, \"n\": %d, \"params\": %d, "
                + "\"y\": \"%s\", \"dense_hessian\": %b, \"gradient_flops\": %.1f}",
            config.name(),
            Arrays.stream(config.widths()).mapToObj(Integer::toString).collect(Collectors.joining(", ")),
            config.activation().label(), config.loss().label(), config.bias(), config.examples(), problem.parameterCount(),
            yFile, config.hasDenseHessian(), config.gradientFlops()));
      }
      json.append(String.format("%n}}%n"));
      Files.writeString(dir.resolve("problems.json"), json.toString(), StandardCharsets.UTF_8);
      return 0;
    } catch (IOException e) {
      System.err.println("basin-bench export: cannot write to " + dir + ": " + e.getMessage());
      return 1;
    }
  }
}

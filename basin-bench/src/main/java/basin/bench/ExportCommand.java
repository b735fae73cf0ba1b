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
 * </pre>
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
      json.append(String.format(Locale.ROOT, "{\"seed\": %d, \"configs\": {", seed));
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

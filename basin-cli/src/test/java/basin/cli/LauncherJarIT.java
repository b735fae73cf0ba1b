package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded launcher jar as users run it ({@code java -jar basin.jar}), after the package phase:
 * it runs on the bundled native OpenBLAS, and on Java 22 and later (Temurin 25 where the machine has
 * it) it prints no restricted-method warning (issue 11: Enable-Native-Access in the manifest).
 */
class LauncherJarIT {

  private static Path jar() {
    Path jar = Path.of(System.getProperty("basin.jar", "target/basin.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " (the shaded jar) is missing");
    return jar;
  }

  private static String[] run(Path java, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8)};
  }

  @Test
  void versionNamesTheBundledNativeBlas() throws Exception {
    String[] r = run(Path.of(System.getProperty("java.home"), "bin", "java"), "--version");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("JNIBLAS") && r[1].contains("bundled with Basin"), r[1]);
  }

  @Test
  void noNativeAccessWarningOnNewJdks() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    Path java25 = null;
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> s = Files.list(jvms)) {
        java25 = s.filter(d -> d.getFileName().toString().contains("25")).map(d -> d.resolve("bin/java")).filter(Files::isExecutable)
            .findFirst().orElse(null);
      }
    }
    assumeTrue(java25 != null, "no Java 25 under /usr/lib/jvm");
    String[] r = run(java25, "--version");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("JVM: 25"), r[1]);
    assertFalse(r[2].contains("WARNING"), r[2]);
  }

  @Test
  void doctorReportsTheNativeBlasAndADgemmRate() throws Exception {
    String[] r = run(Path.of(System.getProperty("java.home"), "bin", "java"), "doctor", "--size", "300", "--seconds", "0.2");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("(native)") && r[1].lines().anyMatch(l -> l.startsWith("dgemm      300 x 300 x 300: ")), r[1]);
  }
}

package basin.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the bundled OpenBLAS in its jar and extracting it atomically, also by several extractors
 * at once. Linux x86-64 only: the platform whose OpenBLAS jar the build resolves here.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class BundledOpenBlasTest {

  private static BundledOpenBlas bundle() throws IOException {
    return BundledOpenBlas.find(BundledOpenBlasTest.class.getClassLoader(), "linux-x86_64").orElseThrow();
  }

  @Test
  void classifiersOfPlatforms() {
    assertEquals(Optional.of("linux-x86_64"), BundledOpenBlas.classifier("Linux", "amd64"));
    assertEquals(Optional.of("linux-arm64"), BundledOpenBlas.classifier("Linux", "aarch64"));
    assertEquals(Optional.of("macosx-x86_64"), BundledOpenBlas.classifier("Mac OS X", "x86_64"));
    assertEquals(Optional.of("macosx-arm64"), BundledOpenBlas.classifier("Mac OS X", "aarch64"));
    assertEquals(Optional.empty(), BundledOpenBlas.classifier("Windows 11", "amd64"));
    assertEquals(Optional.empty(), BundledOpenBlas.classifier("Linux", "ppc64le"));
    assertEquals("libopenblas.0.dylib", BundledOpenBlas.mainLibraryName("macosx-arm64"));
  }

  @Test
  void findsOpenBlasAndItsRuntimeButNotTheJniWrappers() throws IOException {
    BundledOpenBlas b = bundle();
    assertEquals("0.3.31-1.5.13", b.version());
    assertEquals("openblas-0.3.31-1.5.13-linux-x86_64", b.directoryName());
    List<String> names = b.libraries().stream().map(BundledOpenBlas.Library::name).collect(Collectors.toList());
    assertEquals(List.of("libgcc_s.so.1", "libgfortran.so.5", "libopenblas.so.0", "libquadmath.so.0"), names);
    assertEquals(List.of("libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0"), b.loadOrder());
    assertEquals(Optional.of("libgcc_s.so.1"), b.gccRuntime());
    for (BundledOpenBlas.Library l : b.libraries()) {
      assertTrue(l.size() > 0 && l.crc() >= 0, l.toString());
    }
  }

  /** Extractors started together (threads here, processes below) end with one complete copy and no leftovers. */
  @Test
  void concurrentExtractionsEndWithOneCompleteCopy(@TempDir Path cache) throws Exception {
    BundledOpenBlas b = bundle();
    int threads = 3;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return b.extractTo(cache);
        }));
      }
      for (Future<Path> f : results) {
        assertEquals(cache.resolve(b.directoryName()), f.get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    assertIdenticalToJar(b, cache.resolve(b.directoryName()));
    assertEquals(List.of(b.directoryName()), list(cache), "nothing but the extracted directory is left");
  }

  @Test
  void concurrentProcessesEndWithOneCompleteCopy(@TempDir Path cache) throws Exception {
    BundledOpenBlas b = bundle();
    String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), Extract.class.getName(), cache.toString())
          .redirectErrorStream(true).start());
    }
    for (Process p : processes) {
      String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES));
      assertEquals(0, p.exitValue(), output);
      assertEquals(cache.resolve(b.directoryName()).toString(), output.trim());
    }
    assertIdenticalToJar(b, cache.resolve(b.directoryName()));
    assertEquals(List.of(b.directoryName()), list(cache));
  }

  /** The extractor run by {@link #concurrentProcessesEndWithOneCompleteCopy}: prints the directory. */
  static final class Extract {
    public static void main(String[] args) throws IOException {
      System.out.println(bundle().extractTo(Path.of(args[0])));
    }
  }

  @Test
  void truncatedFileIsDetectedAndReplaced(@TempDir Path cache) throws IOException {
    BundledOpenBlas b = bundle();
    Path dir = b.extractTo(cache);
    Path gfortran = dir.resolve("libgfortran.so.5");
    byte[] bytes = Files.readAllBytes(gfortran);
    Files.write(gfortran, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertFalse(b.isComplete(dir));
    assertEquals(dir, b.extractTo(cache));
    assertIdenticalToJar(b, dir);
    assertEquals(List.of(b.directoryName()), list(cache));
  }

  @Test
  void unwritableCacheFailsCleanlyAndThePrivateTempFallbackWorks(@TempDir Path tmp) throws IOException {
    BundledOpenBlas b = bundle();
    // a regular file where the cache directory should be: no directory can be created under it
    // (permissions would not do: the tests may run as root)
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    assertThrows(IOException.class, () -> b.extractTo(file.resolve("basin")));
    Path dir = b.extractToPrivateTemp(tmp);
    assertTrue(dir.getFileName().toString().startsWith("basin-" + b.directoryName() + "-"), dir.toString());
    assertIdenticalToJar(b, dir);
  }

  private static void assertIdenticalToJar(BundledOpenBlas b, Path dir) throws IOException {
    assertTrue(b.isComplete(dir));
    assertEquals(b.libraries().size(), list(dir).size(), list(dir).toString());
    for (BundledOpenBlas.Library l : b.libraries()) {
      Path p = dir.resolve(l.name());
      assertEquals(l.size(), Files.size(p), l.name());
      CRC32 crc = new CRC32();
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0;) {
          crc.update(buffer, 0, n);
        }
      }
      assertEquals(l.crc(), crc.getValue(), l.name());
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
